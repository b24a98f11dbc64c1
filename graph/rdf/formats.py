"""The RDF formats, each a writer of `RdfExporter`'s triples (registered in `graph.exporters.registry`).

`nt` and `ttl` stream (memory flat, > 500k triples/s; bench/ntriples.py compares the N-Triples
writer with pyoxigraph's serializer); `trig` and `jsonld` hold the graph once in a parser's
memory (pyoxigraph / rdflib) because their syntax groups by graph or by node.
"""
from __future__ import annotations

import io
from typing import TextIO

from actorgraph.graph.exporters.source import ExportSource
from actorgraph.graph.rdf.export import RdfExporter
from actorgraph.graph.rdf.ntriples import write_nquads, write_ntriples, write_turtle
from actorgraph.graph.rdf.terms import PREFIXES, to_rdflib


def write_nt(source: ExportSource, out: TextIO, exporter: RdfExporter) -> int:
    return write_ntriples(exporter.triples(source), out)


def write_ttl(source: ExportSource, out: TextIO, exporter: RdfExporter) -> int:
    return write_turtle(exporter.triples(source), out, known=exporter.known_terms())


def write_trig(source: ExportSource, out: TextIO, exporter: RdfExporter) -> int:
    import pyoxigraph

    buffer = io.StringIO()
    count = write_nquads(exporter.quads(source), buffer)
    quads = pyoxigraph.parse(buffer.getvalue(), pyoxigraph.RdfFormat.N_QUADS)
    trig = pyoxigraph.serialize(quads, None, pyoxigraph.RdfFormat.TRIG, prefixes=PREFIXES)
    assert trig is not None  # no output file given: pyoxigraph returns the bytes
    out.write(trig.decode("utf-8"))
    return count


def write_jsonld(source: ExportSource, out: TextIO, exporter: RdfExporter) -> int:
    from rdflib import Graph

    graph = Graph()
    for prefix, uri in PREFIXES.items():
        graph.bind(prefix, uri)
    add = graph.add
    for s, p, o in exporter.triples(source):
        add((to_rdflib(s), to_rdflib(p), to_rdflib(o)))
    out.write(graph.serialize(format="json-ld", context=dict(PREFIXES), indent=1, ensure_ascii=False))
    return len(graph)
