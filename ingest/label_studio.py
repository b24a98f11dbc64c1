"""Label Studio's JSON export: a list of tasks (or one task) with `data` and `annotations`.

Entities are `labels` results (`value.start/end/text/labels`); their offsets count UTF-16 code
units, as JavaScript does, and are converted to code points, so an emoji before a span does not
shift it. `relation` results (`from_id`, `to_id`, `direction`, `labels`) are claims: `left` reads
to_id -> from_id; `bi` gives one claim when the term is symmetric, else two claims (one each
way: Label Studio cannot say which end is the subject, and both readings are stated).
Relation labels that are attributes (Negated, Denied, Speculation... in the mapping file) set
polarity and certainty. A per-region `choices` result sets them on the relations that start at
that region; a per-region `textarea` named actor/wikidata links the region to an actor id or a
QID. The older `completions` key is read like `annotations`. A task with no annotation but
`predictions` (pre-annotations, e.g. from `actorgraph extract --to label-studio`) gives its latest
prediction, read as extracted suggestions (origin "extracted"): only an annotation counts as
reviewed. JSON-MIN exports carry no relations and are refused with the export to use instead.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from actorgraph.graph.errors import InputError
from actorgraph.graph.model import Document
from actorgraph.ingest.annotations import ToolDocument, ToolEntity, ToolRelation, documents
from actorgraph.ingest.jsonfile import load_json
from actorgraph.ingest.metadata import article_fields
from actorgraph.ingest.registry import InputErrors, ReadContext, register
from actorgraph.ingest.spans import utf16_offset, utf16_to_codepoint_offsets

_QID = re.compile(r"^Q[1-9][0-9]*$")
_LINK_NAMES = {"actor", "actor_id", "actorgraph", "wikidata", "qid", "entity", "entity_id", "link"}
_SPAN_TYPES = {"labels", "hypertextlabels"}


def _is_json_min(task: dict[str, Any]) -> bool:
    if any(key in task for key in ("annotations", "completions", "data")):
        return False
    return "annotation_id" in task or any(isinstance(v, list) and v and isinstance(v[0], dict) and "start" in v[0]
                                         for v in task.values())


def _annotation(task: dict[str, Any], where: str, path: str,
                context: ReadContext) -> tuple[list[dict[str, Any]], str, str]:
    """The results to read, where they are, and their origin: the ground-truth annotation, else the
    latest not cancelled; a task nobody annotated yet gives its latest prediction, as "extracted"
    suggestions (pre-annotations imported with `predictions` and not reviewed)."""
    key = "annotations" if "annotations" in task else "completions"
    annotations = task.get(key) or []
    if not isinstance(annotations, list):
        raise InputError(path, f"{where}.{key}", "must be a list of annotations")
    usable = [(i, a) for i, a in enumerate(annotations) if isinstance(a, dict) and not a.get("was_cancelled")]
    if not usable:
        if task.get("predictions"):
            return (*_prediction(task, where, path), "extracted")
        return [], f"{where}.{key}", "annotated"
    chosen = next(((i, a) for i, a in usable if a.get("ground_truth")), usable[-1])
    if len(usable) > 1:
        context.warn(f"{path}:{where}: {len(usable)} annotations; read {key}[{chosen[0]}]"
                     " (ground truth, else the latest)")
    results = chosen[1].get("result") or []
    if not isinstance(results, list):
        raise InputError(path, f"{where}.{key}[{chosen[0]}].result", "must be a list of results")
    return results, f"{where}.{key}[{chosen[0]}].result", "annotated"


def _prediction(task: dict[str, Any], where: str, path: str) -> tuple[list[dict[str, Any]], str]:
    """The results of a task's latest prediction (Label Studio shows the latest one first)."""
    predictions = task["predictions"]
    if not isinstance(predictions, list) or not all(isinstance(p, dict) for p in predictions):
        raise InputError(path, f"{where}.predictions", "must be a list of predictions")
    results = predictions[-1].get("result") or []
    at = f"{where}.predictions[{len(predictions) - 1}].result"
    if not isinstance(results, list):
        raise InputError(path, at, "must be a list of results")
    return results, at


def _text_key(data: dict[str, Any], results: list[dict[str, Any]]) -> str | None:
    for result in results:
        source = result.get("source") if isinstance(result, dict) else None
        if isinstance(source, str) and source.startswith("$") and isinstance(data.get(source[1:]), str):
            return source[1:]
    if isinstance(data.get("text"), str):
        return "text"
    metadata = ("title", "url", "date", "publisher", "id")
    strings = [k for k, v in data.items() if isinstance(v, str) and k not in metadata]
    return max(strings, key=lambda k: len(data[k]), default=None)


