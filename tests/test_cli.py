"""The CLI as a user runs it: a real subprocess, real files, exit codes and stderr lines."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.articles import small_article
from tests.conftest import ROOT, SEED_ARTICLE


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "actorgraph.cli.main", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def test_ingest_then_triples_tsv_prints_the_seed() -> None:
    ingested = run("ingest", str(SEED_ARTICLE), "--json")
    assert ingested.returncode == 0, ingested.stderr
    summary = json.loads(ingested.stdout)
    assert summary["articles"] == 1 and summary["errors"] == 0
    out = run("triples", "--format", "tsv")
    assert out.returncode == 0
    rows = [line.split("\t") for line in out.stdout.splitlines()]
    assert rows[0] == ["subject", "predicate", "object", "article", "polarity", "claim"]
    body = {tuple(r[:4]) for r in rows[1:]}
    assert ("iraq", "accuses", "isis", "orient-2022-01-hasakah-prison") in body
    assert ("sdf", "supported-by", "international-coalition", "orient-2022-01-hasakah-prison") in body


def test_bad_file_gives_one_line_and_non_zero_exit(tmp_path: Path) -> None:
    good = small_article("good")
    bad = small_article("bad")
    bad["claims"][0]["object"] = "nobody"
    (tmp_path / "good.json").write_text(json.dumps(good, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "bad.json").write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    result = run("ingest", str(tmp_path), "--json")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"error: {tmp_path / 'bad.json'}:$.claims[0].object: unknown actor 'nobody' "
        "(use a gazetteer id (data/actors.yaml), an inline actor id or @mention)"]
    assert json.loads(result.stdout)["articles"] == 1
    assert "Traceback" not in result.stderr


def test_links_show_and_stats() -> None:
    assert run("ingest", str(SEED_ARTICLE)).returncode == 0
    links = json.loads(run("links", "supports", "--object", "قسد", "--json").stdout)
    assert [(l["subject"], l["object"]) for l in links] == [("international-coalition", "sdf")]
    stats = json.loads(run("stats", "--json").stdout)
    assert stats["articles"] == 1 and stats["denied"] == 1
    shown = run("show", "SDF", "--json")
    assert json.loads(shown.stdout)["actor"]["id"] == "sdf"
    missing = run("show", "nobody-at-all")
    assert missing.returncode == 1 and missing.stderr.startswith("error: actor: no actor matches")
