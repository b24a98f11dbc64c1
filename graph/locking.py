"""Cross-process exclusive locks on a lock file, for every read-modify-write of a shared file.

Two `actorgraph` processes that each load a file, change it in memory and write it back would
lose one another's work (the last rename wins). Holding `exclusive(lock_path)` around the whole
load-change-write makes them take turns. The lock is `fcntl.flock` on a separate lock file, so:

- the kernel releases it when the holder exits in any way, `kill -9` included: a dead process
  never blocks the next run, and no stale-lock cleanup by pid is needed;
- it is re-entrant within one thread (a nested `exclusive` on the same path is a no-op), so a
  command may hold the store lock while a library call takes it again; two threads of one
  process (the explorer's sessions) still exclude each other, as each opens its own descriptor;
- the data file itself is still written atomically (temp file + rename), so readers that take no
  lock see either the old or the new content, never a torn one.

A waiter says so once on stderr and gives up after `timeout` seconds with `LockTimeout`, an
`ActorGraphError` the CLI prints as one line with a non-zero exit, having changed nothing.
"""
from __future__ import annotations

import contextlib
import fcntl
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from actorgraph.graph.config import embedded_store_path
from actorgraph.graph.errors import ActorGraphError, ConfigError

#: Environment variable: seconds a writer waits for another writer before giving up.
TIMEOUT_VARIABLE = "ACTORGRAPH_LOCK_TIMEOUT"
DEFAULT_TIMEOUT = 600.0
#: Seconds between two attempts while waiting (flock has no timed wait).
POLL_INTERVAL = 0.05

_held: dict[tuple[str, int], int] = {}  # (lock path, thread id) -> nesting depth of locks held
_held_guard = threading.Lock()


class LockTimeout(ActorGraphError):
    """Another process held the lock for longer than the caller was willing to wait."""


class LockSettingError(ConfigError):
    """ACTORGRAPH_LOCK_TIMEOUT is not a usable number of seconds."""


#: What identifies one version of a file that is only ever replaced by rename: device, inode, size
#: and modification time. A reader or writer that remembers it knows when another process replaced
#: the file since (the inode alone changes on every atomic replace).
FileVersion = tuple[int, int, int, int]


def file_version(info: os.stat_result) -> FileVersion:
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)


def current_version(path: Path | str) -> FileVersion | None:
    """The version of the file at `path` now, or None when there is no file."""
    try:
        return file_version(os.stat(path))
    except FileNotFoundError:
        return None


def lock_file_for(data_file: Path | str) -> Path:
    """The lock file that guards `data_file`: `<name>.lock` beside it (never the file itself, which
    is replaced by rename on every write and so cannot carry a lock)."""
    data_file = Path(data_file)
    return data_file.with_name(data_file.name + ".lock")


def lock_timeout_from_env(default: float = DEFAULT_TIMEOUT) -> float:
    """Seconds to wait for a lock: `$ACTORGRAPH_LOCK_TIMEOUT`, else `default`.

    A malformed value is refused (not silently replaced by the default), because a user who set
    it expects it to apply.
    """
    raw = os.environ.get(TIMEOUT_VARIABLE)
    if raw is None or not raw.strip():
        return default
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not value >= 0 or value == float("inf"):
        raise LockSettingError(f"{TIMEOUT_VARIABLE}={raw!r}: not a number of seconds >= 0"
                               f" (e.g. {TIMEOUT_VARIABLE}=120; 0 means do not wait)")
    return value


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _open_lock_file(path: Path) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    return os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)


def _acquire(fd: int, path: Path, timeout: float, waiting_message: str | None,
             on_wait: Callable[[str], None]) -> None:
    """Take the flock on `fd`, polling until `timeout`; say `waiting_message` once when blocked."""
    deadline = time.monotonic() + timeout
    announced = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        if not announced and waiting_message:
            on_wait(waiting_message)
            announced = True
        if time.monotonic() >= deadline:
            raise LockTimeout(f"{path}: still locked by another process after {timeout:g} s; nothing was changed"
                              f" (wait for it to finish, or raise {TIMEOUT_VARIABLE}, e.g. {TIMEOUT_VARIABLE}=1800)")
        time.sleep(POLL_INTERVAL)


@contextlib.contextmanager
def exclusive(path: Path | str, *, timeout: float | None = None, waiting_message: str | None = None,
              on_wait: Callable[[str], None] = _say) -> Iterator[None]:
    """Hold an exclusive inter-process lock on the lock file `path` for the body of the block.

    `timeout`: seconds to wait for another holder (None: `$ACTORGRAPH_LOCK_TIMEOUT`, else 600);
    `waiting_message`: said once (on stderr by default, or to `on_wait`) when the lock is busy.
    Raises `LockTimeout` when the wait runs out. Nested use on the same path in one thread is a
    no-op, so callers need not know whether an outer layer already holds it.
    """
    lock_file = os.path.abspath(os.fspath(path))
    key = (lock_file, threading.get_ident())
    with _held_guard:
        if key in _held:
            _held[key] += 1
            nested = True
        else:
            nested = False
    if nested:
        try:
            yield
        finally:
            with _held_guard:
                _held[key] -= 1
        return
    wait = lock_timeout_from_env() if timeout is None else timeout
    fd = _open_lock_file(Path(lock_file))
    try:
        _acquire(fd, Path(lock_file), wait, waiting_message, on_wait)
        with _held_guard:
            _held[key] = 1
        try:
            yield
        finally:
            with _held_guard:
                del _held[key]
    finally:
        os.close(fd)  # closing the last descriptor releases the flock


@contextlib.contextmanager
def home_write_lock() -> Iterator[None]:
    """Hold the home's write lock (the embedded store's lock file) for a whole command.

    Every command that changes the home takes it before its first read (store, gazetteer, merge
    log), so concurrent commands take turns; the store's own writes find it held (re-entrant).
    """
    with exclusive(lock_file_for(embedded_store_path()),
                   waiting_message="waiting for another ingest or actor edit to finish…"):
        yield


def is_held(path: Path | str) -> bool:
    """True when the current thread holds the lock on `path` (inside an `exclusive` block)."""
    return (os.path.abspath(os.fspath(path)), threading.get_ident()) in _held


def append_json_line(path: Path | str, row: object) -> None:
    """Append `row` as one JSON line to an append-only log, durably and whole.

    The line is written under the log's own lock, so lines of concurrent writers never interleave
    (a large record is more than one write); a half line left by a writer killed mid-line is ended
    first, so ours is not glued to it; the file is fsynced before returning. The merge log and the
    review log both keep their history this way.
    """
    import json

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    line = (json.dumps(row, ensure_ascii=False) + "\n").encode("utf-8")
    with exclusive(lock_file_for(path), waiting_message=f"waiting for another writer of {path}…"):
        with path.open("ab") as handle:
            if handle.tell() and not _ends_with_newline(path):
                handle.write(b"\n")
            handle.write(line)
            handle.flush()
            os.fsync(handle.fileno())


def _ends_with_newline(path: Path) -> bool:
    with path.open("rb") as handle:
        handle.seek(-1, os.SEEK_END)
        return handle.read(1) == b"\n"
