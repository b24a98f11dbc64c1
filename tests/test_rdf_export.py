"""RDF export of the seed: every format parses back (rdflib and pyoxigraph) to the same graph, and
the graph says exactly what the claims say (denied claims never become edges)."""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pyoxigraph
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic, to_isomorphic
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from actorgraph.graph.embedded import EmbeddedStore
from actorgraph.graph.exporters.registry import EXPORTERS
from actorgraph.graph.model import Document
from actorgraph.graph.rdf.export import RdfExporter
from actorgraph.graph.rdf.ntriples import BATCH, write_ntriples, write_turtle
from actorgraph.graph.rdf.ontology import load_ontology
from actorgraph.graph.rdf.terms import ONTOLOGY_NS, PREFIXES, iri, literal, to_rdflib
from actorgraph.graph.store import ClaimFilter, Store
from tests.rdf_seed import ARTICLE, BASE, export_text, ingest_seed, seed_store

AG = Namespace(ONTOLOGY_NS)
PROV = Namespace("http://www.w3.org/ns/prov#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
ACTOR = Namespace(BASE + "actor/")
CLAIM = Namespace(f"{BASE}claim/{ARTICLE}/")
OXI_FORMATS = {"nt": pyoxigraph.RdfFormat.N_TRIPLES, "ttl": pyoxigraph.RdfFormat.TURTLE,
               "jsonld": pyoxigraph.RdfFormat.JSON_LD, "trig": pyoxigraph.RdfFormat.TRIG}
RDFLIB_FORMATS = {"nt": "nt", "ttl": "turtle", "jsonld": "json-ld", "trig": "trig"}


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> EmbeddedStore:
    return seed_store(tmp_path_factory.mktemp("seed"))


@pytest.fixture(scope="module")
def reference(seed: EmbeddedStore) -> Graph:
    """The exporter's triples turned into rdflib terms directly, bypassing every writer and parser."""
    graph = Graph()
    for s, p, o in RdfExporter().triples(seed):
        graph.add((to_rdflib(s), to_rdflib(p), to_rdflib(o)))
    return graph


def _oxigraph_as_rdflib(text: str, fmt: str) -> Graph:
    """Parse with pyoxigraph (all graphs merged), hand over as canonical N-Triples to rdflib."""
    quads = pyoxigraph.parse(text, OXI_FORMATS[fmt])
    triples = [pyoxigraph.Triple(q.subject, q.predicate, q.object) for q in quads]
    return Graph().parse(data=pyoxigraph.serialize(triples, None, pyoxigraph.RdfFormat.N_TRIPLES), format="nt")


def _check_triples_format(fmt: str) -> Callable[[str, Graph, Store], None]:
    def check(text: str, reference: Graph, _store: Store) -> None:
        parsed = Graph().parse(data=text, format=RDFLIB_FORMATS[fmt])
        assert isomorphic(parsed, reference), f"{fmt} parsed by rdflib differs from the exported triples"
        assert isomorphic(_oxigraph_as_rdflib(text, fmt), reference), f"{fmt} parsed by pyoxigraph differs"
    return check


def _check_trig(text: str, reference: Graph, _store: Store) -> None:
    dataset = Dataset()
    dataset.parse(data=text, format="trig")
    union = Graph()
    for s, p, o, _g in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    assert isomorphic(union, reference)
    assert isomorphic(_oxigraph_as_rdflib(text, "trig"), reference)
    named = dataset.graph(URIRef(f"{BASE}graph/{ARTICLE}"))
    assert (CLAIM.c41, AG.polarity, Literal("denied")) in named
    assert (ACTOR.isis, AG.escapesFrom, ACTOR["sina-prison"]) in named
    assert (ACTOR.sdf, RDF.type, AG.ArmedGroup) not in named
    assert (ACTOR.sdf, RDF.type, AG.ArmedGroup) in dataset.default_graph
    names = {q.graph_name.value for q in pyoxigraph.parse(text, pyoxigraph.RdfFormat.TRIG)
             if isinstance(q.graph_name, pyoxigraph.NamedNode)}
    assert names == {f"{BASE}graph/{ARTICLE}"}


def _check_graphml(text: str, _reference: Graph, store: Store) -> None:
    graph = nx.read_graphml(io.StringIO(text), force_multigraph=True)
    assert set(graph.nodes) == {a.id for a in store.actors()}
    assert graph.nodes["sdf"]["label_ar"] == "قوات سوريا الديمقراطية"
    assert graph.nodes["sdf"]["type"] == "ArmedGroup"
    edges = {(u, v, d["predicate"]): d["weight"] for u, v, d in graph.edges(data=True)}
    assert len(edges) == graph.number_of_edges() == store.stats().relations
    assert edges[("isis", "sina-prison", "escapes-from")] == 2  # c24 and c33; the denial c41 does not count
    assert edges[("iraq", "isis", "accuses")] == 1


def _check_gexf(text: str, _reference: Graph, store: Store) -> None:
    graph = nx.read_gexf(io.StringIO(text))
    assert graph.graph["mode"] == "dynamic" and set(graph.nodes) == {a.id for a in store.actors()}
    edges = {(u, v, d["predicate"]): d for u, v, d in graph.edges(data=True)}
    assert len(edges) == store.stats().relations
    prison = edges[("isis", "sina-prison", "escapes-from")]  # c24, c33 (2022-01-20/21); the denial c41 does not count
    assert (prison["weight"], prison["start"], prison["end"]) == (2, "2022-01-20", "2022-01-21")
    exploits = edges[("iraq", "isis", "exploits")]  # c1 is dated "2022-01": the whole month
    assert (exploits["start"], exploits["end"]) == ("2022-01-01", "2022-01-31")
    located = edges[("sina-prison", "al-hasakah", "located-in")]  # undated: the article's day, 2022-01-21
    assert (located["start"], located["end"]) == ("2022-01-21", "2022-01-21")
    assert graph.nodes["iraq"]["start"] == "2022-01-01"


def _check_csv(text: str, _reference: Graph, store: Store) -> None:
    rows = list(csv.DictReader(io.StringIO(text)))
    claims = store.claims(ClaimFilter(polarities=()))
    assert [r["claim"] for r in rows] == [c.id for c in claims]  # every claim, denied ones too
    denial = next(r for r in rows if r["claim"].endswith("#c41"))
    assert (denial["polarity"], denial["subject"], denial["predicate"]) == ("denied", "isis", "escapes-from")
    c41 = next(c for c in claims if c.id.endswith("#c41"))
    assert denial["evidence"] == c41.evidence.text and denial["article"] == ARTICLE


#: How each export format is read back. A format registered without an entry here fails below.
ROUND_TRIPS: dict[str, Callable[[str, Graph, Store], None]] = {
    "nt": _check_triples_format("nt"),
    "ttl": _check_triples_format("ttl"),
    "jsonld": _check_triples_format("jsonld"),
    "trig": _check_trig,
    "graphml": _check_graphml,
    "gexf": _check_gexf,
    "csv": _check_csv,
}


@pytest.mark.parametrize("fmt", sorted(EXPORTERS))
def test_every_format_round_trips(fmt: str, seed: EmbeddedStore, reference: Graph) -> None:
    check = ROUND_TRIPS.get(fmt)
    assert check is not None, f"export format {fmt!r} has no round-trip check in ROUND_TRIPS"
    check(export_text(seed, fmt), reference, seed)


def test_every_round_trip_check_is_for_a_registered_format() -> None:
    assert set(ROUND_TRIPS) == set(EXPORTERS)


def test_denied_claim_is_reified_but_never_a_direct_triple(seed: EmbeddedStore, reference: Graph) -> None:
    claims = {c.id.split("#")[1]: c for c in seed.claims(ClaimFilter(polarities=()))}
    exporter = RdfExporter()
    direct = (exporter.actor_iri("isis"), exporter.relation("escapes-from"), exporter.actor_iri("sina-prison"))
    assert direct not in exporter.claim_triples(claims["c41"], None, set())
    assert direct in exporter.claim_triples(claims["c24"], None, set())
    assert direct in exporter.claim_triples(claims["c33"], None, set())
    # In the seed export the edge exists (c24, c33) and the denial is a reified statement.
    assert (ACTOR.isis, AG.escapesFrom, ACTOR["sina-prison"]) in reference
    c41 = CLAIM.c41
    assert (c41, RDF.type, RDF.Statement) in reference
    assert (c41, RDF.subject, ACTOR.isis) in reference
    assert (c41, RDF.predicate, AG.escapesFrom) in reference
    assert (c41, RDF.object, ACTOR["sina-prison"]) in reference
    assert (c41, AG.polarity, Literal("denied")) in reference
    assert (c41, PROV.wasAttributedTo, ACTOR["farhad-shami"]) in reference
    assert (c41, AG.deniesClaim, CLAIM.c33) in reference
    assert (c41, AG.certainty, Literal("alleged")) in reference


def test_store_whose_only_claim_is_denied_has_no_edge(seed: EmbeddedStore, tmp_path: Path) -> None:
    article = seed.get_article(ARTICLE)
    keep = tuple(c for c in seed.claims(ClaimFilter(polarities=()))
                 if not c.id.endswith(("#c24", "#c33")))
    store = EmbeddedStore(tmp_path / "only-denied.pickle")
    store.upsert_actors(seed.actors())
    store.write_documents([Document(article, keep, tuple(seed.mentions(article_id=ARTICLE)))])
    graph = Graph().parse(data=export_text(store, "nt"), format="nt")
    assert (ACTOR.isis, AG.escapesFrom, ACTOR["sina-prison"]) not in graph
    assert (CLAIM.c41, AG.polarity, Literal("denied")) in graph
    assert (ACTOR.isis, AG.attacks, ACTOR["sina-prison"]) in graph


def test_claim_provenance_dates_reported_via_and_evidence(seed: EmbeddedStore, reference: Graph) -> None:
    oa = Namespace("http://www.w3.org/ns/oa#")
    xsd = Namespace("http://www.w3.org/2001/XMLSchema#")
    article = URIRef(f"{BASE}article/{ARTICLE}")
    c33 = CLAIM.c33
    assert (c33, PROV.wasDerivedFrom, article) in reference
    assert (c33, PROV.wasAttributedTo, ACTOR["local-sources"]) in reference
    assert (c33, AG.dateStart, Literal("2022-01-20", datatype=xsd.date)) in reference
    assert (c33, AG.dateEnd, Literal("2022-01-21", datatype=xsd.date)) in reference
    via = reference.value(c33, AG.reportedVia)
    assert list(reference.items(via)) == [ACTOR["obada-mohammed"]]
    assert (CLAIM.c1, AG.date, Literal("2022-01", datatype=xsd.gYearMonth)) in reference
    # The article's own voice: attributed to its publisher, an actor of the gazetteer.
    assert (CLAIM.c7, PROV.wasAttributedTo, ACTOR["orient-news"]) in reference
    text = seed.get_article(ARTICLE).text
    target = reference.value(reference.value(CLAIM.c7, AG.evidence), oa.hasTarget)
    assert reference.value(target, oa.hasSource) == article
    selectors = {reference.value(s, RDF.type): s for s in reference.objects(target, oa.hasSelector)}
    position, quote = selectors[oa.TextPositionSelector], selectors[oa.TextQuoteSelector]
    start, end = reference.value(position, oa.start).toPython(), reference.value(position, oa.end).toPython()
    assert (start, end) == (450, 722)
    assert str(reference.value(quote, oa.exact)) == text[450:722]
    assert str(reference.value(quote, oa.prefix)) == text[450 - 32:450]
    assert str(reference.value(quote, oa.suffix)) == text[722:722 + 32]


def test_arabic_and_english_labels_round_trip_with_language_tags(seed: EmbeddedStore) -> None:
    for fmt in ("ttl", "jsonld"):
        graph = Graph().parse(data=export_text(seed, fmt), format=RDFLIB_FORMATS[fmt])
        sdf = ACTOR.sdf
        assert set(graph.objects(sdf, SKOS.prefLabel)) == {
            Literal("قوات سوريا الديمقراطية", lang="ar"), Literal("Syrian Democratic Forces (SDF)", lang="en")}
        alt = set(graph.objects(sdf, SKOS.altLabel))
        assert Literal("قسد", lang="ar") in alt and Literal("QSD", lang="en") in alt
        assert all(label.language == ("ar" if re.search("[\u0600-\u06ff]", label) else "en") for label in alt)
        assert (ACTOR.iraq, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q796")) in graph
        assert (ACTOR.iraq, RDF.type, AG.State) in graph
        article = URIRef(f"{BASE}article/{ARTICLE}")
        assert graph.value(article, URIRef("https://schema.org/text")).language == "ar"
        assert graph.value(article, DCTERMS.publisher) == ACTOR["orient-news"]


def test_base_moves_data_iris_but_not_the_ontology(seed: EmbeddedStore) -> None:
    graph = Graph().parse(data=export_text(seed, "nt", base="http://example.com/kg"), format="nt")
    actor = URIRef("http://example.com/kg/actor/sdf")
    assert (actor, RDF.type, AG.ArmedGroup) in graph
    assert (URIRef(f"http://example.com/kg/claim/{ARTICLE}/c41"), AG.polarity, Literal("denied")) in graph
    assert not any(str(s).startswith(BASE) and not str(s).startswith(ONTOLOGY_NS) for s in graph.subjects())


def test_ids_are_percent_encoded_into_one_path_segment() -> None:
    exporter = RdfExporter()
    assert exporter.actor_iri("a b/c#d") == f"<{BASE}actor/a%20b%2Fc%23d>"
    assert exporter.claim_iri("art/1#c 2") == f"<{BASE}claim/art%2F1/c%202>"
    assert exporter.claim_iri("عربي#c1") == f"<{BASE}claim/%D8%B9%D8%B1%D8%A8%D9%8A/c1>"


def test_every_ontology_term_the_export_uses_is_declared(reference: Graph) -> None:
    ontology = load_ontology()
    used = {t for triple in reference for t in triple if isinstance(t, URIRef) and str(t).startswith(ONTOLOGY_NS)}
    declared = set(ontology.subjects(RDF.type, None))
    assert used and used <= declared, sorted(used - declared)


def test_turtle_abbreviates_every_vocabulary_term(seed: EmbeddedStore) -> None:
    body = export_text(seed, "ttl").split("\n\n", 1)[1]
    namespaces = [uri for prefix, uri in PREFIXES.items() if prefix not in ("xsd", "wd")]
    full = {m for m in re.findall(r"<([^>]+)>", body) if any(m.startswith(ns) for ns in namespaces)}
    assert full == set(), f"not abbreviated (add to USED_TERMS): {sorted(full)}"


def test_export_reads_only_the_store_protocol(store: Store, reference: Graph) -> None:
    """Same graph from every backend (the Neo4j run needs a server)."""
    ingest_seed(store)
    assert isomorphic(Graph().parse(data=export_text(store, "nt"), format="nt"), reference)


NASTY = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
# '%', '#' and '[]' have a meaning inside an IRI; iri() escapes what N-Triples forbids, not those.
PATHS = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="%#[]"), max_size=40)


