"""Argument attachment: which two actor mentions a trigger relates, by the trigger's frame.

Word order is what decides, as in the grammar books: an Arabic verb takes its subject right after
it (VSO, "هاجم داعش السجن") or before it (SVO, "داعش هاجم السجن"); a verbal noun takes its agent
in the construct state right after it ("هجوم داعش على السجن", "هجوم جديد لداعش") or after an
agentive phrase ("من قبل", "by"), and its object after a preposition (على, ضد, on, against);
"بين X و Y" coordinates the two sides of a symmetric relation; "المدعومة من X" / "backed by X"
puts the supported actor before the trigger; English is SVO, with the passive "was attacked by X".
Mentions are only looked for inside the sentence, and a clause break (comma, colon, quote) between
a trigger and an argument lowers the confidence.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from ingest.extract.actors import FoundMention
from ingest.extract.lexicon import Lexicon, Match
from ingest.extract.tokens import CLAUSE_PUNCTUATION, Token

_PASSIVE_AUXILIARIES = frozenset({"was", "were", "been", "is", "are", "be", "being", "got"})
_FRAME_CONFIDENCE = {"verb": 0.6, "participle": 0.5, "noun": 0.55, "between": 0.65, "by": 0.65, "by-reverse": 0.6}
_VICTIM_AGENTS = (".prisoners", ".civilians")


@dataclass(frozen=True, slots=True)
class Attached:
    subject: FoundMention
    object: FoundMention
    trigger: Match
    rule: str
    confidence: float


class Sentence:
    """The tokens and mentions of one sentence, with the look-ups the frames need."""

    def __init__(self, tokens: Sequence[Token], first: int, last: int, mentions: list[FoundMention]) -> None:
        self.tokens = tokens
        self.first, self.last = first, last
        self.mentions = [m for m in mentions if first <= m.first and m.last <= last]

    def breaks_between(self, a: int, b: int) -> int:
        """Clause punctuation tokens strictly between token indices a and b."""
        return sum(1 for t in self.tokens[a + 1:b] if t.text in CLAUSE_PUNCTUATION)

    def words_between(self, a: int, b: int) -> int:
        return sum(1 for t in self.tokens[a + 1:b] if not t.is_punct)

    def after(self, index: int, max_words: int, cross_clause: bool = False) -> FoundMention | None:
        for m in self.mentions:
            if m.first > index:
                if self.words_between(index, m.first) > max_words:
                    return None
                if not cross_clause and self.breaks_between(index, m.first) and not _only_quotes(self, index, m.first):
                    return None
                return m
        return None

    def before(self, index: int, max_words: int, cross_clause: bool = False,
               skip_victims: bool = False) -> FoundMention | None:
        for m in reversed(self.mentions):
            if m.last < index:
                if skip_victims and m.actor.endswith(_VICTIM_AGENTS):
                    continue
                if self.words_between(m.last, index) > max_words:
                    return None
                if not cross_clause and self.breaks_between(m.last, index):
                    return None
                return m
        return None


def _only_quotes(sentence: Sentence, a: int, b: int) -> bool:
    return all(t.text in '"«»' for t in sentence.tokens[a + 1:b] if t.text in CLAUSE_PUNCTUATION)


def attach(sentence: Sentence, trigger: Match, lexicon: Lexicon) -> Attached | None:
    """The subject and object of `trigger` in `sentence`, or None when the frame finds no pair."""
    frame = trigger.kind
    arabic = trigger.entry.language == "ar"
    pair = _FRAMES[frame](sentence, trigger, lexicon, arabic)
    if pair is None:
        return None
    subject, obj, rule = pair
    if subject is None or obj is None or subject.actor == obj.actor:
        return None
    confidence = _FRAME_CONFIDENCE[frame]
    span = (min(subject.first, obj.first, trigger.first), max(subject.last, obj.last, trigger.last))
    if sentence.breaks_between(*span):
        confidence -= 0.1
    return Attached(subject, obj, trigger, rule, round(confidence, 2))


def _verb(s: Sentence, t: Match, lexicon: Lexicon, arabic: bool):
    if arabic:
        first = s.after(t.last, 2)
        if first is None:
            return None
        second = s.after(first.last, 4)
        if second is not None:
            return first, second, "ar-verb-vso"
        return s.before(t.first, 6), first, "ar-verb-svo"
    previous = s.tokens[t.first - 1].norm if t.first > s.first else ""
    following = s.tokens[t.last + 1].norm if t.last < s.last else ""
    if previous in _PASSIVE_AUXILIARIES or following == "by":
        agent = _agent_after(s, t, lexicon)
        return (agent, s.before(t.first, 4), "en-verb-passive") if agent else None
    return s.before(t.first, 6), s.after(t.last, 4), "en-verb-svo"


def _participle(s: Sentence, t: Match, lexicon: Lexicon, arabic: bool):
    return s.before(t.first, 12, cross_clause=True), s.after(t.last, 3), "participle"


def _agent_after(s: Sentence, t: Match, lexicon: Lexicon) -> FoundMention | None:
    """The actor after an agentive phrase ("من قبل X", "by X") within four words of the trigger."""
    for i in range(t.last + 1, min(s.last, t.last + 5) + 1):
        matches = lexicon.agentive.match_at(s.tokens, i)
        if matches:
            return s.after(matches[0].last, 1)
    return None


def _object_after_preposition(s: Sentence, start: int, lexicon: Lexicon) -> FoundMention | None:
    for i in range(start + 1, min(s.last, start + 6) + 1):
        if s.tokens[i].text in CLAUSE_PUNCTUATION:
            return None
        if s.tokens[i].norm in lexicon.object_prepositions:
            return s.after(i, 2)
    return None


def _noun(s: Sentence, t: Match, lexicon: Lexicon, arabic: bool):
    agent = _agent_after(s, t, lexicon)
    if agent is not None:
        obj = _object_after_preposition(s, agent.last, lexicon) or s.before(t.first, 3)
        return agent, obj, "noun-agentive"
    if arabic:
        subject = s.after(t.last, 2)
    else:
        subject = s.before(t.first, 1)
    if subject is None:
        return None
    obj = _object_after_preposition(s, max(subject.last, t.last), lexicon) or s.after(max(subject.last, t.last), 6)
    return subject, obj, "ar-noun-construct" if arabic else "en-noun-modifier"


def _between(s: Sentence, t: Match, lexicon: Lexicon, arabic: bool):
    for i in range(t.last + 1, min(s.last, t.last + 4) + 1):
        if s.tokens[i].norm in lexicon.between:
            first = s.after(i, 1)
            second = s.after(first.last, 1) if first else None
            return first, second, "between"
    agent = _agent_after(s, t, lexicon)
    if agent is not None:
        return agent, s.after(agent.last, 1), "between-agentive"
    return None


def _by(s: Sentence, t: Match, lexicon: Lexicon, arabic: bool):
    obj = s.after(t.last, 2)
    if obj is None:
        return None
    return s.before(t.first, 8, cross_clause=True, skip_victims=True), obj, "by"


def _by_reverse(s: Sentence, t: Match, lexicon: Lexicon, arabic: bool):
    if t.first == s.first or s.tokens[t.first - 1].text not in "-‐–":
        return None
    backer = s.before(t.first, 0, cross_clause=True)
    return (s.after(t.last, 2), backer, "x-backed") if backer else None


_FRAMES = {"verb": _verb, "participle": _participle, "noun": _noun, "between": _between,
           "by": _by, "by-reverse": _by_reverse}
