"""The Neo4j store against a real server: same answers as the embedded store, an idempotent loader,
direct edges traceable to their claims, and no way for names or parameters to become Cypher."""
from __future__ import annotations

import json
from itertools import product
from pathlib import Path

import pytest

from actorgraph.graph.config import Neo4jSettings
from actorgraph.graph.embedded import EmbeddedStore
from actorgraph.graph.errors import StoreError
from actorgraph.graph.model import Article, Claim, Document, Span
from actorgraph.graph.names import search_keys
from actorgraph.graph.neo4j.connect import open_neo4j_store
from actorgraph.graph.neo4j.console import ConsoleError, run_catalog_query, run_cypher, typed_params
from actorgraph.graph.neo4j.store import Neo4jStore, graph_dump
from actorgraph.graph.store import ClaimFilter
from actorgraph.graph.store_copy import copy_store
from actorgraph.graph.vocabulary import default_vocabulary
from actorgraph.ingest.pipeline import ingest_paths
from tests.articles import small_article, span
from tests.conftest import SEED_ARTICLE

pytestmark = pytest.mark.neo4j
SEED_ID = "orient-2022-01-hasakah-prison"
HOSTILE = ["'}) DETACH DELETE n //", "`X`", 'say "hi"', "x` DETACH DELETE n //", "\\'; MATCH (n) DELETE n",
           "$actor", "{id: 1}"]


def write_article(folder: Path, data: dict) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{data['id']}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def hostile_article() -> dict:
    """An inline actor whose names are Cypher fragments, in an article whose text is one too."""
    text = "قال الممثل '}) DETACH DELETE n // إن داعش يهاجم السجن."
    data = small_article("hostile-article")
    data["text"] = text
    data["title"] = "`X` '}) DETACH DELETE n //"
    data["actors"] = [{"id": "hostile-actor", "type": "Person", "labels": {"en": HOSTILE[0], "ar": "`X`"},
                       "aliases": HOSTILE[1:]}]
    data["mentions"] = [{"id": "m1", "actor": "hostile-actor", **span(text, "'}) DETACH DELETE n //")},
                        {"id": "m2", "actor": "isis", **span(text, "داعش")}]
    data["claims"] = [{"id": "c1", "subject": "@m1", "predicate": "accuses", "object": "@m2",
                       "evidence": span(text, text)}]
    return data


@pytest.fixture
def both(empty_neo4j_store: Neo4jStore, tmp_path: Path) -> tuple[EmbeddedStore, Neo4jStore]:
    """The seed plus an edited small article and a hostile one, in both stores."""
    embedded = EmbeddedStore(tmp_path / "graph.msgpack")
    extra = tmp_path / "extra"
    write_article(extra, small_article("small-one"))
    write_article(extra, hostile_article())
    for store in (embedded, empty_neo4j_store):
        for paths in ([SEED_ARTICLE], [extra]):
            report = ingest_paths(paths, store)
            assert report.ok, report.errors
    return embedded, empty_neo4j_store


def test_every_read_answers_like_the_embedded_store(both: tuple[EmbeddedStore, Neo4jStore]) -> None:
    embedded, neo = both
    assert_reads_equal(neo, embedded)


