"""The path finder: how two actors are connected, each hop explained with its claims."""
from __future__ import annotations

import streamlit as st

from actorgraph.explorer import data
from actorgraph.explorer.evidence_html import claims_html, esc
from actorgraph.explorer.evidence_panel import edge_evidence
from actorgraph.explorer.search import actor_option
from actorgraph.explorer.state import HOPS, PATH_MODES, copy_to, sync_widget
from actorgraph.explorer.view import HopExplanation, edge_title, explain_hops
from actorgraph.graph.store import ClaimFilter, GraphPath, PathEdges
from actorgraph.graph.vocabulary import Vocabulary

MAX_PATHS = 20


def _target_picker(backend: data.Backend, vocabulary: Vocabulary) -> str | None:
    query_col, pick_col = st.columns([2, 3])
    query = query_col.text_input("Target actor", key="target_q", placeholder="e.g. العراق, Iraq, التحالف")
    if query.strip():
        matches = data.search(backend.store, backend.version, query)
        if not matches:
            pick_col.warning("No actor matches this name.")
            return None
        ids = [a.id for a in matches]
        by_id = {a.id: a for a in matches}
        if st.session_state.get("target") not in ids:
            st.session_state["target"] = ids[0]
        sync_widget("target_pick", st.session_state["target"], ids)
        pick_col.selectbox("Matching targets", ids, key="target_pick", on_change=copy_to("target", "target_pick"),
                           format_func=lambda a: actor_option(by_id[a], vocabulary))
    return st.session_state.get("target")


def path_html(number: int, path: GraphPath | PathEdges, names: dict[str, str], hops: list[HopExplanation]) -> str:
    """'1. SDF → ISIS → Iraq' and one line per hop, all text escaped."""
    route = " → ".join(f'<b dir="auto">{esc(names.get(a, a))}</b>' for a in path.actors)
    lines = "".join(
        f'<div class="ag-hop"><span class="ag-hopno">hop {i}</span>'
        + "".join(f'<div dir="auto">{esc(edge_title(edge, names))}</div>' for edge in hop.edges) + "</div>"
        for i, hop in enumerate(hops, 1))
    return f'<div class="ag-path"><div class="ag-route">{number}. {route} ({len(path)} hop' \
           f'{"s" if len(path) != 1 else ""})</div>{lines}</div>'


def paths_view(backend: data.Backend, vocabulary: Vocabulary, flt: ClaimFilter) -> None:
    source = st.session_state.get("actor")
    actors = data.actors(backend.store, backend.version)
    if not source or source not in actors:
        st.info("Search an actor above: it is the start of the path.")
        return
    st.caption(f"From: {actor_option(actors[source], vocabulary)}")
    target = _target_picker(backend, vocabulary)
    hops_col, mode_col = st.columns(2)
    max_hops = hops_col.select_slider("Maximum hops", HOPS, key="hops")
    mode = mode_col.radio("Paths", PATH_MODES, key="mode", horizontal=True,
                          format_func={"shortest": "shortest only", "all": "all simple paths"}.__getitem__)
    if not target:
        return
    if target == source:
        st.warning("Choose a target other than the start actor.")
        return
    found = data.path_edges(backend.store, backend.version, source, target, int(max_hops), flt, mode == "shortest",
                            MAX_PATHS)
    names = {a: actor.name for a, actor in actors.items()}
    if not found:
        st.info(f"No path of at most {max_hops} hops under the current filters.")
        return
    st.caption(f"{len(found)} path{'s' if len(found) != 1 else ''}"
               + (" (first 20)" if len(found) == MAX_PATHS else ""))
    articles = data.articles(backend.store, backend.version)
    for number, path in enumerate(found, 1):
        hops = explain_hops(path, vocabulary)
        st.html(path_html(number, path, names, hops))
        # Evidence is read only for the path the analyst opens, one page per link.
        if st.toggle(f"Evidence for path {number}", key=f"path_evidence_{number}"):
            for hop in hops:
                for edge in hop.edges:
                    claims = edge_evidence(backend, edge, flt, f"path{number}")
                    st.html(f'<div class="ag-edge-title" dir="auto">{esc(edge_title(edge, names))}</div>'
                            + claims_html(claims, articles, actors, vocabulary))
