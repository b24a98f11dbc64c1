"""The embedded store's aggregate reads: edges summed over their claims, claims one page at a time.

`EmbeddedStore` keeps every claim in memory, so these reads never leave the process; what they
save is the work after the lookup: an ego network of a hub at a million relations holds tens of
thousands of claims, and sorting them into the contract's order and handing them to the page
cost more than the search itself. Here they are only counted (`graph.edge_summaries`), and the
claims of one edge are sorted when that edge is opened, from the pair index (a hub's other
claims are never looked at).

Kept apart from `graph.embedded` (its storage, indexes and claim-level reads) so that each stays
a readable size; the functions take the store and use its indexes directly.
"""
from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise
from typing import TYPE_CHECKING, Any, cast

from actorgraph.graph.edge_summaries import any_polarity, claim_overview_of, count_claims, summarise
from actorgraph.graph.gc_pause import gc_paused
from actorgraph.graph.model import Claim
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
    page_of,
    sort_claims,
)

if TYPE_CHECKING:
    from actorgraph.graph.embedded import EmbeddedStore


def summaries_of(store: EmbeddedStore, claims: Iterable[Claim], flt: ClaimFilter) -> list[EdgeSummary]:
    """EdgeSummaries of `claims`, which passed `flt` with its polarities lifted."""
    articles = store._articles
    with gc_paused():  # thousands of small objects that all stay alive: the collector only slows it down
        return summarise(count_claims(((c, articles.get(c.article_id)) for c in claims), flt.polarities),
                         store.vocabulary)


def ego_edges(store: EmbeddedStore, actor_id: str, depth: int = 1, flt: ClaimFilter | None = None,
              limit: int = DEFAULT_NODE_LIMIT) -> EgoEdges:
    check_depth(depth)
    flt = flt or ASSERTED
    if actor_id not in store._actors:
        return EgoEdges((), ())
    seen, truncated = store._ego_members(actor_id, depth, flt, limit)
    claims = store._induced_claims(set(seen), any_polarity(flt))
    return EgoEdges(tuple(store._actors[a] for a in sorted(seen)), tuple(summaries_of(store, claims, flt)), truncated)


def path_edges(store: EmbeddedStore, source: str, target: str, max_hops: int = 3, flt: ClaimFilter | None = None,
               limit: int = 20, shortest: bool = False) -> list[PathEdges]:
    flt = flt or ASSERTED
    lifted = any_polarity(flt)
    found = []
    for route in store._routes(source, target, max_hops, flt, limit, shortest):
        hops = tuple(HopEdges(u, v, tuple(summaries_of(store, store._keep(list(store._edge_claims(u, v)), lifted),
                                                       flt)))
                     for u, v in pairwise(route))
        found.append(PathEdges(route, hops))
    return found


def edge_claims(store: EmbeddedStore, subject: str, predicate: str, object: str, flt: ClaimFilter | None = None,
                limit: int = EDGE_CLAIMS_PAGE, offset: int = 0) -> list[Claim]:
    """From the claims between the two actors only (the multigraph's parallel edges), not from
    every claim of the subject: opening an edge of a hub stays as cheap as any other."""
    flt = flt or ASSERTED
    predicate = store.vocabulary.term(predicate).id
    between = cast("dict[str, Any]", store._graph.get_edge_data(subject, object) or {})  # claim id -> edge data
    claims = [claim for claim in map(store._claims.__getitem__, between)
              if claim.predicate == predicate and store._accepts(claim, flt)]
    return page_of(sort_claims(claims), limit, offset)


def edge_summaries(store: EmbeddedStore, flt: ClaimFilter | None = None,
                   among: Iterable[str] | None = None) -> list[EdgeSummary]:
    flt = flt or ASSERTED
    lifted = any_polarity(flt)
    if among is not None:
        claims = store._induced_claims({a for a in among if a in store._actors}, lifted)
    else:
        claims = store._keep(list(store._claims.values()), lifted)
    return summaries_of(store, claims, flt)


def claim_overview(store: EmbeddedStore, flt: ClaimFilter | None = None, limit: int = 30) -> ClaimOverview:
    flt = flt or ASSERTED
    articles = store._articles
    claims = store._keep(list(store._claims.values()), flt)
    return claim_overview_of(((c, articles.get(c.article_id)) for c in claims), limit)