def assert_reads_equal(neo: Neo4jStore, embedded: EmbeddedStore) -> None:
    """Every Store read method answers alike (also used by the bulk-import test)."""
    assert neo.stats() == embedded.stats()
    assert neo.actors() == embedded.actors()
    assert neo.articles() == embedded.articles()
    assert neo.mentions() == embedded.mentions()
    actor_ids = [a.id for a in embedded.actors()]
    filters = [None, ClaimFilter(), ClaimFilter(polarities=("denied",)), ClaimFilter(predicates=("attacks", "fights")),
               ClaimFilter(claimants=("farhad-shami",)), ClaimFilter(publishers=("orient-news",)),
               ClaimFilter(actor_types=("ArmedGroup", "Coalition")), ClaimFilter(date_from="2022-01-21"),
               ClaimFilter(as_of="2022-01-20", include_undated=False)]
    for flt in filters:
        assert neo.claims(flt) == embedded.claims(flt), flt
    for actor in actor_ids:
        assert neo.claims(subject=actor) == embedded.claims(subject=actor)
        assert neo.claims(ClaimFilter(), object=actor, predicate="Attacks") == embedded.claims(
            ClaimFilter(), object=actor, predicate="Attacks")
        assert neo.mentions(actor_id=actor) == embedded.mentions(actor_id=actor)
        for depth, limit in ((1, 200), (2, 200), (2, 4)):
            assert neo.neighbourhood(actor, depth, limit=limit) == embedded.neighbourhood(actor, depth, limit=limit)
    for term in default_vocabulary().terms:
        for end in ("sdf", "isis", None):
            assert neo.links(term, subject=end) == embedded.links(term, subject=end), term
            assert neo.links(term, object=end) == embedded.links(term, object=end), term
    for source, target in product(actor_ids[:7], ["international-coalition", "sina-prison", "hostile-actor"]):
        for hops, shortest in ((1, False), (3, False), (3, True)):
            assert neo.paths(source, target, hops, shortest=shortest) == embedded.paths(
                source, target, hops, shortest=shortest), (source, target, hops, shortest)
    queries = ["داعش", "قسد", "coal", "Coalition", "ال", "i", "x", *HOSTILE, "%", ".*", ""]
    for text in queries:
        assert neo.search_actors(text) == embedded.search_actors(text), text
    assert neo.get_article("hostile-article") == embedded.get_article("hostile-article")


def direct_edges(neo: Neo4jStore) -> dict[tuple[str, str, str], dict]:
    return {(a, t, b): props for a, t, b, props in (json.loads(r) for r in graph_dump(neo)[1]) if "claim_ids" in props}


def assert_edges_match_claims(neo: Neo4jStore) -> dict[tuple[str, str, str], dict]:
    """Every direct edge lists exactly the asserted claims of its triple, and every such triple has one."""
    vocabulary = default_vocabulary()
    expected: dict[tuple[str, str, str], list[str]] = {}
    for claim in neo.claims(ClaimFilter()):
        expected.setdefault((claim.subject, vocabulary.relationship_type(claim.predicate), claim.object),
                            []).append(claim.id)
    direct = direct_edges(neo)
    assert {k: (sorted(v), len(v)) for k, v in expected.items()} == {
        k: (p["claim_ids"], p["count"]) for k, p in direct.items()}
    assert len(direct) == neo.stats().relations
    return direct


def test_direct_edges_are_asserted_claims_and_trace_back_to_them(both: tuple[EmbeddedStore, Neo4jStore]) -> None:
    _, neo = both
    direct = assert_edges_match_claims(neo)
    assert ("isis", "ESCAPES_FROM", "sina-prison") in direct
    assert f"{SEED_ID}#c41" not in direct[("isis", "ESCAPES_FROM", "sina-prison")]["claim_ids"]  # the denial


def test_direct_edges_follow_merges_splits_edits_and_deletes(both: tuple[EmbeddedStore, Neo4jStore],
                                                              tmp_path: Path) -> None:
    _, neo = both
    before = graph_dump(neo)
    record = neo.merge_actors("sdf", "hat-forces")
    direct = assert_edges_match_claims(neo)
    assert ("sdf", "PART_OF", "sdf") in direct and not any("hat-forces" in k for k in direct)
    neo.unmerge_actors(record)
    assert graph_dump(neo) == before
    edited = small_article("small-one")
    edited["claims"][1]["polarity"] = "denied"  # sdf supported-by coalition: now denied here
    ingest_paths([write_article(tmp_path / "edit", edited)], neo)
    direct = assert_edges_match_claims(neo)
    assert "small-one#c2" not in direct[("sdf", "SUPPORTED_BY", "international-coalition")]["claim_ids"]
    assert neo.delete_article(SEED_ID)
    assert_edges_match_claims(neo)


def test_loading_twice_changes_nothing(both: tuple[EmbeddedStore, Neo4jStore], tmp_path: Path) -> None:
    embedded, neo = both
    before = graph_dump(neo)
    assert len(before[0]) > 100 and len(before[1]) > 100
    ingest_paths([SEED_ARTICLE], neo)
    assert graph_dump(neo) == before
    report = copy_store(embedded, neo)
    assert (report.articles, report.claims) == (3, len(embedded.claims()))
    assert graph_dump(neo) == before
    small_batches = Neo4jStore(neo.driver, neo.database, batch_size=3, owns_driver=False, ensure_schema=False)
    copy_store(embedded, small_batches, articles_per_write=1)
    assert graph_dump(neo) == before


