"""Actor resolution: which actor a name in an article refers to, and how we know.

Order of evidence, strongest first (the `how` values of `graph.model.RESOLUTIONS`):

1. `explicit`: the annotation links the mention to an actor id;
2. `wikidata`: the annotation gives a QID that a known actor carries;
3. `exact-alias`: the surface text is exactly one actor's label or alias;
4. `normalised-alias`: a normalised key of the text (diacritics, hamza, proclitics, article and
   descriptors folded, see `graph.names`) meets one actor's keys with a strictly best score;
5. `anaphora`: the text is only a descriptor ("التنظيم", "الميليشيا") and an earlier mention in
   the same article used that descriptor with a name ("تنظيم داعش"): it refers to that actor;
6. `new`: a new actor, `origin="ingest"`, for review (`actorgraph actors unresolved`).

`flagged_actors` / `unresolved_report` are that review's input: the actors ingest had to create,
with their mentions and the reviewed actors their names nearly match (the CLI's `actors
unresolved` and the explorer's review queue show the same list).

Ambiguity is never settled silently: when several actors tie (two people called "محمد علي"), or
a bare descriptor has no antecedent, the mention gets a new review-flagged actor whose
description lists the candidates. A mention carrying a QID never links by name to an actor with
a different QID.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from actorgraph.graph.gazetteer import Gazetteer
from actorgraph.graph.model import Actor, Mention
from actorgraph.graph.names import bare_descriptor, leading_descriptor
from actorgraph.graph.review import REJECTED
from actorgraph.graph.store import Store

#: (surface text, actor id) of the mentions before this one in the same article, in text order.
Antecedents = Sequence[tuple[str, str]]


def new_actor_id(name: str) -> str:
    """A stable id for an actor first seen as `name` (same name, same id, in any run)."""
    digest = hashlib.sha1(name.strip().encode("utf-8")).hexdigest()[:10]
    return f"new-{digest}"


#: The shape of the ids `new_actor_id` makes: a tool export of extracted or ingested articles links its
#: entities to them, and reading the export back must recreate those actors, not refuse the link.
NEW_ACTOR_ID = re.compile(r"^new-[0-9a-f]{10}$")


class Resolver:
    """Links surface names to gazetteer actors; creates review-flagged actors for unknown names."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def resolve(self, name: str, *, actor_id: str | None = None, wikidata: str | None = None,
                actor_type: str = "Collective", language: str = "ar",
                antecedents: Antecedents = ()) -> tuple[Actor, str]:
        """The actor for a mention and how it was resolved (one of `graph.model.RESOLUTIONS`).

        Raises KeyError when an explicit `actor_id` is unknown: an explicit link that points
        nowhere is an annotation error, not a new actor.
        """
        if actor_id:
            actor = self.gazetteer.get(actor_id)
            if actor is not None:
                return actor, "explicit"
            if NEW_ACTOR_ID.match(actor_id):
                return self._flagged_actor(actor_id, name, actor_type, language, None, None), "new"
            raise KeyError(actor_id)
        if wikidata:
            actor = self.gazetteer.by_wikidata(wikidata)
            if actor is not None:
                return actor, "wikidata"
        if bare_descriptor(name) is not None:
            return self._anaphor(name, antecedents, actor_type, language, wikidata)
        exact = self._compatible(self.gazetteer.ids_named(name), wikidata)
        if len(exact) == 1:
            return self.gazetteer.actors[exact[0]], "exact-alias"
        if len(exact) > 1:
            return self._new_actor(name, actor_type, language, wikidata, exact), "new"
        scored = [(i, s) for i, s in self.gazetteer.matches(name) if self._compatible([i], wikidata)]
        best = [i for i, s in scored if s == scored[0][1]] if scored else []
        if len(best) == 1:
            return self.gazetteer.actors[best[0]], "normalised-alias"
        return self._new_actor(name, actor_type, language, wikidata, best), "new"

    def candidates(self, name: str, limit: int = 5) -> list[tuple[Actor, int]]:
        """Near misses for a name (actors whose keys meet the name's), best score first."""
        return [(self.gazetteer.actors[i], s) for i, s in self.gazetteer.matches(name)[:limit]]

    def _compatible(self, ids: list[str], wikidata: str | None) -> list[str]:
        """Drop actors whose QID contradicts the mention's: different QIDs, different actors."""
        if not wikidata:
            return ids
        return [i for i in ids if self.gazetteer.actors[i].wikidata in (None, wikidata)]

    def _anaphor(self, name: str, antecedents: Antecedents, actor_type: str, language: str,
                 wikidata: str | None) -> tuple[Actor, str]:
        descriptor = bare_descriptor(name)
        for surface, antecedent_id in reversed(antecedents):
            if descriptor in (leading_descriptor(surface), bare_descriptor(surface)):
                actor = self.gazetteer.get(antecedent_id)
                if actor is not None:
                    return actor, "anaphora"
        return self._new_actor(name, actor_type, language, wikidata, [], anaphor=True), "new"

    def _new_actor(self, name: str, actor_type: str, language: str, wikidata: str | None,
                   ambiguous: list[str], anaphor: bool = False) -> Actor:
        actor_id = new_actor_id(f"{name}|{wikidata}" if wikidata else name)
        existing = self.gazetteer.get(actor_id)
        if existing is not None:
            return existing
        if ambiguous:
            note = f"ambiguous name: matches {', '.join(ambiguous)} (link the mention by id or QID)"
        elif anaphor:
            note = "descriptor without an earlier named mention in the article (link the mention by id)"
        else:
            note = None
        return self._flagged_actor(actor_id, name, actor_type, language, wikidata, note)

    def _flagged_actor(self, actor_id: str, name: str, actor_type: str, language: str, wikidata: str | None,
                       note: str | None) -> Actor:
        """An actor nobody listed, added to the gazetteer in memory and flagged for review (`origin: ingest`)."""
        label_language = "ar" if language == "ar" else "en"
        actor = Actor(id=actor_id, type=actor_type, labels={label_language: name.strip()},
                      wikidata=wikidata, description=note, origin="ingest")
        self.gazetteer.add(actor)
        return actor


