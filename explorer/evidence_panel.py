"""The evidence panel: every claim behind one edge, its sentence highlighted, escaped HTML only."""
from __future__ import annotations

import math

import streamlit as st

from actorgraph.explorer import data
from actorgraph.explorer.evidence_html import claims_html, esc
from actorgraph.explorer.state import copy_to, open_article, sync_widget
from actorgraph.explorer.view import EdgeView, GraphView, canonical, edge_title
from actorgraph.graph.model import Claim
from actorgraph.graph.store import EDGE_CLAIMS_PAGE, ClaimFilter
from actorgraph.graph.vocabulary import Vocabulary

MAX_READ_CHOICES = 50


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


def read_buttons(claims: list, articles: dict, key: str) -> None:
    """'Read the article' for one of the claims shown: opens the reader with the claim highlighted."""
    if not claims:
        return
    by_id = {c.id: c for c in claims[:MAX_READ_CHOICES]}
    pick_col, go_col = st.columns([4, 1], vertical_alignment="bottom")
    title = lambda c: f"{c.split('#', 1)[-1]} · {articles[by_id[c].article_id].title[:80]}" \
        if by_id[c].article_id in articles else c  # noqa: E731
    chosen = pick_col.selectbox("Read the article of claim", list(by_id), key=f"{key}_read_pick", format_func=title)
    go_col.button("Read article", key=f"{key}_read", on_click=open_article,
                  args=(by_id[chosen].article_id, chosen))


def _both_sides(backend: data.Backend, edge: EdgeView, vocabulary: Vocabulary, flt: ClaimFilter) -> None:
    """For a contested link: every claim for and against its relation, whatever the polarity filter."""
    pair = frozenset({frozenset((edge.subject, edge.object))})
    contest = data.disputes(backend.store, backend.version, flt, pair).contests.get(
        canonical(vocabulary, edge.subject, edge.predicate, edge.object))
    if contest is None:
        return
    actors = data.actors(backend.store, backend.version)
    articles = data.articles(backend.store, backend.version)
    with st.expander(f"Contested: {len(contest.for_claims)} claim(s) for, {len(contest.against_claims)} against",
                     expanded=True):
        for heading, side in (("For", contest.for_claims), ("Against", contest.against_claims)):
            claims = [s.claim for s in side]
            st.html(f'<div class="ag-side">{esc(heading)} ({len(claims)})</div>'
                    + claims_html(claims, articles, actors, vocabulary, frozenset(c.id for c in claims)))


def edge_evidence(backend: data.Backend, edge: EdgeView, flt: ClaimFilter, key: str) -> list[Claim]:
    """The claims of `edge` to show: one page of `Store.edge_claims`, fetched now that the edge is
    open (a page picker when it has more than one page), or the claims it already carries."""
    if edge.summary is None:
        return list(edge.claims)
    pages = max(1, math.ceil(edge.count / EDGE_CLAIMS_PAGE))
    page = 1
    if pages > 1:
        page = int(st.number_input(f"Page of claims (of {pages}, {EDGE_CLAIMS_PAGE} each)", 1, pages, 1,
                                   key=f"{key}_page_{edge.id}"))
    return data.edge_claims(backend.store, backend.version, edge.subject, edge.predicate, edge.object, flt, page - 1)


def evidence_panel(backend: data.Backend, view: GraphView, edge: EdgeView | None, vocabulary: Vocabulary,
                   flt: ClaimFilter) -> None:
    """The cards for `edge` under the current filters, then both sides when the link is contested."""
    if edge is None:
        st.info("No edge in view: widen the filters or the depth.")
        return
    actors = data.actors(backend.store, backend.version)
    articles = data.articles(backend.store, backend.version)
    claims = edge_evidence(backend, edge, flt, "ev")
    st.html(f'<div class="ag-edge-title" dir="auto">{esc(edge_title(edge, view))}</div>'
            + claims_html(claims, articles, actors, vocabulary))
    read_buttons(claims, articles, key="ev")
    if edge.contested:
        _both_sides(backend, edge, vocabulary, flt)
