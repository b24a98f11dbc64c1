"""The embedded store survives `kill -9` at any moment of a write: old state or new, never torn.

A real subprocess ingests a corpus and is killed with SIGKILL after a random delay, again and
again; after each kill the store must open and hold exactly the articles of before the ingest or
exactly those of after. CI runs a few kills; `make soak` (ACTORGRAPH_SOAK=1) runs many.
"""
from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from actorgraph.graph.embedded import EmbeddedStore
from bench.make_corpus import write_corpus
from tests.conftest import ROOT

KILLS = 40 if os.environ.get("ACTORGRAPH_SOAK") else 6


def ingest_command(folder: Path, gazetteer: Path) -> list[str]:
    return [sys.executable, "-m", "actorgraph.cli.main", "ingest", str(folder), "--gazetteer", str(gazetteer), "--json"]


def test_kill_during_ingest_leaves_old_or_new_state(tmp_path: Path, isolated_home: Path) -> None:
    old_articles = write_corpus(tmp_path / "old", articles=30, actor_count=200, seed=1)
    new_articles = write_corpus(tmp_path / "new", articles=400, actor_count=200, seed=2)
    gazetteer = tmp_path / "new" / "actors.yaml"
    env = {**os.environ, "ACTORGRAPH_HOME": str(isolated_home)}
    subprocess.run(ingest_command(old_articles, tmp_path / "old" / "actors.yaml"), cwd=ROOT, env=env, check=True,
                   capture_output=True)
    store_file = isolated_home / "graph.msgpack"
    baseline = tmp_path / "baseline.pickle"
    shutil.copy2(store_file, baseline)
    old_ids = {a.id for a in EmbeddedStore(baseline).articles()}
    new_ids = old_ids | {f"synthetic-{i:06d}" for i in range(400)}

    started = time.perf_counter()
    full = subprocess.run(ingest_command(new_articles, gazetteer), cwd=ROOT, env=env, capture_output=True)
    assert full.returncode == 0, full.stderr
    duration = time.perf_counter() - started
    assert {a.id for a in EmbeddedStore(store_file).articles()} == new_ids

    rng = random.Random(11)
    outcomes = {"old": 0, "new": 0}
    for _ in range(KILLS):
        shutil.copy2(baseline, store_file)
        process = subprocess.Popen(ingest_command(new_articles, gazetteer), cwd=ROOT, env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.2, duration * 1.1))
        process.send_signal(signal.SIGKILL)
        process.wait()
        ids = {a.id for a in EmbeddedStore(store_file).articles()}
        assert ids in (old_ids, new_ids)
        outcomes["old" if ids == old_ids else "new"] += 1
    assert sum(outcomes.values()) == KILLS
    print(f"kills survived: {KILLS} (old state {outcomes['old']}, new state {outcomes['new']})")
