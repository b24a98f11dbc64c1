"""Path search over an adjacency function, shared by the stores.

Why not networkx's own path functions: `all_shortest_paths` explores the whole component and
`all_simple_paths` enumerates every path before we can sort and cut; on a million-relation graph
with hub actors both take seconds. Here shortest paths come from a bidirectional, level-by-level
search that stops at the first meeting level, and simple paths are enumerated length by length,
pruned by the distance to the target, and stop once `limit` paths of the shortest lengths exist.

`adjacent(node)` returns the neighbours of `node` (any iterable); the caller applies its filter.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

Adjacent = Callable[[str], Iterable[str]]

#: Most paths of one length we enumerate before giving up on that length (keeps hubs bounded).
PATHS_PER_LENGTH_CAP = 20_000


def _expand(frontier: list[str], dist: dict[str, int], preds: dict[str, list[str]], adjacent: Adjacent) -> list[str]:
    """One BFS level: the new frontier, recording every shortest predecessor of each new node."""
    new: list[str] = []
    for node in frontier:
        level = dist[node] + 1
        for neighbour in adjacent(node):
            seen = dist.get(neighbour)
            if seen is None:
                dist[neighbour] = level
                preds[neighbour] = [node]
                new.append(neighbour)
            elif seen == level:
                preds[neighbour].append(node)
    return new


def _walks(node: str, preds: dict[str, list[str]]) -> list[list[str]]:
    """Every shortest walk from the search root to `node`, root first."""
    if not preds[node]:
        return [[node]]
    return [[*walk, node] for parent in preds[node] for walk in _walks(parent, preds)]


def shortest_routes(adjacent: Adjacent, source: str, target: str, max_hops: int) -> list[tuple[str, ...]]:
    """All shortest paths from `source` to `target` of at most `max_hops` hops (empty if none)."""
    if source == target:
        return []
    dist_f, preds_f, front_f = {source: 0}, {source: []}, [source]
    dist_b, preds_b, front_b = {target: 0}, {target: []}, [target]
    for _ in range(max_hops):
        if len(front_f) <= len(front_b):
            front_f = _expand(front_f, dist_f, preds_f, adjacent)
            touching = [n for n in front_f if n in dist_b]
        else:
            front_b = _expand(front_b, dist_b, preds_b, adjacent)
            touching = [n for n in front_b if n in dist_f]
        if touching:
            best = min(dist_f[n] + dist_b[n] for n in touching)
            if best > max_hops:
                return []
            meeting = [n for n in touching if dist_f[n] + dist_b[n] == best]
            routes = {tuple(head + list(reversed(tail))[1:])
                      for node in meeting for head in _walks(node, preds_f) for tail in _walks(node, preds_b)}
            return sorted(routes)
        if not front_f or not front_b:
            return []
    return []


def _distances_to(adjacent: Adjacent, target: str, depth: int) -> dict[str, int]:
    dist, preds, front = {target: 0}, {target: []}, [target]
    for _ in range(depth):
        front = _expand(front, dist, preds, adjacent)
        if not front:
            break
    return dist


def simple_routes(adjacent: Adjacent, source: str, target: str, max_hops: int, limit: int,
                  cap: int = PATHS_PER_LENGTH_CAP) -> list[tuple[str, ...]]:
    """Simple paths of at most `max_hops` hops, shortest lengths first, at least `limit` if they exist.

    Enumerates paths of length 1, 2, ... and stops after the length at which `limit` paths have
    been found, so callers that sort by (length, actors) and cut at `limit` get the right answer.
    """
    if source == target:
        return []
    to_target = _distances_to(adjacent, target, max_hops - 1)
    found: list[tuple[str, ...]] = []
    for length in range(1, max_hops + 1):
        found.extend(_routes_of_length(adjacent, source, target, length, to_target, cap))
        if len(found) >= limit:
            break
    return found


def _routes_of_length(adjacent: Adjacent, source: str, target: str, length: int, to_target: dict[str, int],
                      cap: int) -> list[tuple[str, ...]]:
    routes: list[tuple[str, ...]] = []
    stack: list[tuple[str, ...]] = [(source,)]
    while stack and len(routes) < cap:
        path = stack.pop()
        remaining = length - (len(path) - 1)
        for neighbour in adjacent(path[-1]):
            if neighbour in path:
                continue
            if neighbour == target:
                if remaining == 1:
                    routes.append((*path, neighbour))
                continue
            if remaining > 1 and to_target.get(neighbour, remaining) <= remaining - 1:
                stack.append((*path, neighbour))
    return routes
