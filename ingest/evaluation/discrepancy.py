"""One disagreement between gold and prediction, as `--show-errors` lists it, with its evidence."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from actorgraph.graph.model import Span
from actorgraph.ingest.sentences import evidence_span

#: Levels a discrepancy belongs to, in the order `--show-errors` prints them.
DISCREPANCY_LEVELS = ("mention", "actor", "claim")


@dataclass(frozen=True, slots=True)
class Discrepancy:
    """What gold has, what was predicted, and the sentence to read to see who is right.

    `kind` is one of: `missed` (gold only), `false positive` (prediction only), `boundary` (a
    mention found with other offsets), `wrong actor` (a mention linked to another actor),
    `claimant` (a claim found, said by someone else). `gold`/`predicted` are "" when absent.
    """

    level: str
    kind: str
    article: str
    gold: str
    predicted: str
    sentence: str
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def sentence_of(text: str, span: Span, bounds: list[tuple[int, int]]) -> str:
    """The sentence(s) of `text` holding `span`; a span past the end of the text gives ""."""
    if span.end > len(text) or span.start >= span.end:
        return ""
    return evidence_span(text, [span], bounds).text
