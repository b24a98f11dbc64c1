"""Export formats: one writer per name, all reading the store through `RdfExporter`.

`nt` and `ttl` stream (memory flat, > 500k triples/s); `trig` and `jsonld` hold the graph once
in a parser's memory (pyoxigraph / rdflib) because their syntax groups by graph or by node;
`graphml` and `gexf` (with time intervals, `graph.gexf_export`) are the actor network for Gephi:
actors as nodes, one edge per asserted (subject, predicate, object) weighted by how many claims
assert it.
"""
from __future__ import annotations

import io
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

from actorgraph.graph.rdf.export import ExportSource, RdfExporter
from actorgraph.graph.rdf.ntriples import write_nquads, write_ntriples, write_turtle
from actorgraph.graph.rdf.terms import PREFIXES, to_rdflib
from actorgraph.graph.store import ClaimFilter


@dataclass(frozen=True)
class ExportFormat:
    name: str
    suffix: str
    media_type: str
    write: Callable[[ExportSource, TextIO, RdfExporter], int]  # returns triples (or edges) written
    description: str


def _write_nt(source: ExportSource, out: TextIO, exporter: RdfExporter) -> int:
    return write_ntriples(exporter.triples(source), out)


def _write_ttl(source: ExportSource, out: TextIO, exporter: RdfExporter) -> int:
    return write_turtle(exporter.triples(source), out, known=exporter.known_terms())


def _write_trig(source: ExportSource, out: TextIO, exporter: RdfExporter) -> int:
    import pyoxigraph

    buffer = io.StringIO()
    count = write_nquads(exporter.quads(source), buffer)
    quads = pyoxigraph.parse(buffer.getvalue(), pyoxigraph.RdfFormat.N_QUADS)
    trig = io.BytesIO()
    pyoxigraph.serialize(quads, trig, pyoxigraph.RdfFormat.TRIG, prefixes=PREFIXES)
    out.write(trig.getvalue().decode("utf-8"))
    return count


def _write_jsonld(source: ExportSource, out: TextIO, exporter: RdfExporter) -> int:
    from rdflib import Graph

    graph = Graph()
    for prefix, uri in PREFIXES.items():
        graph.bind(prefix, uri)
    add = graph.add
    for s, p, o in exporter.triples(source):
        add((to_rdflib(s), to_rdflib(p), to_rdflib(o)))
    out.write(graph.serialize(format="json-ld", context=dict(PREFIXES), indent=1, ensure_ascii=False))
    return len(graph)


def _write_graphml(source: ExportSource, out: TextIO, exporter: RdfExporter) -> int:
    import networkx as nx

    graph = actor_network(source, exporter)
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, encoding="utf-8", prettyprint=True)
    out.write(buffer.getvalue().decode("utf-8"))
    return graph.number_of_edges()


def _write_gexf(source: ExportSource, out: TextIO, exporter: RdfExporter) -> int:
    from actorgraph.graph.gexf_export import ASSERTED_ONLY, dynamic_network, gexf_bytes

    graph = dynamic_network(source.actors(), source.claims(ASSERTED_ONLY), {a.id: a for a in source.articles()},
                            exporter.vocabulary)
    out.write(gexf_bytes(graph).decode("utf-8"))
    return graph.number_of_edges()


def actor_network(source: ExportSource, exporter: RdfExporter):
    """Actors as nodes (labels, type, IRI) and one edge per asserted (subject, predicate, object),
    keyed by predicate, with `weight` = the number of asserted claims behind it."""
    import networkx as nx

    graph = nx.MultiDiGraph()
    for actor in source.actors():
        graph.add_node(actor.id, label=actor.name, label_ar=actor.labels.get("ar", ""),
                       label_en=actor.labels.get("en", ""), type=actor.type, iri=exporter.actor_iri(actor.id)[1:-1],
                       wikidata=actor.wikidata or "")
    weights = Counter((c.subject, c.predicate, c.object) for c in source.claims(ClaimFilter(polarities=("asserted",))))
    for (subject, predicate, obj), weight in sorted(weights.items()):
        graph.add_edge(subject, obj, key=predicate, predicate=predicate, weight=weight,
                       label=exporter.vocabulary.term(predicate).labels["en"],
                       iri=exporter.relation(predicate)[1:-1])
    return graph


EXPORT_FORMATS: dict[str, ExportFormat] = {
    f.name: f for f in (
        ExportFormat("ttl", ".ttl", "text/turtle", _write_ttl, "Turtle, streamed"),
        ExportFormat("nt", ".nt", "application/n-triples", _write_nt, "N-Triples, streamed"),
        ExportFormat("jsonld", ".jsonld", "application/ld+json", _write_jsonld, "JSON-LD (rdflib)"),
        ExportFormat("trig", ".trig", "application/trig", _write_trig,
                     "TriG: actors and articles in the default graph, one named graph per article"),
        ExportFormat("graphml", ".graphml", "application/graphml+xml", _write_graphml,
                     "GraphML actor network for Gephi (asserted edges, weight = claims)"),
        ExportFormat("gexf", ".gexf", "application/gexf+xml", _write_gexf,
                     "GEXF dynamic actor network for Gephi's timeline (edges span their claims' dates)"),
    )
}


def export(source: ExportSource, out: TextIO, fmt: str, base: str | None = None) -> int:
    """Write the whole store to `out` in format `fmt`; returns the number of triples (edges for graphml)."""
    try:
        chosen = EXPORT_FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}") from None
    exporter = RdfExporter(base) if base else RdfExporter()
    return chosen.write(source, out, exporter)
