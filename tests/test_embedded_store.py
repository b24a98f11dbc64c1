"""Embedded-store specifics: persistence is atomic and loading refuses anything but plain data.

Query semantics shared with Neo4j live in test_store_contract.py.
"""
from __future__ import annotations

import json
import os
import pickle
from pathlib import Path

import pytest

from actorgraph.graph.embedded import MAGIC, EmbeddedStore
from actorgraph.graph.errors import StoreError
from actorgraph.graph.store import ClaimFilter
from actorgraph.ingest.pipeline import ingest_paths
from tests.articles import small_article


def seed_store(tmp_path: Path) -> EmbeddedStore:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.json").write_text(json.dumps(small_article(), ensure_ascii=False), encoding="utf-8")
    store = EmbeddedStore(tmp_path / "graph.msgpack")
    ingest_paths([tmp_path / "in"], store)
    return store


def test_store_reloads_from_its_file(tmp_path: Path) -> None:
    store = seed_store(tmp_path)
    again = EmbeddedStore(tmp_path / "graph.msgpack")
    assert again.claims() == store.claims()
    assert again.stats() == store.stats()
    assert oct(os.stat(tmp_path / "graph.msgpack").st_mode & 0o777) == "0o600"


def test_failed_write_leaves_the_old_file_intact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = seed_store(tmp_path)
    before = (tmp_path / "graph.msgpack").read_bytes()

    def fail_midway(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", fail_midway)
    with pytest.raises(OSError):
        store.delete_article("test-article")
    assert (tmp_path / "graph.msgpack").read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    assert len(EmbeddedStore(tmp_path / "graph.msgpack").claims()) == 2


def test_loading_refuses_pickled_code(tmp_path: Path) -> None:
    path = tmp_path / "evil.pickle"
    path.write_bytes(pickle.dumps(os.system))
    with pytest.raises(StoreError, match=r"refusing to load posix\.system"):
        EmbeddedStore(path)


def test_truncated_file_is_a_clear_error(tmp_path: Path) -> None:
    seed_store(tmp_path)
    path = tmp_path / "graph.msgpack"
    path.write_bytes(path.read_bytes()[:50])
    with pytest.raises(StoreError, match="cannot open the embedded store"):
        EmbeddedStore(path)


def test_clear_empties_the_file_too(tmp_path: Path) -> None:
    store = seed_store(tmp_path)
    store.clear()
    assert store.path == tmp_path / "graph.msgpack"
    assert EmbeddedStore(tmp_path / "graph.msgpack").stats().claims == 0
    ingest_paths([tmp_path / "in"], store)
    assert len(EmbeddedStore(tmp_path / "graph.msgpack").claims()) == 2


def test_format_1_pickle_files_still_load(tmp_path: Path) -> None:
    """Stores saved before the MessagePack format (a pickle of plain dicts) open unchanged, and are rewritten."""
    source = seed_store(tmp_path)
    old = tmp_path / "old.pickle"
    snapshot = {
        "format": 1,
        "actors": [a.to_dict() for a in source.actors()],
        "articles": [a.to_dict() for a in source.articles()],
        "mentions": [m.to_dict() for m in source.mentions()],
        "claims": [c.to_dict() for c in source.claims(ClaimFilter(polarities=()))],
    }
    old.write_bytes(pickle.dumps(snapshot, protocol=pickle.HIGHEST_PROTOCOL))
    loaded = EmbeddedStore(old)
    assert loaded.actors() == source.actors()
    assert loaded.articles() == source.articles()
    assert loaded.mentions() == source.mentions()
    assert loaded.claims(ClaimFilter(polarities=())) == source.claims(ClaimFilter(polarities=()))
    loaded.save()
    assert old.read_bytes().startswith(MAGIC)
    assert EmbeddedStore(old).claims(ClaimFilter(polarities=())) == source.claims(ClaimFilter(polarities=()))
