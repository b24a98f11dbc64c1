"""Concurrent `actorgraph` processes on one home never lose each other's work (real processes).

Before the store lock, two ingests started together ended with one folder's articles in 11 of 30
runs (bench/race.py, docs/robustness.md); each test here would fail on that code within its runs.
"""
from __future__ import annotations

import json
import os
import signal
import threading
import time
from pathlib import Path

import pytest

from actorgraph.graph.embedded import EmbeddedStore
from actorgraph.graph.errors import StoreError
from actorgraph.graph.locking import LockTimeout, exclusive, lock_file_for
from tests.races import cli_env, make_split_corpus, race_ingests, run_cli, start_cli, stored_article_ids

ARTICLES = 60  # per corpus: each ingest then takes long enough that two started together overlap
RUNS = 3  # before the lock each of the two race tests lost work within these runs (2 of 3 sessions in run 1)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    return make_split_corpus(tmp_path_factory.mktemp("corpus"), ARTICLES)


def article_ids(folder: Path) -> set[str]:
    return {json.loads(p.read_text(encoding="utf-8"))["id"] for p in folder.glob("*.json")}


def watch_store(path: Path, stop: threading.Event, seen: list[frozenset[str]], failures: list[str]) -> None:
    """Load the store over and over while writers run: every load must succeed (never torn)."""
    while not stop.is_set():
        if path.exists():
            try:
                seen.append(frozenset(a.id for a in EmbeddedStore(path).articles()))
            except StoreError as exc:
                failures.append(str(exc))
        time.sleep(0.02)


def test_two_ingests_of_disjoint_folders_started_together_end_with_the_union(
        corpus: tuple[Path, list[Path]], tmp_path: Path) -> None:
    gazetteer, folders = corpus
    first, second = article_ids(folders[0]), article_ids(folders[1])
    assert first and second and not first & second
    for run in range(RUNS):
        home = tmp_path / f"home{run}"
        stop, seen, failures = threading.Event(), [], []
        watcher = threading.Thread(target=watch_store, args=(home / "graph.msgpack", stop, seen, failures))
        watcher.start()
        try:
            result = race_ingests(home, gazetteer, folders if run % 2 == 0 else folders[::-1])
        finally:
            stop.set()
            watcher.join()
        assert result.codes == [0, 0], result.stderr
        assert result.articles == first | second, f"run {run}: {len((first | second) - result.articles)} articles lost"
        assert not failures
        assert set(seen) <= {frozenset(), frozenset(first), frozenset(second), frozenset(first | second)}


def test_an_ingest_and_an_alias_edit_started_together_keep_both(corpus: tuple[Path, list[Path]],
                                                                tmp_path: Path) -> None:
    gazetteer, folders = corpus
    actor = "actor-000001"
    for run in range(RUNS):
        home = tmp_path / f"home{run}"
        book = tmp_path / f"actors{run}.yaml"
        book.write_bytes(gazetteer.read_bytes())
        env = cli_env(home)
        assert run_cli(["ingest", "--gazetteer", str(book), str(folders[0])], env).returncode == 0
        name = f"Alias number {run}"
        ingest = start_cli(["ingest", "--gazetteer", str(book), str(folders[1])], env)
        alias = start_cli(["actors", "alias", actor, name, "--gazetteer", str(book)], env)
        for process in (ingest, alias):
            _out, err = process.communicate(timeout=120)
            assert process.returncode == 0, err
        assert stored_article_ids(home) == article_ids(folders[0]) | article_ids(folders[1])
        shown = json.loads(run_cli(["show", actor, "--json"], env).stdout)
        assert name in json.dumps(shown, ensure_ascii=False)
        assert name in book.read_text(encoding="utf-8")


def test_two_alias_edits_of_one_gazetteer_started_together_keep_both(corpus: tuple[Path, list[Path]],
                                                                     tmp_path: Path) -> None:
    gazetteer, folders = corpus
    book = tmp_path / "actors.yaml"
    book.write_bytes(gazetteer.read_bytes())
    env = cli_env(tmp_path / "home")
    assert run_cli(["ingest", "--gazetteer", str(book), str(folders[0])], env).returncode == 0
    store_file = tmp_path / "home" / "graph.msgpack"
    for run in range(RUNS):  # one home, a new pair of actors each round
        edits = {f"actor-{2 + 2 * run:06d}": f"First alias {run}", f"actor-{3 + 2 * run:06d}": f"Second alias {run}"}
        processes = [start_cli(["actors", "alias", actor, name, "--gazetteer", str(book)], env)
                     for actor, name in edits.items()]
        for process in processes:
            _out, err = process.communicate(timeout=120)
            assert process.returncode == 0, err
        text = book.read_text(encoding="utf-8")
        store = EmbeddedStore(store_file)
        for actor, name in edits.items():
            assert name in text
            assert name in store.get_actor(actor).aliases


