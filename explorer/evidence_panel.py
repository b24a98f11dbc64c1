"""The evidence panel: every claim behind one edge, its sentence highlighted, escaped HTML only."""
from __future__ import annotations

import streamlit as st

from explorer import data
from explorer.state import copy_to, sync_widget
from graph.evidence import claims_html, esc
from graph.explore import EdgeView, GraphView, edge_title
from graph.store import ClaimFilter
from graph.vocabulary import Vocabulary


def edge_picker(view: GraphView, label: str = "Edge") -> EdgeView | None:
    """Selectbox of the visible edges; keeps `st.session_state.edge` (also set by graph clicks)."""
    if not view.edges:
        return None
    options = [e.id for e in view.edges]
    sync_widget("edge_pick", st.session_state.get("edge"), options)
    if st.session_state.get("edge_pick") not in options:
        around_focus = [e.id for e in view.edges if view.focus in (e.subject, e.object)]
        st.session_state["edge_pick"] = (around_focus or options)[0]
    titles = {e.id: edge_title(e, view) for e in view.edges}
    chosen = st.selectbox(label, options, key="edge_pick", format_func=titles.__getitem__,
                          help="Click an edge in the graph, or choose it here", on_change=copy_to("edge", "edge_pick"))
    st.session_state["edge"] = chosen
    return view.edge(chosen)


def contested_sides(backend: data.Backend, edge: EdgeView, flt: ClaimFilter) -> list:
    """For a contested edge, the claims on the other side that the current filter hides (denials)."""
    everything = ClaimFilter(polarities=(), predicates=flt.predicates, claimants=(), publishers=())
    shown = {c.id for c in edge.claims}
    return [c for c in data.edge_claims(backend.store, backend.version, edge.subject, edge.predicate, edge.object,
                                        everything) if c.id not in shown]


def evidence_panel(backend: data.Backend, view: GraphView, edge: EdgeView | None, vocabulary: Vocabulary,
                   flt: ClaimFilter) -> None:
    """The cards for `edge`, then, for contested edges, the other side's claims."""
    if edge is None:
        st.info("No edge in view: widen the filters or the depth.")
        return
    actors = data.actors(backend.store, backend.version)
    articles = data.articles(backend.store, backend.version)
    heading = esc(edge_title(edge, view))
    st.html(f'<div class="ag-edge-title" dir="auto">{heading}</div>'
            + claims_html(list(edge.claims), articles, actors, vocabulary,
                          frozenset(c.id for c in edge.claims) if edge.contested else frozenset()))
    others = contested_sides(backend, edge, flt)
    if others and (edge.contested or edge.denied):
        st.caption("Other side of this contested link (hidden by the current filters):")
        st.html(claims_html(others, articles, actors, vocabulary, frozenset(c.id for c in others)))
    elif others:
        st.caption(f"{len(others)} more claim(s) on this link are hidden by the filters "
                   "(e.g. denials: tick 'Show denied and negated claims').")
