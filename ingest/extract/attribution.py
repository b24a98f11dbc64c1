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

from dataclasses import dataclass
from typing import Sequence

from ingest.extract.actors import FoundMention
from ingest.extract.attach import Sentence
from ingest.extract.lexicon import Match

_DOUBT = {"certain": 0, "probable": 1, "possible": 2, "alleged": 3}
NEGATION_WINDOW = 2


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
        found = s.before(cue.first, 3) or s.after(cue.last, 2)
    if found is not None and found.first in persons:
        return persons[found.first]
    return found


def voice(s: Sentence, trigger_first: int, cues: Sequence[Match], persons: dict[int, FoundMention],
          exclude: tuple[str, ...] = ()) -> Voice:
    """The claimant, polarity and certainty of a claim whose trigger starts at token `trigger_first`."""
    claimant, polarity, certainty, source_cue = None, "asserted", "certain", None
    reporting = [c for c in cues if c.kind in ("cue-verb", "cue-source", "denial")
                 and (c.first < trigger_first or c.kind == "cue-source")]
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
        if cue.kind == "hedge" and cue.first < trigger_first and _DOUBT[cue.payload] > _DOUBT[certainty]:
            certainty = cue.payload
    return Voice(claimant, polarity, certainty, source_cue)


def _last_speaker(s: Sentence, cues: Sequence[Match], denial: Match,
                  persons: dict[int, FoundMention]) -> FoundMention | None:
    """The denier of a participle ("نافياً") is whoever speaks earlier in the sentence."""
    for cue in reversed([c for c in cues if c.first < denial.first and c.kind in ("cue-verb", "cue-source")]):
        who = speaker(s, cue, persons)
        if who is not None:
            return who
    return next((p for p in reversed(list(persons.values())) if p.last < denial.first), None)
