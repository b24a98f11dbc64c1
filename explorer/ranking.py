"""Most central actors and communities, over the whole store or the visible network."""
from __future__ import annotations

import streamlit as st

from explorer import data
from graph.analytics import centrality, communities
from graph.store import ClaimFilter, Subgraph

SCOPES = {"store": "Whole store", "visible": "Visible network"}


def ranking_view(backend: data.Backend, flt: ClaimFilter, subgraph: Subgraph | None) -> None:
    scope = st.radio("Scope", list(SCOPES), key="rank_scope", horizontal=True, format_func=SCOPES.__getitem__)
    if scope == "visible" and subgraph is None:
        st.info("Search an actor first, or rank the whole store.")
        return
    if scope == "visible":
        rows, groups = centrality(subgraph), communities(subgraph)
    else:
        rows, groups = data.ranking(backend.store, backend.version, flt)
    if not rows:
        st.info("No links under the current filters.")
        return
    names = {r.actor: r.name for r in rows}
    st.subheader("Most central actors")
    st.caption("Degree: distinct neighbours · Betweenness: share of shortest routes through the actor · "
               "PageRank: importance from important neighbours (undirected, weighted by claims)")
    st.dataframe([{"actor": r.name, "type": r.type, "degree": r.degree, "claims": r.claims,
                   "betweenness": round(r.betweenness, 4), "pagerank": round(r.pagerank, 4),
                   "community": (r.community + 1) if r.community is not None else None, "id": r.actor}
                  for r in rows], hide_index=True, width="stretch")
    st.subheader(f"Communities ({len(groups)})")
    st.dataframe([{"community": i, "size": len(g), "members": ", ".join(names.get(a, a) for a in g)}
                  for i, g in enumerate(groups, 1)], hide_index=True, width="stretch")
