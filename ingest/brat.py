"""brat standoff: `doc.txt` + `doc.ann` (T, R, E, A/M, N, `*` and `#` lines), read from the `.ann`.

Offsets are code points into the `.txt` exactly as stored (brat counts CRLF as two characters).
T lines are entities, or event triggers when an E line (or `annotation.conf`'s [events]) says so;
R lines and E lines whose type maps to a term are claims; A lines set polarity and certainty
(Negation, Denial, Speculation...); N lines link an entity to Wikidata (`Wikidata:Q2429253`) or
to an ActorGraph actor (`ActorGraph:isis`); `*` Equiv lines make their entities one actor; `#`
AnnotatorNotes on a relation or event become the claim's note. A `Report`-like event whose
claimant role points at an entity and another argument at an event makes that entity the
claimant of the inner event's claim. Forward references, trailing tabs, CRLF and a missing final
newline are all accepted.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from actorgraph.graph.errors import InputError
from actorgraph.graph.model import Document
from actorgraph.ingest.annotations import (
    ToolDocument,
    ToolEntity,
    ToolRelation,
    mapping_for,
    read_one,
    read_text,
    report_unmapped,
)
from actorgraph.ingest.limits import check_counts
from actorgraph.ingest.mapping import UNMAPPED, EventRule, label_key
from actorgraph.ingest.metadata import article_fields
from actorgraph.ingest.registry import InputErrors, ReadContext, register

_LINE = re.compile(r"^([TREAMN#*])\S*\t")
_FRAGMENT = re.compile(r"^(\d+) (\d+)$")


@dataclass
class _Event:
    id: str
    type: str
    trigger: str
    arguments: list[tuple[str, str]]
    location: str


@dataclass
class _Parsed:
    entities: list[ToolEntity] = field(default_factory=list)
    relations: list[ToolRelation] = field(default_factory=list)
    events: list[_Event] = field(default_factory=list)
    attributes: dict[str, list[tuple[str, str | None]]] = field(default_factory=dict)
    notes: dict[str, list[str]] = field(default_factory=dict)
    equivalences: list[list[str]] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)


def _entity(ann_id: str, fields: list[str], where: str, path: str) -> ToolEntity:
    if len(fields) < 2:
        raise InputError(path, where, f"{ann_id}: a T line needs `TYPE START END` and the text",
                         "e.g. T1\\tPerson 0 5\\tAhmad")
    label, _, offsets = fields[0].partition(" ")
    fragments = []
    for fragment in offsets.split(";"):
        match = _FRAGMENT.match(fragment.strip())
        if not match:
            raise InputError(path, where, f"{ann_id}: bad offsets {offsets!r}", "use `START END` or `S1 E1;S2 E2`")
        fragments.append((int(match.group(1)), int(match.group(2))))
    return ToolEntity(ann_id, label, fragments, fields[1], f"{where} ({ann_id})")


def _arguments(text: str, ann_id: str, where: str, path: str) -> list[tuple[str, str]]:
    arguments = []
    for item in text.split():
        role, sep, target = item.partition(":")
        if not sep or not target:
            raise InputError(path, where, f"{ann_id}: bad argument {item!r}", "arguments are ROLE:ID, e.g. Arg1:T1")
        arguments.append((role, target))
    return arguments


def _parse_line(line: str, number: int, path: str, parsed: _Parsed) -> None:
    where = f"line {number}"
    if not line.strip():
        return
    if not _LINE.match(line):
        raise InputError(path, where, f"not a brat annotation line: {line[:40]!r}",
                         "lines start with T, R, E, A, M, N, # or * followed by a tab")
    fields = line.split("\t")
    ann_id, rest = fields[0], [f for f in fields[1:]]
    kind = ann_id[0]
    body = rest[0].strip() if rest else ""
    if kind == "T":
        parsed.entities.append(_entity(ann_id, rest, where, path))
    elif kind == "R":
        label, _, args = body.partition(" ")
        arguments = _arguments(args, ann_id, where, path)
        if len(arguments) != 2:
            raise InputError(path, where, f"{ann_id}: a relation needs two arguments",
                             "e.g. R1\\tSupports Arg1:T1 Arg2:T2")
        parsed.relations.append(ToolRelation(ann_id, [label], arguments[0][1], arguments[1][1], f"{where} ({ann_id})"))
    elif kind == "E":
        head, _, args = body.partition(" ")
        event_type, sep, trigger = head.partition(":")
        if not sep:
            raise InputError(path, where, f"{ann_id}: an event starts with TYPE:TRIGGER",
                             "e.g. E1\\tAttack:T3 Attacker:T1")
        parsed.events.append(_Event(ann_id, event_type, trigger, _arguments(args, ann_id, where, path),
                                    f"{where} ({ann_id})"))
    elif kind in "AM":
        parts = body.split()
        if len(parts) < 2:
            raise InputError(path, where, f"{ann_id}: an attribute needs a name and a target", "e.g. A1\\tNegation E1")
        parsed.attributes.setdefault(parts[1], []).append((parts[0], parts[2] if len(parts) > 2 else None))
    elif kind == "N":
        _normalisation(body, ann_id, where, path, parsed)
    elif kind == "#":
        parts = body.split()
        if len(parts) >= 2:
            parsed.notes.setdefault(parts[1], []).append("\t".join(rest[1:]).strip())
    elif kind == "*":
        _, _, members = body.partition(" ")
        parsed.equivalences.append(members.split())


def _normalisation(body: str, ann_id: str, where: str, path: str, parsed: _Parsed) -> None:
    parts = body.split()
    if len(parts) != 3 or ":" not in parts[2]:
        raise InputError(path, where, f"{ann_id}: a normalisation is `Reference T1 DB:ID`", "e.g. Wikidata:Q2429253")
    database, _, value = parts[2].partition(":")
    parsed.attributes.setdefault(parts[1], []).append((f"@{database.lower()}", value))


def parse_ann(text: str, path: str) -> _Parsed:
    """Every annotation of an .ann file; a bad line is an error, the other lines are still read."""
    parsed = _Parsed()
    lines = text.splitlines()
    # Counted before parsing: 900,000 entity lines fit under the file-size cap and cost 40 s and
    # 650 MB to parse before the per-article limit refused them.
    check_counts(path, "", mentions=range(sum(1 for line in lines if line.startswith("T"))),
                 claims=range(sum(1 for line in lines if line.startswith(("R", "E")))))
    for number, line in enumerate(lines, start=1):
        try:
            _parse_line(line.rstrip("\r"), number, path, parsed)
        except InputError as exc:
            parsed.errors.append(exc)
    return parsed


def event_types_from_conf(ann: Path) -> set[str]:
    """Event types declared in the nearest `annotation.conf` (its folder or a parent), if any."""
    for folder in (ann.parent, *ann.parent.parents):
        conf = folder / "annotation.conf"
        if conf.is_file():
            return _conf_events(conf)
    return set()


def _conf_events(conf: Path) -> set[str]:
    section, types = "", set()
    try:
        lines = conf.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return set()
    for line in lines:
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("[") and stripped.endswith("]"):
            section = stripped[1:-1].strip()
        elif section == "events" and not stripped.startswith("<"):
            types.add(stripped.split()[0].lstrip("!"))
    return types


def _link_entities(parsed: _Parsed) -> None:
    """Apply N lines (Wikidata / ActorGraph ids) to their entities."""
    by_id = {e.id: e for e in parsed.entities}
    for target, pairs in parsed.attributes.items():
        entity = by_id.get(target)
        for name, value in pairs:
            if entity is None or not name.startswith("@") or not value:
                continue
            if name == "@wikidata":
                entity.wikidata = value
            elif name == "@actorgraph":
                entity.actor = value


def _role(arguments: list[tuple[str, str]], roles: tuple[str, ...]) -> str | None:
    wanted = [label_key(r) for r in roles]
    for exact in (True, False):
        for role, target in arguments:
            key = label_key(role) if exact else label_key(re.sub(r"\d+$", "", role))
            if key in wanted and not target.startswith("E"):
                return target
    return None


def _events(parsed: _Parsed, path: str, context: ReadContext) -> list[ToolRelation]:
    """Claims from E lines whose type maps to a term; reporting events set the inner claimant."""
    mapping = mapping_for(context)
    claimant_of: dict[str, str] = {}
    for event in parsed.events:
        reporter = _role(event.arguments, mapping.roles["claimant"])
        inner = [target for _, target in event.arguments if target.startswith("E")]
        if reporter and inner and mapping.event(event.type, context.vocabulary) in (UNMAPPED, None):
            claimant_of.update({target: reporter for target in inner})
            event.type = ""  # a reporting frame, not a claim of its own
    relations = []
    for event in parsed.events:
        if not event.type:
            continue
        rule = mapping.event(event.type, context.vocabulary)
        if rule is UNMAPPED:
            report_unmapped(context, "events", event.type, path)
        if not isinstance(rule, EventRule):
            continue
        subject, obj = _role(event.arguments, rule.subject), _role(event.arguments, rule.object)
        if subject is None or obj is None:
            missing = "/".join(rule.subject if subject is None else rule.object)
            hint = "add the argument, or set the roles of this event type in the mapping file"
            parsed.errors.append(InputError(path, event.location,
                                            f"event {event.id} ({event.type}) has no {missing} argument", hint))
            continue
        claimant = _role(event.arguments, rule.claimant) if rule.claimant else None
        relations.append(ToolRelation(event.id, [], subject, obj, event.location,
                                      claimant=claimant or claimant_of.get(event.id),
                                      attributes=parsed.attributes.get(event.id, []), trigger=event.trigger, rule=rule))
    return relations


def _tool_document(ann: Path, context: ReadContext) -> ToolDocument:
    txt = ann.with_suffix(".txt")
    if not txt.is_file():
        raise InputError(str(ann), "", f"no text file {txt.name} beside it",
                         "brat documents are pairs of .txt and .ann")
    text = read_text(txt)
    parsed = parse_ann(read_text(ann), str(ann))
    _link_entities(parsed)
    relations = _events(parsed, str(ann), context)
    for relation in parsed.relations:
        relation.attributes = parsed.attributes.get(relation.id, [])
    relations = parsed.relations + relations
    for relation in relations:
        if relation.id in parsed.notes:
            relation.note = "\n".join(parsed.notes[relation.id])
    triggers = {e.trigger for e in parsed.events}
    conf_events = {label_key(t) for t in event_types_from_conf(ann)}
    triggers |= {e.id for e in parsed.entities if label_key(e.label) in conf_events}
    return ToolDocument(str(ann), "brat", text, article_fields(ann, text, None, context.options), parsed.entities,
                        relations, parsed.equivalences, parsed.errors, triggers)


class BratReader:
    """Reads brat standoff pairs; the `.ann` file names the document."""

    name = "brat"
    suffixes = (".ann",)

    def detect(self, path: Path, head: bytes) -> bool:
        first = next((line for line in head.decode("utf-8", errors="ignore").splitlines() if line.strip()), "")
        return not first or bool(_LINE.match(first))

    def read(self, path: Path, context: ReadContext) -> Iterator[Document | InputErrors]:
        yield from read_one(_tool_document, path, context)


BRAT = register(BratReader())
