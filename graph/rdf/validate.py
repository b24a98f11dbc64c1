"""Validate an RDF export against `data/shapes.ttl` (SHACL, via pyshacl) with a readable report.

The shapes are self-contained: they list the actor classes and the relation terms themselves, so
the export is validated by itself, exactly as any other SHACL engine (Apache Jena's `shacl
validate`, tests/test_shacl_engines.py) would see it; no ontology is merged in, and no inference
is run. TriG / N-Quads files are validated
as the union of their graphs: a claim (in its article's graph) refers to actors (in the default
graph), and the shapes need both.

The report is one line per violation, `focus  path: message`, sorted, so it diffs and greps well.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from actorgraph.graph.config import DATA_DIR
from actorgraph.graph.errors import InputError
from actorgraph.graph.rdf.terms import PREFIXES

SHAPES_FILE = DATA_DIR / "shapes.ttl"
SHAPES_NS = "https://actorgraph.example.org/shapes#"

#: rdflib parser name per file suffix; quad formats are read as a dataset and merged.
RDF_SUFFIXES = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld", ".trig": "trig",
                ".nq": "nquads", ".rdf": "xml", ".owl": "xml"}
_QUAD_FORMATS = {"trig", "nquads"}


@dataclass(frozen=True, order=True)
class Violation:
    focus: str
    path: str
    message: str

    def line(self) -> str:
        return f"{self.focus}  {self.path}: {self.message}" if self.path else f"{self.focus}: {self.message}"


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    violations: tuple[Violation, ...]

    def lines(self) -> list[str]:
        return [v.line() for v in self.violations]


def load_rdf(path: Path | str, fmt: str | None = None):
    """Parse an RDF file into one rdflib Graph (the union of all graphs for TriG / N-Quads)."""
    from rdflib import Dataset, Graph

    path = Path(path)
    fmt = fmt or RDF_SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise InputError(str(path), "", f"unknown RDF file type {path.suffix!r}",
                         f"use one of {', '.join(sorted(RDF_SUFFIXES))}")
    try:
        if fmt in _QUAD_FORMATS:
            dataset = Dataset()
            dataset.parse(path, format=fmt)
            graph = Graph()
            for s, p, o, _g in dataset.quads((None, None, None, None)):
                graph.add((s, p, o))
            return graph
        return Graph().parse(path, format=fmt)
    except FileNotFoundError:
        raise InputError(str(path), "", "no such file", "check the path") from None
    except Exception as exc:  # rdflib raises many parser-specific types
        raise InputError(str(path), _parse_line(exc), f"is not valid {fmt}: {_parse_problem(exc)}",
                         "export it again with `actorgraph export`") from None


def _parse_line(exc: Exception) -> str:
    match = re.search(r"at line (\d+)", str(exc))
    return f"line {match.group(1)}" if match else ""


def _parse_problem(exc: Exception) -> str:
    """rdflib's message on one line, without its 'at line N of <>:' preamble."""
    text = re.sub(r"^at line \d+ of <[^>]*>:\s*", "", str(exc)).strip()
    text = " ".join(text.split())
    return (text[:200] + "...") if len(text) > 200 else (text or type(exc).__name__)


def validate_graph(graph) -> ValidationReport:
    """SHACL-validate `graph` against the shipped shapes, with nothing added to it (no ontology,
    no inference), so that the verdict is the one any SHACL engine gives on the same file."""
    from pyshacl import validate
    from rdflib import Graph

    shapes = Graph().parse(SHAPES_FILE, format="turtle")
    conforms, results, _text = validate(graph, shacl_graph=shapes, inference="none", inplace=True,
                                        allow_infos=True, allow_warnings=False)
    return ValidationReport(bool(conforms), report_violations(results))


def validate_file(path: Path | str) -> ValidationReport:
    return validate_graph(load_rdf(path))


def report_violations(results) -> tuple[Violation, ...]:
    """The violations of a SHACL validation report graph (any engine's), sorted and deduplicated."""
    return tuple(sorted(set(_violations(results))))


def _violations(results):
    from rdflib.namespace import RDF, SH

    # Only the report's own results: nested sh:detail results repeat what their parent says.
    for report in results.subjects(RDF.type, SH.ValidationReport):
        yield from _report_results(results, report)


def _report_results(results, report):
    from rdflib.namespace import SH

    for result in results.objects(report, SH.result):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        message = results.value(result, SH.resultMessage)
        yield Violation(_show(focus), _show_path(results, path), str(message) if message else "violates a shape")


def _show(term) -> str:
    """A term as Turtle would write it, with the export prefixes."""
    from rdflib import URIRef

    if isinstance(term, URIRef):
        value = str(term)
        for prefix, uri in (*PREFIXES.items(), ("ags", SHAPES_NS)):
            if value.startswith(uri) and "/" not in value[len(uri):]:
                return f"{prefix}:{value[len(uri):]}"
        return f"<{value}>"
    return term.n3() if term is not None else ""


def _show_path(results, path) -> str:
    """A SHACL path: a property, or a sequence `a/b` (an rdf:List)."""
    from rdflib import BNode
    from rdflib.collection import Collection

    if isinstance(path, BNode):
        return "/".join(_show(p) for p in Collection(results, path))
    return _show(path)
