"""ActorGraph explorer (Streamlit). Placeholder page until the explorer lands: shows the store."""
from __future__ import annotations

import streamlit as st

from graph.config import embedded_store_path
from graph.embedded import EmbeddedStore

st.set_page_config(page_title="ActorGraph", layout="wide")
store = EmbeddedStore(embedded_store_path())
stats = store.stats()
st.title("ActorGraph")
st.caption(f"embedded store · {stats.actors} actors · {stats.claims} claims")
