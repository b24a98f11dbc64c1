"""Where ActorGraph keeps its files, read from the environment at call time (never at import)."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"


def data_home() -> Path:
    """The data directory: `$ACTORGRAPH_HOME`, else `~/.local/share/actorgraph`."""
    env = os.environ.get("ACTORGRAPH_HOME")
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".local" / "share"
    return base / "actorgraph"


def cache_home() -> Path:
    """Download cache (the Neo4j distribution): `$ACTORGRAPH_CACHE`, else `~/.cache/actorgraph`."""
    env = os.environ.get("ACTORGRAPH_CACHE")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "actorgraph"


def gazetteer_path() -> Path:
    """The gazetteer that ingest reads and `actors merge/alias/split` edit:
    `$ACTORGRAPH_GAZETTEER`, else the shipped `data/actors.yaml`."""
    env = os.environ.get("ACTORGRAPH_GAZETTEER")
    return Path(env).expanduser() if env else DATA_DIR / "actors.yaml"


def embedded_store_path() -> Path:
    """The single file that holds the embedded store."""
    return data_home() / "graph.pickle"


@dataclass(frozen=True)
class Neo4jSettings:
    """How to reach a Neo4j server. The password is never part of repr()."""

    uri: str
    user: str
    password: str
    database: str | None = None

    def __repr__(self) -> str:
        return f"Neo4jSettings(uri={self.uri!r}, user={self.user!r}, database={self.database!r})"


def neo4j_settings_from_env() -> Neo4jSettings | None:
    """Settings from NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD / NEO4J_DATABASE, or None when unset."""
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        return None
    return Neo4jSettings(
        uri=uri,
        user=os.environ.get("NEO4J_USER", "neo4j"),
        password=os.environ.get("NEO4J_PASSWORD", ""),
        database=os.environ.get("NEO4J_DATABASE") or None,
    )
