"""`actorgraph overview | timeline | rank | read | explorer` as a user runs them, on the seed article.

Expected values are counted by hand from data/articles/orient-2022-01-hasakah-prison.json
(41 claims: c1..c40 asserted, c41 denies c33), not from the functions under test.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT, SEED_ARTICLE
from tests.streamlit_server import free_port, wait_healthy

FLAGGED_ID = "new-da935a43ca"  # `new_actor_id("لواء الصقور الجديد")`: the fixture's unlinked name


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "actorgraph.cli.main", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, env={**os.environ, "COLUMNS": "250"})


def ok_json(*args: str):
    done = run(*args, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture
def seeded(isolated_home: Path) -> Path:
    assert run("ingest", str(SEED_ARTICLE), str(FIXTURES / "review" / "flagged.json")).returncode == 0
    return isolated_home


def test_overview_counts_hubs_and_the_contested_escape(seeded: Path) -> None:
    view = ok_json("overview", "--limit", "3", "--to", "2022-01-31")  # --to leaves out the fixture (Feb 2022)
    # 40 asserted seed claims; dates from c1 ("2022-01") to the latest publication (the fixture's:
    # the counts of articles and their dates are the whole store's, the claims the window's).
    assert (view["articles"], view["claims"], view["first_date"], view["last_date"]) == (2, 40, "2022-01", "2022-02-03")
    assert view["languages"] == {"ar": 2}
    # Claims touching each actor: isis is in 20 asserted claims (c1 c2 c7 c10-c12 c14 c15 c19-c24 c26 c29 c30 c33-c35),
    # sdf in 8 (c6 c25-c28 c34 c35 c40), al-hasakah and sina-prison in 7 (the tie goes to the id).
    assert [(h["actor"], h["claims"]) for h in view["central_actors"]] == [("isis", 20), ("sdf", 8), ("al-hasakah", 7)]
    assert view["contested"] == [{"subject": "isis", "predicate": "escapes-from", "object": "sina-prison",
                                  "for": 2, "against": 1}]  # c24 and c33 against c41
    table = run("overview")
    assert table.returncode == 0 and "most connected actors" in table.stdout and "escapes-from" in table.stdout


def test_timeline_places_claims_by_their_date_else_the_publication_day(seeded: Path) -> None:
    days = ok_json("timeline", "--by", "day", "--to", "2022-01-31")
    # c1 is dated "2022-01" (its first day); 23 asserted claims start 2022-01-20; the 16 undated ones
    # (c3 c4 c5 c8 c9 c10 c13 c18 c23 c28 c31 c36-c40) take the publication day, 2022-01-21.
    assert [(p["period"], p["claims"]) for p in days["periods"]] == [
        ("2022-01-01", 1), ("2022-01-20", 23), ("2022-01-21", 16)]
    assert days["periods"][2]["groups"]["located in"] == 9  # c3 c4 c8 c9 c13 c36 c37 c38 c39
    months = ok_json("timeline", "--all")
    # Every polarity: the seed's 41 in January, the fixture's 3 claims on its publication day in February.
    assert [(p["period"], p["claims"]) for p in months["periods"]] == [("2022-01-01", 41), ("2022-02-01", 3)]
    types = ok_json("timeline", "--stack", "actor type", "--from", "2022-02")
    assert types["periods"] == [{"period": "2022-02-01", "claims": 3, "groups": {"Collective": 2, "ArmedGroup": 1}}]
    bad = run("timeline", "--by", "year")
    assert bad.returncode == 2 and "'year' is not one of 'day', 'week', 'month'" in bad.stderr


def test_rank_sorts_by_the_chosen_measure(seeded: Path) -> None:
    ranked = ok_json("rank", "--measure", "degree", "--limit", "3", "--to", "2022-01-31")
    # Distinct neighbours: al-hasakah 7 (sina-prison, syria, ghwayran, four districts), isis 7
    # (iraq, sina-prison, iran-backed-militias, iraqi-security-forces, iraqi-government, sdf, the
    # coalition), sdf 5 (coalition, sina-prison, isis, hat-forces, farhad-shami).
    assert [(r["rank"], r["actor"], r["degree"], r["claims"]) for r in ranked] == [
        (1, "al-hasakah", 7, 7), (2, "isis", 7, 20), (3, "sdf", 5, 8)]
    by_claims = ok_json("rank", "--measure", "claims", "--limit", "1")
    assert (by_claims[0]["actor"], by_claims[0]["claims"]) == ("isis", 21)  # + the fixture's c1 (attacks isis)


def test_read_marks_every_mention_and_lists_the_claims(seeded: Path) -> None:
    article = ok_json("read", "review-flagged")
    assert article["marked_text"] == (f"هاجم [لواء الصقور الجديد]{{{FLAGGED_ID}}} مواقع [داعش]{{isis}} قرب الحسكة. "
                                      f"وقالت [قسد]{{sdf}} إن [لواء الصقور الجديد]{{{FLAGGED_ID}}} يدعمها.")
    assert [c["id"] for c in article["claims"]] == ["review-flagged#c1", "review-flagged#c2", "review-flagged#c3"]
    table = run("read", "review-flagged")
    assert table.returncode == 0 and "[داعش]{isis}" in table.stdout and "4 mentions, 3 claims" in table.stdout
    missing = run("read", "no-such-article")
    assert (missing.returncode, missing.stderr) == (
        1, "error: ARTICLE_ID: no article 'no-such-article' in the store "
           "(list them with `actorgraph triples --json` or ingest the file)\n")


def test_explorer_command_serves_the_installed_page(seeded: Path) -> None:
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "actorgraph.cli.main", "explorer", "--port", str(port),
                                "--no-browser"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               start_new_session=True)
    try:
        wait_healthy(f"http://127.0.0.1:{port}", process, timeout=120)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
