"""The visible subgraph as tables, and as downloads (CSV, GraphML, GEXF, Turtle: `explorer.downloads`)."""
from __future__ import annotations

from functools import partial

import streamlit as st

from actorgraph.explorer import data
from actorgraph.explorer.downloads import download_exporters, subgraph_download
from actorgraph.explorer.ego import current_view
from actorgraph.explorer.evidence_html import safe_url
from actorgraph.graph.exporters.table import claim_rows
from actorgraph.graph.store import ClaimFilter, Subgraph
from actorgraph.graph.vocabulary import Vocabulary


def _downloads(backend: data.Backend, subgraph: Subgraph, stem: str, vocabulary: Vocabulary) -> None:
    """One button per download format; each file is written only when its button is clicked."""
    articles = data.articles(backend.store, backend.version)
    exporters = download_exporters()
    for column, exporter in zip(st.columns(len(exporters)), exporters, strict=True):
        write = partial(subgraph_download, backend.store, subgraph, articles, exporter.name, vocabulary)
        column.download_button(f"Download {exporter.title}", write, f"{stem}{exporter.suffix}", exporter.media_type,
                               key=f"dl_{exporter.name}", help=exporter.description)


def tables_view(backend: data.Backend, vocabulary: Vocabulary, flt: ClaimFilter, subgraph: Subgraph | None) -> None:
    if subgraph is None:
        st.info("Search an actor above: its visible network is what these tables and downloads hold.")
        return
    stem = f"actorgraph-{st.session_state.get('actor')}-depth{st.session_state.get('depth')}"
    _downloads(backend, subgraph, stem, vocabulary)
    view = current_view(backend, vocabulary, flt, subgraph)
    st.subheader(f"Links ({len(view.edges)})")
    st.dataframe([{"subject": view.name(e.subject), "relation": e.label, "object": view.name(e.object),
                   "claims": e.count, "denied": e.denied, "contested": e.contested,
                   "confidence": e.weight} for e in view.edges],
                 hide_index=True, width="stretch")
    st.subheader(f"Claims ({len(subgraph.claims)})")
    names = {a.id: a.name for a in subgraph.actors}
    rows = claim_rows(subgraph.claims, names, data.articles(backend.store, backend.version))
    for row in rows:
        row["url"] = safe_url(row["url"]) or ""
    st.dataframe(rows, hide_index=True, width="stretch",
                 column_config={"url": st.column_config.LinkColumn("url")})
    st.subheader(f"Actors ({len(view.nodes)})")
    st.dataframe([{"id": n.id, "name": n.name, "type": n.type_label, "links": n.degree} for n in view.nodes],
                 hide_index=True, width="stretch")
