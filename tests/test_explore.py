"""The explorer's library: analytics, view models, safe evidence HTML and subgraph exports,
on the real seed article ingested into a real embedded store."""
from __future__ import annotations

import csv
import html.parser
import io
import json
from pathlib import Path

import networkx as nx
import pytest
import rdflib

from actorgraph.explorer.downloads import subgraph_download
from actorgraph.explorer.evidence_html import claim_html, highlighted_sentence_html, safe_url, sentence_of
from actorgraph.explorer.view import (
    aggregate_edges,
    cytoscape_elements,
    edge_title,
    explain_path,
    graph_view,
    merge_subgraphs,
    path_text,
)
from actorgraph.graph import analytics
from actorgraph.graph.claims import contested
from actorgraph.graph.embedded import EmbeddedStore
from actorgraph.graph.model import Span
from actorgraph.graph.rdf.terms import DEFAULT_BASE, ONTOLOGY_NS
from actorgraph.graph.store import ClaimFilter
from actorgraph.graph.weights import edge_weights
from actorgraph.ingest.pipeline import ingest_paths
from tests.articles import HOSTILE_NAME, IMG, SCRIPT, hostile_article

SEED = "orient-2022-01-hasakah-prison"


@pytest.fixture
def hostile(seeded: EmbeddedStore, tmp_path: Path) -> EmbeddedStore:
    folder = tmp_path / "hostile"
    folder.mkdir()
    (folder / "hostile.json").write_text(json.dumps(hostile_article()), encoding="utf-8")
    ingest_paths([folder], seeded)
    return seeded


