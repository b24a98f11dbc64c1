"""Every Cypher statement reaches the Neo4j driver as a `LiteralString`, and pyright enforces it.

The driver types a statement as `LiteralString`; the store's helpers (`Neo4jStore._read`,
`writer.run_batched`) keep that type, so a statement formatted with data (an f-string, `+` with a
name) is a type error that `make lint` fails on. These tests run pyright on two small files to show
that this stays true: a breach is reported, and the same lookup written with a `queries.py`
constant and a parameter is not (so the breach is caught for the right reason).
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PYRIGHT = Path(sys.executable).parent / "pyright"

BREACH = '''
from actorgraph.graph.neo4j.store import Neo4jStore
from actorgraph.graph.neo4j.writer import run_batched
from neo4j import ManagedTransaction


def by_name(store: Neo4jStore, name: str) -> None:
    store._read(f"MATCH (a:Actor) WHERE a.name_en = '{name}' RETURN a {{.*}} AS actor")


def write(tx: ManagedTransaction, label: str) -> None:
    run_batched(tx, "UNWIND $rows AS row CREATE (n:" + label + ") SET n = row", [], 100)
'''

SAFE = '''
from actorgraph.graph.neo4j import queries as q
from actorgraph.graph.neo4j.store import Neo4jStore
from actorgraph.graph.neo4j.writer import run_batched
from actorgraph.graph.vocabulary import default_vocabulary
from neo4j import ManagedTransaction


def by_id(store: Neo4jStore, actor_id: str) -> None:
    store._read(q.ACTORS_BY_ID, ids=[actor_id])


def write(tx: ManagedTransaction) -> None:
    run_batched(tx, q.apply_edge_deltas_query(q.edge_types(default_vocabulary())), [], 100)
'''


def _pyright_or_skip() -> list[str]:
    command = [str(PYRIGHT)] if PYRIGHT.exists() else [shutil.which("pyright") or "pyright"]
    try:
        subprocess.run([*command, "--version"], capture_output=True, text=True, timeout=300, check=True)
    except (OSError, subprocess.SubprocessError) as exc:
        pytest.skip(f"pyright cannot run here ({type(exc).__name__}; it needs Node.js): `pip install pyright`")
    return command


def _errors(tmp_path: Path, source: str) -> list[dict]:
    """pyright's errors for `source`, checked with the project's settings and this interpreter."""
    probe = tmp_path / "probe.py"
    probe.write_text(source, encoding="utf-8")
    done = subprocess.run([*_pyright_or_skip(), "--outputjson", "--pythonpath", sys.executable,
                           "--project", str(ROOT / "pyproject.toml"), str(probe)],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    report = json.loads(done.stdout)
    return [d for d in report["generalDiagnostics"] if d["severity"] == "error"]


def test_pyright_reports_cypher_built_from_data(tmp_path: Path) -> None:
    errors = _errors(tmp_path, BREACH)
    lines = sorted((e["range"]["start"]["line"] + 1, e["rule"]) for e in errors)
    # line 8: the f-string to the store's read helper; line 12: `+` with a label to the batch writer
    assert lines == [(8, "reportArgumentType"), (12, "reportArgumentType")]
    assert all('"LiteralString"' in e["message"] for e in errors)


def test_pyright_accepts_the_queries_module_and_parameters(tmp_path: Path) -> None:
    assert _errors(tmp_path, SAFE) == []
