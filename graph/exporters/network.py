"""The actor network, for Gephi and other network tools: one builder, written as GraphML or GEXF.

Actors are nodes (labels, type, Wikidata id, IRI). An edge is one asserted (subject, predicate,
object) weighted by the number of asserted claims behind it: denied and negated claims are not
edges (a denied attack is not an attack), and the claim ids on each edge (`claims`) lead back
to the evidence. Actors cited by the claims but outside the network (a claimant, say) are
nodes without edges, so every id in the file is described.

Time, for Gephi's timeline: GEXF is a `mode="dynamic"` graph where an edge lives from the first
to the last day its claims cover: a claim's own period (partial dates widened to whole months or
years), else its article's publication day. A relation with no dated claim gets no interval,
which Gephi reads as "always there": the standing relations the explorer's timeline also keeps
in every window. An actor starts on the first day any of its edges starts. GraphML carries the
same `start`/`end` values as plain attributes.
"""
from __future__ import annotations

import calendar
import io
from collections import defaultdict
from typing import TextIO

import networkx as nx

from actorgraph.graph.exporters.source import ExportSource
from actorgraph.graph.model import Article, Claim
from actorgraph.graph.rdf.export import RdfExporter
from actorgraph.graph.store import ClaimFilter
from actorgraph.graph.timeline import first_day

ASSERTED_ONLY = ClaimFilter(polarities=("asserted",))


def last_day(partial: str) -> str:
    """The last day of an ISO date, month or year ('2022-02' -> '2022-02-28')."""
    if partial.count("-") == 2:
        return partial
    if partial.count("-") == 1:
        year, month = (int(p) for p in partial.split("-"))
        return f"{partial}-{calendar.monthrange(year, month)[1]:02d}"
    return f"{partial}-12-31"


def claim_period(claim: Claim, article: Article | None) -> tuple[str, str] | None:
    """The full-day ISO interval a claim covers, or None when neither it nor its article is dated."""
    first, last = claim.date_range
    if first is None and article is not None and article.published:
        first = last = article.published
    if first is None or last is None:
        return None
    return first_day(first[:10]).isoformat(), last_day(last[:10])


def actor_network(source: ExportSource, exporter: RdfExporter) -> nx.MultiDiGraph:
    """Actors as nodes and one edge per asserted relation, keyed by predicate, with time intervals."""
    graph = nx.MultiDiGraph()
    for actor in source.actors():
        graph.add_node(actor.id, label=actor.name, type=actor.type, label_ar=actor.labels.get("ar", ""),
                       label_en=actor.labels.get("en", ""), wikidata=actor.wikidata or "",
                       iri=exporter.actor_iri(actor.id)[1:-1])
    articles = {a.id: a for a in source.articles()}
    grouped: dict[tuple[str, str, str], list[Claim]] = defaultdict(list)
    for claim in source.claims(ASSERTED_ONLY):
        grouped[(claim.subject, claim.predicate, claim.object)].append(claim)
    starts: dict[str, str] = {}
    for (subject, predicate, obj), found in sorted(grouped.items()):
        data = _edge_data(predicate, found, articles, exporter)
        start = data.get("start")
        if isinstance(start, str):
            for end in (subject, obj):
                starts[end] = min(starts.get(end, start), start)
        for end in (subject, obj):
            if end not in graph:
                graph.add_node(end, label=end, type="", label_ar="", label_en="", wikidata="",
                               iri=exporter.actor_iri(end)[1:-1])
        graph.add_edge(subject, obj, key=predicate, **data)
    for node, start in starts.items():
        graph.nodes[node]["start"] = start
    return graph


def _edge_data(predicate: str, claims: list[Claim], articles: dict[str, Article],
               exporter: RdfExporter) -> dict[str, str | int]:
    periods = [p for p in (claim_period(c, articles.get(c.article_id)) for c in claims) if p]
    try:
        label, iri = exporter.vocabulary.term(predicate).labels.get("en", predicate), exporter.relation(predicate)[1:-1]
    except KeyError:  # a predicate the vocabulary no longer has: still an edge, without a term
        label, iri = predicate, ""
    data: dict[str, str | int] = {"predicate": predicate, "label": label, "iri": iri, "weight": len(claims),
                                  "dated_claims": len(periods), "claims": " ".join(sorted(c.id for c in claims))}
    if periods:
        data["start"], data["end"] = min(p[0] for p in periods), max(p[1] for p in periods)
    return data


def write_graphml(source: ExportSource, out: TextIO, exporter: RdfExporter) -> int:
    """The actor network as GraphML; returns the number of edges."""
    graph = actor_network(source, exporter)
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, encoding="utf-8", prettyprint=True)
    out.write(buffer.getvalue().decode("utf-8"))
    return graph.number_of_edges()


def write_gexf(source: ExportSource, out: TextIO, exporter: RdfExporter) -> int:
    """The actor network as dynamic GEXF 1.2 (Gephi's timeline); returns the number of edges."""
    graph = actor_network(source, exporter)
    graph.graph["mode"] = "dynamic"
    buffer = io.BytesIO()
    nx.write_gexf(graph, buffer, encoding="utf-8", prettyprint=True, version="1.2draft")
    out.write(buffer.getvalue().decode("utf-8"))
    return graph.number_of_edges()
