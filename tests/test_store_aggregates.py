"""The aggregate reads of the Store contract, on both stores: each must equal what an analyst
computes by hand from `claims()` on the same data, under several filters.

Expected values are computed here with plain loops over `store.claims(...)` (the claim-level
read both stores already agree on), not with the code under test: the summing, the sources
(publishers, else the article), the period (claim date, else publication date), the canonical
relation's sides for the contested flag and `graph.weights.confidence` for the weight.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from actorgraph.graph.claims import SourcedClaim
from actorgraph.graph.dates import end_of
from actorgraph.graph.model import Claim
from actorgraph.graph.store import ASSERTED, ClaimFilter, EdgeSummary, Store
from actorgraph.graph.weights import confidence
from actorgraph.ingest.pipeline import ingest_paths

ARTICLES = sorted((Path(__file__).resolve().parent.parent / "data" / "articles").glob("*.json"))

FILTERS = {
    "asserted (default)": ASSERTED,
    "every polarity": ClaimFilter(polarities=()),
    "denied or negated": ClaimFilter(polarities=("denied", "negated")),
    "window 2022-01-20..2022-01-31": ClaimFilter(polarities=(), date_from="2022-01-20", date_to="2022-01-31"),
    "as of 2022-01-21, dated only": ClaimFilter(as_of="2022-01-21", include_undated=False),
    "year 2024 (partial dates)": ClaimFilter(date_from="2024", date_to="2024"),
    "two predicates": ClaimFilter(predicates=("supported-by", "fights", "attacks")),
    "armed groups and states": ClaimFilter(polarities=(), actor_types=("ArmedGroup", "State", "MilitaryUnit")),
}


@pytest.fixture
def corpus(store: Store) -> Store:
    report = ingest_paths(ARTICLES, store)
    assert report.ok, report.errors
    return store


def by_hand(store: Store, flt: ClaimFilter, keep: set[str] | None = None,
            pairs: set[frozenset[str]] | None = None) -> list[EdgeSummary]:
    """EdgeSummaries computed from `claims()`: among `keep` actors, or on the given actor pairs."""
    articles = {a.id: a for a in store.articles()}

    def wanted(c: Claim) -> bool:
        if keep is not None and not (c.subject in keep and c.object in keep):
            return False
        return pairs is None or frozenset((c.subject, c.object)) in pairs

    every = [c for c in store.claims(replace(flt, polarities=())) if wanted(c)]
    vocabulary = store.vocabulary  # type: ignore[attr-defined]
    sides: dict[tuple[str, str, str], tuple[list[SourcedClaim], list[SourcedClaim]]] = {}
    for c in every:
        relation = vocabulary.canonical(c.subject, c.predicate, c.object)
        pro, con = sides.setdefault(relation, ([], []))
        (pro if c.polarity == "asserted" else con).append(SourcedClaim(c, articles.get(c.article_id)))
    found: dict[tuple[str, str, str], list[Claim]] = {}
    for c in every:
        if not flt.polarities or c.polarity in flt.polarities:
            found.setdefault((c.subject, c.predicate, c.object), []).append(c)
    rows = []
    for triple, claims in sorted(found.items()):
        starts, ends = [], []
        for c in claims:
            first, last = c.date_range
            if first is None:
                first = last = articles[c.article_id].published
            if first is not None:
                starts.append(first)
                ends.append(last)
        pro, con = sides[vocabulary.canonical(*triple)]
        rows.append(EdgeSummary(
            *triple, claims=len(claims), asserted=sum(c.polarity == "asserted" for c in claims),
            denied=sum(c.polarity != "asserted" for c in claims),
            sources=len({articles[c.article_id].publisher or c.article_id for c in claims}),
            articles=len({c.article_id for c in claims}), first=min(starts, default=None),
            last=max(ends, key=end_of, default=None), contested=bool(pro and con),
            weight=confidence(pro, con) if pro else 0.0))
    return rows


def test_the_corpus_has_what_the_filters_need(corpus: Store) -> None:
    """Guards the other tests: contested relations, denials, partial dates and undated claims exist."""
    claims = corpus.claims(ClaimFilter(polarities=()))
    assert any(c.polarity != "asserted" for c in claims) and any(not c.date for c in claims)
    assert any(c.date and "/" in c.date for c in claims) and any(c.claimant for c in claims)
    assert any(e.contested for e in corpus.edge_summaries(ClaimFilter(polarities=())))
    for name, flt in FILTERS.items():
        assert corpus.edge_summaries(flt), f"filter {name!r} keeps nothing: it would test nothing"


def test_edge_summaries_equal_the_claims_summed_by_hand(corpus: Store) -> None:
    for name, flt in FILTERS.items():
        assert corpus.edge_summaries(flt) == by_hand(corpus, flt), name
    hubs = {"isis", "sdf", "iraq", "international-coalition", "united-states", "houthis"}
    for name, flt in FILTERS.items():
        assert corpus.edge_summaries(flt, among=hubs) == by_hand(corpus, flt, keep=hubs), name


def test_ego_edges_are_the_neighbourhood_summed(corpus: Store) -> None:
    for actor, depth, limit in (("sdf", 1, 200), ("isis", 2, 200), ("united-states", 2, 12)):
        for name, flt in FILTERS.items():
            ego = corpus.ego_edges(actor, depth, flt, limit)
            plain = corpus.neighbourhood(actor, depth, flt, limit)
            assert ego.actors == plain.actors and ego.truncated == plain.truncated, (actor, name)
            assert list(ego.edges) == by_hand(corpus, flt, keep=plain.actor_ids()), (actor, name)
            assert sum(e.claims for e in ego.edges) == len(plain.claims), (actor, name)
    assert corpus.ego_edges("nobody-at-all").actors == ()


def test_path_edges_follow_the_same_routes_as_paths(corpus: Store) -> None:
    for source, target, hops in (("sdf", "iraq", 3), ("isis", "united-states", 2)):
        for shortest in (True, False):
            for name, flt in (("default", ASSERTED), ("every polarity", FILTERS["every polarity"])):
                paths = corpus.paths(source, target, hops, flt, limit=7, shortest=shortest)
                summarised = corpus.path_edges(source, target, hops, flt, limit=7, shortest=shortest)
                assert paths, (source, target, shortest)
                assert [p.actors for p in summarised] == [p.actors for p in paths], (source, target, name)
                for path in summarised:
                    for hop in path.hops:
                        expected = by_hand(corpus, flt, pairs={frozenset((hop.source, hop.target))})
                        assert list(hop.edges) == expected, (path.actors, hop.source, hop.target, name)


def test_edge_claims_pages_concatenate_to_the_claims_of_the_edge(corpus: Store) -> None:
    busiest = max(corpus.edge_summaries(ClaimFilter(polarities=())), key=lambda e: (e.claims, e.triple))
    assert busiest.claims >= 3  # several pages of 2
    for flt in (ClaimFilter(polarities=()), ASSERTED, FILTERS["window 2022-01-20..2022-01-31"]):
        whole = corpus.claims(flt, subject=busiest.subject, predicate=busiest.predicate, object=busiest.object)
        pages, offset = [], 0
        while page := corpus.edge_claims(*busiest.triple, flt, limit=2, offset=offset):
            assert len(page) <= 2
            pages += page
            offset += 2
        assert pages == whole
        assert corpus.edge_claims(*busiest.triple, flt, limit=2, offset=0) == whole[:2]  # stable
    for contested in (e for e in corpus.edge_summaries(ClaimFilter(polarities=())) if e.denied):
        denied = corpus.edge_claims(*contested.triple, ClaimFilter(polarities=("denied", "negated")), limit=100)
        assert len(denied) == contested.denied and all(c.polarity != "asserted" for c in denied)
    with pytest.raises(ValueError, match="limit >= 1"):
        corpus.edge_claims(*busiest.triple, limit=0)


def test_claim_overview_counts_the_filtered_claims(corpus: Store) -> None:
    articles = {a.id: a for a in corpus.articles()}
    for name, flt in FILTERS.items():
        claims = corpus.claims(flt)
        degree: dict[str, int] = {}
        days = set()
        for c in claims:
            for actor in {c.subject, c.object}:
                degree[actor] = degree.get(actor, 0) + 1
            day = c.date or articles[c.article_id].published
            if day:
                days.update(day.split("/"))
        ranked = sorted(degree.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
        found = corpus.claim_overview(flt, limit=5)
        assert (found.claims, found.linked, list(found.hubs)) == (len(claims), len(degree), ranked), name
        if days:
            assert found.first == min(days) and found.last == max(days, key=end_of), name
