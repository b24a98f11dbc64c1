"""INCEpTION / WebAnno TSV 3.x: `#T_SP=` span layers, `#T_RL=` relation layers, `#Text=` sentences.

Token lines are `1-1<TAB>0-5<TAB>word<TAB>columns...`, with offsets in UTF-16 code units (Java
strings); sub-token lines (`1-2.1`) carry annotations on parts of tokens. Columns follow the layer
declarations in order, one per feature (a span layer without features still has one column).
Cells hold `_` (nothing), `*` (an annotation without value), stacked annotations `A|B`, and `[n]`
ids for annotations spanning several tokens. A relation sits on the dependent's token; its last
column names the governor's token, with `[governor_dependent]` ids when an end needs one
(`1-3[2_1]`; 0 means the single annotation on that token).
Span layers become entities: the label is the `value` (or `label`/`type`) feature, and an
`identifier` feature linking to Wikidata (`http://www.wikidata.org/entity/Q2429253`) or to an
actor (`actorgraph:isis`) links the entity. Relation features `label`/`value`, `polarity`,
`certainty`, `claimant` (an actor id or name) and `note` are read by name. The document text is
rebuilt from the `#Text=` lines at their token offsets (the characters between sentences are not
in the file and read as a line break and spaces).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from actorgraph.graph.errors import InputError
from actorgraph.graph.model import Document
from actorgraph.ingest import limits
from actorgraph.ingest.annotations import ToolDocument, ToolEntity, ToolRelation, read_one, read_text
from actorgraph.ingest.metadata import article_fields
from actorgraph.ingest.registry import InputErrors, ReadContext, register
from actorgraph.ingest.spans import utf16_to_codepoint_offsets

_TOKEN = re.compile(r"^(\d+-\d+(?:\.\d+)?)\t(\d+)-(\d+)\t")
_ITEM = re.compile(r"^(.*?)(?<!\\)\[(\d+)(?:_(\d+))?\]$")
_QID = re.compile(r"(?:wikidata\.org/(?:entity|wiki)/|^wikidata:|^)(Q[1-9][0-9]*)$", re.IGNORECASE)
_SKIPPED_LAYERS = (".segmentation.type.", ".lexmorph.type.", ".syntax.type.", ".morph.type.")
_LABEL_FEATURES = ("value", "label", "type", "relation", "predicate", "relationtype")


@dataclass
class _Layer:
    kind: str  # SP, CH or RL
    name: str
    features: list[str]
    base: str | None
    column: int
    width: int

    @property
    def short(self) -> str:
        return self.name.rsplit(".", 1)[-1]

    def feature(self, names: tuple[str, ...]) -> int | None:
        lowered = [f.lower() for f in self.features]
        return next((lowered.index(n) for n in names if n in lowered), None)


@dataclass
class _Row:
    address: str
    begin: int
    end: int
    token: str
    cells: list[str]
    line: int


@dataclass
class _Span:
    layer: int
    key: str
    rows: list[_Row] = field(default_factory=list)
    features: dict[int, str | None] = field(default_factory=dict)


def _layers(lines: list[str], path: str) -> tuple[list[_Layer], int]:
    layers: list[_Layer] = []
    column = 0
    index = 1
    while index < len(lines) and lines[index].startswith("#T_"):
        kind, _, spec = lines[index][3:].partition("=")
        parts = spec.split("|")
        base = None
        if kind == "RL":
            if not parts[-1].startswith("BT_"):
                raise InputError(path, f"line {index + 1}", "a relation layer ends with BT_<span layer>",
                                 "e.g. #T_RL=webanno.custom.Claim|label|BT_webanno.custom.Actor")
            base = parts.pop()[3:]
        features = parts[1:]
        width = len(features) + (1 if kind == "RL" else 0) if kind != "SP" else max(1, len(features))
        layers.append(_Layer(kind, parts[0], features, base, column, width))
        column += width
        index += 1
    return layers, index


def _items(cell: str) -> list[tuple[str | None, int, int]]:
    """(value, id, second id) for each stacked item of a cell; `*` is a value-less annotation."""
    if cell in ("_", ""):
        return []
    items = []
    for raw in re.split(r"(?<!\\)\|", cell):
        match = _ITEM.match(raw)
        value, first, second = (match.group(1), int(match.group(2)), int(match.group(3) or 0)) if match else (raw, 0, 0)
        value = re.sub(r"\\(.)", r"\1", value)
        items.append((None if value in ("*", "") else value, first, second))
    return items


class _Parser:
    def __init__(self, text: str, path: Path) -> None:
        self.path, self.name = path, str(path)
        self.lines = text.splitlines()
        self.errors: list[InputError] = []
        self.rows: list[_Row] = []
        self.sentences: list[tuple[str, list[_Row], int]] = []

    def parse(self) -> tuple[str, list[_Layer]]:
        if not self.lines or not self.lines[0].startswith("#FORMAT=WebAnno TSV 3"):
            raise InputError(self.name, "line 1", "not a WebAnno TSV 3 file",
                             "export as WebAnno TSV v3.3 from INCEpTION")
        layers, index = _layers(self.lines, self.name)
        width = sum(layer.width for layer in layers)
        text_lines: list[str] = []
        current: list[_Row] = []
        for number, line in enumerate(self.lines[index:], start=index + 1):
            if line.startswith("#Text="):
                if current:
                    self.sentences.append(("\n".join(text_lines), current, number))
                    text_lines, current = [], []
                text_lines.append(line[6:])
            elif _TOKEN.match(line):
                match = _TOKEN.match(line)
                assert match is not None
                fields = line.split("\t")
                if len(fields) < 3 + width:
                    raise InputError(self.name, f"line {number}", f"{len(fields) - 3} annotation columns, the header"
                                     f" declares {width}", "the file is truncated or its header does not match")
                row = _Row(match.group(1), int(match.group(2)), int(match.group(3)), fields[2], fields[3:3 + width],
                           number)
                current.append(row)
                self.rows.append(row)
            elif line.strip() and not line.startswith("#"):
                raise InputError(self.name, f"line {number}", f"not a token line: {line[:40]!r}",
                                 "token lines are SENT-TOKEN<TAB>BEGIN-END<TAB>TOKEN<TAB>...")
        if current:
            self.sentences.append(("\n".join(text_lines), current, len(self.lines)))
        return self._text(), layers

    def _text(self) -> str:
        """The document text: each sentence placed at its first token's UTF-16 offset."""
        parts: list[str] = []
        units = 0
        for sentence, rows, _ in self.sentences:
            first = next(r for r in rows if "." not in r.address)
            prefix = sentence.find(first.token)
            begin = first.begin - _utf16_len(sentence[:max(prefix, 0)])
            if begin < units:
                raise InputError(self.name, f"line {first.line}", f"sentence starts at {begin}, before the end of the"
                                 f" previous one ({units})", "token offsets must grow through the file")
            gap = begin - units
            parts.append(("\n" + " " * (gap - 1)) if gap else "")
            parts.append(sentence)
            units = begin + _utf16_len(sentence)
        return "".join(parts)


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _collect_spans(rows: list[_Row], layers: list[_Layer],
                   path: str) -> tuple[dict[tuple[int, str], _Span], dict[tuple[int, str], list[str]]]:
    """Span annotations by (layer, key), and the keys on each row; refused as soon as there are more
    than MAX_ITEMS_PER_ARTICLE, before the rest are built (600,000 cost 50 s and 1.1 GB)."""
    spans: dict[tuple[int, str], _Span] = {}
    at_row: dict[tuple[int, str], list[str]] = {}
    for row in rows:
        for number, layer in enumerate(layers):
            if layer.kind != "SP":
                continue
            columns = [_items(row.cells[layer.column + k]) for k in range(layer.width)]
            count = max(len(c) for c in columns)
            for position in range(count):
                ids = [c[position][1] for c in columns if position < len(c)]
                ident = next((i for i in ids if i), 0)
                key = str(ident) if ident else f"{row.address}.{position}"
                span = spans.get((number, key))
                if span is None:
                    if len(spans) >= limits.MAX_ITEMS_PER_ARTICLE:
                        raise InputError(path, f"line {row.line}",
                                         f"more than {limits.MAX_ITEMS_PER_ARTICLE} mentions in one article, over"
                                         " the limit", "split the article, or check the export is not broken")
                    span = spans[(number, key)] = _Span(number, key)
                span.rows.append(row)
                for k, column in enumerate(columns):
                    if position < len(column) and column[position][0] is not None:
                        span.features.setdefault(k, column[position][0])
                keys = at_row.setdefault((number, row.address), [])
                if key not in keys:
                    keys.append(key)
    return spans, at_row


