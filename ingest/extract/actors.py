"""Actor mentions in raw text: gazetteer names, dictionary candidates, anaphora, patterns.

Order of evidence, strongest first (each mention records its `rule`):

1. `gazetteer`: a word sequence whose normalised keys meet one actor's (graph.gazetteer.matches,
   so proclitics, article and descriptors are folded exactly as ingest resolution folds them);
2. `anaphora-descriptor`: a bare descriptor ("التنظيم") resolved by ingest.resolution.Resolver to
   the latest earlier mention that used it; `anaphora-head`: a bare head noun ("السجن",
   "the city") refers to the latest actor named with that head ("سجن الصناعة", "مدينة الحسكة");
3. `dictionary`: an entry of the converted event dictionaries (data/dictionaries), a new actor
   typed from its CAMEO code and flagged for review;
4. patterns for names nobody listed (`role-name`, `acronym`) and generic agents (`agent`), each a
   new inline actor flagged for review.

Longest match wins, left to right; a mention never overlaps another.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from graph.gazetteer import Gazetteer
from graph.model import Actor
from graph.names import bare_descriptor, normalise_name, ranked_keys
from ingest.extract.lexicon import PhraseIndex
from ingest.extract.tokens import CLAUSE_PUNCTUATION, Token, is_arabic
from ingest.resolution import Resolver

MAX_NAME_WORDS = 6
REVIEW_NOTE = "extracted: suggested by actorgraph extract ({rule}); review before use"
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]{1,7}$")


@dataclass(slots=True)
class FoundMention:
    first: int  # token indices, inclusive
    last: int
    start: int
    end: int
    text: str
    actor: str
    rule: str
    confidence: float


@dataclass
class ActorPatterns:
    """Word lists of the patterns (from data/triggers.yaml: agents, roles, heads)."""

    agents: PhraseIndex
    roles: PhraseIndex
    role_links: frozenset[str]
    heads: frozenset[str]


@dataclass
class MentionFinder:
    """Finds the actor mentions of one article; new actors go to `inline` (id -> Actor)."""

    gazetteer: Gazetteer
    patterns: ActorPatterns
    article_id: str
    language: str
    dictionary: object | None = None  # ingest.extract.dictionary.Dictionary
    inline: dict[str, Actor] = field(default_factory=dict)
    key_words: frozenset[str] = frozenset()

    # ------------------------------------------------------------------ main loop
    def find(self, text: str, tokens: Sequence[Token]) -> list[FoundMention]:
        found: list[FoundMention] = []
        heads: list[tuple[str, str]] = []  # (head noun, actor id), text order
        i = 0
        while i < len(tokens):
            mention = self._at(text, tokens, i, found, heads)
            if mention is None:
                i += 1
                continue
            found.append(mention)
            heads.extend((h, mention.actor) for h in self._heads_of(tokens, mention))
            i = mention.last + 1
        return found

    def _at(self, text: str, tokens: Sequence[Token], i: int, found: list[FoundMention],
            heads: list[tuple[str, str]]) -> FoundMention | None:
        if tokens[i].is_punct:
            return None
        return (self._named(text, tokens, i, found)
                or self._head_anaphor(text, tokens, i, heads)
                or self._acronym(text, tokens, i)
                or self._agent(text, tokens, i))

    # ------------------------------------------------------------------ gazetteer and dictionary
    def _named(self, text: str, tokens: Sequence[Token], i: int, found: list[FoundMention]) -> FoundMention | None:
        last = i
        while last + 1 < len(tokens) and last + 1 - i < MAX_NAME_WORDS and not tokens[last + 1].is_punct:
            last += 1
        for j in range(last, i - 1, -1):
            if not all(self._may_be_name(tokens[k]) for k in range(i, j + 1)):
                continue
            surface = text[tokens[i].start:tokens[j].end]
            hit = self._resolve(surface, found)
            if hit is not None:
                actor_id, rule, confidence = hit
                return FoundMention(i, j, tokens[i].start, tokens[j].end, surface, actor_id, rule, confidence)
        return None

    def _may_be_name(self, token: Token) -> bool:
        if self.dictionary is not None and self.dictionary.has_word(token):
            return True
        return any(b in self.key_words for b in token.bases)

    def _resolve(self, surface: str, found: list[FoundMention]) -> tuple[str, str, float] | None:
        if bare_descriptor(surface) is not None:
            return self._descriptor_anaphor(surface, found)
        exact = self.gazetteer.ids_named(surface)
        if len(exact) == 1:
            return exact[0], "gazetteer", 0.95
        scored = self.gazetteer.matches(surface)
        if scored and (len(scored) == 1 or scored[0][1] < scored[1][1]) and scored[0][1] <= 3:
            return scored[0][0], "gazetteer", 0.9 - 0.1 * scored[0][1]
        if self.dictionary is not None:
            entry = self.dictionary.lookup(surface, self.language)
            if entry is not None:
                return self._inline(entry.name, entry.type, "dictionary", entry.description), "dictionary", 0.5
        return None

    def _descriptor_anaphor(self, surface: str, found: list[FoundMention]) -> tuple[str, str, float] | None:
        """Ingest's own anaphora rule (Resolver), over a scratch gazetteer of the antecedents only,
        so the placeholder actor it makes when there is no antecedent stays out of the real one."""
        antecedents = [(m.text, m.actor) for m in found]
        known = {a: self.gazetteer.get(a) or self.inline.get(a) for _, a in antecedents}
        scratch = Gazetteer({a: actor for a, actor in known.items() if actor is not None})
        actor, how = Resolver(scratch).resolve(surface, language=self.language, antecedents=antecedents)
        return (actor.id, "anaphora-descriptor", 0.7) if how == "anaphora" else None

    # ------------------------------------------------------------------ anaphora by head noun
    def _heads_of(self, tokens: Sequence[Token], mention: FoundMention) -> list[str]:
        heads = [b for b in tokens[mention.first].bases if b in self.patterns.heads]
        if mention.first > 0:
            heads += [b for b in tokens[mention.first - 1].bases if b in self.patterns.heads]
        return heads

    def _head_anaphor(self, text: str, tokens: Sequence[Token], i: int,
                      heads: list[tuple[str, str]]) -> FoundMention | None:
        token = tokens[i]
        definite = any(b.startswith("ال") for b in token.bases) or (
            i > 0 and tokens[i - 1].norm == "the")
        if not definite:
            return None
        names = {b for b in token.bases if b in self.patterns.heads}
        for head, actor_id in reversed(heads):
            if head in names:
                return FoundMention(i, i, token.start, token.end, token.text, actor_id, "anaphora-head", 0.55)
        return None

    # ------------------------------------------------------------------ patterns
    def _acronym(self, text: str, tokens: Sequence[Token], i: int) -> FoundMention | None:
        """"(HAT)" after a name: the words before the parenthesis name a new actor, alias HAT."""
        token = tokens[i]
        if not (_ACRONYM.match(token.text) and 0 < i and tokens[i - 1].text == "("
                and i + 1 < len(tokens) and tokens[i + 1].text == ")"):
            return None
        words = [t for t in tokens[max(0, i - 3):i - 1] if not t.is_punct]
        name = text[words[0].start:words[-1].end] + f" ({token.text})" if words else token.text
        actor_id = self._inline(name, "ArmedGroup", "acronym", None, aliases=(token.text,))
        return FoundMention(i, i, token.start, token.end, token.text, actor_id, "acronym", 0.5)

    def _agent(self, text: str, tokens: Sequence[Token], i: int) -> FoundMention | None:
        matches = self.patterns.agents.match_at(tokens, i)
        if not matches:
            return None
        match = matches[0]
        surface = text[tokens[i].start:tokens[match.last].end]
        actor_id = f"{self.article_id}.{match.payload}"
        if actor_id not in self.inline:
            label = {"ar" if is_arabic(surface) else "en": surface}
            self.inline[actor_id] = Actor(id=actor_id, type="Collective", labels=label,
                                          description=REVIEW_NOTE.format(rule="agent") + "; scoped to this article",
                                          origin="inline")
        return FoundMention(i, match.last, tokens[i].start, tokens[match.last].end, surface, actor_id, "agent", 0.5)

    def person_after_role(self, text: str, tokens: Sequence[Token], first: int) -> FoundMention | None:
        """The name after a role phrase: "، فرهاد الشامي،", "(عبادة محمد)", "Farhad Shami"."""
        i = first
        while i < len(tokens) and tokens[i].text in ("،", ",", "("):
            i += 1
        words: list[Token] = []
        arabic = i < len(tokens) and is_arabic(tokens[i].text)
        while i < len(tokens) and len(words) < 3 and not tokens[i].is_punct:
            if not arabic and not tokens[i].text[:1].isupper():
                break
            words.append(tokens[i])
            i += 1
        if len(words) < 2 or (arabic and i < len(tokens) and not tokens[i].is_punct):
            return None
        surface = text[words[0].start:words[-1].end]
        hit = self._resolve(surface, [])
        if hit is not None and self.gazetteer.get(hit[0]) and self.gazetteer.get(hit[0]).type != "Person":
            return None
        actor_id = hit[0] if hit else self._inline(surface, "Person", "role-name", None)
        return FoundMention(words[0].index, words[-1].index, words[0].start, words[-1].end, surface, actor_id,
                            hit[1] if hit else "role-name", hit[2] if hit else 0.6)

    # ------------------------------------------------------------------ inline actors
    def _inline(self, name: str, actor_type: str, rule: str, description: str | None,
                aliases: tuple[str, ...] = ()) -> str:
        from ingest.resolution import new_actor_id
        actor_id = new_actor_id(name)
        if actor_id not in self.inline:
            note = REVIEW_NOTE.format(rule=rule) + (f"; {description}" if description else "")
            label = {"ar" if is_arabic(name) else "en": name}
            self.inline[actor_id] = Actor(id=actor_id, type=actor_type, labels=label, aliases=aliases,
                                          description=note, origin="inline")
        return actor_id


def key_words_of(gazetteer: Gazetteer) -> frozenset[str]:
    """Every word of every matching key of the gazetteer: a token with none of these (in any of
    its proclitic readings) cannot be part of a gazetteer name, which prunes most n-grams."""
    words: set[str] = set()
    for actor in gazetteer.actors.values():
        for name in actor.names():
            for key in ranked_keys(name):
                words.update(key.split())
                words.update("ال" + w for w in key.split())
    return frozenset(words)


def is_clause_break(token: Token) -> bool:
    return token.text in CLAUSE_PUNCTUATION


def normalised(text: str) -> str:
    return normalise_name(text)
