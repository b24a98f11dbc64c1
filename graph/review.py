"""Review decisions: accept, reject or correct a suggested claim, accept or merge a flagged actor.

Every decision is written to the article file (`Article.source`, a native JSON article; only
the claim or mention it touches changes, see `graph.json_edit`, and the file is replaced
atomically), then to the store (the touched files are read again, so the store says what the
files say; a merge is `graph.actor_edits.merge_actors`, the same operation as `actorgraph actors
merge`: store, gazetteer and merge log), and is appended to the review log
(`$ACTORGRAPH_HOME/review.jsonl`: who, when, what, and the exact edits). `undo` reverts a
decision's edits (refusing when a later decision changed the same values) and records that too.

Two reviewers (two explorer processes, or the explorer and the CLI) take turns through the
cross-process lock of the store (`graph.locking`); inside it the store is loaded afresh, so
nobody writes back a copy that misses the other's decision.
"""
from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from actorgraph.graph import actor_edits
from actorgraph.graph.config import data_home
from actorgraph.graph.errors import ActorGraphError
from actorgraph.graph.files import atomic_write_bytes
from actorgraph.graph.json_edit import (
    delete_item,
    delete_key,
    insert_item,
    removal_range,
    restore_item,
    set_key,
    value_spans,
)
from actorgraph.graph.locking import append_json_line, exclusive
from actorgraph.graph.merges import MergeRecord
from actorgraph.graph.model import POLARITIES, Actor, Claim
from actorgraph.graph.store import ClaimFilter, Store

EVERY_CLAIM = ClaimFilter(polarities=())
ROLES = ("subject", "object")
#: The origin of an actor a reviewer rejected ("not an actor"): no longer in the review queue.
REJECTED = "rejected"


class ReviewError(ActorGraphError):
    """A decision that cannot be applied; the message says why and what to do."""


def review_log_path() -> Path:
    return data_home() / "review.jsonl"


