"""How far sampled betweenness (the Ranking tab above 1,000 actors) is from the exact value.

Takes the `--actors` most connected actors of a store and the asserted claims among them,
computes betweenness exactly and from `--pivots` sampled sources (same graph as the explorer:
undirected, hop counts, normalised), and prints the largest and mean absolute error, the error
relative to the largest exact value, and how many of the exact top 20 the estimate also ranks
in its top 20.

    python bench/ranking_error.py --store /tmp/explorer-bench/home/graph.msgpack --actors 1500
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import networkx as nx  # noqa: E402

from actorgraph.graph.analytics import SAMPLE_PIVOTS, actor_graph  # noqa: E402
from actorgraph.graph.embedded import EmbeddedStore  # noqa: E402
from actorgraph.graph.overview import claim_degree  # noqa: E402
from actorgraph.graph.store import ClaimFilter  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=Path("/tmp/explorer-bench/home/graph.msgpack"))
    parser.add_argument("--actors", type=int, default=1500)
    parser.add_argument("--pivots", type=int, default=SAMPLE_PIVOTS)
    args = parser.parse_args()
    store = EmbeddedStore(args.store)
    claims = store.claims(ClaimFilter())
    degree = claim_degree(claims)
    keep = set(sorted(degree, key=lambda a: (-degree[a], a))[:args.actors])
    graph = actor_graph([a for a in store.actors() if a.id in keep],
                        [c for c in claims if c.subject in keep and c.object in keep])
    graph.remove_nodes_from([n for n in list(graph) if graph.degree(n) == 0])
    print(f"graph: {graph.number_of_nodes()} actors, {graph.number_of_edges()} links")
    start = time.monotonic()
    exact = nx.betweenness_centrality(graph, normalized=True)
    exact_s = time.monotonic() - start
    start = time.monotonic()
    sampled = nx.betweenness_centrality(graph, k=args.pivots, normalized=True, seed=0)
    sampled_s = time.monotonic() - start
    errors = [abs(exact[n] - sampled[n]) for n in graph]
    top = lambda scores: set(sorted(scores, key=lambda n: (-scores[n], n))[:20])  # noqa: E731
    print(f"exact: {exact_s:.1f} s; sampled ({args.pivots} pivots): {sampled_s:.1f} s")
    print(f"max abs error {max(errors):.5f} ({max(errors) / max(exact.values()):.1%} of the largest exact value); "
          f"mean abs error {sum(errors) / len(errors):.6f}; top-20 overlap {len(top(exact) & top(sampled))}/20")


if __name__ == "__main__":
    main()
