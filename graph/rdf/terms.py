"""RDF terms in their N-Triples spelling, the namespaces ActorGraph uses, and stable IRIs.

Terms are plain `str` already written as N-Triples (`<iri>`, `"text"@ar`, `"1"^^<xsd:integer>`,
`_:b1`). Escaping happens once, when a term is built, so every writer (N-Triples, Turtle, N-Quads)
is string concatenation: that is what makes the streaming export fast. `to_rdflib` turns a term
back into an rdflib term for the formats that go through rdflib (JSON-LD).

The ontology namespace is fixed (`ONTOLOGY_NS`), independent of the data base IRI given with
`--base`: the vocabulary is one published ontology (`data/ontology.ttl`) whatever server hosts the
data, so queries written against `ag:` keep working on every export.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import quote

DEFAULT_BASE = "https://actorgraph.example.org/"
ONTOLOGY_NS = "https://actorgraph.example.org/ontology#"

Term = str
Triple = tuple[str, str, str]

RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS_NS = "http://www.w3.org/2000/01/rdf-schema#"
OWL_NS = "http://www.w3.org/2002/07/owl#"
XSD_NS = "http://www.w3.org/2001/XMLSchema#"
SKOS_NS = "http://www.w3.org/2004/02/skos/core#"
PROV_NS = "http://www.w3.org/ns/prov#"
OA_NS = "http://www.w3.org/ns/oa#"
DCTERMS_NS = "http://purl.org/dc/terms/"
SCHEMA_NS = "https://schema.org/"
WIKIDATA_NS = "http://www.wikidata.org/entity/"

#: Prefixes every Turtle, TriG and JSON-LD output declares (and the SPARQL examples use).
PREFIXES: dict[str, str] = {
    "rdf": RDF_NS, "rdfs": RDFS_NS, "owl": OWL_NS, "xsd": XSD_NS, "skos": SKOS_NS, "prov": PROV_NS,
    "oa": OA_NS, "dcterms": DCTERMS_NS, "schema": SCHEMA_NS, "wd": WIKIDATA_NS, "ag": ONTOLOGY_NS,
}

# Characters an IRIREF may not contain (N-Triples/Turtle grammar), and code points RFC 3987 never
# allows outside a query (C1 controls, private use, non-characters), and Unicode white space
# (rdflib's N-Triples parser rejects it): percent-encoded instead.
_PLANE_ENDS = "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 15))
_IRI_FORBIDDEN = re.compile('[\x00-\x20<>"{}|^`\\\\\x7f-\x9f\ue000-\uf8ff\ufdd0-\ufdef\ufff0-\uffff'
                            + _PLANE_ENDS + '\U000e0000-\U000e0fff\U000f0000-\U0010ffff\\s]')
# Characters a quoted literal must (or, for other controls, should) write as an escape.
_LITERAL_SPECIAL = re.compile(r'[\x00-\x1f"\\\x7f]')
_LITERAL_ESCAPES = {i: f"\\u{i:04X}" for i in (*range(0x20), 0x7F)}
_LITERAL_ESCAPES.update({ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r",
                         ord("\t"): "\\t", ord("\b"): "\\b", ord("\f"): "\\f"})
_RARE_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_COMMON_ESCAPES = (("\\", "\\\\"), ('"', '\\"'), ("\n", "\\n"), ("\r", "\\r"), ("\t", "\\t"))
_LANG_TAG = re.compile(r"^[a-zA-Z]+(-[a-zA-Z0-9]+)*$")
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")


def iri(value: str) -> Term:
    """`<value>`, with the characters an IRIREF forbids (spaces, quotes, braces, controls...)
    percent-encoded. It does not parse `value`: callers pass ids through `segment()` first."""
    if _IRI_FORBIDDEN.search(value):
        value = _IRI_FORBIDDEN.sub(lambda m: quote(m.group(0), safe=""), value)
    return f"<{value}>"


def escape_literal(text: str) -> str:
    """The body of a quoted literal: \\ " newline, CR and every other control character escaped.

    Article texts hold quotes and newlines but rarely other controls: a few `str.replace` calls
    (backslash first) escape them several times faster than `translate`'s per-character lookup.
    """
    if not _LITERAL_SPECIAL.search(text):
        return text
    if _RARE_CONTROL.search(text):
        return text.translate(_LITERAL_ESCAPES)
    for special, escape in _COMMON_ESCAPES:
        if special in text:
            text = text.replace(special, escape)
    return text


def literal(text: str, lang: str | None = None, datatype: Term | None = None) -> Term:
    """A literal: plain, language-tagged (`lang`, validated) or typed (`datatype`, an `iri()` term)."""
    body = escape_literal(text)
    if lang:
        if not _LANG_TAG.match(lang):
            raise ValueError(f"invalid language tag {lang!r}")
        return f'"{body}"@{lang.lower()}'
    if datatype is not None:
        return f'"{body}"^^{datatype}'
    return f'"{body}"'


def bnode(label: str) -> Term:
    return f"_:{label}"


_UNRESERVED = re.compile(r"[A-Za-z0-9._~-]+")


def segment(value: str) -> str:
    """One IRI path segment from an id: everything but unreserved characters percent-encoded."""
    return value if _UNRESERVED.fullmatch(value) else quote(value, safe="-._~")


def child(term: Term, suffix: str) -> Term:
    """`<iri/suffix>` from `<iri>`: for suffixes made of unreserved characters and '/' only."""
    return f"{term[:-1]}{suffix}>"


def script_language(text: str) -> str:
    """'ar' when `text` contains Arabic script, else 'en' (aliases carry no language of their own)."""
    return "ar" if _ARABIC_SCRIPT.search(text) else "en"


class Namespace:
    """Terms of one namespace, built once: `ns["supportedBy"]` -> `<...#supportedBy>`."""

    def __init__(self, uri: str) -> None:
        self.uri = uri
        self._cache: dict[str, Term] = {}

    def __getitem__(self, local: str) -> Term:
        term = self._cache.get(local)
        if term is None:
            term = self._cache[local] = iri(self.uri + local)
            if local.isidentifier():
                self.__dict__[local] = term  # later `ns.local` is a plain attribute read (hot paths)
        return term

    def __getattr__(self, local: str) -> Term:
        if local.startswith("__"):
            raise AttributeError(local)
        return self[local]


RDF = Namespace(RDF_NS)
RDFS = Namespace(RDFS_NS)
OWL = Namespace(OWL_NS)
XSD = Namespace(XSD_NS)
SKOS = Namespace(SKOS_NS)
PROV = Namespace(PROV_NS)
OA = Namespace(OA_NS)
DCTERMS = Namespace(DCTERMS_NS)
SCHEMA = Namespace(SCHEMA_NS)
AG = Namespace(ONTOLOGY_NS)
RDF_TYPE = RDF["type"]


def camel(term_id: str) -> str:
    """Local name of a vocabulary term's property: supported-by -> supportedBy."""
    head, *rest = term_id.split("-")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def relation_property(term_id: str) -> Term:
    return AG[camel(term_id)]


