"""Drawing a network with Cytoscape.js (st-link-analysis): full page width, preset positions kept
across reruns (`explorer.layout`), captions that stay readable, and a legend of types and edge styles."""
from __future__ import annotations

from typing import Any, Literal

import streamlit as st

from actorgraph.explorer import data
from actorgraph.explorer.evidence_html import esc
from actorgraph.explorer.layout import stable_positions
from actorgraph.explorer.view import (
    CROWDED_EDGES,
    EDGE_LEGEND,
    FALLBACK_COLOUR,
    TYPE_COLOURS,
    GraphView,
    cytoscape_elements,
    edge_style_rules,
    node_style_rules,
)
from actorgraph.graph.vocabulary import Vocabulary

GRAPH_HEIGHT = 680
PRESET = {"name": "preset", "fit": True, "padding": 40, "animate": False}


def positions_for(view: GraphView, state_key: str) -> dict[str, tuple[float, float]]:
    """Positions kept in the session under `state_key`: nodes seen before keep theirs."""
    known = st.session_state.get(state_key) or {}
    placed = stable_positions([n.id for n in view.nodes], view.edges, known)
    st.session_state[state_key] = {**known, **placed}
    return placed


def legend_html(view: GraphView, vocabulary: Vocabulary) -> str:
    """The actor types present in the view (their colours) and what each edge style means."""
    types = sorted({n.type for n in view.nodes})
    chips = "".join(f'<span class="ag-legend-item"><span class="ag-dot" style="background:'
                    f'{esc(TYPE_COLOURS.get(t, FALLBACK_COLOUR))}"></span>'
                    f'{esc(vocabulary.actor_types.get(t, {}).get("en", t))}</span>' for t in types)
    lines = "".join(f'<span class="ag-legend-item"><span class="ag-line" style="border-top:3px {style} {colour}">'
                    f'</span>{esc(label)}</span>' for label, style, colour in EDGE_LEGEND)
    return f'<div class="ag-legend"><b>Actors</b> {chips}<br><b>Links</b> {lines}</div>'


def draw_network(view: GraphView, vocabulary: Vocabulary, backend: data.Backend, *, key: str,
                 node_actions: list[Literal["remove", "expand"]] | None = None) -> dict[str, Any] | None:
    """Draw the view; return the component's new event (a click or an expansion) or None."""
    try:
        from st_link_analysis import Event, st_link_analysis
    except ImportError:  # the tables still list every edge
        st.warning("Graph drawing needs the st-link-analysis package (pip install st-link-analysis).")
        return None
    positions = positions_for(view, f"_pos_{key}")
    # only claim-level edges need the articles (is their claim dated?); summaries know it already
    articles = data.articles(backend.store, backend.version) if any(e.summary is None for e in view.edges) else None
    crowded = len(view.edges) > CROWDED_EDGES
    # The component types its styles as its NodeStyle/EdgeStyle but only calls their `dump()`;
    # StyleRule gives raw Cytoscape rules through the same method.
    event = st_link_analysis(
        cytoscape_elements(view, positions, articles), layout=PRESET,
        node_styles=node_style_rules(vocabulary),  # pyright: ignore[reportArgumentType]
        edge_styles=edge_style_rules(crowded),  # pyright: ignore[reportArgumentType]
        height=GRAPH_HEIGHT, key=key, node_actions=node_actions or [],
        events=[Event("edge_click", "tap", "edge"), Event("node_click", "tap", "node")])
    st.html(legend_html(view, vocabulary)
            + ('<div class="ag-legend">Many links: click an edge (or a node) to read its relation.</div>'
               if crowded else ""))
    if not event or event.get("timestamp") == st.session_state.get(f"_ts_{key}"):
        return None
    st.session_state[f"_ts_{key}"] = event.get("timestamp")
    return event
