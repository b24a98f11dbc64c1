"""The relation vocabulary: the only predicates, actor types and relationship types there are.

Loaded once from `data/vocabulary.yaml` and validated, with errors naming the file and key.
`relationship_type()` is the single gate through which a name may reach Cypher as a
relationship type: it returns only UPPER_SNAKE forms of vocabulary terms.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, LiteralString, cast

from actorgraph.graph.config import DATA_DIR
from actorgraph.graph.errors import InputError, ReferenceDataError
from actorgraph.graph.files import load_yaml
from actorgraph.graph.plover import PLOVER_TYPES, plover_iri

DEFAULT_VOCABULARY = DATA_DIR / "vocabulary.yaml"
RELATIONSHIP_TYPE_PATTERN = re.compile(r"^[A-Z][A-Z0-9_]*$")
_TERM_PATTERN = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
_CAMEO_PATTERN = re.compile(r"^[0-9]{2}$")
_CAMEO_CODE_PATTERN = re.compile(r"^[0-9]{3,4}$")
_TERM_KEYS = {"labels", "definition", "subject", "object", "inverse", "symmetric", "plover", "cameo", "cameo_code"}


@lru_cache(maxsize=4096)
def normalise_term(name: str) -> str:
    """Canonical spelling of a relation name: SupportedBy, supported_by, SUPPORTED BY -> supported-by.

    Memoised: an ingest asks for the same few spellings hundreds of thousands of times.
    """
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "-", name.strip())
    return re.sub(r"[\s_\-]+", "-", spaced).strip("-").lower()


@dataclass(frozen=True, slots=True)
class RelationTerm:
    """One predicate of the vocabulary.

    `plover` is the PLOVER event type the term is coded as (None for a static relation such as
    located-in); `cameo` its CAMEO root code and `cameo_code` the full CAMEO code that the
    PLOVER type is read from in the CAMEO-to-PLOVER table (data/plover/).
    """

    id: str
    labels: dict[str, str] = field(hash=False)
    definition: str
    subject_types: tuple[str, ...] | None  # None: any type
    object_types: tuple[str, ...] | None
    inverse: str | None = None
    symmetric: bool = False
    cameo: str | None = None
    plover: str | None = None
    cameo_code: str | None = None

    @property
    def relationship_type(self) -> str:
        """The Neo4j relationship type: supported-by -> SUPPORTED_BY."""
        return self.id.upper().replace("-", "_")

    def to_dict(self) -> dict[str, Any]:
        """The term for JSON consumers (`actorgraph vocabulary --json`); "any" for unconstrained types."""
        return {"id": self.id, "labels": dict(self.labels), "definition": self.definition,
                "inverse": self.inverse, "symmetric": self.symmetric,
                "plover": self.plover, "plover_iri": plover_iri(self.plover) if self.plover else None,
                "cameo": self.cameo, "cameo_code": self.cameo_code,
                "subject": list(self.subject_types) if self.subject_types else "any",
                "object": list(self.object_types) if self.object_types else "any",
                "relationship_type": self.relationship_type}


@dataclass(frozen=True)
class Vocabulary:
    """Relation terms and actor types, with lookups that accept any spelling of a term."""

    terms: dict[str, RelationTerm]
    actor_types: dict[str, dict[str, str]]
    source: str = ""

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and normalise_term(name) in self.terms

    def term(self, name: str) -> RelationTerm:
        """The term for any spelling of `name`; KeyError naming the known terms otherwise."""
        key = normalise_term(name)
        try:
            return self.terms[key]
        except KeyError:
            raise KeyError(f"unknown relation {name!r}") from None

    def inverse_of(self, name: str) -> str | None:
        """The term that reads the same edge backwards: itself when symmetric, else `inverse`."""
        term = self.term(name)
        return term.id if term.symmetric else term.inverse

    def canonical_term(self, name: str) -> str:
        """The reading of a term and its inverse that counts as "the same relation" in comparisons.

        The active form wins: a term ending in `-by` reads passively (supported-by, backed-by),
        so its inverse is canonical; otherwise the term declared first in the vocabulary
        (part-of before has-part). Symmetric and inverse-less terms are their own canonical form.
        """
        term = self.term(name)
        if term.inverse is None:
            return term.id
        if term.id.endswith("-by") != term.inverse.endswith("-by"):
            return term.inverse if term.id.endswith("-by") else term.id
        order = list(self.terms)
        return min(term.id, term.inverse, key=order.index)

    def canonical(self, subject: str, predicate: str, obj: str) -> tuple[str, str, str]:
        """`(subject, predicate, object)` read in its canonical direction.

        `sdf supported-by coalition` -> `coalition supports sdf`; a symmetric term puts the
        smaller id first (`isis fights sdf` == `sdf fights isis`). Two claims state the same
        relation exactly when their canonical triples are equal.
        """
        term = self.term(predicate)
        if term.symmetric:
            return (min(subject, obj), term.id, max(subject, obj))
        canonical = self.canonical_term(term.id)
        return (subject, term.id, obj) if canonical == term.id else (obj, canonical, subject)

    def relationship_type(self, name: str) -> LiteralString:
        """UPPER_SNAKE relationship type for a vocabulary term; the only way a type reaches Cypher.

        Typed `LiteralString` (the driver's type for statement text) because the pattern check just
        made it as safe as a literal: the one place a non-literal string may become Cypher text."""
        rel_type = self.term(name).relationship_type
        if not RELATIONSHIP_TYPE_PATTERN.match(rel_type):
            raise ValueError(f"relationship type {rel_type!r} does not match {RELATIONSHIP_TYPE_PATTERN.pattern}")
        return cast(LiteralString, rel_type)

    def term_for_relationship_type(self, rel_type: str) -> RelationTerm:
        return self.term(rel_type)

    def allows(self, name: str, subject_type: str, object_type: str) -> bool:
        """True when the term accepts these actor types as subject and object."""
        term = self.term(name)
        return (term.subject_types is None or subject_type in term.subject_types) and (
            term.object_types is None or object_type in term.object_types
        )


def _types(value: Any, path: str, key: str, actor_types: dict[str, Any]) -> tuple[str, ...] | None:
    if value in (None, "any"):
        return None
    if not isinstance(value, list) or not value:
        raise ReferenceDataError(path, key, "must be 'any' or a non-empty list of actor types")
    unknown = [t for t in value if t not in actor_types]
    if unknown:
        raise ReferenceDataError(path, key, f"unknown actor type {unknown[0]!r}",
                                 f"use one of {', '.join(actor_types)}")
    return tuple(value)


def _term(term_id: str, spec: Any, path: str, actor_types: dict[str, Any]) -> RelationTerm:
    where = f"relations.{term_id}"
    if not _TERM_PATTERN.match(term_id):
        raise ReferenceDataError(path, where, "term ids are kebab-case", "e.g. supported-by")
    if not isinstance(spec, dict):
        raise ReferenceDataError(path, where, "must be a mapping")
    labels = spec.get("labels")
    if not isinstance(labels, dict) or not labels.get("ar") or not labels.get("en"):
        raise ReferenceDataError(path, f"{where}.labels", "needs both 'ar' and 'en' labels")
    if not isinstance(spec.get("definition"), str) or not spec["definition"].strip():
        raise ReferenceDataError(path, f"{where}.definition", "is missing", "say what the text must state")
    if spec.get("symmetric") and spec.get("inverse"):
        raise ReferenceDataError(path, where, "a symmetric term has no inverse", "remove 'inverse'")
    unknown_keys = set(spec) - _TERM_KEYS
    if unknown_keys:
        raise ReferenceDataError(path, f"{where}.{sorted(unknown_keys)[0]}", "unknown key")
    cameo, cameo_code = _cameo(spec, path, where)
    return RelationTerm(
        id=term_id,
        labels={"ar": str(labels["ar"]), "en": str(labels["en"])},
        definition=spec["definition"].strip(),
        subject_types=_types(spec.get("subject", "any"), path, f"{where}.subject", actor_types),
        object_types=_types(spec.get("object", "any"), path, f"{where}.object", actor_types),
        inverse=spec.get("inverse"),
        symmetric=bool(spec.get("symmetric", False)),
        cameo=cameo,
        plover=_plover(spec, path, where),
        cameo_code=cameo_code,
    )


def _plover(spec: dict[str, Any], path: str, where: str) -> str | None:
    """The term's PLOVER type; the key is required so that "no event type" is a decision, not an omission."""
    if "plover" not in spec:
        raise ReferenceDataError(path, f"{where}.plover", "is missing",
                                 f"give the PLOVER event type ({', '.join(PLOVER_TYPES)})"
                                 " or null for a static relation")
    plover = spec["plover"]
    if plover is not None and plover not in PLOVER_TYPES:
        raise ReferenceDataError(path, f"{where}.plover", f"{plover!r} is not a PLOVER event type",
                                 f"use one of {', '.join(PLOVER_TYPES)}, or null")
    return plover


def _cameo(spec: dict[str, Any], path: str, where: str) -> tuple[str | None, str | None]:
    """The CAMEO root and full code, as strings; the full code must lie under the root."""
    cameo, code = spec.get("cameo"), spec.get("cameo_code")
    cameo = str(cameo) if cameo is not None else None
    code = str(code) if code is not None else None
    if cameo is not None and not _CAMEO_PATTERN.match(cameo):
        raise ReferenceDataError(path, f"{where}.cameo", f"{cameo!r} is not a two-digit CAMEO root code")
    if code is not None and not (_CAMEO_CODE_PATTERN.match(code) and cameo and code.startswith(cameo)):
        raise ReferenceDataError(path, f"{where}.cameo_code", f"{code!r} is not a 3- or 4-digit CAMEO code under "
                                 f"the root {cameo!r}", 'quote it ("0841") and give the matching two-digit `cameo`')
    return cameo, code


def parse_vocabulary(data: Any, path: str) -> Vocabulary:
    """Validate a parsed vocabulary document; raise ReferenceDataError naming the key at fault."""
    if not isinstance(data, dict):
        raise ReferenceDataError(path, "", "must be a mapping with 'actor_types' and 'relations'")
    actor_types = data.get("actor_types")
    if not isinstance(actor_types, dict) or not actor_types:
        raise ReferenceDataError(path, "actor_types", "must map each actor type to its ar/en labels")
    relations = data.get("relations")
    if not isinstance(relations, dict) or not relations:
        raise ReferenceDataError(path, "relations", "must map term ids to their definitions")
    terms = {tid: _term(tid, spec, path, actor_types) for tid, spec in relations.items()}
    for term in terms.values():
        if term.inverse is None:
            continue
        other = terms.get(term.inverse)
        if other is None:
            raise ReferenceDataError(path, f"relations.{term.id}.inverse", f"unknown term {term.inverse!r}")
        if other.inverse != term.id:
            raise ReferenceDataError(path, f"relations.{other.id}.inverse",
                                     f"must be {term.id!r} (inverses go both ways)")
        if (other.plover, other.cameo) != (term.plover, term.cameo):
            raise ReferenceDataError(path, f"relations.{other.id}.plover",
                                     f"must match its inverse {term.id!r} ({term.plover}, CAMEO {term.cameo}):"
                                     " both read the same event")
    return Vocabulary(terms=terms, actor_types={k: dict(v or {}) for k, v in actor_types.items()}, source=path)


def load_vocabulary(path: Path | str | None = None) -> Vocabulary:
    """Load and validate a vocabulary file (the shipped one by default)."""
    path = Path(path) if path else DEFAULT_VOCABULARY
    return parse_vocabulary(load_yaml(path), str(path))


@lru_cache(maxsize=1)
def default_vocabulary() -> Vocabulary:
    """The shipped vocabulary, loaded once per process."""
    return load_vocabulary(DEFAULT_VOCABULARY)


def nearest_terms(vocabulary: Vocabulary, name: str, n: int = 3) -> list[str]:
    """The known terms nearest to a misspelt `name`: only those about as close as the best one,
    so that "acuses" suggests accuses and not every term that shares a few letters."""
    import difflib

    wanted = normalise_term(name)
    scored = sorted(((difflib.SequenceMatcher(None, wanted, term).ratio(), term) for term in vocabulary.terms),
                    reverse=True)
    best = scored[0][0] if scored else 0.0
    return [term for ratio, term in scored[:n] if ratio >= 0.6 and ratio >= best - 0.1]


def check_term(vocabulary: Vocabulary, name: str, path: str, location: str) -> RelationTerm:
    """The term for `name`, or an InputError that lists the nearest known terms."""
    try:
        return vocabulary.term(name)
    except KeyError:
        close = nearest_terms(vocabulary, name)
        hint = f"did you mean {', '.join(close)}?" if close else "see data/vocabulary.yaml for the terms"
        raise InputError(path, location, f"unknown relation {name!r}", hint) from None
