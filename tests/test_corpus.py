"""The annotated corpus in data/articles: every article loads cleanly, records where its text comes
from, and is internally consistent, so that it can serve as gold data for `evaluate`.

The expected numbers are computed from the files themselves (the corpus grows), never typed."""
from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from rdflib import Graph

from actorgraph.graph.embedded import EmbeddedStore
from actorgraph.graph.rdf.validate import validate_graph
from actorgraph.ingest.pipeline import ingest_paths
from tests.conftest import SEED_ARTICLE, SEED_DIR
from tests.rdf_seed import export_text

ARTICLE_FILES = sorted(SEED_DIR.glob("*.json"))
COPIED = [path for path in ARTICLE_FILES if path != SEED_ARTICLE]


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def corpus_store() -> EmbeddedStore:
    store = EmbeddedStore(None)
    report = ingest_paths([SEED_DIR], store)
    assert (report.errors, report.warnings) == ([], [])
    assert report.articles == len(ARTICLE_FILES)
    assert report.claims == sum(len(load(path)["claims"]) for path in ARTICLE_FILES)
    return store


def test_the_corpus_holds_the_seed_and_copied_articles_in_two_languages() -> None:
    assert SEED_ARTICLE in ARTICLE_FILES
    languages = {load(path)["language"] for path in ARTICLE_FILES}
    assert {"ar", "en"} <= languages


def test_every_article_ingests_without_errors_or_warnings(corpus_store: EmbeddedStore) -> None:
    assert sorted(a.id for a in corpus_store.articles()) == sorted(load(path)["id"] for path in ARTICLE_FILES)


@pytest.mark.parametrize("path", COPIED, ids=lambda p: p.stem)
def test_every_copied_article_records_source_licence_and_how_it_was_obtained(path: Path) -> None:
    data = load(path)
    assert data["id"] == path.stem
    for key in ("url", "publisher", "published", "license", "obtained"):
        assert isinstance(data.get(key), str) and data[key].strip(), f"{path.name}: {key} missing"
    # The text opens with the headline when the copied page held it; a copy without it (the Arabic State
    # Department pages) says in `obtained` where its title comes from.
    assert data["text"].startswith(data["title"]) or "title" in data["obtained"]


@pytest.mark.parametrize("path", ARTICLE_FILES, ids=lambda p: p.stem)
def test_claims_name_actors_the_article_mentions(path: Path) -> None:
    """Gold claims link actors the text names: a subject, object or claimant with no mention in the
    article is an annotation slip (a wrong id or a forgotten mention)."""
    data = load(path)
    mentioned = {m["actor"] for m in data["mentions"]}
    named = {who for c in data["claims"] for who in (c["subject"], c["object"], c.get("claimant")) if who}
    assert named - mentioned == set()


@pytest.mark.parametrize("path", ARTICLE_FILES, ids=lambda p: p.stem)
def test_mentions_are_ordered_and_never_overlap(path: Path) -> None:
    mentions = load(path)["mentions"]
    assert all(a["end"] <= b["start"] for a, b in itertools.pairwise(mentions))


def test_the_corpus_exports_to_rdf_that_passes_shacl(corpus_store: EmbeddedStore) -> None:
    graph = Graph().parse(data=export_text(corpus_store, "ttl"), format="turtle")
    report = validate_graph(graph)
    assert (report.conforms, report.lines()) == (True, [])
