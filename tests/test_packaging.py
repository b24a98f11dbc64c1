"""The wheel works without the repository: built, installed into a fresh environment, run elsewhere.

`pip install .` (not editable) must give an `actorgraph` that finds its reference data (schema,
vocabulary, gazetteer, dictionaries, triggers, ontology, shapes) inside the package. The test
builds the wheel from a copy of the sources (so no `build/` lands in the checkout), unpacks it
into a venv created without pip, and lends that venv the current one's dependencies through a
`.pth` path line (a plain path line runs no editable finder, so the checkout cannot leak in);
then runs ingest and stats from a scratch folder and checks where the modules came from.
No network: nothing is downloaded.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED_DIR

pytestmark = pytest.mark.packaging
SOURCES = ("actorgraph", "graph", "ingest", "cli", "explorer", "data")


def _build_wheel(work: Path) -> Path:
    source = work / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "articles")
    for name in SOURCES:
        shutil.copytree(ROOT / name, source / name, symlinks=True, ignore=ignore)
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                           "-q", "-w", str(work / "dist"), str(source)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    [wheel] = (work / "dist").glob("actorgraph-*.whl")
    return wheel


def _fresh_venv(work: Path, wheel: Path) -> tuple[Path, Path]:
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    (site / "borrowed-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return python, site


def test_the_installed_wheel_ingests_and_counts_from_any_folder(tmp_path: Path) -> None:
    python, site = _fresh_venv(tmp_path, _build_wheel(tmp_path))
    scratch = tmp_path / "elsewhere"
    scratch.mkdir()
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "ACTORGRAPH_HOME": str(tmp_path / "home"),
           "HOME": str(tmp_path), "COLUMNS": "200"}

    def cli(*args: str) -> dict:
        done = subprocess.run([str(python), "-m", "actorgraph.cli.main", *args, "--json"], cwd=scratch, env=env,
                              capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    where = subprocess.run([str(python), "-c", "import actorgraph.cli.main, actorgraph.graph.config as c, "
                            "actorgraph.explorer as e; print(c.__file__); print(c.DATA_DIR); print(e.__file__)"],
                           cwd=scratch, env=env, capture_output=True, text=True, check=True).stdout.split()
    assert all(Path(p).is_relative_to(site / "actorgraph") for p in where), where
    assert (Path(where[1]) / "schema" / "article.schema.json").is_file()

    # Counted from the corpus files themselves: one native article per JSON file, its `claims` list.
    files = sorted(SEED_DIR.glob("*.json"))
    claims = sum(len(json.loads(f.read_text(encoding="utf-8"))["claims"]) for f in files)
    ingested = cli("ingest", str(SEED_DIR))
    assert (ingested["files"], ingested["articles"], ingested["claims"], ingested["errors"]) == (
        len(files), len(files), claims, 0)
    assert len(files) > 20  # the shipped corpus was found, not an empty folder
    stats = cli("stats")
    assert (stats["articles"], stats["claims"]) == (len(files), claims)
    assert cli("actors", "وداعش")[0]["id"] == "isis"  # the shipped gazetteer and name rules were found
