"""Neo4j loads survive `kill -9` and concurrent loaders: per-batch transactions, resumable, no duplicates.

Real `actorgraph ingest --neo4j` / `actorgraph load --neo4j` subprocesses are killed with SIGKILL
mid-load. What Neo4j then holds must be whole articles only (every article present has all its
claims, every direct edge lists exactly its asserted claims), and a second run must end with the
same reads as an uninterrupted load (the embedded store ingesting the same files). Two loaders
ingesting overlapping article sets at once must leave each actor and claim exactly once.
CI runs a few kills; `make soak` (ACTORGRAPH_SOAK=1) runs many.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from actorgraph.cli.main import read_context
from actorgraph.graph.embedded import EmbeddedStore
from actorgraph.graph.neo4j.store import Neo4jStore
from actorgraph.graph.store import ClaimFilter, Store
from actorgraph.ingest.pipeline import ingest_paths
from bench.make_corpus import write_corpus
from tests.conftest import ROOT
from tests.test_neo4j_store import assert_edges_match_claims

pytestmark = pytest.mark.neo4j
SOAK = bool(os.environ.get("ACTORGRAPH_SOAK"))
KILLS = 12 if SOAK else 1
ARTICLES = 300 if SOAK else 60
ALL_POLARITIES = ClaimFilter(polarities=("asserted", "denied", "negated", "uncertain"))


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "actorgraph.cli.main", *args]


def reads(store: Store, with_source: bool = True) -> dict[str, object]:
    """What a user can read back: the comparison between an interrupted-then-resumed and a clean load."""
    articles = [a if with_source else replace(a, source="") for a in store.articles()]
    return {"stats": store.stats(), "actors": store.actors(), "articles": articles,
            "mentions": store.mentions(), "claims": store.claims(None), "asserted": store.claims(ClaimFilter())}


def reference(articles: Path, gazetteer: Path, tmp_path: Path) -> EmbeddedStore:
    store = EmbeddedStore(tmp_path / "reference.pickle")
    report = ingest_paths([articles], store, context=read_context((gazetteer,)))
    assert report.ok, report.errors
    return store


def assert_whole_articles(neo: Neo4jStore, ref: EmbeddedStore) -> int:
    """Every article Neo4j holds has exactly the reference's claims: no half-written article. Returns how many."""
    expected = Counter(c.article_id for c in ref.claims(None))
    present = {a.id for a in neo.articles()}
    got = Counter(c.article_id for c in neo.claims(None))
    assert set(got) <= present
    assert {a: got[a] for a in present} == {a: expected[a] for a in present}
    assert_edges_match_claims(neo)
    return len(present)


def kill_mid_load(command: list[str], env: dict[str, str], store: Neo4jStore, deadline: float) -> None:
    """Start the loader and SIGKILL it as soon as its first transaction is visible (or at `deadline` s)."""
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stop = time.monotonic() + deadline
    while time.monotonic() < stop and process.poll() is None and not store.stats().articles:
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Path, Path]:
    articles = write_corpus(tmp_path / "corpus", articles=ARTICLES, actor_count=150, seed=5)
    return articles, tmp_path / "corpus" / "actors.yaml"


def timed_run(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return time.perf_counter() - started


@pytest.mark.parametrize("loader", ["ingest", "load"])
def test_killed_neo4j_load_resumes_to_the_same_graph(loader: str, corpus: tuple[Path, Path], tmp_path: Path,
                                                     empty_neo4j_store: Neo4jStore, neo4j_env: dict[str, str],
                                                     isolated_home: Path) -> None:
    """`ingest --neo4j` reads the files itself; `load --neo4j` copies the embedded store they went into."""
    articles, gazetteer = corpus
    env = {**neo4j_env, "ACTORGRAPH_HOME": str(isolated_home)}
    if loader == "ingest":
        ref = reference(articles, gazetteer, tmp_path)
        command = cli("ingest", str(articles), "--gazetteer", str(gazetteer), "--neo4j", "--json")
    else:
        timed_run(cli("ingest", str(articles), "--gazetteer", str(gazetteer), "--json"), env)  # the source
        ref = EmbeddedStore(isolated_home / "graph.msgpack")
        command = cli("load", "--neo4j", "--batch-size", "100", "--json")  # many small transactions
    duration = timed_run(command, env)
    assert reads(empty_neo4j_store) == reads(ref)
    partial = []
    for _ in range(KILLS):
        empty_neo4j_store.clear()
        kill_mid_load(command, env, empty_neo4j_store, duration * 2)
        partial.append(assert_whole_articles(empty_neo4j_store, ref))
        timed_run(command, env)  # the resume: the same command again
        assert reads(empty_neo4j_store) == reads(ref)
    print(f"{loader} --neo4j ({duration:.1f} s uninterrupted): {KILLS} kills survived, "
          f"articles present after each kill: {partial} of {len(ref.articles())}")


def test_two_concurrent_loaders_leave_no_duplicates(corpus: tuple[Path, Path], tmp_path: Path,
                                                     empty_neo4j_store: Neo4jStore, neo4j_env: dict[str, str],
                                                     isolated_home: Path) -> None:
    articles, gazetteer = corpus
    files = sorted(articles.glob("*.json"))
    third = len(files) // 3
    halves = {"a": files[:2 * third], "b": files[third:]}  # a third of the articles in both
    for name, chosen in halves.items():
        (tmp_path / name).mkdir()
        for path in chosen:
            shutil.copy2(path, tmp_path / name / path.name)
    env = {**neo4j_env, "ACTORGRAPH_HOME": str(isolated_home)}
    processes = [subprocess.Popen(cli("ingest", str(tmp_path / name), "--gazetteer", str(gazetteer), "--neo4j",
                                      "--json"), cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True) for name in halves]
    for process in processes:
        _, stderr = process.communicate(timeout=600)
        assert process.returncode == 0, stderr
    neo = empty_neo4j_store
    ids = Counter(tuple(row) for row in neo.driver.execute_query(
        "MATCH (n) WHERE n:Actor OR n:Claim OR n:Article OR n:Mention RETURN labels(n)[0], n.id",
        database_=neo.database).records)
    assert sum(ids.values()) > len(files)
    assert not [key for key, count in ids.items() if count > 1]
    # the articles both loaded keep the source path of whichever wrote last: compare without it
    assert reads(neo, with_source=False) == reads(reference(articles, gazetteer, tmp_path), with_source=False)
    assert_edges_match_claims(neo)
