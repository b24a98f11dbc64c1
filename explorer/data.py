"""Opening the store once per process and caching query results per store version.

The store object is shared by every browser session through `st.cache_resource`; the page only
reads from it. Query results go through bounded `st.cache_data`, keyed by the store's version
(the embedded file's inode, mtime and size, so a new `actorgraph ingest` shows up on the next rerun), and
are returned as copies, so no session can change what another sees.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, TypeVar, cast

import streamlit as st

from actorgraph.graph.claims import Contest, SourcedClaim, Triple, comparison_filter, group_sides
from actorgraph.graph.config import embedded_store_path, neo4j_settings_from_env
from actorgraph.graph.derived import derived
from actorgraph.graph.edge_summaries import ClaimAggregates, any_polarity
from actorgraph.graph.embedded_deferred import DeferredStore
from actorgraph.graph.errors import ConfigError
from actorgraph.graph.locking import current_version
from actorgraph.graph.model import Actor, Article, Claim
from actorgraph.graph.overview import Aggregates, Overview, contest_counts, overview_from_store
from actorgraph.graph.store import (
    EDGE_CLAIMS_PAGE,
    ClaimFilter,
    EdgeSummary,
    EgoEdges,
    PathEdges,
    Store,
    Subgraph,
    sort_claims,
)
from actorgraph.graph.timeline import TimeIndex
from actorgraph.graph.vocabulary import default_vocabulary
from actorgraph.graph.weights import weight_of

CACHE_ENTRIES = 256
CACHE_TTL = "10m"
T = TypeVar("T")


@dataclass(frozen=True)
class Backend:
    """The store the page talks to and the version key of its contents."""

    store: Store
    name: str
    version: str
    where: str


class BackendUnavailable(Exception):
    """The chosen backend cannot be opened; the message says why and what to do."""


@st.cache_resource(max_entries=4, show_spinner=False)
def _embedded_store(path: str, version: str) -> Store:
    """Opened without reading it (graph/embedded_deferred.py): the first page is drawn from the
    sidecar, and the page reads the store in the background once that page is out."""
    return cast(Store, DeferredStore(path))


@st.cache_resource(max_entries=2, show_spinner=False)
def _neo4j_store(uri: str) -> Store:
    try:
        from actorgraph.graph.neo4j.connect import open_neo4j_store  # lazily: only needed for the Neo4j backend
    except ImportError:
        raise BackendUnavailable("the Neo4j backend is not part of this build (graph/neo4j_store.py is missing);"
                                 " use the embedded store") from None
    settings = neo4j_settings_from_env()
    try:
        return open_neo4j_store(settings)
    except Exception as exc:  # the driver raises many kinds; the page shows one line and falls back
        raise BackendUnavailable(f"cannot reach Neo4j at {uri}: {exc}") from None


def embedded_version(path: os.PathLike[str] | str) -> str:
    """Changes whenever the store file is rewritten: every write renames a new file over it, so
    its inode changes even when its size and mtime (coarse on some file systems) do not."""
    version = current_version(os.fspath(path))
    return "missing" if version is None else "-".join(map(str, version))


def open_backend(name: str) -> Backend:
    """The embedded store (default) or Neo4j; raises BackendUnavailable with a clear message."""
    try:
        return _open_backend(name)
    except ConfigError as exc:  # a malformed ACTORGRAPH_HOME or NEO4J_URI: the page shows the line
        raise BackendUnavailable(str(exc)) from None


def _open_backend(name: str) -> Backend:
    if name == "neo4j":
        settings = neo4j_settings_from_env()
        if settings is None:
            raise BackendUnavailable("set NEO4J_URI (and NEO4J_USER / NEO4J_PASSWORD) to use Neo4j")
        store = _neo4j_store(settings.uri)
        return Backend(store, "neo4j", f"neo4j:{settings.uri}", settings.uri)
    path = embedded_store_path()
    version = embedded_version(path)
    return Backend(_embedded_store(str(path), version), "embedded", f"embedded:{path}:{version}", str(path))


# Every cached function takes the store as `_store` (not hashed) and its `version` (hashed).
def persisted(_store: Store, key: tuple, compute: Callable[[], T]) -> T:
    """`compute()` once per store version, kept in the store's sidecar (graph/derived.py) so that a
    cold server reads the first page's tables instead of scanning every claim; Neo4j: computed."""
    path = getattr(_store, "path", None)
    return derived(path, getattr(_store, "loaded_version", None) if path else None, key, compute)


@dataclass(frozen=True)
class Counts:
    """What the sidebar says the store holds: one pass over the claims, not `Store.stats` (which
    also counts distinct relations per predicate, 6 s on 200,000 claims)."""

    actors: int
    articles: int
    claims: int
    denied: int


@st.cache_data(max_entries=CACHE_ENTRIES, ttl=CACHE_TTL, show_spinner=False)
def stats(_store: Store, version: str) -> Counts:
    return persisted(_store, ("stats",), lambda: _stats(_store, version))


