"""The user-editable mapping from annotation-tool labels to actor types, terms and attributes.

Tools let annotators name things freely (PER, Person, Militia, SupportedBy, Negation...). One
YAML file (`data/mapping.yaml`, or `--mapping FILE` on top of it) says what each label means
here, so a new project's labels need one line each, not code. An unmapped label is reported once
per run with the exact line to add.
"""
from __future__ import annotations

import dataclasses
import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from actorgraph.graph.config import DATA_DIR
from actorgraph.graph.errors import ReferenceDataError
from actorgraph.graph.files import load_yaml
from actorgraph.graph.model import CERTAINTIES, POLARITIES
from actorgraph.graph.vocabulary import Vocabulary, nearest_terms, normalise_term

DEFAULT_MAPPING = DATA_DIR / "mapping.yaml"
SECTIONS = ("entities", "relations", "events", "attributes", "roles")
#: Returned by lookups for a label the mapping does not mention (None means "mapped to nothing").
UNMAPPED = object()


def label_key(label: str) -> str:
    """Lookup key of a tool label: case, spaces, underscores and CamelCase do not matter."""
    return normalise_term(label).replace("-", "")


@dataclass(frozen=True)
class RelationRule:
    """A relation label's meaning: the term, and polarity/certainty the label itself implies."""

    term: str
    polarity: str | None = None
    certainty: str | None = None


@dataclass(frozen=True)
class EventRule:
    """A brat event type read as a claim: the term and which roles are subject, object, claimant."""

    term: str
    subject: tuple[str, ...]
    object: tuple[str, ...]
    claimant: tuple[str, ...] = ()


@dataclass(frozen=True)
class AttributeRule:
    """An attribute (or extra label): the claim field it sets, and the value (flag) or value table."""

    field: str
    value: str | None = None
    values: dict[str, str] = dataclasses.field(default_factory=dict, hash=False)  # `field` is a member here

    def resolve(self, value: str | None) -> str | None:
        if self.value is not None:
            return self.value
        if value is None:
            return None
        table = {label_key(k): v for k, v in self.values.items()}
        return table.get(label_key(value))


@dataclass
class Mapping:
    entities: dict[str, str | None]
    relations: dict[str, RelationRule | None]
    events: dict[str, EventRule | None]
    attributes: dict[str, AttributeRule]
    roles: dict[str, tuple[str, ...]]
    source: str = str(DEFAULT_MAPPING)

    def actor_type(self, label: str) -> Any:
        """The actor type for an entity label, None (not an actor) or UNMAPPED."""
        return self.entities.get(label_key(label), UNMAPPED)

    def relation(self, label: str, vocabulary: Vocabulary) -> Any:
        """The RelationRule for a relation label, None (ignored) or UNMAPPED; terms map to themselves."""
        key = label_key(label)
        if key in self.relations:
            return self.relations[key]
        if label in vocabulary:
            return RelationRule(vocabulary.term(label).id)
        return UNMAPPED

    def event(self, event_type: str, vocabulary: Vocabulary) -> Any:
        """The EventRule for an event type; a relation label or term gets the default roles."""
        key = label_key(event_type)
        if key in self.events:
            return self.events[key]
        rule = self.relation(event_type, vocabulary)
        if rule is None or rule is UNMAPPED:
            return rule
        return EventRule(rule.term, self.roles["subject"], self.roles["object"], self.roles["claimant"])

    def attribute(self, name: str) -> AttributeRule | None:
        return self.attributes.get(label_key(name))

    def unmapped_line(self, section: str, label: str, vocabulary: Vocabulary) -> str:
        """The exact line to add to the mapping file for an unmapped label, as a hint."""
        source = _shown_path(self.source)
        if section == "entities":
            choices = list(vocabulary.actor_types)
            close = difflib.get_close_matches(label, choices, n=1, cutoff=0.75)
            value = close[0] if close else "<actor type>"
            return (f"add `  {label}: {value}` under `entities:` in {source} (any of {', '.join(choices)};"
                    " null if it is not an actor)")
        close = difflib.get_close_matches(normalise_term(label), list(vocabulary.terms), n=1, cutoff=0.75)
        value = close[0] if close else "<term>"
        return (f"add `  {label}: {value}` under `{section}:` in {source} (a term of data/vocabulary.yaml;"
                " null to ignore it)")


def _shown_path(path: str) -> str:
    """The mapping path as the user would type it: relative to the project when it is the shipped one."""
    try:
        return str(Path(path).resolve().relative_to(DATA_DIR.parent))
    except ValueError:
        return path


def _section(data: dict[str, Any], name: str, path: str) -> dict[str, Any]:
    value = data.get(name) or {}
    if not isinstance(value, dict):
        raise ReferenceDataError(path, name, "must be a mapping of label: value")
    return value


def _term(value: Any, path: str, where: str, vocabulary: Vocabulary) -> str:
    if not isinstance(value, str) or value not in vocabulary:
        close = nearest_terms(vocabulary, str(value))
        raise ReferenceDataError(path, where, f"unknown relation term {value!r}",
                                 f"did you mean {', '.join(close)}?" if close else "see data/vocabulary.yaml")
    return vocabulary.term(value).id


def _choice(value: Any, allowed: tuple[str, ...], path: str, where: str) -> str | None:
    if value is None or value in allowed:
        return value
    raise ReferenceDataError(path, where, f"{value!r} is not one of {', '.join(allowed)}")


