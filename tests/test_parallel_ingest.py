"""Parallel ingest (`--workers 2`) gives exactly the store a serial ingest gives, errors included.

Run through the CLI in subprocesses, as users run it: worker processes are spawned, and spawning
from inside pytest's own process is not what users do.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from actorgraph.graph.embedded import EmbeddedStore
from actorgraph.graph.store import ClaimFilter
from bench.make_corpus import write_corpus
from tests.conftest import ROOT


def ingest(articles: Path, gazetteer: Path, home: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ACTORGRAPH_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "actorgraph.cli.main", "ingest", str(articles),
                           "--gazetteer", str(gazetteer), "--json", *extra],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def test_two_workers_build_the_same_store_as_one(tmp_path: Path) -> None:
    articles = write_corpus(tmp_path / "corpus", articles=120, actor_count=150, seed=3)
    broken = json.loads((articles / "000005.json").read_text(encoding="utf-8"))
    broken["claims"][0]["predicate"] = "befriends"
    (articles / "000005.json").write_text(json.dumps(broken, ensure_ascii=False), encoding="utf-8")
    gazetteer = tmp_path / "corpus" / "actors.yaml"
    one = ingest(articles, gazetteer, tmp_path / "serial")
    two = ingest(articles, gazetteer, tmp_path / "parallel", "--workers", "2")
    assert one.returncode == two.returncode == 1
    assert one.stderr == two.stderr and "000005.json:$.claims[0].predicate: unknown relation 'befriends'" in one.stderr
    assert json.loads(one.stdout) == json.loads(two.stdout)
    assert json.loads(one.stdout)["claims"] == 119 * 20
    serial = EmbeddedStore(tmp_path / "serial" / "graph.msgpack")
    parallel = EmbeddedStore(tmp_path / "parallel" / "graph.msgpack")
    every = ClaimFilter(polarities=())
    assert serial.claims(every) == parallel.claims(every)
    assert serial.mentions() == parallel.mentions()
    assert serial.stats() == parallel.stats()
