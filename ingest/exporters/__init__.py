"""Exporters to the annotation tools' formats: brat, Label Studio, doccano, INCEpTION (WebAnno TSV).

They let a team load ActorGraph articles into their annotation tool, and prove the readers: an
exported article read back gives the same claims. Each format carries a different part of a
claim (see `CARRIES`); entity links travel as the tool allows (brat normalisations, Label Studio
per-region text, doccano metadata, INCEpTION identifiers).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from actorgraph.graph.model import Document
from actorgraph.ingest.exporters.brat import write_brat
from actorgraph.ingest.exporters.doccano import write_doccano
from actorgraph.ingest.exporters.inception import write_inception
from actorgraph.ingest.exporters.label_studio import write_label_studio
from actorgraph.ingest.exporters.predictions import Predictions

Writer = Callable[[list[Document], Path, Predictions | None], list[Path]]

#: format name -> writer(documents, output folder) -> files written
EXPORTERS: dict[str, Writer] = {
    "brat": write_brat,
    "label-studio": write_label_studio,
    "doccano": write_doccano,
    "inception": write_inception,
}

#: What of a claim each format carries (subject, predicate, object are carried by all).
CARRIES: dict[str, tuple[str, ...]] = {
    "brat": ("polarity", "certainty", "claimant", "note", "actor links"),
    "label-studio": ("polarity", "certainty", "actor links"),
    "doccano": ("polarity", "certainty", "actor links"),
    "inception": ("polarity", "certainty", "claimant", "actor links"),
}
#: Carried by none: the evidence sentence is recomputed from the text, `reported_via`, `date` and
#: `denies` have no place in these formats.


def export(documents: Iterable[Document], to: str, out: Path, predictions: Predictions | None = None) -> list[Path]:
    """Write `documents` in format `to` under the folder `out`; returns the files written.

    With `predictions` (from `actorgraph extract --to`), the documents are suggestions: Label
    Studio gets them as `predictions` with scores, brat with notes giving each one's rule and
    confidence; doccano and INCEpTION have no such place and import them as labels to correct.
    """
    if to not in EXPORTERS:
        raise ValueError(f"unknown export format {to!r}: use one of {', '.join(EXPORTERS)}")
    out.mkdir(parents=True, exist_ok=True)
    return EXPORTERS[to](list(documents), out, predictions)
