"""The timeline: claims per period as stacked bars (Vega-Lite), and the time window every view uses.

The window is a date-range slider (or a brush drawn on the chart, which moves the slider); in
"as of" mode a single day shows what could be known by then. Either way the page's ClaimFilter
gets the window, so the network, the paths and the tables follow it. Undated claims (standing
relations) stay visible in every window and are counted apart.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import streamlit as st

from actorgraph.explorer import data
from actorgraph.graph.store import ClaimFilter
from actorgraph.graph.timeline import GRANULARITIES, STACKS, Timeline, first_day, timeline
from actorgraph.graph.vocabulary import Vocabulary

DATASET = "claims"  # the chart's counts, a named dataset of the spec
VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.4.1.json"  # what Altair 6 writes


@st.cache_data(max_entries=data.CACHE_ENTRIES, ttl=data.CACHE_TTL, show_spinner=False)
def counts(_store, version: str, flt: ClaimFilter, granularity: str, stack: str,
           labels: tuple[tuple[str, str], ...]) -> Timeline:
    return data.persisted(_store, ("timeline", flt, granularity, stack, labels),
                          lambda: _counts(_store, version, flt, granularity, stack, labels))


def _counts(_store, version: str, flt: ClaimFilter, granularity: str, stack: str,
            labels: tuple[tuple[str, str], ...]) -> Timeline:
    claims = data.window_claims(_store, version, flt) if not flt.actor_types else _store.claims(flt)
    return timeline(claims, data.articles(_store, version), data.actors(_store, version),
                    granularity, stack, dict(labels))


def _spec(found: Timeline, granularity: str, window: tuple[dt.date, dt.date] | None) -> dict[str, Any]:
    """The Vega-Lite spec of the stacked bars (with the window shaded), written as the dict Altair
    would produce: importing Altair, building its objects and serialising them cost 0.5-0.8 s of
    CPU on a cold start and 0.2-0.4 s on every rerun. The counts are a named dataset, which
    Streamlit sends to the browser as Arrow; `brush` is the selection the page reads back."""
    unit = {"day": "yearmonthdate", "week": "yearmonthdate", "month": "yearmonth"}[granularity]
    bars: dict[str, Any] = {
        "data": {"name": DATASET},
        "mark": {"type": "bar"},
        "encoding": {
            "x": {"field": "period", "timeUnit": unit, "title": None, "type": "temporal"},
            "y": {"aggregate": "sum", "field": "claims", "title": f"claims per {granularity}", "type": "quantitative"},
            "color": {"field": "group", "legend": {"labelLimit": 160, "orient": "right"}, "title": None,
                      "type": "nominal"},
            "tooltip": [{"field": "period", "title": granularity, "type": "temporal"},
                        {"field": "group", "type": "nominal"}, {"field": "claims", "type": "quantitative"}],
        },
    }
    brush: dict[str, Any] = {"name": "brush", "select": {"type": "interval", "encodings": ["x"]}}
    spec: dict[str, Any] = {"$schema": VEGA_LITE_SCHEMA, "height": 170, "datasets": {DATASET: found.records()}}
    if window is None:
        return {**spec, **bars, "params": [brush]}
    shade = {"data": {"values": [{"start": window[0].isoformat(), "end": window[1].isoformat()}]},
             "mark": {"type": "rect", "color": "#1f77b4", "opacity": 0.12},
             "encoding": {"x": {"field": "start", "type": "temporal"}, "x2": {"field": "end"}}}
    return {**spec, "layer": [shade, {**bars, "name": "bars"}], "params": [{**brush, "views": ["bars"]}]}


def _brushed(event) -> tuple[dt.date, dt.date] | None:
    """The dates of a brush drawn on the chart (Vega-Lite gives epoch milliseconds), if any."""
    try:
        values = next(iter(event["selection"]["brush"].values()))
    except (KeyError, TypeError, StopIteration, AttributeError):
        return None
    if not values or len(values) != 2:
        return None
    to_day = lambda v: dt.datetime.fromtimestamp(v / 1000, dt.UTC).date() if isinstance(v, (int, float)) \
        else dt.date.fromisoformat(str(v)[:10])  # noqa: E731
    return to_day(values[0]), to_day(values[1])


def timeline_panel(backend: data.Backend, vocabulary: Vocabulary, flt: ClaimFilter) -> ClaimFilter:
    """Draw the timeline; return `flt` restricted to the chosen window (or as-of day)."""
    bounds = data.filter_choices(backend.store, backend.version)["dates"]
    if not bounds:
        return flt
    low, high = first_day(bounds[0][:10]), first_day(bounds[1][:10])
    with st.expander("Timeline", expanded=True):
        gran_col, stack_col, mode_col = st.columns([2, 2, 2])
        granularity = gran_col.radio("Claims per", GRANULARITIES, index=2, horizontal=True, key="tl_gran")
        stack = stack_col.radio("Stacked by", STACKS, horizontal=True, key="tl_stack")
        as_of = mode_col.toggle("As of a day", key="tl_as_of",
                                help="Show only what could be known on that day (claims begun and published by then)")
        labels = tuple((t.id, t.labels.get("en", t.id)) for t in vocabulary.terms.values())
        found = counts(backend.store, backend.version, replace(flt, date_from=None, date_to=None, as_of=None),
                       granularity, stack, labels)
        kept = st.session_state.get("tl_window")
        window = (kept[0], kept[1]) if isinstance(kept, (tuple, list)) and len(kept) == 2 \
            and (kept[0] > low or kept[1] < high) else None  # None: the whole range, nothing to shade
        event = st.vega_lite_chart(spec=_spec(found, granularity, None if as_of else window), width="stretch",
                                   on_select="rerun", key="tl_chart", selection_mode="brush")
        brushed = _brushed(event)
        if brushed and brushed != st.session_state.get("_tl_brush"):
            st.session_state["_tl_brush"] = brushed
            st.session_state["tl_window"] = (max(low, brushed[0]), min(high, brushed[1]))
        restricted = _window_filter(flt, low, high, as_of)
        note = f"{found.undated} undated claim{'s' if found.undated != 1 else ''} (standing relations) stay " \
               "visible in every window, drawn as thin grey links" if found.undated else "Every claim has a date."
        st.caption(note)
    return restricted


def _clamped(value: object, low: dt.date, high: dt.date, default: object) -> object:
    """A remembered slider value, kept only when it still lies within the store's dates."""
    days = value if isinstance(value, (tuple, list)) else (value,)
    ok = days and all(isinstance(d, dt.date) and low <= d <= high for d in days)
    return tuple(value) if ok and isinstance(value, (tuple, list)) else (value if ok else default)


def _window_filter(flt: ClaimFilter, low: dt.date, high: dt.date, as_of: bool) -> ClaimFilter:
    """The slider (window, or as-of day), applied to `flt` (a sidebar range narrows it further)."""
    try:
        if as_of:
            st.session_state["tl_day"] = _clamped(st.session_state.get("tl_day"), low, high, high)
            day = st.slider("As of", low, high, key="tl_day", format="YYYY-MM-DD")
            return replace(flt, as_of=day.isoformat())
        st.session_state["tl_window"] = _clamped(st.session_state.get("tl_window"), low, high, (low, high))
        # a range: the key's session value (set just above) is a (start, end) pair, which the stubs cannot see
        start, end = st.slider("Time window", low, high, key="tl_window",  # pyright: ignore[reportGeneralTypeIssues]
                               format="YYYY-MM-DD")
        if start <= low and end >= high:
            return flt
        return replace(flt, date_from=max(start.isoformat(), flt.date_from or ""),
                       date_to=min(end.isoformat(), flt.date_to or end.isoformat()))
    except ValueError as exc:  # the sidebar range and the window do not meet
        st.warning(f"Time window ignored: {exc}")
        return flt
