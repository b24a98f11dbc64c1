"""Who claims it and how: reported speech, denial, negation and hedges around a trigger.

- A reporting verb (قال، أكد، أعلن، صرّح; said, told, announced) before the trigger makes its
  subject the claimant; a source phrase (بحسب، نقلاً عن، وفقاً لـ، مزاعم; according to) anywhere in
  the sentence makes the actor after it the claimant.
- A denial cue (نفى، نافياً، كذّب; denied, rejected reports) before the trigger sets polarity
  `denied` and makes the denier the claimant; a negation (لم، لن، لا; not, never) right before the
  trigger sets `negated`.
- Hedges lower certainty: قد/ربما/may -> possible, يُعتقد/likely -> probable, مزاعم/allegedly ->
  alleged (the strongest doubt in the sentence before the trigger wins).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from actorgraph.ingest.extract.actors import FoundMention
from actorgraph.ingest.extract.attach import Sentence
from actorgraph.ingest.extract.lexicon import Match

_DOUBT = {"certain": 0, "probable": 1, "possible": 2, "alleged": 3}
NEGATION_WINDOW = 2
HEDGE_WINDOW = 6


@dataclass(frozen=True, slots=True)
class Voice:
    claimant: str | None
    polarity: str
    certainty: str
    cue: Match | None  # the reporting or denial cue that set the claimant


def speaker(s: Sentence, cue: Match, persons: dict[int, FoundMention]) -> FoundMention | None:
    """The actor who speaks through `cue`: after a source phrase; after (VSO) or before (SVO) an
    Arabic reporting verb; before ("X said") or after ("said X") an English one. An organisation
    followed by its spokesperson's name ("متحدث قسد، فرهاد الشامي") speaks through that person."""
    arabic = cue.entry.language == "ar"
    if cue.kind == "cue-source":
        found = s.after(cue.last, 2)
    elif arabic:
        found = s.after(cue.last, 2) or s.before(cue.first, 4)
    else:
        content_follows = cue.last < s.last and s.tokens[cue.last + 1].norm == "that"  # "reports that X ..."
        found = s.before(cue.first, 3) or (None if content_follows else _last_of_name_run(s, cue.last))
    if found is not None and found.first in persons:
        return persons[found.first]
    return found


def voice(s: Sentence, trigger_first: int, cues: Sequence[Match], persons: dict[int, FoundMention],
          exclude: tuple[str, ...] = ()) -> Voice:
    """The claimant, polarity and certainty of a claim whose trigger starts at token `trigger_first`."""
    claimant, polarity, certainty, source_cue = None, "asserted", "certain", None
    reporting = [c for c in cues if c.kind in ("cue-verb", "cue-source", "denial")
                 and (c.first < trigger_first or (c.kind == "cue-source" and _closes_sentence(s, c))
                      or (c.kind == "cue-verb" and c.entry.language == "en" and _closes_sentence(s, c)))]
    for cue in sorted(reporting, key=lambda c: (c.kind == "cue-source", -c.first)):
        who = speaker(s, cue, persons)
        if cue.kind == "denial":
            polarity = "denied"
            who = who or _last_speaker(s, cues, cue, persons)
        if who is not None and who.actor not in exclude:
            claimant, source_cue = who.actor, cue
            break
        if who is not None and cue.kind == "denial":
            claimant, source_cue = who.actor, cue
            break
    for cue in cues:
        if cue.kind == "negation" and 0 <= s.words_between(cue.last, trigger_first) < NEGATION_WINDOW \
                and cue.last < trigger_first and polarity == "asserted":
            polarity = "negated"
        if cue.kind == "hedge" and cue.first < trigger_first and _DOUBT[cue.payload] > _DOUBT[certainty] \
                and (cue.payload == "alleged" or s.words_between(cue.last, trigger_first) <= HEDGE_WINDOW):
            certainty = cue.payload
    return Voice(claimant, polarity, certainty, source_cue)


def quotation_speaker(s: Sentence, cues: Sequence[Match], persons: dict[int, FoundMention]) -> FoundMention | None:
    """Who a sentence's quotation is attributed to ("“...,” said X" / "“...,” X said"), if anyone."""
    for cue in cues:
        if cue.kind == "cue-verb" and cue.entry.language == "en" and _after_quote(s, cue):
            return speaker(s, cue, persons)
    return None


def _last_of_name_run(s: Sentence, index: int) -> FoundMention | None:
    """"said U.S. Army Maj. Gen. Kevin Lambert, ...": the last actor named before the clause ends
    (titles and units come first in English bylines)."""
    found = None
    while True:
        nxt = s.after(index, 6 if found is None else 3)
        if nxt is None:
            return found
        found, index = nxt, nxt.last


def _closes_sentence(s: Sentence, cue: Match) -> bool:
    """A source phrase after the statement ("..., بحسب قناة X", "..., according to X") covers the
    sentence only when it ends it: nothing but its source comes after."""
    if cue.kind == "cue-verb" and _after_quote(s, cue):
        return True  # "“I am extremely proud ...,” said Maj. Gen. Kevin Lambert, CJTF-OIR commander."
    source = s.after(cue.last, 2) if cue.kind == "cue-source" else s.after(cue.last, 6) or s.before(cue.first, 6)
    if source is None:
        return False
    end = max(source.last, cue.last)
    return s.words_between(end, s.last + 1) <= 1


def _after_quote(s: Sentence, cue: Match) -> bool:
    """The cue follows a closing quotation mark and no quotation comes after it."""
    quotes = [t.index for t in s.tokens[s.first:s.last + 1] if t.text in ('"', "”", "»", "“", "«")]
    return bool(quotes) and max(quotes) < cue.first and cue.first - max(quotes) <= 2


def _last_speaker(s: Sentence, cues: Sequence[Match], denial: Match,
                  persons: dict[int, FoundMention]) -> FoundMention | None:
    """The denier of a participle ("نافياً") is whoever speaks earlier in the sentence."""
    for cue in reversed([c for c in cues if c.first < denial.first and c.kind in ("cue-verb", "cue-source")]):
        who = speaker(s, cue, persons)
        if who is not None:
            return who
    return next((p for p in reversed(list(persons.values())) if p.last < denial.first), None)