def _stats(_store: Store, version: str) -> Counts:
    claims = every_claim(_store, version)
    return Counts(len(actors(_store, version)), len(articles(_store, version)), len(claims),
                  sum(1 for c in claims if c.polarity != "asserted"))


# The big read-only tables are shared, not copied: `st.cache_data` would unpickle 10,000 articles
# on every rerun of every session. Nothing on the page mutates them (frozen dataclasses).
@st.cache_resource(max_entries=2, show_spinner=False)
def every_claim(_store: Store, version: str) -> tuple:
    return tuple(_store.claims(ClaimFilter(polarities=())))


@st.cache_resource(max_entries=2, show_spinner=False)
def actors(_store: Store, version: str) -> dict[str, Actor]:
    return {a.id: a for a in _store.actors()}


@st.cache_resource(max_entries=2, show_spinner=False)
def actor_names(_store: Store, version: str) -> dict[str, str]:
    """Every actor's display name by id, persisted: the landing page names its hubs and the
    sidebar its claimants without reading the store."""
    return persisted(_store, ("actor_names",), lambda: {a.id: a.name for a in _store.actors()})


@st.cache_resource(max_entries=2, show_spinner=False)
def articles(_store: Store, version: str) -> dict[str, Article]:
    return {a.id: a for a in _store.articles()}


@st.cache_data(max_entries=CACHE_ENTRIES, ttl=CACHE_TTL, show_spinner=False)
def search(_store: Store, version: str, query: str, limit: int = 20) -> list[Actor]:
    return _store.search_actors(query, limit) if query.strip() else []


# Shared, not copied: a hub's neighbourhood holds tens of thousands of claims (frozen values).
@st.cache_resource(max_entries=64, ttl=CACHE_TTL, show_spinner=False)
def neighbourhood(_store: Store, version: str, actor_id: str, depth: int, flt: ClaimFilter, limit: int) -> Subgraph:
    return _store.neighbourhood(actor_id, depth, flt, limit)


@st.cache_data(max_entries=CACHE_ENTRIES, ttl=CACHE_TTL, show_spinner=False)
def edge_claims(_store: Store, version: str, subject: str, predicate: str, obj: str, flt: ClaimFilter,
                page: int = 0, size: int = EDGE_CLAIMS_PAGE) -> list[Claim]:
    """One page (from 0) of the claims of one edge: evidence is read only for the edge opened."""
    return _store.edge_claims(subject, predicate, obj, flt, limit=size, offset=page * size)


# Aggregates (graph/store.py: EdgeSummary): what the network views draw, without any claim.
@st.cache_resource(max_entries=64, ttl=CACHE_TTL, show_spinner=False)
def ego_edges(_store: Store, version: str, actor_id: str, depth: int, flt: ClaimFilter, limit: int) -> EgoEdges:
    """Persisted too (70-80 KB for a hub at the default limit): a hub opened once on this store
    version is drawn after a restart before the store has been read."""
    return persisted(_store, ("ego", actor_id, depth, flt, limit),
                     lambda: _store.ego_edges(actor_id, depth, flt, limit))


def store_ready(backend: Backend) -> bool:
    """False while the store is still to be read after a cold start (graph/embedded_deferred.py)."""
    return getattr(backend.store, "is_loaded", True)


def load_store(backend: Backend) -> None:
    """Read a deferred store now (or wait for the background read); other stores are open already."""
    getattr(backend.store, "loaded", None)


@st.cache_data(max_entries=CACHE_ENTRIES, ttl=CACHE_TTL, show_spinner=False)
def path_edges(_store: Store, version: str, source: str, target: str, max_hops: int, flt: ClaimFilter,
               shortest: bool, limit: int = 20) -> list[PathEdges]:
    return _store.path_edges(source, target, max_hops, flt, limit=limit, shortest=shortest)


@st.cache_resource(max_entries=8, ttl=CACHE_TTL, show_spinner=False)
def edge_summaries(_store: Store, version: str, flt: ClaimFilter) -> tuple[EdgeSummary, ...]:
    """Every edge of the store under `flt`, summed (the whole-store ranking)."""
    return tuple(_store.edge_summaries(flt))


@st.cache_data(max_entries=CACHE_ENTRIES, ttl=CACHE_TTL, show_spinner=False)
def filter_choices(_store: Store, version: str) -> dict[str, list[Any]]:
    """What the sidebar filters offer: relations, claimants and publishers present in the store."""
    return persisted(_store, ("filter_choices",), lambda: _filter_choices(_store, version))


