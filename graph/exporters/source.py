"""What an exporter reads: a whole store, or a subgraph closed over what its claims cite.

Exporters read four lists (`ExportSource`), which every Store already provides. A subgraph (the
explorer's visible network: some actors and the claims among them) is not enough by itself for a
file that stands on its own: a claim names its claimant, the actors it was reported via and the
claim it denies, and its article is needed for titles and evidence. `SubgraphSource` adds those
from the store, so the export of a subgraph is self-contained and valid against the same SHACL
shapes as the export of the whole store: every actor a claim names is described, every denied
claim is present, every claim's article is there. The export of a subgraph that holds the whole
store is the export of the store.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Protocol

from actorgraph.graph.model import Actor, Article, Claim, Mention
from actorgraph.graph.store import ClaimFilter, Store, Subgraph

EVERY_POLARITY = ClaimFilter(polarities=())


class ExportSource(Protocol):
    """The part of the Store protocol the exporters read: every Store (embedded, Neo4j) is one."""

    def actors(self) -> list[Actor]: ...
    def articles(self) -> list[Article]: ...
    def claims(self, flt: ClaimFilter | None = None) -> list[Claim]: ...
    def mentions(self) -> list[Mention]: ...


@dataclass(frozen=True)
class ListSource:
    """Values already in memory as an export source (a generated graph, a test's few claims)."""

    actor_list: Sequence[Actor] = ()
    article_list: Sequence[Article] = ()
    claim_list: Sequence[Claim] = ()
    mention_list: Sequence[Mention] = ()

    def actors(self) -> list[Actor]:
        return list(self.actor_list)

    def articles(self) -> list[Article]:
        return list(self.article_list)

    def claims(self, flt: ClaimFilter | None = None) -> list[Claim]:
        """The claims `flt` accepts (asserted only by default, as a Store answers)."""
        return accepted(self.claim_list, flt, {a.id: a for a in self.actor_list},
                        {a.id: a for a in self.article_list})

    def mentions(self) -> list[Mention]:
        return list(self.mention_list)


def accepted(claims: Iterable[Claim], flt: ClaimFilter | None, actors: Mapping[str, Actor],
             articles: Mapping[str, Article]) -> list[Claim]:
    """The claims `flt` accepts; no filter means asserted claims only, as a Store answers."""
    flt = flt or ClaimFilter()
    return [c for c in claims
            if flt.accepts(c, articles.get(c.article_id), actors.get(c.subject), actors.get(c.object))]


def article_of(claim_id: str) -> str:
    """The article part of a claim id `<article>#<local>`."""
    return claim_id.partition("#")[0]


class SubgraphSource:
    """`subgraph` as an export source, completed from `store` (see the module docstring).

    `articles` may hold the store's articles by id already (the explorer keeps them cached);
    otherwise they are read one by one. Everything is read on first use and kept.
    """

    def __init__(self, store: Store, subgraph: Subgraph, articles: Mapping[str, Article] | None = None) -> None:
        self.store = store
        self.subgraph = subgraph
        self._known_articles = articles

    @cached_property
    def _claims(self) -> list[Claim]:
        """The subgraph's claims, then every claim they deny (and those deny, ...) from the store."""
        claims = {c.id: c for c in self.subgraph.claims}
        wanted = [c.denies for c in claims.values() if c.denies and c.denies not in claims]
        by_article: dict[str, dict[str, Claim]] = {}
        while wanted:
            claim_id = wanted.pop()
            article_id = article_of(claim_id)
            if article_id not in by_article:
                found = self.store.claims(EVERY_POLARITY, article_id=article_id)
                by_article[article_id] = {c.id: c for c in found}
            denied = by_article[article_id].get(claim_id)
            if denied is not None and denied.id not in claims:
                claims[denied.id] = denied
                if denied.denies and denied.denies not in claims:
                    wanted.append(denied.denies)
        return list(claims.values())

    @cached_property
    def _articles(self) -> dict[str, Article]:
        out: dict[str, Article] = {}
        for article_id in sorted({c.article_id for c in self._claims}):
            article = (self._known_articles.get(article_id) if self._known_articles is not None
                       else self.store.get_article(article_id))
            if article is not None:
                out[article_id] = article
        return out

    @cached_property
    def _actors(self) -> dict[str, Actor]:
        """The subgraph's actors, then every other actor a claim names or an article is published by."""
        actors = {a.id: a for a in self.subgraph.actors}
        for actor_id in _cited_actors(self._claims, self._articles.values()):
            if actor_id not in actors:
                actor = self.store.get_actor(actor_id)
                if actor is not None:
                    actors[actor_id] = actor
        return actors

    def actors(self) -> list[Actor]:
        return list(self._actors.values())

    def articles(self) -> list[Article]:
        return list(self._articles.values())

    def claims(self, flt: ClaimFilter | None = None) -> list[Claim]:
        return accepted(self._claims, flt, self._actors, self._articles)

    def mentions(self) -> list[Mention]:
        """The exported actors' mentions in the exported articles."""
        return [m for article_id in self._articles for m in self.store.mentions(article_id=article_id)
                if m.actor_id in self._actors]


def _cited_actors(claims: Iterable[Claim], articles: Iterable[Article]) -> list[str]:
    """Every actor id a claim or an article refers to, in first-seen order."""
    cited: dict[str, None] = {}
    for claim in claims:
        for actor_id in (claim.subject, claim.object, claim.claimant, *claim.reported_via):
            if actor_id:
                cited.setdefault(actor_id, None)
    for article in articles:
        if article.publisher:
            cited.setdefault(article.publisher, None)
    return list(cited)
