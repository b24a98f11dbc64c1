"""Where ActorGraph keeps its files and which servers it talks to, read from the environment at
call time (never at import).

Configuration is input too: a malformed value is refused with one line that names the variable,
says what is wrong and gives an example (`ConfigError`), instead of a traceback or an `[Errno 17]`
three calls later.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from actorgraph.graph.errors import ConfigError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
BACKENDS = ("embedded", "neo4j")
#: URI schemes the Neo4j driver accepts for a server (bolt: one server; neo4j: routing).
NEO4J_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
#: Neo4j's rule for database names: 3-63 characters, a letter first, then letters, digits, '.', '-'.
_DATABASE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9.\-]{2,62}")


def setting_error(name: str, value: str, problem: str, example: str) -> ConfigError:
    """The one-line error of a malformed setting: `NAME='value': problem (e.g. NAME=example)`."""
    return ConfigError(f"{name}={value!r}: {problem} (e.g. {name}={example})")


def folder_setting(name: str, example: str) -> Path | None:
    """The folder named by environment variable `name` (None when unset or empty).

    Refused when it, or the nearest part of it that exists, is not a folder: every later mkdir
    or open under it would fail with an errno that does not say which setting is wrong.
    """
    raw = os.environ.get(name)
    if not raw or not raw.strip():
        return None
    path = Path(raw).expanduser()
    existing = next((p for p in (path, *path.parents) if p.exists()), None)
    if existing is not None and not existing.is_dir():
        where = "is a file" if existing == path else f"is inside {existing}, which is a file"
        raise setting_error(name, raw, f"{where}, not a folder", example)
    return path


def data_home() -> Path:
    """The data directory: `$ACTORGRAPH_HOME`, else `$XDG_DATA_HOME/actorgraph`, else
    `~/.local/share/actorgraph`."""
    home = folder_setting("ACTORGRAPH_HOME", "~/.local/share/actorgraph")
    if home is not None:
        return home
    xdg = folder_setting("XDG_DATA_HOME", "~/.local/share")
    return (xdg or Path.home() / ".local" / "share") / "actorgraph"


def cache_home() -> Path:
    """Download cache (the Neo4j distribution): `$ACTORGRAPH_CACHE`, else `~/.cache/actorgraph`."""
    return folder_setting("ACTORGRAPH_CACHE", "~/.cache/actorgraph") or Path.home() / ".cache" / "actorgraph"


def gazetteer_path() -> Path:
    """The gazetteer that ingest reads and `actors merge/alias/split` edit:
    `$ACTORGRAPH_GAZETTEER`, else the shipped `data/actors.yaml`."""
    raw = os.environ.get("ACTORGRAPH_GAZETTEER")
    if not raw or not raw.strip():
        return DATA_DIR / "actors.yaml"
    path = Path(raw).expanduser()
    if not path.is_file():
        problem = "is a folder, not a gazetteer file" if path.is_dir() else "no such file"
        raise setting_error("ACTORGRAPH_GAZETTEER", raw, problem, "~/actorgraph/actors.yaml")
    return path


STORE_FILE_NAME = "graph.msgpack"
# Versions before 0.2 called the same MessagePack file `graph.pickle` (it never held a pickle).
LEGACY_STORE_FILE_NAME = "graph.pickle"


def embedded_store_path() -> Path:
    """The single file that holds the embedded store (MessagePack): `graph.msgpack` in the data home.

    A store written under its old name, `graph.pickle`, is renamed on first use (one atomic
    rename in the same folder), so upgrading loses nothing and no two files can drift apart."""
    home = data_home()
    path, legacy = home / STORE_FILE_NAME, home / LEGACY_STORE_FILE_NAME
    if legacy.is_file() and not path.exists():
        try:
            os.replace(legacy, path)
        except OSError:
            return legacy  # read-only data home: keep using the file where it is
    return path


def backend_from_env() -> str:
    """`$ACTORGRAPH_BACKEND`: 'embedded' (default) or 'neo4j'; anything else is refused, not ignored."""
    raw = os.environ.get("ACTORGRAPH_BACKEND", "")
    value = raw.strip().lower() or "embedded"
    if value not in BACKENDS:
        raise setting_error("ACTORGRAPH_BACKEND", raw, f"not a backend (use {' or '.join(BACKENDS)})", "neo4j")
    return value


@dataclass(frozen=True)
class Neo4jSettings:
    """How to reach a Neo4j server. The password is never part of repr()."""

    uri: str
    user: str
    password: str
    database: str | None = None

    def __repr__(self) -> str:
        return f"Neo4jSettings(uri={self.uri!r}, user={self.user!r}, database={self.database!r})"


def check_neo4j_uri(uri: str, name: str = "NEO4J_URI") -> str:
    """`uri` when the driver can use it; else a ConfigError instead of the driver's traceback."""
    try:
        parts = urlsplit(uri.strip())
        port = parts.port
    except ValueError as exc:
        raise setting_error(name, uri, f"not a URI ({exc})", "bolt://localhost:7687") from None
    if parts.scheme.lower() not in NEO4J_SCHEMES:
        raise setting_error(name, uri, f"the scheme must be one of {', '.join(NEO4J_SCHEMES)}", "bolt://localhost:7687")
    if not parts.hostname:
        raise setting_error(name, uri, "no host name", "bolt://localhost:7687")
    if port == 0:
        raise setting_error(name, uri, "port 0 is not a port", "bolt://localhost:7687")
    return uri.strip()


def neo4j_settings_from_env() -> Neo4jSettings | None:
    """Settings from NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD / NEO4J_DATABASE, or None when unset."""
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        return None
    user = os.environ.get("NEO4J_USER", "neo4j")
    if not user.strip():
        raise setting_error("NEO4J_USER", user, "empty user name", "neo4j")
    database = os.environ.get("NEO4J_DATABASE") or None
    if database is not None and not _DATABASE_NAME.fullmatch(database):
        raise setting_error("NEO4J_DATABASE", database, "not a Neo4j database name (3-63 letters, digits, '.' or"
                            " '-', starting with a letter)", "neo4j")
    return Neo4jSettings(uri=check_neo4j_uri(uri), user=user, password=os.environ.get("NEO4J_PASSWORD", ""),
                         database=database)


#: Seconds a Neo4j read may run before the server stops it, unless ACTORGRAPH_NEO4J_READ_TIMEOUT says otherwise.
DEFAULT_READ_TIMEOUT = 60.0


def neo4j_read_timeout() -> float:
    """ACTORGRAPH_NEO4J_READ_TIMEOUT (seconds, > 0), else `DEFAULT_READ_TIMEOUT`: every store read
    runs under it, so a runaway query (a depth-3 ego network of a hub under a wide filter) ends
    with one clear line instead of holding the server and the page."""
    raw = os.environ.get("ACTORGRAPH_NEO4J_READ_TIMEOUT", "").strip()
    if not raw:
        return DEFAULT_READ_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        value = 0.0
    if not value > 0 or value == float("inf"):
        raise setting_error("ACTORGRAPH_NEO4J_READ_TIMEOUT", raw, "not a positive number of seconds", "60")
    return value
