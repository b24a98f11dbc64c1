"""Neo4j Browser on the local server, its style and favourites, and the server's memory settings.

The first tests need no server: the memory sizing (numbers worked out by hand in each test), the
conf file, the Browser files. The last ones use the test session's real server (tests/conftest.py):
its conf, its /browser/ page, and Neo4j Browser itself driven in Debian's chromium, which connects
with the generated password, imports the favourites and the style by dropping the files, and runs a
catalog query. With ACTORGRAPH_UPDATE_DOCS=1 the drawing test refreshes docs/neo4j-browser.png.
"""
from __future__ import annotations

import base64
import json
import os
import re
import subprocess
import sys
import urllib.request
import zipfile
from pathlib import Path

import pytest

from actorgraph.graph.errors import ConfigError
from actorgraph.graph.neo4j import browser_assets, memory
from actorgraph.graph.neo4j.conf import read_conf, write_conf
from actorgraph.graph.neo4j.memory import GIB, MIB, MemorySettings, memory_settings, recommended
from actorgraph.graph.neo4j.queries import CATALOG
from actorgraph.graph.vocabulary import default_vocabulary
from tests.conftest import ROOT, SEED_ARTICLE

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-background-networking", "--disable-gpu",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
# The seed article's claim c27: "... ميليشيا قسد بدعم طائرات التحالف الدولي ..." (SDF backed by the
# coalition's aircraft), so who-supports sdf answers the coalition, with this sentence.
C27_SENTENCE = ("ليتحول المشهد لاشتباكات عنيفة بين التنظيم وميليشيا قسد بدعم طائرات التحالف الدولي لوقف"
                " الخروقات والقضاء على العناصر الفارين")
MEMORY_ENV = (memory.HEAP_ENV, memory.PAGECACHE_ENV, memory.TX_MEMORY_ENV)


@pytest.fixture(autouse=True)
def no_memory_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in MEMORY_ENV:
        monkeypatch.delenv(name, raising=False)


# --------------------------------------------------------------------------- memory sizing


def test_recommended_sizes_worked_out_by_hand() -> None:
    # 16 GiB machine: Neo4j gets 8; heap 8/4 = 2 GiB; a 1 GiB store wants 1.2 GiB < 8/4, so 2 GiB.
    assert recommended(16 * GIB, 1 * GIB) == MemorySettings(2 * GIB, 2 * GIB, 1 * GIB)
    # A 10 GiB store wants 12 GiB of cache, but the heap leaves 8 - 2 = 6 GiB.
    assert recommended(16 * GIB, 10 * GIB) == MemorySettings(2 * GIB, 6 * GIB, 1 * GIB)
    # 1 GiB machine: 512 MiB for Neo4j, all heap (the floor); the cache keeps its 128 MiB floor.
    assert recommended(1 * GIB, 0) == MemorySettings(512 * MIB, 128 * MIB, 256 * MIB)
    # 128 GiB machine: the heap stops at 8 GiB; cache 64/4 = 16 GiB.
    assert recommended(128 * GIB, 0) == MemorySettings(8 * GIB, 16 * GIB, 4 * GIB)


def test_the_environment_overrides_and_an_argument_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(memory.HEAP_ENV, "2g")
    monkeypatch.setenv(memory.PAGECACHE_ENV, "512MiB")
    monkeypatch.setenv(memory.TX_MEMORY_ENV, "1024m")
    assert memory_settings(tmp_path, total_memory=16 * GIB) == MemorySettings(2 * GIB, 512 * MIB, 1 * GIB)
    assert memory_settings(tmp_path, heap="3g", total_memory=16 * GIB).heap == 3 * GIB
    monkeypatch.delenv(memory.TX_MEMORY_ENV)
    assert memory_settings(tmp_path, heap="3g", total_memory=16 * GIB).transaction_total == 1536 * MIB


def test_the_store_size_counts_in_the_page_cache(tmp_path: Path) -> None:
    store = tmp_path / "data" / "databases" / "neo4j"
    store.mkdir(parents=True)
    (store / "neostore.nodestore.db").write_bytes(b"\0" * (3 * MIB))
    assert memory.store_size(tmp_path) == 3 * MIB
    # 8 MiB machine: every size is at its floor, whatever the store.
    assert memory_settings(tmp_path, total_memory=8 * MIB).pagecache == 128 * MIB