def _entity(result: dict[str, Any], where: str, units: list[int], path: str) -> ToolEntity:
    value = result.get("value") or {}
    labels = value.get(result.get("type", "labels")) or value.get("labels") or []
    start, end = value.get("start"), value.get("end")
    if not isinstance(start, int) or not isinstance(end, int) or not labels:
        raise InputError(path, where, "a labels result needs integer value.start, value.end and value.labels",
                         "export as JSON from Label Studio")
    return ToolEntity(str(result.get("id")), str(labels[0]), [(utf16_offset(units, start), utf16_offset(units, end))],
                      value.get("text") if isinstance(value.get("text"), str) else None,
                      f"{where} (region {result.get('id')})")


def _relation(result: dict[str, Any], where: str, index: int) -> ToolRelation:
    source, target = str(result.get("from_id")), str(result.get("to_id"))
    direction = result.get("direction", "right")
    if direction == "left":
        source, target = target, source
    labels = [str(label) for label in result.get("labels") or []]
    return ToolRelation(f"rel{index}", labels, source, target,
                        f"{where} ({result.get('from_id')}->{result.get('to_id')})", both_ways=direction == "bi")


def _task(task: Any, where: str, path: Path, context: ReadContext, many: bool) -> ToolDocument:
    name = str(path)
    if not isinstance(task, dict):
        raise InputError(name, where, "a task must be an object with data and annotations",
                         "export as JSON from Label Studio")
    if _is_json_min(task):
        raise InputError(name, where, "this is a Label Studio JSON-MIN export, which carries no relations",
                         "export as JSON, not JSON-MIN")
    data = task.get("data")
    if not isinstance(data, dict):
        raise InputError(name, f"{where}.data", "is missing", "export as JSON from Label Studio")
    results, results_where, origin = _annotation(task, where, name, context)
    key = _text_key(data, results)
    if key is None:
        raise InputError(name, f"{where}.data", "has no text field", "the task's text must be under data.text")
    text = data[key]
    units = utf16_to_codepoint_offsets(text)
    doc = ToolDocument(name, "label-studio", text, article_fields(path, text, data, context.options,
                                                                   str(task.get("id", where)) if many else None),
                       origin=origin)
    extras: dict[str, list[dict[str, Any]]] = {}
    for i, result in enumerate(results):
        at = f"{results_where}[{i}]"
        if not isinstance(result, dict):
            doc.errors.append(InputError(name, at, "a result must be an object"))
        elif result.get("type") in _SPAN_TYPES:
            try:
                doc.entities.append(_entity(result, at, units, name))
            except InputError as exc:
                doc.errors.append(exc)
        elif result.get("type") == "relation":
            doc.relations.append(_relation(result, at, i))
        elif "id" in result:
            extras.setdefault(str(result["id"]), []).append(result)
    _apply_per_region(doc, extras)
    return doc


def _apply_per_region(doc: ToolDocument, extras: dict[str, list[dict[str, Any]]]) -> None:
    """Per-region textarea (actor / QID links) and choices (attributes of relations from the region)."""
    entities = {e.id: e for e in doc.entities}
    for region, results in extras.items():
        for result in results:
            value = result.get("value") or {}
            if result.get("type") == "textarea" and region in entities:
                texts = [t.strip() for t in value.get("text") or [] if isinstance(t, str) and t.strip()]
                if texts and str(result.get("from_name", "")).lower() in _LINK_NAMES:
                    if _QID.match(texts[0]):
                        entities[region].wikidata = texts[0]
                    else:
                        entities[region].actor = texts[0]
            elif result.get("type") == "choices":
                choices = [str(c) for c in value.get("choices") or []]
                for relation in doc.relations:
                    if relation.subject == region:
                        relation.attributes.extend((c, None) for c in choices)


class LabelStudioReader:
    """Reads Label Studio JSON exports (not JSON-MIN, which is refused with a clear message)."""

    name = "label-studio"
    suffixes = (".json",)

    def detect(self, path: Path, head: bytes) -> bool:
        sample = head.decode("utf-8", errors="ignore")
        if '"claims"' in sample or '"start_offset"' in sample:
            return False
        return sample.lstrip()[:1] in ("[", "{") and any(
            key in sample for key in ('"annotations"', '"completions"', '"predictions"', '"annotation_id"',
                                      '"annotator"', '"data": {'))

    def read(self, path: Path, context: ReadContext) -> Iterator[Document | InputErrors]:
        try:
            data = load_json(path)
        except InputError as exc:
            yield InputErrors([exc])
            return
        tasks = data if isinstance(data, list) else [data]
        many = isinstance(data, list) and len(data) > 1
        docs = []
        for i, task in enumerate(tasks):
            where = f"$[{i}]" if isinstance(data, list) else "$"
            try:
                docs.append(_task(task, where, path, context, many))
            except InputError as exc:
                yield InputErrors([exc])
                if "JSON-MIN" in exc.problem:
                    return
        yield from documents(docs, context)


LABEL_STUDIO = register(LabelStudioReader())
