"""Derived tables of one embedded-store version, persisted in a sidecar file next to the store.

A cold explorer used to recompute its first page from the 200,000 bench claims (the counts, the
filter choices, the timeline and the landing overview: about 4 s of a 12 s first page). They
depend only on the store's contents, so they are computed once per store version and kept in
`<store>.derived`; a later server start on the same store reads a few kilobytes instead.

Consistency: every entry belongs to the version of the store file it was computed from (device,
inode, size and mtime: every write renames a new file over the store, so any write, merge or
review decision makes the sidecar stale). A sidecar for another version, of another format, or
whose checksum does not match its contents (truncated, damaged) is ignored and rewritten, never
trusted. It is written to a temporary file and renamed over the old one, so a reader sees the
old sidecar or the new one, never half of one.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
import threading
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, TypeVar

from actorgraph.graph.locking import FileVersion, file_version

#: Bump when what a derived table holds changes, so sidecars written by older code are recomputed.
FORMAT = 1
MAX_ENTRIES = 64  # different filters give different entries; the oldest go first
SUFFIX = ".derived"
T = TypeVar("T")
_lock = threading.Lock()


def sidecar_path(store_path: os.PathLike[str] | str) -> Path:
    """Where the derived tables of the store at `store_path` live."""
    return Path(os.fspath(store_path) + SUFFIX)


#: The entries last read or written, by sidecar path, with the identity of that sidecar file:
#: a page asks for several tables in a row, and the sidecar is read once, not once per table.
_memo: dict[Path, tuple[FileVersion, dict[Hashable, Any]]] = {}


def _identity(path: Path) -> FileVersion | None:
    """The sidecar file's version (`locking.file_version`), or None when it cannot be read."""
    try:
        return file_version(path.stat())
    except OSError:
        return None


def _read(path: Path, version: FileVersion) -> dict[Hashable, Any]:
    """The entries of the sidecar if it is intact and belongs to `version`; else none."""
    identity = _identity(path)
    memo = _memo.get(path)
    if identity is not None and memo is not None and memo[0] == identity:
        return _belonging(memo[1], version)
    found = _parse(path)
    if identity is not None and found is not None and identity == _identity(path):
        _memo[path] = (identity, found)
    return _belonging(found, version) if found is not None else {}


def _belonging(found: dict, version: FileVersion) -> dict[Hashable, Any]:
    if found.get("format") != FORMAT or found.get("version") != tuple(version):
        return {}
    entries = found.get("entries")
    return dict(entries) if isinstance(entries, dict) else {}


def _parse(path: Path) -> dict | None:
    """The sidecar's contents, if its checksum holds and it unpickles to a dict."""
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    digest, payload = blob[:32], blob[32:]
    if len(blob) < 32 or hashlib.blake2b(payload, digest_size=32).digest() != digest:
        return None
    try:
        found = pickle.loads(payload)  # written only by `_write` below, checksum verified
    except Exception:  # an unpickling error of any kind means: recompute
        return None
    return found if isinstance(found, dict) else None


def _write(path: Path, version: FileVersion, entries: dict[Hashable, Any]) -> None:
    """Atomically replace the sidecar (a failure to write only costs the next start its speed)."""
    payload = pickle.dumps({"format": FORMAT, "version": tuple(version), "entries": entries},
                           protocol=pickle.HIGHEST_PROTOCOL)
    blob = hashlib.blake2b(payload, digest_size=32).digest() + payload
    try:
        handle, temporary = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(blob)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def derived(store_path: os.PathLike[str] | str | None, version: FileVersion | None,
            key: Hashable, compute: Callable[[], T]) -> T:
    """The table `key` of the store version `version`: from the sidecar when it holds it, else
    `compute()`, saved to the sidecar for the next start. Without a file (a store only in memory,
    or Neo4j) it is simply computed."""
    if store_path is None or version is None:
        return compute()
    path = sidecar_path(store_path)
    with _lock:
        entries = _read(path, version)
    if key in entries:
        return entries[key]
    value = compute()
    with _lock:
        entries = _read(path, version)  # another session may have added entries meanwhile
        entries[key] = value
        while len(entries) > MAX_ENTRIES:
            entries.pop(next(iter(entries)))
        _write(path, version, entries)
    return value
