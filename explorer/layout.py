"""Node positions computed once and kept, so the network does not jump when it grows.

Cytoscape's force layouts start from random positions on every redraw: expanding one node
reshuffles the whole picture and the analyst loses their bearings. Here positions are computed
in Python (a seeded spring layout) and passed with `preset`: actors already on screen keep
their place (`fixed`), and only the new ones are placed, near their neighbours.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Protocol

import networkx as nx

SCALE = 420.0  # half the drawing's width in Cytoscape pixels
LONE_NODE = 25.0  # half the room a lone actor takes beside the main part (room for its label)
Position = tuple[float, float]


class Link(Protocol):
    """What a layout reads of a claim or an edge: its two ends."""

    @property
    def subject(self) -> str: ...
    @property
    def object(self) -> str: ...


def stable_positions(nodes: Iterable[str], claims: Iterable[Link], known: Mapping[str, Position] | None = None,
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
    if not known:
        return _first_drawing(graph, seed)
    start = {n: (x / SCALE, y / SCALE) for n, (x, y) in known.items()}
    spacing = 3.0 / max(1.0, graph.number_of_nodes() ** 0.5)
    placed = nx.spring_layout(graph, pos=start, fixed=list(known), seed=seed, k=spacing, iterations=150)
    result = dict(known)
    for node, (x, y) in placed.items():
        if node not in known:
            result[node] = (round(float(x) * SCALE, 1), round(float(y) * SCALE, 1))
    return result


def _first_drawing(graph: nx.Graph, seed: int) -> dict[str, Position]:
    """Each connected part laid out on its own, the largest in the middle and the others in a column
    at its right: one spring layout of them all flings small parts to the corners, and fitting the
    drawing to the screen then shrinks the part that matters."""
    parts = sorted(nx.connected_components(graph), key=lambda c: (-len(c), min(c)))
    result: dict[str, Position] = {}
    column_x, column_y, column_width = SCALE * 1.35, -SCALE, 0.0
    for number, part in enumerate(parts):
        sub = graph.subgraph(part)
        size = SCALE * (len(part) / len(parts[0])) ** 0.5 if len(part) > 1 else LONE_NODE  # a lone actor is a dot
        placed = nx.spring_layout(sub, seed=seed, k=3.0 / max(1.0, len(part) ** 0.5), iterations=150) \
            if len(part) > 1 else {next(iter(part)): (0.0, 0.0)}
        if number == 0:
            centre = (0.0, 0.0)
        else:
            if column_y + 2 * size > SCALE and column_width:  # the column is as tall as the main part: a new one
                column_x, column_y, column_width = column_x + column_width + 60, -SCALE, 0.0
            centre = (column_x + size, column_y + size)
            column_y += 2 * size + 40
            column_width = max(column_width, 2 * size)
        for node, (x, y) in placed.items():
            result[node] = (round(centre[0] + float(x) * size, 1), round(centre[1] + float(y) * size, 1))
    return result
