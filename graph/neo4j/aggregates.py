"""Neo4jStore's aggregate reads: the server sums the claims, Python only finishes the summaries.

Each read is one parameterised statement of `graph.neo4j.queries.aggregate` that applies the
whole `ClaimFilter` server-side and returns one row per triple (`graph.edge_summaries.TripleCounts`),
never a claim; `graph.edge_summaries.summarise` then adds what needs the canonical reading of a
relation (contested flag, weight), exactly as for the embedded store. The traversal (which
actors, which routes) is the store's own, so the actors and routes are those of `neighbourhood`
and `paths`.
"""
from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from actorgraph.graph.claims import latest
from actorgraph.graph.dates import end_of
from actorgraph.graph.edge_summaries import TripleCounts, busiest, period_bounds, summaries_by_pair, summarise
from actorgraph.graph.model import Claim
from actorgraph.graph.neo4j import queries as q
from actorgraph.graph.neo4j.rows import claim_from
from actorgraph.graph.store import (
    ASSERTED,
    DEFAULT_NODE_LIMIT,
    EDGE_CLAIMS_PAGE,
    ClaimFilter,
    ClaimOverview,
    EdgeSummary,
    EgoEdges,
    HopEdges,
    PathEdges,
    check_depth,
    check_page,
    sort_claims,
)
from actorgraph.graph.vocabulary import Vocabulary

if TYPE_CHECKING:
    from actorgraph.graph.neo4j.store import Neo4jStore


def filter_params(flt: ClaimFilter) -> dict[str, Any]:
    """The parameters of `queries.aggregate.FILTERED`: None for "no restriction", date bounds
    already turned into the strings the comparisons need (`end_of` of the upper bounds)."""
    return {
        "predicates": list(flt.predicates) or None, "polarities": list(flt.polarities) or None,
        "origins": list(flt.origins) or None, "claimants": list(flt.claimants) or None,
        "publishers": list(flt.publishers) or None, "actor_types": list(flt.actor_types) or None,
        "timed": flt.timed, "include_undated": flt.include_undated, "date_from": flt.date_from,
        "date_to_end": end_of(flt.date_to) if flt.date_to else None,
        "as_of_end": end_of(flt.as_of) if flt.as_of else None,
    }


def _counts(row: dict[str, Any]) -> TripleCounts:
    return TripleCounts(
        (row["subject"], row["predicate"], row["object"]), claims=row["claims"], asserted=row["asserted"],
        denied=row["denied"], sources=row["sources"], articles=row["articles"], dates=set(row["dates"]),
        all_asserted=row["all_asserted"], all_against=row["all_against"],
        voices={(s, v, c, a) for s, v, c, a in row["voices"]})


def summaries_from_rows(rows: Iterable[dict[str, Any]], vocabulary: Vocabulary) -> list[EdgeSummary]:
    """The summaries of the rows of a `queries.aggregate` summing statement (one row per triple)."""
    return summarise((_counts(r) for r in rows), vocabulary)


def _summaries(store: Neo4jStore, text: q.LiteralString, flt: ClaimFilter, **params: Any) -> list[EdgeSummary]:
    return summaries_from_rows(store._read(text, **filter_params(flt), **params), store.vocabulary)


def _kept(store: Neo4jStore, text: q.LiteralString, **params: Any) -> list[EdgeSummary]:
    """The summaries the direct edges keep (`graph.neo4j.edge_props`): the default filter, no claim read."""
    return sorted((EdgeSummary(**row) for row in store._read(text, **params)), key=lambda e: e.triple)


def _ego_summaries(store: Neo4jStore, flt: ClaimFilter, ids: list[str]) -> list[EdgeSummary]:
    if flt == ASSERTED:
        return _kept(store, q.DIRECT_SUMMARIES_AMONG, ids=ids)
    return _summaries(store, q.EDGE_SUMMARIES_AMONG, flt, ids=ids)


def ego_edges(store: Neo4jStore, actor_id: str, depth: int = 1, flt: ClaimFilter | None = None,
              limit: int = DEFAULT_NODE_LIMIT) -> EgoEdges:
    check_depth(depth)
    flt = flt or ASSERTED
    if store.get_actor(actor_id) is None:
        return EgoEdges((), ())
    seen, truncated = store._ego_members(actor_id, depth, flt, limit)
    edges = _ego_summaries(store, flt, sorted(seen))
    actors = {a.id: a for a in store._actors_by_id(seen)}
    return EgoEdges(tuple(actors[a] for a in sorted(seen)), tuple(edges), truncated)


def path_edges(store: Neo4jStore, source: str, target: str, max_hops: int = 3, flt: ClaimFilter | None = None,
               limit: int = 20, shortest: bool = False) -> list[PathEdges]:
    """The routes of `paths`, cut to `limit`, then one statement for the summaries of all their hops."""
    flt = flt or ASSERTED
    routes = store._routes(source, target, max_hops, flt, limit, shortest)
    hops = sorted({hop for route in routes for u, v in pairwise(route) for hop in ((u, v), (v, u))})
    pairs = [list(h) for h in hops]
    if not hops:
        found: list[EdgeSummary] = []
    elif flt == ASSERTED:
        found = _kept(store, q.DIRECT_SUMMARIES_BETWEEN, pairs=pairs)
    else:
        found = _summaries(store, q.EDGE_SUMMARIES_BETWEEN, flt, pairs=pairs)
    by_pair = summaries_by_pair(found)
    return [PathEdges(route, tuple(HopEdges(u, v, tuple(by_pair.get(frozenset((u, v)), ())))
                                   for u, v in pairwise(route)))
            for route in routes]


def edge_claims(store: Neo4jStore, subject: str, predicate: str, object: str, flt: ClaimFilter | None = None,
                limit: int = EDGE_CLAIMS_PAGE, offset: int = 0) -> list[Claim]:
    """The page is cut server-side (ORDER BY, SKIP, LIMIT): an edge with thousands of claims ships one page."""
    check_page(limit, offset)
    flt = flt or ASSERTED
    rows = store._read(q.CLAIMS_OF_EDGE_PAGE, **filter_params(flt), subject=subject,
                       predicate=store.vocabulary.term(predicate).id, object=object, offset=offset, limit=limit)
    return sort_claims(claim_from(r) for r in rows)


def edge_summaries(store: Neo4jStore, flt: ClaimFilter | None = None,
                   among: Iterable[str] | None = None) -> list[EdgeSummary]:
    flt = flt or ASSERTED
    if among is None:
        return _kept(store, q.DIRECT_SUMMARIES_ALL) if flt == ASSERTED else _summaries(store, q.EDGE_SUMMARIES_ALL, flt)
    return _ego_summaries(store, flt, sorted(set(among)))


def claim_overview(store: Neo4jStore, flt: ClaimFilter | None = None, limit: int = 30) -> ClaimOverview:
    flt = flt or ASSERTED
    if flt == ASSERTED:  # from the counts the direct edges keep: no claim read
        row = store._read(q.DIRECT_OVERVIEW, limit=limit)[0]
        first, last = min(row["firsts"], default=None), latest(row["lasts"])
        return ClaimOverview(row["claims"], first, last, row["linked"],
                             busiest(((a, n) for a, n in row["hubs"]), limit))
    row = store._read(q.CLAIM_OVERVIEW, **filter_params(flt), limit=limit)[0]
    first, last = period_bounds(row["dates"])
    return ClaimOverview(row["claims"], first, last, row["linked"], busiest(((a, n) for a, n in row["hubs"]), limit))
