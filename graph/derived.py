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

from actorgraph.graph.locking import FileVersion

#: Bump when what a derived table holds changes, so sidecars written by older code are recomputed.
FORMAT = 1
MAX_ENTRIES = 64  # different filters give different entries; the oldest go first
SUFFIX = ".derived"
T = TypeVar("T")
_lock = threading.Lock()


def sidecar_path(store_path: os.PathLike[str] | str) -> Path:
    """Where the derived tables of the store at `store_path` live."""
    return Path(os.fspath(store_path) + SUFFIX)


def _read(path: Path, version: FileVersion) -> dict[Hashable, Any]:
    """The entries of the sidecar if it is intact and belongs to `version`; else none."""
    try:
        blob = path.read_bytes()
    except OSError:
        return {}
    digest, payload = blob[:32], blob[32:]
    if len(blob) < 32 or hashlib.blake2b(payload, digest_size=32).digest() != digest:
        return {}
    try:
        found = pickle.loads(payload)  # written only by `_write` below, checksum verified
    except Exception:  # an unpickling error of any kind means: recompute
        return {}
    if not isinstance(found, dict) or found.get("format") != FORMAT or found.get("version") != tuple(version):
        return {}
    entries = found.get("entries")
    return dict(entries) if isinstance(entries, dict) else {}


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
