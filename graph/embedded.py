"""The embedded default store: a networkx MultiDiGraph in memory, persisted to one file.

No server: the whole graph lives in one file under the data directory (format and atomic writes:
graph/store_file.py). Every process keeps the whole store in memory, so two writers would each
save their own copy and the last one would win: every write holds an inter-process lock on
`<file>.lock` (graph/locking.py) and first re-reads the file if another process replaced it since
this one loaded it, so concurrent ingests and edits end with the union of their work. Readers take
no lock: the file is only ever replaced by rename, so they see the old or the new version.

Nodes are actor ids; each claim is one edge keyed by its claim id, so all the evidence of an edge
is the set of parallel edges between two nodes.
"""
from __future__ import annotations

import contextlib
import functools
import heapq
import itertools
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, Self, TypeVar, cast

import networkx as nx

from actorgraph.graph.errors import StoreError, UnknownActorError
from actorgraph.graph.gc_pause import gc_paused
from actorgraph.graph.locking import FileVersion, current_version, exclusive, lock_file_for
from actorgraph.graph.merges import (
    MergeRecord,
    merged_actor,
    plan_merge,
    retarget_actor,
    retarget_claim,
    retarget_mention,
)
from actorgraph.graph.model import Actor, Article, Claim, Document, Mention
from actorgraph.graph.names import match_rank, name_keys, search_keys
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
    sort_claims,
    sort_paths,
)
from actorgraph.graph.store_file import MAGIC, Records, atomic_write_bytes, read_store_file, write_store_file  # noqa: F401 (re-exported)
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


