"""The SPARQL examples of docs/sparql.md give exact answers on the seed, with rdflib and pyoxigraph."""
from __future__ import annotations

import pyoxigraph
import pytest
from rdflib import Graph

from actorgraph.graph.embedded import EmbeddedStore
from actorgraph.graph.rdf.sparql_examples import EXAMPLES, PROLOGUE, select_oxigraph, select_rdflib
from tests.conftest import ROOT
from tests.rdf_seed import ARTICLE, export_text, seed_store


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> EmbeddedStore:
    return seed_store(tmp_path_factory.mktemp("seed"))


@pytest.fixture(scope="module")
def engines(seed: EmbeddedStore):
    text = export_text(seed, "ttl", base="http://example.com/kg/")  # the queries must not depend on --base
    graph = Graph().parse(data=text, format="turtle")
    store = pyoxigraph.Store()
    store.load(text, pyoxigraph.RdfFormat.TURTLE)
    return {"rdflib": lambda q: select_rdflib(graph, q), "pyoxigraph": lambda q: select_oxigraph(store, q)}


def _expected(seed: EmbeddedStore) -> dict[str, list[tuple[str, ...]]]:
    article = seed.get_article(ARTICLE)
    return {
        "who-supports-sdf": [("international-coalition",)],
        "iraq-accuses-isis": [(f"{ARTICLE}#c7", ARTICLE, "الحسكة مشتعلة والعراق يستغل هجوم داعش لغاياته السياسية",
                               article.text[450:722], "450", "722")],
        "who-denies-what": [("farhad-shami", "isis", "escapesFrom", "sina-prison", f"{ARTICLE}#c41")],
        "contested-claims": [(f"{ARTICLE}#c33", "local-sources", "isis escapesFrom sina-prison", f"{ARTICLE}#c41",
                              "farhad-shami")],
    }


@pytest.mark.parametrize("engine", ["rdflib", "pyoxigraph"])
@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_example_answers_exactly(name: str, engine: str, engines, seed: EmbeddedStore) -> None:
    assert engines[engine](EXAMPLES[name][1]) == _expected(seed)[name]


def test_iraq_sentence_is_the_annotated_evidence(seed: EmbeddedStore) -> None:
    (claim,) = seed.claims(subject="iraq", predicate="accuses", object="isis")
    assert (claim.evidence.start, claim.evidence.end) == (450, 722)


def test_supporters_need_the_inverse_direction(engines) -> None:
    """The seed says `sdf supportedBy international-coalition`: one direction alone finds nobody."""
    one_way = EXAMPLES["who-supports-sdf"][1].replace("ag:supports|^ag:supportedBy", "ag:supports")
    assert engines["pyoxigraph"](one_way) == []


def test_docs_show_every_query_verbatim() -> None:
    docs = (ROOT / "docs" / "sparql.md").read_text(encoding="utf-8")
    assert PROLOGUE in docs
    for _question, query in EXAMPLES.values():
        assert query[len(PROLOGUE):] in docs


def _readme_queries() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return [block.split("```", 1)[0] for block in text.split("```sparql\n")[1:]]


def test_readme_queries_give_the_answers_the_readme_states(engines, seed: EmbeddedStore) -> None:
    """The README's shortened queries must answer what its text says they answer on the seed."""
    supporters, sentence, denials = _readme_queries()
    article = seed.get_article(ARTICLE)
    for engine in ("rdflib", "pyoxigraph"):
        run = engines[engine]
        assert run(PROLOGUE + supporters) == [("international-coalition",)]
        assert run(PROLOGUE + sentence) == [(ARTICLE, article.text[450:722], "450", "722")]
        assert run(PROLOGUE + denials) == [
            ("farhad-shami", "isis", "https://actorgraph.example.org/ontology#escapesFrom", "sina-prison")]