def _filter_choices(_store: Store, version: str) -> dict[str, list[Any]]:
    claims = every_claim(_store, version)
    stored = articles(_store, version).values()
    published = [a.published for a in stored if a.published]
    dated = [d for c in claims if c.date for d in c.date_range if d]
    return {
        "predicates": sorted({c.predicate for c in claims}),
        "claimants": sorted({c.claimant or "" for c in claims}),
        "publishers": sorted({a.publisher for a in stored if a.publisher}),
        "dates": [min(published + dated), max(published + dated)] if (published or dated) else [],
    }


@dataclass(frozen=True)
class Disputes:
    """Contested relations and confidence weights, both keyed by canonical triple."""

    contests: dict[Triple, Contest]
    weights: dict[Triple, float]

    @property
    def contested(self) -> frozenset[Triple]:
        return frozenset(self.contests)


@st.cache_resource(max_entries=2, show_spinner=False)
def claims_by_pair(_store: Store, version: str) -> dict[frozenset[str], list[Claim]]:
    """Every claim (all polarities) under the unordered pair of actors it links, in store order."""
    index: dict[frozenset[str], list[Claim]] = {}
    for claim in every_claim(_store, version):
        index.setdefault(frozenset((claim.subject, claim.object)), []).append(claim)
    return index


def pairs_of(claims) -> frozenset[frozenset[str]]:
    return frozenset(frozenset((c.subject, c.object)) for c in claims)


@st.cache_data(max_entries=CACHE_ENTRIES, ttl=CACHE_TTL, show_spinner=False)
def disputes(_store: Store, version: str, flt: ClaimFilter, pairs: frozenset[frozenset[str]]) -> Disputes:
    """Which relations between the given actor pairs are contested, and how well supported each is.

    The same comparison as `graph.claims.contested` and `graph.weights.edge_weights` (both sides
    of a relation always link the same two actors), over the claims of the visible pairs only:
    over the whole store it took 25 s on 200,000 claims, for every new time window.
    """
    vocabulary = getattr(_store, "vocabulary", None) or default_vocabulary()
    store_filter, keep = comparison_filter(flt, vocabulary)
    index, stored, people = claims_by_pair(_store, version), articles(_store, version), actors(_store, version)
    chosen = sort_claims(c for pair in pairs for c in index.get(pair, ())
                         if store_filter.accepts(c, stored.get(c.article_id), people.get(c.subject),
                                                 people.get(c.object)))
    groups = group_sides((SourcedClaim(c, stored.get(c.article_id)) for c in chosen), vocabulary)
    wanted = {r: sides for r, sides in groups.items() if keep is None or r[1] in keep}
    return Disputes({r: Contest(*r, tuple(s.for_claims), tuple(s.against_claims), tuple(s.denials))
                     for r, s in wanted.items() if s.for_claims and s.against_claims},
                    {r: weight_of(r, s.for_claims, s.against_claims).confidence
                     for r, s in wanted.items() if s.for_claims})


@st.cache_resource(max_entries=16, ttl=CACHE_TTL, show_spinner=False)
def overview(_store: Store, version: str, flt: ClaimFilter) -> Overview:
    """The landing overview under the current filters: counts and hubs from `Store.claim_overview`,
    their links from `Store.edge_summaries` among them; no claim is read."""
    return persisted(_store, ("overview", flt), lambda: _overview(_store, version, flt))


def _overview(_store: Store, version: str, flt: ClaimFilter) -> Overview:
    stored = articles(_store, version)
    source: Aggregates = _store
    if flt.timed and not flt.actor_types:  # a time window: its claims are a slice of the date index
        vocabulary = getattr(_store, "vocabulary", None) or default_vocabulary()
        source = ClaimAggregates(tuple(window_claims(_store, version, any_polarity(flt))), stored, vocabulary)
    return overview_from_store(source, list(actors(_store, version).values()), list(stored.values()), flt,
                               contests(_store, version))


@st.cache_resource(max_entries=2, show_spinner=False)
def time_index(_store: Store, version: str) -> TimeIndex:
    """Every claim ordered by date, once per store version: a new time window is then a slice."""
    return TimeIndex(every_claim(_store, version), articles(_store, version))


def window_claims(_store: Store, version: str, flt: ClaimFilter) -> list[Claim]:
    """Every claim `flt` accepts, in store order (a filter without actor types: no actor look-ups)."""
    stored, rest = articles(_store, version), replace(flt, date_from=None, date_to=None, as_of=None)
    if rest == ClaimFilter(polarities=()):  # nothing but the window: every claim in it (most windows)
        return time_index(_store, version).select(flt, lambda c: True)
    return time_index(_store, version).select(flt, lambda c: rest.accepts(c, stored.get(c.article_id), None, None))


@st.cache_resource(max_entries=2, show_spinner=False)
def contests(_store: Store, version: str) -> tuple:
    """The landing page's most contested relations, over every claim (not filtered: counted once
    per store version, and persisted: every new time window's overview needs them)."""
    return persisted(_store, ("contests",),
                     lambda: contest_counts(every_claim(_store, version), getattr(_store, "vocabulary", None)))
