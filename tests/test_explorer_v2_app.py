"""Explorer v2 parts driven by AppTest against a real embedded store (the seed article ingested):
the landing overview, the readable network, the timeline, the article reader, the review queue."""
from __future__ import annotations

import html
import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from actorgraph.graph.embedded import EmbeddedStore
from actorgraph.graph.store import ClaimFilter
from tests.conftest import ROOT


def app(**params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def graph_args(at: AppTest) -> dict:
    components = at.get("component_instance")
    assert len(components) == 1, "one graph component on the page"
    return json.loads(components[0].proto.json_args)


def html_bodies(at: AppTest) -> list[str]:
    return [element.proto.body for element in at.get("html")]


def test_landing_overview_shows_the_whole_small_graph_and_counts(seeded: EmbeddedStore) -> None:
    at = app()
    assert not at.exception
    linked = {a for c in seeded.claims(ClaimFilter()) for a in (c.subject, c.object)}
    args = graph_args(at)
    assert {n["data"]["id"] for n in args["elements"]["nodes"]} == linked
    assert all("position" in n for n in args["elements"]["nodes"])  # preset, stable positions
    assert args["layout"]["name"] == "preset"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Articles"] == "1" and metrics["Actors"] == str(seeded.stats().actors)
    assert metrics["Claims"] == str(len(seeded.claims(ClaimFilter())))
    assert metrics["Languages"] == "ar (1)" and (metrics["From"], metrics["To"]) == ("2022-01", "2022-01-21")
    assert "The whole graph · click a node, or a name below, to open its network" in [c.value for c in at.caption]
    contested = at.dataframe[0].value
    pairs = set(zip(contested["subject"], contested["relation"], strict=True))
    assert ("Islamic State (ISIS)", "escapes from") in pairs


def test_a_hub_button_opens_the_actor(seeded: EmbeddedStore) -> None:
    at = app()
    degree: dict[str, int] = {}
    for c in seeded.claims(ClaimFilter()):
        for a in {c.subject, c.object}:
            degree[a] = degree.get(a, 0) + 1
    top = min(degree, key=lambda a: (-degree[a], a))
    at.button(key=f"hub_{top}").click().run()
    assert at.session_state["actor"] == top and at.query_params["actor"] == top
    assert {n["data"]["id"] for n in graph_args(at)["elements"]["nodes"]} == seeded.neighbourhood(top, 1).actor_ids()


def test_expanding_keeps_the_positions_of_nodes_already_drawn(seeded: EmbeddedStore) -> None:
    at = app(actor="farhad-shami")
    before = {n["data"]["id"]: n["position"] for n in graph_args(at)["elements"]["nodes"]}
    at.selectbox(key="node_pick").set_value("sdf").run()
    at.button(key="expand_node").click().run()
    after = {n["data"]["id"]: n["position"] for n in graph_args(at)["elements"]["nodes"]}
    assert len(after) > len(before) and all(after[a] == p for a, p in before.items())


def test_legend_and_crowded_captions(seeded: EmbeddedStore) -> None:
    at = app(actor="isis", depth="2")
    legend = next(b for b in html_bodies(at) if b.startswith('<div class="ag-legend">'))
    assert "Armed group" in legend and "contested (claims for and against)" in legend
    args = graph_args(at)
    base = next(r["style"] for r in args["style"] if r["selector"] == "edge")
    crowded = len(args["elements"]["edges"]) > 30
    assert ("label" in base) is (not crowded)
    selected = next(r["style"] for r in args["style"] if r["selector"] == "edge:selected")
    assert selected["label"] == "data(caption)"


def test_timeline_chart_and_window_filter_the_network(seeded: EmbeddedStore) -> None:
    import datetime as dt

    at = app(actor="iraq")
    charts = at.get("vega_lite_chart")
    assert len(charts) == 1
    import pyarrow

    from actorgraph.explorer.timeline import DATASET

    dataset = next(d for d in charts[0].proto.datasets if d.name == DATASET)  # the counts, a named dataset
    values = pyarrow.ipc.open_stream(dataset.data.data).read_all().to_pylist()
    assert sum(v["claims"] for v in values) == len(seeded.claims(ClaimFilter()))
    assert {v["period"] for v in values} == {"2022-01-01"}
    full = {n["data"]["id"] for n in graph_args(at)["elements"]["nodes"]}
    at.slider(key="tl_window").set_value((dt.date(2022, 1, 1), dt.date(2022, 1, 10))).run()
    narrow = seeded.neighbourhood("iraq", 1, ClaimFilter(date_from="2022-01-01", date_to="2022-01-10"))
    assert {n["data"]["id"] for n in graph_args(at)["elements"]["nodes"]} == narrow.actor_ids() < full
    at.toggle(key="tl_as_of").set_value(True).run()
    at.slider(key="tl_day").set_value(dt.date(2022, 1, 10)).run()
    assert [i.value for i in at.info] == ["This actor has no links under the current filters."]  # published 01-21


def test_reader_opens_from_the_evidence_with_every_mention_marked(seeded: EmbeddedStore) -> None:
    at = app(actor="sdf", edge="sdf|supported-by|international-coalition")
    claim = seeded.claims(subject="sdf", predicate="supported-by", object="international-coalition")[0]
    at.selectbox(key="ev_read_pick").set_value(claim.id).run()
    at.button(key="ev_read").click().run()
    assert at.radio(key="view").value == "reader" and at.query_params["article"] == claim.article_id
    assert at.radio(key="reader_claim").value == claim.id and at.query_params["claim"] == claim.id
    article = seeded.get_article(claim.article_id)
    body = next(b for b in html_bodies(at) if b.startswith('<div class="ag-reader">'))
    assert '<div class="ag-reader-text" dir="rtl" lang="ar">' in body
    mentions = seeded.mentions(article_id=claim.article_id)
    legend, text = body.split('<div class="ag-reader-text"', 1)
    assert legend.count('class="ag-mention"') == len({m.actor_id for m in mentions})  # one chip per actor
    for mention in mentions:  # each mention's first character sits in a segment marked with its actor
        head = html.escape(article.text[mention.span.start])
        assert re.search(f'data-actor="{re.escape(mention.actor_id)}" title="[^"]*">{re.escape(head)}', text)
    assert 'class="ag-evidence"' in body and "ag-span" in body
    marked = "".join(part.split(">", 1)[1] for part in body.split("<span class=\"ag-evidence")[1:]
                     if part.split(">", 1)[1])
    assert claim.evidence.text.split()[0] in marked
    at.radio(key="reader_claim").set_value(None).run()
    body = next(b for b in html_bodies(at) if b.startswith('<div class="ag-reader">'))
    assert "ag-evidence" not in body
    metadata = next(b for b in html_bodies(at) if b.startswith('<table class="ag-meta-table">'))
    assert "<th>Publisher</th><td dir=\"auto\">Orient News</td>" in metadata and "Licence" in metadata
    assert article.published in metadata


def test_reader_finds_articles_by_title_and_escapes_markup(seeded: EmbeddedStore, tmp_path) -> None:
    from actorgraph.ingest.pipeline import ingest_paths
    from tests.articles import IMG, SCRIPT, hostile_article

    folder = tmp_path / "hostile"
    folder.mkdir()
    (folder / "hostile.json").write_text(json.dumps(hostile_article()), encoding="utf-8")
    ingest_paths([folder], seeded)
    at = app(tab="reader")
    at.text_input(key="reader_q").set_value("Breaking").run()
    hostile = hostile_article()["id"]
    assert at.selectbox(key="reader_pick").options == [at.selectbox(key="reader_pick").format_func(hostile)]
    assert at.session_state["article"] == hostile
    bodies = "".join(html_bodies(at))
    assert SCRIPT not in bodies and IMG not in bodies and "&lt;script&gt;" in bodies



def review_corpus(tmp_path, home):
    """The seed and the review fixture copied (the queue edits them) and ingested into `home`."""
    import shutil

    from actorgraph.ingest.pipeline import ingest_paths
    from tests.conftest import FIXTURES, SEED_DIR

    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(SEED_DIR / "orient-2022-01-hasakah-prison.json", folder)
    shutil.copy(FIXTURES / "review" / "flagged.json", folder)
    home.mkdir(parents=True, exist_ok=True)
    assert ingest_paths([folder], EmbeddedStore(home / "graph.msgpack")).ok
    return folder / "flagged.json"


def test_review_queue_reject_accept_and_undo_in_the_page(tmp_path, isolated_home) -> None:
    from actorgraph.graph.review import ReviewLog
    from actorgraph.ingest.resolution import new_actor_id

    article = review_corpus(tmp_path, isolated_home)
    before = article.read_text(encoding="utf-8")
    at = app(tab="review")
    at.text_input(key="reviewer").set_value("rana").run()
    assert at.selectbox(key="rv_claim").options[0].startswith("review-flagged#c1 · its subject")
    at.selectbox(key="rv_claim").set_value("review-flagged#c1").run()
    at.button(key="rv_reject").click().run()
    assert [s.value for s in at.success] == [f"reject-claim review-flagged#c1: recorded (decision "
                                             f"{ReviewLog().decisions()[0].id})"]
    store = EmbeddedStore(isolated_home / "graph.msgpack")
    assert "review-flagged#c1" not in {c.id for c in store.claims(ClaimFilter(polarities=()))}
    assert [c["id"] for c in json.loads(article.read_text(encoding="utf-8"))["claims"]] == ["c2", "c3"]
    flagged = new_actor_id("لواء الصقور الجديد")
    at.selectbox(key="rv_flagged").set_value(flagged).run()
    at.button(key="rv_accept_actor").click().run()
    assert EmbeddedStore(isolated_home / "graph.msgpack").get_actor(flagged).origin == "inline"
    assert json.loads(article.read_text(encoding="utf-8"))["actors"][0]["id"] == flagged
    log = at.dataframe[0].value
    assert list(log["action"]) == ["accept-actor", "reject-claim"] and list(log["who"]) == ["rana", "rana"]
    for _ in range(2):  # undo the latest, then the first
        at.button(key="rv_undo").click().run()
    assert article.read_text(encoding="utf-8") == before
    store = EmbeddedStore(isolated_home / "graph.msgpack")
    assert store.get_actor(flagged).origin == "ingest" and "review-flagged#c1" in {c.id for c in store.claims()}


def test_review_correction_and_no_reviewer_no_decision(tmp_path, isolated_home) -> None:
    article = review_corpus(tmp_path, isolated_home)
    at = app(tab="review")
    at.text_input(key="reviewer").set_value("").run()
    assert at.button(key="rv_accept").disabled and at.button(key="rv_reject").disabled
    at.text_input(key="reviewer").set_value("omar").run()
    at.selectbox(key="rv_claim").set_value("review-flagged#c2").run()
    at.selectbox(key="rv_pol_review-flagged#c2").set_value("denied").run()
    at.button(key="rv_change").click().run()
    claims = {c["id"]: c for c in json.loads(article.read_text(encoding="utf-8"))["claims"]}
    assert claims["c2"]["polarity"] == "denied" and "polarity" not in claims["c1"]
    changed = next(c for c in EmbeddedStore(isolated_home / "graph.msgpack").claims(ClaimFilter(polarities=()))
                   if c.id == "review-flagged#c2")
    assert changed.polarity == "denied"


def test_review_rejects_a_flagged_actor_in_the_page_and_undoes_it(tmp_path, isolated_home) -> None:
    from actorgraph.graph.review import ReviewLog
    from actorgraph.ingest.resolution import new_actor_id

    article = review_corpus(tmp_path, isolated_home)
    at = app(tab="review")
    at.text_input(key="reviewer").set_value("rana").run()
    flagged = new_actor_id("لواء الصقور الجديد")
    at.selectbox(key="rv_flagged").set_value(flagged).run()
    at.button(key="rv_reject_actor").click().run()  # claims c1-c3 still name it
    assert len(at.error) == 1 and "reject or correct those claims first" in at.error[0].value
    for claim_id in ("review-flagged#c3", "review-flagged#c2", "review-flagged#c1"):
        at.selectbox(key="rv_claim").set_value(claim_id).run()
        at.button(key="rv_reject").click().run()
    before = article.read_text(encoding="utf-8")
    at.selectbox(key="rv_flagged").set_value(flagged).run()
    at.button(key="rv_reject_actor").click().run()
    assert at.success[0].value.startswith(f"reject-actor {flagged}: recorded")
    assert [m["id"] for m in json.loads(article.read_text(encoding="utf-8"))["mentions"]] == ["m2", "m3"]
    assert EmbeddedStore(isolated_home / "graph.msgpack").get_actor(flagged).origin == "rejected"
    assert [s.value for s in at.subheader if s.value.startswith("Actors flagged")] == ["Actors flagged at ingest (0)"]
    latest = ReviewLog().decisions()[-1]
    assert latest.action == "reject-actor"
    at.selectbox(key="rv_undo_pick").set_value(latest.id).run()
    at.button(key="rv_undo").click().run()
    assert article.read_text(encoding="utf-8") == before
    assert EmbeddedStore(isolated_home / "graph.msgpack").get_actor(flagged).origin == "ingest"


@pytest.mark.parametrize("window", [None, ("2022-01-01", "2022-02-01")])
@pytest.mark.parametrize("granularity", ["day", "week", "month"])
def test_the_timeline_spec_is_the_one_altair_builds(granularity: str, window) -> None:
    """The page writes the chart's Vega-Lite spec itself (no Altair import on a cold start); it must
    stay the spec Altair builds for the same chart, brush and shaded window included."""
    import datetime as dt

    import altair as alt

    from actorgraph.explorer.timeline import DATASET, _spec
    from actorgraph.graph.timeline import Timeline

    found = Timeline(((dt.date(2022, 1, 1), "support", 3), (dt.date(2022, 2, 1), "attack", 2)), 1, None, None)
    days = tuple(map(dt.date.fromisoformat, window)) if window else None
    brush = alt.selection_interval(encodings=["x"], name="brush")
    unit = {"day": "yearmonthdate", "week": "yearmonthdate", "month": "yearmonth"}[granularity]
    bars = alt.Chart(alt.NamedData(name=DATASET)).mark_bar().encode(
        x=alt.X(f"{unit}(period):T", title=None), y=alt.Y("sum(claims):Q", title=f"claims per {granularity}"),
        color=alt.Color("group:N", title=None, legend=alt.Legend(orient="right", labelLimit=160)),
        tooltip=[alt.Tooltip("period:T", title=granularity), "group:N", "claims:Q"],
    ).add_params(brush).properties(height=170)
    chart = bars if days is None else alt.layer(alt.Chart(alt.Data(values=[
        {"start": window[0], "end": window[1]}])).mark_rect(opacity=0.12, color="#1f77b4").encode(
        x="start:T", x2="end:T"), bars)
    expected = chart.to_dict()  # validated against Vega-Lite's schema
    ours = _spec(found, granularity, days)
    assert ours.pop("datasets") == {DATASET: found.records()}
    expected.pop("config")
    if days is not None:  # Altair names the layer that holds the brush with a random id
        name = expected["layer"][1].pop("name")
        assert expected["params"][0].pop("views") == [name]
        assert ours["layer"][1].pop("name") == "bars" and ours["params"][0].pop("views") == ["bars"]
    assert ours == expected
    alt.Chart.from_dict({**_spec(found, granularity, days), "datasets": {DATASET: found.records()}}).to_dict()