def wait_until_locked(lock: Path, process, seconds: float = 60) -> None:
    """Return once another process holds `lock` (our own attempt at it times out at once)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, "the writer ended before it was seen holding the lock"
        try:
            with exclusive(lock, timeout=0):
                pass
        except LockTimeout:
            return
        time.sleep(0.01)
    pytest.fail("the writer never took the lock")


def test_a_lock_holder_killed_with_sigkill_never_blocks_the_next_ingest(corpus: tuple[Path, list[Path]],
                                                                       tmp_path: Path) -> None:
    gazetteer, folders = corpus
    home = tmp_path / "home"
    env = cli_env(home, ACTORGRAPH_LOCK_TIMEOUT="5")
    assert run_cli(["ingest", "--gazetteer", str(gazetteer), str(folders[0])], env).returncode == 0
    before = (home / "graph.msgpack").read_bytes()
    victim = start_cli(["ingest", "--gazetteer", str(gazetteer), str(folders[1])], env)
    wait_until_locked(lock_file_for(home / "graph.msgpack"), victim)
    os.kill(victim.pid, signal.SIGKILL)
    victim.communicate()
    assert (home / "graph.msgpack").read_bytes() == before  # killed before its save: the old store, whole
    started = time.monotonic()
    done = run_cli(["ingest", "--gazetteer", str(gazetteer), str(folders[1])], env)
    assert done.returncode == 0, done.stderr
    assert "waiting" not in done.stderr
    assert time.monotonic() - started < 30
    assert stored_article_ids(home) == article_ids(folders[0]) | article_ids(folders[1])


def test_a_writer_that_cannot_get_the_lock_says_so_and_gives_up_leaving_the_store(
        corpus: tuple[Path, list[Path]], tmp_path: Path) -> None:
    gazetteer, folders = corpus
    home = tmp_path / "home"
    env = cli_env(home)
    assert run_cli(["ingest", "--gazetteer", str(gazetteer), str(folders[0])], env).returncode == 0
    store_file = home / "graph.msgpack"
    before = store_file.read_bytes()
    with exclusive(lock_file_for(store_file), timeout=1):  # this test process is the other writer
        started = time.monotonic()
        done = run_cli(["ingest", "--gazetteer", str(gazetteer), str(folders[1])],
                       cli_env(home, ACTORGRAPH_LOCK_TIMEOUT="0.5"))
        alias = run_cli(["actors", "alias", "actor-000001", "X", "--gazetteer", str(gazetteer)],
                        cli_env(home, ACTORGRAPH_LOCK_TIMEOUT="0"))
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert lines[0] == "waiting for another ingest or actor edit to finish…"
    assert lines[1:] == [f"error: {lock_file_for(store_file)}: still locked by another process after 0.5 s; nothing"
                         " was changed (wait for it to finish, or raise ACTORGRAPH_LOCK_TIMEOUT, e.g."
                         " ACTORGRAPH_LOCK_TIMEOUT=1800)"]
    assert time.monotonic() - started < 30
    assert alias.returncode == 1 and "still locked by another process after 0 s" in alias.stderr
    assert store_file.read_bytes() == before


def test_the_explorer_sees_an_ingest_that_finished_after_it_loaded(corpus: tuple[Path, list[Path]],
                                                                  isolated_home: Path) -> None:
    from actorgraph.explorer import data

    gazetteer, folders = corpus
    env = cli_env(isolated_home)
    assert run_cli(["ingest", "--gazetteer", str(gazetteer), str(folders[0])], env).returncode == 0
    loaded = data.open_backend("embedded")
    assert data.stats(loaded.store, loaded.version).articles == len(article_ids(folders[0]))
    assert run_cli(["ingest", "--gazetteer", str(gazetteer), str(folders[1])], env).returncode == 0
    again = data.open_backend("embedded")
    assert again.version != loaded.version and again.store is not loaded.store
    assert data.stats(again.store, again.version).articles == ARTICLES
    assert {a.id for a in again.store.articles()} == article_ids(folders[0]) | article_ids(folders[1])


APPENDER = """
import sys
from pathlib import Path
from actorgraph.graph.merges import MergeLog, MergeRecord
from actorgraph.graph.model import Actor
log = MergeLog(Path(sys.argv[1]))
aliases = tuple(f"alias {sys.argv[2]} {i:05d}" for i in range(2000))  # a 40 KB line: several buffers
for n in range(int(sys.argv[3])):
    keep = Actor(id=f"keep-{sys.argv[2]}-{n}", type="Person", labels={"en": "Keep"}, aliases=aliases)
    drop = Actor(id=f"drop-{sys.argv[2]}-{n}", type="Person", labels={"en": "Drop"})
    log.append(MergeRecord(keep.id, drop.id, keep, drop))
"""


def test_two_processes_appending_large_merge_records_leave_every_line_whole(tmp_path: Path) -> None:
    import subprocess
    import sys

    from tests.races import ROOT

    log = tmp_path / "merges.jsonl"
    writers = [subprocess.Popen([sys.executable, "-c", APPENDER, str(log), name, "40"], cwd=ROOT)
               for name in ("a", "b")]
    for writer in writers:
        assert writer.wait(timeout=120) == 0
    from actorgraph.graph.merges import MergeLog

    records = MergeLog(log).active()  # raises on any torn or interleaved line
    assert len(records) == 80 and len(log.read_text(encoding="utf-8").splitlines()) == 80
    assert {r.keep.split("-")[1] for r in records} == {"a", "b"}
    assert all(len(r.keep_before.aliases) == 2000 for r in records)
