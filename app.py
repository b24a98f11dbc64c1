"""ActorGraph explorer: search an actor, see who it is linked to and how, and read the evidence.

Run with `make run` (or `streamlit run app.py`). The page only routes and renders: exploration
logic lives in `graph.explore`, `graph.evidence`, `graph.analytics` and `graph.subgraph_export`;
the Streamlit code is split across the `explorer` package.
"""
from __future__ import annotations

import streamlit as st

from explorer import data
from explorer.cypher import cypher_view
from explorer.ego import ego_view, visible_subgraph
from explorer.paths import paths_view
from explorer.ranking import ranking_view
from explorer.reader import reader_view
from explorer.review import review_view
from explorer.search import search_box
from explorer.sidebar import choose_backend, claim_filter
from explorer.state import VIEWS, init_state, write_url
from explorer.style import PAGE_CSS
from explorer.tables import tables_view
from explorer.timeline import timeline_panel
from graph.errors import ActorGraphError
from graph.evidence import EVIDENCE_CSS
from graph.reader import READER_CSS
from graph.vocabulary import default_vocabulary

st.set_page_config(page_title="ActorGraph explorer", page_icon="🕸️", layout="wide")
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
subgraph = visible_subgraph(backend, flt)
if view == "ego":
    ego_view(backend, vocabulary, flt, subgraph)
elif view == "paths":
    paths_view(backend, vocabulary, flt)
elif view == "tables":
    tables_view(backend, vocabulary, flt, subgraph)
elif view == "review":
    review_view(backend, vocabulary, not flt.origins)
elif view == "reader":
    reader_view(backend, vocabulary)
elif view == "ranking":
    ranking_view(backend, flt, subgraph)
else:
    cypher_view(backend)
write_url()
