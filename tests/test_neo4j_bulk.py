"""The bulk path (`neo4j-admin database import full` from CSVs) builds the very graph the loader does.

A second, throw-away local server is bulk-imported from an embedded store holding the seed, an
edited small article and a hostile one; its full dump (every node, relationship and property)
must equal the dump of the shared server loaded by the transactional loader, and every Store
read must answer as the embedded store does.
"""
from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest

from actorgraph.graph.config import Neo4jSettings, cache_home
from actorgraph.graph.embedded import EmbeddedStore
from actorgraph.graph.errors import StoreError
from actorgraph.graph.model import Actor, Article, Claim, Document, Mention, Span
from actorgraph.graph.neo4j import server as neo4j_server
from actorgraph.graph.neo4j.bulk import ARRAY_DELIMITER, bulk_import_local, write_bulk_csvs
from actorgraph.graph.neo4j.connect import open_neo4j_store
from actorgraph.graph.neo4j.store import Neo4jStore, graph_dump
from actorgraph.graph.vocabulary import default_vocabulary
from tests.conftest import SEED_ARTICLE, _free_port
from tests.test_neo4j_cli import ok, run
from tests.test_neo4j_store import assert_reads_equal, both  # noqa: F401 - `both` is a fixture


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def test_bulk_csvs_have_the_import_headers_and_exact_rows(tmp_path: Path) -> None:
    text = 'قال "الدواعش"\nسطر ثان'
    actors = [Actor("a", "ArmedGroup", {"ar": "أ", "en": "A"}, aliases=("A; one", "x")),
              Actor("b", "State", {"en": "B"})]
    article = Article("art", "t", text, publisher="p", published="2022-01-21")
    claims = [Claim("art#c1", "art", "a", "attacks", "b", Span(0, 3, text[:3]), claimant="a"),
              Claim("art#c2", "art", "a", "attacks", "b", Span(0, 3, text[:3])),
              Claim("art#c3", "art", "b", "attacks", "a", Span(0, 3, text[:3]), polarity="denied", claimant="zz")]
    files = write_bulk_csvs(actors, [article], claims, [], tmp_path, default_vocabulary())
    rows = read_csv(tmp_path / "actors.csv")
    assert rows[0] == ["id:ID(Actor)", "type", "name_en", "name_ar", "labels_json", "aliases:string[]", "wikidata",
                       "parent", "description", "origin", "roles_json", "name_keys:string[]", ":LABEL"]
    assert rows[1][:6] == ["a", "ArmedGroup", "A", "أ", '{"ar": "أ", "en": "A"}', f"A; one{ARRAY_DELIMITER}x"]
    assert rows[2][5] == "" and rows[1][-1] == "Actor"
    articles = read_csv(tmp_path / "articles.csv")
    assert articles[1][articles[0].index("text")] == text  # quotes and the newline survive
    assert read_csv(tmp_path / "claim_claimed_by.csv") == [
        [":START_ID(Claim)", ":END_ID(Actor)", ":TYPE"], ["art#c1", "a", "CLAIMED_BY"]]  # zz is no actor
    assert read_csv(tmp_path / "direct_edges.csv") == [
        [":START_ID(Actor)", ":END_ID(Actor)", ":TYPE", "claim_ids:string[]", "count:long"],
        ["a", "b", "ATTACKS", f"art#c1{ARRAY_DELIMITER}art#c2", "2"]]  # the denied claim makes no edge
    assert (files.node_count, files.relationship_count) == (2 + 1 + 3, 3 * 3 + 1 + 1)


def test_bulk_direct_edges_carry_the_summaries_of_the_source_store(tmp_path: Path) -> None:
    """With the source's summaries, each direct edge row ends in its summary (what the loader keeps),
    so the first open has nothing to sum; summaries out of step with the asserted claims are refused."""
    text = "A hit B."
    actors = [Actor("a", "ArmedGroup", {"en": "A"}), Actor("b", "State", {"en": "B"})]
    article = Article("art", "t", text, publisher="p", published="2022-01-21")
    claims = [Claim("art#c1", "art", "a", "attacks", "b", Span(0, 8, text)),
              Claim("art#c2", "art", "a", "attacks", "b", Span(0, 8, text), polarity="denied", claimant="b")]
    source = EmbeddedStore(None)
    source.upsert_actors(actors)
    source.write_documents([Document(article, tuple(claims))])
    summaries = source.edge_summaries()
    write_bulk_csvs(actors, [article], claims, [], tmp_path, default_vocabulary(), summaries)
    header, edge = read_csv(tmp_path / "direct_edges.csv")
    assert header[3:] == ["claim_ids:string[]", "count:long", "predicate", "claims:long", "asserted:long",
                          "denied:long", "sources:long", "articles:long", "first", "last", "contested:boolean",
                          "weight:double"]
    (summary,) = summaries
    assert edge == ["a", "b", "ATTACKS", "art#c1", "1", "attacks", "1", "1", "0", "1", "1", "2022-01-21",
                    "2022-01-21", "true", repr(summary.weight)]  # contested: the denial of the same relation
    with pytest.raises(StoreError, match="do not match"):
        write_bulk_csvs(actors, [article], claims[1:], [], tmp_path / "again", default_vocabulary(), summaries)


