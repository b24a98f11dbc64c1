"""brat standoff export: `<article>.txt`, `<article>.ann` and `<article>.meta.json` per article.

Entities are T lines typed by actor type with an `ActorGraph:<id>` normalisation; a plain claim
(asserted, certain, the article's own voice) is an R line; any other claim is an event (type = the
term, trigger = the claim's first quoted span, roles Subject/Object/Claimant) with Denial /
Negation / Certainty attributes; notes become AnnotatorNotes.
"""
from __future__ import annotations

from pathlib import Path

from actorgraph.graph.model import Claim, Document, Span
from actorgraph.ingest.exporters.predictions import Predictions
from actorgraph.ingest.exporters.view import Entity, ExportView, Link, export_view, write_sidecar

_POLARITY_ATTRIBUTES = {"denied": "Denial", "negated": "Negation"}


def _trigger(claim: Claim, link: Link) -> Span:
    taken = {(link.subject.span.start, link.subject.span.end), (link.object.span.start, link.object.span.end)}
    return next((s for s in claim.spans if (s.start, s.end) not in taken), claim.evidence)


def _entity_lines(entities: tuple[Entity, ...]) -> list[str]:
    lines = []
    for k, entity in enumerate(entities, start=1):
        lines.append(f"{entity.id}\t{entity.label} {entity.span.start} {entity.span.end}\t{entity.span.text}")
        lines.append(f"N{k}\tReference {entity.id} ActorGraph:{entity.actor}\t{entity.actor}")
    return lines


def _suggestion_notes(entities: tuple[Entity, ...], predictions: Predictions | None) -> list[str]:
    """AnnotatorNotes on suggested entities (rule, confidence), numbered after the claims' notes."""
    if predictions is None:
        return []
    notes = [(entity.id, predictions.note(entity.mention_id)) for entity in entities]
    return [f"#E{k}\tAnnotatorNotes {entity_id}\t{note}" for k, (entity_id, note) in enumerate(notes, start=1) if note]


def to_brat(view: ExportView, predictions: Predictions | None = None) -> str:
    """The .ann text for one article; with `predictions`, each suggestion's rule and confidence are
    AnnotatorNotes, shown by brat beside the annotation for the reviewer."""
    lines = _entity_lines(view.entities) + _suggestion_notes(view.entities, predictions)
    counters = {"T": len(view.entities), "R": 0, "E": 0, "A": 0, "#": 0}

    def next_id(kind: str) -> str:
        counters[kind] += 1
        return f"{kind}{counters[kind]}"

    for link in view.links:
        claim = link.claim
        if claim.polarity == "asserted" and claim.certainty == "certain" and link.claimant is None:
            ann_id = next_id("R")
            lines.append(f"{ann_id}\t{claim.predicate} Arg1:{link.subject.id} Arg2:{link.object.id}\t")
        else:
            trigger, ann_id = _trigger(claim, link), next_id("E")
            trigger_id = next_id("T")
            lines.append(f"{trigger_id}\t{claim.predicate} {trigger.start} {trigger.end}\t{trigger.text}")
            claimant = f" Claimant:{link.claimant.id}" if link.claimant else ""
            lines.append(f"{ann_id}\t{claim.predicate}:{trigger_id}"
                         f" Subject:{link.subject.id} Object:{link.object.id}{claimant}")
            if claim.polarity in _POLARITY_ATTRIBUTES:
                lines.append(f"{next_id('A')}\t{_POLARITY_ATTRIBUTES[claim.polarity]} {ann_id}")
            if claim.certainty != "certain":
                lines.append(f"{next_id('A')}\tCertainty {ann_id} {claim.certainty}")
        note = claim.note or (predictions.note(claim.id) if predictions else None)
        if note:
            lines.append(f"{next_id('#')}\tAnnotatorNotes {ann_id}\t{' '.join(note.split())}")
    return "\n".join(lines) + "\n"


def write_brat(documents: list[Document], out: Path, predictions: Predictions | None = None) -> list[Path]:
    written = []
    for document in documents:
        base = out / document.article.id
        base.with_suffix(".txt").write_text(document.article.text, encoding="utf-8", newline="")
        base.with_suffix(".ann").write_text(to_brat(export_view(document), predictions), encoding="utf-8", newline="")
        written += [base.with_suffix(".txt"), base.with_suffix(".ann"),
                    write_sidecar(document, out / f"{document.article.id}.meta.json")]
    return written
