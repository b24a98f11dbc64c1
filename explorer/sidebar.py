"""The sidebar: which backend, what it holds, and the claim filters every view applies."""
from __future__ import annotations

import datetime as dt
import os

import streamlit as st

from actorgraph.explorer import data
from actorgraph.graph.config import neo4j_settings_from_env
from actorgraph.graph.store import ClaimFilter
from actorgraph.graph.vocabulary import Vocabulary

OWN_VOICE = ""  # ClaimFilter's claimant key for "the article's own voice"
SHOWN_POLARITIES = ("asserted", "denied", "negated")


def choose_backend() -> data.Backend:
    """Backend radio (Neo4j preselected when NEO4J_URI is set); falls back to embedded with a message."""
    default = 1 if os.environ.get("NEO4J_URI") else 0
    choice = st.sidebar.radio("Backend", ["embedded", "neo4j"], index=default, horizontal=True, key="backend",
                              help="Neo4j uses NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD")
    try:
        backend = data.open_backend(choice)
    except data.BackendUnavailable as exc:
        st.sidebar.error(f"Neo4j unavailable: {exc}")
        backend = data.open_backend("embedded")
    stats = data.stats(backend.store, backend.version)
    st.sidebar.caption(f"**{backend.name}** store · {stats.actors} actors · {stats.claims} claims "
                       f"({stats.denied} denied) · {stats.articles} articles")
    if backend.name == "neo4j" and neo4j_settings_from_env() is not None:
        st.sidebar.caption(f"Neo4j at `{backend.where}`")
    return backend


def _name_of(names: dict[str, str], actor_id: str) -> str:
    return "(the article itself)" if actor_id == OWN_VOICE else names.get(actor_id, actor_id)


@st.cache_resource(max_entries=2, show_spinner=False)
def _option_names(_store, version: str) -> dict[str, str]:
    """The label of every publisher and claimant option, once per store version: the bench corpus
    has 5,000 claimants, and formatting each on every rerun took about a second."""
    choices, names = data.filter_choices(_store, version), data.actor_names(_store, version)
    return {key: _name_of(names, key) for key in (*choices["publishers"], *choices["claimants"])}


def _dates(bounds: list[str]) -> tuple[str | None, str | None]:
    if not bounds or not st.sidebar.checkbox("Restrict dates", key="f_dates_on"):
        return None, None
    low = dt.date.fromisoformat(_first_day(bounds[0]))
    high = dt.date.fromisoformat(_first_day(bounds[1]))
    picked = st.sidebar.date_input("Date range", value=(low, high), key="f_dates")
    if isinstance(picked, (tuple, list)) and len(picked) == 2:
        return picked[0].isoformat(), picked[1].isoformat()
    return None, None


def _first_day(partial: str) -> str:
    return partial + "-01" * (2 - partial.count("-"))


def claim_filter(backend: data.Backend, vocabulary: Vocabulary) -> ClaimFilter:
    """The filters, as the ClaimFilter every query of the page uses."""
    st.sidebar.subheader("Filters")
    choices = data.filter_choices(backend.store, backend.version)
    label = lambda p: vocabulary.term(p).labels["en"] if p in vocabulary else p  # noqa: E731
    predicates = st.sidebar.multiselect("Relations", choices["predicates"], format_func=label, key="f_rel",
                                        placeholder="all relations")
    types = st.sidebar.multiselect("Actor types", list(vocabulary.actor_types), key="f_types",
                                   format_func=lambda t: vocabulary.actor_types[t].get("en") or t,
                                   placeholder="all types")
    names = _option_names(backend.store, backend.version)
    publishers = st.sidebar.multiselect("Source / publisher", choices["publishers"], key="f_pub",
                                        format_func=lambda key: str(names.get(key, key)), placeholder="all sources")
    claimants = st.sidebar.multiselect("Claimant", choices["claimants"], key="f_claimant",
                                       format_func=lambda key: str(names.get(key, key)), placeholder="anyone")
    date_from, date_to = _dates(choices["dates"])
    show_denied = st.sidebar.checkbox("Show denied and negated claims", value=False, key="f_denied",
                                      help="Denied claims are drawn dashed red and marked in the evidence")
    show_extracted = st.sidebar.checkbox("Show extracted claims", value=True, key="f_extracted",
                                         help="Claims `actorgraph extract` suggested and nobody has reviewed yet: "
                                              "in the network, the tables and the review queue")
    polarities = SHOWN_POLARITIES if show_denied else ("asserted",)
    origins = () if show_extracted else ("annotated",)
    try:
        return ClaimFilter(predicates=tuple(predicates), actor_types=tuple(types), polarities=polarities,
                           claimants=tuple(claimants), publishers=tuple(publishers), date_from=date_from,
                           date_to=date_to, origins=origins)
    except ValueError as exc:  # e.g. a range whose start is after its end: ignore the dates, say why
        st.sidebar.warning(f"Date range ignored: {exc}")
        return ClaimFilter(predicates=tuple(predicates), actor_types=tuple(types), polarities=polarities,
                           claimants=tuple(claimants), publishers=tuple(publishers), origins=origins)
