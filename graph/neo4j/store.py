"""The Neo4j store: the Store protocol over a real Neo4j 5.x server, with the embedded store's answers.

Teams load the graph into Neo4j to query it with Cypher, share it and explore it with Neo4j's
own tools, so the graph is stored the way a Cypher user expects (see `graph.neo4j.queries` for
the model) while every Store method answers exactly what `EmbeddedStore` answers: claims are
fetched with parameterised Cypher and pass through the same `ClaimFilter.accepts`, ordering goes
through the same `sort_claims`/`sort_paths`, and traversals run the same breadth-first search
(`graph.store.breadth_first`) with the same node limit.

Under the default filter (asserted claims only) traversals walk the direct actor-to-actor edges,
which carry exactly the asserted claims: ego levels read only the first `limit + 1` neighbour ids
of a few queued actors per round trip, shortest paths are one `allShortestPaths` statement, and
only the claims of the result are fetched. Other filters read the claims around each level and
decide them with `ClaimFilter.accepts`, then search the fetched part with networkx.
"""
from __future__ import annotations

import contextlib
import itertools
import json
import logging
from collections import deque
from collections.abc import Callable, Iterable
from typing import Any, Self, TypeVar

from neo4j import Driver, ManagedTransaction, unit_of_work
from neo4j.exceptions import Forbidden, Neo4jError

from actorgraph.graph.config import neo4j_read_timeout
from actorgraph.graph.errors import StoreError
from actorgraph.graph.merges import MergeRecord
from actorgraph.graph.model import Actor, Article, Claim, Document, Mention
from actorgraph.graph.names import match_rank, search_keys
from actorgraph.graph.neo4j import aggregates
from actorgraph.graph.neo4j import queries as q
from actorgraph.graph.neo4j.edge_props import fill_missing, summaries_missing
from actorgraph.graph.neo4j.merges import add_alias_tx, merge_tx, unmerge_tx
from actorgraph.graph.neo4j.migrate import NEEDS_UPGRADE, old_mentions_left, upgrade_mentions
from actorgraph.graph.neo4j.rows import (
    actor_from,
    actor_row,
    article_from,
    claim_from,
    filter_context,
    mentions_from_rows,
)
from actorgraph.graph.neo4j.writer import DEFAULT_BATCH_SIZE, delete_articles, upsert_actor_rows, write_documents_in
from actorgraph.graph.store import (
    ASSERTED,
    DEFAULT_NODE_LIMIT,
    MAX_HOPS,
    ClaimFilter,
    GraphPath,
    Hop,
    Link,
    Neighbours,
    Stats,
    Subgraph,
    WriteReport,
    breadth_first,
    check_depth,
    links_from_claims,
    route_order,
    sort_claims,
    sort_paths,
)
from actorgraph.graph.traversal import shortest_routes, simple_routes
from actorgraph.graph.vocabulary import Vocabulary, default_vocabulary

log = logging.getLogger(__name__)

T = TypeVar("T")
UNCAPPED = 1 << 62  # `cap` of the direct-neighbours query when every neighbour is wanted (paths)


