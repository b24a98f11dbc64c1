"""The actor gazetteer: known actors with their names in both scripts, validated on load.

`data/actors.yaml` maps actor ids to type, ar/en labels, aliases, an optional Wikidata QID,
parent and date-bounded roles. Errors name the file and the key (`actors.sdf.type`).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from actorgraph.graph.config import DATA_DIR, gazetteer_path
from actorgraph.graph.errors import ReferenceDataError
from actorgraph.graph.files import load_yaml
from actorgraph.graph.model import Actor, Role
from actorgraph.graph.names import ranked_keys
from actorgraph.graph.vocabulary import Vocabulary, default_vocabulary

DEFAULT_GAZETTEER = DATA_DIR / "actors.yaml"
ACTOR_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
QID_PATTERN = re.compile(r"^Q[1-9][0-9]*$")
_DATE_PATTERN = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_ACTOR_KEYS = {"type", "labels", "aliases", "wikidata", "parent", "description", "roles"}


@dataclass
class Gazetteer:
    """Known actors, indexed by id, by exact surface name and by Wikidata QID."""

    actors: dict[str, Actor] = field(default_factory=dict)
    source: str = ""
    merged: dict[str, str] = field(default_factory=dict)  # id merged away -> the id it was merged into

    def __post_init__(self) -> None:
        self._by_name: dict[str, list[str]] = {}
        self._by_key: dict[str, dict[str, int]] = {}  # matching key -> {actor id: lowest penalty}
        self._by_qid: dict[str, str] = {}
        for actor in self.actors.values():
            self._index(actor)

    def _index(self, actor: Actor) -> None:
        for name in actor.names():
            ids = self._by_name.setdefault(name, [])
            if actor.id not in ids:
                ids.append(actor.id)
            for key, penalty in ranked_keys(name).items():
                ranks = self._by_key.setdefault(key, {})
                ranks[actor.id] = min(penalty, ranks.get(actor.id, penalty))
        if actor.wikidata:
            self._by_qid[actor.wikidata] = actor.id

    def __contains__(self, actor_id: object) -> bool:
        return isinstance(actor_id, str) and self.get(actor_id) is not None

    def __len__(self) -> int:
        return len(self.actors)

    def get(self, actor_id: str) -> Actor | None:
        """The actor with this id, following merges (an article may still name a merged-away id)."""
        actor = self.actors.get(actor_id)
        if actor is not None or actor_id not in self.merged:
            return actor  # the common case, without the loop's bookkeeping
        seen = set()
        while actor_id not in self.actors and actor_id in self.merged and actor_id not in seen:
            seen.add(actor_id)
            actor_id = self.merged[actor_id]
        return self.actors.get(actor_id)

    def add(self, actor: Actor) -> None:
        self.actors[actor.id] = actor
        self._index(actor)

    def ids_named(self, name: str) -> list[str]:
        """Ids of the actors with exactly this label or alias (several when the name is ambiguous)."""
        return list(self._by_name.get(name.strip(), ()))

    def matches(self, name: str) -> list[tuple[str, int]]:
        """Actors whose normalised keys meet a key of the mention `name`: (id, score), best first.

        The score adds the mention's penalty (proclitics, article, descriptors stripped) to the
        alias's, so "العراقية" prefers Iraq ("العراقية", 1) over Iraqi forces ("القوات العراقية", 2).
        """
        best: dict[str, int] = {}
        for key, penalty in ranked_keys(name, mention=True).items():
            for actor_id, rank in self._by_key.get(key, {}).items():
                score = penalty + rank
                if score < best.get(actor_id, 1 << 30):
                    best[actor_id] = score
        return sorted(best.items(), key=lambda kv: (kv[1], kv[0]))

    def by_wikidata(self, qid: str) -> Actor | None:
        actor_id = self._by_qid.get(qid)
        return self.actors.get(actor_id) if actor_id else None


def _strings(value: Any, path: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
        raise ReferenceDataError(path, key, "must be a list of names")
    return tuple(str(v) for v in value)


def _date(value: Any, path: str, key: str) -> str | None:
    if value is None:
        return None
    text = str(value)
    if not _DATE_PATTERN.match(text):
        raise ReferenceDataError(path, key, f"{text!r} is not an ISO date", "use YYYY, YYYY-MM or YYYY-MM-DD")
    return text


def _roles(value: Any, path: str, key: str, vocabulary: Vocabulary) -> tuple[Role, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise ReferenceDataError(path, key, "must be a list of {relation, object, from, to}")
    roles = []
    for i, spec in enumerate(value):
        where = f"{key}[{i}]"
        if not isinstance(spec, dict) or "relation" not in spec or "object" not in spec:
            raise ReferenceDataError(path, where, "needs 'relation' and 'object'")
        if spec["relation"] not in vocabulary:
            raise ReferenceDataError(path, f"{where}.relation", f"unknown relation {spec['relation']!r}")
        roles.append(Role(vocabulary.term(spec["relation"]).id, str(spec["object"]),
                          _date(spec.get("from"), path, f"{where}.from"), _date(spec.get("to"), path, f"{where}.to")))
    return tuple(roles)


def parse_actor(actor_id: Any, spec: Any, path: str, vocabulary: Vocabulary, where: str, origin: str) -> Actor:
    """Validate one actor declaration (gazetteer entry or inline actor) and build the Actor."""
    if not isinstance(actor_id, str) or not ACTOR_ID_PATTERN.match(actor_id):
        raise ReferenceDataError(path, where, f"actor id {actor_id!r} is not a lowercase slug", "use [a-z0-9._-]")
    if not isinstance(spec, dict):
        raise ReferenceDataError(path, where, "must be a mapping")
    unknown = set(spec) - _ACTOR_KEYS - {"id"}
    if unknown:
        raise ReferenceDataError(path, f"{where}.{sorted(unknown)[0]}", "unknown key",
                                 f"allowed: {', '.join(sorted(_ACTOR_KEYS))}")
    actor_type = spec.get("type")
    if actor_type not in vocabulary.actor_types:
        raise ReferenceDataError(path, f"{where}.type", f"unknown actor type {actor_type!r}",
                                 f"use one of {', '.join(vocabulary.actor_types)}")
    labels = spec.get("labels")
    if not isinstance(labels, dict) or not any(labels.get(k) for k in ("ar", "en")):
        raise ReferenceDataError(path, f"{where}.labels", "needs an 'ar' or 'en' label")
    if set(labels) - {"ar", "en"}:
        raise ReferenceDataError(path, f"{where}.labels", "only 'ar' and 'en' labels are supported")
    qid = spec.get("wikidata")
    if qid is not None and not QID_PATTERN.match(str(qid)):
        raise ReferenceDataError(path, f"{where}.wikidata", f"{qid!r} is not a Wikidata QID", "e.g. Q2429253")
    parent = spec.get("parent")
    if parent is not None and not (isinstance(parent, str) and ACTOR_ID_PATTERN.match(parent)):
        raise ReferenceDataError(path, f"{where}.parent", f"{parent!r} is not an actor id")
    return Actor(
        id=actor_id,
        type=actor_type,
        labels={k: str(v) for k, v in labels.items() if v},
        aliases=_strings(spec.get("aliases"), path, f"{where}.aliases"),
        wikidata=str(qid) if qid else None,
        parent=parent,
        description=spec.get("description"),
        roles=_roles(spec.get("roles"), path, f"{where}.roles", vocabulary),
        origin=origin,
    )


def parse_gazetteer(data: Any, path: str, vocabulary: Vocabulary | None = None) -> Gazetteer:
    vocabulary = vocabulary or default_vocabulary()
    if not isinstance(data, dict) or not isinstance(data.get("actors"), dict):
        raise ReferenceDataError(path, "actors", "must map actor ids to their descriptions")
    actors = {
        actor_id: parse_actor(actor_id, spec, path, vocabulary, f"actors.{actor_id}", "gazetteer")
        for actor_id, spec in data["actors"].items()
    }
    _check_references(actors.values(), actors, path)
    return Gazetteer(actors, source=path, merged=_merged(data.get("merged"), actors, path))


def _merged(value: Any, actors: dict[str, Actor], path: str) -> dict[str, str]:
    """The `merged:` redirects written by `actorgraph actors merge`: old id -> id it now lives under."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ReferenceDataError(path, "merged", "must map merged-away ids to the id they were merged into")
    merged = {str(k): str(v) for k, v in value.items()}
    for old, new in merged.items():
        if old in actors:
            raise ReferenceDataError(path, f"merged.{old}", "is still an actor", "remove the redirect or the actor")
        seen = {old}
        while new in merged and new not in seen:
            seen.add(new)
            new = merged[new]
        if new not in actors:
            raise ReferenceDataError(path, f"merged.{old}", f"points at unknown actor {merged[old]!r}")
    return merged