@settings(max_examples=150, deadline=None)
@given(value=NASTY, lang=st.sampled_from([None, "ar", "en-GB"]), path=PATHS)
def test_writers_escape_any_text_so_both_parsers_read_it_back(value: str, lang: str | None, path: str) -> None:
    subject = iri("http://example.org/" + path)
    triples = [(subject, iri("http://example.org/p"), literal(value, lang)),
               (subject, iri(RDFS.label), literal(value))]
    expected = {(str(to_rdflib(s)), str(to_rdflib(o))) for s, _p, o in triples}
    for write, fmt in ((write_ntriples, pyoxigraph.RdfFormat.N_TRIPLES), (write_turtle, pyoxigraph.RdfFormat.TURTLE)):
        out = io.StringIO()
        write(triples, out)
        parsed = list(pyoxigraph.parse(out.getvalue(), fmt))
        assert {(q.subject.value, q.object.value) for q in parsed} == expected
        assert {q.object.language for q in parsed} == ({lang.lower(), None} if lang else {None})
        graph = Graph().parse(data=out.getvalue(), format="nt" if write is write_ntriples else "turtle")
        assert {str(o) for o in graph.objects()} == {value}


def test_literal_escapes_follow_the_ntriples_grammar() -> None:
    assert literal('a"b\\c\nd\re\tf\x00g\x7fh') == '"a\\"b\\\\c\\nd\\re\\tf\\u0000g\\u007Fh"'
    assert literal("قسد", "ar") == '"قسد"@ar'
    assert iri('http://x.org/a b<c>"{|}^`\\') == "<http://x.org/a%20b%3Cc%3E%22%7B%7C%7D%5E%60%5C>"
    with pytest.raises(ValueError):
        literal("x", "not a tag")


def test_writer_streams_instead_of_collecting_the_graph() -> None:
    """Output must reach the file while the triples are still being produced."""
    out = io.StringIO()
    term = iri("http://example.org/s")

    def triples():
        for i in range(3 * BATCH):
            if i == 2 * BATCH:
                assert out.tell() > 0, "nothing written after two batches: the writer is buffering everything"
            yield term, term, literal(str(i))

    assert write_ntriples(triples(), out) == 3 * BATCH
    assert out.getvalue().count("\n") == 3 * BATCH


def test_reference_graph_is_not_empty(reference: Graph) -> None:
    assert len(to_isomorphic(reference)) > 3000
