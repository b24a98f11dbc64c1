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
from dataclasses import dataclass
from typing import Iterable, Sequence

from graph.claims import Contest
from graph.model import Actor, Article, Claim
from graph.store import Subgraph, sort_claims

WHOLE_GRAPH_LIMIT = 300
CENTRAL_ACTORS = 40
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


def build_overview(actors: Sequence[Actor], articles: Sequence[Article], claims: Sequence[Claim],
                   limit: int = CENTRAL_ACTORS, whole_limit: int = WHOLE_GRAPH_LIMIT) -> Overview:
    """The overview of `claims` (already filtered by the caller) among `actors`.

    Only actors with at least one claim are drawn: an isolated actor has nothing to open.
    """
    degree = claim_degree(claims)
    by_id = {a.id: a for a in actors}
    linked = [a for a in degree if a in by_id]
    whole = len(linked) <= whole_limit
    ranked = sorted(linked, key=lambda a: (-degree[a], a))
    keep = set(ranked if whole else ranked[:limit])
    kept_claims = [c for c in claims if c.subject in keep and c.object in keep]
    network = Subgraph(tuple(by_id[a] for a in sorted(keep)), tuple(sort_claims(kept_claims)), not whole)
    languages = Counter(a.language or "?" for a in articles)
    first, last = date_bounds(claims, articles)
    return Overview(len(articles), len(actors), len(claims), tuple(sorted(languages.items(), key=lambda kv: (-kv[1], kv[0]))),
                    first, last, network, whole, tuple((a, degree[a]) for a in ranked[:limit]))


def most_contested(contests: Iterable[Contest], limit: int = TOP_CONTESTS) -> list[Contest]:
    """The contests with the most claims on their weaker side (a 5-to-5 dispute before a 9-to-1)."""
    return sorted(contests, key=lambda c: (-min(len(c.for_claims), len(c.against_claims)),
                                           -(len(c.for_claims) + len(c.against_claims)), c.relation))[:limit]
