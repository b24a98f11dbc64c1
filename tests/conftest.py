"""Shared fixtures: an isolated ACTORGRAPH_HOME per test, and the project root on sys.path."""
from __future__ import annotations

import os
import shutil
import socket
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SEED_DIR = ROOT / "data" / "articles"
# The founding seed article: tests whose expected numbers are computed from it ingest this file, not the
# whole corpus in SEED_DIR, so that adding annotated articles to data/articles does not change them.
SEED_ARTICLE = SEED_DIR / "orient-2022-01-hasakah-prison.json"
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data directory, so no test sees another's store."""
    home = tmp_path / "home"
    monkeypatch.setenv("ACTORGRAPH_HOME", str(home))
    monkeypatch.delenv("ACTORGRAPH_BACKEND", raising=False)
    return home


STORE_BACKENDS = ["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)]
NEO4J_HINT = "Neo4j tests need Java 17+ and Maven: install them or set NEO4J_URI"


@pytest.fixture(params=STORE_BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path):
    """An empty store of each backend; the contract suite runs once per backend."""
    if request.param == "embedded":
        from actorgraph.graph.embedded import EmbeddedStore

        yield EmbeddedStore(tmp_path / "graph.msgpack")
        return
    yield request.getfixturevalue("empty_neo4j_store")


def _neo4j_unavailable(reason: str) -> None:
    """Skip with one line saying how to enable the tests; in CI (CI=true) fail instead: CI never skips them."""
    if os.environ.get("CI", "").strip().lower() in ("true", "1", "yes"):
        pytest.fail(f"{reason} (CI=true: the Neo4j tests must run, not skip)", pytrace=False)
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def local_neo4j(tmp_path_factory: pytest.TempPathFactory):
    """The local Neo4j server of the test session (a ServerInfo), or None when NEO4J_URI names another.

    It lives in `$ACTORGRAPH_TEST_NEO4J_HOME` (reused, and left running, if it is already up) or in a
    pytest temp folder, on free ports, serves Neo4j Browser, and is stopped at the end if started here.
    """
    from actorgraph.graph.config import cache_home, neo4j_settings_from_env
    from actorgraph.graph.neo4j import server as neo4j_server

    if neo4j_settings_from_env() is not None:
        yield None
        return
    try:
        neo4j_server.find_java()
    except neo4j_server.Neo4jServerError:
        _neo4j_unavailable(NEO4J_HINT)
    cached = (cache_home() / f"neo4j-community-{neo4j_server.NEO4J_VERSION}" / ".complete").is_file()
    if not cached and shutil.which("mvn") is None:
        _neo4j_unavailable(NEO4J_HINT)
    env_home = os.environ.get("ACTORGRAPH_TEST_NEO4J_HOME")
    home = Path(env_home) if env_home else tmp_path_factory.mktemp("neo4j-server")
    running = neo4j_server.status(home) is not None
    try:
        info = neo4j_server.start(home, bolt_port=_free_port(), http_port=_free_port(), cache_dir=cache_home(),
                                  heap="768m", pagecache="64m")
    except neo4j_server.Neo4jServerError as exc:
        _neo4j_unavailable(f"could not start a local Neo4j for the tests: {exc}")
    assert info.password is not None
    try:
        yield info
    finally:
        if not running:
            neo4j_server.stop(home)


@pytest.fixture(scope="session")
def neo4j_settings(local_neo4j):
    """How to reach the test Neo4j: NEO4J_URI & co. if set, else the local server this session starts."""
    from actorgraph.graph.config import Neo4jSettings, neo4j_settings_from_env

    if local_neo4j is None:
        return neo4j_settings_from_env()
    return Neo4jSettings(local_neo4j.uri, local_neo4j.user, local_neo4j.password)


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_settings):
    """One driver for the session; the schema (constraints, indexes) is created once here."""
    from actorgraph.graph.neo4j.connect import open_neo4j_store

    store = open_neo4j_store(neo4j_settings)
    yield store.driver
    store.close()


@pytest.fixture
def empty_neo4j_store(neo4j_settings, neo4j_driver):
    """A cleared Neo4jStore per test (ActorGraph's nodes deleted in batches by `clear()`)."""
    from actorgraph.graph.neo4j.store import Neo4jStore

    store = Neo4jStore(neo4j_driver, neo4j_settings.database, owns_driver=False, ensure_schema=False)
    store.clear()
    yield store


@pytest.fixture
def neo4j_env(neo4j_settings, empty_neo4j_store) -> dict[str, str]:
    """Environment for a CLI subprocess that talks to the (cleared) test Neo4j."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env.update(NEO4J_URI=neo4j_settings.uri, NEO4J_USER=neo4j_settings.user, NEO4J_PASSWORD=neo4j_settings.password)
    if neo4j_settings.database:
        env["NEO4J_DATABASE"] = neo4j_settings.database
    return env


@pytest.fixture
def seeded(isolated_home: Path):
    """The embedded store at the isolated home, holding the annotated seed article (SEED_ARTICLE)."""
    from actorgraph.graph.config import embedded_store_path
    from actorgraph.graph.embedded import EmbeddedStore
    from actorgraph.ingest.pipeline import ingest_paths

    store = EmbeddedStore(embedded_store_path())
    ingest_paths([SEED_ARTICLE], store)
    return store