def _entity(label: str, value: Any, path: str, vocabulary: Vocabulary) -> str | None:
    if value is not None and value not in vocabulary.actor_types:
        raise ReferenceDataError(path, f"entities.{label}", f"unknown actor type {value!r}",
                                 f"use one of {', '.join(vocabulary.actor_types)} or null")
    return value


def _relation(label: str, value: Any, path: str, vocabulary: Vocabulary) -> RelationRule | None:
    where = f"relations.{label}"
    if value is None:
        return None
    if isinstance(value, str):
        return RelationRule(_term(value, path, where, vocabulary))
    if not isinstance(value, dict):
        raise ReferenceDataError(path, where, "must be a term or {term, polarity, certainty}")
    return RelationRule(_term(value.get("term"), path, f"{where}.term", vocabulary),
                        _choice(value.get("polarity"), POLARITIES, path, f"{where}.polarity"),
                        _choice(value.get("certainty"), CERTAINTIES, path, f"{where}.certainty"))


def _roles(value: Any, path: str, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ReferenceDataError(path, where, "must be a list of role names")
    return tuple(value)


def _event(label: str, value: Any, path: str, vocabulary: Vocabulary,
           roles: dict[str, tuple[str, ...]]) -> EventRule | None:
    where = f"events.{label}"
    if value is None:
        return None
    if isinstance(value, str):
        return EventRule(_term(value, path, where, vocabulary), roles["subject"], roles["object"], roles["claimant"])
    if not isinstance(value, dict):
        raise ReferenceDataError(path, where, "must be a term or {term, subject, object, claimant}")
    return EventRule(_term(value.get("term"), path, f"{where}.term", vocabulary),
                     _roles(value.get("subject", list(roles["subject"])), path, f"{where}.subject"),
                     _roles(value.get("object", list(roles["object"])), path, f"{where}.object"),
                     _roles(value.get("claimant", list(roles["claimant"])), path, f"{where}.claimant"))


def _attribute(label: str, value: Any, path: str) -> AttributeRule:
    where = f"attributes.{label}"
    if not isinstance(value, dict):
        raise ReferenceDataError(path, where, "must be {polarity: X}, {certainty: X} or {field: F, values: {...}}")
    allowed = {"polarity": POLARITIES, "certainty": CERTAINTIES}
    if "field" in value:
        name = _choice(value["field"], tuple(allowed), path, f"{where}.field")
        values = value.get("values") or {}
        if not isinstance(values, dict):
            raise ReferenceDataError(path, f"{where}.values", "must map tool values to ours")
        for k, v in values.items():
            _choice(v, allowed[str(name)], path, f"{where}.values.{k}")
        return AttributeRule(str(name), None, {str(k): str(v) for k, v in values.items()})
    for name in allowed:
        if name in value:
            return AttributeRule(name, _choice(value[name], allowed[name], path, f"{where}.{name}"))
    raise ReferenceDataError(path, where, "sets neither polarity nor certainty")


def parse_mapping(data: Any, path: str, vocabulary: Vocabulary, base: Mapping | None = None) -> Mapping:
    """Validate a parsed mapping document (layered over `base`); errors name the key at fault."""
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ReferenceDataError(path, "", f"must be a mapping with the sections {', '.join(SECTIONS)}")
    unknown = set(data) - set(SECTIONS)
    if unknown:
        raise ReferenceDataError(path, sorted(unknown)[0], "unknown section", f"use {', '.join(SECTIONS)}")
    roles: dict[str, tuple[str, ...]] = dict(base.roles) if base else {"subject": (), "object": (), "claimant": ()}
    for name, value in _section(data, "roles", path).items():
        if name not in roles:
            raise ReferenceDataError(path, f"roles.{name}", "unknown role", "use subject, object or claimant")
        roles[name] = _roles(value, path, f"roles.{name}")
    mapping = Mapping(
        entities=dict(base.entities) if base else {}, relations=dict(base.relations) if base else {},
        events=dict(base.events) if base else {}, attributes=dict(base.attributes) if base else {},
        roles=roles, source=path)
    for label, value in _section(data, "entities", path).items():
        mapping.entities[label_key(str(label))] = _entity(str(label), value, path, vocabulary)
    for label, value in _section(data, "relations", path).items():
        mapping.relations[label_key(str(label))] = _relation(str(label), value, path, vocabulary)
    for label, value in _section(data, "events", path).items():
        mapping.events[label_key(str(label))] = _event(str(label), value, path, vocabulary, roles)
    for label, value in _section(data, "attributes", path).items():
        mapping.attributes[label_key(str(label))] = _attribute(str(label), value, path)
    return mapping


def load_mapping(vocabulary: Vocabulary, path: Path | str | None = None) -> Mapping:
    """The shipped mapping, with the user's file (if any) layered on top of it."""
    mapping = parse_mapping(load_yaml(DEFAULT_MAPPING), str(DEFAULT_MAPPING), vocabulary)
    if path is not None:
        path = Path(path)
        if not path.is_file():
            raise ReferenceDataError(str(path), "", "mapping file not found", "check the --mapping path")
        mapping = parse_mapping(load_yaml(path), str(path), vocabulary, base=mapping)
    return mapping