def _entity(span: _Span, layer: _Layer, units: list[int]) -> ToolEntity:
    begin, end = min(r.begin for r in span.rows), max(r.end for r in span.rows)
    label_index = layer.feature(_LABEL_FEATURES)
    label = span.features.get(label_index) if label_index is not None else None
    offsets = (units[begin] if begin < len(units) else begin, units[end] if end < len(units) else end)
    entity = ToolEntity(f"{layer.short}-{span.key}", label or layer.short, [offsets], None,
                        f"line {span.rows[0].line} ({span.rows[0].address})")
    link_index = layer.feature(("identifier", "wikidata", "actor", "kb", "link"))
    link = span.features.get(link_index) if link_index is not None else None
    if link:
        qid = _QID.search(link.strip())
        if qid:
            entity.wikidata = qid.group(1)
        else:
            entity.actor = re.sub(r"^actorgraph:", "", link.strip(), flags=re.IGNORECASE)
    return entity


def _relations(rows: list[_Row], layers: list[_Layer], at_row: dict[tuple[int, str], list[str]],
               errors: list[InputError], path: str, warn: Any) -> list[ToolRelation]:
    names = {layer.name: i for i, layer in enumerate(layers) if layer.kind == "SP"}
    relations = []
    for layer in (l for l in layers if l.kind == "RL"):
        base = names.get(layer.base or "")
        if base is None:
            warn(f"{path}: relation layer {layer.name} links {layer.base}, not a span layer: skipped")
            continue
        for row in rows:
            columns = [_items(row.cells[layer.column + k]) for k in range(layer.width)]
            for position, (governor, gov_id, dep_id) in enumerate(columns[-1]):
                where = f"line {row.line} ({row.address})"
                source = _end(base, governor or "", gov_id, at_row, layers)
                target = _end(base, row.address, dep_id, at_row, layers)
                if source is None or target is None:
                    errors.append(InputError(path, where,
                                             f"relation refers to a missing {layers[base].short} annotation"
                                             f" at {governor if source is None else row.address}",
                                             "both ends of a relation must be annotations of its base layer"))
                    continue
                values = {layer.features[k].lower(): columns[k][position][0] for k in range(len(layer.features))
                          if position < len(columns[k])}
                relations.append(_relation(values, layer.short, source, target,
                                           f"{layer.short}-{row.address}-{position}", where))
    return relations


