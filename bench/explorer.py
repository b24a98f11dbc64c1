"""The explorer's speed in a real browser on a realistic store (issue 17, point 8).

Starts `streamlit run app.py` cold on an existing store (default: the bench corpus, 10,000
articles and 200,000 claims, ingested once into a temp ACTORGRAPH_HOME), drives Debian's
Chromium with Playwright and prints how long each view takes until Streamlit has finished
running and the view's content is on screen:

    python bench/make_corpus.py --articles 10000 --actors 5000 --out /tmp/explorer-bench/corpus
    ACTORGRAPH_HOME=/tmp/explorer-bench/home ACTORGRAPH_GAZETTEER=/tmp/explorer-bench/corpus/actors.yaml \\
        python -m actorgraph.cli.main ingest /tmp/explorer-bench/corpus/articles
    python bench/explorer.py --home /tmp/explorer-bench/home

Goals: first page < 5 s from a cold server, every later view < 2 s.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.streamlit_server import streamlit_app  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-background-networking", "--disable-gpu"]


def finished(page, timeout: float = 300.0) -> None:
    """Until Streamlit's run indicator and every loading skeleton are gone (checked twice)."""
    deadline = time.monotonic() + timeout
    quiet = 0
    page.wait_for_timeout(100)
    while time.monotonic() < deadline:
        busy = page.locator('[data-testid="stStatusWidget"]').count() + \
            page.locator('[data-testid="stSkeleton"]').count()
        quiet = quiet + 1 if busy == 0 else 0
        if quiet >= 2:
            return
        page.wait_for_timeout(100)
    raise TimeoutError("the page kept running")


def timed(label: str, action, page, results: dict, wait_for=None) -> None:
    start = time.monotonic()
    action()
    if wait_for is not None:
        wait_for()
    finished(page)
    results[label] = round(time.monotonic() - start - 0.2, 2)  # minus the two quiet checks
    print(f"{label:<34} {results[label]:6.2f} s", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, default=Path("/tmp/explorer-bench/home"))
    parser.add_argument("--out", type=Path, default=None, help="also write the figures as JSON here")
    parser.add_argument("--ranking-wait", type=float, default=300, help="seconds to wait for the ranking table")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    results: dict[str, float] = {}
    started = time.monotonic()
    with streamlit_app(args.home) as url, sync_playwright() as playwright:
        print(f"server up in {time.monotonic() - started:.1f} s (store not loaded yet)")
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 1000})
        hub = page.get_by_role("button", name=re.compile(r"\(\d+\)$")).first
        timed("first page (cold server)", lambda: page.goto(url), page, results, lambda: hub.wait_for(timeout=300_000))
        name = hub.inner_text()
        timed("ego network of the top hub", hub.click, page, results,
              lambda: page.get_by_text(re.compile(r"^\d+ actors · \d+ links")).first.wait_for(timeout=300_000))
        page.wait_for_url(re.compile(r"actor="), timeout=300_000)  # written at the end of the page's run
        actor = re.search(r"actor=([^&]+)", page.url).group(1)
        timed("same ego network again", lambda: page.goto(f"{url}/?actor={actor}"), page, results,
              lambda: page.get_by_text(re.compile(r"^\d+ actors · \d+ links")).first.wait_for(timeout=300_000))
        timed("landing overview (warm)", lambda: page.goto(url), page, results, lambda: hub.wait_for(timeout=300_000))
        end_thumb = page.get_by_role("slider").nth(1)

        def narrow() -> None:
            end_thumb.focus()
            for _ in range(30):
                end_thumb.press("PageDown")
        timed("timeline window change", narrow, page, results)
        timed("article reader", lambda: page.goto(f"{url}/?tab=reader"), page, results,
              lambda: page.locator(".ag-reader-text").first.wait_for(timeout=300_000))
        ready = page.get_by_text("Most central actors").or_(page.get_by_text(re.compile("^Computing centralities")))
        start = time.monotonic()
        page.goto(f"{url}/?tab=ranking")
        ready.first.wait_for(timeout=300_000)
        results["ranking tab answers"] = round(time.monotonic() - start, 2)
        print(f"{'ranking tab answers':<34} {results['ranking tab answers']:6.2f} s", flush=True)
        try:
            page.get_by_text("Most central actors").wait_for(timeout=args.ranking_wait * 1000)
            results["ranking table ready (background)"] = round(time.monotonic() - start, 2)
        except Exception:
            results["ranking table ready (background)"] = float("inf")
        print(f"{'ranking table ready (background)':<34} {results['ranking table ready (background)']:6.2f} s",
              flush=True)
        if results["ranking table ready (background)"] != float("inf"):
            timed("ranking again (cached)", lambda: page.goto(f"{url}/?tab=ranking"), page, results,
                  lambda: page.get_by_text("Most central actors").wait_for(timeout=60_000))
        browser.close()
    print(f"(top hub: {name})")
    if args.out:
        args.out.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
