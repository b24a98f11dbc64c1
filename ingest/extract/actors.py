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
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from actorgraph.graph.gazetteer import Gazetteer
from actorgraph.graph.model import Actor
from actorgraph.graph.names import bare_descriptor, default_name_rules, normalise_name, ranked_keys
from actorgraph.ingest.extract.dictionary import Dictionary
from actorgraph.ingest.extract.lexicon import PhraseIndex
from actorgraph.ingest.extract.tokens import Token, is_arabic, normalised
from actorgraph.ingest.extract.word_shapes import (
    FUNCTION_WORDS,
    definite,
    inner_punct,
    lowercase_word,
    plausible_dictionary_match,
    title_case_tokens,
)
from actorgraph.ingest.resolution import Resolver

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
    modifier: bool = False  # an adjective on the mention before it ("الحسكة السورية"): not an argument


@dataclass
class ActorPatterns:
    """Word lists of the patterns (from data/triggers.yaml: agents, roles, heads)."""

    agents: PhraseIndex
    roles: PhraseIndex
    role_links: frozenset[str]
    heads: frozenset[str]
    name_heads: dict[str, str] = field(default_factory=dict)  # head word -> actor type
    name_stop: frozenset[str] = frozenset()
    apposition: PhraseIndex = field(default_factory=PhraseIndex)  # "X, an ISIS facilitator"

    def __post_init__(self) -> None:
        self._starters = frozenset(self.heads) | frozenset(self.name_heads) | self.agents.first_words()

    def is_function_word(self, token: Token) -> bool:
        """Prepositions, particles and lexicon words never name an actor."""
        return any(b in FUNCTION_WORDS for b in token.bases) or bool(self.agents.match_at([token], 0))

    def could_start(self, bases: tuple[str, ...]) -> bool:
        """Whether a head anaphor, an agent or an unknown organisation may start with this word."""
        return any(b in self._starters for b in bases)


