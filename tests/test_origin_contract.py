"""Origin of claims (annotated or extracted) on every store: kept, filtered, and annotated always wins.

The same tests run on the embedded store and on a real Neo4j (the `store` fixture), plus the
ingest pipeline (both versions of an article in one run) and the RDF export.
"""
from __future__ import annotations

import io
import json
from pathlib import Path

from actorgraph.graph.embedded import EmbeddedStore
from actorgraph.graph.exporters.registry import export as export_rdf
from actorgraph.graph.gazetteer import default_gazetteer
from actorgraph.graph.model import Article, Claim, Document, Mention, Span
from actorgraph.graph.store import ClaimFilter, Store
from actorgraph.ingest.pipeline import ingest_paths

TEXT = "The SDF said the International Coalition supported it."
ALL = ClaimFilter(polarities=())


def _span(quoted: str) -> Span:
    start = TEXT.index(quoted)
    return Span(start, start + len(quoted), quoted)


def document(article_id: str, origin: str, predicate: str = "supported-by") -> Document:
    """One article, one claim (sdf PREDICATE international-coalition), two mentions, all of `origin`."""
    article = Article(article_id, "A title", TEXT, "en", origin=origin)
    mentions = (Mention(f"{article_id}#m1", article_id, "sdf", _span("SDF"), "exact-alias", origin),
                Mention(f"{article_id}#m2", article_id, "international-coalition", _span("International Coalition"),
                        "exact-alias", origin))
    claim = Claim(f"{article_id}#c1", article_id, "sdf", predicate, "international-coalition", _span(TEXT[:-1]),
                  origin=origin)
    return Document(article, (claim,), mentions)


def _prepared(store: Store) -> Store:
    store.upsert_actors(default_gazetteer().actors.values())
    return store


def test_origin_is_kept_on_articles_claims_and_mentions(store: Store) -> None:
    _prepared(store).write_documents([document("a1", "extracted"), document("a2", "annotated")])
    assert {(c.article_id, c.origin) for c in store.claims(ALL)} == {("a1", "extracted"), ("a2", "annotated")}
    assert {(m.article_id, m.origin) for m in store.mentions()} == {("a1", "extracted"), ("a2", "annotated")}
    assert store.get_article("a1").origin == "extracted" and store.get_article("a2").origin == "annotated"


def test_origin_filter_on_claims_links_and_neighbourhood(store: Store) -> None:
    _prepared(store).write_documents([document("a1", "extracted"), document("a2", "annotated", "cooperates-with")])
    annotated, extracted = ClaimFilter(origins=("annotated",)), ClaimFilter(origins=("extracted",))
    assert [c.article_id for c in store.claims(annotated)] == ["a2"]
    assert [c.article_id for c in store.claims(extracted)] == ["a1"]
    assert [l.claim.article_id for l in store.links("supports", object="sdf", flt=extracted)] == ["a1"]
    assert store.links("supports", object="sdf", flt=annotated) == []
    ego = store.neighbourhood("sdf", flt=annotated)
    assert [c.predicate for c in ego.claims] == ["cooperates-with"]
    assert len(store.neighbourhood("sdf").claims) == 2  # no origin filter: both


def test_extracted_article_never_replaces_an_annotated_one(store: Store) -> None:
    _prepared(store).write_documents([document("same", "annotated")])
    report = store.write_documents([document("same", "extracted", "cooperates-with")])
    assert report.kept_annotated == ("same",) and report.articles == 0
    assert [(c.predicate, c.origin) for c in store.claims(ALL)] == [("supported-by", "annotated")]
    assert {m.origin for m in store.mentions()} == {"annotated"}
    assert store.get_article("same").origin == "annotated"


def test_annotated_article_replaces_an_extracted_one(store: Store) -> None:
    _prepared(store).write_documents([document("same", "extracted")])
    report = store.write_documents([document("same", "annotated", "cooperates-with")])
    assert report.kept_annotated == () and report.articles == 1
    assert [(c.predicate, c.origin) for c in store.claims(ALL)] == [("cooperates-with", "annotated")]
    assert store.get_article("same").origin == "annotated"


def test_extracted_replaces_extracted(store: Store) -> None:
    _prepared(store).write_documents([document("same", "extracted")])
    store.write_documents([document("same", "extracted", "cooperates-with")])
    assert [(c.predicate, c.origin) for c in store.claims(ALL)] == [("cooperates-with", "extracted")]


def _native(document_: Document) -> dict:
    article = document_.article
    data = {"id": article.id, "title": article.title, "language": "en", "text": article.text,
            "mentions": [{"id": m.id.split("#")[1], "actor": m.actor_id, "start": m.span.start, "end": m.span.end,
                          "text": m.span.text} for m in document_.mentions],
            "claims": [{"id": c.id.split("#")[1], "subject": c.subject, "predicate": c.predicate, "object": c.object,
                        "evidence": c.evidence.to_dict()} for c in document_.claims]}
    if article.origin == "extracted":
        data["origin"] = "extracted"
    return data


def test_ingest_keeps_the_annotated_version_whatever_the_file_order(tmp_path: Path) -> None:
    """Both versions in one run (one batch): the annotated one wins in either order."""
    for names in (("a.json", "b.json"), ("b.json", "a.json")):
        folder = tmp_path / "-".join(names)
        folder.mkdir()
        annotated, extracted = _native(document("same", "annotated")), _native(document("same", "extracted",
                                                                                          "cooperates-with"))
        (folder / names[0]).write_text(json.dumps(annotated), encoding="utf-8")
        (folder / names[1]).write_text(json.dumps(extracted), encoding="utf-8")
        store = EmbeddedStore(folder / "graph.msgpack")
        report = ingest_paths([folder], store)
        assert report.errors == []
        assert [(c.predicate, c.origin) for c in store.claims(ALL)] == [("supported-by", "annotated")]
        if names[0] == "a.json":  # the extracted one came second and was not loaded: said so
            assert any("annotated version is stored" in w for w in report.warnings)


def test_native_items_take_the_article_origin_unless_they_say(tmp_path: Path) -> None:
    data = _native(document("x", "extracted"))
    data["claims"][0]["origin"] = "annotated"  # a reviewer confirmed this one in the JSON
    path = tmp_path / "x.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    store = EmbeddedStore(tmp_path / "graph.msgpack")
    assert ingest_paths([path], store).errors == []
    assert [c.origin for c in store.claims(ALL)] == ["annotated"]
    assert {m.origin for m in store.mentions()} == {"extracted"}


def test_article_of_only_extracted_items_counts_as_extracted(tmp_path: Path) -> None:
    """An extractor's output without the top-level field still never replaces an annotated article."""
    data = _native(document("x", "annotated"))
    for item in data["mentions"] + data["claims"]:
        item["origin"] = "extracted"
    path = tmp_path / "x.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    store = EmbeddedStore(tmp_path / "graph.msgpack")
    ingest_paths([path], store)
    assert store.get_article("x").origin == "extracted"


def test_rdf_export_says_the_origin(tmp_path: Path) -> None:
    store = _prepared(EmbeddedStore(tmp_path / "graph.msgpack"))
    store.write_documents([document("a1", "extracted"), document("a2", "annotated")])
    out = io.StringIO()
    export_rdf(store, out, "nt")
    lines = out.getvalue().splitlines()
    origin = [line for line in lines if "#origin>" in line and "/claim/" in line.split(" ")[0]]
    assert len(origin) == 2
    assert sum('"extracted"' in line for line in origin) == 1 and sum('"annotated"' in line for line in origin) == 1
