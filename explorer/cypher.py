"""The Cypher tab, shown only when Neo4j is the backend: the query catalog and a read-only console.

Both go through `graph.neo4j.console`, which runs statements in READ access mode after an
EXPLAIN that refuses writes, with a server-side timeout and a row limit; parameters are typed by
the catalog (actors resolved, relations through the vocabulary gate), never pasted into Cypher.
"""
from __future__ import annotations

import streamlit as st

from actorgraph.explorer import data

CONSOLE_TIMEOUT = 10.0
CONSOLE_ROWS = 500


def _show(result) -> None:
    rows = [dict(zip(result.columns, (str(v) for v in row), strict=True)) for row in result.rows]
    if rows:
        st.dataframe(rows, use_container_width=True, hide_index=True)
    else:
        st.info("No rows.")
    if result.truncated:
        st.caption(f"Only the first {len(result.rows)} rows are shown.")


def catalog_view(store) -> None:
    from actorgraph.graph.neo4j import queries as q
    from actorgraph.graph.neo4j.console import ConsoleError, run_catalog_query, typed_params

    name = st.selectbox("Catalog query", sorted(q.CATALOG), key="cy_query")
    query = q.CATALOG[name]
    st.caption(query.description)
    raw = {}
    for param in query.params:
        default = "" if param.default is None else str(param.default)
        value = st.text_input(f"{param.name}: {param.description}", value=default, key=f"cy_{name}_{param.name}")
        if value.strip():
            raw[param.name] = value.strip()
    with st.expander("Cypher"):
        values = {p.name: p.default for p in query.params}
        st.code(query.cypher(store.vocabulary, values), language="cypher")
    if st.button("Run query", key="cy_run_catalog"):
        try:
            _show(run_catalog_query(store, name, typed_params(store, name, raw), timeout=CONSOLE_TIMEOUT))
        except ConsoleError as exc:
            st.error(str(exc))


def console_view(store) -> None:
    from actorgraph.graph.neo4j.console import ConsoleError, run_cypher

    text = st.text_area("Read-only Cypher", value="MATCH (a:Actor)-[:SUPPORTED_BY]->(b:Actor) RETURN a.id, b.id",
                        key="cy_text", height=100)
    st.caption(f"Read-only: writes are refused; stopped after {CONSOLE_TIMEOUT:g} s; at most {CONSOLE_ROWS} rows.")
    if st.button("Run", key="cy_run_console"):
        try:
            _show(run_cypher(store, text, timeout=CONSOLE_TIMEOUT, limit=CONSOLE_ROWS))
        except ConsoleError as exc:
            st.error(str(exc))


def cypher_view(backend: data.Backend) -> None:
    if backend.name != "neo4j":
        st.info("The Cypher tab needs the Neo4j backend.")
        return
    catalog, console = st.tabs(["Catalog", "Console"])
    with catalog:
        catalog_view(backend.store)
    with console:
        console_view(backend.store)