class _Elements(html.parser.HTMLParser):
    """Collects start tags and text, so tests check the HTML a browser would build."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(markup: str) -> _Elements:
    parser = _Elements()
    parser.feed(markup)
    parser.close()
    return parser


def test_edges_aggregate_parallel_claims_and_titles_read_like_sentences(seeded: EmbeddedStore) -> None:
    view = graph_view(seeded.neighbourhood("sdf", 1), seeded.vocabulary, "sdf")
    titles = [edge_title(e, view) for e in view.edges]
    assert titles[:2] == ["Islamic State (ISIS) —attacks→ al-Sina'a (Ghwayran) prison (2 claims)",
                          "Islamic State (ISIS) —escapes from→ al-Sina'a (Ghwayran) prison (2 claims)"]
    assert "Syrian Democratic Forces (SDF) —supported by→ International Coalition against ISIS (1 claim)" in titles
    assert len(view.edges) == 12 and sum(e.count for e in view.edges) == 14
    assert {n.id for n in view.nodes if n.focus} == {"sdf"}
    assert {n.type for n in view.nodes} == {"ArmedGroup", "Coalition", "Person", "Facility", "MilitaryUnit"}


def test_denied_claims_make_a_contested_edge_only_when_the_filter_shows_them(seeded: EmbeddedStore) -> None:
    shown = ClaimFilter(polarities=("asserted", "denied", "negated"))
    with_denials = graph_view(seeded.neighbourhood("isis", 1, shown), seeded.vocabulary, "isis")
    edge = with_denials.edge("isis|escapes-from|sina-prison")
    assert edge is not None and (edge.asserted, edge.denied, edge.kind) == (2, 1, "contested")
    assert edge_title(edge, with_denials).endswith("(3 claims, 1 denied)")
    plain = graph_view(seeded.neighbourhood("isis", 1), seeded.vocabulary, "isis").edge("isis|escapes-from|sina-prison")
    assert plain is not None and (plain.count, plain.kind) == (2, "asserted")


def test_contested_relations_and_weights_mark_and_order_edges_in_either_reading(seeded: EmbeddedStore) -> None:
    claims = seeded.neighbourhood("sdf", 1).claims
    edges = aggregate_edges(claims, seeded.vocabulary, contested=[("isis", "fights", "sdf")],
                            weights={("international-coalition", "supports", "sdf"): 0.9})
    # The weight of "coalition supports sdf" reaches the edge annotated "sdf supported-by coalition".
    assert edges[0].id == "sdf|supported-by|international-coalition" and edges[0].weight == 0.9
    assert [e.id for e in edges if e.contested] == ["sdf|fights|isis"]  # symmetric: isis fights sdf
    assert next(e for e in edges if e.contested).kind == "contested"


def test_the_seed_denial_makes_its_edge_contested_with_real_claims_and_weights(seeded: EmbeddedStore) -> None:
    contests = {c.relation: c for c in contested(seeded)}
    weights = {w.relation: w.confidence for w in edge_weights(seeded)}
    view = graph_view(seeded.neighbourhood("isis", 1), seeded.vocabulary, "isis", contested=contests, weights=weights)
    escapes = view.edge("isis|escapes-from|sina-prison")
    assert escapes is not None and escapes.contested and escapes.denied == 0 and escapes.kind == "contested"
    weight = weights[escapes.subject, escapes.predicate, escapes.object]
    assert edge_title(escapes, view) == ("Islamic State (ISIS) —escapes from→ al-Sina'a (Ghwayran) prison "
                                         f"(2 claims, contested, confidence {weight:.2f})")
    assert [e.weight for e in view.edges] == sorted((e.weight for e in view.edges), reverse=True)
    assert [e.id for e in view.edges if e.contested] == ["isis|escapes-from|sina-prison"]


def test_path_explanations_name_every_hop_and_its_claims(seeded: EmbeddedStore) -> None:
    names = {a.id: a.name for a in seeded.actors()}
    paths = seeded.paths("sdf", "international-coalition", 1)
    assert len(paths) == 1
    assert path_text(paths[0], seeded.vocabulary, names) == [
        "Syrian Democratic Forces (SDF) —cooperates with→ International Coalition against ISIS (1 claim); "
        "Syrian Democratic Forces (SDF) —supported by→ International Coalition against ISIS (1 claim)"]
    via_isis = next(p for p in seeded.paths("sdf", "iraq", 2) if p.actors == ("sdf", "isis", "iraq"))
    hops = explain_path(via_isis, seeded.vocabulary)
    assert [(h.source, h.target) for h in hops] == [("sdf", "isis"), ("isis", "iraq")]
    assert "Islamic State (ISIS) —threatens→ Iraq (2 claims)" in hops[1].text(names)


def test_merge_caps_actors_and_keeps_claims_between_kept_ones(seeded: EmbeddedStore) -> None:
    parts = [seeded.neighbourhood("sdf", 1), seeded.neighbourhood("iraq", 1)]
    merged = merge_subgraphs(parts, limit=200)
    assert merged.actor_ids() == parts[0].actor_ids() | parts[1].actor_ids() and not merged.truncated
    capped = merge_subgraphs(parts, limit=7)
    assert len(capped.actors) == 7 and capped.truncated
    assert parts[0].actor_ids() <= capped.actor_ids()
    assert all(c.subject in capped.actor_ids() and c.object in capped.actor_ids() for c in capped.claims)


def test_centrality_and_communities_on_the_seed(seeded: EmbeddedStore) -> None:
    whole = analytics.store_subgraph(seeded)
    rows = analytics.centrality(whole)
    assert rows[0].actor == "isis" and rows[0].degree == 7 and rows[0].claims == 20
    assert pytest.approx(sum(r.pagerank for r in rows)) == 1.0
    graph = analytics.actor_graph(whole.actors, whole.claims)
    graph.remove_nodes_from([n for n in list(graph) if graph.degree(n) == 0])
    expected = nx.betweenness_centrality(graph)
    assert {r.actor: r.betweenness for r in rows} == pytest.approx(expected)
    groups = analytics.communities(whole)
    assert sorted(a for g in groups for a in g) == sorted(r.actor for r in rows)
    assert {"sdf", "international-coalition"} <= set(next(g for g in groups if "sdf" in g))
    assert analytics.communities(whole) == groups  # fixed seed: the same split every time


def test_pagerank_matches_the_textbook_definition_on_a_star() -> None:
    star = nx.Graph()
    star.add_weighted_edges_from([("hub", leaf, 1) for leaf in "abc"])
    rank = analytics.weighted_pagerank(star)
    # Closed form for a 3-leaf star with damping d: leaf = (1-d)/4 + d*hub/3, hub = (1-d)/4 + d*3*leaf.
    d = 0.85
    leaf = (1 + d / 3) / (4 * (1 + d))
    assert rank["a"] == pytest.approx(leaf) and rank["hub"] == pytest.approx(1 - 3 * leaf)


def test_sentence_is_cut_at_sentence_ends_and_the_span_marked() -> None:
    text = "أولى. قالت قسد إن التحالف يدعمها؟ ثالثة"
    start = text.index("التحالف")
    sentence = sentence_of(text, Span(start, start + len("التحالف يدعمها"), "التحالف يدعمها"))
    assert (sentence.before, sentence.marked, sentence.after) == ("قالت قسد إن ", "التحالف يدعمها", "؟")
    markup = highlighted_sentence_html(text, Span(start, start + 7, "التحالف"), "ar")
    parsed = parse(markup)
    assert parsed.tags[0] == ("div", {"class": "ag-sentence", "dir": "rtl", "lang": "ar"})
    assert "<mark>التحالف</mark>" in markup


def test_evidence_html_of_the_denied_claim_shows_polarity_claimant_and_rtl_sentence(seeded: EmbeddedStore) -> None:
    denied = seeded.claims(ClaimFilter(polarities=("denied",)))
    assert [c.id for c in denied] == [f"{SEED}#c41"]
    actors = {a.id: a for a in seeded.actors()}
    markup = claim_html(denied[0], seeded.get_article(SEED), actors, seeded.vocabulary)
    parsed = parse(markup)
    assert parsed.tags[0] == ("div", {"class": "ag-claim ag-denied", "data-claim": f"{SEED}#c41"})
    assert ("div", {"class": "ag-sentence", "dir": "rtl", "lang": "ar"}) in parsed.tags
    assert "DENIED" in parsed.text and "Farhad Shami" in parsed.text and "alleged" in parsed.text
    assert f"<mark>{denied[0].evidence.text}</mark>" in markup
    assert "Orient News" in "".join(parsed.text) and "2022-01-21" in "".join(parsed.text)


def test_hostile_markup_is_escaped_everywhere(hostile: EmbeddedStore) -> None:
    actors = {a.id: a for a in hostile.actors()}
    assert actors["evil-group"].name == HOSTILE_NAME
    claim = hostile.claims(article_id="hostile-article")[0]
    markup = claim_html(claim, hostile.get_article("hostile-article"), actors, hostile.vocabulary)
    parsed = parse(markup)
    assert {tag for tag, _ in parsed.tags} <= {"div", "span", "b", "mark", "code", "br"}
    assert not any(k.startswith("on") or k == "href" for _, attrs in parsed.tags for k in attrs)
    text = "".join(parsed.text)
    assert SCRIPT in text and IMG in text and HOSTILE_NAME in text and f"Breaking {SCRIPT} {IMG}" in text
    assert safe_url("javascript:alert(3)") is None and safe_url("https://x.example/a") == "https://x.example/a"
    # The graph component writes all node properties but `label` with innerHTML: they are escaped.
    view = graph_view(hostile.neighbourhood("evil-group", 1), hostile.vocabulary, "evil-group")
    node = next(n["data"] for n in cytoscape_elements(view)["nodes"] if n["data"]["id"] == "evil-group")
    assert node["label"] == HOSTILE_NAME  # drawn on the canvas / with innerText only
    assert all("<" not in str(v) for k, v in node.items() if k != "label")


def test_downloads_round_trip_through_real_parsers(hostile: EmbeddedStore) -> None:
    sub = hostile.neighbourhood("iraq", 1)
    articles = {a.id: a for a in hostile.articles()}
    rows = list(csv.DictReader(io.StringIO(subgraph_download(hostile, sub, articles, "csv").decode("utf-8"))))
    assert len(rows) == len(sub.claims)
    evil = next(r for r in rows if r["subject"] == "evil-group")
    assert (evil["predicate"], evil["object"], evil["subject_name"]) == ("attacks", "iraq", HOSTILE_NAME)
    assert {r["claim"] for r in rows} == {c.id for c in sub.claims}
    # GraphML is the actor network: one edge per asserted relation, its claims listed on it.
    graph = nx.read_graphml(io.BytesIO(subgraph_download(hostile, sub, articles, "graphml")), force_multigraph=True)
    relations = {(c.subject, c.predicate, c.object) for c in sub.claims if c.asserted}
    assert graph.number_of_edges() == len(relations) and graph.nodes["evil-group"]["label"] == HOSTILE_NAME
    assert {d["predicate"] for _, _, d in graph.edges(data=True)} == {c.predicate for c in sub.claims}
    assert {i for _, _, d in graph.edges(data=True) for i in d["claims"].split()} == {c.id for c in sub.claims}
    turtle = subgraph_download(hostile, sub, articles, "ttl").decode("utf-8")
    parsed = rdflib.Graph().parse(data=turtle, format="turtle")
    ag = rdflib.Namespace(ONTOLOGY_NS)
    actor = rdflib.Namespace(DEFAULT_BASE + "actor/")
    assert (actor["evil-group"], ag["attacks"], actor["iraq"]) in parsed
    assert len(set(parsed.subjects(rdflib.RDF.type, ag.Claim))) == len(sub.claims)


def test_csv_guards_formula_cells() -> None:
    from actorgraph.graph.exporters.table import spreadsheet_cell as _cell

    assert [_cell(v) for v in ("=1+1", "+x", "-2", "@SUM", "ok", None)] == ["'=1+1", "'+x", "'-2", "'@SUM", "ok", ""]
