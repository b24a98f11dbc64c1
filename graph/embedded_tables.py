"""The embedded store's tables and indexes: loading them from the file, keeping them in step on
every write, and saving them back (the reads and the public writes are in graph/embedded.py).

Loading is what a cold explorer waits for, so only what the first page needs is built at once:
- the actors, articles and claims are decoded and indexed by id;
- the mentions (the largest section: 400,000 records on the bench corpus, 2.5 s to decode) stay
  as raw MessagePack until the reader, the review queue or a write asks for them; a save before
  then writes the raw bytes back unchanged;
- the traversal graphs (a claim multigraph and the actor-pair index, 3-4 s for 200,000 claims)
  are built on the first ego network, path or search ranking.
After a load the records are moved out of the garbage collector's reach (`gc.freeze`): they
never form cycles, and Streamlit runs a full collection after every rerun, which walked the
millions of store objects each time (1-2 s per click on the bench corpus).
"""
from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator
from pathlib import Path

import msgspec
import networkx as nx

from actorgraph.graph.gc_pause import gc_paused
from actorgraph.graph.locking import FileVersion, current_version, exclusive, lock_file_for
from actorgraph.graph.model import Actor, Article, Claim, Mention
from actorgraph.graph.names import name_keys
from actorgraph.graph.store_file import LazyRecords, decode_mentions, encode_mentions, read_store_file, write_store_file


