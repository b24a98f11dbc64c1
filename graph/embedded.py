"""The embedded default store: a networkx MultiDiGraph in memory, persisted to one file.

No server: the whole graph lives in one file under the data directory (format and atomic writes:
graph/store_file.py; the tables, what is built lazily at load, and saving: graph/embedded_tables.py;
this module: the public writes and reads). Every process keeps the whole store in memory, so two writers would each
save their own copy and the last one would win: every write holds an inter-process lock on
`<file>.lock` (graph/locking.py) and first re-reads the file if another process replaced it since
this one loaded it, so concurrent ingests and edits end with the union of their work. Readers take
no lock: the file is only ever replaced by rename, so they see the old or the new version.

Nodes are actor ids; each claim is one edge keyed by its claim id, so all the evidence of an edge
is the set of parallel edges between two nodes.
"""
from __future__ import annotations

import functools
import heapq
import itertools
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, Self, TypeVar, cast

from actorgraph.graph import embedded_reads
from actorgraph.graph.embedded_tables import StoreTables
from actorgraph.graph.errors import StoreError, UnknownActorError
from actorgraph.graph.merges import (
    MergeRecord,
    merged_actor,
    plan_merge,
    retarget_actor,
    retarget_claim,
    retarget_mention,
)
from actorgraph.graph.model import Actor, Article, Claim, Document, Mention
from actorgraph.graph.names import match_rank, search_keys
from actorgraph.graph.store import (
    ASSERTED,
    DEFAULT_NODE_LIMIT,
    MAX_HOPS,
    ClaimFilter,
    GraphPath,
    Hop,
    Link,
    Stats,
    Subgraph,
    WriteReport,
    breadth_first,
    check_depth,
    keeps_stored,
    links_from_claims,
    route_order,
    sort_claims,
    sort_paths,
)
from actorgraph.graph.store_file import MAGIC, Records, atomic_write_bytes  # noqa: F401 (re-exported)
from actorgraph.graph.traversal import shortest_routes, simple_routes
from actorgraph.graph.vocabulary import Vocabulary, default_vocabulary

T = TypeVar("T")
#: Actors with at least this many neighbours keep a sorted neighbour list between queries.
BUSY_ACTOR = 1_000


def _writer(method: Callable[..., T]) -> Callable[..., T]:
    """Run a store write under the store lock, on memory re-read if another process saved since."""
    @functools.wraps(method)
    def locked(self: EmbeddedStore, *args: Any, **kwargs: Any) -> T:
        with self._write_lock():
            return method(self, *args, **kwargs)
    return locked


