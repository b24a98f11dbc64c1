"""SHACL validation of exports: the seed conforms in every RDF format; broken exports give exact,
readable one-line violations; and the CLI (`export`, `validate-rdf`) as a user runs it."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH

from actorgraph.graph.embedded import EmbeddedStore
from actorgraph.graph.errors import InputError
from actorgraph.graph.rdf.ontology import load_ontology
from actorgraph.graph.rdf.terms import ONTOLOGY_NS
from actorgraph.graph.rdf.validate import SHAPES_FILE, validate_file, validate_graph
from tests.conftest import ROOT, SEED_ARTICLE
from tests.rdf_seed import ARTICLE, BASE, export_text, seed_store

AG = Namespace(ONTOLOGY_NS)
OA = Namespace("http://www.w3.org/ns/oa#")
PROV = Namespace("http://www.w3.org/ns/prov#")
CLAIM = f"{BASE}claim/{ARTICLE}/"


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> EmbeddedStore:
    return seed_store(tmp_path_factory.mktemp("seed"))


@pytest.fixture(scope="module")
def seed_graph(seed: EmbeddedStore) -> Graph:
    return Graph().parse(data=export_text(seed, "nt"), format="nt")


@pytest.mark.parametrize("fmt", ["nt", "ttl", "jsonld", "trig"])
def test_seed_export_conforms_in_every_rdf_format(fmt: str, seed: EmbeddedStore, tmp_path: Path) -> None:
    path = tmp_path / f"seed.{fmt}"
    path.write_text(export_text(seed, fmt), encoding="utf-8")
    report = validate_file(path)
    assert report.lines() == [] and report.conforms


def _copy(graph: Graph) -> Graph:
    copy = Graph()
    for triple in graph:
        copy.add(triple)
    return copy


def test_claim_without_its_article_is_reported(seed_graph: Graph) -> None:
    broken = _copy(seed_graph)
    broken.remove((URIRef(CLAIM + "c7"), PROV.wasDerivedFrom, None))
    report = validate_graph(broken)
    assert not report.conforms
    assert report.lines() == [f"<{CLAIM}c7>  prov:wasDerivedFrom:"
                              " a claim needs exactly one prov:wasDerivedFrom, an article"]


def test_evidence_that_starts_after_it_ends_is_reported(seed_graph: Graph) -> None:
    broken = _copy(seed_graph)
    position = URIRef(CLAIM + "c41/evidence/position")
    end = broken.value(position, OA.end)
    broken.set((position, OA.start, Literal(int(end) + 5, datatype=end.datatype)))
    assert validate_graph(broken).lines() == [
        f"<{CLAIM}c41/evidence/position>  oa:start: oa:start must be less than oa:end"]


def test_actor_with_two_types_an_untagged_label_and_a_bad_polarity(seed_graph: Graph) -> None:
    broken = _copy(seed_graph)
    isis = URIRef(f"{BASE}actor/isis")
    broken.add((isis, RDF.type, AG.State))
    broken.add((URIRef(f"{BASE}actor/sdf"), URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"), Literal("SDF")))
    broken.set((URIRef(CLAIM + "c2"), AG.polarity, Literal("maybe")))
    assert validate_graph(broken).lines() == [
        f"<{BASE}actor/isis>  rdf:type: an actor needs exactly one actor type class from the ontology",
        f"<{BASE}actor/sdf>  skos:prefLabel: prefLabels must be language-tagged, one per language",
        f"<{CLAIM}c2>  ag:polarity: polarity must be one of asserted, negated, denied",
    ]


def test_claim_whose_predicate_is_not_a_relation(seed_graph: Graph) -> None:
    broken = _copy(seed_graph)
    broken.set((URIRef(CLAIM + "c3"), RDF.predicate, AG.evidence))
    assert validate_graph(broken).lines() == [
        f"<{CLAIM}c3>  rdf:predicate: rdf:predicate must be a relation of the vocabulary (data/vocabulary.yaml)"]


def _in_lists(shapes: Graph) -> list[list[URIRef]]:
    """Every sh:in list of the shapes whose members are ontology IRIs."""
    lists = [list(Collection(shapes, node)) for node in shapes.objects(None, SH["in"])]
    return [lst for lst in lists if lst and all(str(m).startswith(ONTOLOGY_NS) for m in lst)]


def test_shapes_target_and_list_exactly_the_ontology_actor_classes() -> None:
    """The actor classes are named in the shapes themselves: no engine needs rdfs:subClassOf."""
    shapes = Graph().parse(SHAPES_FILE, format="turtle")
    classes = set(load_ontology().subjects(RDFS.subClassOf, AG.Actor))
    actor_shape = URIRef("https://actorgraph.example.org/shapes#ActorShape")
    assert set(shapes.objects(actor_shape, SH.targetClass)) == classes | {AG.Actor}
    assert [set(lst) for lst in _in_lists(shapes) if AG.Person in lst] == [classes]


def test_shapes_list_exactly_the_vocabulary_terms_in_order() -> None:
    from actorgraph.graph.rdf.terms import camel
    from actorgraph.graph.vocabulary import default_vocabulary

    shapes = Graph().parse(SHAPES_FILE, format="turtle")
    expected = [AG[camel(term)] for term in default_vocabulary().terms]
    relation_lists = [lst for lst in _in_lists(shapes) if AG.accuses in lst]
    paste = " ".join(f"ag:{camel(term)}" for term in default_vocabulary().terms)
    assert relation_lists == [expected], f"data/shapes.ttl: set the rdf:predicate sh:in list to ( {paste} )"


def test_no_ontology_is_needed_to_validate(seed_graph: Graph) -> None:
    """The export carries no ontology (no ag:term, no rdfs:subClassOf) and still conforms."""
    assert list(seed_graph.triples((None, AG["term"], None))) == []
    assert list(seed_graph.triples((None, RDFS.subClassOf, None))) == []
    report = validate_graph(seed_graph)
    assert report.conforms and report.lines() == []


def test_unreadable_file_is_an_input_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        validate_file(bad)
    assert str(caught.value).startswith(f"{bad}:line 1: is not valid turtle:")
    with pytest.raises(InputError, match=r"unknown RDF file type '\.csv'"):
        validate_file(tmp_path / "x.csv")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "actorgraph.cli.main", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)


def test_cli_export_then_validate(tmp_path: Path) -> None:
    assert run("ingest", str(SEED_ARTICLE)).returncode == 0
    out = tmp_path / "out" / "seed.ttl"
    exported = run("export", "--format", "ttl", "-o", str(out))
    assert exported.returncode == 0, exported.stderr
    assert [p.name for p in out.parent.iterdir()] == ["seed.ttl"]  # no temp file left behind
    checked = run("validate-rdf", str(out))
    assert (checked.returncode, checked.stdout, checked.stderr) == (0, "conforms\n", "")

    stdout = run("export", "--format", "nt", "--base", "http://example.com/kg/")
    assert stdout.returncode == 0
    assert exported.stderr == f"wrote {stdout.stdout.count(chr(10))} triples to {out}\n"  # one N-Triples line each
    graph = Graph().parse(data=stdout.stdout, format="nt")
    assert (URIRef("http://example.com/kg/actor/sdf"), RDF.type, AG.ArmedGroup) in graph

    broken = tmp_path / "broken.nt"
    broken.write_text("\n".join(line for line in stdout.stdout.splitlines()
                                if not (line.startswith(f"<http://example.com/kg/claim/{ARTICLE}/c7> ")
                                        and "wasDerivedFrom" in line)) + "\n", encoding="utf-8")
    failed = run("validate-rdf", str(broken))
    assert failed.returncode == 1
    assert failed.stdout == (f"<http://example.com/kg/claim/{ARTICLE}/c7>  prov:wasDerivedFrom: "
                             "a claim needs exactly one prov:wasDerivedFrom, an article\n")
    assert failed.stderr == f"error: {broken}: 1 SHACL violation (one per line above)\n"


def test_cli_failed_export_leaves_no_file(tmp_path: Path) -> None:
    out = tmp_path / "never.nt"
    result = run("export", "--format", "nt", "-o", str(out), "--base", "not-absolute")
    assert result.returncode == 1
    assert result.stderr == "error: base IRI 'not-absolute' is not absolute (e.g. https://actorgraph.example.org/)\n"
    assert list(tmp_path.iterdir()) == []
