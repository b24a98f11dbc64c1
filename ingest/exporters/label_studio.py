"""Label Studio JSON export: one task per article, `labels` regions, per-region `actor` text, relations.

Offsets are written in UTF-16 code units, as Label Studio counts them. Relation labels are the term
plus Denied/Negated and Probable/Possible/Alleged. Claimants and notes have no place and are dropped.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from graph.model import Document
from ingest.exporters.view import ExportView, export_view, sidecar


def utf16_offsets(text: str) -> list[int]:
    """offsets[i] = UTF-16 offset of code point i (length len(text) + 1)."""
    offsets, units = [], 0
    for char in text:
        offsets.append(units)
        units += 2 if ord(char) > 0xFFFF else 1
    offsets.append(units)
    return offsets


def to_task(view: ExportView, task_id: int) -> dict[str, Any]:
    text = view.document.article.text
    units = utf16_offsets(text)
    results: list[dict[str, Any]] = []
    for entity in view.entities:
        results.append({"id": entity.id, "from_name": "label", "to_name": "text", "type": "labels",
                        "value": {"start": units[entity.span.start], "end": units[entity.span.end],
                                  "text": entity.span.text, "labels": [entity.label]}})
        results.append({"id": entity.id, "from_name": "actor", "to_name": "text", "type": "textarea",
                        "value": {"text": [entity.actor]}})
    for link in view.links:
        results.append({"from_id": link.subject.id, "to_id": link.object.id, "type": "relation", "direction": "right",
                        "labels": [link.claim.predicate] + view.attribute_labels(link.claim)})
    data = {"text": text, **sidecar(view.document)}
    return {"id": task_id, "annotations": [{"id": task_id, "result": results, "was_cancelled": False}], "data": data}


def write_label_studio(documents: list[Document], out: Path) -> list[Path]:
    path = out / "label-studio.json"
    tasks = [to_task(export_view(d), k) for k, d in enumerate(documents, start=1)]
    path.write_text(json.dumps(tasks, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return [path]
