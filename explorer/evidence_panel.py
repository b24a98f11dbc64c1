"""The evidence panel: every claim behind one edge, its sentence highlighted, escaped HTML only."""
from __future__ import annotations

import math
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Evidence:
    """One page of an edge's evidence, rendered: what the panel draws, small enough to persist
    (graph/derived.py) so that an ego network drawn from the sidecar draws its evidence without
    reading the store. Every piece of article text in it went through `claims_html` (escaped)."""

    cards: str
    #: The claims the "Read the article" picker offers: (claim id, article id, label).
    reads: tuple[tuple[str, str, str], ...]
    #: A contested link's both sides: (expander label, (escaped HTML for, against)), else None.
    sides: tuple[str, tuple[str, ...]] | None = None


def read_choices(claims: list, articles: dict) -> tuple[tuple[str, str, str], ...]:
    """The claims 'Read the article' offers, each with its article's title (or the claim id)."""
    title = lambda c: f"{c.id.split('#', 1)[-1]} · {articles[c.article_id].title[:80]}" \
        if c.article_id in articles else c.id  # noqa: E731
    return tuple((c.id, c.article_id, title(c)) for c in claims[:MAX_READ_CHOICES])


def read_buttons(choices: tuple[tuple[str, str, str], ...], key: str) -> None:
    """'Read the article' for one of the claims shown: opens the reader with the claim highlighted."""
    if not choices:
        return
    by_id = {claim: (article, label) for claim, article, label in choices}
    pick_col, go_col = st.columns([4, 1], vertical_alignment="bottom")
    chosen = pick_col.selectbox("Read the article of claim", list(by_id), key=f"{key}_read_pick",
                                format_func=lambda c: by_id[c][1])
    go_col.button("Read article", key=f"{key}_read", on_click=open_article, args=(by_id[chosen][0], chosen))


def _both_sides(backend: data.Backend, edge: EdgeView, vocabulary: Vocabulary,
                flt: ClaimFilter) -> tuple[str, tuple[str, ...]] | None:
    """For a contested link: every claim for and against its relation, whatever the polarity filter."""
    pair = frozenset({frozenset((edge.subject, edge.object))})
    contest = data.disputes(backend.store, backend.version, flt, pair).contests.get(
        canonical(vocabulary, edge.subject, edge.predicate, edge.object))
    if contest is None:
        return None
    actors = data.actors(backend.store, backend.version)
    articles = data.articles(backend.store, backend.version)
    bodies = []
    for heading, side in (("For", contest.for_claims), ("Against", contest.against_claims)):
        claims = [s.claim for s in side]
        bodies.append(f'<div class="ag-side">{esc(heading)} ({len(claims)})</div>'
                      + claims_html(claims, articles, actors, vocabulary, frozenset(c.id for c in claims)))
    return f"Contested: {len(contest.for_claims)} claim(s) for, {len(contest.against_claims)} against", tuple(bodies)


def evidence_page(edge: EdgeView, key: str) -> int:
    """The page (from 0) of `edge`'s claims to show: a page picker when it has more than one."""
    pages = max(1, math.ceil(edge.count / EDGE_CLAIMS_PAGE))
    if edge.summary is None or pages == 1:
        return 0
    return int(st.number_input(f"Page of claims (of {pages}, {EDGE_CLAIMS_PAGE} each)", 1, pages, 1,
                               key=f"{key}_page_{edge.id}")) - 1


def edge_evidence(backend: data.Backend, edge: EdgeView, flt: ClaimFilter, key: str) -> list[Claim]:
    """The claims of `edge` to show: one page of `Store.edge_claims`, fetched now that the edge is
    open (a page picker when it has more than one page), or the claims it already carries."""
    return _page_claims(backend, edge, flt, evidence_page(edge, key))


def _page_claims(backend: data.Backend, edge: EdgeView, flt: ClaimFilter, page: int) -> list[Claim]:
    if edge.summary is None:
        return list(edge.claims)
    return data.edge_claims(backend.store, backend.version, edge.subject, edge.predicate, edge.object, flt, page)


def rendered_evidence(backend: data.Backend, edge: EdgeView, vocabulary: Vocabulary, flt: ClaimFilter,
                      page: int) -> Evidence:
    """One page of `edge`'s evidence drawn from the store (cards, read choices, both sides)."""
    actors = data.actors(backend.store, backend.version)
    articles = data.articles(backend.store, backend.version)
    claims = _page_claims(backend, edge, flt, page)
    return Evidence(claims_html(claims, articles, actors, vocabulary), read_choices(claims, articles),
                    _both_sides(backend, edge, vocabulary, flt) if edge.contested else None)


def edge_evidence_view(backend: data.Backend, edge: EdgeView, vocabulary: Vocabulary, flt: ClaimFilter,
                       page: int) -> Evidence:
    """`rendered_evidence`, persisted per store version for an aggregated edge (an ego network's):
    an edge shown once is drawn after a restart without reading the store (graph/derived.py;
    a write to the store makes a new version, so it is drawn from the store again)."""
    if edge.summary is None:
        return rendered_evidence(backend, edge, vocabulary, flt, page)
    key = ("evidence", edge.subject, edge.predicate, edge.object, edge.contested, flt, page)
    return data.persisted(backend.store, key, lambda: _from_store(backend, edge, vocabulary, flt, page))


def _from_store(backend: data.Backend, edge: EdgeView, vocabulary: Vocabulary, flt: ClaimFilter,
                page: int) -> Evidence:
    if not data.store_ready(backend):
        # The network above is already in the browser (Streamlit sends elements as the script goes);
        # this edge's claims were never shown on this store version, so the store is read for them.
        with st.spinner("Reading the store for the evidence (once after the explorer starts)…"):
            data.load_store(backend)
    return rendered_evidence(backend, edge, vocabulary, flt, page)


def evidence_panel(backend: data.Backend, view: GraphView, edge: EdgeView | None, vocabulary: Vocabulary,
                   flt: ClaimFilter) -> None:
    """The cards for `edge` under the current filters, then both sides when the link is contested."""
    if edge is None:
        st.info("No edge in view: widen the filters or the depth.")
        return
    evidence = edge_evidence_view(backend, edge, vocabulary, flt, evidence_page(edge, "ev"))
    st.html(f'<div class="ag-edge-title" dir="auto">{esc(edge_title(edge, view))}</div>' + evidence.cards)
    read_buttons(evidence.reads, key="ev")
    if evidence.sides is not None:
        with st.expander(evidence.sides[0], expanded=True):
            for body in evidence.sides[1]:
                st.html(body)
