"""Repairing actors: merge two, split a merge back, add an alias, in the store AND the gazetteer.

One operation changes three things that must agree: the store (claims, mentions, actors), the
gazetteer file (so that the next ingest resolves names the same way) and, for merges, the merge
log (`$ACTORGRAPH_HOME/merges.jsonl`, so that a split can undo a merge exactly). The CLI
(`actorgraph actors merge/split/alias`) and the explorer's review queue both call these
functions, so a repair means the same thing from either front end.

All or nothing: each step registers its undo as it succeeds; when a later step fails, the undos
run in reverse order and the error is raised, so the store, the gazetteer file and the log are
left as they were (the gazetteer byte for byte). Every operation holds the home's write lock
and then the gazetteer's lock (one order everywhere: no deadlock) from before its first read, so
concurrent repairs and ingests take turns; the locks are re-entrant, so a caller that already
holds them (the CLI opens the store inside them) nests freely.
"""
from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from actorgraph.graph.config import gazetteer_path
from actorgraph.graph.errors import ActorGraphError, InputError
from actorgraph.graph.gazetteer_file import GazetteerEdit, GazetteerFile
from actorgraph.graph.locking import exclusive, home_write_lock, lock_file_for
from actorgraph.graph.merges import MergeLog, MergeRecord
from actorgraph.graph.model import Actor
from actorgraph.graph.store import Store
from actorgraph.graph.store_file import atomic_write_bytes

log = logging.getLogger(__name__)


class RollbackError(ActorGraphError):
    """A repair failed AND putting things back failed too: the message says what is left to fix."""


@dataclass(frozen=True)
class MergeResult:
    """What a merge (or its undo) changed: the store's record and the gazetteer edit, if any."""

    action: str  # "merged" or "split"
    record: MergeRecord
    gazetteer: GazetteerEdit | None

    def summary(self) -> dict[str, object]:
        """The plain-data report both front ends show (`--json` prints exactly this)."""
        return {"action": self.action, "keep": self.record.keep, "drop": self.record.drop, "record": self.record.id,
                "claims": len(self.record.claims), "mentions": len(self.record.mentions),
                "actors": len(self.record.actors), "gazetteer": self.gazetteer.path if self.gazetteer else None,
                "aliases_added": list(self.gazetteer.added_aliases) if self.gazetteer else []}


@dataclass(frozen=True)
class AliasResult:
    """The actor after `add_alias`, and where the alias was written."""

    actor: Actor
    alias: str
    gazetteer: Path | None  # None: the actor is not in the gazetteer, only the store changed
    added: tuple[str, ...] = field(default=())  # names the gazetteer did not have yet

    def summary(self) -> dict[str, object]:
        return {"actor": self.actor.id, "aliases": list(self.actor.aliases),
                "gazetteer": str(self.gazetteer) if self.gazetteer else None}


# ------------------------------------------------------------------------------ locking
@contextlib.contextmanager
def edit_lock(gazetteer: Path | None = None) -> Iterator[None]:
    """Hold the home's write lock, then the gazetteer's (when one is edited), for a whole repair."""
    with home_write_lock():
        if gazetteer is None:
            yield
            return
        with exclusive(lock_file_for(gazetteer),
                       waiting_message="waiting for another edit of the gazetteer to finish…"):
            yield


# ------------------------------------------------------------------------------ all or nothing
class _Undo:
    """The undos of the steps done so far; `rollback` runs them newest first."""

    def __init__(self) -> None:
        self._steps: list[tuple[str, Callable[[], object]]] = []

    def push(self, what: str, undo: Callable[[], object]) -> None:
        self._steps.append((what, undo))

    def rollback(self, cause: BaseException) -> None:
        failed = []
        for what, undo in reversed(self._steps):
            try:
                undo()
            except Exception as exc:  # keep undoing the rest; report every step left undone
                log.error("rollback of %s failed: %s", what, exc)
                failed.append(f"{what} ({exc})")
        if failed:
            raise RollbackError(f"{cause}; and undoing it failed for: {'; '.join(failed)} (fix by hand)") from cause


def _save_gazetteer(book: GazetteerFile, undo: _Undo) -> None:
    """Save the edited gazetteer; its undo writes the original bytes back."""
    original = book.path.read_bytes()
    mode = book.path.stat().st_mode & 0o777
    book.save()
    undo.push(f"the gazetteer {book.path}", lambda: atomic_write_bytes(book.path, original, mode=mode))


