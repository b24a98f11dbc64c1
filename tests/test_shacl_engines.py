"""The shapes work in any SHACL engine on an export by itself: Apache Jena (a second, independent
engine, Java) and pyshacl give the same verdict, line for line, on a real export of data/articles,
and both refuse a broken one. Jena comes from Maven Central (scripts/test-setup fetches it); without
Java or Maven the tests skip locally and FAIL in CI (CI=true), where they must run."""
from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS

from actorgraph.graph.embedded import EmbeddedStore
from actorgraph.graph.exporters.registry import export
from actorgraph.graph.java_jars import JavaToolError
from actorgraph.graph.rdf.jena import ensure_jena, validate_file_with_jena
from actorgraph.graph.rdf.terms import ONTOLOGY_NS
from actorgraph.graph.rdf.validate import validate_file
from actorgraph.ingest.pipeline import ingest_paths
from tests.conftest import FIXTURES, SEED_DIR

AG = Namespace(ONTOLOGY_NS)
SKOS_PREF = URIRef("http://www.w3.org/2004/02/skos/core#prefLabel")


@pytest.fixture(scope="module")
def jena() -> Path:
    try:
        return ensure_jena()
    except JavaToolError as exc:
        reason = f"Apache Jena SHACL unavailable ({exc}); run `bash scripts/test-setup`"
        if os.environ.get("CI", "").strip().lower() in ("true", "1", "yes"):
            pytest.fail(f"{reason} (CI=true: the second SHACL engine must run, not skip)", pytrace=False)
        pytest.skip(reason)


@pytest.fixture(scope="module")
def corpus_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`actorgraph ingest data/articles` then `actorgraph export --format ttl`, through the library
    calls the CLI makes."""
    return _export(tmp_path_factory.mktemp("corpus"), SEED_DIR)


def _export(folder: Path, *sources: Path) -> Path:
    store = EmbeddedStore(folder / "graph.msgpack")
    report = ingest_paths(list(sources), store)
    assert report.ok and report.claims > 0, report.errors
    out = io.StringIO()
    export(store, out, "ttl", None)
    path = folder / "export.ttl"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def _both(path: Path, jena: Path) -> tuple[tuple[bool, list[str]], tuple[bool, list[str]]]:
    jena_report = validate_file_with_jena(path, cache_dir=jena.parent)
    py_report = validate_file(path)
    return (jena_report.conforms, jena_report.lines()), (py_report.conforms, py_report.lines())


def test_the_export_of_data_articles_conforms_in_jena_and_pyshacl(corpus_export: Path, jena: Path) -> None:
    data = Graph().parse(corpus_export, format="turtle")
    # The export carries no ontology: what conforms here conforms on its own.
    assert list(data.triples((None, AG["term"], None))) == []
    assert list(data.triples((None, RDFS.subClassOf, None))) == []
    assert _both(corpus_export, jena) == ((True, []), (True, []))


def _first_claim(graph: Graph) -> URIRef:
    return min(graph.subjects(RDF.type, AG.Claim))


def test_a_claim_whose_predicate_is_not_a_term_does_not_conform_in_either(corpus_export: Path, jena: Path,
                                                                            tmp_path: Path) -> None:
    graph = Graph().parse(corpus_export, format="turtle")
    claim = _first_claim(graph)
    graph.set((claim, RDF.predicate, AG.condones))  # no such vocabulary term
    broken = tmp_path / "broken.ttl"
    graph.serialize(broken, format="turtle")
    expected = [f"<{claim}>  rdf:predicate: rdf:predicate must be a relation of the vocabulary (data/vocabulary.yaml)"]
    assert _both(broken, jena) == ((False, expected), (False, expected))


def test_an_unlinked_actor_is_checked_through_its_own_class(corpus_export: Path, jena: Path, tmp_path: Path) -> None:
    """An actor in no claim is reached by `sh:targetClass ag:Person` itself: no subclass reasoning needed."""
    graph = Graph().parse(corpus_export, format="turtle")
    lonely = URIRef("https://actorgraph.example.org/actor/lonely-person")
    graph.add((lonely, RDF.type, AG.Person))
    graph.add((lonely, SKOS_PREF, Literal("untagged")))
    broken = tmp_path / "lonely.ttl"
    graph.serialize(broken, format="turtle")
    expected = [f"<{lonely}>  skos:prefLabel: prefLabels must be language-tagged, one per language"]
    assert _both(broken, jena) == ((False, expected), (False, expected))


def test_cli_validate_rdf_with_the_jena_engine(corpus_export: Path, jena: Path, tmp_path: Path) -> None:
    import subprocess
    import sys

    from tests.conftest import ROOT

    def run(path: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "actorgraph.cli.main", "validate-rdf", "--engine", "jena",
                               str(path)],
                              cwd=ROOT, capture_output=True, text=True, timeout=300,
                              env=dict(os.environ, ACTORGRAPH_CACHE=str(jena.parent)))

    ok = run(corpus_export)
    assert (ok.returncode, ok.stdout, ok.stderr) == (0, "conforms\n", "")
    graph = Graph().parse(corpus_export, format="turtle")
    claim = _first_claim(graph)
    graph.set((claim, RDF.predicate, AG.condones))
    broken = tmp_path / "broken.ttl"
    graph.serialize(broken, format="turtle")
    failed = run(broken)
    assert failed.returncode == 1
    assert failed.stdout == (f"<{claim}>  rdf:predicate: rdf:predicate must be a relation of the vocabulary"
                             " (data/vocabulary.yaml)\n")
    assert failed.stderr == f"error: {broken}: 1 SHACL violation (one per line above)\n"


def test_every_v2_term_survives_export_and_passes_both_engines(jena: Path, tmp_path: Path) -> None:
    """A brat document with one claim per v2 term (tests/fixtures/brat/vocabulary-v2): all 14 predicates
    reach the export, and the sh:in list accepts each of them in Jena as in pyshacl."""
    path = _export(tmp_path, FIXTURES / "brat" / "vocabulary-v2" / "vocabulary-v2.ann")
    data = Graph().parse(path, format="turtle")
    predicates = {str(p).removeprefix(ONTOLOGY_NS) for p in data.objects(None, RDF.predicate)}
    assert predicates == {"condemns", "praises", "detains", "detainedBy", "releases", "besieges", "protestsAgainst",
                          "meetsWith", "negotiatesWith", "demands", "sanctions", "sanctionedBy", "aids", "aidedBy"}
    assert _both(path, jena) == ((True, []), (True, []))
