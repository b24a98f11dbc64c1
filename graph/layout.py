"""Node positions computed once and kept, so the network does not jump when it grows.

Cytoscape's force layouts start from random positions on every redraw: expanding one node
reshuffles the whole picture and the analyst loses their bearings. Here positions are computed
in Python (a seeded spring layout) and passed with `preset`: actors already on screen keep
their place (`fixed`), and only the new ones are placed, near their neighbours.
"""
from __future__ import annotations

from typing import Iterable, Mapping

import networkx as nx

from graph.model import Claim

SCALE = 420.0  # half the drawing's width in Cytoscape pixels
Position = tuple[float, float]


def stable_positions(nodes: Iterable[str], claims: Iterable[Claim], known: Mapping[str, Position] | None = None,
                     seed: int = 7) -> dict[str, Position]:
    """Positions for `nodes`; those in `known` are kept exactly, the others placed around them."""
    graph = nx.Graph()
    graph.add_nodes_from(sorted(nodes))
    for claim in claims:
        if claim.subject in graph and claim.object in graph and claim.subject != claim.object:
            graph.add_edge(claim.subject, claim.object)
    if graph.number_of_nodes() == 0:
        return {}
    known = {n: p for n, p in (known or {}).items() if n in graph}
    if len(known) == graph.number_of_nodes():
        return dict(known)
    start = {n: (x / SCALE, y / SCALE) for n, (x, y) in known.items()}
    spacing = 1.6 / max(1.0, graph.number_of_nodes() ** 0.5)
    placed = nx.spring_layout(graph, pos=start or None, fixed=list(known) or None, seed=seed, k=spacing,
                              iterations=60)
    if not known:  # first drawing: spring_layout already centred and scaled it to [-1, 1]
        return {n: (round(float(x) * SCALE, 1), round(float(y) * SCALE, 1)) for n, (x, y) in placed.items()}
    result = dict(known)
    for node, (x, y) in placed.items():
        if node not in known:
            result[node] = (round(float(x) * SCALE, 1), round(float(y) * SCALE, 1))
    return result
