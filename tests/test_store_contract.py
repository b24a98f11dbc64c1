"""One contract, every store: the same tests run on the embedded store and on a real Neo4j.

The `store` fixture (tests/conftest.py) yields an empty store of each backend. Answers must be
identical, so every assertion here is about values, never about a backend's internals.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from actorgraph.graph.embedded import EmbeddedStore
from actorgraph.graph.model import Article, Claim, Document, Span
from actorgraph.graph.store import ClaimFilter, Store
from actorgraph.ingest.pipeline import ingest_paths
from tests.articles import claims_article, small_article
from tests.conftest import SEED_ARTICLE, SEED_DIR

SEED_ID = "orient-2022-01-hasakah-prison"


def seed_claim_count() -> int:
    return len(json.loads((SEED_DIR / f"{SEED_ID}.json").read_text(encoding="utf-8"))["claims"])


@pytest.fixture
def seeded(store: Store) -> Store:
    report = ingest_paths([SEED_ARTICLE], store)
    assert report.ok, report.errors
    return store


def triples(claims) -> set[tuple[str, str, str]]:
    return {(c.subject, c.predicate, c.object) for c in claims}


def test_seed_claims_all_arrive_with_evidence(seeded: Store) -> None:
    claims = seeded.claims(ClaimFilter(polarities=()))
    assert len(claims) == seed_claim_count()
    article = seeded.get_article(SEED_ID)
    assert article is not None
    for claim in claims:
        assert article.text[claim.evidence.start:claim.evidence.end] == claim.evidence.text
    assert ("iraq", "accuses", "isis") in triples(claims)
    assert ("sdf", "supported-by", "international-coalition") in triples(claims)


def test_inverse_relations_answer_both_questions(seeded: Store) -> None:
    supporters = seeded.links("supports", object="sdf")
    assert {(l.subject, l.predicate, l.object) for l in supporters} == {("international-coalition", "supports", "sdf")}
    assert supporters[0].claim.predicate == "supported-by"
    supported = seeded.links("supported-by", subject="sdf")
    assert [l.object for l in supported] == ["international-coalition"]
    backers = seeded.links("backs", object="iran-backed-militias")
    assert [l.subject for l in backers] == ["iran"]


def test_symmetric_relations_read_both_ways(seeded: Store) -> None:
    fights = {(l.subject, l.object) for l in seeded.links("fights", subject="isis")}
    assert ("isis", "sdf") in fights and ("isis", "international-coalition") in fights


def test_reingest_is_idempotent(seeded: Store) -> None:
    before = (seeded.stats(), seeded.claims(ClaimFilter(polarities=())))
    ingest_paths([SEED_ARTICLE], seeded)
    assert (seeded.stats(), seeded.claims(ClaimFilter(polarities=()))) == before


def test_editing_an_article_replaces_its_claims(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    data = small_article()
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    ingest_paths([path], store)
    assert len(store.claims(article_id="test-article")) == 2
    data["claims"].pop(0)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    ingest_paths([path], store)
    assert triples(store.claims(article_id="test-article")) == {("sdf", "supported-by", "international-coalition")}


def test_a_claim_id_written_in_another_article_moves_there(seeded: Store) -> None:
    """A claim id is a global key (readers prefix it with the article id; hand-built documents may
    not): the last write wins, and nothing of the claim stays behind in its first article."""
    text = "Iraq accuses ISIS."
    evidence = Span(0, len(text), text)
    first = Claim("shared-id", "first", "iraq", "accuses", "isis", evidence)
    seeded.write_documents([Document(Article(id="first", title="one", text=text), (first,))])
    assert [c.subject for c in seeded.claims(article_id="first")] == ["iraq"]
    moved = Claim("shared-id", "second", "isis", "fights", "iraq", evidence)
    report = seeded.write_documents([Document(Article(id="second", title="two", text=text), (moved,))])
    assert report.claims == 1
    assert seeded.claims(article_id="first") == []
    assert [(c.id, c.subject, c.predicate, c.object) for c in seeded.claims(article_id="second")] == [
        ("shared-id", "isis", "fights", "iraq")]
    assert [c.id for c in seeded.claims(ClaimFilter(polarities=())) if c.id == "shared-id"] == ["shared-id"]
    assert all(link.claim.id != "shared-id" for link in seeded.links("accuses", subject="iraq", object="isis"))
    around = [(c.subject, c.predicate) for c in seeded.neighbourhood("iraq", 1).claims if c.id == "shared-id"]
    assert around == [("isis", "fights")]
    seeded.write_documents([Document(Article(id="first", title="one", text=text), (first,))])  # unchanged, moves back
    assert [c.subject for c in seeded.claims(article_id="first")] == ["iraq"]
    assert seeded.claims(article_id="second") == []


def test_denied_claims_are_not_edges(seeded: Store) -> None:
    denied = seeded.claims(ClaimFilter(polarities=("denied",)))
    assert [(c.subject, c.predicate, c.object, c.claimant) for c in denied] == [
        ("isis", "escapes-from", "sina-prison", "farhad-shami")]
    asserted = seeded.claims()
    assert all(c.polarity == "asserted" for c in seeded.claims(ClaimFilter()))
    assert denied[0] not in seeded.neighbourhood("farhad-shami", 2).claims
    assert len(asserted) == seed_claim_count()


def test_ego_network(seeded: Store) -> None:
    ego = seeded.neighbourhood("sdf", depth=1)
    assert {"isis", "international-coalition", "sina-prison", "hat-forces", "farhad-shami"} <= ego.actor_ids()
    assert all(c.polarity == "asserted" for c in ego.claims)
    assert all(c.subject in ego.actor_ids() and c.object in ego.actor_ids() for c in ego.claims)
    wider = seeded.neighbourhood("sdf", depth=2)
    assert ego.actor_ids() < wider.actor_ids()
    assert seeded.neighbourhood("sdf", depth=2, limit=3).truncated


def test_filters_restrict_the_ego_network(seeded: Store) -> None:
    only = seeded.neighbourhood("sdf", depth=1, flt=ClaimFilter(predicates=("supported-by",)))
    assert only.actor_ids() == {"sdf", "international-coalition"}
    by_claimant = seeded.claims(ClaimFilter(claimants=("hatem-al-falahi",)))
    assert by_claimant and all(c.claimant == "hatem-al-falahi" for c in by_claimant)


def test_paths_explain_each_hop(seeded: Store) -> None:
    shortest = seeded.paths("iraq", "international-coalition", max_hops=3, shortest=True)
    assert shortest and all(len(p) == 2 for p in shortest)
    assert ("iraq", "isis", "international-coalition") in [p.actors for p in shortest]
    for path in shortest:
        for hop in path.hops:
            assert hop.claims and all({c.subject, c.object} == {hop.source, hop.target} for c in hop.claims)
    every = seeded.paths("iraq", "international-coalition", max_hops=3)
    assert len(every) >= len(shortest)
    assert all(len(p) <= 3 for p in every)


@pytest.fixture(scope="module")
def reference() -> EmbeddedStore:
    """The seed in an in-memory embedded store: the answers every backend must give."""
    store = EmbeddedStore(None)
    assert ingest_paths([SEED_ARTICLE], store).ok
    return store


def busiest(reference: EmbeddedStore, count: int) -> list[str]:
    degree = Counter(a for c in reference.claims() for a in (c.subject, c.object))
    return sorted(degree, key=lambda a: (-degree[a], a))[:count]


def test_ego_networks_agree_at_every_node_limit(seeded: Store, reference: EmbeddedStore) -> None:
    """Hubs and quiet actors, every depth, limits that cut inside a level, at its end, or never."""
    actors = busiest(reference, 6) + busiest(reference, 1000)[-3:]
    for actor in actors:
        for depth in (1, 2, 3):
            for limit in (1, 2, 4, 7, 200):
                expected = reference.neighbourhood(actor, depth, limit=limit)
                assert seeded.neighbourhood(actor, depth, limit=limit) == expected, (actor, depth, limit)
    hub = actors[0]
    whole = reference.neighbourhood(hub, 1)
    exact = reference.neighbourhood(hub, 1, limit=len(whole.actors))
    assert not exact.truncated and exact.actor_ids() == whole.actor_ids()
    assert reference.neighbourhood(hub, 1, limit=len(whole.actors) - 1).truncated


def test_shortest_paths_agree_between_hubs_and_quiet_actors(seeded: Store, reference: EmbeddedStore) -> None:
    actors = busiest(reference, 4) + busiest(reference, 1000)[-2:]
    for source in actors:
        for target in actors:
            for hops, limit in ((1, 20), (2, 1), (3, 20)):
                expected = reference.paths(source, target, hops, limit=limit, shortest=True)
                assert seeded.paths(source, target, hops, limit=limit, shortest=True) == expected, (source, target)


def test_search_finds_names_in_both_scripts(seeded: Store) -> None:
    assert seeded.search_actors("داعش")[0].id == "isis"
    assert seeded.search_actors("قسد")[0].id == "sdf"
    assert seeded.search_actors("Coalition")[0].id == "international-coalition"


def test_actor_roundtrip_and_stats(seeded: Store) -> None:
    sdf = seeded.get_actor("sdf")
    assert sdf is not None and sdf.type == "ArmedGroup" and "قسد" in sdf.aliases
    stats = seeded.stats()
    assert stats.articles == 1 and stats.claims == seed_claim_count() and stats.denied == 1
    assert stats.asserted + stats.denied + stats.negated == stats.claims


def test_delete_article_removes_its_claims(seeded: Store) -> None:
    assert seeded.delete_article(SEED_ID)
    assert seeded.claims(ClaimFilter(polarities=())) == []
    assert seeded.get_article(SEED_ID) is None
    assert not seeded.delete_article(SEED_ID)


# ---------------------------------------------------------------------------------------------- time
# ClaimFilter's time semantics (graph/store.py): a claim's period is its date (day, partial date or
# START/END range), else its article's publication date; windows keep overlapping periods; as_of
# keeps claims begun, in articles published, by that day. Both stores must agree on every case.

def ingest_articles(store: Store, tmp_path: Path, *articles: dict) -> None:
    for data in articles:
        (tmp_path / f"{data['id']}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    report = ingest_paths([tmp_path / f"{a['id']}.json" for a in articles], store)
    assert report.ok, report.errors


def local_ids(claims) -> list[str]:
    return [c.id for c in claims]


@pytest.fixture
def dated(store: Store, tmp_path: Path) -> Store:
    """`dated` (published 2022-02-10) and `undated` (no publication date), claims dated as ranges."""
    published = claims_article("dated", [
        {"subject": "sdf", "predicate": "fights", "object": "isis", "date": "2021-12-30/2022-01-02"},
        {"subject": "international-coalition", "predicate": "attacks", "object": "isis", "date": "2022-01"},
        {"subject": "iran", "predicate": "backs", "object": "iran-backed-militias", "date": "2022-03-05"},
        {"subject": "sdf", "predicate": "supported-by", "object": "international-coalition"},
    ], published="2022-02-10")
    unpublished = claims_article("undated", [
        {"subject": "isis", "predicate": "attacks", "object": "sdf", "date": "2021-12-30/2022-01-02"},
        {"subject": "iraq", "predicate": "accuses", "object": "isis", "date": "2022-01"},
        {"subject": "isis", "predicate": "threatens", "object": "iraq"},
    ], published=None)
    ingest_articles(store, tmp_path, published, unpublished)
    return store


def ids(store: Store, **window) -> list[str]:
    return local_ids(store.claims(ClaimFilter(polarities=(), **window)))


@pytest.mark.parametrize("window, expected", [
    ({"date_from": "2022-01-01", "date_to": "2022-01-01"}, ["dated#c1", "dated#c2", "undated#c1", "undated#c2"]),
    ({"date_from": "2022-01-03"}, ["dated#c2", "dated#c3", "dated#c4", "undated#c2"]),
    ({"date_to": "2021-12"}, ["dated#c1", "undated#c1"]),
    ({"date_from": "2022-01-31", "date_to": "2022-02"}, ["dated#c2", "dated#c4", "undated#c2"]),
    ({"date_from": "2022-02-11", "date_to": "2022-03-04"}, []),
    ({"date_from": "2022"}, ["dated#c1", "dated#c2", "dated#c3", "dated#c4", "undated#c1", "undated#c2"]),
], ids=["one-day", "open-end", "partial-to", "month-window", "gap", "year"])
def test_date_windows_keep_overlapping_periods(dated: Store, window: dict, expected: list[str]) -> None:
    """Undated claims of unpublished articles are excluded here, to test the windows alone."""
    assert ids(dated, include_undated=False, **window) == expected


def test_undated_claims_pass_time_filters_only_when_asked(dated: Store) -> None:
    assert "undated#c3" in ids(dated, date_from="2030-01-01")
    assert "undated#c3" in ids(dated, as_of="1990-01-01")
    assert "undated#c3" not in ids(dated, date_from="2030-01-01", include_undated=False)
    assert "undated#c3" in ids(dated, include_undated=False)  # no time restriction: undated is irrelevant


@pytest.mark.parametrize("as_of, expected", [
    ("2021-12-29", []),
    ("2021-12-30", ["undated#c1"]),
    ("2022-01-01", ["undated#c1", "undated#c2"]),
    ("2022-02-09", ["undated#c1", "undated#c2"]),
    ("2022-02-10", ["dated#c1", "dated#c2", "dated#c4", "undated#c1", "undated#c2"]),
    ("2022-02", ["dated#c1", "dated#c2", "dated#c4", "undated#c1", "undated#c2"]),
    ("2022", ["dated#c1", "dated#c2", "dated#c3", "dated#c4", "undated#c1", "undated#c2"]),
])
def test_as_of_keeps_what_was_known_that_day(dated: Store, as_of: str, expected: list[str]) -> None:
    """An article is unknown before its publication; a claim about a later period is not yet true."""
    assert ids(dated, as_of=as_of, include_undated=False) == expected


def test_as_of_before_the_seed_hides_it_everywhere(seeded: Store) -> None:
    before = ClaimFilter(as_of="2022-01-20")
    assert seeded.claims(ClaimFilter(polarities=(), as_of="2022-01-20")) == []
    assert seeded.neighbourhood("isis", 2, flt=before).claims == ()
    assert seeded.links("supports", object="sdf", flt=before) == []
    assert seeded.paths("iraq", "international-coalition", flt=before) == []
    on_the_day = seeded.claims(ClaimFilter(polarities=(), as_of="2022-01-21"))
    assert len(on_the_day) == seed_claim_count()


def test_time_filters_combine_with_the_other_restrictions(dated: Store) -> None:
    flt = ClaimFilter(date_from="2022-01", date_to="2022-01", predicates=("attacks",), include_undated=False)
    assert local_ids(dated.claims(flt)) == ["dated#c2", "undated#c1"]
    sdf = dated.neighbourhood("sdf", 1, flt=ClaimFilter(date_to="2021-12-31", include_undated=False))
    assert sdf.actor_ids() == {"sdf", "isis"}
    assert local_ids(sdf.claims) == ["dated#c1", "undated#c1"]


@pytest.mark.parametrize("kwargs, message", [
    ({"as_of": "2022-13"}, "as_of: '2022-13' is not an ISO date (use YYYY, YYYY-MM or YYYY-MM-DD)"),
    ({"date_from": "21/01/2022"}, "date_from: '21/01/2022' is not an ISO date (use YYYY, YYYY-MM or YYYY-MM-DD)"),
    ({"date_to": "2022-02-30"}, "date_to: '2022-02-30' is not an ISO date (use YYYY, YYYY-MM or YYYY-MM-DD)"),
    ({"date_from": "2022-02", "date_to": "2022-01-31"}, "date_from 2022-02 is after date_to 2022-01-31"),
])
def test_malformed_time_filters_are_refused(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        ClaimFilter(**kwargs)
    assert str(caught.value) == message


# ----------------------------------------------------------------------------------------- denials
@pytest.fixture
def denied_only(store: Store, tmp_path: Path) -> Store:
    """Iran's support for the SDF is only denied (by the SDF); the coalition's is asserted."""
    ingest_articles(store, tmp_path, claims_article("denial", [
        {"subject": "iran", "predicate": "supports", "object": "sdf", "claimant": "sdf", "polarity": "denied"},
        {"subject": "sdf", "predicate": "supported-by", "object": "international-coalition"},
        {"subject": "iran", "predicate": "backs", "object": "iran-backed-militias", "polarity": "negated"},
    ]))
    return store


def test_denied_relations_are_never_plain_edges(denied_only: Store) -> None:
    assert [(l.subject, l.object) for l in denied_only.links("supports", object="sdf")] == [
        ("international-coalition", "sdf")]
    assert denied_only.links("supported-by", subject="sdf", object="iran") == []
    assert denied_only.neighbourhood("iran", 2).actor_ids() == {"iran"}
    assert denied_only.neighbourhood("sdf", 1).actor_ids() == {"sdf", "international-coalition"}
    assert denied_only.paths("iran", "international-coalition", max_hops=3) == []
    assert denied_only.paths("iran", "international-coalition", max_hops=3, shortest=True) == []
    assert denied_only.paths("sdf", "iran", max_hops=1, shortest=True) == []
    assert not denied_only.neighbourhood("sdf", 2, limit=2).truncated
    assert local_ids(denied_only.claims(ClaimFilter())) == ["denial#c2"]
    assert denied_only.stats().relations == 1


def test_denied_relations_are_found_when_asked(denied_only: Store) -> None:
    every = ClaimFilter(polarities=())
    links = denied_only.links("supported-by", subject="sdf", flt=every)
    assert [(l.subject, l.object, l.claim.polarity) for l in links] == [
        ("sdf", "international-coalition", "asserted"), ("sdf", "iran", "denied")]
    assert denied_only.neighbourhood("iran", 1, flt=every).actor_ids() == {"iran", "sdf", "iran-backed-militias"}
    assert [p.actors for p in denied_only.paths("iran", "international-coalition", flt=every)] == [
        ("iran", "sdf", "international-coalition")]


# ------------------------------------------------------------------ review and repair
def every_claim(store: Store) -> dict[str, object]:
    return {c.id: c for c in store.claims(ClaimFilter(polarities=()))}


def test_merge_moves_every_reference_and_split_restores_them_exactly(seeded: Store) -> None:
    before_claims, before_mentions = every_claim(seeded), seeded.mentions()
    before_actors = {a.id: a for a in seeded.actors()}
    assert seeded.claims(ClaimFilter(polarities=()), subject="hat-forces")
    record = seeded.merge_actors("sdf", "hat-forces")
    assert seeded.get_actor("hat-forces") is None
    after = every_claim(seeded)
    assert set(after) == set(before_claims)  # no claim lost or added
    assert not any("hat-forces" in (c.subject, c.object, c.claimant, *c.reported_via) for c in after.values())
    moved = {c.id for c in before_claims.values() if "hat-forces" in (c.subject, c.object)}
    assert moved and {c.id for c in record.claims} == moved
    assert all(after[i].subject == "sdf" or after[i].object == "sdf" for i in moved)
    assert ("sdf", "part-of", "sdf") in triples(after.values())  # HAT part-of SDF became a loop
    assert seeded.mentions(actor_id="hat-forces") == []
    assert {m.span.text for m in seeded.mentions(actor_id="sdf")} >= {"HAT", "قواتها الخاصة"}
    sdf = seeded.get_actor("sdf")
    assert sdf is not None and "HAT" in sdf.aliases and "قوات مكافحة الإرهاب (HAT)" in sdf.aliases
    assert sdf.labels == before_actors["sdf"].labels
    assert seeded.search_actors("HAT")[0].id == "sdf"

    seeded.unmerge_actors(record)
    assert every_claim(seeded) == before_claims
    assert seeded.mentions() == before_mentions
    assert {a.id: a for a in seeded.actors()} == before_actors
    with pytest.raises(ValueError):
        seeded.unmerge_actors(record)


def test_merge_moves_claimants_reported_via_and_roles(seeded: Store) -> None:
    before = every_claim(seeded)
    record = seeded.merge_actors("orient-news", "obada-mohammed")
    after = every_claim(seeded)
    via = next(c for c in after.values() if c.id.endswith("#c33"))
    assert via.reported_via == ("orient-news",)
    assert len(after) == len(before)
    keep = seeded.get_actor("orient-news")
    assert keep is not None and "عبادة محمد" in keep.aliases
    record_sdf = seeded.merge_actors("sdf", "farhad-shami")  # claimant of c41, role spokesperson-of sdf
    assert {c.claimant for c in seeded.claims(ClaimFilter(polarities=("denied",)))} == {"sdf"}
    seeded.unmerge_actors(record_sdf)
    seeded.unmerge_actors(record)
    assert every_claim(seeded) == before
    farhad = seeded.get_actor("farhad-shami")
    assert farhad is not None and [(r.relation, r.object) for r in farhad.roles] == [("spokesperson-of", "sdf")]


def test_reingest_after_a_merge_rewrites_what_the_merge_changed(seeded: Store, tmp_path: Path) -> None:
    """Re-ingesting unchanged articles may be skipped (Neo4j keeps a digest per article), but not
    once a merge has rewritten their claims: the result is the embedded store's, which rewrites all."""
    reference = EmbeddedStore(tmp_path / "reference.pickle")
    ingest_paths([SEED_ARTICLE], reference)
    reports = []
    for store in (seeded, reference):
        store.merge_actors("sdf", "hat-forces")
        reports.append(ingest_paths([SEED_ARTICLE], store).ok)
    assert reports[0] == reports[1]
    assert every_claim(seeded) == every_claim(reference)
    assert sorted(seeded.mentions(), key=lambda m: m.id) == sorted(reference.mentions(), key=lambda m: m.id)


