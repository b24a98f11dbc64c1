"""Label Studio JSON export: one task per article, `labels` regions, per-region `actor` text, relations.

Offsets are written in UTF-16 code units, as Label Studio counts them. Relation labels are the term
plus Denied/Negated and Probable/Possible/Alleged. Claimants and notes have no place and are dropped.
Extracted suggestions are written as `predictions` (see `to_task`), which Label Studio shows as
pre-annotations to accept or correct; the export after review holds them as `annotations`.
"""
from __future__ import annotations

import json
from html import escape
from pathlib import Path
from typing import Any

from actorgraph.graph.model import Document
from actorgraph.graph.vocabulary import Vocabulary, default_vocabulary
from actorgraph.ingest.exporters.predictions import Predictions
from actorgraph.ingest.exporters.view import CERTAINTY_LABELS, POLARITY_LABELS, ExportView, export_view, sidecar


def utf16_offsets(text: str) -> list[int]:
    """offsets[i] = UTF-16 offset of code point i (length len(text) + 1)."""
    offsets, units = [], 0
    for char in text:
        offsets.append(units)
        units += 2 if ord(char) > 0xFFFF else 1
    offsets.append(units)
    return offsets


def _scored(result: dict[str, Any], predictions: Predictions | None, item_id: str) -> dict[str, Any]:
    score = predictions.score(item_id) if predictions else None
    return result if score is None else {**result, "score": score}


def to_task(view: ExportView, task_id: int, predictions: Predictions | None = None) -> dict[str, Any]:
    """One task; with `predictions`, the results go under `predictions` (pre-annotations to review,
    with the model version, a task score and a score per result) instead of `annotations`."""
    text = view.document.article.text
    units = utf16_offsets(text)
    results: list[dict[str, Any]] = []
    for entity in view.entities:
        results.append(_scored({"id": entity.id, "from_name": "label", "to_name": "text", "type": "labels",
                                "value": {"start": units[entity.span.start], "end": units[entity.span.end],
                                          "text": entity.span.text, "labels": [entity.label]}},
                               predictions, entity.mention_id))
        results.append(_scored({"id": entity.id, "from_name": "actor", "to_name": "text", "type": "textarea",
                                "value": {"text": [entity.actor]}}, predictions, entity.mention_id))
    for link in view.links:
        labels = [link.claim.predicate, *view.attribute_labels(link.claim)]
        results.append(_scored({"from_id": link.subject.id, "to_id": link.object.id, "type": "relation",
                                "direction": "right", "labels": labels}, predictions, link.claim.id))
    data = {"text": text, **sidecar(view.document)}
    if predictions is not None:
        ids = [link.claim.id for link in view.links] or [e.mention_id for e in view.entities]
        return {"id": task_id, "data": data, "predictions": [
            {"model_version": predictions.model_version, "score": predictions.overall(ids), "result": results}]}
    return {"id": task_id, "annotations": [{"id": task_id, "result": results, "was_cancelled": False}], "data": data}


def labeling_config(vocabulary: Vocabulary | None = None) -> str:
    """The Label Studio labeling config the tasks are written for (paste it in the project's
    Labeling Setup): `label` Labels per actor type, a per-region `actor` TextArea, one relation
    label per vocabulary term plus the polarity and certainty labels. Right to left for Arabic."""
    vocabulary = vocabulary or default_vocabulary()
    labels = "".join(f'    <Label value="{escape(t)}"/>\n' for t in vocabulary.actor_types)
    relations = "".join(f'    <Relation value="{escape(t)}"/>\n'
                        for t in [*vocabulary.terms, *POLARITY_LABELS.values(), *CERTAINTY_LABELS.values()])
    return ("<View>\n"
            f'  <Labels name="label" toName="text">\n{labels}  </Labels>\n'
            '  <Text name="text" value="$text" granularity="word"/>\n'
            '  <TextArea name="actor" toName="text" perRegion="true" editable="true" maxSubmissions="1"'
            ' placeholder="ActorGraph actor id or Wikidata QID"/>\n'
            f"  <Relations>\n{relations}  </Relations>\n"
            "</View>\n")


def write_label_studio(documents: list[Document], out: Path, predictions: Predictions | None = None) -> list[Path]:
    path = out / "label-studio.json"
    config = out / "label-studio-config.xml"
    config.write_text(labeling_config(), encoding="utf-8")
    tasks = [to_task(export_view(d), k, predictions) for k, d in enumerate(documents, start=1)]
    path.write_text(json.dumps(tasks, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return [path, config]