@pytest.mark.parametrize(("name", "value", "message"), [
    (memory.HEAP_ENV, "lots", "ACTORGRAPH_NEO4J_HEAP='lots': not a memory size (e.g. ACTORGRAPH_NEO4J_HEAP=2g)"),
    (memory.PAGECACHE_ENV, "1.5g",
     "ACTORGRAPH_NEO4J_PAGECACHE='1.5g': not a memory size (e.g. ACTORGRAPH_NEO4J_PAGECACHE=1g)"),
    (memory.HEAP_ENV, "64m",
     "ACTORGRAPH_NEO4J_HEAP='64m': too small (at least 128m) (e.g. ACTORGRAPH_NEO4J_HEAP=2g)"),
    (memory.TX_MEMORY_ENV, "4g",
     "ACTORGRAPH_NEO4J_TX_MEMORY='4g': must be below the heap (2048m) (e.g. ACTORGRAPH_NEO4J_TX_MEMORY=1024m)"),
])
def test_a_malformed_size_is_one_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, value: str,
                                            message: str) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError) as error:
        memory_settings(tmp_path, total_memory=16 * GIB)
    assert str(error.value) == message


def test_neo4j_start_refuses_a_malformed_size_before_starting_anything(isolated_home: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env[memory.HEAP_ENV] = "a lot"
    result = subprocess.run([sys.executable, "-m", "actorgraph.cli.main", "neo4j", "start"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "error: ACTORGRAPH_NEO4J_HEAP='a lot': not a memory size (e.g. ACTORGRAPH_NEO4J_HEAP=2g)"]
    assert not (isolated_home / "neo4j" / "run" / "neo4j.pid").exists()


def test_the_conf_carries_the_memory_settings(tmp_path: Path) -> None:
    write_conf(tmp_path, 7001, 7002, MemorySettings(3 * GIB, 1536 * MIB, 1 * GIB + 1))
    conf = read_conf(tmp_path)
    assert conf["server.memory.heap.max_size"] == conf["server.memory.heap.initial_size"] == "3072m"
    assert conf["server.memory.pagecache.size"] == "1536m"
    assert conf["dbms.memory.transaction.total.max"] == "1025m"  # rounded up, never down to nothing
    assert conf["server.http.listen_address"] == "127.0.0.1:7002"


# --------------------------------------------------------------------------- Browser files


def test_every_catalog_query_is_a_favourite_with_its_values_inlined() -> None:
    vocabulary = default_vocabulary()
    favourites = {f.name: f.text for f in browser_assets.favorites(vocabulary)}
    assert set(favourites) == {f"{name}.cypher" for name in CATALOG} | {"label-actors-by-type.cypher",
                                                                        "actor-graph.cypher"}
    for name in CATALOG:
        text = favourites[f"{name}.cypher"]
        assert text.startswith(f"// ActorGraph: {name}\n")  # the Browser names a favourite by its first line
        assert re.search(r"\$[A-Za-z_]", text) is None, name  # one runnable statement, no parameter left
    who = favourites["who-supports.cypher"]
    assert "MATCH (x:Actor {id: 'sdf'})" in who and "type(r) = 'SUPPORTED_BY'" in who and "LIMIT 100" in who
    assert "(y:Actor {id: 'international-coalition'})" in favourites["evidence.cypher"]
    assert browser_assets.cypher_literal("it's \\ here") == "'it\\'s \\\\ here'"


def test_the_style_colours_every_actor_type_and_label() -> None:
    selectors = set(re.findall(r"^(node|relationship)(?:\.(\w+))? \{", browser_assets.grass_text(), re.MULTILINE))
    node_labels = {label for kind, label in selectors if kind == "node"}
    assert set(default_vocabulary().actor_types) | {"", "Actor", "Article", "Claim", "Mention"} <= node_labels


def test_browser_assets_command_writes_the_two_files(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "actorgraph.cli.main", "neo4j", "browser-assets", "-o",
                             str(tmp_path / "out"), "--json"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    files = [Path(entry["file"]) for entry in json.loads(result.stdout)]
    assert [f.name for f in files] == ["actorgraph.grass", "actorgraph-favorites.zip"]
    assert files[0].read_text(encoding="utf-8") == browser_assets.grass_text()
    with zipfile.ZipFile(files[1]) as archive:
        names = archive.namelist()
    assert len(names) == len(CATALOG) + 2 and all(n.startswith("ActorGraph/") for n in names)


# --------------------------------------------------------------------------- the real server


@pytest.mark.neo4j
def test_the_session_server_serves_the_browser_and_has_its_memory(local_neo4j) -> None:
    if local_neo4j is None:
        pytest.skip("NEO4J_URI points at another server: its Browser and conf are not ours")
    from actorgraph.graph.neo4j import server as neo4j_server

    conf = read_conf(local_neo4j.home)  # conftest starts it with heap 768m and page cache 64m
    assert (conf["server.memory.heap.max_size"], conf["server.memory.pagecache.size"],
            conf["dbms.memory.transaction.total.max"]) == ("768m", "64m", "384m")
    status = neo4j_server.status(local_neo4j.home)
    assert status is not None and status.browser_url == local_neo4j.browser_url
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/browser/", local_neo4j.browser_url or "")
    with urllib.request.urlopen(local_neo4j.browser_url, timeout=30) as response:
        assert response.status == 200 and "<title>Neo4j Browser</title>" in response.read().decode()


_DATA_TRANSFER = """([name, data]) => {
  const bytes = Uint8Array.from(atob(data), c => c.charCodeAt(0));
  const transfer = new DataTransfer();
  transfer.items.add(new File([bytes], name));
  return transfer;
}"""


def _drop(page, path: Path) -> None:
    """Drop a file on the Browser window, as a user dragging it from their file manager."""
    transfer = page.evaluate_handle(_DATA_TRANSFER, [path.name, base64.b64encode(path.read_bytes()).decode()])
    page.dispatch_event('[data-testid="editor-Run"]', "drop", {"dataTransfer": transfer})


def _run_favourite(page, title: str, *, drawing: bool = False):
    """Run one favourite from the sidebar; return its result frame (the newest, on top)."""
    item = page.locator('[data-testid="savedScriptListItem"]', has_text=f"ActorGraph: {title}")
    item.hover()
    item.locator('[data-testid="savedScriptsButton-Run"]').click()
    frame = page.locator('[data-testid="frame"]').first
    frame.locator('[data-testid="frameCommand"]', has_text=f"ActorGraph: {title}").wait_for(timeout=60_000)
    if drawing:  # a drawing has no status bar: its inspector panel comes with the laid-out graph
        frame.locator('[data-testid="vizInspector"]').wait_for(timeout=60_000)
    else:  # a table's status bar says "... completed after N ms." once every row has arrived
        frame.locator('[data-testid="frameStatusbar"]', has_text="completed after").wait_for(timeout=60_000)
    return frame


@pytest.mark.neo4j
@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="browser tests need Debian chromium at /usr/bin/chromium "
                                                  "(bash scripts/test-setup installs it)")
def test_neo4j_browser_connects_and_runs_a_catalog_favourite(local_neo4j, empty_neo4j_store, tmp_path: Path) -> None:
    if local_neo4j is None:
        pytest.skip("NEO4J_URI points at another server: the Browser test needs the local one")
    from playwright.sync_api import sync_playwright

    from actorgraph.ingest.pipeline import ingest_paths

    ingest_paths([SEED_ARTICLE], empty_neo4j_store)
    actors = len(empty_neo4j_store.actors())
    grass, favourites = browser_assets.write_browser_assets(tmp_path / "assets", default_vocabulary())
    colours = dict(re.findall(r"^node\.(\w+) \{\n(?:  [^\n]*\n)*?  color: (#[0-9A-F]{6});", grass.read_text(),
                              re.MULTILINE))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            page.goto(local_neo4j.browser_url)
            page.fill('[data-testid="username"]', local_neo4j.user, timeout=120_000)
            page.fill('[data-testid="password"]', local_neo4j.password)
            page.click('[data-testid="connect"]')
            page.get_by_text("You are connected as user").wait_for(timeout=60_000)

            _drop(page, favourites)
            _drop(page, grass)
            page.locator('[data-testid="frameCommand"]', has_text=":style").wait_for(timeout=30_000)
            page.click('[data-testid="navigationFavorites"]')
            page.click('[data-testid="savedScriptsFolder-ActorGraph"]')

            labelled = _run_favourite(page, "label actors by type")
            assert labelled.locator('[data-testid="frameContents"]').inner_text().split()[-2:] == ["1", str(actors)]

            answer = _run_favourite(page, "who-supports").locator('[data-testid="frameContents"]').inner_text()
            assert '"international-coalition"' in answer and '"SUPPORTED_BY"' in answer
            assert '"orient-2022-01-hasakah-prison#c27"' in answer and C27_SENTENCE in answer

            drawing = _run_favourite(page, "actor graph", drawing=True)
            drawing.locator("svg circle[fill]").first.wait_for(timeout=30_000)
            fills = set(drawing.evaluate(
                "f => Array.from(f.querySelectorAll('svg circle[fill]'), c => c.getAttribute('fill'))"))
            # The seed has states (Iraq, Syria) and armed groups (ISIS, the SDF): each in its type's colour.
            assert {colours["State"], colours["ArmedGroup"]} <= fills
            page.wait_for_timeout(1500)  # let the force layout settle for the picture
            target = ROOT / ("docs" if os.environ.get("ACTORGRAPH_UPDATE_DOCS") == "1" else "tests/artifacts")
            target.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(target / "neo4j-browser.png"))
        finally:
            browser.close()
