"""The registry of export formats: one exporter per format name, used by every front end.

`actorgraph export --format` offers exactly the keys of `EXPORTERS`, and the explorer's
download buttons look their formats up here: both call `export()` below, so a format has one
implementation whichever way a file is asked for (tests/test_exporters.py checks it).
"""
from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

from actorgraph.graph.exporters.network import write_gexf, write_graphml
from actorgraph.graph.exporters.source import ExportSource
from actorgraph.graph.exporters.table import write_csv
from actorgraph.graph.rdf.export import RdfExporter
from actorgraph.graph.rdf.formats import write_jsonld, write_nt, write_trig, write_ttl
from actorgraph.graph.vocabulary import Vocabulary, default_vocabulary


@dataclass(frozen=True)
class Exporter:
    """One format: how to write it, and how to name and describe the file."""

    name: str
    title: str  # for buttons and messages: "Turtle", "GraphML"
    suffix: str
    media_type: str
    write: Callable[[ExportSource, TextIO, RdfExporter], int]  # returns how many `unit`s it wrote
    unit: str  # what the count counts: triples, edges or rows
    description: str


EXPORTERS: dict[str, Exporter] = {
    e.name: e for e in (
        Exporter("ttl", "Turtle", ".ttl", "text/turtle", write_ttl, "triples", "Turtle, streamed"),
        Exporter("nt", "N-Triples", ".nt", "application/n-triples", write_nt, "triples", "N-Triples, streamed"),
        Exporter("jsonld", "JSON-LD", ".jsonld", "application/ld+json", write_jsonld, "triples", "JSON-LD (rdflib)"),
        Exporter("trig", "TriG", ".trig", "application/trig", write_trig, "triples",
                 "TriG: actors and articles in the default graph, one named graph per article"),
        Exporter("graphml", "GraphML", ".graphml", "application/graphml+xml", write_graphml, "edges",
                 "GraphML actor network (asserted edges, weight = claims, dates as start/end)"),
        Exporter("gexf", "GEXF", ".gexf", "application/gexf+xml", write_gexf, "edges",
                 "GEXF dynamic actor network for Gephi's timeline (edges span their claims' dates)"),
        Exporter("csv", "CSV", ".csv", "text/csv", write_csv, "rows",
                 "CSV, one row per claim (every polarity) with its article and evidence"),
    )
}


def exporter_for(fmt: str) -> Exporter:
    try:
        return EXPORTERS[fmt]
    except KeyError:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORTERS)}") from None


def export(source: ExportSource, out: TextIO, fmt: str, base: str | None = None,
           vocabulary: Vocabulary | None = None) -> int:
    """Write `source` (a whole store or a `SubgraphSource`) to `out` in format `fmt`, data IRIs under
    `base`; returns the count of the format's unit (triples, edges or rows)."""
    chosen = exporter_for(fmt)
    vocabulary = vocabulary or default_vocabulary()
    exporter = RdfExporter(base, vocabulary) if base else RdfExporter(vocabulary=vocabulary)
    return chosen.write(source, out, exporter)


def export_bytes(source: ExportSource, fmt: str, base: str | None = None,
                 vocabulary: Vocabulary | None = None) -> bytes:
    """The whole file in memory, UTF-8: for downloads, which hand the browser bytes."""
    buffer = io.StringIO(newline="\n")
    export(source, buffer, fmt, base, vocabulary)
    return buffer.getvalue().encode("utf-8")
