"""Merging two actors and undoing it exactly: the record, the pure rewrites, and the log file.

A merge moves everything that points at DROP (claims as subject, object, claimant or in
`reported_via`; mentions; other actors' `parent` and role objects) to KEEP, gives KEEP DROP's
names as aliases and removes DROP. The `MergeRecord` keeps the values as they were before, so a
split restores them exactly. Every store implements `merge_actors` / `unmerge_actors` with the
pure functions here, so the backends cannot disagree on what a merge means.

The log (`$ACTORGRAPH_HOME/merges.jsonl`) is append-only: one line per merge, one line per undo.
"""
from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from actorgraph.graph.config import data_home
from actorgraph.graph.errors import StoreError
from actorgraph.graph.locking import append_json_line
from actorgraph.graph.model import Actor, Claim, Mention, Role


def _swap(value: str | None, old: str, new: str) -> str | None:
    return new if value == old else value


def retarget_claim(claim: Claim, old: str, new: str) -> Claim:
    """`claim` with every reference to actor `old` (subject, object, claimant, via) made `new`."""
    return replace(claim, subject=_swap(claim.subject, old, new), object=_swap(claim.object, old, new),
                   claimant=_swap(claim.claimant, old, new),
                   reported_via=tuple(new if v == old else v for v in claim.reported_via))


def claim_refers_to(claim: Claim, actor_id: str) -> bool:
    return actor_id in (claim.subject, claim.object, claim.claimant) or actor_id in claim.reported_via


def retarget_mention(mention: Mention, old: str, new: str) -> Mention:
    return replace(mention, actor_id=_swap(mention.actor_id, old, new))


def retarget_actor(actor: Actor, old: str, new: str) -> Actor:
    """Another actor whose `parent` or role objects point at `old`, pointed at `new` instead."""
    return actor.evolve(parent=_swap(actor.parent, old, new),
                        roles=tuple(replace(r, object=new) if r.object == old else r for r in actor.roles))


def actor_refers_to(actor: Actor, actor_id: str) -> bool:
    return actor.parent == actor_id or any(r.object == actor_id for r in actor.roles)


def merged_actor(keep: Actor, drop: Actor) -> Actor:
    """KEEP after absorbing DROP: DROP's names become aliases, its roles are added, and a missing
    QID or parent is taken from DROP. KEEP's id, type, labels and origin never change."""
    names = set(keep.names())
    aliases = keep.aliases + tuple(n for n in drop.names() if n not in names)
    roles = keep.roles + tuple(r for r in (retarget_role(r, drop.id, keep.id) for r in drop.roles)
                               if r not in keep.roles)
    parent = keep.parent if keep.parent not in (None, drop.id) else drop.parent
    return keep.evolve(aliases=tuple(dict.fromkeys(aliases)), roles=tuple(dict.fromkeys(roles)),
                       wikidata=keep.wikidata or drop.wikidata, parent=None if parent == keep.id else parent)


def retarget_role(role: Role, old: str, new: str) -> Role:
    return replace(role, object=new) if role.object == old else role


@dataclass(frozen=True)
class MergeRecord:
    """What a merge changed, with the values before, so that `unmerge_actors` can restore them.

    `claims`, `mentions` and `actors` hold the ORIGINAL values of every claim, mention and other
    actor the merge rewrote; `keep_before` is KEEP as it was; `drop` is the removed actor.
    """

    keep: str
    drop: str
    keep_before: Actor
    drop_actor: Actor
    claims: tuple[Claim, ...] = ()
    mentions: tuple[Mention, ...] = ()
    actors: tuple[Actor, ...] = ()
    gazetteer: dict[str, Any] | None = None  # the `GazetteerEdit` of the file, when one was edited
    id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    at: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))

    @property
    def keep_after(self) -> Actor:
        return merged_actor(self.keep_before, self.drop_actor)

    def restored_keep(self, current: Actor) -> Actor:
        """KEEP without what the merge gave it, keeping anything added to it since."""
        after = self.keep_after
        added_aliases = set(after.aliases) - set(self.keep_before.aliases)
        added_roles = set(after.roles) - set(self.keep_before.roles)
        return current.evolve(
            aliases=tuple(a for a in current.aliases if a not in added_aliases),
            roles=tuple(r for r in current.roles if r not in added_roles),
            wikidata=self.keep_before.wikidata if current.wikidata == after.wikidata else current.wikidata,
            parent=self.keep_before.parent if current.parent == after.parent else current.parent,
        )

    def to_dict(self) -> dict[str, Any]:
        return {"op": "merge", "id": self.id, "at": self.at, "keep": self.keep, "drop": self.drop,
                "keep_before": self.keep_before.to_dict(), "drop_actor": self.drop_actor.to_dict(),
                "claims": [c.to_dict() for c in self.claims], "mentions": [m.to_dict() for m in self.mentions],
                "actors": [a.to_dict() for a in self.actors], "gazetteer": self.gazetteer}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> MergeRecord:
        return cls(keep=data["keep"], drop=data["drop"], keep_before=Actor.from_dict(data["keep_before"]),
                   drop_actor=Actor.from_dict(data["drop_actor"]),
                   claims=tuple(Claim.from_dict(c) for c in data.get("claims") or ()),
                   mentions=tuple(Mention.from_dict(m) for m in data.get("mentions") or ()),
                   actors=tuple(Actor.from_dict(a) for a in data.get("actors") or ()),
                   gazetteer=data.get("gazetteer"), id=data["id"], at=data["at"])


def plan_merge(keep: Actor, drop: Actor, claims: Iterable[Claim], mentions: Iterable[Mention],
               actors: Iterable[Actor]) -> MergeRecord:
    """The record of merging DROP into KEEP, given everything a store holds that may refer to DROP."""
    if keep.id == drop.id:
        raise ValueError(f"cannot merge actor {keep.id!r} into itself")
    return MergeRecord(
        keep=keep.id, drop=drop.id, keep_before=keep, drop_actor=drop,
        claims=tuple(c for c in claims if claim_refers_to(c, drop.id)),
        mentions=tuple(m for m in mentions if m.actor_id == drop.id),
        actors=tuple(a for a in actors if a.id not in (keep.id, drop.id) and actor_refers_to(a, drop.id)),
    )


def merges_path() -> Path:
    return data_home() / "merges.jsonl"


class MergeLog:
    """The append-only log of merges and their undos (JSON lines)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or merges_path()

    def append(self, record: MergeRecord) -> None:
        self._write(record.to_dict())

    def mark_undone(self, record: MergeRecord) -> None:
        self._write({"op": "unmerge", "id": record.id, "keep": record.keep, "drop": record.drop,
                     "at": datetime.now(UTC).isoformat(timespec="seconds")})

    def _write(self, row: dict[str, Any]) -> None:
        append_json_line(self.path, row)

    def active(self) -> list[MergeRecord]:
        """Merges not undone, oldest first."""
        if not self.path.exists():
            return []
        records: dict[str, MergeRecord] = {}
        for number, line in enumerate(self.path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                if row["op"] == "merge":
                    records[row["id"]] = MergeRecord.from_dict(row)
                else:
                    records.pop(row["id"], None)
            except (ValueError, KeyError, TypeError) as exc:
                raise StoreError(f"{self.path}:{number}: unreadable merge record ({exc})") from None
        return list(records.values())

    def last_merge_of(self, drop: str) -> MergeRecord | None:
        """The latest active merge that removed `drop` (the one `actors split DROP` undoes)."""
        found = [r for r in self.active() if r.drop == drop]
        return found[-1] if found else None
