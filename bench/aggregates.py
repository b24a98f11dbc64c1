"""Old call vs new call, same store, same run: what "aggregate first, evidence on demand" buys.

For each question the explorer asks, the claim-level read it used before (every claim behind
every edge) and the aggregate read it uses now (`Store.ego_edges`, `path_edges`, `edge_claims`,
`claim_overview` + `edge_summaries`), timed back to back on the same store, so the ratio holds
however loaded the machine is. Used by `bench/run.py` for both stores at 1M relations.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from actorgraph.graph.overview import CENTRAL_ACTORS, build_overview
from actorgraph.graph.store import ASSERTED, EDGE_CLAIMS_PAGE

Work = Callable[[], Any]
#: (flat key, what, old call, new call)
Case = tuple[str, str, Work, Work]


def busiest_edge(store: Any, hub: str) -> tuple[str, str, str]:
    """The triple with the most claims around the hub: the worst case for "open this edge"."""
    edges = store.ego_edges(hub, 1).edges
    return max(edges, key=lambda e: (e.claims, e.triple)).triple


def old_overview(store: Any) -> Any:
    """The landing overview as the explorer built it before: from every claim under the filter."""
    return build_overview(store.actors(), store.articles(), store.claims(ASSERTED))


def new_overview(store: Any) -> Any:
    """The same question from aggregates: the busiest actors, then the edges among them."""
    counts = store.claim_overview(ASSERTED, CENTRAL_ACTORS)
    return counts, store.edge_summaries(ASSERTED, among=[a for a, _ in counts.hubs])


def cases(store: Any, actors: dict[str, str]) -> list[Case]:
    median, other, hub = actors["median"], actors["median2"], actors["hub"]
    edge = busiest_edge(store, hub)
    return [
        ("ego1_median", "ego depth 1, median-degree actor",
         lambda: store.neighbourhood(median, 1), lambda: store.ego_edges(median, 1)),
        ("ego2_median", "ego depth 2, median-degree actor",
         lambda: store.neighbourhood(median, 2), lambda: store.ego_edges(median, 2)),
        ("ego1_hub", "ego depth 1, hub", lambda: store.neighbourhood(hub, 1), lambda: store.ego_edges(hub, 1)),
        ("ego2_hub", "ego depth 2, hub", lambda: store.neighbourhood(hub, 2), lambda: store.ego_edges(hub, 2)),
        ("shortest_path", "shortest path median -> median",
         lambda: store.paths(median, other, 3, shortest=True),
         lambda: store.path_edges(median, other, 3, shortest=True)),
        ("edge_claims_page", f"claims of the hub's busiest edge, page 1 ({EDGE_CLAIMS_PAGE})",
         lambda: store.claims(ASSERTED, subject=edge[0], predicate=edge[1], object=edge[2]),
         lambda: store.edge_claims(*edge, ASSERTED, limit=EDGE_CLAIMS_PAGE)),
        ("overview", "landing overview (30 hubs and their links)",
         lambda: old_overview(store), lambda: new_overview(store)),
    ]