def test_copy_into_an_empty_neo4j_gives_the_same_graph_as_ingesting(
        both: tuple[EmbeddedStore, Neo4jStore]) -> None:
    embedded, neo = both
    ingested = graph_dump(neo)
    neo.clear()
    assert graph_dump(neo) == ([], [])
    copy_store(embedded, neo)
    assert graph_dump(neo) == ingested
    assert neo.claims(ClaimFilter(polarities=())) == embedded.claims(ClaimFilter(polarities=()))


def test_editing_an_article_replaces_its_claims_and_their_edges(empty_neo4j_store: Neo4jStore, tmp_path: Path) -> None:
    store = empty_neo4j_store
    data = small_article()
    path = write_article(tmp_path / "a", data)
    ingest_paths([path], store)
    first = graph_dump(store)[1]
    assert any('"iraq", "ACCUSES", "isis"' in r for r in first)
    data["claims"].pop(0)
    write_article(tmp_path / "a", data)
    report = ingest_paths([path], store)
    assert report.ok
    rels = graph_dump(store)[1]
    assert not any('"ACCUSES"' in r for r in rels)
    assert [r for r in rels if "claim_ids" in r] == [
        '["sdf", "SUPPORTED_BY", "international-coalition", {"articles": 1, "asserted": 1, "claim_ids": '
        '["test-article#c2"], "claims": 1, "contested": false, "count": 1, "denied": 0, "first": "2022-01-21", '
        '"last": "2022-01-21", "predicate": "supported-by", "sources": 1, "weight": 0.6}]']
    assert [c.id for c in store.claims(ClaimFilter(polarities=()))] == ["test-article#c2"]
    assert store.delete_article("test-article")
    assert [r for r in graph_dump(store)[1] if "claim_ids" in r] == []


def test_a_claim_about_an_unknown_actor_writes_nothing(empty_neo4j_store: Neo4jStore) -> None:
    store = empty_neo4j_store
    ingest_paths([SEED_ARTICLE], store)
    before = graph_dump(store)
    article = store.get_article(SEED_ID)
    assert article is not None
    bad = Claim("new#c1", "new", "nobody-at-all", "accuses", "isis", Span(0, 1, article.text[0]))
    with pytest.raises(StoreError, match="claim new#c1 refers to unknown actor 'nobody-at-all'"):
        store.write_documents([Document(Article(id="new", title="t", text=article.text), (bad,))])
    assert graph_dump(store) == before


def test_hostile_names_and_parameters_stay_values(both: tuple[EmbeddedStore, Neo4jStore]) -> None:
    _, neo = both
    before = graph_dump(neo)
    actor = neo.get_actor("hostile-actor")
    assert actor is not None
    assert actor.labels == {"en": HOSTILE[0], "ar": "`X`"} and list(actor.aliases) == HOSTILE[1:]
    assert neo.get_article("hostile-article").title == "`X` '}) DETACH DELETE n //"  # type: ignore[union-attr]
    for text in HOSTILE:
        findable = bool(search_keys(text))  # "`X`" has no matching key at all: nothing to find
        assert [a.id for a in neo.search_actors(text)][:1] == (["hostile-actor"] if findable else []), text
        for name in ("who-accuses", "ego"):
            if findable:
                params = typed_params(neo, name, {"actor": text})
                assert params["actor"] == "hostile-actor"
                run_catalog_query(neo, name, params)
            else:
                with pytest.raises(ConsoleError, match=r"^--param actor: no actor matches"):
                    typed_params(neo, name, {"actor": text})
        params = typed_params(neo, "article-claims", {"article": text})
        assert run_catalog_query(neo, "article-claims", params).rows == ()
        with pytest.raises(ConsoleError, match=r"--param relation: unknown relation"):
            typed_params(neo, "evidence", {"a": "hostile-actor", "b": "isis", "relation": text})
        with pytest.raises(KeyError, match="unknown relation"):
            neo.vocabulary.relationship_type(text)  # the gate `writer.update_edges` sends every predicate through
    accusers = run_catalog_query(neo, "who-accuses", typed_params(neo, "who-accuses", {"actor": "isis"}))
    assert ("hostile-actor", "hostile-article") in {(r[0], r[5]) for r in accusers.rows}
    found = run_cypher(neo, "MATCH (a:Actor) WHERE a.name_en = $name RETURN a.id, a.aliases",
                       params={"name": HOSTILE[0]})
    assert found.rows == (("hostile-actor", HOSTILE[1:]),)
    assert graph_dump(neo) == before