@contextlib.contextmanager
def _all_or_nothing() -> Iterator[_Undo]:
    undo = _Undo()
    try:
        yield undo
    except BaseException as exc:
        undo.rollback(exc)
        raise


# ------------------------------------------------------------------------------ the operations
def existing_actor(store: Store, actor_id: str, role: str) -> Actor:
    """The actor with exactly this id, or an error naming the argument and how to find the id."""
    actor = store.get_actor(actor_id)
    if actor is None:
        raise InputError(role, "", f"no actor with id {actor_id!r}", "give an exact id (see `actorgraph actors NAME`)")
    return actor


def merge_actors(store: Store, keep: str, drop: str, *, gazetteer: Path | None = None,
                 merge_log: MergeLog | None = None) -> MergeResult:
    """Merge actor DROP into KEEP in the store, the gazetteer (when either is in it) and the log.

    Steps: the gazetteer edit is validated in memory first (an edit that would make the file
    invalid fails before anything changes); then the store merges, the gazetteer is saved and
    the merge is logged, each undone if a later one fails.
    """
    path = gazetteer or gazetteer_path()
    merge_log = merge_log or MergeLog()
    with edit_lock(path):
        keep_actor, drop_actor = existing_actor(store, keep, "KEEP"), existing_actor(store, drop, "DROP")
        book = GazetteerFile(path)
        edit = book.merge(keep_actor, drop_actor) if (keep in book or drop in book) else None
        if edit is not None:
            book.check()
        with _all_or_nothing() as undo:
            record = store.merge_actors(keep, drop)
            undo.push("the store merge", lambda: store.unmerge_actors(record))
            if edit is not None:
                _save_gazetteer(book, undo)
            record = replace(record, gazetteer=edit.to_dict() if edit else None)
            merge_log.append(record)
    return MergeResult("merged", record, edit)


def split_actor(store: Store, drop: str, *, merge_log: MergeLog | None = None) -> MergeResult:
    """Undo the latest merge that removed DROP (`actorgraph actors split DROP`)."""
    merge_log = merge_log or MergeLog()
    with edit_lock():
        record = merge_log.last_merge_of(drop)
        if record is None:
            raise InputError(str(merge_log.path), "", f"no merge of {drop!r} to undo", "see the merges in this file")
        return undo_merge(store, record, merge_log=merge_log)


def undo_merge(store: Store, record: MergeRecord, *, merge_log: MergeLog | None = None) -> MergeResult:
    """Undo one logged merge: the store's values, the gazetteer's entry and aliases, the log's mark."""
    merge_log = merge_log or MergeLog()
    edit = GazetteerEdit.from_dict(record.gazetteer) if record.gazetteer else None
    with edit_lock(Path(edit.path) if edit else None):
        book = GazetteerFile(edit.path) if edit else None
        if book is not None and edit is not None:
            book.unmerge(record.keep, record.drop, edit)
            book.check()
        with _all_or_nothing() as undo:
            store.unmerge_actors(record)
            undo.push("the store split", lambda: store.merge_actors(record.keep, record.drop))
            if book is not None:
                _save_gazetteer(book, undo)
            merge_log.mark_undone(record)
    return MergeResult("split", record, edit)


def add_alias(store: Store, actor_id: str, name: str, *, gazetteer: Path | None = None) -> AliasResult:
    """Add NAME as an alias of the actor, in the gazetteer (when the actor is in it) and the store.

    The gazetteer goes first because its undo is exact (the original bytes); the store's alias
    has no undo, so it is the last step.
    """
    path = gazetteer or gazetteer_path()
    alias = name.strip()
    if not alias:
        raise InputError("NAME", "", "an alias cannot be empty", "give the name as it appears in articles")
    with edit_lock(path):
        existing_actor(store, actor_id, "ACTOR")
        book = GazetteerFile(path)
        listed = actor_id in book
        added: list[str] = []
        with _all_or_nothing() as undo:
            if listed:
                added = book.add_aliases(actor_id, [alias])
                if added:
                    _save_gazetteer(book, undo)
            updated = store.add_alias(actor_id, name)
    return AliasResult(updated, alias, book.path if listed else None, tuple(added))
