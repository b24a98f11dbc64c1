"""Actor search (Arabic or English, normalised by the store) and the focus picker."""
from __future__ import annotations

import streamlit as st

from actorgraph.explorer import data
from actorgraph.explorer.evidence_html import actor_chip_html
from actorgraph.explorer.state import set_focus
from actorgraph.explorer.view import FALLBACK_COLOUR, TYPE_COLOURS
from actorgraph.graph.model import Actor
from actorgraph.graph.vocabulary import Vocabulary


def actor_option(actor: Actor, vocabulary: Vocabulary) -> str:
    """Plain-text option label: 'English / Arabic · Type'."""
    names = " / ".join(n for n in (actor.labels.get("en"), actor.labels.get("ar")) if n) or actor.id
    return f"{names} · {vocabulary.actor_types.get(actor.type, {}).get('en', actor.type)}"


def _on_query() -> None:
    st.session_state["_new_query"] = True


def search_box(backend: data.Backend, vocabulary: Vocabulary) -> None:
    """Search field and matches; a new search focuses its best match, the picker switches to others."""
    left, right = st.columns([2, 3])
    query = left.text_input("Search actors", key="q", on_change=_on_query,
                            placeholder="name or alias, e.g. قسد, داعش, SDF, Iraq")
    matches = data.search(backend.store, backend.version, query) if query.strip() else []
    if query.strip() and not matches:
        right.warning("No actor matches this name.")
        return
    if not matches:
        return
    ids = [a.id for a in matches]
    by_id = {a.id: a for a in matches}
    if st.session_state.pop("_new_query", False) or st.session_state.get("pick") not in ids:
        st.session_state["pick"] = ids[0]
        set_focus(ids[0])
    right.selectbox(f"{len(matches)} matching actor{'s' if len(ids) != 1 else ''}", ids, key="pick",
                    format_func=lambda a: actor_option(by_id[a], vocabulary),
                    on_change=lambda: set_focus(st.session_state["pick"]))
    chips = "".join(actor_chip_html(a, TYPE_COLOURS.get(a.type, FALLBACK_COLOUR),
                                    vocabulary.actor_types.get(a.type, {}).get("en", a.type)) for a in matches[:8])
    st.html(f'<div class="ag-results">{chips}</div>')
