"""Path search agrees with networkx's reference algorithms on random graphs."""
from __future__ import annotations

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from actorgraph.graph.traversal import shortest_routes, simple_routes


@st.composite
def graphs_and_queries(draw: st.DrawFn) -> tuple[nx.Graph, str, str, int, int]:
    size = draw(st.integers(2, 25))
    edges = draw(st.lists(st.tuples(st.integers(0, size - 1), st.integers(0, size - 1)), max_size=60))
    graph = nx.Graph()
    graph.add_nodes_from(f"n{i:02d}" for i in range(size))
    graph.add_edges_from((f"n{a:02d}", f"n{b:02d}") for a, b in edges if a != b)
    source, target = draw(st.sampled_from(sorted(graph))), draw(st.sampled_from(sorted(graph)))
    return graph, source, target, draw(st.integers(1, 5)), draw(st.integers(1, 30))


@settings(max_examples=300, deadline=None)
@given(graphs_and_queries())
def test_shortest_and_simple_routes_match_networkx(case: tuple[nx.Graph, str, str, int, int]) -> None:
    graph, source, target, max_hops, limit = case
    if source == target:
        assert shortest_routes(graph.adj.__getitem__, source, target, max_hops) == []
        return
    try:
        expected = sorted(tuple(p) for p in nx.all_shortest_paths(graph, source, target) if len(p) - 1 <= max_hops)
    except nx.NetworkXNoPath:
        expected = []
    assert shortest_routes(graph.adj.__getitem__, source, target, max_hops) == expected
    every = sorted((tuple(p) for p in nx.all_simple_paths(graph, source, target, cutoff=max_hops)),
                   key=lambda p: (len(p), p))
    found = sorted(simple_routes(graph.adj.__getitem__, source, target, max_hops, limit), key=lambda p: (len(p), p))
    assert found[:limit] == every[:limit]