class Neo4jStore:
    """A Store backed by a Neo4j database. Create with `open_neo4j_store()` or from a driver."""

    backend = "neo4j"

    def __init__(self, driver: Driver, database: str | None = None, vocabulary: Vocabulary | None = None, *,
                 batch_size: int = DEFAULT_BATCH_SIZE, owns_driver: bool = True, ensure_schema: bool = True,
                 read_timeout: float | None = None) -> None:
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {batch_size}")
        #: Seconds a read transaction may run before the server stops it (ACTORGRAPH_NEO4J_READ_TIMEOUT).
        self.read_timeout = read_timeout if read_timeout is not None else neo4j_read_timeout()
        self.driver = driver
        self.database = database
        self.vocabulary = vocabulary or default_vocabulary()
        self.batch_size = batch_size
        self._direct = q.direct_queries(self.vocabulary)
        self._owns_driver = owns_driver
        if ensure_schema:
            self.ensure_schema()

    # ------------------------------------------------------------------ plumbing
    def session(self, **config: Any):
        """A session on this store's database (the server's default database when None)."""
        return self.driver.session(database=self.database, **config)

    def _read(self, text: q.LiteralString, **params: Any) -> list[dict[str, Any]]:
        """Run one read query in a managed (retried) read transaction; rows as plain dicts."""
        def work(tx: ManagedTransaction) -> list[dict[str, Any]]:
            return [record.data() for record in tx.run(text, params)]
        return self._run_read(work)

    def _run_read(self, work: Callable[[ManagedTransaction], T]) -> T:
        """Every read: a server-side timeout of `read_timeout` s, and one clear StoreError line when it fires."""
        timed = unit_of_work(timeout=self.read_timeout)(work)
        try:
            with self.session() as session:
                return session.execute_read(timed)
        except Neo4jError as exc:
            if "TimedOut" not in (exc.code or ""):
                raise
            raise StoreError(f"Neo4j stopped a read after {self.read_timeout:g} s (its timeout): narrow the query "
                             "(depth, filters, limit) or raise ACTORGRAPH_NEO4J_READ_TIMEOUT") from None

    def ensure_schema(self) -> None:
        """Uniqueness constraints and indexes, created before any data (each is IF NOT EXISTS), and a
        store of an earlier model upgraded before anything reads it: Mention nodes (`graph.neo4j.migrate`),
        direct edges without their summary (`graph.neo4j.edge_props`, also what a bulk import leaves)."""
        try:
            with self.session() as session:
                for statement in q.SCHEMA:
                    session.execute_write(lambda tx, s=statement: tx.run(s).consume())
                session.run(q.AWAIT_INDEXES, seconds=120).consume()
        except Forbidden as exc:  # a read-only account on a shared server: reads still work
            log.warning("cannot create ActorGraph's constraints and indexes: %s", _first_line(exc))
        with self.session() as session:
            try:
                if old_mentions_left(session):
                    log.warning("upgrading the mentions of this store to the MENTIONED_IN model")
                    upgrade_mentions(session, self.batch_size)
                if summaries_missing(session):
                    log.warning("giving the direct edges of this store their summaries (counts, dates, weight)")
                    fill_missing(session, self.vocabulary, self.batch_size)
            except Forbidden:
                raise StoreError(NEEDS_UPGRADE) from None

    # ------------------------------------------------------------------ writes
    def write_documents(self, documents: Iterable[Document]) -> WriteReport:
        articles = claims = replaced = 0
        kept: list[str] = []
        with self.session() as session:
            for group, count, kept_out in write_documents_in(session, documents, self.vocabulary, self.batch_size):
                replaced += count
                articles += len(group)
                claims += sum(len(d.claims) for d in group)
                kept += kept_out
        return WriteReport(articles, claims, replaced, tuple(kept))

    def deferred_writes(self) -> contextlib.AbstractContextManager[None]:
        """Nothing to defer: each `write_documents` group is already one transaction."""
        return contextlib.nullcontext()

    def delete_article(self, article_id: str) -> bool:
        with self.session() as session:
            return session.execute_write(delete_articles, [article_id], self.vocabulary, self.batch_size) > 0

    def upsert_actors(self, actors: Iterable[Actor]) -> int:
        latest = {a.id: actor_row(a) for a in actors}
        rows = list(latest.values())
        with self.session() as session:
            for start in range(0, len(rows), self.batch_size):
                session.execute_write(upsert_actor_rows, rows[start:start + self.batch_size], self.batch_size)
        return len(rows)

    # ------------------------------------------------------------------ review and repair
    def merge_actors(self, keep: str, drop: str) -> MergeRecord:
        with self.session() as session:
            return session.execute_write(merge_tx, keep, drop, self.vocabulary, self.batch_size)

    def unmerge_actors(self, record: MergeRecord) -> None:
        with self.session() as session:
            session.execute_write(unmerge_tx, record, self.vocabulary, self.batch_size)

    def add_alias(self, actor_id: str, name: str) -> Actor:
        with self.session() as session:
            return session.execute_write(add_alias_tx, actor_id, name, self.batch_size)

    def clear(self) -> None:
        """Delete ActorGraph's nodes (Actor, Article, Claim, Mention) in batches; other data stays."""
        with self.session() as session:
            for statement in q.CLEAR_BATCHES:
                while session.execute_write(
                        lambda tx, s=statement: tx.run(s, batch=5_000).single(strict=True)["deleted"]):
                    pass

    def close(self) -> None:
        if self._owns_driver:
            self.driver.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # ------------------------------------------------------------------ actors, articles, mentions
    def get_actor(self, actor_id: str) -> Actor | None:
        rows = self._read(q.GET_ACTOR, id=actor_id)
        return actor_from(rows[0]["actor"]) if rows else None

    def actors(self) -> list[Actor]:
        return sorted((actor_from(r["actor"]) for r in self._read(q.ALL_ACTORS)), key=lambda a: a.id)

    def search_actors(self, query: str, limit: int = 20) -> list[Actor]:
        """Ranked like the embedded store: exact, then prefix, then substring; busier actors first.

        Cypher finds the candidates over the `name_keys` stored on each node; the rank is
        `graph.names.match_rank`, computed here so both stores rank with the same function.
        """
        keys = search_keys(query)
        if not keys:
            return []
        ranked = []
        for row in self._read(q.SEARCH_ACTORS, keys=sorted(keys)):
            rank = min((r for r in (match_rank(keys, k) for k in row["actor"]["name_keys"]) if r is not None),
                       default=None)
            if rank is not None:
                ranked.append((rank, -row["degree"], row["actor"]["id"], row["actor"]))
        ranked.sort(key=lambda r: r[:3])
        return [actor_from(r[3]) for r in ranked[:limit]]

    def get_article(self, article_id: str) -> Article | None:
        rows = self._read(q.GET_ARTICLE, id=article_id)
        return article_from(rows[0]["article"]) if rows else None

    def articles(self) -> list[Article]:
        return sorted((article_from(r["article"]) for r in self._read(q.ALL_ARTICLES)), key=lambda a: a.id)

    def mentions(self, *, article_id: str | None = None, actor_id: str | None = None) -> list[Mention]:
        if article_id:
            found = mentions_from_rows(self._read(q.MENTIONS_OF_ARTICLES, article_ids=[article_id]), actor_id)
            found = [m for m in found if actor_id is None or m.actor_id == actor_id]
        elif actor_id:
            found = mentions_from_rows(self._read(q.MENTIONS_OF_ACTOR, actor_id=actor_id), actor_id)
        else:
            found = mentions_from_rows(self._read(q.MENTIONS_ALL))
        return sorted(found, key=lambda m: (m.article_id, m.span.start, m.id))

    # ------------------------------------------------------------------ claims
    @staticmethod
    def _prefilter(flt: ClaimFilter) -> dict[str, Any]:
        """What Cypher can narrow cheaply; `ClaimFilter.accepts` still decides every claim."""
        return {"polarities": list(flt.polarities) or None, "predicates": list(flt.predicates) or None}

    def _accepted(self, rows: Iterable[dict[str, Any]], flt: ClaimFilter) -> list[Claim]:
        found = []
        for row in rows:
            claim = claim_from(row)
            if flt.accepts(claim, *filter_context(row)):
                found.append(claim)
        return found

    def claims(self, flt: ClaimFilter | None = None, *, subject: str | None = None, predicate: str | None = None,
               object: str | None = None, article_id: str | None = None) -> list[Claim]:
        flt = flt or ClaimFilter(polarities=())
        predicate = self.vocabulary.term(predicate).id if predicate else None
        params = {**self._prefilter(flt), "subject": subject, "object": object, "article_id": article_id}
        if predicate is not None:
            wanted = [p for p in (params["predicates"] or [predicate]) if p == predicate]
            params["predicates"] = wanted  # empty when the filter excludes the predicate: nothing matches
        if article_id is not None:
            text = q.CLAIMS_OF_ARTICLE
        elif subject is not None:
            text = q.CLAIMS_OF_SUBJECT
        elif object is not None:
            text = q.CLAIMS_OF_OBJECT
        else:
            text = q.CLAIMS_ALL
        return sort_claims(self._accepted(self._read(text, **params), flt))

    def links(self, predicate: str, *, subject: str | None = None, object: str | None = None,
              flt: ClaimFilter | None = None) -> list[Link]:
        return links_from_claims(self, self.vocabulary, predicate, subject=subject, object=object, flt=flt)

    # ------------------------------------------------------------------ traversal
    def _adjacency(self, ids: Iterable[str], flt: ClaimFilter) -> dict[str, set[str]]:
        """For each id, the other actors linked to it by at least one accepted claim (either direction)."""
        ids = sorted(set(ids))
        around: dict[str, set[str]] = {i: set() for i in ids}
        if not ids:
            return around
        if flt == ASSERTED:  # the direct edges carry exactly the asserted claims: ids only, no claim read
            for row in self._read(self._direct.neighbours, ids=ids, cap=UNCAPPED):
                around[row["id"]].update(row["neighbours"])
            return around
        for claim in self._accepted(self._read(q.CLAIMS_TOUCHING, ids=ids, **self._prefilter(flt)), flt):
            if claim.subject == claim.object:
                continue
            for here, there in ((claim.subject, claim.object), (claim.object, claim.subject)):
                if here in around:
                    around[here].add(there)
        return around

    def neighbourhood(self, actor_id: str, depth: int = 1, flt: ClaimFilter | None = None,
                      limit: int = DEFAULT_NODE_LIMIT) -> Subgraph:
        """The embedded store's breadth-first search; under the default filter over the direct edges."""
        check_depth(depth)
        flt = flt or ASSERTED
        if self.get_actor(actor_id) is None:
            return Subgraph((), ())
        seen, truncated = self._ego_members(actor_id, depth, flt, limit)
        if flt == ASSERTED:
            claims = self._edge_claims(self._direct.claims_among, ids=sorted(seen))
        else:
            claims = self._accepted(self._read(q.CLAIMS_AMONG, ids=sorted(seen), **self._prefilter(flt)), flt)
        actors = {a.id: a for a in self._actors_by_id(seen)}
        return Subgraph(tuple(actors[a] for a in sorted(seen)), tuple(sort_claims(claims)), truncated)

    def _ego_members(self, actor_id: str, depth: int, flt: ClaimFilter, limit: int) -> tuple[dict[str, int], bool]:
        """The actors of an ego network (the embedded store's breadth-first search) and whether it was cut."""
        if flt == ASSERTED:
            return breadth_first(actor_id, depth, limit, self._direct_neighbours(depth, limit))
        return breadth_first(actor_id, depth, limit, self._claim_neighbours(depth, flt))

    def _direct_neighbours(self, depth: int, limit: int) -> Neighbours:
        """`breadth_first`'s neighbours over the direct edges, fetched for growing runs of the queue.

        The search reads at most the `limit + 1` smallest neighbour ids of a node and stops once
        the limit cuts it, so each round trip asks for a few queued nodes (1, 2, 4, ... of them)
        and their `limit + 1` first neighbours: a hub's ego network costs two or three round trips
        and never ships the hub's thousands of neighbours.
        """
        fetched: dict[str, list[str]] = {}
        batch = [1]

        def neighbours(current: str, seen: dict[str, int], queue: deque[str]) -> list[str]:
            if current not in fetched:
                ahead = [n for n in queue if seen[n] < depth and n not in fetched][:batch[0]]
                rows = self._read(self._direct.neighbours, ids=[current, *ahead], cap=limit + 1)
                fetched.update((r["id"], r["neighbours"]) for r in rows)
                batch[0] *= 2
            return fetched.get(current, [])

        return neighbours

    def _claim_neighbours(self, depth: int, flt: ClaimFilter) -> Neighbours:
        """`breadth_first`'s neighbours for any filter: the claims around a whole level per query."""
        fetched: dict[str, set[str]] = {}

        def neighbours(current: str, seen: dict[str, int], queue: deque[str]) -> list[str]:
            if current not in fetched:  # the whole frontier at this level, in one query
                fetched.update(self._adjacency([n for n in queue if seen[n] < depth] + [current], flt))
            return sorted(fetched[current])

        return neighbours

    def _edge_claims(self, text: q.LiteralString, **params: Any) -> list[Claim]:
        """The claims listed on direct edges: all asserted, so no filter is left to apply.

        Rows are read as plain key/value pairs, not through `Record.data()`, whose recursive
        conversion cost more than the query itself on the tens of thousands of claims of a big
        ego network (its values here are already plain maps and strings).
        """
        def work(tx: ManagedTransaction) -> list[Claim]:
            result = tx.run(text, params)
            keys = result.keys()
            return [claim_from(dict(zip(keys, record, strict=True))) for record in result]
        return self._run_read(work)

    def _actors_by_id(self, ids: Iterable[str]) -> list[Actor]:
        return [actor_from(r["actor"]) for r in self._read(q.ACTORS_BY_ID, ids=sorted(set(ids)))]

    def _within(self, start: str, hops: int, flt: ClaimFilter) -> tuple[dict[str, int], dict[str, set[str]]]:
        """Distances from `start` up to `hops`, and the adjacency of every node closer than that."""
        distance = {start: 0}
        frontier = [start]
        adjacency: dict[str, set[str]] = {}
        for level in range(1, hops + 1):
            if not frontier:
                break
            adjacency.update(self._adjacency(frontier, flt))
            frontier = sorted({n for f in frontier for n in adjacency[f]} - set(distance))
            for node in frontier:
                distance[node] = level
        return distance, adjacency

    def paths(self, source: str, target: str, max_hops: int = 3, flt: ClaimFilter | None = None,
              limit: int = 20, shortest: bool = False) -> list[GraphPath]:
        """Simple (or all shortest) paths over accepted claims: `_routes`, cut to `limit`, then their hops' claims."""
        flt = flt or ASSERTED
        routes = self._routes(source, target, max_hops, flt, limit, shortest)
        if shortest and flt == ASSERTED:
            return self._direct_hops(routes)
        return sort_paths(self._hops(routes, flt))

    def _routes(self, source: str, target: str, max_hops: int, flt: ClaimFilter, limit: int,
                shortest: bool) -> list[tuple[str, ...]]:
        """The routes of `paths` in its order, cut to `limit` before any hop is read.

        Shortest paths under the default filter are one `allShortestPaths` over the direct edges
        (Neo4j's bidirectional search). Otherwise: every node of a path of at most k hops lies
        within k of both ends, with the two distances summing to at most k; the adjacency of
        those nodes is fetched level by level from both ends, and the embedded store's bounded
        search (`graph.traversal`) runs on it, so both stores enumerate the same way.
        """
        check_depth(max_hops, MAX_HOPS, "max_hops")
        if source == target or self.get_actor(source) is None or self.get_actor(target) is None:
            return []
        if shortest and flt == ASSERTED:
            rows = self._read(self._direct.shortest[max_hops], a=source, b=target)
            return route_order(tuple(r["actors"]) for r in rows)[:limit]
        from_source, adjacency = self._within(source, max_hops, flt)
        from_target, more = self._within(target, max_hops, flt)
        adjacency.update(more)
        keep = {n for n in from_source if n in from_target and from_source[n] + from_target[n] <= max_hops}
        view = {n: sorted(m for m in adjacency.get(n, ()) if m in keep) for n in keep}

        def adjacent(node: str) -> list[str]:
            return view.get(node, [])

        if shortest:
            routes = shortest_routes(adjacent, source, target, max_hops)
        else:
            routes = simple_routes(adjacent, source, target, max_hops, limit)
        return route_order(routes)[:limit]

    def _direct_hops(self, routes: list[tuple[str, ...]]) -> list[GraphPath]:
        """Paths with the asserted claims of their hops, read from the direct edges."""
        pairs = sorted({tuple(sorted(hop)) for route in routes for hop in itertools.pairwise(route)})
        between: dict[frozenset[str], list[Claim]] = {}
        if pairs:
            for claim in self._edge_claims(self._direct.claims_between, pairs=[list(p) for p in pairs]):
                between.setdefault(frozenset((claim.subject, claim.object)), []).append(claim)
        return sort_paths(_route_path(route, between) for route in routes)

    def _hops(self, routes: list[tuple[str, ...]], flt: ClaimFilter) -> list[GraphPath]:
        """Attach to every hop the accepted claims between its two actors (either direction)."""
        nodes = {n for route in routes for n in route}
        between: dict[frozenset[str], list[Claim]] = {}
        if nodes:
            for claim in self._accepted(self._read(q.CLAIMS_AMONG, ids=sorted(nodes), **self._prefilter(flt)), flt):
                between.setdefault(frozenset((claim.subject, claim.object)), []).append(claim)
        return [_route_path(route, between) for route in routes]

    ego_edges = aggregates.ego_edges  # the aggregate reads: graph/neo4j/aggregates.py
    path_edges = aggregates.path_edges
    edge_claims = aggregates.edge_claims
    edge_summaries = aggregates.edge_summaries
    claim_overview = aggregates.claim_overview

    # ------------------------------------------------------------------ stats
    def stats(self) -> Stats:
        counts = self._read(q.COUNTS)[0]
        polarity = {r["polarity"]: r["n"] for r in self._read(q.POLARITY_COUNTS)}
        by_predicate = {r["predicate"]: r["n"] for r in self._read(q.ASSERTED_BY_PREDICATE)}
        return Stats(
            actors=counts["actors"], articles=counts["articles"], claims=counts["claims"],
            mentions=counts["mentions"], asserted=polarity.get("asserted", 0), denied=polarity.get("denied", 0),
            negated=polarity.get("negated", 0), relations=self._read(q.DISTINCT_RELATIONS)[0]["relations"],
            by_predicate=dict(sorted(by_predicate.items())),
        )


def _route_path(route: tuple[str, ...], between: dict[frozenset[str], list[Claim]]) -> GraphPath:
    """A path with, on every hop, the claims between its two actors (`between`, keyed by the pair)."""
    return GraphPath(route, tuple(Hop(u, v, tuple(sort_claims(between.get(frozenset((u, v)), ()))))
                                  for u, v in itertools.pairwise(route)))


def graph_dump(store: Neo4jStore) -> tuple[list[str], list[str]]:
    """Every ActorGraph node and relationship with all its properties, canonical and sorted.

    Two dumps are equal exactly when the graphs are: what "loading twice changes nothing" means.
    An article's `digest` is the loader's bookkeeping (a bulk import writes none), not graph data.
    """
    row = store._read(q.GRAPH_DUMP)[0]
    canon = lambda value: json.dumps(value, ensure_ascii=False, sort_keys=True)  # noqa: E731
    nodes = [[labels, {k: v for k, v in props.items() if k != "digest"}] for labels, props in row["nodes"]]
    return sorted(canon(n) for n in nodes), sorted(canon(r) for r in row["relationships"])


def _first_line(exc: BaseException) -> str:
    text = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return text.splitlines()[0]