class EmbeddedStore:
    """The default store. `EmbeddedStore(path)` loads `path` if it exists; writes save it at once."""

    backend = "embedded"

    def __init__(self, path: Path | str | None = None, vocabulary: Vocabulary | None = None) -> None:
        self.path = Path(path) if path is not None else None
        self.vocabulary = vocabulary or default_vocabulary()
        self._deferred = 0
        self._reset()
        if self.path is not None and self.path.exists():
            with gc_paused():
                self._load(self.path)

    def _reset(self) -> None:
        """Empty every table and index (a fresh store, or before re-reading the file)."""
        self._actors: dict[str, Actor] = {}
        self._articles: dict[str, Article] = {}
        self._claims: dict[str, Claim] = {}
        self._article_claims: dict[str, list[str]] = {}
        self._mentions: dict[str, list[Mention]] = {}
        self._names: dict[str, set[str]] = {}
        self._graph = nx.MultiDiGraph()
        # Undirected index of actor pairs with the number of asserted claims between them: the
        # traversal structure, so that ego networks and paths never scan a hub's claims.
        self._pairs = nx.Graph()
        # Sorted asserted neighbours of busy actors (see `_sorted_neighbours`); a write touching
        # an actor drops its entry.
        self._neighbour_cache: dict[str, list[str]] = {}
        # Identity of the file this memory matches (None: no file); see `_write_lock`.
        self._loaded_version: FileVersion | None = None

    # ------------------------------------------------------------------ persistence
    def _load(self, path: Path) -> None:
        records, self._loaded_version = read_store_file(path)  # the version of the very file read
        self._restore(records)

    def _restore(self, records: Records) -> None:
        for actor in records.actors:
            self._put_actor(actor)
        for article in records.articles:
            self._articles[article.id] = article
        for mention in records.mentions:
            self._mentions.setdefault(mention.article_id, []).append(mention)
        for claim in records.claims:
            self._add_claim(claim)

    def _snapshot(self) -> Records:
        return Records(list(self._actors.values()), list(self._articles.values()),
                        [m for ms in self._mentions.values() for m in ms], list(self._claims.values()))

    @contextlib.contextmanager
    def _write_lock(self, refresh: bool = True) -> Iterator[None]:
        """Hold the store's inter-process lock, with memory brought up to date with the file.

        Another process may have saved the file since this one loaded it (each keeps the whole
        store in memory); re-reading it under the lock, before changing anything, makes the
        result the union of both writers' work instead of the last writer's. Re-entrant: the
        writes inside `deferred_writes` find the lock held and the memory fresh already.
        """
        if self.path is None:
            yield
            return
        waiting = f"waiting for another ingest or edit of {self.path} to finish…"
        with exclusive(lock_file_for(self.path), waiting_message=waiting):
            if refresh and not self._deferred:
                self._refresh()
            yield

    def _refresh(self) -> None:
        """Re-read the file when it is not the one this memory was loaded from or saved to."""
        assert self.path is not None
        if current_version(self.path) == self._loaded_version:
            return
        self._reset()
        if self.path.exists():
            with gc_paused():
                self._load(self.path)

    @contextlib.contextmanager
    def deferred_writes(self) -> Iterator[None]:
        """Group many writes into one save at the end (one atomic file write for a whole ingest).

        Without it every `write_documents` call rewrites the file, which is quadratic in a large
        ingest. A crash inside the block leaves the file as it was before the block. The store
        lock is held for the whole block, so a concurrent ingest waits for this one to finish.
        """
        with self._write_lock():
            self._deferred += 1
            try:
                yield
            finally:
                self._deferred -= 1
            self.save()

    def save(self) -> None:
        """Persist atomically (no-op for an in-memory store or inside `deferred_writes`)."""
        if self.path is None or self._deferred:
            return
        with self._write_lock(refresh=False):
            write_store_file(self.path, self._snapshot())
            self._loaded_version = current_version(self.path)

    # ------------------------------------------------------------------ writes
    def _put_actor(self, actor: Actor) -> None:
        old = self._actors.get(actor.id)
        if old is not None:
            self._unindex(old)
        self._actors[actor.id] = actor
        for name in (*actor.names(), actor.id):
            for key in name_keys(name):
                self._names.setdefault(key, set()).add(actor.id)
        self._graph.add_node(actor.id)
        self._pairs.add_node(actor.id)

    def _unindex(self, actor: Actor) -> None:
        for name in (*actor.names(), actor.id):
            for key in name_keys(name):
                ids = self._names.get(key)
                if ids is not None:
                    ids.discard(actor.id)
                    if not ids:
                        del self._names[key]

    def _remove_actor(self, actor_id: str) -> None:
        self._neighbour_cache.clear()  # the neighbours of every former neighbour change
        self._unindex(self._actors.pop(actor_id))
        self._graph.remove_node(actor_id)
        self._pairs.remove_node(actor_id)

    def _replace_claim(self, claim: Claim) -> None:
        """Swap a stored claim (same id) for `claim`, moving its edge if its ends changed."""
        self._unlink(self._claims[claim.id])
        self._claims[claim.id] = claim
        self._link(claim)

    def _replace_mention(self, mention: Mention) -> None:
        pool = self._mentions.get(mention.article_id, [])
        for i, current in enumerate(pool):
            if current.id == mention.id:
                pool[i] = mention

    def _link(self, claim: Claim) -> None:
        """Add the claim's edge, and count it in the pair index when it is an asserted relation."""
        self._graph.add_edge(claim.subject, claim.object, key=claim.id)
        if claim.subject == claim.object:
            return
        self._forget_neighbours(claim)
        pairs = self._pairs
        if pairs.has_edge(claim.subject, claim.object):
            pairs[claim.subject][claim.object]["asserted"] += claim.polarity == "asserted"
        else:
            pairs.add_edge(claim.subject, claim.object, asserted=int(claim.polarity == "asserted"))

    def _forget_neighbours(self, claim: Claim) -> None:
        if self._neighbour_cache:
            self._neighbour_cache.pop(claim.subject, None)
            self._neighbour_cache.pop(claim.object, None)

    def _unlink(self, claim: Claim) -> None:
        self._graph.remove_edge(claim.subject, claim.object, key=claim.id)
        if claim.subject == claim.object:
            return
        self._forget_neighbours(claim)
        if not (self._graph.has_edge(claim.subject, claim.object) or self._graph.has_edge(claim.object, claim.subject)):
            self._pairs.remove_edge(claim.subject, claim.object)
        else:
            self._pairs[claim.subject][claim.object]["asserted"] -= claim.polarity == "asserted"

    def _add_claim(self, claim: Claim) -> None:
        held = self._claims.get(claim.id)
        if held is not None:  # a claim id is a global key: the claim moves to its new article
            self._unlink(held)
            self._article_claims[held.article_id].remove(held.id)
        self._claims[claim.id] = claim
        self._article_claims.setdefault(claim.article_id, []).append(claim.id)
        self._link(claim)

    def _remove_article_claims(self, article_id: str) -> int:
        ids = self._article_claims.pop(article_id, [])
        for claim_id in ids:
            self._unlink(self._claims.pop(claim_id))
        self._mentions.pop(article_id, None)
        return len(ids)

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
        seen, truncated = breadth_first(
            actor_id, depth, limit,
            lambda current, found, _queue: self._first_neighbours(current, flt, limit + len(found)))
        claims = self._induced_claims(set(seen), flt)
        return Subgraph(tuple(self._actors[a] for a in sorted(seen)), tuple(sort_claims(claims)), truncated)

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
        check_depth(max_hops, MAX_HOPS, "max_hops")
        flt = flt or ASSERTED
        if source not in self._actors or target not in self._actors or source == target:
            return []

        def adjacent(node: str) -> list[str]:
            return self._adjacent(node, flt)

        if shortest:
            routes = shortest_routes(adjacent, source, target, max_hops)
        else:
            routes = simple_routes(adjacent, source, target, max_hops, limit)
        ordered = sorted(routes, key=lambda route: (len(route), route))[:limit]
        return sort_paths(self._path(route, flt) for route in ordered)

    def _path(self, route: tuple[str, ...], flt: ClaimFilter) -> GraphPath:
        hops = tuple(Hop(u, v, tuple(sort_claims(self._keep(list(self._edge_claims(u, v)), flt))))
                     for u, v in itertools.pairwise(route))
        return GraphPath(route, hops)

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
