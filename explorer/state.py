"""The page state that lives in the URL, so a view can be shared as a link.

`?actor=sdf&tab=ego&depth=2&edge=sdf|supported-by|international-coalition&target=iraq&hops=3`
On a session's first run the query parameters seed `st.session_state` (invalid values are
dropped); after the widgets have run, the current state is written back to `st.query_params`.
"""
from __future__ import annotations

from collections.abc import Callable

import streamlit as st

VIEWS: dict[str, str] = {
    "ego": "Ego network",
    "paths": "Path finder",
    "tables": "Table & downloads",
    "ranking": "Ranking",
    "reader": "Article reader",
    "review": "Review",
    "cypher": "Cypher",
}
DEPTHS = (1, 2, 3)
HOPS = (1, 2, 3, 4)
PATH_MODES = ("shortest", "all")


def _int_in(choices: tuple[int, ...]) -> Callable[[str], int | None]:
    def parse(raw: str) -> int | None:
        return int(raw) if raw.isdigit() and int(raw) in choices else None
    return parse


#: URL parameter -> (session-state key, parser returning None for invalid values).
URL_STATE: dict[str, tuple[str, Callable[[str], object]]] = {
    "actor": ("actor", lambda raw: raw or None),
    "tab": ("view", lambda raw: raw if raw in VIEWS else None),
    "depth": ("depth", _int_in(DEPTHS)),
    "edge": ("edge", lambda raw: raw or None),
    "target": ("target", lambda raw: raw or None),
    "hops": ("hops", _int_in(HOPS)),
    "mode": ("mode", lambda raw: raw if raw in PATH_MODES else None),
    "article": ("article", lambda raw: raw or None),
    "claim": ("reader_claim", lambda raw: raw or None),
}
DEFAULTS: dict[str, object] = {"view": "ego", "depth": 1, "hops": 3, "mode": "shortest", "actor": None,
                               "edge": None, "target": None, "expanded": [], "limit": 150,
                               "article": None, "reader_claim": None}


def init_state() -> None:
    """Seed session state from the URL once per session, then fill the defaults."""
    if not st.session_state.get("_url_loaded"):
        st.session_state["_url_loaded"] = True
        for param, (key, parse) in URL_STATE.items():
            raw = st.query_params.get(param)
            value = parse(raw) if raw is not None else None
            if value is not None:
                st.session_state[key] = value
    for key, value in DEFAULTS.items():
        st.session_state.setdefault(key, list(value) if isinstance(value, list) else value)
        # Re-assigning detaches the value from its widget, so it survives runs where the widget
        # is not drawn (another view is open) instead of being dropped by Streamlit.
        st.session_state[key] = st.session_state[key]


def write_url() -> None:
    """Mirror the state into the URL; defaults and empty values are left out to keep links short."""
    wanted: dict[str, str] = {}
    for param, (key, _) in URL_STATE.items():
        value = st.session_state.get(key)
        if value is None or (key != "actor" and value == DEFAULTS.get(key)):
            continue
        wanted[param] = str(value)
    if dict(st.query_params) != wanted:
        st.query_params.from_dict(wanted)


def set_focus(actor_id: str | None) -> None:
    """Make `actor_id` the centre of the ego network (forgets expansions and the open edge)."""
    if st.session_state.get("actor") != actor_id:
        st.session_state["actor"] = actor_id
        st.session_state["expanded"] = []
        st.session_state["edge"] = None


def sync_widget(widget_key: str, value: object, options: list) -> None:
    """Point a keyed widget at `value` before it is drawn (Streamlit ignores `index` once keyed)."""
    if value in options and st.session_state.get(widget_key) != value:
        st.session_state[widget_key] = value


def open_article(article_id: str, claim_id: str | None = None) -> None:
    """Switch to the article reader on `article_id`, with `claim_id` highlighted (a button callback)."""
    st.session_state["article"] = article_id
    st.session_state["reader_claim"] = claim_id
    st.session_state["view"] = "reader"


def copy_to(state_key: str, widget_key: str) -> Callable[[], None]:
    """An on_change callback copying a picker's value into the state key it stands for."""
    def copy() -> None:
        st.session_state[state_key] = st.session_state[widget_key]
    return copy
