"""The ranking tab: centrality and communities, for the visible network or the whole store.

Over the whole store the computation runs once per store version and filter, in a background
thread shared by every session (`st.cache_resource` keeps the job), and is persisted in the
store's sidecar, so a restarted server answers at once: while it runs the tab shows how long it
has been running and polls, and the rest of the page stays usable. Above
`graph.analytics.EXACT_BETWEENNESS_LIMIT` actors, betweenness is sampled (see the caption).
"""
from __future__ import annotations

import time
from concurrent.futures import Future, ThreadPoolExecutor

import streamlit as st

from actorgraph.explorer import data
from actorgraph.graph.analytics import (
    EXACT_BETWEENNESS_LIMIT,
    SAMPLE_PIVOTS,
    Centrality,
    centrality,
    communities,
    store_network,
)
from actorgraph.graph.store import ClaimFilter, EgoEdges, Store

SCOPES = {"store": "Whole store", "visible": "Visible network"}
_WORKER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ranking")


def _rank(store: Store, flt: ClaimFilter) -> tuple[list[Centrality], list[tuple[str, ...]]]:
    whole = store_network(store, flt)  # aggregates: one summary per edge, not every claim
    return centrality(whole), communities(whole)


def _ranked(store: Store, flt: ClaimFilter) -> tuple[list[Centrality], list[tuple[str, ...]]]:
    """Computed once per store version and filter, and kept in the store's sidecar
    (graph/derived.py): a restarted server reads it instead of computing it again."""
    return data.persisted(store, ("ranking", flt), lambda: _rank(store, flt))


@st.cache_resource(max_entries=8, show_spinner=False)
def ranking_job(_store: Store, version: str, flt: ClaimFilter) -> tuple[Future, float]:
    """The whole-store ranking for this store version and filter, started once, shared by all."""
    return _WORKER.submit(_ranked, _store, flt), time.monotonic()


def _show(rows: list[Centrality], groups: list[tuple[str, ...]]) -> None:
    if not rows:
        st.info("No links under the current filters.")
        return
    names = {r.actor: r.name for r in rows}
    st.subheader("Most central actors")
    sampled = len(rows) > EXACT_BETWEENNESS_LIMIT
    st.caption("Degree: distinct neighbours · Betweenness: share of shortest routes through the actor"
               + (f" (estimated from {SAMPLE_PIVOTS} sampled source actors)" if sampled else "")
               + " · PageRank: importance from important neighbours (undirected, weighted by claims)")
    st.dataframe([{"actor": r.name, "type": r.type, "degree": r.degree, "claims": r.claims,
                   "betweenness": round(r.betweenness, 4), "pagerank": round(r.pagerank, 4),
                   "community": (r.community + 1) if r.community is not None else None, "id": r.actor}
                  for r in rows], hide_index=True, width="stretch")
    st.subheader(f"Communities ({len(groups)})")
    st.dataframe([{"community": i, "size": len(g), "members": ", ".join(names.get(a, a) for a in g)}
                  for i, g in enumerate(groups, 1)], hide_index=True, width="stretch")


@st.fragment(run_every=1.0)
def _wait_for(job: Future, started: float) -> None:
    """Polls the background job; once it is done, reruns the page to show the tables."""
    if job.done():
        st.rerun()
    st.info(f"Computing centralities and communities over the whole store… {time.monotonic() - started:.0f} s so "
            "far. The other tabs work meanwhile; this one fills in by itself.")
    st.progress(min(0.95, (time.monotonic() - started) / 60.0))


def ranking_view(backend: data.Backend, flt: ClaimFilter, subgraph: EgoEdges | None) -> None:
    scope = st.radio("Scope", list(SCOPES), key="rank_scope", horizontal=True, format_func=SCOPES.__getitem__)
    if scope == "visible":
        if subgraph is None:
            st.info("Search an actor first, or rank the whole store.")
        else:
            _show(centrality(subgraph), communities(subgraph))
        return
    job, started = ranking_job(backend.store, backend.version, flt)
    if not job.done():
        try:  # a small store finishes at once: no need to poll
            job.result(timeout=1.5)
        except TimeoutError:
            _wait_for(job, started)
            return
    _show(*job.result())
