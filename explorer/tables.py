"""The visible subgraph as tables and downloads (CSV, GraphML, Turtle)."""
from __future__ import annotations

import streamlit as st

from actorgraph.explorer import data
from actorgraph.explorer.ego import current_view
from actorgraph.explorer.evidence_html import safe_url
from actorgraph.graph.gexf_export import dynamic_network, gexf_bytes
from actorgraph.graph.store import ClaimFilter, Subgraph
from actorgraph.graph.subgraph_export import subgraph_csv, subgraph_graphml, subgraph_rows, subgraph_turtle
from actorgraph.graph.vocabulary import Vocabulary


def _downloads(backend: data.Backend, subgraph: Subgraph, stem: str, vocabulary: Vocabulary) -> None:
    articles = data.articles(backend.store, backend.version)
    csv_col, graphml_col, gexf_col, turtle_col = st.columns(4)
    csv_col.download_button("Download CSV", subgraph_csv(subgraph, articles).encode("utf-8"), f"{stem}.csv",
                            "text/csv", key="dl_csv")
    graphml_col.download_button("Download GraphML", subgraph_graphml(subgraph), f"{stem}.graphml",
                                "application/graphml+xml", key="dl_graphml")
    gexf = gexf_bytes(dynamic_network(subgraph.actors, subgraph.claims, articles, vocabulary))
    gexf_col.download_button("Download GEXF", gexf, f"{stem}.gexf", "application/gexf+xml", key="dl_gexf",
                             help="For Gephi: links carry their dates as time intervals, for its timeline")
    turtle_col.download_button("Download Turtle", subgraph_turtle(subgraph, articles).encode("utf-8"), f"{stem}.ttl",
                               "text/turtle", key="dl_turtle")


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
    rows = subgraph_rows(subgraph, data.articles(backend.store, backend.version))
    for row in rows:
        row["url"] = safe_url(row["url"]) or ""
    st.dataframe(rows, hide_index=True, width="stretch",
                 column_config={"url": st.column_config.LinkColumn("url")})
    st.subheader(f"Actors ({len(view.nodes)})")
    st.dataframe([{"id": n.id, "name": n.name, "type": n.type_label, "links": n.degree} for n in view.nodes],
                 hide_index=True, width="stretch")
