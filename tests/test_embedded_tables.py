"""The embedded store's lazy loading: mentions decoded on first use, traversal graphs built on
first use (straight into networkx's dicts), and a save before either keeps the file whole."""
from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from actorgraph.graph.embedded import EmbeddedStore
from actorgraph.graph.model import Actor, Article, Claim, Document, Span
from actorgraph.ingest.pipeline import ingest_paths
from tests.articles import small_article, variant


def claim(cid: str, subject: str, obj: str, polarity: str = "asserted") -> Claim:
    return Claim(cid, "a1", subject, "fights", obj, Span(0, 1, "x"), polarity=polarity)


def test_built_graphs_equal_those_add_edge_builds() -> None:
    store = EmbeddedStore()
    actors = [Actor(a, "ArmedGroup", {"en": a.upper()}) for a in ("a", "b", "c", "lonely")]
    claims = [claim("a1#c1", "a", "b"), claim("a1#c2", "b", "a", "denied"), claim("a1#c3", "a", "b"),
              claim("a1#c4", "c", "c"), claim("a1#c5", "c", "a", "negated")]
    store.write_documents([Document(Article("a1", "t", "x"), tuple(claims), (), tuple(actors))])
    graph, pairs = store._build_traversal()
    expected_graph, expected_pairs = nx.MultiDiGraph(), nx.Graph()
    for actor in actors:
        expected_graph.add_node(actor.id)
        expected_pairs.add_node(actor.id)
    for c in claims:
        expected_graph.add_edge(c.subject, c.object, key=c.id)
    # a-b: c1, c2 (denied), c3 -> 2 asserted; a-c: c5 (negated) -> 0; the loop c-c is no pair
    expected_pairs.add_edge("a", "b", asserted=2)
    expected_pairs.add_edge("a", "c", asserted=0)
    assert list(graph.edges(keys=True)) == list(expected_graph.edges(keys=True))
    assert list(graph.in_edges("a", keys=True)) == [("b", "a", "a1#c2"), ("c", "a", "a1#c5")]
    assert dict(graph.adj) == dict(expected_graph.adj) and dict(graph.pred) == dict(expected_graph.pred)
    assert list(pairs.edges(data=True)) == list(expected_pairs.edges(data=True))
    assert sorted(pairs.nodes) == ["a", "b", "c", "lonely"] and graph.degree("lonely") == 0


def seeded(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("one", "two"):
        (folder / f"{name}.json").write_text(json.dumps(variant(small_article(name), title=name), ensure_ascii=False),
                                             encoding="utf-8")
    ingest_paths([folder], EmbeddedStore(tmp_path / "graph.msgpack"))
    return tmp_path / "graph.msgpack"


def test_a_save_before_the_mentions_are_read_keeps_them(tmp_path: Path) -> None:
    path = seeded(tmp_path)
    before = EmbeddedStore(path).mentions()
    assert len(before) == 8  # 4 per article
    store = EmbeddedStore(path)
    assert store._raw_mentions is not None  # not decoded by the load
    store.delete_article("two")  # drops two's mentions (decodes them first)
    assert [m.article_id for m in EmbeddedStore(path).mentions()] == ["one"] * 4
    store = EmbeddedStore(path)
    store.upsert_actors([Actor("new-actor", "Person", {"en": "New"})])  # a save with the raw section
    assert store._raw_mentions is not None
    assert EmbeddedStore(path).mentions() == [m for m in before if m.article_id == "one"]


def test_writes_before_the_graphs_are_built_are_in_them(tmp_path: Path) -> None:
    path = seeded(tmp_path)
    store = EmbeddedStore(path)
    assert store._traversal is None
    store.delete_article("two")
    assert store._traversal is None
    around = store.neighbourhood("sdf")
    assert [a.id for a in around.actors] == ["international-coalition", "sdf"]
    assert [c.id for c in around.claims] == ["one#c2"]
    store.delete_article("one")  # now built: the write updates them in place
    assert store._traversal is not None and store.neighbourhood("sdf").claims == ()


def test_a_malformed_mentions_section_is_a_clear_error_when_first_read(tmp_path: Path) -> None:
    import msgspec
    import pytest

    from actorgraph.graph.errors import StoreError
    from actorgraph.graph.store_file import LazyRecords, read_store_file, write_store_file

    path = seeded(tmp_path)
    records, _ = read_store_file(path)
    broken = msgspec.Raw(msgspec.msgpack.encode([{"id": "one#m1", "article_id": "one"}]))  # no actor, no span
    write_store_file(path, LazyRecords(records.actors, records.articles, broken, records.claims))
    store = EmbeddedStore(path)  # the load does not read the mentions
    assert len(store.claims()) == 4
    for _ in range(2):  # and the error stays the same error, nothing half-decoded is kept
        with pytest.raises(StoreError, match=r"graph\.msgpack: cannot open the embedded store: Object missing"):
            store.mentions()
