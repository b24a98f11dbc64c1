"""actorgraph.graph.locking with real processes: waiting, timing out, and surviving a holder killed by SIGKILL."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from actorgraph.graph.errors import ActorGraphError
from actorgraph.graph.locking import (
    LockSettingError,
    LockTimeout,
    exclusive,
    is_held,
    lock_file_for,
    lock_timeout_from_env,
)

ROOT = Path(__file__).resolve().parent.parent
HOLDER = """
import sys, time
from actorgraph.graph.locking import exclusive
with exclusive(sys.argv[1], timeout=5):
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def _start_holder(lock: Path, seconds: float) -> subprocess.Popen[str]:
    """A separate process that takes the lock, says 'held', then sleeps `seconds` inside it."""
    process = subprocess.Popen([sys.executable, "-c", HOLDER, str(lock), str(seconds)], cwd=ROOT,
                               stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stdout.readline().strip() == "held"
    return process


def test_a_waiter_says_so_and_times_out_while_another_process_holds_the_lock(tmp_path: Path) -> None:
    lock = tmp_path / "graph.msgpack.lock"
    holder = _start_holder(lock, 30)
    said: list[str] = []
    try:
        started = time.monotonic()
        with pytest.raises(LockTimeout) as caught:
            with exclusive(lock, timeout=0.4, waiting_message="waiting for another ingest to finish…",
                           on_wait=said.append):
                pytest.fail("the lock was taken while another process held it")
        waited = time.monotonic() - started
    finally:
        holder.kill()
        holder.wait()
    assert said == ["waiting for another ingest to finish…"]
    assert 0.4 <= waited < 3
    assert isinstance(caught.value, ActorGraphError)
    assert "ACTORGRAPH_LOCK_TIMEOUT" in str(caught.value) and str(lock) in str(caught.value)


def test_a_waiter_gets_the_lock_when_the_holder_finishes(tmp_path: Path) -> None:
    lock = tmp_path / "x.lock"
    holder = _start_holder(lock, 0.5)
    said: list[str] = []
    started = time.monotonic()
    with exclusive(lock, timeout=10, waiting_message="waiting", on_wait=said.append):
        waited = time.monotonic() - started
    holder.wait()
    assert said == ["waiting"]
    assert 0.3 <= waited < 5  # the holder slept 0.5 s inside its lock after saying 'held'


def test_a_holder_killed_with_sigkill_never_blocks_the_next_one(tmp_path: Path) -> None:
    lock = tmp_path / "x.lock"
    holder = _start_holder(lock, 60)
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    assert lock.exists()  # the lock file stays; only the kernel lock went away with the process
    said: list[str] = []
    started = time.monotonic()
    with exclusive(lock, timeout=2, waiting_message="waiting", on_wait=said.append):
        pass
    assert said == [] and time.monotonic() - started < 1


def test_nested_use_in_one_thread_is_reentrant_but_two_threads_exclude_each_other(tmp_path: Path) -> None:
    lock = tmp_path / "x.lock"
    inside = threading.Event()
    release = threading.Event()
    other: list[BaseException] = []

    def hold() -> None:
        with exclusive(lock, timeout=5):
            inside.set()
            release.wait(5)

    thread = threading.Thread(target=hold)
    thread.start()
    assert inside.wait(5)

    def compete() -> None:
        try:
            with exclusive(lock, timeout=0.2, on_wait=lambda _m: None):
                pass
        except LockTimeout as exc:
            other.append(exc)

    competitor = threading.Thread(target=compete)
    competitor.start()
    competitor.join()
    release.set()
    thread.join()
    assert len(other) == 1
    with exclusive(lock, timeout=1):
        with exclusive(lock, timeout=0):
            assert is_held(lock)
        assert is_held(lock)
    assert not is_held(lock)


def test_lock_file_sits_beside_the_data_file() -> None:
    assert lock_file_for(Path("/a/b/graph.msgpack")) == Path("/a/b/graph.msgpack.lock")


@pytest.mark.parametrize("raw", ["soon", "-1", "nan", "inf"])
def test_a_malformed_timeout_setting_is_refused_with_an_example(raw: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ACTORGRAPH_LOCK_TIMEOUT", raw)
    with pytest.raises(LockSettingError) as caught:
        lock_timeout_from_env()
    assert "ACTORGRAPH_LOCK_TIMEOUT" in str(caught.value) and "e.g. ACTORGRAPH_LOCK_TIMEOUT=120" in str(caught.value)


def test_the_timeout_setting_is_read_in_seconds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ACTORGRAPH_LOCK_TIMEOUT", "2.5")
    assert lock_timeout_from_env() == 2.5
    monkeypatch.delenv("ACTORGRAPH_LOCK_TIMEOUT")
    assert lock_timeout_from_env(7) == 7