def _end(base: int, address: str, ident: int, at_row: dict[tuple[int, str], list[str]],
         layers: list[_Layer]) -> str | None:
    short = layers[base].short
    if ident:
        return f"{short}-{ident}"
    keys = at_row.get((base, address))
    return f"{short}-{keys[0]}" if keys else None


def _relation(values: dict[str, str | None], layer: str, source: str, target: str, rel_id: str,
              where: str) -> ToolRelation:
    """A relation; without a label feature the layer's name is the label (a layer per relation type)."""
    label = next((values[n] for n in _LABEL_FEATURES if values.get(n)), None) or layer
    attributes = [(name.capitalize(), values[name]) for name in ("polarity", "certainty") if values.get(name)]
    return ToolRelation(rel_id, [label], source, target, where, claimant_actor=values.get("claimant"),
                        attributes=attributes, note=values.get("note"))


def _tool_document(path: Path, context: ReadContext) -> ToolDocument:
    parser = _Parser(read_text(path), path)
    text, layers = parser.parse()
    units = utf16_to_codepoint_offsets(text)
    doc = ToolDocument(str(path), "inception", text, article_fields(path, text, None, context.options))
    for row in parser.rows:
        inside = row.begin <= row.end < len(units)  # a damaged file may have begin past end or past the text
        begin, end = (units[row.begin], units[row.end]) if inside else (row.begin, row.end)
        if not inside or text[begin:end] != row.token.replace("\\t", "\t"):
            if row.begin != row.end:
                doc.errors.append(InputError(str(path), f"line {row.line} ({row.address})", f"token {row.token!r} at"
                                             f" {row.begin}-{row.end} does not match the sentence text"
                                             f" {text[begin:end]!r}", "offsets are UTF-16 code units"))
    spans, at_row = _collect_spans(parser.rows, layers, str(path))
    entity_layers = {i for i, layer in enumerate(layers) if layer.kind == "SP"
                     and not any(part in layer.name for part in _SKIPPED_LAYERS)}
    doc.entities = [_entity(span, layers[span.layer], units) for span in spans.values() if span.layer in entity_layers]
    doc.relations = _relations(parser.rows, layers, at_row, doc.errors, str(path), context.warn)
    return doc


class InceptionReader:
    """Reads WebAnno TSV 3.x files exported by INCEpTION or WebAnno."""

    name = "inception"
    suffixes = (".tsv",)

    def detect(self, path: Path, head: bytes) -> bool:
        return head.decode("utf-8-sig", errors="ignore").startswith("#FORMAT=WebAnno TSV 3")

    def read(self, path: Path, context: ReadContext) -> Iterator[Document | InputErrors]:
        yield from read_one(_tool_document, path, context)


INCEPTION = register(InceptionReader())