# ---------------------------------------------------------------------------------- the review report
@dataclass(frozen=True)
class FlaggedActor:
    """An actor ingest created (no gazetteer entry matched), what names it, and its near misses."""

    actor: Actor
    mentions: tuple[Mention, ...]
    candidates: tuple[tuple[str, int], ...]  # (actor id, match score: lower is closer)


def flagged_actors(store: Store) -> list[FlaggedActor]:
    """Ingest-created actors with their mentions and the reviewed actors their names nearly match
    (gazetteer and inline actors, as the store holds them)."""
    everyone = store.actors()
    resolver = Resolver(Gazetteer({a.id: a for a in everyone if a.origin not in ("ingest", REJECTED)}))
    found = []
    for actor in everyone:
        if actor.origin != "ingest":
            continue
        near: dict[str, int] = {}
        for name in actor.names():
            for candidate, score in resolver.candidates(name):
                if candidate.id != actor.id:
                    near.setdefault(candidate.id, score)
        found.append(FlaggedActor(actor, tuple(store.mentions(actor_id=actor.id)),
                                  tuple(sorted(near.items(), key=lambda kv: (kv[1], kv[0])))))
    return found


def unresolved_report(store: Store) -> list[dict[str, Any]]:
    """`flagged_actors` as plain data (what `actorgraph actors unresolved --json` prints)."""
    return [{"id": f.actor.id, "name": f.actor.name, "note": f.actor.description,
             "mentions": [{"article": m.article_id, "text": m.span.text, "start": m.span.start,
                           "resolution": m.resolution} for m in f.mentions],
             "candidates": [{"id": i, "score": s} for i, s in f.candidates]} for f in flagged_actors(store)]