@dataclass
class MentionFinder:
    """Finds the actor mentions of one article; new actors go to `inline` (id -> Actor)."""

    gazetteer: Gazetteer
    patterns: ActorPatterns
    article_id: str
    language: str
    dictionary: Dictionary | None = None
    inline: dict[str, Actor] = field(default_factory=dict)
    key_words: frozenset[str] = frozenset()
    #: surface -> gazetteer result, shared by the articles extracted with one gazetteer (names
    #: recur: the same n-grams are looked up again and again)
    cache: dict[str, tuple[str, str, float] | None] = field(default_factory=dict)
    text: str = ""
    publisher: str | None = None  # the article's publisher, an actor id when known

    # ------------------------------------------------------------------ main loop
    def find(self, text: str, tokens: Sequence[Token]) -> list[FoundMention]:
        self._local_keys: dict[str, str] = {}
        self._local_words: set[str] = set()
        self._name_like = [self._may_be_name(t) if not t.is_punct else inner_punct(tokens, t.index)
                           for t in tokens]
        self._headline = self.headline = title_case_tokens(text, tokens)
        # a name never runs across a line break ("...الصحفي\nالبيت الأبيض")
        self._line_start = {t.index for t in tokens[1:] if "\n" in text[tokens[t.index - 1].end:t.start]}
        found: list[FoundMention] = []
        heads: list[tuple[str, str]] = list(self.publisher_heads())  # (head noun, actor id), text order
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
        token = tokens[i]
        if token.is_punct:
            return None
        if not (self._name_like[i] or token.text[:1].isupper() or self.patterns.could_start(token.bases)):
            return None  # no rule can start here: most words of a text
        return (self._named(text, tokens, i, found)
                or self._head_anaphor(text, tokens, i, heads)
                or self._acronym(text, tokens, i)
                or self._agent(text, tokens, i)
                or self._unknown_name(text, tokens, i))

    # ------------------------------------------------------------------ gazetteer and dictionary
    def _named(self, text: str, tokens: Sequence[Token], i: int, found: list[FoundMention]) -> FoundMention | None:
        name_like = self._name_like
        if not name_like[i]:
            return None
        last = i  # the run of words that may belong to a name, punctuation inside names included
        while last + 1 < len(tokens) and last + 1 - i < MAX_NAME_WORDS + 2 and name_like[last + 1] \
                and last + 1 not in self._line_start and (
                not tokens[last + 1].is_punct or inner_punct(tokens, last + 1)):
            last += 1
        for j in range(last, i - 1, -1):
            if tokens[j].is_punct or (j == i and lowercase_word(tokens[i])):
                continue  # "is" is no name though "IS" is an alias: one English word must be capitalised
            surface = text[tokens[i].start:tokens[j].end]
            hit = self._resolve(surface, found)
            if hit is not None:
                actor_id, rule, confidence = hit
                return FoundMention(i, j, tokens[i].start, tokens[j].end, surface, actor_id, rule, confidence)
        return None

    def _may_be_name(self, token: Token) -> bool:
        if self.dictionary is not None and self.dictionary.has_word(token):
            return True
        # a one-letter initial ("ج" in "أنتوني ج. بلينكن") has no base forms: its own form counts
        return any(b in self.key_words or b in self._local_words for b in token.bases or (token.norm,))

    def _resolve(self, surface: str, found: list[FoundMention]) -> tuple[str, str, float] | None:
        if _bare_descriptor(surface) is not None:
            return self._descriptor_anaphor(surface, found)
        if surface in self.cache:
            hit = self.cache[surface]
        else:
            hit = self.cache[surface] = self._lookup(surface)
        if hit is None or hit[1] == "dictionary":
            regime = self._regime_of(surface)
            if regime is not None:
                return regime
        if (hit is None or hit[1] == "dictionary") and found:
            short = self._short_form(surface, found)
            if short is not None:
                return short
        if hit is not None and hit[1] == "dictionary":
            entry = self.dictionary.lookup(surface, self.language) if self.dictionary is not None else None
            if entry is None:  # never: the hit came from this dictionary
                return None
            return self._inline(entry.name, entry.type, "dictionary", entry.description), "dictionary", 0.5
        if hit is None and self._local_keys:
            for key in ranked_keys(surface, mention=True):
                if key in self._local_keys:
                    return self._local_keys[key], "unknown-name", 0.35
        return hit

    def _regime_of(self, surface: str) -> tuple[str, str, float] | None:
        """"النظام السوري", "the Syrian regime", "Iranian regime": a regime named by its state's
        adjective is that state (the government speaking or acting for it)."""
        words = normalised(surface).split()
        if len(words) != 2:
            return None
        if words[0] in _REGIME_WORDS:
            rest = surface.split(None, 1)[1]
        elif words[1] == "regime":  # English puts the adjective first; Arabic "روسيا والنظام" is two actors
            rest = surface.split(None, 1)[0]
        else:
            return None
        hit = self._lookup(rest)
        state = self.gazetteer.get(hit[0]) if hit and hit[0] else None
        if hit and state is not None and state.type == "State":
            return hit[0], "regime", 0.6
        return None

    def _short_form(self, surface: str, found: list[FoundMention]) -> tuple[str, str, float] | None:
        """"وزارة الخارجية" after "وزارة الخارجية الأمريكية": a name that begins an earlier,
        longer name in the article (two words at least) is its short form."""
        key = normalised(surface)
        if " " not in key:
            return None
        prefixes = self._prefixes_of(found)
        return (prefixes[key], "short-form", 0.6) if key in prefixes else None

    def _prefixes_of(self, found: list[FoundMention]) -> dict[str, str]:
        """Word prefixes (two words or more, the whole name excluded) of the gazetteer names found so
        far -> the latest actor so named; kept up to date as `found` grows, so each look-up is one
        dictionary access instead of a scan of every earlier mention (long texts)."""
        if getattr(self, "_prefix_source", None) is not found:
            self._prefix_source, self._prefix_count, self._prefixes = found, 0, {}
        for m in found[self._prefix_count:]:
            if m.rule == "gazetteer":
                words = normalised(m.text).split()
                for n in range(2, len(words)):
                    self._prefixes[" ".join(words[:n])] = m.actor
        self._prefix_count = len(found)
        return self._prefixes

    def lookup_name(self, surface: str) -> str | None:
        """The known actor (gazetteer, dictionary or earlier in the article) named exactly `surface`."""
        hit = self._resolve(surface, [])
        return hit[0] if hit is not None and hit[0] else None

    def _remember(self, name: str, actor_id: str) -> None:
        """Keys of a name first met in this article ("تنظيم داعش" -> داعش): later mentions of it
        ("لداعش", "التنظيم") resolve to the same new actor."""
        for key in ranked_keys(name):
            self._local_keys.setdefault(key, actor_id)
            self._local_words.update(key.split())

    def _lookup(self, surface: str) -> tuple[str, str, float] | None:
        """Gazetteer (then dictionary) result for a surface; independent of the article."""
        exact = self.gazetteer.ids_named(surface)
        if len(exact) == 1:
            return exact[0], "gazetteer", 0.95
        scored = self.gazetteer.matches(surface)
        if scored and (len(scored) == 1 or scored[0][1] < scored[1][1]) and scored[0][1] <= 3:
            return scored[0][0], "gazetteer", 0.9 - 0.1 * scored[0][1]
        if self.dictionary is not None:
            entry = self.dictionary.lookup(surface, self.language)
            if entry is not None and plausible_dictionary_match(surface, entry.type):
                return "", "dictionary", 0.5
        return None

    def _descriptor_anaphor(self, surface: str, found: list[FoundMention]) -> tuple[str, str, float] | None:
        """Ingest's own anaphora rule (Resolver), over a scratch gazetteer of the antecedents only,
        so the placeholder actor it makes when there is no antecedent stays out of the real one."""
        descriptor = _bare_descriptor(surface)
        if descriptor is None:
            return None
        antecedents = [(m.text, m.actor) for m in found if descriptor in normalise_name(m.text)]  # cheap prefilter
        if not antecedents:
            return None
        known = {a: self.gazetteer.get(a) or self.inline.get(a) for _, a in antecedents}
        scratch = Gazetteer({a: actor for a, actor in known.items() if actor is not None})
        actor, how = Resolver(scratch).resolve(surface, language=self.language, antecedents=antecedents)
        return (actor.id, "anaphora-descriptor", 0.7) if how == "anaphora" else None

    # ------------------------------------------------------------------ anaphora by head noun
    def publisher_heads(self) -> list[tuple[str, str]]:
        """"the Department", "الوزارة" in a press release with no earlier antecedent: the publisher
        (when it is a known actor) is the first antecedent of the head nouns of its own names."""
        actor = self.publisher_actor()
        if actor is None:
            return []
        words = {b for name in actor.names() for w in normalise_name(name).split()
                 for b in (w, w[2:] if w.startswith("ال") else w)}
        return [(h, actor.id) for h in sorted(words & self.patterns.heads)]

    def publisher_actor(self) -> Actor | None:
        """The known actor that published the article (an id or a name, e.g. "U.S. Department of
        State"; a parenthesis after it, "U.S. Central Command (DVIDS)", names the outlet and is cut)."""
        if not self.publisher:
            return None
        actor = self.gazetteer.get(self.publisher)
        for name in (self.publisher, self.publisher.split("(", 1)[0].strip()):
            if actor is None and name:
                hit = self._lookup(name)
                actor = self.gazetteer.get(hit[0]) if hit and hit[0] else None
        return actor

    def _heads_of(self, tokens: Sequence[Token], mention: FoundMention) -> list[str]:
        heads = [b for t in tokens[mention.first:mention.last + 1] for b in t.bases if b in self.patterns.heads]
        if mention.first > 0:
            heads += [b for b in tokens[mention.first - 1].bases if b in self.patterns.heads]
        return heads

    def _head_anaphor(self, text: str, tokens: Sequence[Token], i: int,
                      heads: list[tuple[str, str]]) -> FoundMention | None:
        """"السجن" / "the prison", or a head in the construct state with a definite noun
        ("سجن المدينة": the prison of the city), refers to the latest actor named with that head."""
        token = tokens[i]
        names = {b for b in token.bases if b in self.patterns.heads}
        if not names:
            return None
        definite = any(b.startswith("ال") for b in token.bases) or (i > 0 and tokens[i - 1].norm in _DEICTIC) \
            or (not is_arabic(token.text) and token.text[:1].isupper())  # "Department Spokesperson"
        last = i
        if not definite and i + 1 < len(tokens) and is_arabic(token.text) \
                and any(b.startswith("ال") and b[2:] in self.patterns.heads for b in tokens[i + 1].bases):
            last = i + 1  # "سجن المدينة": the complement is itself a generic head, not a name
        elif not definite:
            return None
        for head, actor_id in reversed(heads):
            if head in names:
                return FoundMention(i, last, token.start, tokens[last].end, text[token.start:tokens[last].end],
                                    actor_id, "anaphora-head", 0.55)
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

    def _unknown_name(self, text: str, tokens: Sequence[Token], i: int) -> FoundMention | None:
        """A name nobody listed: "مجلس النواب" (an organisation head and its definite complements)
        or "Rapid Support Forces" / "Ghassan Salame" (capitalised words); a new actor for review."""
        if is_arabic(tokens[i].text):
            return self._arabic_organisation(text, tokens, i)
        return self._capitalised_run(text, tokens, i)

    def _arabic_organisation(self, text: str, tokens: Sequence[Token], i: int) -> FoundMention | None:
        head = next((b for b in tokens[i].bases if b in self.patterns.name_heads), None)
        if head is None:
            return None
        last = i
        while last + 1 < len(tokens) and last - i < 4 and definite(tokens[last + 1]) \
                and last + 1 not in self._line_start and not self._known_at(text, tokens, last + 1) \
                and not self.patterns.roles.match_at(tokens, last + 1):  # "مكتب المتحدث باسم ...": a role
            last += 1
        if last == i and self._before_a_name(tokens, i) and not self._known_at(text, tokens, i + 1):
            last = i + 1  # "تنظيم داعش", "ميليشيا قسد": a descriptor names what follows it
        if last == i:
            return None
        core = " ".join([head] + [t.norm for t in tokens[i + 1:last + 1]])
        label = text[tokens[i].start:tokens[last].end]
        kind = self.patterns.name_heads[head]
        actor_id = self._inline(core, kind, "unknown-name", None, label=label)
        self._remember(label, actor_id)
        if kind in ("Location", "Facility") and last > i:
            self._remember(text[tokens[i + 1].start:tokens[last].end], actor_id)  # "الحسكة" after "مدينة الحسكة"
        return FoundMention(i, last, tokens[i].start, tokens[last].end, label, actor_id, "unknown-name", 0.35)

    def _before_a_name(self, tokens: Sequence[Token], i: int) -> bool:
        """A name descriptor (data/name_rules.yaml: تنظيم, ميليشيا, قوات ...) followed by an
        indefinite Arabic word that is no trigger or cue: that word is a name."""
        if i + 1 >= len(tokens) or tokens[i + 1].is_punct or not is_arabic(tokens[i + 1].text):
            return False
        place = self.patterns.name_heads.get(next((b for b in tokens[i].bases if b in self.patterns.name_heads), ""))
        descriptor = any(b in default_name_rules().descriptors for b in tokens[i].bases)
        if not descriptor and place not in ("Location", "Facility"):
            return False
        following = tokens[i + 1]
        return not definite(following) and len(following.norm) >= 3 and not self.patterns.is_function_word(following)

    def _known_at(self, text: str, tokens: Sequence[Token], k: int) -> bool:
        """A gazetteer or dictionary name starts at token k: an unknown name stops before it."""
        return self._name_like[k] and self._named(text, tokens, k, []) is not None

    def _capitalised_run(self, text: str, tokens: Sequence[Token], i: int) -> FoundMention | None:
        token = tokens[i]
        if not token.text[:1].isupper() or token.norm in self.patterns.name_stop or i in self._headline:
            return None
        if token.text.isupper() and 2 <= len(token.text) <= 6 and token.text.isalpha():
            actor_id = self._inline(token.text, "Organization", "unknown-name", None)
            return FoundMention(i, i, token.start, token.end, token.text, actor_id, "unknown-name", 0.3)
        last = i
        while last + 1 < len(tokens) and last - i < 5 and last + 1 not in self._line_start:
            nxt = tokens[last + 1]
            if self._known_at(text, tokens, last + 1):
                break
            if nxt.text[:1].isupper() and nxt.norm not in self.patterns.name_stop:
                last += 1
            elif inner_punct(tokens, last + 1) and last + 2 < len(tokens) and tokens[last + 2].text[:1].isupper():
                last += 2
            else:
                break
        words = [t for t in tokens[i:last + 1] if not t.is_punct]
        if len(words) < 2 or any(self.patterns.roles.match_at(tokens, w.index) for w in words):
            return None  # "Department Spokesperson" is a role, not a name
        heads = self.patterns.name_heads
        kind = next((heads[w.norm] for w in reversed(words) if w.norm in heads), None)
        if kind is None:
            if len(words) > 3:
                return None
            kind = "Person"
        label = text[tokens[i].start:tokens[last].end]
        actor_id = self._inline(label, kind, "unknown-name", None)
        self._remember(label, actor_id)
        return FoundMention(i, last, tokens[i].start, tokens[last].end, label, actor_id, "unknown-name", 0.35)

    def person_after_role(self, text: str, tokens: Sequence[Token], first: int) -> FoundMention | None:
        """The name after a role phrase: "، فرهاد الشامي،", "(عبادة محمد)", "Farhad Shami"."""
        i = first
        while i < len(tokens) and tokens[i].text in ("،", ",", "("):
            i += 1
        if i in getattr(self, "_line_start", set()):
            return None  # the next line ("بيان صحفي") is no name of the role's holder
        words: list[Token] = []
        arabic = i < len(tokens) and is_arabic(tokens[i].text)
        line_start = getattr(self, "_line_start", set())
        while i < len(tokens) and len(words) < 3 and not tokens[i].is_punct and (not words or i not in line_start):
            if (not arabic and not tokens[i].text[:1].isupper()) or (words and self._joins_next(tokens[i])):
                break
            words.append(tokens[i])
            i += 1
        # a name ends the phrase, or "و" joins the next item to it ("ستيفاني ويليامز وبعثة الأمم المتحدة")
        ends = i >= len(tokens) or tokens[i].is_punct or i in line_start or self._joins_next(tokens[i])
        if len(words) < 2 or (arabic and not ends):
            return None
        surface = text[words[0].start:words[-1].end]
        hit = self._resolve(surface, [])
        known = self.gazetteer.get(hit[0]) if hit is not None else None
        if known is not None and known.type != "Person":
            return None
        actor_id = hit[0] if hit else self._inline(surface, "Person", "role-name", None)
        return FoundMention(words[0].index, words[-1].index, words[0].start, words[-1].end, surface, actor_id,
                            hit[1] if hit else "role-name", hit[2] if hit else 0.6)

    def _joins_next(self, token: Token) -> bool:
        """An Arabic "و" opening a definite word or an organisation head: the next item of a list
        ("وبعثة", "والمجلس"), never part of a name before it ("ويليامز" keeps its و)."""
        return is_arabic(token.text) and token.norm.startswith("و") and any(
            b.startswith("ال") or b in self.patterns.name_heads for b in token.bases[1:])

    # ------------------------------------------------------------------ inline actors
    def type_of(self, actor_id: str) -> str | None:
        """The type of a gazetteer or inline actor (None when unknown)."""
        actor = self.gazetteer.get(actor_id) or self.inline.get(actor_id)
        return actor.type if actor else None

    def new_actor(self, name: str, actor_type: str, rule: str) -> str:
        """A new actor for review that a pattern outside this class found (its id)."""
        return self._inline(name, actor_type, rule, None)

    def _inline(self, name: str, actor_type: str, rule: str, description: str | None,
                aliases: tuple[str, ...] = (), label: str | None = None) -> str:
        from actorgraph.ingest.resolution import new_actor_id
        actor_id = new_actor_id(name)
        if actor_id not in self.inline:
            note = REVIEW_NOTE.format(rule=rule) + (f"; {description}" if description else "")
            labels = {"ar" if is_arabic(name) else "en": label or name}
            self.inline[actor_id] = Actor(id=actor_id, type=actor_type, labels=labels, aliases=aliases,
                                          description=note, origin="inline")
        return actor_id


_DEICTIC = frozenset({"the", "these", "this", "those", "that"})  # "These militias": the ones just named
_REGIME_WORDS = frozenset({"النظام", "نظام", "والنظام", "للنظام", "بالنظام", "regime"})


@lru_cache(maxsize=1 << 16)
def _bare_descriptor(surface: str) -> str | None:
    return bare_descriptor(surface)


def key_words_of(gazetteer: Gazetteer) -> frozenset[str]:
    """Every word of every matching key of the gazetteer: a token with none of these (in any of
    its proclitic readings) cannot be part of a gazetteer name, which prunes most n-grams."""
    words: set[str] = set()
    for actor in gazetteer.actors.values():
        for name in actor.names():
            for key in ranked_keys(name):
                words.update(key.split())
                words.update("ال" + w for w in key.split())
            # the tokenizer splits "Kata’ib" at the apostrophe: the pieces of such words belong to a name too
            words.update(normalised(piece) for word in name.split() if _INNER_SPLIT.search(word)
                         for piece in _INNER_SPLIT.split(word) if piece)
    return frozenset(words)


_INNER_SPLIT = re.compile(r"[’'\-.]+")