class StoreTables:
    """Tables, indexes and persistence of the embedded store (see the module docstring)."""

    path: Path | None
    _deferred: int

    def _reset(self) -> None:
        """Empty every table and index (a fresh store, or before re-reading the file).

        Under the build lock, so that a warm-up thread never mixes the old tables with the new.
        """
        lock = getattr(self, "_build_lock", None) or threading.Lock()  # explorer sessions read from several threads
        with lock:
            self._build_lock = lock
            self._actors: dict[str, Actor] = {}
            self._articles: dict[str, Article] = {}
            self._claims: dict[str, Claim] = {}
            self._article_claims: dict[str, list[str]] = {}
            self._names: dict[str, set[str]] = {}
            self._mention_pools: dict[str, list[Mention]] = {}
            # The file's mentions section, not decoded yet (None once decoded, or for a new store).
            self._raw_mentions: msgspec.Raw | None = None
            # (claim multigraph, actor-pair index), built on first use; None until then.
            self._traversal: tuple[nx.MultiDiGraph, nx.Graph] | None = None
            self._warming: threading.Thread | None = None
            # Sorted asserted neighbours of busy actors (see `EmbeddedStore._sorted_neighbours`);
            # a write touching an actor drops its entry.
            self._neighbour_cache: dict[str, list[str]] = {}
            # Identity of the file this memory matches (None: no file); see `_write_lock`.
            self._loaded_version: FileVersion | None = None

    @property
    def loaded_version(self) -> FileVersion | None:
        """The version of the store file this memory matches (None: held only in memory); what the
        derived tables of graph/derived.py are keyed by."""
        return self._loaded_version

    # ------------------------------------------------------------------ lazy parts
    @property
    def _mentions(self) -> dict[str, list[Mention]]:
        """Mentions by article id, decoded from the file on first use."""
        if self._raw_mentions is not None:
            with self._build_lock:
                raw = self._raw_mentions
                if raw is not None:
                    pools: dict[str, list[Mention]] = {}  # all or nothing: a bad section stays raw
                    with gc_paused():
                        for chunk in decode_mentions(raw, self.path):
                            for mention in chunk:
                                pools.setdefault(mention.article_id, []).append(mention)
                    self._mention_pools, self._raw_mentions = pools, None
                    gc.freeze()
        return self._mention_pools

    @property
    def _graph(self) -> nx.MultiDiGraph:
        """Nodes are actor ids; each claim is one edge keyed by its claim id."""
        return self._traversal_index()[0]

    @property
    def _pairs(self) -> nx.Graph:
        """Undirected actor pairs with their number of asserted claims: the traversal structure,
        so that ego networks and paths never scan a hub's claims."""
        return self._traversal_index()[1]

    def _traversal_index(self) -> tuple[nx.MultiDiGraph, nx.Graph]:
        built = self._traversal
        if built is None:
            with self._build_lock:
                built = self._traversal
                if built is None:
                    with gc_paused():
                        built = self._build_traversal()
                    self._traversal = built
                    gc.freeze()
        return built

    def _build_traversal(self) -> tuple[nx.MultiDiGraph, nx.Graph]:
        """Both graphs from the claims table, written straight into networkx's adjacency dicts.

        `add_edge` costs 6 µs a call (checks, key lookups, cache clearing): 3.6 s for the bench
        corpus's 200,000 claims. The graphs built here are the ones `add_edge` would build (the
        same dicts, in the same order; tests/test_embedded_tables.py compares them).
        """
        graph, pairs = nx.MultiDiGraph(), nx.Graph()
        succ, pred, nodes = graph._succ, graph._pred, graph._node  # pyright: ignore[reportAttributeAccessIssue]
        adjacent, pair_nodes = pairs._adj, pairs._node  # pyright: ignore[reportAttributeAccessIssue]
        for actor_id in self._actors:
            succ[actor_id], pred[actor_id], nodes[actor_id] = {}, {}, {}
            adjacent[actor_id], pair_nodes[actor_id] = {}, {}
        for claim in self._claims.values():
            u, v = claim.subject, claim.object
            for end in (u, v):
                if end not in succ:
                    succ[end], pred[end], nodes[end] = {}, {}, {}
            keys = succ[u].get(v)
            if keys is None:
                keys = succ[u][v] = pred[v][u] = {}
            keys[claim.id] = {}
            if u == v:
                continue
            for end in (u, v):
                if end not in adjacent:
                    adjacent[end], pair_nodes[end] = {}, {}
            data = adjacent[u].get(v)
            if data is None:
                data = adjacent[u][v] = adjacent[v][u] = {"asserted": 0}
            data["asserted"] += claim.polarity == "asserted"
        return graph, pairs

    def warm_up_in_background(self) -> None:
        """Build the lazy parts in a daemon thread (once), while the reader looks at the first page.

        The explorer calls it after drawing the first page, so that neither the first ego network
        nor the first article waits for them; a query that needs a part still being built waits
        for it (the build lock) instead of building it twice.
        """
        if self._warming is None and (self._traversal is None or self._raw_mentions is not None):
            self._warming = threading.Thread(target=self._warm_up, name="actorgraph-warm-up", daemon=True)
            self._warming.start()

    def _warm_up(self) -> None:
        self._traversal_index()
        self._mentions  # noqa: B018 (decodes them)

    # ------------------------------------------------------------------ persistence
    def _load(self, path: Path) -> None:
        with gc_paused():
            records, self._loaded_version = read_store_file(path)  # the version of the very file read
            self._restore(records)
        gc.freeze()  # long-lived and acyclic: keep them out of every later collection

    def _restore(self, records: LazyRecords) -> None:
        for actor in records.actors:
            self._put_actor(actor)
        for article in records.articles:
            self._articles[article.id] = article
        self._raw_mentions = records.mentions.copy()  # not the whole file's buffer
        claims, by_article = self._claims, self._article_claims
        for claim in records.claims:
            if claim.id in claims:  # a claim id is a global key: the later record wins
                by_article[claims[claim.id].article_id].remove(claim.id)
            claims[claim.id] = claim
            by_article.setdefault(claim.article_id, []).append(claim.id)

    def _snapshot(self) -> LazyRecords:
        raw = self._raw_mentions
        mentions = raw if raw is not None else encode_mentions([m for ms in self._mention_pools.values() for m in ms])
        return LazyRecords(list(self._actors.values()), list(self._articles.values()), mentions,
                           list(self._claims.values()))

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

    # ------------------------------------------------------------------ index upkeep
    def _put_actor(self, actor: Actor) -> None:
        old = self._actors.get(actor.id)
        if old is not None:
            self._unindex(old)
        self._actors[actor.id] = actor
        for name in (*actor.names(), actor.id):
            for key in name_keys(name):
                self._names.setdefault(key, set()).add(actor.id)
        if self._traversal is not None:
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
        if self._traversal is not None:
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
        if self._traversal is None:  # built later from the claims table
            return
        graph, pairs = self._traversal
        graph.add_edge(claim.subject, claim.object, key=claim.id)
        if claim.subject == claim.object:
            return
        self._forget_neighbours(claim)
        if pairs.has_edge(claim.subject, claim.object):
            pairs[claim.subject][claim.object]["asserted"] += claim.polarity == "asserted"
        else:
            pairs.add_edge(claim.subject, claim.object, asserted=int(claim.polarity == "asserted"))

    def _forget_neighbours(self, claim: Claim) -> None:
        if self._neighbour_cache:
            self._neighbour_cache.pop(claim.subject, None)
            self._neighbour_cache.pop(claim.object, None)

    def _unlink(self, claim: Claim) -> None:
        if self._traversal is None:
            return
        graph, pairs = self._traversal
        graph.remove_edge(claim.subject, claim.object, key=claim.id)
        if claim.subject == claim.object:
            return
        self._forget_neighbours(claim)
        if not (graph.has_edge(claim.subject, claim.object) or graph.has_edge(claim.object, claim.subject)):
            pairs.remove_edge(claim.subject, claim.object)
        else:
            pairs[claim.subject][claim.object]["asserted"] -= claim.polarity == "asserted"

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

