"""Editing the gazetteer file in place: aliases, merges and their undo, comments kept.

`data/actors.yaml` is hand-written and commented, so edits go through ruamel.yaml's round-trip
mode, which keeps comments, key order, quoting and flow lists (an unedited file round-trips byte
for byte). Every edit is validated with the normal gazetteer parser before it is written, and
written atomically (temp file, fsync, rename), so the file is never left half-edited or invalid.
A merge returns a `GazetteerEdit` that is logged with the merge and replayed backwards by a split.
"""
from __future__ import annotations

import io
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from actorgraph.graph.errors import ReferenceDataError, StoreError
from actorgraph.graph.files import atomic_write_bytes, refuse_aliases
from actorgraph.graph.gazetteer import parse_gazetteer
from actorgraph.graph.locking import current_version, exclusive, file_version, lock_file_for
from actorgraph.graph.model import Actor


def _yaml() -> YAML:
    yaml = YAML()
    yaml.width = 4096
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.representer.add_representer(type(None), lambda r, _: r.represent_scalar("tag:yaml.org,2002:null", "null"))
    return yaml


@dataclass
class GazetteerEdit:
    """What a merge changed in the file: enough to put it back."""

    path: str
    added_aliases: list[str] = field(default_factory=list)
    removed_entry: dict[str, Any] | None = None  # {"index": i, "yaml": text} of DROP's entry, comments included
    parents: list[str] = field(default_factory=list)  # ids whose parent went DROP -> KEEP
    roles: list[list[Any]] = field(default_factory=list)  # [id, role index] whose object went DROP -> KEEP
    redirect_section: bool = False  # the merge created the file's `merged:` section

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GazetteerEdit:
        return cls(**data)


class GazetteerFile:
    """One gazetteer file, loaded for editing; `save()` validates and writes it atomically."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._yaml = _yaml()
        try:
            with self.path.open("rb") as handle:
                self._version = file_version(os.fstat(handle.fileno()))
                text = handle.read().decode("utf-8")
            refuse_aliases(text, str(self.path), ReferenceDataError)
            self.data = self._yaml.load(text)
        except OSError as exc:
            raise ReferenceDataError(str(self.path), "", f"cannot be read: {exc.strerror}") from None
        if not isinstance(self.data, CommentedMap) or not isinstance(self.data.get("actors"), CommentedMap):
            raise ReferenceDataError(str(self.path), "actors", "must map actor ids to their descriptions")
        self.actors: CommentedMap = self.data["actors"]

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self.actors

    def _dump(self, data: Any) -> str:
        buffer = io.StringIO()
        self._yaml.dump(data, buffer)
        return buffer.getvalue()

    def check(self) -> str:
        """The file's new text, validated like any gazetteer (ReferenceDataError when invalid)."""
        text = self._dump(self.data)
        parse_gazetteer(YAML(typ="safe").load(text), str(self.path))
        return text

    def save(self) -> None:
        """Validate, then write atomically: an invalid edit never reaches the disk.

        Under the file's lock, and only if no other process replaced the file since it was read
        here: saving this copy would silently drop the other process's edit. (The CLI holds the
        lock from before the read, so this never fires there; it guards other callers.)
        """
        text = self.check().encode("utf-8")
        with exclusive(lock_file_for(self.path), waiting_message=f"waiting for another edit of {self.path}…"):
            if current_version(self.path) != self._version:
                raise StoreError(f"{self.path}: changed by another process since it was read; nothing was saved"
                                 " (run the command again)")
            atomic_write_bytes(self.path, text, mode=0o644)
            self._version = current_version(self.path)

    def _aliases(self, actor_id: str) -> CommentedSeq:
        entry = self.actors[actor_id]
        if not isinstance(entry.get("aliases"), list):
            seq = CommentedSeq()
            seq.fa.set_flow_style()
            entry["aliases"] = seq
        return entry["aliases"]

    def _names(self, actor_id: str) -> set[str]:
        entry = self.actors[actor_id]
        labels = entry.get("labels") or {}
        return {str(v) for v in (*labels.values(), *(entry.get("aliases") or ()))}

    def add_aliases(self, actor_id: str, names: list[str]) -> list[str]:
        """Append the names the actor does not have yet; return those added."""
        known = self._names(actor_id)
        added = [n for n in dict.fromkeys(names) if n not in known]
        self._aliases(actor_id).extend(added)
        return added

    def remove_aliases(self, actor_id: str, names: list[str]) -> None:
        aliases = self._aliases(actor_id)
        for name in names:
            while name in aliases:
                aliases.remove(name)

    def merge(self, keep: Actor, drop: Actor) -> GazetteerEdit:
        """Give KEEP DROP's names, point references to DROP at KEEP, and remove DROP's entry."""
        if keep.id not in self.actors:
            raise ReferenceDataError(str(self.path), f"actors.{keep.id}", "KEEP is not in the gazetteer",
                                     f"keep the gazetteer actor: `actors merge {drop.id} {keep.id}`"
                                     if drop.id in self.actors else "add it to the gazetteer first")
        edit = GazetteerEdit(str(self.path), added_aliases=self.add_aliases(keep.id, list(drop.names())))
        if drop.id in self.actors:
            index = list(self.actors).index(drop.id)
            edit.removed_entry = {"index": index, "yaml": self._dump({drop.id: self.actors[drop.id]})}
            del self.actors[drop.id]
        for actor_id, entry in self.actors.items():
            if entry.get("parent") == drop.id:
                entry["parent"] = keep.id
                edit.parents.append(actor_id)
            for i, role in enumerate(entry.get("roles") or ()):
                if isinstance(role, dict) and role.get("object") == drop.id:
                    role["object"] = keep.id
                    edit.roles.append([actor_id, i])
        if not isinstance(self.data.get("merged"), dict):
            self.data["merged"] = CommentedMap()
            edit.redirect_section = True
        self.data["merged"][drop.id] = keep.id  # articles that name DROP by id now read KEEP
        return edit

    def unmerge(self, keep: str, drop: str, edit: GazetteerEdit) -> None:
        """Undo `merge`: DROP's entry back in its place, KEEP's added aliases and references undone."""
        if drop in self.actors:
            raise ReferenceDataError(str(self.path), f"actors.{drop}", "is already in the gazetteer")
        redirects = self.data.get("merged")
        if isinstance(redirects, dict):
            redirects.pop(drop, None)
            if edit.redirect_section and not redirects:
                del self.data["merged"]
        if keep in self.actors:
            self.remove_aliases(keep, edit.added_aliases)
        if edit.removed_entry is not None:
            index = min(edit.removed_entry["index"], len(self.actors))
            self.actors.insert(index, drop, self._yaml.load(edit.removed_entry["yaml"])[drop])
        for actor_id in edit.parents:
            if actor_id in self.actors and self.actors[actor_id].get("parent") == keep:
                self.actors[actor_id]["parent"] = drop
        for actor_id, i in edit.roles:
            roles = self.actors[actor_id].get("roles") if actor_id in self.actors else None
            if roles and i < len(roles) and roles[i].get("object") == keep:
                roles[i]["object"] = drop
