"""Actor resolution: which actor a name in an article refers to, and how we know.

Order of evidence, strongest first: an explicit actor id in the annotation, a Wikidata QID, an
exact gazetteer label or alias, then a new actor flagged for review (`origin="ingest"`). Every
mention records which rule linked it, so reviewers and exports can show it.
"""
from __future__ import annotations

import hashlib

from graph.gazetteer import Gazetteer
from graph.model import Actor


def new_actor_id(name: str) -> str:
    """A stable id for an actor first seen as `name` (same name, same id, in any run)."""
    digest = hashlib.sha1(name.strip().encode("utf-8")).hexdigest()[:10]
    return f"new-{digest}"


class Resolver:
    """Links surface names to gazetteer actors; creates review-flagged actors for unknown names."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def resolve(self, name: str, *, actor_id: str | None = None, wikidata: str | None = None,
                actor_type: str = "Collective", language: str = "ar") -> tuple[Actor, str]:
        """The actor for a mention and how it was resolved (one of `graph.model.RESOLUTIONS`).

        Raises KeyError when an explicit `actor_id` is unknown: an explicit link that points
        nowhere is an annotation error, not a new actor.
        """
        if actor_id:
            actor = self.gazetteer.get(actor_id)
            if actor is None:
                raise KeyError(actor_id)
            return actor, "explicit"
        if wikidata:
            actor = self.gazetteer.by_wikidata(wikidata)
            if actor is not None:
                return actor, "wikidata"
        ids = self.gazetteer.ids_named(name)
        if len(ids) == 1:
            return self.gazetteer.actors[ids[0]], "exact-alias"
        return self._new_actor(name, actor_type, language, wikidata), "new"

    def _new_actor(self, name: str, actor_type: str, language: str, wikidata: str | None) -> Actor:
        actor_id = new_actor_id(name)
        existing = self.gazetteer.get(actor_id)
        if existing is not None:
            return existing
        label_language = "ar" if language == "ar" else "en"
        actor = Actor(id=actor_id, type=actor_type, labels={label_language: name.strip()},
                      wikidata=wikidata, origin="ingest")
        self.gazetteer.add(actor)
        return actor
