"""The landing page: counts, the whole graph (or its hubs) drawn at once, the most contested
relations, and one click on a name (or a node) to open that actor's network."""
from __future__ import annotations

import streamlit as st

from actorgraph.explorer import data
from actorgraph.explorer.network import draw_network
from actorgraph.explorer.state import set_focus
from actorgraph.explorer.view import relation_label, summary_view
from actorgraph.graph.store import ClaimFilter
from actorgraph.graph.vocabulary import Vocabulary

HUB_BUTTONS = 12


def _open(actor_id: str) -> None:
    set_focus(actor_id)
    st.session_state["view"] = "ego"


def _counts(found) -> None:
    cols = st.columns(6)
    cols[0].metric("Articles", f"{found.articles:,}")
    cols[1].metric("Actors", f"{found.actors:,}")
    cols[2].metric("Claims", f"{found.claims:,}")
    cols[3].metric("Languages", ", ".join(f"{lang} ({n})" for lang, n in found.languages) or "-")
    cols[4].metric("From", found.first_date or "no dates")
    cols[5].metric("To", found.last_date or "no dates")


def overview_view(backend: data.Backend, vocabulary: Vocabulary, flt: ClaimFilter) -> None:
    """What the page shows before any actor is chosen."""
    found = data.overview(backend.store, backend.version, flt)
    _counts(found)
    names = data.actor_names(backend.store, backend.version)  # persisted: the store need not be read
    name = lambda a: names.get(a, a)  # noqa: E731
    if not found.network.actors:
        st.info("No links under the current filters.")
        return
    st.caption(("The whole graph" if found.whole else
                f"The {len(found.network.actors)} most connected actors and the links among them")
               + " · click a node, or a name below, to open its network")
    st.write("Open an actor:")
    cols = st.columns(4)
    for i, (actor_id, claims) in enumerate(found.hubs[:HUB_BUTTONS]):
        cols[i % 4].button(f"{name(actor_id)} ({claims})", key=f"hub_{actor_id}", on_click=_open, args=(actor_id,),
                           width="stretch")
    view = summary_view(found.network.actors, found.edges, vocabulary, None, found.network.truncated)
    if found.links_cut:
        st.caption(f"The {len(view.edges)} links with the most claims are drawn; {found.links_cut:,} weaker links "
                   "among these actors are left out (open an actor to see all of its links).")
    event = draw_network(view, vocabulary, backend, key="overview")
    if event and event.get("action") == "node_click" and (event.get("data") or {}).get("target_id") in names:
        _open(event["data"]["target_id"])
        st.rerun()
    if found.contested:
        st.subheader("Most contested relations in the store")
        st.dataframe([{"subject": name(s), "relation": relation_label(vocabulary, p), "object": name(o),
                       "for": pro, "against": con} for (s, p, o), pro, con in found.contested],
                     hide_index=True, width="stretch")