_DATE_TYPES = ((re.compile(r"^\d{4}-\d{2}-\d{2}$"), "date"), (re.compile(r"^\d{4}-\d{2}$"), "gYearMonth"),
               (re.compile(r"^\d{4}$"), "gYear"))


@lru_cache(maxsize=4096)
def date_literal(value: str) -> Term:
    """An ISO date, month or year as xsd:date / xsd:gYearMonth / xsd:gYear (else a plain literal)."""
    for pattern, local in _DATE_TYPES:
        if pattern.match(value):
            return literal(value, datatype=XSD[local])
    return literal(value)


def prefixed_names(prefixes: dict[str, str], terms: Iterable[Term]) -> dict[Term, str]:
    """For each `<iri>` term inside one of `prefixes` with a simple local name: its `prefix:local`."""
    found: dict[Term, str] = {}
    for term in terms:
        if not term.startswith("<"):
            continue
        value = term[1:-1]
        for prefix, uri in prefixes.items():
            local = value[len(uri):]
            if value.startswith(uri) and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", local):
                found[term] = f"{prefix}:{local}"
                break
    return found


def to_rdflib(term: Term):
    """The rdflib term for an N-Triples term written by this module."""
    from rdflib import BNode, Literal, URIRef

    if term.startswith("<"):
        return URIRef(term[1:-1])
    if term.startswith("_:"):
        return BNode(term[2:])
    end = term.rindex('"')
    lexical = _unescape(term[1:end])
    tail = term[end + 1:]
    if tail.startswith("@"):
        return Literal(lexical, lang=tail[1:])
    if tail.startswith("^^"):
        return Literal(lexical, datatype=URIRef(tail[3:-1]))
    return Literal(lexical)


_UNESCAPE = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[tbnrf\"'\\])")
_ECHARS = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _unescape(body: str) -> str:
    return _UNESCAPE.sub(lambda m: _ECHARS.get(m.group(1)) or chr(int(m.group(1)[1:], 16)), body)
