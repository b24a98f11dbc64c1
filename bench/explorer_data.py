"""The explorer's two slowest views without the browser: what the page computes for the top hub's
ego network and for the landing overview, before (claims) and after (aggregates), same store, same run.

    python bench/explorer_data.py --home /tmp/explorer-bench/home

`bench/explorer.py` times the same views in a real browser (Streamlit and Chromium included); this
one isolates the data work the aggregates changed, so the two figures can be compared on a busy
machine. The caches the page keeps for a whole store version (every claim, the claim index by
actor pair) are filled once before timing, as on a page that is already open.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def median_ms(work: Callable[[], Any], runs: int, before: Callable[[], Any] | None = None) -> float:
    times = []
    for _ in range(runs):
        if before is not None:
            before()
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return round(statistics.median(times) * 1000, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, default=Path("/tmp/explorer-bench/home"))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    os.environ["ACTORGRAPH_HOME"] = str(args.home)
    from actorgraph.explorer import data
    from actorgraph.explorer.view import graph_view, summary_view
    from actorgraph.graph.config import embedded_store_path
    from actorgraph.graph.embedded import EmbeddedStore
    from actorgraph.graph.overview import build_overview, overview_from_store
    from actorgraph.graph.store import ASSERTED
    from actorgraph.graph.vocabulary import default_vocabulary

    started = time.perf_counter()
    store = EmbeddedStore(embedded_store_path())
    print(f"store loaded in {time.perf_counter() - started:.1f} s: {len(store._claims):,} claims", flush=True)
    version, vocabulary, flt, limit = "bench", default_vocabulary(), ASSERTED, 150
    every, people, stored = data.every_claim(store, version), data.actors(store, version), data.articles(store, version)
    data.claims_by_pair(store, version)
    contests = data.contests(store, version)
    hub = store.claim_overview(flt, 1).hubs[0][0]

    def old_ego() -> Any:  # explorer.ego before: neighbourhood, then disputes over its pairs, then the view
        sub = store.neighbourhood(hub, 1, flt, limit)
        disputes = data.disputes(store, version, flt, data.pairs_of(sub.claims))
        return graph_view(sub, vocabulary, hub, contested=disputes.contested, weights=disputes.weights)

    def new_ego() -> Any:
        found = store.ego_edges(hub, 1, flt, limit)
        return summary_view(found.actors, found.edges, vocabulary, hub, found.truncated)

    def old_overview() -> Any:  # explorer.data.overview before
        chosen = [c for c in every if flt.accepts(c, stored.get(c.article_id), None, None)]
        return build_overview(list(people.values()), list(stored.values()), chosen, contests)

    def new_overview() -> Any:
        return overview_from_store(store, list(people.values()), list(stored.values()), flt, contests)

    figures = {
        "explorer_hub_ego_old_ms": median_ms(old_ego, args.runs, data.disputes.clear),
        "explorer_hub_ego_ms": median_ms(new_ego, args.runs),
        "explorer_overview_old_ms": median_ms(old_overview, args.runs),
        "explorer_overview_ms": median_ms(new_overview, args.runs),
    }
    print(json.dumps({"hub": hub, **figures}, indent=1))


if __name__ == "__main__":
    main()