def test_bulk_mentions_are_one_mentioned_in_row_per_actor_and_article(tmp_path: Path) -> None:
    """Mentions group per (actor, article), spans in reading order; an unknown actor's stay on the article."""
    text = "A met B, then A left."
    actors = [Actor("a", "Person", {"en": "A"}), Actor("b", "Person", {"en": "B"})]
    article = Article("art", "t", text)
    mentions = [Mention("art#m3", "art", "a", Span(14, 15, "A")), Mention("art#m1", "art", "a", Span(0, 1, "A")),
                Mention("art#m2", "art", "b", Span(6, 7, "B"), "exact-alias"),
                Mention("art#m4", "art", "ghost", Span(20, 21, "."), origin="extracted"),
                Mention("other#m1", "other", "a", Span(0, 1, "A"))]  # no such article: left out
    files = write_bulk_csvs(actors, [article], [], mentions, tmp_path, default_vocabulary())
    d = ARRAY_DELIMITER
    assert read_csv(tmp_path / "mentioned_in.csv") == [
        [":START_ID(Actor)", ":END_ID(Article)", ":TYPE", "ids:string[]", "starts:long[]", "ends:long[]",
         "texts:string[]", "resolutions:string[]", "origins:string[]"],
        ["a", "art", "MENTIONED_IN", f"art#m1{d}art#m3", f"0{d}14", f"1{d}15", f"A{d}A", f"explicit{d}explicit",
         f"annotated{d}annotated"],
        ["b", "art", "MENTIONED_IN", "art#m2", "6", "7", "B", "exact-alias", "annotated"]]
    rows = read_csv(tmp_path / "articles.csv")
    record = dict(zip(rows[0], rows[1], strict=True))
    assert record["unlinked_mentions:long"] == "1"
    assert json.loads(record["unlinked_mentions_json"]) == [
        {"id": "art#m4", "article_id": "art", "actor_id": "ghost", "start": 20, "end": 21, "text": ".",
         "resolution": "explicit", "origin": "extracted"}]
    assert (files.node_count, files.relationship_count) == (2 + 1, 2)


@pytest.fixture
def bulk_server(tmp_path_factory: pytest.TempPathFactory, neo4j_settings):
    """A second local server of our own (the import stops and replaces its database)."""
    if not (cache_home() / f"neo4j-community-{neo4j_server.NEO4J_VERSION}" / ".complete").is_file():
        pytest.skip("Neo4j jars not cached")
    home = tmp_path_factory.mktemp("bulk-neo4j")
    neo4j_server.start(home, bolt_port=_free_port(), http_port=_free_port(), cache_dir=cache_home(), heap="384m")
    try:
        yield home
    finally:
        neo4j_server.stop(home)


@pytest.mark.neo4j
def test_bulk_import_gives_the_graph_the_loader_gives(both: tuple[EmbeddedStore, Neo4jStore], bulk_server: Path,
                                                       tmp_path: Path) -> None:
    embedded, loaded = both
    report = bulk_import_local(bulk_server, embedded, default_vocabulary(), tmp_path / "csv",
                               cache_dir=cache_home(), heap="384m")
    info = neo4j_server.status(bulk_server)
    assert info is not None
    bulk = open_neo4j_store(Neo4jSettings(info.uri, info.user, info.password or ""))
    try:
        nodes, relationships = graph_dump(bulk)
        want_nodes, want_relationships = graph_dump(loaded)
        assert (nodes, relationships) == (want_nodes, want_relationships)
        assert (report.nodes, report.relationships) == (len(nodes), len(relationships))
        assert report.claims == len(embedded.claims())
        assert_reads_equal(bulk, embedded)
        constraints = {r["name"] for r in bulk._read("SHOW CONSTRAINTS YIELD name RETURN name")}
        assert {"actorgraph_actor_id", "actorgraph_claim_id"} <= constraints
    finally:
        bulk.close()



@pytest.mark.neo4j
def test_bulk_import_command_replaces_the_local_database(isolated_home: Path, neo4j_settings) -> None:
    env = {**os.environ, "ACTORGRAPH_HOME": str(isolated_home), "NEO4J_BOLT_PORT": str(_free_port()),
           "NEO4J_HTTP_PORT": str(_free_port())}
    env.pop("NEO4J_URI", None)
    ok(env, "ingest", str(SEED_ARTICLE), "--json")
    first = run(env, "neo4j", "bulk-import")
    home = (isolated_home / "neo4j").resolve()
    assert (first.returncode, first.stderr.strip()) == (
        1, f"error: no local Neo4j server in {home} yet: run `actorgraph neo4j start` once first")
    try:
        ok(env, "neo4j", "start", "--heap", "384m")
        report = json.loads(ok(env, "neo4j", "bulk-import", "--json").stdout)
        assert report["claims"] == 41
        in_neo4j = json.loads(ok(env, "stats", "--neo4j", "--json").stdout)
        embedded = json.loads(ok(env, "stats", "--json").stdout)
        assert in_neo4j == {**embedded, "backend": "neo4j"}
    finally:
        run(env, "neo4j", "stop")
