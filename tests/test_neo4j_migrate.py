"""A Neo4j store written by the previous version (a `:Mention` node per mention) is upgraded on open.

The old shape is written here with the old loader's own Cypher (copied from graph/neo4j/queries.py
before this version), next to claims written by the current loader; opening a store must move
every mention into `MENTIONED_IN` groups in batches, leave no Mention node, keep the article
digests (an unchanged reload stays a skip), and a second open must change nothing.
"""
from __future__ import annotations

import pytest

from actorgraph.graph.model import Actor, Article, Claim, Document, Mention, Span
from actorgraph.graph.neo4j.migrate import _upgrade_articles
from actorgraph.graph.neo4j.rows import mention_row
from actorgraph.graph.neo4j.store import Neo4jStore, graph_dump
from actorgraph.graph.neo4j.writer import DocumentRows

pytestmark = pytest.mark.neo4j

#: The previous version's statements, verbatim: mention nodes, their index and constraint.
OLD_SCHEMA = (
    "CREATE CONSTRAINT actorgraph_mention_id IF NOT EXISTS FOR (m:Mention) REQUIRE m.id IS UNIQUE",
    "CREATE INDEX actorgraph_mention_actor IF NOT EXISTS FOR (m:Mention) ON (m.actor_id)",
)
OLD_CREATE_MENTIONS = """
UNWIND $rows AS row
MATCH (article:Article {id: row.article_id})
CREATE (m:Mention)-[:IN_ARTICLE]->(article)
SET m = row
WITH m, row
MATCH (a:Actor {id: row.actor_id})
CREATE (m)-[:REFERS_TO]->(a)
"""
TEXT = "SDF said ISIS attacked the prison; the SDF and the coalition answered."


def _span(text: str, start: int = 0) -> Span:
    begin = TEXT.index(text, start)
    return Span(begin, begin + len(text), text)


def documents() -> list[Document]:
    """Three articles; a1 mentions sdf twice (one MENTIONED_IN group of two) and `ghost`, an actor
    the graph does not hold (kept on the article); a3 has no mention at all."""
    docs = []
    for n in (1, 2, 3):
        article = Article(f"a{n}", f"t{n}", TEXT, publisher="p", published="2022-01-21")
        claims = (Claim(f"a{n}#c1", f"a{n}", "sdf", "accuses", "isis", _span(TEXT)),)
        docs.append(Document(article, claims))
    return docs


def old_mentions() -> list[Mention]:
    return [Mention("a1#m1", "a1", "sdf", _span("SDF")),
            Mention("a1#m2", "a1", "sdf", _span("SDF", 5), "exact-alias"),
            Mention("a1#m3", "a1", "isis", _span("ISIS"), origin="extracted"),
            Mention("a1#m4", "a1", "ghost", _span("coalition")),
            Mention("a2#m1", "a2", "isis", _span("ISIS"))]


def with_mentions() -> list[Document]:
    return [Document(d.article, d.claims, tuple(m for m in old_mentions() if m.article_id == d.article.id))
            for d in documents()]


def write_old_store(store: Neo4jStore) -> None:
    """What the previous version left: actors, articles (with the digest of the same rows) and
    claims as today, mentions as Mention nodes (this version's groups removed, the old ones created)."""
    store.upsert_actors([Actor("sdf", "ArmedGroup", {"en": "SDF"}), Actor("isis", "ArmedGroup", {"en": "ISIS"})])
    store.write_documents(with_mentions())
    with store.session() as session:
        session.run("MATCH (:Actor)-[r:MENTIONED_IN]->(:Article) DELETE r").consume()
        session.run("MATCH (a:Article) REMOVE a.unlinked_mentions, a.unlinked_mentions_json").consume()
        for statement in OLD_SCHEMA:
            session.run(statement).consume()
        session.run(OLD_CREATE_MENTIONS, rows=[mention_row(m) for m in old_mentions()]).consume()
        assert session.run("MATCH (m:Mention) RETURN count(m) AS n").single(strict=True)["n"] == 5


def reopen(store: Neo4jStore) -> Neo4jStore:
    return Neo4jStore(store.driver, store.database, owns_driver=False, batch_size=store.batch_size)