def test_merge_keeps_what_was_added_to_keep_afterwards(seeded: Store) -> None:
    record = seeded.merge_actors("isis", "local-sources")
    seeded.add_alias("isis", "دولة البغدادي")
    seeded.unmerge_actors(record)
    isis = seeded.get_actor("isis")
    assert isis is not None and "دولة البغدادي" in isis.aliases and "مصادر محلية" not in isis.aliases
    assert seeded.get_actor("local-sources") is not None


def test_merge_rejects_unknown_or_identical_actors(seeded: Store) -> None:
    before = every_claim(seeded)
    with pytest.raises(KeyError):
        seeded.merge_actors("sdf", "nobody")
    with pytest.raises(ValueError):
        seeded.merge_actors("sdf", "sdf")
    assert every_claim(seeded) == before and seeded.get_actor("sdf") is not None


def test_add_alias_makes_the_actor_findable(seeded: Store) -> None:
    assert all(a.id != "sdf" for a in seeded.search_actors("قوات قسد الكردية"))
    actor = seeded.add_alias("sdf", "  قوات قسد الكردية ")
    assert actor.aliases[-1] == "قوات قسد الكردية"
    assert seeded.get_actor("sdf") == actor
    assert seeded.search_actors("قوات قسد الكردية")[0].id == "sdf"
    assert seeded.add_alias("sdf", "قسد") == actor  # already a name: unchanged
    with pytest.raises(KeyError):
        seeded.add_alias("nobody", "x")
    with pytest.raises(ValueError):
        seeded.add_alias("sdf", "   ")


def test_search_ranks_exact_then_prefix_then_substring(seeded: Store) -> None:
    assert [a.id for a in seeded.search_actors("الحسكة", limit=2)] == ["al-hasakah", "sina-prison"]
    assert seeded.search_actors("دَاعِشْ")[0].id == "isis"
    assert seeded.search_actors("S.D.F.")[0].id == "sdf"
    assert seeded.search_actors("the coalition")[0].id == "international-coalition"
    assert seeded.search_actors("قوات سوريا")[0].id == "sdf"
    assert seeded.search_actors("") == []
