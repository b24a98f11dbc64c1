"""Real concurrent `actorgraph` processes against one ActorGraph home, for the locking tests and the
race measurement in bench/race.py: small synthetic corpora split into disjoint folders, processes
started together, and what the store holds afterwards."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make_split_corpus(out: Path, articles: int = 40, parts: int = 2) -> tuple[Path, list[Path]]:
    """A synthetic corpus (bench/make_corpus.py) split into `parts` folders with disjoint article
    ids; returns (gazetteer file, folders)."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from make_corpus import write_corpus
    finally:
        sys.path.remove(str(ROOT / "bench"))
    folder = write_corpus(out, articles, actor_count=60, relations=5)
    folders = [out / f"part{i}" for i in range(parts)]
    for index, path in enumerate(sorted(folder.glob("*.json"))):
        target = folders[index % parts]
        target.mkdir(exist_ok=True)
        shutil.move(str(path), target / path.name)
    return out / "actors.yaml", folders


def cli_env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "ACTORGRAPH_"))}
    env.pop("PYTHONPATH", None)  # `python -m` puts the cwd first: the checkout given as cwd runs
    env.update(ACTORGRAPH_HOME=str(home), **extra)
    return env


def start_cli(args: list[str], env: dict[str, str], cwd: Path = ROOT) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "actorgraph.cli.main", *args], cwd=cwd, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def run_cli(args: list[str], env: dict[str, str], cwd: Path = ROOT,
            timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "actorgraph.cli.main", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=timeout)


def stored_article_ids(home: Path, cwd: Path = ROOT) -> set[str]:
    """Article ids in the home's store, read by a fresh process (`triples --format json`)."""
    done = run_cli(["triples", "--all", "--format", "json"], cli_env(home), cwd=cwd)
    assert done.returncode == 0, done.stderr
    return {row["article_id"] for row in json.loads(done.stdout)}


@dataclass
class RaceResult:
    codes: list[int]
    stderr: list[str]
    articles: set[str]


def race_ingests(home: Path, gazetteer: Path, folders: list[Path], cwd: Path = ROOT,
                 timeout: float = 120, **env: str) -> RaceResult:
    """Start one `actorgraph ingest` per folder at the same moment; wait for all; read the store."""
    environment = cli_env(home, **env)
    processes = [start_cli(["ingest", "--json", "--gazetteer", str(gazetteer), str(folder)], environment, cwd)
                 for folder in folders]
    outputs = [p.communicate(timeout=timeout) for p in processes]
    return RaceResult([p.returncode for p in processes], [err for _out, err in outputs],
                      stored_article_ids(home, cwd))
