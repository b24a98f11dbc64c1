"""The explorer's Cypher tab on a real Neo4j: the catalog runs, the console reads and refuses writes."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from actorgraph.ingest.pipeline import ingest_paths
from tests.conftest import ROOT, SEED_ARTICLE

pytestmark = pytest.mark.neo4j


@pytest.fixture
def neo4j_app(neo4j_env: dict[str, str], empty_neo4j_store, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    ingest_paths([SEED_ARTICLE], empty_neo4j_store)
    for key, value in neo4j_env.items():
        if key.startswith("NEO4J_"):
            monkeypatch.setenv(key, value)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.query_params["backend"] = "neo4j"
    at.run()
    at.sidebar.radio(key="backend").set_value("neo4j").run()
    at.radio(key="view").set_value("cypher").run()
    assert not at.exception
    return at


def test_console_reads_and_refuses_writes(neo4j_app: AppTest) -> None:
    at = neo4j_app
    at.button(key="cy_run_console").click().run()
    table = at.dataframe[-1].value
    assert table.to_dict("records") == [{"a.id": "sdf", "b.id": "international-coalition"}]
    at.text_area(key="cy_text").set_value("MATCH (n) DETACH DELETE n").run()
    at.button(key="cy_run_console").click().run()
    assert at.error and at.error[-1].value.startswith("the cypher console is read-only")


def test_catalog_query_shows_the_evidence(neo4j_app: AppTest) -> None:
    at = neo4j_app
    at.selectbox(key="cy_query").set_value("who-supports").run()
    at.text_input(key="cy_who-supports_actor").set_value("قسد").run()
    at.button(key="cy_run_catalog").click().run()
    records = at.dataframe[-1].value.to_dict("records")
    assert any(r.get("supporter") == "international-coalition" or "international-coalition" in r.values()
               for r in records), records
