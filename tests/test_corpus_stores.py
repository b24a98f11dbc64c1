"""The annotated corpus in data/articles reaches every place a reader sees it: the Neo4j store holds
exactly what the embedded store holds, and the explorer shows each article's evidence.

test_corpus.py covers validation, the embedded ingest and SHACL. Expected values here are read from the
article files themselves (the corpus grows), never typed."""
from __future__ import annotations

import html
import json
from pathlib import Path

import pytest

from actorgraph.explorer.view import edge_id
from actorgraph.graph.embedded import EmbeddedStore
from actorgraph.graph.store import ClaimFilter, Store
from actorgraph.ingest.pipeline import ingest_paths
from tests.conftest import SEED_DIR
from tests.test_explorer_app import app, html_bodies

ARTICLE_FILES = sorted(SEED_DIR.glob("*.json"))
ALL_POLARITIES = ClaimFilter(polarities=())


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def ingest_corpus(store: Store) -> None:
    report = ingest_paths([SEED_DIR], store)
    assert (report.errors, report.warnings) == ([], [])
    assert report.articles == len(ARTICLE_FILES)


def actor_rows(store: Store) -> list[tuple]:
    return sorted((a.id, a.type, tuple(sorted(a.labels.items())), tuple(sorted(a.aliases)), a.wikidata, a.parent,
                   a.description, a.origin) for a in store.actors())


def claim_rows(store: Store) -> list[tuple]:
    """Everything a claim carries: triple, voice, polarity, certainty, date and its evidence spans."""
    return sorted((c.id, c.article_id, c.subject, c.predicate, c.object, c.polarity, c.claimant, c.reported_via,
                   c.certainty, c.date, c.denies, c.evidence.to_dict(), tuple(s.to_dict() for s in c.spans))
                  for c in store.claims(ALL_POLARITIES))


def mention_rows(store: Store) -> list[tuple]:
    return sorted((m.article_id, m.id, m.span.start, m.span.end, m.span.text, m.actor_id, m.resolution)
                  for m in store.mentions())


def qualified(article_id: str, local_id: str | None) -> str | None:
    """A claim id as stores keep it: `<article id>#<local id>` (files write `denies` locally)."""
    return None if local_id is None or "#" in local_id else f"{article_id}#{local_id}"


def claim_rows_from_files() -> list[tuple]:
    """The claims as the annotators wrote them, in the shape of `claim_rows` (optional keys defaulted)."""
    rows = []
    for path in ARTICLE_FILES:
        data = load(path)
        for c in data["claims"]:
            rows.append((f'{data["id"]}#{c["id"]}', data["id"], c["subject"], c["predicate"], c["object"],
                         c.get("polarity", "asserted"), c.get("claimant"), tuple(c.get("reported_via", ())),
                         c.get("certainty", "certain"), c.get("date"), qualified(data["id"], c.get("denies")),
                         c["evidence"], tuple(c.get("spans", ()))))
    return sorted(rows, key=lambda row: row[0])


@pytest.mark.neo4j
def test_neo4j_holds_exactly_what_the_embedded_store_holds(empty_neo4j_store: Store) -> None:
    embedded = EmbeddedStore(None)
    ingest_corpus(embedded)
    ingest_corpus(empty_neo4j_store)
    neo4j = empty_neo4j_store

    assert sorted(a.to_dict().items() for a in neo4j.articles()) == sorted(
        a.to_dict().items() for a in embedded.articles())
    assert sorted(a.id for a in neo4j.articles()) == sorted(load(path)["id"] for path in ARTICLE_FILES)
    assert actor_rows(neo4j) == actor_rows(embedded)
    mentioned = {m["actor"] for path in ARTICLE_FILES for m in load(path)["mentions"]}
    assert mentioned <= {row[0] for row in actor_rows(neo4j)}
    assert mention_rows(neo4j) == mention_rows(embedded)
    assert len(mention_rows(neo4j)) == sum(len(load(path)["mentions"]) for path in ARTICLE_FILES)
    from_files = claim_rows_from_files()
    assert sorted(claim_rows(neo4j), key=lambda row: row[0]) == from_files
    assert claim_rows(neo4j) == claim_rows(embedded)


def corpus_claim(article_id: str, claim_id: str) -> tuple[dict, dict]:
    data = load(SEED_DIR / f"{article_id}.json")
    return data, next(c for c in data["claims"] if c["id"] == claim_id)


@pytest.fixture
def corpus_home(isolated_home: Path) -> EmbeddedStore:
    """The embedded store at the test's own ACTORGRAPH_HOME, holding the whole corpus."""
    from actorgraph.graph.config import embedded_store_path

    store = EmbeddedStore(embedded_store_path())
    ingest_corpus(store)
    return store


# One Arabic and one English article: the actor opened, and a claim of that article on one of its edges.
EVIDENCE_CASES = [
    ("state-2021-11-houthi-detention-us-yemeni-staff", "c3", "houthis", ' dir="rtl" lang="ar"'),
    ("state-2024-04-el-fasher", "c13", "sudanese-armed-forces", ' dir="auto" lang="en"'),
]


@pytest.mark.parametrize(("article_id", "claim_id", "actor", "direction"), EVIDENCE_CASES,
                         ids=[case[0] for case in EVIDENCE_CASES])
def test_the_explorer_shows_a_corpus_claim_with_its_evidence_sentence(
        corpus_home: EmbeddedStore, article_id: str, claim_id: str, actor: str, direction: str) -> None:
    data, claim = corpus_claim(article_id, claim_id)
    assert actor in (claim["subject"], claim["object"])
    edge = edge_id(claim["subject"], claim["predicate"], claim["object"])
    at = app(actor=actor)
    assert not at.exception
    assert at.session_state["actor"] == actor
    at.selectbox(key="edge_pick").set_value(edge).run()
    assert not at.exception
    body = next(b for b in html_bodies(at) if 'class="ag-edge-title"' in b)
    assert f'data-claim="{article_id}#{claim_id}"' in body
    # The evidence is one whole sentence here, so the panel marks all of it, in the article's direction.
    assert f'<div class="ag-sentence"{direction}><mark>{html.escape(claim["evidence"]["text"])}</mark>' in body
    assert f'{html.escape(data["publisher"])} · {data["published"]}' in body
