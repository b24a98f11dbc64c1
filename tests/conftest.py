"""Shared fixtures: an isolated ACTORGRAPH_HOME per test, and the project root on sys.path."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SEED_DIR = ROOT / "data" / "articles"
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data directory, so no test sees another's store."""
    home = tmp_path / "home"
    monkeypatch.setenv("ACTORGRAPH_HOME", str(home))
    monkeypatch.delenv("ACTORGRAPH_BACKEND", raising=False)
    return home


STORE_BACKENDS = ["embedded", "neo4j"]


@pytest.fixture(params=STORE_BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path):
    """An empty store of each backend; the contract suite runs once per backend."""
    if request.param == "embedded":
        from graph.embedded import EmbeddedStore

        yield EmbeddedStore(tmp_path / "graph.pickle")
        return
    yield request.getfixturevalue("empty_neo4j_store")


@pytest.fixture
def empty_neo4j_store():
    """Placeholder until the Neo4j store lands: skipped with the way to enable it."""
    pytest.skip("Neo4j store not built yet")


@pytest.fixture
def seeded(isolated_home: Path):
    """The embedded store at the isolated home, holding the annotated seed article (data/articles)."""
    from graph.config import embedded_store_path
    from graph.embedded import EmbeddedStore
    from ingest.pipeline import ingest_paths

    store = EmbeddedStore(embedded_store_path())
    ingest_paths([SEED_DIR], store)
    return store
