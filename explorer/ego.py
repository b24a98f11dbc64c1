"""The ego network: the focus actor's neighbourhood drawn with Cytoscape.js, expandable, with the
evidence of the chosen edge beside it."""
from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from actorgraph.explorer import data
from actorgraph.explorer.evidence_panel import edge_picker, evidence_panel
from actorgraph.explorer.network import draw_network
from actorgraph.explorer.overview import overview_view
from actorgraph.explorer.state import DEPTHS, copy_to, set_focus, sync_widget
from actorgraph.explorer.view import GraphView, graph_view, merge_ego_edges, merge_subgraphs, summary_view
from actorgraph.graph.store import ClaimFilter, EgoEdges, Subgraph
from actorgraph.graph.vocabulary import Vocabulary

MAX_LIMIT = 500
T = TypeVar("T")


def _visible_parts(read: Callable[[str, int, int], T]) -> tuple[list[T], int] | None:
    """`read(actor, depth, limit)` for the focus actor and, at depth 1, for every expanded actor."""
    focus = st.session_state.get("actor")
    if not focus:
        return None
    limit = int(st.session_state.get("limit", 150))
    parts = [read(focus, int(st.session_state.get("depth", 1)), limit)]
    parts += [read(other, 1, limit) for other in st.session_state.get("expanded", [])]
    return parts, limit


def visible_subgraph(backend: data.Backend, flt: ClaimFilter) -> Subgraph | None:
    """The focus actor's neighbourhood plus the 1-hop neighbourhoods of expanded actors (with claims:
    the tables and downloads)."""
    found = _visible_parts(lambda a, d, n: data.neighbourhood(backend.store, backend.version, a, d, flt, n))
    return merge_subgraphs(*found) if found else None


def visible_edges(backend: data.Backend, flt: ClaimFilter) -> EgoEdges | None:
    """The same network as store aggregates (`Store.ego_edges`): what the ego view draws."""
    found = _visible_parts(lambda a, d, n: data.ego_edges(backend.store, backend.version, a, d, flt, n))
    return merge_ego_edges(*found) if found else None


def current_view(backend: data.Backend, vocabulary: Vocabulary, flt: ClaimFilter, subgraph: Subgraph) -> GraphView:
    """The subgraph as styled nodes and aggregated edges, contested edges marked, by confidence."""
    disputes = data.disputes(backend.store, backend.version, flt, data.pairs_of(subgraph.claims))
    return graph_view(subgraph, vocabulary, st.session_state.get("actor"), contested=disputes.contested,
                      weights=disputes.weights)


def _graph_component(view: GraphView, vocabulary: Vocabulary, backend: data.Backend) -> None:
    """Draw the graph and turn clicks into state: edge click opens evidence, expand adds neighbours."""
    event = draw_network(view, vocabulary, backend, key="graph", node_actions=["expand"])
    if event is None:
        return
    action, payload = event.get("action"), event.get("data") or {}
    if action == "edge_click":
        st.session_state["edge"] = payload.get("target_id")
    elif action == "node_click":
        st.session_state["node"] = payload.get("target_id")
    elif action == "expand":
        for node in payload.get("node_ids", []):
            if node != st.session_state.get("actor") and node not in st.session_state["expanded"]:
                st.session_state["expanded"].append(node)


def _neighbour_controls(view: GraphView) -> None:
    """Choose a visible actor to make it the focus or to add its neighbours to the view."""
    others = [n.id for n in view.nodes if n.id != view.focus]
    if not others:
        return
    sync_widget("node_pick", st.session_state.get("node"), others)
    pick_col, focus_col, expand_col, reset_col = st.columns([4, 1, 1, 1], vertical_alignment="bottom")
    picked = pick_col.selectbox("Actor in view", others, key="node_pick", format_func=view.name,
                                help="Or click a node in the graph; double-click expands it",
                                on_change=copy_to("node", "node_pick"))
    if focus_col.button("Focus", key="make_focus", help="Make this actor the centre of the network"):
        set_focus(picked)
        st.rerun()
    if expand_col.button("Expand", key="expand_node", help="Add this actor's neighbours to the view") \
            and picked not in st.session_state["expanded"]:
        st.session_state["expanded"].append(picked)
        st.rerun()
    if reset_col.button("Reset", key="reset_expand", help="Drop the added neighbours",
                        disabled=not st.session_state["expanded"]):
        st.session_state["expanded"] = []
        st.rerun()


def ego_view(backend: data.Backend, vocabulary: Vocabulary, flt: ClaimFilter, visible: EgoEdges | None) -> None:
    if visible is None:
        overview_view(backend, vocabulary, flt)
        return
    view = summary_view(visible.actors, visible.edges, vocabulary, st.session_state.get("actor"), visible.truncated)
    depth_col, limit_col, note_col = st.columns([2, 1, 3], vertical_alignment="bottom")
    depth_col.select_slider("Depth", DEPTHS, key="depth")
    limit_col.number_input("Node limit", 10, MAX_LIMIT, step=10, key="limit")
    note = f"{len(view.nodes)} actors · {len(view.edges)} links · {sum(e.count for e in view.edges)} claims"
    if st.session_state["expanded"]:
        note += f" · expanded: {', '.join(view.name(a) for a in st.session_state['expanded'])}"
    note_col.caption(note)
    if view.truncated:
        st.warning(f"Truncated: the network has more actors than the node limit ({st.session_state['limit']}); "
                   "showing the nearest ones. Lower the depth, narrow the filters or raise the limit.")
    if len(view.nodes) <= 1:
        st.info("This actor has no links under the current filters.")
        return
    _graph_component(view, vocabulary, backend)
    _neighbour_controls(view)
    st.subheader("Evidence")
    edge = edge_picker(view)
    evidence_panel(backend, view, edge, vocabulary, flt)
