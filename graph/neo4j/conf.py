"""``home/conf/neo4j.conf`` of the local server: written by every fresh start, read for its ports.

Why: the server runs from Maven jars with our own configuration, so this file is the whole of
what makes it safe and small: loopback only, authentication on, every folder under ``home``,
short transaction-log rotation, and memory sized to the machine (:mod:`.memory`). It is rewritten
on each start so a port or memory change takes effect; hand edits are overwritten (say so at the
top of the file).
"""
from __future__ import annotations

from pathlib import Path

from actorgraph.graph.neo4j.memory import MemorySettings, format_size

CONF_NAME = "neo4j.conf"


def conf_path(home: Path) -> Path:
    return home / "conf" / CONF_NAME


def server_settings(home: Path, bolt_port: int, http_port: int, memory: MemorySettings) -> dict[str, str]:
    """Every setting the conf carries, in the order written."""
    return {
        "server.default_listen_address": "127.0.0.1",
        "server.default_advertised_address": "127.0.0.1",
        "server.bolt.enabled": "true",
        "server.bolt.listen_address": f"127.0.0.1:{bolt_port}",
        "server.bolt.advertised_address": f"127.0.0.1:{bolt_port}",
        "server.http.enabled": "true",
        "server.http.listen_address": f"127.0.0.1:{http_port}",
        "server.http.advertised_address": f"127.0.0.1:{http_port}",
        "server.https.enabled": "false",
        "dbms.security.auth_enabled": "true",
        "server.directories.data": str(home / "data"),
        "server.directories.logs": str(home / "logs"),
        "server.directories.run": str(home / "run"),
        "server.directories.import": str(home / "import"),
        "server.directories.plugins": str(home / "plugins"),
        "server.directories.transaction.logs.root": str(home / "data" / "transactions"),
        # The heap is given to the JVM on its command line (we launch it ourselves); these two
        # lines record it for anyone reading the conf and for neo4j-admin's own checks.
        "server.memory.heap.initial_size": format_size(memory.heap),
        "server.memory.heap.max_size": format_size(memory.heap),
        "server.memory.pagecache.size": format_size(memory.pagecache),
        "dbms.memory.transaction.total.max": format_size(memory.transaction_total),
        # Transaction logs are preallocated to the rotation size (256 MiB by default,
        # per database: 0.5 GB for an empty server); 32 MiB keeps a fresh home small.
        "db.tx_log.rotation.size": "32M",
        "db.tx_log.rotation.retention_policy": "1 days",
        "dbms.usage_report.enabled": "false",
        # Neo4j Browser: no telemetry calls (the machines are offline, and it is nobody's business).
        "client.allow_telemetry": "false",
        # Bolt's Netty shutdown waits 2 x 5 s by default even with no client; for a
        # local, single-user server 1 s each is plenty and makes stop() ~4x faster.
        # (Internal settings, checked against the pinned 5.26 line.)
        "internal.dbms.bolt.netty_server_shutdown_quiet_period": "1",  # seconds, an int
        "internal.server.bolt.connection_shutdown_wait_time": "1s",
    }


def write_conf(home: Path, bolt_port: int, http_port: int, memory: MemorySettings) -> Path:
    """Write ``home/conf/neo4j.conf`` and return its path."""
    lines = ["# Written by actorgraph (graph/neo4j/conf.py) on every `neo4j start`: edits are overwritten.",
             "# Memory: set ACTORGRAPH_NEO4J_HEAP, ACTORGRAPH_NEO4J_PAGECACHE, ACTORGRAPH_NEO4J_TX_MEMORY instead."]
    lines += [f"{key}={value}" for key, value in server_settings(home, bolt_port, http_port, memory).items()]
    path = conf_path(home)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def read_conf(home: Path) -> dict[str, str]:
    """The ``key=value`` lines of ``home/conf/neo4j.conf`` ({} when there is none)."""
    try:
        text = conf_path(home).read_text(encoding="utf-8")
    except OSError:
        return {}
    settings = {}
    for line in text.splitlines():
        key, sep, value = line.partition("=")
        if sep and not key.lstrip().startswith("#"):
            settings[key.strip()] = value.strip()
    return settings


def _port(settings: dict[str, str], key: str) -> int | None:
    port = settings.get(key, "").rsplit(":", 1)[-1]
    return int(port) if port.isdigit() else None


def conf_ports(home: Path) -> tuple[int | None, int | None]:
    """Bolt and HTTP ports recorded in ``home/conf/neo4j.conf``."""
    settings = read_conf(home)
    return _port(settings, "server.bolt.listen_address"), _port(settings, "server.http.listen_address")


def configured_ports(home: Path) -> tuple[int | None, int | None]:
    """Bolt and HTTP ports of the server of ``home`` (to restart it where it was)."""
    return conf_ports(Path(home).expanduser().resolve())
