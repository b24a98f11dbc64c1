"""doccano relation-extraction JSONL export: one line per article.

doccano has no attributes and no entity links: relation types carry polarity and certainty as
`term|Denied|Alleged`, and the `actors` metadata key ({entity id: actor id}) carries the links
(doccano keeps unknown keys as metadata). Claimants and notes are dropped.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from actorgraph.graph.model import Document
from actorgraph.ingest.exporters.predictions import Predictions
from actorgraph.ingest.exporters.view import ExportView, export_view, sidecar


def to_record(view: ExportView, record_id: int) -> dict[str, Any]:
    meta = sidecar(view.document)
    meta["article_id"] = meta.pop("id")
    numbers = {entity.id: k for k, entity in enumerate(view.entities, start=1)}
    return {
        "id": record_id,
        "text": view.document.article.text,
        "entities": [{"id": numbers[e.id], "label": e.label, "start_offset": e.span.start, "end_offset": e.span.end}
                     for e in view.entities],
        "relations": [{"id": k, "from_id": numbers[link.subject.id], "to_id": numbers[link.object.id],
                       "type": "|".join([link.claim.predicate, *view.attribute_labels(link.claim)])}
                      for k, link in enumerate(view.links, start=1)],
        **meta,
        "actors": {str(numbers[e.id]): e.actor for e in view.entities},
    }


def write_doccano(documents: list[Document], out: Path, predictions: Predictions | None = None) -> list[Path]:
    """One JSONL line per article. doccano has no place for per-item scores: suggestions are imported
    as ordinary labels to correct, with the extractor's version kept as the `suggested_by` metadata."""
    path = out / "doccano.jsonl"
    records = [to_record(export_view(d), k) for k, d in enumerate(documents, start=1)]
    if predictions is not None:
        records = [{**record, "suggested_by": predictions.model_version} for record in records]
    lines = [json.dumps(record, ensure_ascii=False) for record in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [path]
