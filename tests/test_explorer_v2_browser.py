"""Explorer v2 in a real headless Chromium (Debian's, never a downloaded one): the landing overview,
the timeline window, the article reader and the review queue. Screenshots of each view go to
tests/artifacts/; with ACTORGRAPH_UPDATE_DOCS=1 they also refresh docs/explorer-*.png."""
from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from actorgraph.graph.embedded import EmbeddedStore
from actorgraph.graph.store import ClaimFilter
from actorgraph.ingest.pipeline import ingest_paths
from tests.conftest import FIXTURES, ROOT, SEED_DIR
from tests.streamlit_server import streamlit_app
from tests.test_explorer_browser import CHROMIUM, browser, choose, page, screenshot, settle  # noqa: F401 (fixtures)

SEED = "orient-2022-01-hasakah-prison"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="browser tests need Debian chromium at /usr/bin/chromium"),
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Copies of the seed and the review fixture (the review test edits them), ingested."""
    home = tmp_path_factory.mktemp("v2-home")
    folder = tmp_path_factory.mktemp("v2-articles")
    shutil.copy(SEED_DIR / f"{SEED}.json", folder)
    shutil.copy(FIXTURES / "review" / "flagged.json", folder)
    assert ingest_paths([folder], EmbeddedStore(home / "graph.msgpack")).ok
    return home, folder


@pytest.fixture(scope="module")
def server(corpus) -> Iterator[str]:
    with streamlit_app(corpus[0]) as url:
        yield url


def picture(page, name: str, height: int = 2000) -> None:
    """A tall screenshot of the finished page (Streamlit scrolls inside its own container, so a
    full-page shot would stop at the viewport); kept in docs/ with ACTORGRAPH_UPDATE_DOCS=1."""
    page.set_viewport_size({"width": 1440, "height": height})
    settle(page)
    page.wait_for_function("() => document.querySelectorAll('[data-testid=stSkeleton]').length === 0",
                           timeout=30_000)
    page.wait_for_timeout(2500)  # the graph component's drawing and the chart's rendering
    shot = screenshot(page, name)
    if os.environ.get("ACTORGRAPH_UPDATE_DOCS") == "1":
        shutil.copyfile(shot, ROOT / "docs" / name)


def summary(page) -> str:
    return page.get_by_text(re.compile(r"^\d+ actors · \d+ links · \d+ claims")).first.inner_text()


def test_landing_overview_shows_actor_names_without_typing(server: str, page) -> None:
    page.goto(server)
    settle(page)
    page.get_by_role("button", name=re.compile(r"^Islamic State \(ISIS\) \(\d+\)$")).wait_for()
    graph = page.frame_locator('iframe[title="st_link_analysis.component.component.st_link_analysis"]')
    graph.locator("canvas").first.wait_for()
    assert page.get_by_text("Most contested relations in the store").count() == 1
    assert page.locator('[data-testid="stMetricValue"]').first.inner_text() == "2"  # articles
    page.get_by_role("button", name=re.compile(r"^Islamic State \(ISIS\)")).click()
    page.wait_for_url(re.compile(r"actor=isis"), timeout=30_000)
    page.get_by_text(re.compile(r"^\d+ actors · \d+ links · \d+ claims")).first.wait_for()
    page.goto(server)
    picture(page, "explorer-overview.png", 1900)


def test_timeline_window_changes_the_visible_network(server: str, page, corpus) -> None:
    page.goto(f"{server}/?actor=iraq")
    settle(page)
    before = summary(page)
    store = EmbeddedStore(corpus[0] / "graph.msgpack")
    whole = store.neighbourhood("iraq", 1, ClaimFilter())
    assert before.startswith(f"{len(whole.actors)} actors")
    end_thumb = page.get_by_role("slider").nth(1)
    end_thumb.focus()
    end_thumb.press("Home")  # the window's end jumps to its start: 2022-01-01 .. 2022-01-01
    settle(page)
    narrow = store.neighbourhood("iraq", 1, ClaimFilter(date_from="2022-01-01", date_to="2022-01-01"))
    page.get_by_text(re.compile(rf"^{len(narrow.actors)} actors · ")).first.wait_for()
    assert summary(page) != before and len(narrow.actors) < len(whole.actors)
    picture(page, "explorer-timeline.png", 1500)


def test_reader_shows_arabic_right_to_left_with_marks(server: str, page, corpus) -> None:
    page.goto(f"{server}/?tab=reader&article={SEED}&claim={SEED}%23c1")
    settle(page)
    text = page.locator(".ag-reader-text").first
    text.wait_for()
    assert text.get_attribute("dir") == "rtl" and text.evaluate("e => getComputedStyle(e).direction") == "rtl"
    mentions = EmbeddedStore(corpus[0] / "graph.msgpack").mentions(article_id=SEED)
    marked = text.locator(".ag-mention")
    assert marked.count() >= len(mentions)
    colours = {marked.nth(i).evaluate("e => getComputedStyle(e).backgroundColor") for i in range(marked.count())}
    assert len(colours) > 3  # coloured by actor
    evidence = "".join(text.locator(".ag-evidence").all_inner_texts())
    article = json.loads((SEED_DIR / f"{SEED}.json").read_text(encoding="utf-8"))
    assert evidence == next(c for c in article["claims"] if c["id"] == "c1")["evidence"]["text"]
    picture(page, "explorer-reader.png", 1700)


def test_accepting_and_rejecting_suggestions_change_store_and_file(server: str, page, corpus) -> None:
    home, folder = corpus
    article = folder / "flagged.json"
    page.goto(f"{server}/?tab=review")
    settle(page)
    page.get_by_label("Reviewer", exact=True).and_(page.locator("input")).fill("browser-reviewer")
    page.get_by_label("Reviewer", exact=True).and_(page.locator("input")).press("Enter")
    settle(page)
    choose(page, "Suggestion", "review-flagged#c1")
    page.get_by_role("button", name="Reject", exact=True).click()
    page.get_by_text(re.compile(r"^reject-claim review-flagged#c1: recorded")).wait_for()
    assert "c1" not in {c["id"] for c in json.loads(article.read_text(encoding="utf-8"))["claims"]}
    stored = EmbeddedStore(home / "graph.msgpack").claims(ClaimFilter(polarities=()))
    assert "review-flagged#c1" not in {c.id for c in stored}
    settle(page)
    unchanged = article.read_text(encoding="utf-8")  # "not an actor" is refused while claims c2, c3 name it
    page.get_by_role("button", name="Not an actor (reject)", exact=True).click()
    page.get_by_text(re.compile(r"claim\(s\) c2, c3 name .*reject or correct those claims first")).wait_for()
    assert article.read_text(encoding="utf-8") == unchanged
    settle(page)
    choose(page, "Suggestion", "review-flagged#c3")  # extracted by `actorgraph extract`
    picture(page, "explorer-review.png", 2300)
    page.get_by_role("button", name="Accept", exact=True).click()
    page.get_by_text(re.compile(r"^accept-claim review-flagged#c3: recorded")).wait_for()
    claims = {c["id"]: c for c in json.loads(article.read_text(encoding="utf-8"))["claims"]}
    assert claims["c3"]["origin"] == "annotated"
    stored = {c.id: c for c in EmbeddedStore(home / "graph.msgpack").claims(ClaimFilter(polarities=()))}
    assert stored["review-flagged#c3"].origin == "annotated"
    log = [json.loads(line) for line in (home / "review.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(d["action"], d["who"]) for d in log] == [("reject-claim", "browser-reviewer"),
                                                     ("accept-claim", "browser-reviewer")]