class EmbeddedStore(StoreTables):
    """The default store. `EmbeddedStore(path)` loads `path` if it exists; writes save it at once."""

    backend = "embedded"

    def __init__(self, path: Path | str | None = None, vocabulary: Vocabulary | None = None) -> None:
        self.path = Path(path) if path is not None else None
        self.vocabulary = vocabulary or default_vocabulary()
        self._deferred = 0
        self._reset()
        if self.path is not None and self.path.exists():
            self._load(self.path)

    # ------------------------------------------------------------------ writes
    @_writer
    def write_documents(self, documents: Iterable[Document]) -> WriteReport:
        articles = claims = replaced = 0
        kept: list[str] = []
        for document in documents:
            stored = self._articles.get(document.article.id)
            if keeps_stored(stored.origin if stored else None, document.article):
                kept.append(document.article.id)
                continue
            for actor in document.actors:
                if actor.id not in self._actors or self._actors[actor.id].origin != "gazetteer":
                    self._put_actor(actor)
            replaced += self._remove_article_claims(document.article.id)
            self._articles[document.article.id] = document.article
            self._mentions[document.article.id] = list(document.mentions)
            for claim in document.claims:
                for actor_id in (claim.subject, claim.object):
                    if actor_id not in self._actors:
                        raise StoreError(f"claim {claim.id} refers to unknown actor {actor_id!r}")
                self._add_claim(claim)
            articles += 1
            claims += len(document.claims)
        self.save()
        return WriteReport(articles, claims, replaced, tuple(kept))

    @_writer
    def delete_article(self, article_id: str) -> bool:
        if article_id not in self._articles:
            return False
        self._remove_article_claims(article_id)
        del self._articles[article_id]
        self.save()
        return True

    @_writer
    def upsert_actors(self, actors: Iterable[Actor]) -> int:
        count = 0
        for actor in actors:
            self._put_actor(actor)
            count += 1
        self.save()
        return count

    # ------------------------------------------------------------------ review and repair
    def _actor(self, actor_id: str) -> Actor:
        actor = self._actors.get(actor_id)
        if actor is None:
            raise UnknownActorError(actor_id)
        return actor

    @_writer
    def merge_actors(self, keep: str, drop: str) -> MergeRecord:
        record = plan_merge(self._actor(keep), self._actor(drop), self._claims.values(),
                            (m for ms in self._mentions.values() for m in ms), self._actors.values())
        self._put_actor(merged_actor(record.keep_before, record.drop_actor))
        for claim in record.claims:
            self._replace_claim(retarget_claim(claim, drop, keep))
        for mention in record.mentions:
            self._replace_mention(retarget_mention(mention, drop, keep))
        for actor in record.actors:
            self._put_actor(retarget_actor(actor, drop, keep))
        self._remove_actor(drop)
        self.save()
        return record

    @_writer
    def unmerge_actors(self, record: MergeRecord) -> None:
        if record.drop in self._actors:
            raise ValueError(f"actor {record.drop!r} exists: the merge into {record.keep!r} is already undone")
        current_keep = self._actor(record.keep)
        self._put_actor(record.drop_actor)
        self._put_actor(record.restored_keep(current_keep))
        for claim in record.claims:
            if self._claims.get(claim.id) == retarget_claim(claim, record.drop, record.keep):
                self._replace_claim(claim)
        for mention in record.mentions:
            merged = retarget_mention(mention, record.drop, record.keep)
            if merged in self._mentions.get(mention.article_id, ()):
                self._replace_mention(mention)
        for actor in record.actors:
            if self._actors.get(actor.id) == retarget_actor(actor, record.drop, record.keep):
                self._put_actor(actor)
        self.save()

    @_writer
    def add_alias(self, actor_id: str, name: str) -> Actor:
        actor = self._actor(actor_id)
        name = name.strip()
        if not name:
            raise ValueError("an alias cannot be empty")
        if name not in actor.names():
            actor = actor.evolve(aliases=(*actor.aliases, name))
            self._put_actor(actor)
            self.save()
        return actor

    @_writer
    def clear(self) -> None:
        """Empty the store and its file (the store stays attached to its path)."""
        self._reset()
        self.save()

    def close(self) -> None:
        """Nothing to release: every write is already on disk."""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # ------------------------------------------------------------------ reads
    def get_actor(self, actor_id: str) -> Actor | None:
        return self._actors.get(actor_id)

    def actors(self) -> list[Actor]:
        return sorted(self._actors.values(), key=lambda a: a.id)

    def search_actors(self, query: str, limit: int = 20) -> list[Actor]:
        """Actors one of whose name keys equals, starts with or contains a key of the query."""
        keys = search_keys(query)
        if not keys:
            return []
        ranked: dict[str, int] = {}
        for name, ids in self._names.items():
            rank = match_rank(keys, name)
            if rank is None:
                continue
            for actor_id in ids:
                ranked[actor_id] = min(rank, ranked.get(actor_id, 3))
        ordered = sorted(ranked, key=lambda a: (ranked[a], -self._graph.degree(a) if a in self._graph else 0, a))
        return [self._actors[a] for a in ordered[:limit]]

    def get_article(self, article_id: str) -> Article | None:
        return self._articles.get(article_id)

    def articles(self) -> list[Article]:
        return sorted(self._articles.values(), key=lambda a: a.id)

    def mentions(self, *, article_id: str | None = None, actor_id: str | None = None) -> list[Mention]:
        pools = [self._mentions.get(article_id, [])] if article_id else list(self._mentions.values())
        found = [m for pool in pools for m in pool if actor_id is None or m.actor_id == actor_id]
        return sorted(found, key=lambda m: (m.article_id, m.span.start, m.id))

    def _accepts(self, claim: Claim, flt: ClaimFilter) -> bool:
        return flt.accepts(claim, self._articles.get(claim.article_id), self._actors.get(claim.subject),
                           self._actors.get(claim.object))

    def _edge_claims(self, u: str, v: str) -> Iterator[Claim]:
        for source, target in ((u, v), (v, u)):
            data = self._graph.get_edge_data(source, target)
            if data:
                for claim_id in data:  # the edge keys are claim ids (networkx types them Hashable)
                    yield self._claims[cast(str, claim_id)]

    def claims(self, flt: ClaimFilter | None = None, *, subject: str | None = None, predicate: str | None = None,
               object: str | None = None, article_id: str | None = None) -> list[Claim]:
        flt = flt or ClaimFilter(polarities=())
        if article_id is not None:
            pool: Iterable[Claim] = (self._claims[c] for c in self._article_claims.get(article_id, ()))
        elif subject is not None and subject in self._graph:
            pool = (self._claims[k] for _, _, k in self._graph.out_edges(subject, keys=True))
        elif object is not None and object in self._graph:
            pool = (self._claims[k] for _, _, k in self._graph.in_edges(object, keys=True))
        else:
            pool = self._claims.values()
        predicate = self.vocabulary.term(predicate).id if predicate else None
        return sort_claims(
            c for c in pool
            if (subject is None or c.subject == subject) and (object is None or c.object == object)
            and (predicate is None or c.predicate == predicate) and (article_id is None or c.article_id == article_id)
            and self._accepts(c, flt)
        )

    def links(self, predicate: str, *, subject: str | None = None, object: str | None = None,
              flt: ClaimFilter | None = None) -> list[Link]:
        return links_from_claims(self, self.vocabulary, predicate, subject=subject, object=object, flt=flt)

    def _adjacent(self, actor_id: str, flt: ClaimFilter) -> list[str]:
        """Actors linked to `actor_id` by at least one claim passing `flt` (either direction)."""
        around = self._pairs.adj[actor_id] if actor_id in self._pairs else {}
        if flt == ASSERTED:
            return [n for n, data in around.items() if data["asserted"]]
        return [n for n in around if any(self._accepts(c, flt) for c in self._edge_claims(actor_id, n))]

    def _first_neighbours(self, actor_id: str, flt: ClaimFilter, count: int) -> list[str]:
        """The `count` smallest neighbour ids, sorted: a hub's 100,000 neighbours are never fully sorted.

        The BFS skips neighbours already seen and stops at the node limit, so `limit + len(seen)`
        smallest ids always contain every neighbour it can take.
        """
        if flt == ASSERTED and len(self._pairs.adj.get(actor_id, ())) >= BUSY_ACTOR:
            return self._sorted_neighbours(actor_id)[:count]
        candidates = self._adjacent(actor_id, flt)
        if len(candidates) > 4 * count:
            return heapq.nsmallest(count, candidates)
        return sorted(candidates)

    def _sorted_neighbours(self, actor_id: str) -> list[str]:
        """All asserted neighbours of a busy actor, sorted, kept until a write touches the actor.

        Hubs sit in almost every 2-hop neighbourhood, and filtering and ranking a hub's tens of
        thousands of neighbours on every query cost 10-15 ms per hub at a million relations.
        """
        cached = self._neighbour_cache.get(actor_id)
        if cached is None:
            cached = self._neighbour_cache[actor_id] = sorted(self._adjacent(actor_id, ASSERTED))
        return cached

    def neighbourhood(self, actor_id: str, depth: int = 1, flt: ClaimFilter | None = None,
                      limit: int = DEFAULT_NODE_LIMIT) -> Subgraph:
        check_depth(depth)
        flt = flt or ASSERTED
        if actor_id not in self._actors:
            return Subgraph((), ())
        seen, truncated = self._ego_members(actor_id, depth, flt, limit)
        claims = self._induced_claims(set(seen), flt)
        return Subgraph(tuple(self._actors[a] for a in sorted(seen)), tuple(sort_claims(claims)), truncated)

    def _ego_members(self, actor_id: str, depth: int, flt: ClaimFilter, limit: int) -> tuple[dict[str, int], bool]:
        return breadth_first(
            actor_id, depth, limit,
            lambda current, found, _queue: self._first_neighbours(current, flt, limit + len(found)))

    def _induced_claims(self, nodes: set[str], flt: ClaimFilter) -> list[Claim]:
        """Claims among `nodes` passing `flt`, looking up pairs from the small side of each hub.

        Each claim is one edge (u, v) of the multigraph, so every claim is met exactly once.
        """
        claims = self._claims
        found: list[Claim] = []
        for u in nodes:
            successors = self._graph.adj[u]
            targets = [v for v in nodes if v in successors] if len(successors) > len(nodes) else \
                [v for v in successors if v in nodes]
            for v in targets:
                found.extend(map(claims.__getitem__, successors[v]))
        return self._keep(found, flt)

    def _keep(self, claims: list[Claim], flt: ClaimFilter) -> list[Claim]:
        """The claims `flt` accepts; a polarity-only filter (the default) is checked inline.

        An ego network of a million-relation graph collects tens of thousands of claims: looking
        up each claim's article and actors for a filter that reads only the polarity was a third
        of its time.
        """
        if flt == ClaimFilter(polarities=flt.polarities):
            polarities = frozenset(flt.polarities)
            return [c for c in claims if c.polarity in polarities] if polarities else claims
        return [c for c in claims if self._accepts(c, flt)]

    def paths(self, source: str, target: str, max_hops: int = 3, flt: ClaimFilter | None = None,
              limit: int = 20, shortest: bool = False) -> list[GraphPath]:
        flt = flt or ASSERTED
        routes = self._routes(source, target, max_hops, flt, limit, shortest)
        return sort_paths(self._path(route, flt) for route in routes)

    def _routes(self, source: str, target: str, max_hops: int, flt: ClaimFilter, limit: int,
                shortest: bool) -> list[tuple[str, ...]]:
        """The routes `paths` returns, in its order, cut to `limit` before any hop is read."""
        check_depth(max_hops, MAX_HOPS, "max_hops")
        if source not in self._actors or target not in self._actors or source == target:
            return []

        def adjacent(node: str) -> list[str]:
            return self._adjacent(node, flt)

        if shortest:
            routes = shortest_routes(adjacent, source, target, max_hops)
        else:
            routes = simple_routes(adjacent, source, target, max_hops, limit)
        return route_order(routes)[:limit]

    def _path(self, route: tuple[str, ...], flt: ClaimFilter) -> GraphPath:
        hops = tuple(Hop(u, v, tuple(sort_claims(self._keep(list(self._edge_claims(u, v)), flt))))
                     for u, v in itertools.pairwise(route))
        return GraphPath(route, hops)

    # Aggregate first, evidence on demand: graph/embedded_reads.py (the Store protocol says what each returns).
    ego_edges = embedded_reads.ego_edges
    path_edges = embedded_reads.path_edges
    edge_claims = embedded_reads.edge_claims
    edge_summaries = embedded_reads.edge_summaries
    claim_overview = embedded_reads.claim_overview

    def stats(self) -> Stats:
        polarity = Counter(c.polarity for c in self._claims.values())
        asserted = [c for c in self._claims.values() if c.polarity == "asserted"]
        return Stats(
            actors=len(self._actors), articles=len(self._articles), claims=len(self._claims),
            mentions=sum(len(m) for m in self._mentions.values()), asserted=polarity["asserted"],
            denied=polarity["denied"], negated=polarity["negated"],
            relations=len({(c.subject, c.predicate, c.object) for c in asserted}),
            by_predicate=dict(sorted(Counter(c.predicate for c in asserted).items())),
        )