def test_a_hostile_relation_name_in_an_article_is_refused_by_the_vocabulary(
        empty_neo4j_store: Neo4jStore, tmp_path: Path) -> None:
    store = empty_neo4j_store
    ingest_paths([SEED_ARTICLE], store)
    before = graph_dump(store)
    data = small_article("bad-relation")
    data["claims"][0]["predicate"] = "ACCUSES]->(x) DETACH DELETE x //"
    report = ingest_paths([write_article(tmp_path / "bad", data)], store)
    assert [e.problem for e in report.errors] == ["unknown relation 'ACCUSES]->(x) DETACH DELETE x //'"]
    assert graph_dump(store) == before
    with pytest.raises(KeyError):
        default_vocabulary().relationship_type("`X`")


def test_catalog_evidence_shows_the_article_and_sentence_behind_an_edge(both: tuple[EmbeddedStore, Neo4jStore]) -> None:
    embedded, neo = both
    result = run_catalog_query(neo, "evidence", typed_params(neo, "evidence", {
        "a": "قسد", "b": "international-coalition", "relation": "SupportedBy"}))
    rows = [dict(zip(result.columns, r, strict=True)) for r in result.rows]
    claims = embedded.claims(subject="sdf", predicate="supported-by", object="international-coalition")
    assert [(r["subject"], r["edge"], r["object"], r["claim"], r["article"], r["sentence"]) for r in rows] == [
        ("sdf", "SUPPORTED_BY", "international-coalition", c.id, c.article_id, c.evidence.text) for c in claims]
    assert {r["article"] for r in rows} == {SEED_ID, "small-one"}


def test_catalog_queries_answer_from_the_direct_edges(both: tuple[EmbeddedStore, Neo4jStore]) -> None:
    embedded, neo = both
    supporters = run_catalog_query(neo, "who-supports", typed_params(neo, "who-supports", {"actor": "sdf"}))
    assert {r[0] for r in supporters.rows} == {l.subject for l in embedded.links("supports", object="sdf")}
    paths = run_catalog_query(neo, "paths", typed_params(neo, "paths", {"a": "iraq", "b": "international-coalition",
                                                                        "k": "2"}))
    expected = {p.actors for p in embedded.paths("iraq", "international-coalition", 2)}
    assert {tuple(r[1]) for r in paths.rows} == expected
    contested = run_catalog_query(neo, "contested", typed_params(neo, "contested", {}))
    assert {(r[0], r[1], r[2], r[4]) for r in contested.rows} == {
        ("isis", "escapes-from", "sina-prison", f"{SEED_ID}#c41")}
    central = run_catalog_query(neo, "central", typed_params(neo, "central", {"limit": "1"}))
    assert central.rows[0][0] == "isis"
    ego = run_catalog_query(neo, "ego", typed_params(neo, "ego", {"actor": "sdf"}))
    ego_actors = {r[0] for r in ego.rows} | {r[2] for r in ego.rows}
    assert ego_actors == embedded.neighbourhood("sdf", 1).actor_ids()
    with pytest.raises(ConsoleError, match="must be between 1 and 6, got 7"):
        typed_params(neo, "paths", {"a": "iraq", "b": "isis", "k": "7"})
    with pytest.raises(ConsoleError, match="has no parameter 'actr'"):
        typed_params(neo, "ego", {"actr": "sdf"})


def test_the_console_refuses_writes_and_stops_long_queries(both: tuple[EmbeddedStore, Neo4jStore]) -> None:
    _, neo = both
    before = graph_dump(neo)
    for text in ("CREATE (n)", "MATCH (n) DETACH DELETE n", "MATCH (a:Actor) SET a.name_en = 'x'",
                 "CREATE INDEX x FOR (n:Actor) ON (n.type)", "CALL db.createLabel('Evil')"):
        with pytest.raises(ConsoleError, match=r"^the cypher console is read-only"):
            run_cypher(neo, text)
    assert graph_dump(neo) == before
    many = run_cypher(neo, "MATCH (a:Actor) RETURN a.id ORDER BY a.id", limit=3)
    assert many.truncated and [r[0] for r in many.rows] == [a.id for a in neo.actors()[:3]]
    with pytest.raises(ConsoleError, match=r"^the query ran longer than 0.5s and was stopped"):
        run_cypher(neo, "UNWIND range(1, 10000000000) AS x RETURN count(x)", timeout=0.5)
    for url in ("file:///etc/passwd", "http://169.254.169.254/latest/meta-data/"):
        with pytest.raises(ConsoleError, match=r"^the cypher console is read-only and reads the graph only: LOAD CSV"):
            run_cypher(neo, f"LOAD CSV FROM '{url}' AS row RETURN row LIMIT 1")
        with pytest.raises(ConsoleError, match="LOAD CSV is refused"):
            run_cypher(neo, f"MATCH (a:Actor) WITH a LIMIT 1 CALL {{ LOAD CSV FROM '{url}' AS row RETURN row }} "
                            "RETURN row")


