"""The Cypher tab, shown only when Neo4j is the backend: the query catalog and a read-only console."""
from __future__ import annotations

import streamlit as st

from explorer import data


def cypher_view(backend: data.Backend) -> None:
    # TODO(neo4j): wire the catalog and console to graph/neo4j_queries.py once the Neo4j store lands.
    try:
        from graph import neo4j_queries  # noqa: F401  (lazily: only present once the Neo4j store is merged)
    except ImportError:
        st.info("The Cypher console needs graph/neo4j_queries.py, which is not part of this build yet.")
        return
    st.info("Cypher console: not wired yet.")
