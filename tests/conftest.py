"""Shared fixtures: an isolated ACTORGRAPH_HOME per test, and the project root on sys.path."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SEED_DIR = ROOT / "data" / "articles"
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data directory, so no test sees another's store."""
    home = tmp_path / "home"
    monkeypatch.setenv("ACTORGRAPH_HOME", str(home))
    monkeypatch.delenv("ACTORGRAPH_BACKEND", raising=False)
    return home
