"""GEXF for Gephi, with time: each relation lives from its first to its last dated claim.

Gephi's timeline reads `start`/`end` on nodes and edges of a `mode="dynamic"` graph. An edge is
one asserted (subject, predicate, object), weighted by its claims, and spans the days its
claims cover: a claim's own period (partial dates widened to whole months or years), else its
article's publication day. A relation with no dated claim gets no interval, which Gephi reads as
"always there": the standing relations the explorer's timeline also keeps in every window. An
actor starts on the first day any of its edges starts.
"""
from __future__ import annotations

import calendar
import io
from collections import defaultdict
from collections.abc import Iterable, Mapping

import networkx as nx

from actorgraph.graph.model import Actor, Article, Claim
from actorgraph.graph.store import ClaimFilter
from actorgraph.graph.timeline import first_day
from actorgraph.graph.vocabulary import Vocabulary

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


def dynamic_network(actors: Iterable[Actor], claims: Iterable[Claim], articles: Mapping[str, Article],
                    vocabulary: Vocabulary) -> nx.MultiDiGraph:
    """Actors as nodes and one edge per asserted relation, with Gephi time intervals."""
    graph = nx.MultiDiGraph(mode="dynamic")
    grouped: dict[tuple[str, str, str], list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.asserted:
            grouped[(claim.subject, claim.predicate, claim.object)].append(claim)
    starts: dict[str, str] = {}
    for actor in actors:
        graph.add_node(actor.id, label=actor.name, type=actor.type, label_ar=actor.labels.get("ar", ""),
                       label_en=actor.labels.get("en", ""), wikidata=actor.wikidata or "")
    for (subject, predicate, obj), found in sorted(grouped.items()):
        periods = [p for p in (claim_period(c, articles.get(c.article_id)) for c in found) if p]
        try:
            label = vocabulary.term(predicate).labels.get("en", predicate)
        except KeyError:
            label = predicate
        data = {"predicate": predicate, "label": label, "weight": len(found), "dated_claims": len(periods)}
        if periods:
            data["start"], data["end"] = min(p[0] for p in periods), max(p[1] for p in periods)
            for end in (subject, obj):
                starts[end] = min(starts.get(end, data["start"]), data["start"])
        for end in (subject, obj):
            if end not in graph:
                graph.add_node(end, label=end, type="", label_ar="", label_en="", wikidata="")
        graph.add_edge(subject, obj, key=predicate, **data)
    for node, start in starts.items():
        graph.nodes[node]["start"] = start
    return graph


def gexf_bytes(graph: nx.MultiDiGraph) -> bytes:
    """GEXF 1.2 as networkx writes it (UTF-8)."""
    buffer = io.BytesIO()
    nx.write_gexf(graph, buffer, encoding="utf-8", prettyprint=True, version="1.2draft")
    return buffer.getvalue()
