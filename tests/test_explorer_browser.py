"""The explorer in a real headless Chromium: `streamlit run app.py` as a subprocess on a free
loopback port, driven with Playwright. Screenshots go to tests/artifacts/ (gitignored); with
ACTORGRAPH_UPDATE_DOCS=1 the ego-network test also refreshes docs/explorer.png for the README."""
from __future__ import annotations

import json
import os
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from actorgraph.graph.embedded import EmbeddedStore
from actorgraph.ingest.pipeline import ingest_paths
from tests.articles import HOSTILE_NAME, IMG, SCRIPT, hostile_article
from tests.conftest import ROOT, SEED_ARTICLE
from tests.streamlit_server import streamlit_app

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-background-networking", "--disable-gpu",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

SUPPORTED_BY_EVIDENCE = ("ليتحول المشهد لاشتباكات عنيفة بين التنظيم وميليشيا قسد بدعم طائرات التحالف الدولي لوقف"
                         " الخروقات والقضاء على العناصر الفارين")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="browser tests need Debian chromium at /usr/bin/chromium "
                                                     "(bash scripts/test-setup installs it)"),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The explorer on the seed article plus one hostile article, in its own data directory."""
    home = tmp_path_factory.mktemp("browser-home")
    hostile_dir = tmp_path_factory.mktemp("hostile")
    (hostile_dir / "hostile.json").write_text(json.dumps(hostile_article()), encoding="utf-8")
    ingest_paths([SEED_ARTICLE, hostile_dir], EmbeddedStore(home / "graph.msgpack"))
    with streamlit_app(home) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 960})
    tab = context.new_page()
    tab.dialogs = []  # type: ignore[attr-defined]
    tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))
    yield tab
    context.close()


def settle(page, timeout: float = 30) -> None:
    """Wait until Streamlit has finished the current run (its 'running' indicator is gone)."""
    page.wait_for_timeout(300)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if page.locator('[data-testid="stStatusWidget"]').count() == 0:
            page.wait_for_timeout(300)
            if page.locator('[data-testid="stStatusWidget"]').count() == 0:
                return
        page.wait_for_timeout(200)
    raise AssertionError("the app kept running")


def choose(page, label: str, option_text: str, attempts: int = 3) -> None:
    """Open the selectbox labelled `label` and click the option containing `option_text`.

    The graph component reports its first layout back to the server, which reruns the page: a
    list opened just then is redrawn and its option detached. So wait for the page to settle,
    and if the option still goes away under the click, close the list and open it again."""
    for attempt in range(attempts):
        settle(page)
        page.get_by_role("combobox", name=label, exact=True).click()
        page.keyboard.type(option_text)  # the option list is virtualised: filter it so the option is drawn
        try:
            page.locator('[role="option"]').filter(has_text=option_text).first.click(timeout=10_000)
            break
        except PlaywrightTimeoutError:
            if attempt == attempts - 1:
                raise
            page.keyboard.press("Escape")
    settle(page)


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.evaluate("() => document.querySelectorAll('section, div').forEach(e => { e.scrollTop = 0 })")
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=True)
    return path


def test_arabic_search_ego_network_and_rtl_evidence(server: str, page) -> None:
    page.goto(server)
    search = page.get_by_label("Search actors")
    search.fill("قسد")
    search.press("Enter")
    settle(page)
    page.get_by_text("6 actors · 12 links · 14 claims").wait_for()
    graph = page.frame_locator('iframe[title="st_link_analysis.component.component.st_link_analysis"]')
    graph.locator("canvas").first.wait_for()
    assert "actor=sdf" in page.url
    choose(page, "Edge", "supported by")
    sentence = page.locator('.ag-sentence[dir="rtl"][lang="ar"]').first
    sentence.wait_for()
    assert sentence.locator("mark").inner_text() == SUPPORTED_BY_EVIDENCE
    assert "edge=sdf%7Csupported-by%7Cinternational-coalition" in page.url or \
        "edge=sdf|supported-by|international-coalition" in page.url
    direction = sentence.evaluate("e => getComputedStyle(e).direction")
    assert direction == "rtl"
    page.wait_for_timeout(1500)  # let the Cytoscape layout finish before the picture
    shot = screenshot(page, "explorer-ego.png")
    if os.environ.get("ACTORGRAPH_UPDATE_DOCS") == "1":
        shutil.copyfile(shot, ROOT / "docs" / "explorer.png")
    assert page.dialogs == []


def test_evidence_mark_matches_the_annotated_span(server: str, page) -> None:
    page.goto(f"{server}/?actor=isis&edge=isis%7Cthreatens%7Ciraq")
    settle(page)
    card = page.locator(".ag-claim").first
    card.wait_for()
    text = card.locator('.ag-sentence[dir="rtl"] mark').inner_text()
    article = json.loads((SEED_ARTICLE).read_text(encoding="utf-8"))
    expected = {c["evidence"]["text"] for c in article["claims"]
                if (c["subject"], c["predicate"], c["object"]) == ("isis", "threatens", "iraq")}
    assert text in expected


def test_path_search_between_two_actors(server: str, page) -> None:
    page.goto(f"{server}/?actor=sdf&tab=paths")
    settle(page)
    target = page.get_by_label("Target actor")
    target.fill("العراق")
    target.press("Enter")
    settle(page)
    route = page.locator(".ag-path").first
    route.wait_for()
    assert re.sub(r"\s+", " ", route.locator(".ag-route").inner_text()) == \
        "1. Syrian Democratic Forces (SDF) → Islamic State (ISIS) → Iraq (2 hops)"
    assert "Islamic State (ISIS) —threatens→ Iraq (2 claims, confidence 0." in route.inner_text()
    assert "target=iraq" in page.url and "tab=paths" in page.url
    screenshot(page, "explorer-paths.png")


def test_hostile_article_renders_as_text_and_runs_nothing(server: str, page) -> None:
    page.goto(f"{server}/?actor=evil-group")
    settle(page)
    card = page.locator(".ag-claim").first
    card.wait_for()
    page.wait_for_timeout(1500)
    card_text = card.inner_text()
    assert SCRIPT in card_text and IMG in card_text and HOSTILE_NAME in card_text
    assert f"Breaking {SCRIPT} {IMG}" in card_text
    for frame in page.frames:  # the page and the graph component's iframe
        assert frame.evaluate("() => window.__agPwned === undefined")
        assert frame.evaluate("() => document.querySelectorAll('img[src=\"x\"], .ag-claim script').length") == 0
    assert page.locator(".ag-claim a").count() == 0  # the article's javascript: URL is not linked
    assert page.dialogs == []
    screenshot(page, "explorer-hostile.png")


def summary_of(page) -> str:
    return page.get_by_text(re.compile(r"^\d+ actors · \d+ links · \d+ claims")).first.inner_text()


def test_two_sessions_keep_their_own_selection(server: str, browser) -> None:
    """Two browser contexts on one server: what one selects never shows up in the other."""
    contexts = [browser.new_context(viewport={"width": 1280, "height": 900}) for _ in range(2)]
    try:
        first, second = (context.new_page() for context in contexts)
        first.goto(f"{server}/?actor=sdf")
        second.goto(f"{server}/?actor=isis&hops=99")  # an out-of-range URL value is dropped, not a traceback
        for tab in (first, second):
            settle(tab)
        assert summary_of(first) == "6 actors · 12 links · 14 claims"
        isis_summary = summary_of(second)
        assert isis_summary != summary_of(first)
        search = first.get_by_label("Search actors")
        search.fill("العراق")
        search.press("Enter")
        settle(first)
        assert "actor=iraq" in first.url
        choose(second, "Edge", "threatens")  # a rerun of the second session after the first changed
        assert "actor=isis" in second.url and "edge=isis" in second.url.replace("%7C", "|")
        assert summary_of(second) == isis_summary
        assert second.locator(".ag-claim").first.inner_text().count("Iraq") >= 1
        for tab in (first, second):
            assert tab.locator('[data-testid="stException"]').count() == 0
    finally:
        for context in contexts:
            context.close()


def test_turtle_download_of_the_visible_network_conforms(server: str, page, tmp_path: Path) -> None:
    """The tables view's download button, clicked in the browser: the file is written on the click
    (a deferred download) by the same exporter as `actorgraph export`, and passes the SHACL shapes."""
    import rdflib

    from actorgraph.graph.rdf.terms import DEFAULT_BASE, ONTOLOGY_NS
    from actorgraph.graph.rdf.validate import validate_file

    page.goto(f"{server}/?actor=sdf&tab=tables")
    settle(page)
    with page.expect_download(timeout=60_000) as started:
        page.get_by_role("button", name="Download Turtle").click()
    download = started.value
    assert download.suggested_filename == "actorgraph-sdf-depth1.ttl"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    report = validate_file(path)
    assert report.conforms, "\n".join(report.lines())
    graph = rdflib.Graph().parse(path, format="turtle")
    actor, ag = rdflib.Namespace(DEFAULT_BASE + "actor/"), rdflib.Namespace(ONTOLOGY_NS)
    assert (actor.sdf, ag.cooperatesWith, actor["international-coalition"]) in graph
    shown = re.search(r"Claims \((\d+)\)", page.get_by_role("heading", name=re.compile(r"^Claims \(")).inner_text())
    assert shown is not None and len(set(graph.subjects(rdflib.RDF.type, ag.Claim))) == int(shown.group(1)) > 0