def _check_references(actors: Iterable[Actor], known: dict[str, Actor], path: str) -> None:
    for actor in actors:
        if actor.parent and actor.parent not in known:
            raise ReferenceDataError(path, f"actors.{actor.id}.parent", f"unknown actor {actor.parent!r}")
        for i, role in enumerate(actor.roles):
            if role.object not in known:
                raise ReferenceDataError(path, f"actors.{actor.id}.roles[{i}].object", f"unknown actor {role.object!r}")


def load_gazetteer(path: Path | str | None = None, vocabulary: Vocabulary | None = None) -> Gazetteer:
    """Load and validate a gazetteer file (the shipped one by default)."""
    path = Path(path) if path else DEFAULT_GAZETTEER
    return parse_gazetteer(load_yaml(path), str(path), vocabulary)


@lru_cache(maxsize=4)
def _gazetteer_parts(path: str, mtime_ns: int) -> tuple[dict[str, Actor], dict[str, str]]:
    loaded = load_gazetteer(path)
    return loaded.actors, loaded.merged


def default_gazetteer() -> Gazetteer:
    """A fresh Gazetteer over the configured actors (`graph.config.gazetteer_path`; reloaded when
    the file changes); callers may add inline actors to it."""
    path = gazetteer_path()
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        mtime = 0  # load_gazetteer reports the missing file with its path
    actors, merged = _gazetteer_parts(str(path), mtime)
    return Gazetteer(dict(actors), source=str(path), merged=dict(merged))
