"""The sidecar of derived tables (graph/derived.py): reused for the same store version, recomputed
when the store changes or the sidecar is damaged, never trusted blindly."""
from __future__ import annotations

from pathlib import Path

from actorgraph.graph.derived import derived, sidecar_path
from actorgraph.graph.locking import current_version


def _store(tmp_path: Path, content: bytes) -> Path:
    path = tmp_path / "graph.msgpack"
    fresh = tmp_path / "new"
    fresh.write_bytes(content)
    fresh.replace(path)  # as the store writes: a new file renamed over the old one
    return path


def _count(calls: list[int], value: int):
    def compute() -> int:
        calls.append(value)
        return value
    return compute


def test_reused_for_the_same_version_and_recomputed_after_a_write(tmp_path: Path) -> None:
    store, calls = _store(tmp_path, b"one"), []
    version = current_version(store)
    assert derived(store, version, ("stats",), _count(calls, 1)) == 1
    assert derived(store, version, ("stats",), _count(calls, 2)) == 1  # from the sidecar
    assert calls == [1]
    store = _store(tmp_path, b"two, longer")
    assert derived(store, current_version(store), ("stats",), _count(calls, 3)) == 3
    assert calls == [1, 3]


def test_a_damaged_sidecar_is_recomputed(tmp_path: Path) -> None:
    store, calls = _store(tmp_path, b"one"), []
    version = current_version(store)
    derived(store, version, ("stats",), _count(calls, 1))
    side = sidecar_path(store)
    blob = bytearray(side.read_bytes())
    blob[-1] ^= 0xFF
    side.write_bytes(bytes(blob))
    assert derived(store, version, ("stats",), _count(calls, 2)) == 2
    side.write_bytes(b"garbage")
    assert derived(store, version, ("stats",), _count(calls, 3)) == 3
    assert calls == [1, 2, 3]
