"""doccano's relation-extraction export: JSONL (one document per line) or the same as JSON.

Each record: `text`, `entities` (`id`, `label`, `start_offset`, `end_offset`, code points) and
`relations` (`id`, `from_id`, `to_id`, `type`); the older `label: [[start, end, "LABEL"], ...]`
form is read too (entities only). doccano has no attributes, claimants or entity links: claims
are asserted and certain unless the relation type carries attribute labels after a `|`
(`escapes-from|Denied`, as ActorGraph's own doccano export writes). Other top-level keys are
doccano's metadata: title, url, date, publisher, and `actors` ({entity id: actor id}) are read.
Errors name the JSONL line; a bad line skips that document only.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from actorgraph.graph.errors import InputError
from actorgraph.graph.model import Document
from actorgraph.ingest.annotations import ToolDocument, ToolEntity, ToolRelation, documents, read_text
from actorgraph.ingest.jsonfile import parse_json
from actorgraph.ingest.metadata import article_fields
from actorgraph.ingest.registry import InputErrors, ReadContext, register

_RECORD_KEYS = {"id", "text", "entities", "relations", "label", "meta", "Comments", "actors"}


def _records(text: str, path: Path) -> list[tuple[str, Any] | InputError]:
    """(location, record) for every document; a line that is not JSON becomes an InputError."""
    name = str(path)
    stripped = text.strip()
    if path.suffix.lower() == ".json" or _pretty(stripped):
        data = parse_json(text, name)
        items = data if isinstance(data, list) else [data]
        return [(f"$[{i}]" if isinstance(data, list) else "$", item) for i, item in enumerate(items)]
    records: list[tuple[str, Any] | InputError] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            records.append((f"line {number}", parse_json(line, name, number - 1)))
        except InputError as exc:
            records.append(exc)
    return records


def _pretty(text: str) -> bool:
    """A .jsonl file that is really one pretty-printed JSON value (doccano's own example is)."""
    first = text.split("\n", 1)[0].strip()
    return text.startswith("[") or (first == "{" and not first.endswith("}"))


def _entities(record: dict[str, Any], where: str, path: str) -> list[ToolEntity]:
    entities = []
    if "entities" in record:
        for k, spec in enumerate(record.get("entities") or []):
            at = f"{where}: entities[{k}]"
            if not isinstance(spec, dict) or not {"id", "label", "start_offset", "end_offset"} <= set(spec):
                raise InputError(path, at, "an entity needs id, label, start_offset and end_offset")
            entities.append(ToolEntity(str(spec["id"]), str(spec["label"]),
                                       [(spec["start_offset"], spec["end_offset"])], None,
                                       f"{at} (entity {spec['id']})"))
    else:
        for k, spec in enumerate(record.get("label") or []):
            if isinstance(spec, list) and len(spec) == 3:
                entities.append(ToolEntity(f"e{k}", str(spec[2]), [(spec[0], spec[1])], None, f"{where}: label[{k}]"))
    return entities


def _relations(record: dict[str, Any], where: str, path: str) -> list[ToolRelation]:
    relations = []
    for k, spec in enumerate(record.get("relations") or []):
        at = f"{where}: relations[{k}]"
        if not isinstance(spec, dict) or not {"from_id", "to_id", "type"} <= set(spec):
            raise InputError(path, at, "a relation needs from_id, to_id and type")
        relations.append(ToolRelation(str(spec.get("id", f"r{k}")), [str(spec["type"])], str(spec["from_id"]),
                                      str(spec["to_id"]), f"{at} (relation {spec.get('id', k)})"))
    return relations


def _document(record: Any, where: str, path: Path, context: ReadContext, many: bool) -> ToolDocument:
    name = str(path)
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise InputError(name, where, "a doccano record is an object with a text",
                         'e.g. {"text": ..., "entities": [...]}')
    meta = {k: v for k, v in record.items() if k not in _RECORD_KEYS}
    if isinstance(record.get("meta"), dict):
        meta.update(record["meta"])
    suffix = str(record.get("id", where.split()[-1])) if many else None
    text = record["text"]
    doc = ToolDocument(name, "doccano", text, article_fields(path, text, meta, context.options, suffix))
    try:
        doc.entities = _entities(record, where, name)
        doc.relations = _relations(record, where, name)
    except InputError as exc:
        doc.errors.append(exc)
    actors = record.get("actors") or meta.get("actors") or {}
    if isinstance(actors, dict):
        for entity in doc.entities:
            linked = actors.get(entity.id)
            if isinstance(linked, str) and linked:
                entity.actor = linked
    return doc


class DoccanoReader:
    """Reads doccano relation-extraction exports (JSONL, or the pretty-printed JSON variant)."""

    name = "doccano"
    suffixes = (".jsonl", ".json")

    def detect(self, path: Path, head: bytes) -> bool:
        sample = head.decode("utf-8", errors="ignore")
        if path.suffix.lower() == ".jsonl":
            return sample.lstrip()[:1] in ("{", "[")
        return ('"text"' in sample and ('"start_offset"' in sample or '"entities"' in sample)
                and '"claims"' not in sample)

    def read(self, path: Path, context: ReadContext) -> Iterator[Document | InputErrors]:
        try:
            records = _records(read_text(path, export=True), path)
        except InputError as exc:
            yield InputErrors([exc])
            return
        many = len(records) > 1
        docs = []
        for item in records:
            if isinstance(item, InputError):
                yield InputErrors([item])
                continue
            try:
                docs.append(_document(item[1], item[0], path, context, many))
            except InputError as exc:
                yield InputErrors([exc])
        yield from documents(docs, context)


DOCCANO = register(DoccanoReader())