@dataclass(frozen=True)
class Edit:
    """One change to one article file, with what was there before (None: absent)."""

    file: str
    kind: str  # "claim" / "mention" (a whole object, by its id), "mention-actor", "inline-actor"
    target: str  # claim, mention or actor id local to the file
    before: Any
    after: Any
    index: int | None = None  # where a removed claim / added actor sits in its array
    removed: str | None = None  # the exact text a removal cut, so that undo restores it byte for byte
    created_key: bool = False  # the edit added the `actors` key itself (undo removes it again)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class Decision:
    """One reviewer decision as the log keeps it."""

    action: str
    target: str
    who: str
    detail: dict[str, Any] = field(default_factory=dict)
    edits: list[Edit] = field(default_factory=list)
    merge: dict[str, Any] | None = None
    id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    when: str = field(default_factory=lambda: dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
    undoes: str | None = None

    def to_dict(self) -> dict[str, Any]:
        row = dict(self.__dict__)
        row["edits"] = [e.to_dict() for e in self.edits]
        return row

    @classmethod
    def from_dict(cls, row: dict[str, Any]) -> Decision:
        return cls(**{**row, "edits": [Edit(**e) for e in row.get("edits", [])]})


class ReviewLog:
    """The append-only JSONL log of decisions (one whole line each, under the log's lock, fsynced)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or review_log_path()

    def append(self, decision: Decision) -> None:
        append_json_line(self.path, decision.to_dict())

    def decisions(self) -> list[Decision]:
        if not self.path.exists():
            return []
        rows = []
        for number, line in enumerate(self.path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                try:
                    rows.append(Decision.from_dict(json.loads(line)))
                except (ValueError, TypeError) as exc:
                    raise ReviewError(f"{self.path}:{number}: unreadable review log line ({exc}); "
                                      "fix or remove that line") from None
        return rows

    def undone(self) -> set[str]:
        return {d.undoes for d in self.decisions() if d.undoes}


# ------------------------------------------------------------------------------ article files
class ArticleFile:
    """A native JSON article being edited: its text, re-scanned after each change."""

    def __init__(self, path: Path) -> None:
        if path.suffix.lower() != ".json":
            raise ReviewError(f"{path}: only native JSON article files can be edited from the review queue; "
                              "convert it with `actorgraph convert` first")
        try:
            self.text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ReviewError(f"{path}: cannot read the article file ({exc.strerror}); "
                              "was it moved since ingest? ingest it again from its new place") from None
        self.path = path
        self.original = self.text

    def data(self) -> dict[str, Any]:
        return json.loads(self.text)

    def index_of(self, array: str, item_id: str) -> int | None:
        items = self.data().get(array) or []
        return next((i for i, item in enumerate(items) if item.get("id") == item_id), None)

    def save(self) -> None:
        if self.text != self.original:
            mode = self.path.stat().st_mode & 0o777
            atomic_write_bytes(self.path, self.text.encode("utf-8"), mode)
            self.original = self.text


def apply_edit(doc: ArticleFile, edit: Edit, reverse: bool = False) -> str | None:
    """Make the file hold `edit.after` (or `edit.before` when reversing), checking it held the other.

    Returns the exact text a removal cut (kept in the log for a byte-identical undo)."""
    old, new = (edit.after, edit.before) if reverse else (edit.before, edit.after)
    data = doc.data()
    if edit.kind in ("claim", "mention"):  # a whole object of the `claims` or `mentions` array
        array = f"{edit.kind}s"
        index = doc.index_of(array, edit.target)
        current = data[array][index] if index is not None else None
        _check(current, old, edit, doc)
        if index is None:  # absent, as `old` says: put it (back) in, or nothing is to be done
            if new is not None:
                doc.text = _put_back(doc.text, array, edit, new)
        elif new is None:
            start, end, replacement = removal_range(doc.text, (array,), index)
            cut = doc.text[start:end]
            doc.text = doc.text[:start] + replacement + doc.text[end:]
            return cut
        else:
            stored = data[array][index]
            for key in sorted(set(stored) | set(new)):
                if key not in new:
                    doc.text = delete_key(doc.text, (array, index), key)
                elif stored.get(key) != new[key]:
                    doc.text = set_key(doc.text, (array, index), key, new[key])
    elif edit.kind == "mention-actor":
        index = doc.index_of("mentions", edit.target)
        if index is None:
            raise ReviewError(f"{doc.path}: no mention {edit.target!r} any more; ingest the file again")
        _check(data["mentions"][index].get("actor"), old, edit, doc)
        doc.text = delete_key(doc.text, ("mentions", index), "actor") if new is None else \
            set_key(doc.text, ("mentions", index), "actor", new)
        return None
    elif edit.kind == "inline-actor":
        index = doc.index_of("actors", edit.target)
        _check(data["actors"][index] if index is not None else None, old, edit, doc)
        if new is None:
            if index is not None:  # else absent already, as `old` says
                doc.text = delete_key(doc.text, (), "actors") if edit.created_key and len(data["actors"]) == 1 \
                    else delete_item(doc.text, ("actors",), index)
        else:
            if ("actors",) not in value_spans(doc.text):
                doc.text = set_key(doc.text, (), "actors", [])
            doc.text = insert_item(doc.text, ("actors",), len(doc.data()["actors"]), new)
    return None


def _put_back(text: str, array: str, edit: Edit, value: Any) -> str:
    """The removed item back in its array: byte for byte when the array is as the removal left
    it, else (other items of the array were removed or restored since: undo out of order) as a
    re-serialised item at the nearest valid place, never as broken JSON."""
    if edit.removed:
        try:
            restored = restore_item(text, (array,), edit.index or 0, edit.removed)
            if any(item.get("id") == edit.target for item in json.loads(restored).get(array) or []):
                return restored
        except (ValueError, IndexError, KeyError, AttributeError):
            pass
    size = len(json.loads(text).get(array) or [])
    return insert_item(text, (array,), min(edit.index or 0, size), value)


def _check(current: Any, expected: Any, edit: Edit, doc: ArticleFile) -> None:
    if current != expected:
        raise ReviewError(f"{doc.path}: {edit.kind} {edit.target!r} has changed since this decision was made "
                          "(a later decision or an edit by hand); undo the later decision first")


# ------------------------------------------------------------------------------ the reviewer
class Reviewer:
    """Applies decisions under the store's cross-process lock.

    `open_store` returns the store as it is on disk now (for the embedded store: a fresh load),
    `lock_path` is the lock file shared by every writer of that store, `reingest` reads article
    files into a store (the ingest pipeline; passed in so `graph` does not depend on `ingest`).
    """

    def __init__(self, open_store: Callable[[], Store], lock_path: Path, reingest: Callable[[list[Path], Store], None],
                 log: ReviewLog | None = None) -> None:
        self.open_store, self.lock_path, self.reingest = open_store, lock_path, reingest
        self.log = log or ReviewLog()

    # -- the decisions
    def accept_claim(self, claim_id: str, who: str) -> Decision:
        def plan(store: Store, files: _Files) -> list[Edit]:
            claim, doc, raw = self._claim(store, files, claim_id)
            edits = []
            if raw.get("origin") == "extracted":
                edits.append(Edit(str(doc.path), "claim", raw["id"], raw, {**raw, "origin": "annotated"}))
            for actor_id in {claim.subject, claim.object, claim.claimant} - {None}:
                actor = store.get_actor(actor_id)
                if actor is not None and actor.origin == "ingest":
                    edits += _accept_actor_edits(store, files, actor, only_article=claim.article_id)
            if not edits:
                raise ReviewError(f"claim {claim_id} is annotated and names only known actors: nothing to accept")
            return edits
        return self._decide("accept-claim", claim_id, who, {}, plan)

    def reject_claim(self, claim_id: str, who: str) -> Decision:
        def plan(store: Store, files: _Files) -> list[Edit]:
            _, doc, raw = self._claim(store, files, claim_id)
            denying = [c.get("id") for c in doc.data()["claims"] if c.get("denies") == raw["id"]]
            if denying:
                raise ReviewError(f"claim {claim_id} is denied by {', '.join(denying)} in {doc.path}; "
                                  "reject or change those claims first")
            return [Edit(str(doc.path), "claim", raw["id"], raw, None, doc.index_of("claims", raw["id"]))]
        return self._decide("reject-claim", claim_id, who, {}, plan)

    def change_claim(self, claim_id: str, who: str, **changes: str) -> Decision:
        """Set the claim's `predicate`, `polarity`, `subject` or `object` (an actor id) in its file."""
        def plan(store: Store, files: _Files) -> list[Edit]:
            _, doc, raw = self._claim(store, files, claim_id)
            for key, value in changes.items():
                if key not in ("predicate", "polarity", *ROLES):
                    raise ReviewError(f"cannot change {key!r} of a claim; "
                                      "change predicate, polarity, subject or object")
                if key == "polarity" and value not in POLARITIES:
                    raise ReviewError(f"polarity {value!r} is not one of {', '.join(POLARITIES)}")
                if key == "predicate" and value not in getattr(store, "vocabulary", {}):
                    raise ReviewError(f"relation {value!r} is not in the vocabulary")
                if key in ROLES and store.get_actor(value) is None:
                    raise ReviewError(f"no actor with id {value!r}; search the actor and pick it from the list")
            return [Edit(str(doc.path), "claim", raw["id"], raw, {**raw, **changes})]
        return self._decide("change-claim", claim_id, who, dict(changes), plan)

    def accept_actor(self, actor_id: str, who: str) -> Decision:
        def plan(store: Store, files: _Files) -> list[Edit]:
            return _accept_actor_edits(store, files, self._flagged(store, actor_id))
        return self._decide("accept-actor", actor_id, who, {}, plan)

    def reject_actor(self, actor_id: str, who: str) -> Decision:
        """"Not an actor": the flagged actor's mentions leave their article files, and the actor,
        left without mentions, is kept as `origin: rejected` so the queue stops listing it.

        What annotation tools do with a rejected suggestion (INCEpTION's reject, Prodigy's
        reject): the annotation goes, and the rejection is remembered. Refused while a claim
        names the actor or one of its mentions (reject or correct those claims first).
        """
        def plan(store: Store, files: _Files) -> list[Edit]:
            return _reject_actor_edits(store, files, self._flagged(store, actor_id))

        def after(store: Store) -> None:
            actor = store.get_actor(actor_id)
            if actor is not None:
                store.upsert_actors([replace(actor, origin=REJECTED)])
        return self._decide("reject-actor", actor_id, who, {}, plan, after=after)

    def merge_actors(self, keep: str, drop: str, who: str) -> Decision:
        def plan(store: Store, files: _Files) -> list[Edit]:
            if store.get_actor(keep) is None or store.get_actor(drop) is None or keep == drop:
                raise ReviewError(f"cannot merge {drop!r} into {keep!r}: both must be existing, different actors")
            return _relink_edits(store, files, drop, keep)
        return self._decide("merge-actors", drop, who, {"keep": keep, "drop": drop}, plan, merge=(keep, drop))

    def undo(self, decision_id: str, who: str) -> Decision:
        with exclusive(self.lock_path):
            found = {d.id: d for d in self.log.decisions()}
            original = found.get(decision_id)
            if original is None or original.undoes:
                raise ReviewError(f"no decision {decision_id!r} to undo in {self.log.path}")
            if decision_id in self.log.undone():
                raise ReviewError(f"decision {decision_id} was already undone")
            store = self.open_store()
            files = _Files()
            for edit in reversed(original.edits):
                apply_edit(files.get(Path(edit.file)), edit, reverse=True)
            if original.merge:
                actor_edits.undo_merge(store, MergeRecord.from_dict(original.merge))
            files.commit(store, self.reingest, reread=not original.merge)
            if original.action == "reject-actor":
                rejected = store.get_actor(original.target)
                if rejected is not None and rejected.origin == REJECTED:
                    store.upsert_actors([replace(rejected, origin="ingest")])
            decision = Decision("undo", original.target, who, {"action": original.action}, undoes=decision_id)
            self.log.append(decision)
            return decision

    # -- machinery
    def _decide(self, action: str, target: str, who: str, detail: dict[str, Any],
                plan: Callable[[Store, _Files], list[Edit]], merge: tuple[str, str] | None = None,
                after: Callable[[Store], None] | None = None) -> Decision:
        if not who.strip():
            raise ReviewError("say who you are: a reviewer name is recorded with every decision")
        with exclusive(self.lock_path):
            store = self.open_store()
            files = _Files()
            edits = plan(store, files)
            for number, edit in enumerate(edits):
                cut = apply_edit(files.get(Path(edit.file)), edit)
                if cut is not None:
                    edits[number] = replace(edit, removed=cut)
            # A merge is the library's (`graph.actor_edits`): store, gazetteer and merge log together.
            merged = actor_edits.merge_actors(store, *merge) if merge else None
            try:
                files.commit(store, self.reingest, reread=merge is None)
            except BaseException:
                if merged is not None:
                    actor_edits.undo_merge(store, merged.record)
                raise
            if after is not None:
                after(store)
            decision = Decision(action, target, who.strip(), detail, edits, merged.record.to_dict() if merged else None)
            self.log.append(decision)
            return decision

    @staticmethod
    def _claim(store: Store, files: _Files, claim_id: str) -> tuple[Claim, ArticleFile, dict[str, Any]]:
        article_id, _, local = claim_id.partition("#")
        found = store.claims(EVERY_CLAIM, article_id=article_id)
        claim = next((c for c in found if c.id == claim_id), None)
        if claim is None:
            raise ReviewError(f"no claim {claim_id!r} in the store (already rejected, or its article re-ingested?)")
        doc = files.get(_source(store, article_id))
        index = doc.index_of("claims", local)
        if index is None:
            raise ReviewError(f"{doc.path}: no claim {local!r}; the file changed since ingest, ingest it again")
        return claim, doc, doc.data()["claims"][index]

    @staticmethod
    def _flagged(store: Store, actor_id: str) -> Actor:
        actor = store.get_actor(actor_id)
        if actor is None or actor.origin != "ingest":
            raise ReviewError(f"{actor_id!r} is not an actor flagged at ingest (see `actorgraph actors unresolved`)")
        return actor


class _Files:
    """The article files a decision touches, each read once and saved (atomically) at the end."""

    def __init__(self) -> None:
        self.docs: dict[Path, ArticleFile] = {}

    def get(self, path: Path) -> ArticleFile:
        if path not in self.docs:
            self.docs[path] = ArticleFile(path)
        return self.docs[path]

    def __iter__(self) -> Iterator[ArticleFile]:
        return iter(self.docs.values())

    def commit(self, store: Store, reingest: Callable[[list[Path], Store], None], reread: bool) -> None:
        for doc in self:
            json.loads(doc.text)  # never write a file that would not parse
        changed = [doc.path for doc in self if doc.text != doc.original]
        for doc in self:
            doc.save()
        if reread and changed:
            reingest(changed, store)


def _source(store: Store, article_id: str) -> Path:
    article = store.get_article(article_id)
    if article is None or not article.source:
        raise ReviewError(f"article {article_id!r} has no source file recorded; ingest it again from its file")
    if article.format != "native":
        raise ReviewError(f"{article.source}: a {article.format} file; only native JSON articles can be edited "
                          "from the review queue (convert it with `actorgraph convert`)")
    return Path(article.source).resolve()


def _inline_actor(actor: Actor) -> dict[str, Any]:
    spec: dict[str, Any] = {"id": actor.id, "type": actor.type, "labels": dict(actor.labels)}
    if actor.description:
        spec["description"] = actor.description
    return spec


def _accept_actor_edits(store: Store, files: _Files, actor: Actor, only_article: str | None = None) -> list[Edit]:
    """Declare the flagged actor inline in each article naming it, and link those mentions to it."""
    edits = []
    by_article: dict[str, list[str]] = {}
    for mention in store.mentions(actor_id=actor.id):
        if only_article is None or mention.article_id == only_article:
            by_article.setdefault(mention.article_id, []).append(mention.id.partition("#")[2])
    for article_id, mention_ids in sorted(by_article.items()):
        doc = files.get(_source(store, article_id))
        if doc.index_of("actors", actor.id) is None:
            declared = doc.data().get("actors")
            edits.append(Edit(str(doc.path), "inline-actor", actor.id, None, _inline_actor(actor),
                              len(declared or []), created_key=declared is None))
        for local in mention_ids:
            index = doc.index_of("mentions", local)
            if index is not None and doc.data()["mentions"][index].get("actor") != actor.id:
                edits.append(Edit(str(doc.path), "mention-actor", local, doc.data()["mentions"][index].get("actor"),
                                  actor.id))
    return edits


def _relink_edits(store: Store, files: _Files, drop: str, keep: str) -> list[Edit]:
    """Every mention of DROP linked to KEEP, and every claim naming DROP by id renamed, in the files."""
    edits = []
    for mention in store.mentions(actor_id=drop):
        doc = files.get(_source(store, mention.article_id))
        local = mention.id.partition("#")[2]
        index = doc.index_of("mentions", local)
        if index is not None:
            edits.append(Edit(str(doc.path), "mention-actor", local, doc.data()["mentions"][index].get("actor"), keep))
    for claim in store.claims(EVERY_CLAIM):
        if drop not in (claim.subject, claim.object, claim.claimant):
            continue
        doc = files.get(_source(store, claim.article_id))
        index = doc.index_of("claims", claim.id.partition("#")[2])
        raw = doc.data()["claims"][index] if index is not None else None
        if raw and drop in (raw.get("subject"), raw.get("object"), raw.get("claimant")):
            new = {k: (keep if k in ("subject", "object", "claimant") and v == drop else v) for k, v in raw.items()}
            edits.append(Edit(str(doc.path), "claim", raw["id"], raw, new))
    return edits


def _reject_actor_edits(store: Store, files: _Files, actor: Actor) -> list[Edit]:
    """Every mention of the actor removed from its article file (refused while a claim uses it)."""
    edits = []
    by_article: dict[str, list[str]] = {}
    for mention in store.mentions(actor_id=actor.id):
        by_article.setdefault(mention.article_id, []).append(mention.id.partition("#")[2])
    for article_id, locals_ in sorted(by_article.items()):
        doc = files.get(_source(store, article_id))
        names = {actor.id, *(f"@{local}" for local in locals_)}
        using = [c.get("id") for c in doc.data().get("claims") or []
                 if names & {c.get("subject"), c.get("object"), c.get("claimant"), *(c.get("reported_via") or [])}]
        if using:
            raise ReviewError(f"{doc.path}: claim(s) {', '.join(map(str, using))} name {actor.id!r}; "
                              "reject or correct those claims first (or merge the actor into the right one)")
        for local in sorted(locals_, key=lambda m: -(doc.index_of("mentions", m) or 0)):  # last first
            index = doc.index_of("mentions", local)
            if index is not None:
                edits.append(Edit(str(doc.path), "mention", local, doc.data()["mentions"][index], None, index))
    return edits
