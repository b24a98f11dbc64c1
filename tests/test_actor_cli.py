"""`actorgraph actors ...` as a user runs it: search, review, merge, split, alias, and `show`."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, SEED_ARTICLE
from tests.test_resolution import homonym_article

GAZETTEER = ROOT / "data" / "actors.yaml"


@pytest.fixture
def gazetteer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the shipped gazetteer that ingest reads and the repair commands edit."""
    copy = tmp_path / "actors.yaml"
    shutil.copy(GAZETTEER, copy)
    monkeypatch.setenv("ACTORGRAPH_GAZETTEER", str(copy))
    return copy


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "actorgraph.cli.main", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env={**os.environ, "COLUMNS": "300"})


def ok_json(*args: str):
    result = run(*args, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_actors_lists_searches_and_has_subcommands(gazetteer: Path) -> None:
    assert run("ingest", str(SEED_ARTICLE)).returncode == 0
    everyone = ok_json("actors", "--limit", "500")
    assert [a["id"] for a in everyone] == sorted(yaml.safe_load(gazetteer.read_text(encoding="utf-8"))["actors"])
    assert ok_json("actors", "وداعش")[0]["id"] == "isis"
    assert [a["id"] for a in ok_json("actors", "--limit", "1", "S.D.F.")] == ["sdf"]
    assert ok_json("actors", "search", "the Coalition")[0]["id"] == "international-coalition"
    assert ok_json("actors", "unresolved") == []


def test_unresolved_lists_ambiguous_names_with_their_candidates(gazetteer: Path, tmp_path: Path) -> None:
    path = tmp_path / "homonyms.json"
    path.write_text(json.dumps(homonym_article(), ensure_ascii=False), encoding="utf-8")
    assert run("ingest", str(path)).returncode == 0
    [flagged] = ok_json("actors", "unresolved")
    assert flagged["name"] == "محمد علي"
    assert [c["id"] for c in flagged["candidates"]] == ["mohammed-ali-a", "mohammed-ali-b"]
    assert flagged["note"].startswith("ambiguous name: matches mohammed-ali-a, mohammed-ali-b")
    assert [(m["article"], m["text"], m["resolution"]) for m in flagged["mentions"]] == [
        ("homonyms", "محمد علي", "new")]
    table = run("actors", "unresolved")
    assert "mohammed-ali-a, mohammed-ali-b" in table.stdout


def test_merge_then_split_round_trips_store_gazetteer_and_log(gazetteer: Path, isolated_home: Path) -> None:
    original_text = gazetteer.read_text(encoding="utf-8")
    assert run("ingest", str(SEED_ARTICLE)).returncode == 0
    before = ok_json("triples", "--all")
    merged = ok_json("actors", "merge", "sdf", "hat-forces")
    assert (merged["keep"], merged["drop"], merged["claims"], merged["mentions"]) == ("sdf", "hat-forces", 1, 2)
    after = ok_json("triples", "--all")
    assert len(after) == len(before) == 41
    assert not any("hat-forces" in (c["subject"], c["object"]) for c in after)
    data = yaml.safe_load(gazetteer.read_text(encoding="utf-8"))
    assert "hat-forces" not in data["actors"] and data["merged"] == {"hat-forces": "sdf"}
    assert "HAT" in data["actors"]["sdf"]["aliases"]
    assert "# ActorGraph actor gazetteer" in gazetteer.read_text(encoding="utf-8")  # comments kept
    assert run("ingest", str(SEED_ARTICLE)).returncode == 0  # the seed still names hat-forces: it reads as sdf
    assert ok_json("triples", "--all") == after
    assert ok_json("show", "HAT")["actor"]["id"] == "sdf"
    log = (isolated_home / "merges.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["op"] for line in log] == ["merge"]

    split = ok_json("actors", "split", "hat-forces")
    assert split["action"] == "split"
    assert ok_json("triples", "--all") == before
    assert gazetteer.read_text(encoding="utf-8") == original_text
    assert ok_json("show", "hat-forces")["actor"]["id"] == "hat-forces"
    undo = run("actors", "unmerge", "hat-forces")
    assert undo.returncode == 1 and "no merge of 'hat-forces' to undo" in undo.stderr


def test_merge_refuses_to_drop_a_gazetteer_actor_into_an_ingest_one(gazetteer: Path, tmp_path: Path) -> None:
    path = tmp_path / "homonyms.json"
    path.write_text(json.dumps(homonym_article(), ensure_ascii=False), encoding="utf-8")
    assert run("ingest", str(SEED_ARTICLE), str(path)).returncode == 0
    [flagged] = ok_json("actors", "unresolved")
    refused = run("actors", "merge", flagged["id"], "sdf")
    assert refused.returncode == 1
    assert refused.stderr.strip() == (f"error: {gazetteer}:actors.{flagged['id']}: KEEP is not in the gazetteer "
                                      f"(keep the gazetteer actor: `actors merge sdf {flagged['id']}`)")
    unknown = run("actors", "merge", "sdf", "nobody")
    assert unknown.returncode == 1 and unknown.stderr.startswith("error: DROP: no actor with id 'nobody'")
    merged = ok_json("actors", "merge", "mohammed-ali-a", flagged["id"])
    assert merged["mentions"] == 1 and merged["gazetteer"] is None
    assert ok_json("actors", "unresolved") == []


def test_alias_updates_store_and_gazetteer(gazetteer: Path) -> None:
    assert run("ingest", str(SEED_ARTICLE)).returncode == 0
    assert all(a["id"] != "isis" for a in ok_json("actors", "دولة الخلافة المزعومة"))
    added = ok_json("actors", "alias", "isis", "دولة الخلافة المزعومة")
    assert added["aliases"][-1] == "دولة الخلافة المزعومة"
    assert ok_json("actors", "دولة الخلافة المزعومة")[0]["id"] == "isis"
    data = yaml.safe_load(gazetteer.read_text(encoding="utf-8"))
    assert data["actors"]["isis"]["aliases"][-1] == "دولة الخلافة المزعومة"


def test_show_prints_roles_and_how_each_mention_resolved(gazetteer: Path, tmp_path: Path) -> None:
    data = json.loads((SEED_ARTICLE).read_text(encoding="utf-8"))
    for mention in data["mentions"]:
        if mention["actor"] == "sdf":
            del mention["actor"]
    path = tmp_path / "seed.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert run("ingest", str(path)).returncode == 0
    shown = ok_json("show", "sdf")
    assert sorted({(m["span"]["text"], m["resolution"]) for m in shown["mentions"]}) == [
        ("الميليشيا", "anaphora"), ("قسد", "exact-alias"), ("ميليشيا قسد", "exact-alias")]
    table = run("show", "farhad-shami").stdout
    assert "role: spokesperson-of Syrian Democratic Forces (SDF) from ? to now" in table
    assert "explicit" in table
