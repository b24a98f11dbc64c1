"""Network analytics over claims: who is central, and which actors cluster together.

Centrality and communities are computed on the *undirected* actor graph whose edge weight is the
number of claims linking two actors. Direction is left out on purpose: a relation and its
inverse (supports / supported-by) describe the same tie, and annotators pick either reading, so
directed scores would depend on phrasing rather than on the world. Only the claims given count:
pass a `Subgraph` built with a `ClaimFilter` (asserted claims by default) or a whole store.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from actorgraph.graph.model import Actor, Claim
from actorgraph.graph.store import ASSERTED, ClaimFilter, EgoEdges, Store, Subgraph


@dataclass(frozen=True)
class Centrality:
    """How central one actor is. `degree` counts distinct neighbours, `claims` the claims touching it."""

    actor: str
    name: str
    type: str
    degree: int
    claims: int
    degree_centrality: float
    betweenness: float
    pagerank: float
    community: int | None = None


def store_subgraph(store: Store, flt: ClaimFilter | None = None) -> Subgraph:
    """The whole store as one Subgraph: every actor, and the claims `flt` accepts (asserted by default)."""
    return Subgraph(tuple(store.actors()), tuple(store.claims(flt or ASSERTED)))


def actor_graph(actors: Iterable[Actor], claims: Iterable[Claim]) -> nx.Graph:
    """Undirected weighted graph: nodes carry name/type, edge `weight` is the number of claims."""
    return _weighted_graph(actors, ((c.subject, c.object, 1) for c in claims))


def _weighted_graph(actors: Iterable[Actor], links: Iterable[tuple[str, str, int]]) -> nx.Graph:
    graph = nx.Graph()
    for actor in actors:
        graph.add_node(actor.id, name=actor.name, type=actor.type)
    for subject, obj, weight in links:
        if subject == obj:
            continue
        for end in (subject, obj):
            if end not in graph:
                graph.add_node(end, name=end, type="")
        if graph.has_edge(subject, obj):
            graph[subject][obj]["weight"] += weight
        else:
            graph.add_edge(subject, obj, weight=weight)
    return graph


def network_of(source: Subgraph | EgoEdges) -> nx.Graph:
    """`actor_graph` of claims (a Subgraph) or of store aggregates (`EgoEdges`, `Store.edge_summaries`):
    a summary of n claims weighs what its n claims would, so both give the same scores."""
    if isinstance(source, Subgraph):
        return actor_graph(source.actors, source.claims)
    return _weighted_graph(source.actors, ((e.subject, e.object, e.claims) for e in source.edges))


def store_network(store: Store, flt: ClaimFilter | None = None) -> EgoEdges:
    """The whole store as aggregates: every actor and every edge's summary under `flt` (asserted by
    default), for `centrality`/`communities` without reading a claim."""
    return EgoEdges(tuple(store.actors()), tuple(store.edge_summaries(flt or ASSERTED)))


def weighted_pagerank(graph: nx.Graph, damping: float = 0.85, tolerance: float = 1e-10,
                      max_iterations: int = 200) -> dict[str, float]:
    """PageRank by power iteration on an undirected weighted graph (scores sum to 1).

    networkx's `pagerank` needs SciPy; graphs shown here have at most a few thousand actors, so a
    plain iteration is fast enough and keeps SciPy out of the dependencies.
    """
    nodes = list(graph)
    if not nodes:
        return {}
    size = len(nodes)
    strength = {n: graph.degree(n, weight="weight") for n in nodes}
    rank = dict.fromkeys(nodes, 1.0 / size)
    for _ in range(max_iterations):
        dangling = sum(rank[n] for n in nodes if strength[n] == 0)
        base = (1.0 - damping) / size + damping * dangling / size
        new = {}
        for node in nodes:
            inflow = sum(rank[other] * data["weight"] / strength[other]
                         for other, data in graph[node].items() if strength[other])
            new[node] = base + damping * inflow
        change = sum(abs(new[n] - rank[n]) for n in nodes)
        rank = new
        if change < tolerance * size:
            break
    return rank


def communities(source: Subgraph | EgoEdges, seed: int = 0) -> list[tuple[str, ...]]:
    """Groups of densely linked actors (Louvain, fixed seed so a page shows the same split twice).

    Isolated actors are left out: a community of one says nothing. Largest community first.
    """
    graph = network_of(source)
    graph.remove_nodes_from([n for n in list(graph) if graph.degree(n) == 0])
    if graph.number_of_edges() == 0:
        return []
    found = nx.community.louvain_communities(graph, weight="weight", seed=seed)
    return sorted((tuple(sorted(group)) for group in found), key=lambda g: (-len(g), g))


#: Above this many linked actors, betweenness is estimated from `SAMPLE_PIVOTS` source actors
#: (Brandes' sampling, networkx's `k`), not computed exactly: exact betweenness is O(actors x links)
#: and took minutes on the 5,000-actor bench store. bench/ranking_error.py measures the error.
EXACT_BETWEENNESS_LIMIT = 1000
SAMPLE_PIVOTS = 100


def centrality(source: Subgraph | EgoEdges, seed: int = 0, pivots: int | None = None) -> list[Centrality]:
    """Degree, betweenness and PageRank for every linked actor, most central (PageRank) first.

    `pivots` (default: exact up to EXACT_BETWEENNESS_LIMIT actors, else SAMPLE_PIVOTS) estimates
    betweenness from that many source actors drawn with `seed`; 0 forces the exact value.
    """
    graph = network_of(source)
    graph.remove_nodes_from([n for n in list(graph) if graph.degree(n) == 0])
    if graph.number_of_nodes() == 0:
        return []
    degree = nx.degree_centrality(graph)
    if pivots is None:
        pivots = SAMPLE_PIVOTS if graph.number_of_nodes() > EXACT_BETWEENNESS_LIMIT else 0
    sample = pivots if 0 < pivots < graph.number_of_nodes() else None
    # Betweenness on hop counts: a broker is on many shortest routes whatever the claim volume.
    betweenness = nx.betweenness_centrality(graph, k=sample, normalized=True, seed=seed)
    pagerank = weighted_pagerank(graph)
    membership = {actor: index for index, group in enumerate(communities(source, seed)) for actor in group}
    rows = [
        Centrality(actor=node, name=graph.nodes[node]["name"], type=graph.nodes[node]["type"],
                   degree=graph.degree(node), claims=int(graph.degree(node, weight="weight")),
                   degree_centrality=degree[node], betweenness=betweenness[node], pagerank=pagerank[node],
                   community=membership.get(node))
        for node in graph
    ]
    return sorted(rows, key=lambda r: (-r.pagerank, -r.degree, r.actor))
