"""The landing overview: what the store holds at a glance, and a network to start from.

A new user opens the explorer without knowing any actor's name, so the first page has to show
one. When the graph is small (at most `WHOLE_GRAPH_LIMIT` actors) the whole graph is shown;
otherwise the most connected actors (by claims touching them, a weighted degree that is cheap
to compute on 200,000 claims and agrees with PageRank on who the hubs are) and the claims among
them. Counts, languages and the date range frame it; the most contested relations say where to
look first.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from actorgraph.graph.claims import Triple
from actorgraph.graph.model import Actor, Article, Claim
from actorgraph.graph.store import ClaimFilter, ClaimOverview, EdgeSummary, Subgraph, sort_claims
from actorgraph.graph.vocabulary import Vocabulary

WHOLE_GRAPH_LIMIT = 300
CENTRAL_ACTORS = 30
MAX_LINKS = 120
#: A small store's whole graph (<= WHOLE_GRAPH_LIMIT actors) keeps this many links: a corpus of a few dozen
#: articles has a few hundred, and cutting it to the hubs' backbone would leave most actors unlinked.
WHOLE_GRAPH_LINKS = 600
TOP_CONTESTS = 10


@dataclass(frozen=True)
class Overview:
    """Counts of the store and the starting network (whole graph, or its hubs and their links)."""

    articles: int
    actors: int
    claims: int
    languages: tuple[tuple[str, int], ...]
    first_date: str | None
    last_date: str | None
    network: Subgraph
    whole: bool
    hubs: tuple[tuple[str, int], ...]  # (actor id, claims touching it), most first
    contested: tuple[tuple[Triple, int, int], ...] = ()  # (canonical relation, claims for, against)
    links_cut: int = 0  # links among the hubs left out to keep the picture readable
    #: The network's links as store aggregates (`overview_from_store`; `network.claims` is then empty).
    edges: tuple[EdgeSummary, ...] = ()


def claim_degree(claims: Iterable[Claim]) -> Counter[str]:
    """Claims touching each actor (self-loops count once)."""
    degree: Counter[str] = Counter()
    for claim in claims:
        degree[claim.subject] += 1
        if claim.object != claim.subject:
            degree[claim.object] += 1
    return degree


def date_bounds(claims: Iterable[Claim], articles: Iterable[Article]) -> tuple[str | None, str | None]:
    """Earliest and latest date among claim dates and publication dates (ISO, maybe partial)."""
    days = [d for c in claims for d in c.date_range if d] + [a.published for a in articles if a.published]
    return (min(days), max(days)) if days else (None, None)


def strongest_links(claims: Iterable[Claim], limit: int = MAX_LINKS) -> tuple[list[Claim], int]:
    """The claims of the `limit` (subject, predicate, object) links with the most claims, and how
    many links were left out. Forty hubs of a 200,000-claim store share 10,000 links: drawn all
    at once they are a hairball, so the overview shows the backbone and the ego view the rest."""
    grouped: dict[tuple[str, str, str], list[Claim]] = {}
    for claim in claims:
        grouped.setdefault((claim.subject, claim.predicate, claim.object), []).append(claim)
    if len(grouped) <= limit:
        return [c for found in grouped.values() for c in found], 0
    kept = sorted(grouped, key=lambda t: (-len(grouped[t]), t))[:limit]
    return [c for t in kept for c in grouped[t]], len(grouped) - limit


def contest_counts(claims: Iterable[Claim], vocabulary: Vocabulary | None,
                   limit: int = TOP_CONTESTS) -> tuple[tuple[Triple, int, int], ...]:
    """Relations (canonical reading) that some claims assert and others deny or negate, with the
    claims on each side; the most balanced disputes first (a 5-to-5 before a 9-to-1).

    A one-pass count for the landing page; the evidence panel's `graph.claims.contested` also
    pairs explicit denials and names every source.
    """
    sides: dict[Triple, list[int]] = {}
    for claim in claims:
        relation = (claim.subject, claim.predicate, claim.object)
        if vocabulary is not None and claim.predicate in vocabulary:
            relation = vocabulary.canonical(*relation)
        counts = sides.setdefault(relation, [0, 0])
        counts[0 if claim.polarity == "asserted" else 1] += 1
    found = [(r, f, a) for r, (f, a) in sides.items() if f and a]
    return tuple(sorted(found, key=lambda x: (-min(x[1], x[2]), -(x[1] + x[2]), x[0]))[:limit])


def build_overview(actors: Sequence[Actor], articles: Sequence[Article], claims: Sequence[Claim],
                   contested: tuple[tuple[Triple, int, int], ...] | None = None, limit: int = CENTRAL_ACTORS,
                   whole_limit: int = WHOLE_GRAPH_LIMIT, vocabulary: Vocabulary | None = None) -> Overview:
    """The overview of `claims` (already filtered by the caller) among `actors`; `contested` is
    `contest_counts` of every claim (all polarities: a contest needs both sides), counted from
    `claims` when not given.

    Only actors with at least one claim are drawn: an isolated actor has nothing to open.
    """
    degree = claim_degree(claims)
    by_id = {a.id: a for a in actors}
    linked = [a for a in degree if a in by_id]
    whole = len(linked) <= whole_limit
    ranked = sorted(linked, key=lambda a: (-degree[a], a))
    keep = set(ranked if whole else ranked[:limit])
    kept_claims, cut = strongest_links((c for c in claims if c.subject in keep and c.object in keep),
                                       WHOLE_GRAPH_LINKS if whole else MAX_LINKS)
    if cut:  # an actor whose links were all cut would float alone: it is left to the ego view too
        keep = {a for c in kept_claims for a in (c.subject, c.object)}
    network = Subgraph(tuple(by_id[a] for a in sorted(keep)), tuple(sort_claims(kept_claims)), not whole or bool(cut))
    languages = Counter(a.language or "?" for a in articles)
    first, last = date_bounds(claims, articles)
    by_count = tuple(sorted(languages.items(), key=lambda kv: (-kv[1], kv[0])))
    return Overview(len(articles), len(actors), len(claims), by_count,
                    first, last, network, whole, tuple((a, degree[a]) for a in ranked[:limit]),
                    contest_counts(claims, vocabulary) if contested is None else contested, cut)


class Aggregates(Protocol):
    """What `overview_from_store` reads: a `Store`, or `edge_summaries.ClaimAggregates` (a window)."""

    def claim_overview(self, flt: ClaimFilter, limit: int = 30) -> ClaimOverview: ...

    def edge_summaries(self, flt: ClaimFilter, among: Iterable[str] | None = None) -> list[EdgeSummary]: ...


def overview_from_store(store: Aggregates, actors: Sequence[Actor], articles: Sequence[Article], flt: ClaimFilter,
                        contested: tuple[tuple[Triple, int, int], ...], limit: int = CENTRAL_ACTORS,
                        whole_limit: int = WHOLE_GRAPH_LIMIT) -> Overview:
    """`build_overview` from aggregates: `Store.claim_overview` for the counts and the busiest
    actors, `Store.edge_summaries` among them for the network; the same choices (whole graph up
    to `whole_limit` linked actors, else the `limit` hubs; the strongest links kept)."""
    counts = store.claim_overview(flt, whole_limit)
    whole = counts.linked <= whole_limit
    keep = [a for a, _ in (counts.hubs if whole else counts.hubs[:limit])]
    edges = store.edge_summaries(flt, among=keep)
    cap = WHOLE_GRAPH_LINKS if whole else MAX_LINKS
    cut = max(0, len(edges) - cap)
    if cut:  # the strongest links only; an actor whose links were all cut is left to the ego view
        edges = sorted(sorted(edges, key=lambda e: (-e.claims, e.triple))[:cap], key=lambda e: e.triple)
        kept = {a for e in edges for a in (e.subject, e.object)}
        keep = [a for a in keep if a in kept]
    by_id = {a.id: a for a in actors}
    network = Subgraph(tuple(by_id[a] for a in sorted(keep) if a in by_id), (), not whole or bool(cut))
    languages = Counter(a.language or "?" for a in articles)
    days = [d for d in (counts.first, counts.last) if d] + [a.published for a in articles if a.published]
    return Overview(len(articles), len(actors), counts.claims,
                    tuple(sorted(languages.items(), key=lambda kv: (-kv[1], kv[0]))),
                    min(days) if days else None, max(days) if days else None, network, whole,
                    counts.hubs[:limit], contested, cut, tuple(edges))