def count(store: Neo4jStore, text: str) -> int:
    with store.session() as session:
        return int(session.run(text).single(strict=True)[0])


def test_an_old_store_is_upgraded_on_open_and_answers_as_before(empty_neo4j_store: Neo4jStore) -> None:
    write_old_store(empty_neo4j_store)
    store = reopen(empty_neo4j_store)
    expected = sorted(old_mentions(), key=lambda m: (m.article_id, m.span.start, m.id))
    assert store.mentions() == expected
    assert [m.id for m in expected] == ["a1#m1", "a1#m3", "a1#m2", "a1#m4", "a2#m1"]  # by (article, start, id)
    assert store.mentions(actor_id="sdf") == [expected[0], expected[2]]
    assert store.mentions(actor_id="ghost") == [expected[3]]
    assert store.mentions(article_id="a2") == [expected[4]]
    assert store.mentions(article_id="a1", actor_id="isis") == [expected[1]]
    assert store.stats().mentions == 5
    assert count(store, "MATCH (m:Mention) RETURN count(m)") == 0
    # a1: one group for sdf (two spans), one for isis; a2: one for isis; ghost stays on a1
    assert count(store, "MATCH (:Actor)-[r:MENTIONED_IN]->(:Article) RETURN count(r)") == 3
    assert count(store, "MATCH (:Actor {id: 'sdf'})-[r:MENTIONED_IN]->(:Article {id: 'a1'}) "
                        "RETURN size(r.ids)") == 2
    assert count(store, "SHOW CONSTRAINTS YIELD name WHERE name = 'actorgraph_mention_id' RETURN count(*)") == 0
    dump = graph_dump(store)
    assert graph_dump(reopen(store)) == dump  # opening again changes nothing
    # the digests survived: writing the same documents again is a skip (`write_group` compares them)
    with store.session() as session:
        stored = dict(session.run("MATCH (a:Article) RETURN a.id, a.digest").values())
    assert stored == {d.article.id: DocumentRows.of(d).digest for d in with_mentions()}
    store.write_documents(with_mentions())
    assert graph_dump(store) == dump


def test_an_interrupted_upgrade_resumes_where_it_stopped(empty_neo4j_store: Neo4jStore) -> None:
    write_old_store(empty_neo4j_store)
    with empty_neo4j_store.session() as session:  # one batch of one article, then "the process died"
        assert session.execute_write(_upgrade_articles, 1, 100) == 1
    assert count(empty_neo4j_store, "MATCH (m:Mention) RETURN count(m)") in (1, 4)  # a2's one or a1's four left
    store = reopen(empty_neo4j_store)
    assert store.mentions() == sorted(old_mentions(), key=lambda m: (m.article_id, m.span.start, m.id))
    assert count(store, "MATCH (m:Mention) RETURN count(m)") == 0


SUMMARY_PROPS = ("r.predicate, r.claims, r.asserted, r.denied, r.sources, r.articles, r.first, r.last, "
                 "r.contested, r.weight")


def test_direct_edges_written_without_summaries_get_them_on_open(empty_neo4j_store: Neo4jStore) -> None:
    """The previous version's direct edges held only `claim_ids` and `count`: opening the store
    gives them the summaries the default-filter reads use, equal to the ones the loader writes."""
    store = empty_neo4j_store
    store.upsert_actors([Actor("sdf", "ArmedGroup", {"en": "SDF"}), Actor("isis", "ArmedGroup", {"en": "ISIS"})])
    store.write_documents(documents())
    dump = graph_dump(store)
    expected = store.ego_edges("sdf")
    with store.session() as session:
        session.run(f"MATCH (:Actor)-[r]->(:Actor) WHERE r.claim_ids IS NOT NULL REMOVE {SUMMARY_PROPS}").consume()
    assert count(store, "MATCH (:Actor)-[r]->(:Actor) WHERE r.weight IS NOT NULL RETURN count(r)") == 0
    upgraded = reopen(store)
    assert graph_dump(upgraded) == dump
    assert upgraded.ego_edges("sdf") == expected
    assert expected.edges[0].claims == 3 and expected.edges[0].sources == 1 and expected.edges[0].articles == 3
