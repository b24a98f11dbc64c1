"""The explorer page: search an actor, see who it is linked to and how, and read the evidence.

Streamlit re-runs the page script on every interaction, so the page is one function, `main`, that
the script (`app.py` in a checkout, or the copy `actorgraph explorer` starts) calls each time.
The page only routes and renders: the views live in the other `explorer` modules.
"""
from __future__ import annotations

import streamlit as st

from actorgraph.explorer import data
from actorgraph.explorer.cypher import cypher_view
from actorgraph.explorer.ego import ego_view, visible_edges, visible_subgraph
from actorgraph.explorer.evidence_html import EVIDENCE_CSS
from actorgraph.explorer.paths import paths_view
from actorgraph.explorer.ranking import ranking_view
from actorgraph.explorer.reader import reader_view
from actorgraph.explorer.review import review_view
from actorgraph.explorer.search import search_box
from actorgraph.explorer.sidebar import choose_backend, claim_filter
from actorgraph.explorer.state import VIEWS, init_state, write_url
from actorgraph.explorer.style import PAGE_CSS
from actorgraph.explorer.tables import tables_view
from actorgraph.explorer.timeline import timeline_panel
from actorgraph.graph.errors import ActorGraphError
from actorgraph.graph.reader import READER_CSS
from actorgraph.graph.vocabulary import default_vocabulary


def main() -> None:
    """Draw the whole page once (Streamlit calls the script again on each interaction)."""
    # a Material icon, not the emoji: checking an emoji imports Streamlit's emoji table (0.4 s of a cold start)
    st.set_page_config(page_title="ActorGraph explorer", page_icon=":material/hub:", layout="wide")
    st.html(EVIDENCE_CSS + READER_CSS + PAGE_CSS)
    init_state()
    vocabulary = default_vocabulary()

    st.sidebar.title("ActorGraph")
    try:
        backend = choose_backend()
    except ActorGraphError as exc:
        st.error(f"Cannot open the store: {exc}")
        st.stop()
    flt = claim_filter(backend, vocabulary)

    if data.stats(backend.store, backend.version).claims == 0:
        st.info("The store is empty: run `actorgraph ingest data/articles` (or `make run`) and reload.")
    search_box(backend, vocabulary)
    flt = timeline_panel(backend, vocabulary, flt)

    views = [v for v in VIEWS if v != "cypher" or backend.name == "neo4j"]
    if st.session_state["view"] not in views:
        st.session_state["view"] = "ego"
    view = st.radio("View", views, key="view", horizontal=True, format_func=VIEWS.__getitem__,
                    label_visibility="collapsed")
    if view == "ego":  # aggregates only; the claims are read for the tables and downloads
        ego_view(backend, vocabulary, flt, visible_edges(backend, flt))
    elif view == "paths":
        paths_view(backend, vocabulary, flt)
    elif view == "tables":
        tables_view(backend, vocabulary, flt, visible_subgraph(backend, flt))
    elif view == "review":
        review_view(backend, vocabulary, not flt.origins)
    elif view == "reader":
        reader_view(backend, vocabulary)
    elif view == "ranking":
        ranking_view(backend, flt, visible_edges(backend, flt))
    else:
        cypher_view(backend)
    write_url()
    warm_up = getattr(backend.store, "warm_up_in_background", None)
    if warm_up is not None:  # the embedded store's graphs and mentions, built while the page is read
        warm_up()


if __name__ == "__main__":  # `streamlit run .../explorer/page.py` (what `actorgraph explorer` does)
    main()
