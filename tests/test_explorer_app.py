"""The explorer page driven by Streamlit's AppTest against a real embedded store (no patching):
the seed article is ingested into the test's own ACTORGRAPH_HOME first."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from actorgraph.graph.embedded import EmbeddedStore
from actorgraph.graph.store import ClaimFilter
from actorgraph.graph.weights import edge_weights
from actorgraph.ingest.pipeline import ingest_paths
from tests.articles import HOSTILE_NAME, IMG, SCRIPT, hostile_article
from tests.conftest import ROOT

SEED = "orient-2022-01-hasakah-prison"


def confidence(store: EmbeddedStore, relation: tuple[str, str, str]) -> float:
    return next(w.confidence for w in edge_weights(store) if w.relation == relation)


def app(**params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def html_bodies(at: AppTest) -> list[str]:
    return [element.proto.body for element in at.get("html")]


def graph_args(at: AppTest) -> dict:
    components = at.get("component_instance")
    assert len(components) == 1, "one graph component on the page"
    return json.loads(components[0].proto.json_args)


def test_search_in_arabic_focuses_the_best_match(seeded: EmbeddedStore) -> None:
    at = app()
    assert not at.exception
    at.text_input(key="q").set_value("قسد").run()
    pick = at.selectbox(key="pick")
    assert pick.value == "sdf"
    assert pick.options[0] == "Syrian Democratic Forces (SDF) / قوات سوريا الديمقراطية · Armed group"
    assert at.session_state["actor"] == "sdf" and at.query_params["actor"] == "sdf"
    assert any('<span class="ag-type" style="background:#b07aa1">Armed group</span>' in b for b in html_bodies(at))
    at.text_input(key="q").set_value("no such actor zzz").run()
    assert [w.value for w in at.warning] == ["No actor matches this name."]


def test_ego_network_holds_the_neighbourhood_and_depth_widens_it(seeded: EmbeddedStore) -> None:
    at = app(actor="sdf")
    args = graph_args(at)
    expected = seeded.neighbourhood("sdf", 1)
    assert {n["data"]["id"] for n in args["elements"]["nodes"]} == expected.actor_ids()
    edges = {e["data"]["id"]: e["data"] for e in args["elements"]["edges"]}
    assert edges["sdf|supported-by|international-coalition"]["label"] == "supported by"
    assert edges["isis|attacks|sina-prison"]["claims"] == 2
    focus = [n["data"]["id"] for n in args["elements"]["nodes"] if n["data"]["focus"] == "yes"]
    assert focus == ["sdf"]
    assert "6 actors · 12 links · 14 claims" in [c.value for c in at.caption]
    at.select_slider(key="depth").set_value(2).run()
    wider = {n["data"]["id"] for n in graph_args(at)["elements"]["nodes"]}
    assert wider == seeded.neighbourhood("sdf", 2).actor_ids() and len(wider) > len(expected.actors)
    assert at.query_params["depth"] == "2"


def test_node_limit_truncates_with_a_visible_note(seeded: EmbeddedStore) -> None:
    at = app(actor="isis", depth="2")
    at.number_input(key="limit").set_value(10).run()
    assert len(graph_args(at)["elements"]["nodes"]) == 10
    truncated = "Truncated: the network has more actors than the node limit (10)"
    assert any(w.value.startswith(truncated) for w in at.warning)


def test_expanding_a_neighbour_adds_its_neighbours_and_focus_moves(seeded: EmbeddedStore) -> None:
    at = app(actor="farhad-shami")
    assert {n["data"]["id"] for n in graph_args(at)["elements"]["nodes"]} == {"farhad-shami", "sdf"}
    at.selectbox(key="node_pick").set_value("sdf").run()
    at.button(key="expand_node").click().run()
    assert {n["data"]["id"] for n in graph_args(at)["elements"]["nodes"]} == \
        seeded.neighbourhood("sdf", 1).actor_ids() | {"farhad-shami"}
    at.selectbox(key="node_pick").set_value("isis").run()
    at.button(key="make_focus").click().run()
    assert at.session_state["actor"] == "isis" and at.session_state["expanded"] == []
    assert {n["data"]["id"] for n in graph_args(at)["elements"]["nodes"]} == seeded.neighbourhood("isis", 1).actor_ids()


def test_evidence_panel_shows_the_sentence_with_the_span_marked_rtl(seeded: EmbeddedStore) -> None:
    at = app(actor="sdf")
    at.selectbox(key="edge_pick").set_value("sdf|supported-by|international-coalition").run()
    claim = seeded.claims(subject="sdf", predicate="supported-by", object="international-coalition")[0]
    body = next(b for b in html_bodies(at) if 'class="ag-edge-title"' in b)
    weight = confidence(seeded, ("international-coalition", "supports", "sdf"))
    assert body.startswith('<div class="ag-edge-title" dir="auto">Syrian Democratic Forces (SDF) —supported by→ '
                           f"International Coalition against ISIS (1 claim, confidence {weight:.2f})</div>")
    assert f"<mark>{claim.evidence.text}</mark>" in body
    assert '<div class="ag-sentence" dir="rtl" lang="ar">' in body
    assert "الحسكة مشتعلة والعراق يستغل هجوم داعش لغاياته السياسية" in body and "Orient News · 2022-01-21" in body
    assert at.query_params["edge"] == "sdf|supported-by|international-coalition"


def test_filters_hide_denied_claims_until_asked(seeded: EmbeddedStore) -> None:
    at = app(actor="isis", edge="isis|escapes-from|sina-prison")
    body = next(b for b in html_bodies(at) if 'class="ag-edge-title"' in b)
    assert "DENIED" not in body and f"{SEED}#c41" not in body and body.count('class="ag-claim ') == 2
    # The link is contested, so both sides stay readable in their own section.
    sides = next(e for e in at.expander if e.label.startswith("Contested"))
    assert sides.label == "Contested: 2 claim(s) for, 1 against"
    against = [e.proto.body for e in sides.get("html") if e.proto.body.startswith('<div class="ag-side">Against (1)')]
    assert len(against) == 1 and f'data-claim="{SEED}#c41"' in against[0] and "DENIED" in against[0]
    at.sidebar.checkbox(key="f_denied").check().run()
    body = next(b for b in html_bodies(at) if 'class="ag-edge-title"' in b)
    assert body.count('class="ag-claim ') == 3
    assert f'<div class="ag-claim ag-denied" data-claim="{SEED}#c41">' in body
    assert '<span class="ag-badge ag-badge-denied">DENIED</span>' in body
    kinds = {e["data"]["id"]: e["data"]["kind"] for e in graph_args(at)["elements"]["edges"]}
    assert kinds["isis|escapes-from|sina-prison"] == "contested"


def test_relation_and_type_filters_narrow_the_network(seeded: EmbeddedStore) -> None:
    at = app(actor="sdf")
    at.sidebar.multiselect(key="f_rel").set_value(["supported-by", "fights"]).run()
    edges = {e["data"]["id"] for e in graph_args(at)["elements"]["edges"]}
    assert edges == {"sdf|supported-by|international-coalition", "sdf|fights|isis",
                     "international-coalition|fights|isis"}
    at.sidebar.multiselect(key="f_rel").set_value([]).run()
    at.sidebar.multiselect(key="f_types").set_value(["ArmedGroup"]).run()
    nodes = {n["data"]["id"] for n in graph_args(at)["elements"]["nodes"]}
    assert nodes == {"sdf", "isis"}


def test_date_and_claimant_filters(seeded: EmbeddedStore) -> None:
    import datetime as dt

    at = app(actor="iraqi-military-intelligence")
    assert graph_args(at)["elements"]["nodes"]
    at.sidebar.checkbox(key="f_dates_on").check().run()
    at.sidebar.date_input(key="f_dates").set_value((dt.date(2023, 1, 1), dt.date(2023, 12, 31))).run()
    assert not at.get("component_instance")
    assert [i.value for i in at.info] == ["This actor has no links under the current filters."]
    at = app(actor="isis")
    at.sidebar.multiselect(key="f_claimant").set_value(["iraqi-military-intelligence"]).run()
    claims = seeded.claims(ClaimFilter(claimants=("iraqi-military-intelligence",)))
    edges = {e["data"]["id"] for e in graph_args(at)["elements"]["edges"]}
    assert edges == {f"{c.subject}|{c.predicate}|{c.object}" for c in claims if "isis" in (c.subject, c.object)}


def test_path_finder_explains_each_hop(seeded: EmbeddedStore) -> None:
    at = app(actor="sdf", tab="paths")
    at.text_input(key="target_q").set_value("العراق").run()
    assert at.session_state["target"] == "iraq"
    routes = [b for b in html_bodies(at) if b.startswith('<div class="ag-path">')]
    assert len(routes) == 1 and "1. <b dir=\"auto\">Syrian Democratic Forces (SDF)</b> → " \
        "<b dir=\"auto\">Islamic State (ISIS)</b> → <b dir=\"auto\">Iraq</b> (2 hops)" in routes[0]
    weight = confidence(seeded, ("isis", "threatens", "iraq"))
    assert f"Islamic State (ISIS) —threatens→ Iraq (2 claims, confidence {weight:.2f})" in routes[0]
    at.radio(key="mode").set_value("all").run()
    at.select_slider(key="hops").set_value(4).run()
    expected = seeded.paths("sdf", "iraq", 4, limit=20)
    assert len([b for b in html_bodies(at) if b.startswith('<div class="ag-path">')]) == len(expected) > 1
    assert at.query_params["tab"] == "paths" and at.query_params["hops"] == "4"
    assert at.query_params["target"] == "iraq" and at.query_params["mode"] == "all"


def test_query_params_restore_a_shared_view(seeded: EmbeddedStore) -> None:
    at = app(actor="isis", tab="ego", depth="2", edge="isis|threatens|iraq")
    assert (at.session_state["actor"], at.session_state["depth"], at.radio(key="view").value) == ("isis", 2, "ego")
    assert at.selectbox(key="edge_pick").value == "isis|threatens|iraq"
    bad = app(actor="isis", tab="nonsense", depth="9")
    assert not bad.exception and bad.radio(key="view").value == "ego" and bad.session_state["depth"] == 1


def test_ranking_and_tables_views(seeded: EmbeddedStore) -> None:
    at = app(actor="sdf", tab="ranking")
    ranking = at.dataframe[0].value
    assert list(ranking["id"][:2]) == ["isis", "al-hasakah"]
    at.radio(key="rank_scope").set_value("visible").run()
    assert set(at.dataframe[0].value["id"]) == seeded.neighbourhood("sdf", 1).actor_ids()
    tables = app(actor="sdf", tab="tables")
    assert [b.label for b in tables.get("download_button")] == ["Download CSV", "Download GraphML", "Download GEXF",
                                                                     "Download Turtle"]
    assert len(tables.dataframe[1].value) == 14  # one row per claim of the visible network


def test_neo4j_choice_without_a_server_falls_back_with_a_clear_message(seeded: EmbeddedStore,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEO4J_URI", raising=False)
    at = app(actor="sdf")
    at.sidebar.radio(key="backend").set_value("neo4j").run()
    assert [e.value for e in at.sidebar.error] == [
        "Neo4j unavailable: set NEO4J_URI (and NEO4J_USER / NEO4J_PASSWORD) to use Neo4j"]
    gazetteer = yaml.safe_load((ROOT / "data" / "actors.yaml").read_text(encoding="utf-8"))["actors"]
    # all the gazetteer's actors
    caption = f"**embedded** store · {len(gazetteer)} actors · 41 claims (1 denied) · 1 articles"
    assert caption in [c.value for c in at.sidebar.caption]
    assert "cypher" not in at.radio(key="view").options


def test_hostile_markup_renders_as_text(seeded: EmbeddedStore, tmp_path: Path) -> None:
    folder = tmp_path / "hostile"
    folder.mkdir()
    (folder / "hostile.json").write_text(json.dumps(hostile_article()), encoding="utf-8")
    ingest_paths([folder], seeded)
    at = app()
    at.text_input(key="q").set_value("Evil").run()
    assert at.session_state["actor"] == "evil-group" and not at.exception
    bodies = "".join(html_bodies(at))
    for payload in (SCRIPT, IMG, HOSTILE_NAME):
        assert payload not in bodies
    assert "&lt;script&gt;window.__agPwned = 1&lt;/script&gt;" in bodies
    assert "Breaking &lt;script&gt;" in bodies and "Evil &lt;img src=x onerror=" in bodies
    assert "javascript:" not in bodies  # the article's javascript: URL is not made a link
    node = next(n["data"] for n in graph_args(at)["elements"]["nodes"] if n["data"]["id"] == "evil-group")
    assert all("<" not in str(value) for key, value in node.items() if key != "label")
    # Markdown elements never receive article text (they would interpret it): only our own strings.
    markdown = " ".join(str(m.value) for m in at.markdown) + " ".join(c.value for c in at.caption)
    assert "onerror" not in markdown and "<script" not in markdown


def test_streamlit_run_serves_the_page_and_the_graph_component_offline(seeded: EmbeddedStore,
                                                                       isolated_home: Path) -> None:
    """What `make run` starts: the server answers, and the graph component loads no CDN script."""
    import re
    import urllib.request

    from tests.streamlit_server import streamlit_app

    with streamlit_app(isolated_home) as url:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=10) as response:
            assert response.read() == b"ok"
        with urllib.request.urlopen(url, timeout=10) as response:
            assert response.status == 200 and b"<div id=\"root\">" in response.read()
    # The component's frontend build is served from the package: its scripts are local files and no
    # bundle loads code from a URL (the only absolute URL in the bundles is React's error-docs link).
    import st_link_analysis

    build = Path(st_link_analysis.__file__).parent / "frontend" / "build"
    index = (build / "index.html").read_text(encoding="utf-8")
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', index)
    assert scripts and all((build / s).is_file() for s in scripts)
    bundles = " ".join(p.read_text(encoding="utf-8", errors="replace") for p in build.glob("*.js"))
    assert set(re.findall(r"https?://[\w.-]+", bundles)) <= {"https://reactjs.org"}
    assert not re.search(r"<script[^>]+src=[\"']?(https?:)?//", index + bundles)


def test_an_empty_store_says_how_to_fill_it() -> None:
    at = app(actor="sdf", tab="ranking")
    assert not at.exception
    assert [i.value for i in at.info] == [
        "The store is empty: run `actorgraph ingest data/articles` (or `make run`) and reload.",
        "No links under the current filters."]
