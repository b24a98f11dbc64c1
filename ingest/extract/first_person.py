"""Whether a verb is the statement's own first person ("نرحب", "we welcome", "We remain committed
to working with A to support B", "We offer ... and again condemn X"): then its subject is the
statement's authors, whom no actor mention in the sentence names."""
from __future__ import annotations

from actorgraph.ingest.extract.attach import Sentence
from actorgraph.ingest.extract.lexicon import Match
from actorgraph.ingest.extract.tokens import CLAUSE_PUNCTUATION


def first_person(sentence: Sentence, trigger: Match) -> bool:
    """"نرحب", "ندعو" (the verb's ن prefix) or "we welcome": the statement's authors speak."""
    if trigger.kind not in ("verb", "participle"):
        return False
    token = sentence.tokens[trigger.first]
    if trigger.entry.language == "en":
        # "we welcome", "we remain committed to working with": "we" shortly before, no actor between
        for k in range(trigger.first - 1, max(sentence.first, trigger.first - 5) - 1, -1):
            if sentence.tokens[k].norm in ("we", "i"):
                return not any(k < m.first < trigger.first for m in sentence.mentions)
            if sentence.tokens[k].text in CLAUSE_PUNCTUATION:
                return _purpose_of_we(sentence, trigger)
        return _purpose_of_we(sentence, trigger) or _second_verb_of_we(sentence, trigger)
    if any(t.norm in _WE_AR for t in sentence.tokens[max(sentence.first, trigger.first - 2):trigger.first]):
        return True  # "نحن ممتنون", "إننا ندين": the pronoun names the speaker
    return not trigger.entry.head.startswith("ن") and any(
        b.startswith("ن") and b[1:].startswith(trigger.entry.head[:2].lstrip("ا")[:1]) for b in token.bases)


_WE_AR = frozenset({"نحن", "اننا", "وانا", "ونحن", "فاننا"})


_ASKING = frozenset({"urge", "urges", "call", "calls", "ask", "asks", "press", "encourage", "demand", "want",
                     "invite", "on", "upon", "help", "enable", "allow"})


def _second_verb_of_we(sentence: Sentence, trigger: Match) -> bool:
    """"We offer our condolences to the families ... and again condemn the Houthis": a verb joined by
    "and" (an adverb between at most) to a clause opened by "we", no actor and no clause break between."""
    tokens = sentence.tokens
    k = trigger.first - 1
    if (k > sentence.first and tokens[k].norm.endswith("ly")) or tokens[k].norm in ("again", "also"):
        k -= 1
    if k <= sentence.first or tokens[k].norm != "and":
        return False
    for j in range(k - 1, max(sentence.first, k - 16) - 1, -1):
        if tokens[j].text in CLAUSE_PUNCTUATION or any(m.first <= j <= m.last for m in sentence.mentions):
            return False
        if tokens[j].norm == "we" and j == sentence.first:
            return True
    return False


def _purpose_of_we(sentence: Sentence, trigger: Match) -> bool:
    """"We remain committed to working with A, B and C to support D": an infinitive in a sentence
    whose subject is "we" is done by "we", unless someone was asked or helped to do it ("we urge
    A to ...", "we help A to ...")."""
    tokens = sentence.tokens
    opening = next((t for t in tokens[sentence.first:sentence.last + 1] if not t.is_punct), None)
    if opening is None or opening.norm != "we" or trigger.first - 1 <= sentence.first \
            or tokens[trigger.first - 1].norm != "to":
        return False
    return not any(t.norm in _ASKING for t in tokens[sentence.first:trigger.first - 1])