def test_bad_credentials_give_one_clear_line(neo4j_settings: Neo4jSettings) -> None:
    wrong = Neo4jSettings(neo4j_settings.uri, neo4j_settings.user, "not-the-password", neo4j_settings.database)
    with pytest.raises(StoreError, match=rf"^Neo4j at {neo4j_settings.uri} rejected user 'neo4j'"):
        open_neo4j_store(wrong)
    with pytest.raises(StoreError, match=r"^cannot reach Neo4j at bolt://127.0.0.1:9"):
        open_neo4j_store(Neo4jSettings("bolt://127.0.0.1:9", "neo4j", "x"))


def test_kept_summaries_follow_writes_across_groups_hubs_self_loops_denials_and_edits(
        empty_neo4j_store: Neo4jStore, tmp_path: Path) -> None:
    """The summaries the loader keeps on the direct edges (summed from each pair's less busy end,
    set with the claim ids in one statement) equal the embedded store's, summed from the claims,
    after every step: groups of a few claims, a hub in most pairs, a self-loop, a later denial of
    an asserted relation (contested, weight), its other spelling, an edited and a deleted article."""
    from actorgraph.graph.model import Actor

    neo = empty_neo4j_store
    neo.batch_size = 3  # several groups, each touching pairs written by the previous ones
    embedded = EmbeddedStore(tmp_path / "kept.msgpack")
    actors = [Actor("hub", "State", {"en": "Hub"})] + [Actor(f"x{i}", "ArmedGroup", {"en": f"X{i}"}) for i in range(4)]

    def doc(article_id: str, publisher: str, *claims: tuple[str, str, str, str]) -> Document:
        text = "A hit B."
        return Document(Article(article_id, "t", text, publisher=publisher, published="2022-01-2" + article_id[-1]),
                        tuple(Claim(f"{article_id}#c{k}", article_id, s, p, o, Span(0, len(text), text), polarity=pol)
                              for k, (s, p, o, pol) in enumerate(claims)))

    steps = [
        [doc("a1", "p1", ("hub", "supports", "x0", "asserted"), ("x1", "attacks", "hub", "asserted"),
             ("x2", "attacks", "x2", "asserted")),
         doc("a2", "p2", ("hub", "supports", "x0", "asserted"), ("x3", "attacks", "hub", "asserted")),
         doc("a3", "", ("hub", "supports", "x1", "asserted"), ("x2", "attacks", "x2", "asserted"),
             ("x1", "attacks", "x3", "asserted"))],  # a pair whose first actor is the less busy end
        [doc("a4", "p1", ("hub", "supports", "x0", "denied"), ("x0", "supported-by", "hub", "asserted"))],
        [doc("a2", "p3", ("x3", "attacks", "hub", "asserted"), ("x3", "attacks", "hub", "asserted"))],
    ]
    for store in (embedded, neo):
        store.upsert_actors(actors)
    for documents in steps:
        for store in (embedded, neo):
            store.write_documents(documents)
        assert neo.edge_summaries() == embedded.edge_summaries()
        if documents is steps[1]:  # the denial: both spellings of hub -> x0 contested
            assert {e.triple for e in neo.edge_summaries() if e.contested} == {
                ("hub", "supports", "x0"), ("x0", "supported-by", "hub")}
    for store in (embedded, neo):
        store.delete_article("a4")
    assert neo.edge_summaries() == embedded.edge_summaries()
    contested = [e for e in neo.edge_summaries() if e.contested]
    assert contested == [] and any(e.triple == ("x2", "attacks", "x2") for e in neo.edge_summaries())
