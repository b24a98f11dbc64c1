"""`graph.actor_edits`, the repair operations the CLI and the review queue share, on real files.

A real embedded store (the seed article ingested), a real copy of the gazetteer, the real merge
log. The failure tests break a real file the way an operator's machine would (an immutable
gazetteer or log via `chattr +i`, a folder where the log should be) and check that the store,
the gazetteer and the log are left exactly as they were: all or nothing.
"""
from __future__ import annotations

import contextlib
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from actorgraph.graph import actor_edits
from actorgraph.graph.embedded import EmbeddedStore
from actorgraph.graph.errors import InputError
from actorgraph.graph.merges import MergeLog
from actorgraph.graph.store import ClaimFilter
from actorgraph.ingest.pipeline import ingest_paths
from tests.conftest import ROOT, SEED_ARTICLE

EVERYTHING = ClaimFilter(polarities=())


@pytest.fixture
def home(tmp_path: Path, isolated_home: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """The seed ingested into the home's store, with a private gazetteer copy that ingest read."""
    gazetteer = tmp_path / "actors.yaml"
    shutil.copy(ROOT / "data" / "actors.yaml", gazetteer)
    monkeypatch.setenv("ACTORGRAPH_GAZETTEER", str(gazetteer))
    isolated_home.mkdir(parents=True, exist_ok=True)
    store_path = isolated_home / "graph.msgpack"
    with EmbeddedStore(store_path) as store:
        assert ingest_paths([SEED_ARTICLE], store).ok
    return {"store": store_path, "gazetteer": gazetteer, "log": isolated_home / "merges.jsonl"}


def state(paths: dict[str, Path]) -> tuple[object, ...]:
    """Everything a repair may change, read back from disk: store contents, gazetteer bytes, log."""
    with EmbeddedStore(paths["store"]) as store:
        actors = [a.to_dict() for a in store.actors()]
        claims = sorted((c.to_dict() for c in store.claims(EVERYTHING)), key=lambda c: c["id"])
        mentions = sorted((m.to_dict() for m in store.mentions()), key=lambda m: m["id"])
    log = paths["log"].read_bytes() if paths["log"].is_file() else None
    return actors, claims, mentions, paths["gazetteer"].read_bytes(), log


@contextlib.contextmanager
def immutable(path: Path) -> Iterator[None]:
    """Make `path` impossible to replace or append to, even for root (the tests may run as root)."""
    if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
        pytest.skip(f"chattr +i is not supported on the file system of {path}")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def test_merge_and_split_change_store_gazetteer_and_log_together(home: dict[str, Path]) -> None:
    before = state(home)
    with EmbeddedStore(home["store"]) as store:
        merged = actor_edits.merge_actors(store, "sdf", "hat-forces")
    # Counted in the seed: hat-forces is the subject of one claim and is named twice.
    assert merged.summary() == {"action": "merged", "keep": "sdf", "drop": "hat-forces", "record": merged.record.id,
                                "claims": 1, "mentions": 2, "actors": 0, "gazetteer": str(home["gazetteer"]),
                                "aliases_added": merged.gazetteer.added_aliases if merged.gazetteer else []}
    assert "HAT" in merged.summary()["aliases_added"]  # type: ignore[operator]
    with EmbeddedStore(home["store"]) as store:
        assert store.get_actor("hat-forces") is None and "HAT" in store.get_actor("sdf").aliases  # type: ignore[union-attr]
    assert "merged:\n  hat-forces: sdf" in home["gazetteer"].read_text(encoding="utf-8")
    assert [r.id for r in MergeLog(home["log"]).active()] == [merged.record.id]

    with EmbeddedStore(home["store"]) as store:
        split = actor_edits.split_actor(store, "hat-forces")
    assert split.action == "split" and split.record.id == merged.record.id
    actors, claims, mentions, gazetteer, _ = state(home)
    assert (actors, claims, mentions, gazetteer) == before[:4]
    assert MergeLog(home["log"]).active() == []


def test_a_gazetteer_that_cannot_be_written_leaves_the_store_and_the_log_unchanged(home: dict[str, Path]) -> None:
    before = state(home)
    with immutable(home["gazetteer"]), EmbeddedStore(home["store"]) as store:
        with pytest.raises(PermissionError):
            actor_edits.merge_actors(store, "sdf", "hat-forces")  # the store merged first, then was put back
    assert state(home) == before


def test_a_log_that_cannot_be_written_undoes_the_store_and_the_gazetteer(home: dict[str, Path]) -> None:
    home["log"].mkdir()  # a folder where the log file should be: the last step fails
    before = state(home)
    with EmbeddedStore(home["store"]) as store:
        with pytest.raises(IsADirectoryError):
            actor_edits.merge_actors(store, "sdf", "hat-forces")
    assert state(home) == before  # the gazetteer byte for byte, the store merge undone


def test_a_split_whose_log_cannot_be_marked_keeps_the_merge(home: dict[str, Path]) -> None:
    with EmbeddedStore(home["store"]) as store:
        actor_edits.merge_actors(store, "sdf", "hat-forces")
    merged = state(home)
    with immutable(home["log"]), EmbeddedStore(home["store"]) as store:
        with pytest.raises(PermissionError):
            actor_edits.split_actor(store, "hat-forces")  # store and gazetteer were split, then merged again
    actors, claims, mentions, gazetteer, log = state(home)
    assert (claims, mentions, gazetteer, log) == merged[1:]
    assert [a["id"] for a in actors] == [a["id"] for a in merged[0]]  # type: ignore[index]
    with EmbeddedStore(home["store"]) as store:
        assert store.get_actor("hat-forces") is None
        assert actor_edits.split_actor(store, "hat-forces").action == "split"  # the logged merge is still undoable


def test_alias_goes_to_gazetteer_and_store_or_to_neither(home: dict[str, Path]) -> None:
    before = state(home)
    with EmbeddedStore(home["store"]) as store:
        with pytest.raises(InputError, match="an alias cannot be empty"):
            actor_edits.add_alias(store, "isis", "  ")
        with pytest.raises(InputError, match="no actor with id 'nobody'"):
            actor_edits.add_alias(store, "nobody", "X")
    assert state(home) == before
    with immutable(home["gazetteer"]), EmbeddedStore(home["store"]) as store:
        with pytest.raises(PermissionError):
            actor_edits.add_alias(store, "isis", "دولة الخلافة المزعومة")
    assert state(home) == before
    with EmbeddedStore(home["store"]) as store:
        result = actor_edits.add_alias(store, "isis", " دولة الخلافة المزعومة ")
    assert (result.alias, result.added, result.gazetteer) == ("دولة الخلافة المزعومة", ("دولة الخلافة المزعومة",),
                                                              home["gazetteer"])
    with EmbeddedStore(home["store"]) as store:
        assert store.get_actor("isis").aliases[-1] == "دولة الخلافة المزعومة"  # type: ignore[union-attr]
    assert "دولة الخلافة المزعومة" in home["gazetteer"].read_text(encoding="utf-8")
