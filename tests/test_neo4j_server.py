"""End-to-end test of graph/neo4j/server.py against a real Neo4j Community server.

It downloads the Neo4j jars from Maven Central on first use (cached in
$ACTORGRAPH_CACHE or ~/.cache/actorgraph, ~125 MB) and runs one JVM on free
loopback ports in a temporary home, which is always stopped at the end.
"""

from __future__ import annotations

import os
import shutil
import socket
import stat
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from actorgraph.graph.neo4j import server as ns

pytestmark = pytest.mark.neo4j

_JAVA = shutil.which("java") or (
    os.environ.get("JAVA_HOME") and shutil.which("java", path=f"{os.environ['JAVA_HOME']}/bin")
)
if not _JAVA:
    pytest.skip(
        "Neo4j server test skipped: java not on PATH; install JDK 17+ "
        "(apt-get install openjdk-17-jdk-headless maven) or set JAVA_HOME to enable it",
        allow_module_level=True,
    )

neo4j = pytest.importorskip("neo4j", reason="pip install neo4j to run the Neo4j server test")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _cache_dir() -> Path:
    cache = ns.default_cache_dir()
    if not (cache / f"neo4j-community-{ns.NEO4J_VERSION}" / ".complete").exists():
        if shutil.which("mvn") is None:
            pytest.skip("Neo4j server test skipped: mvn not on PATH and no cached Neo4j jars")
    return cache


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ns.ServerInfo]:
    home = tmp_path_factory.mktemp("neo4j-home")
    bolt, http = _free_port(), _free_port()
    while http == bolt:
        http = _free_port()
    env_pw = os.environ.pop("NEO4J_PASSWORD", None)  # exercise the generated password
    try:
        info = ns.start(home, bolt_port=bolt, http_port=http, cache_dir=_cache_dir(), timeout=180)
        yield info
    finally:
        ns.stop(home)
        if env_pw is not None:
            os.environ["NEO4J_PASSWORD"] = env_pw


def _listeners(port: int) -> list[str]:
    """Local addresses (hex, as in /proc/net/tcp*) of sockets listening on ``port``."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            addr, hex_port = fields[1].split(":")
            if int(hex_port, 16) == port and fields[3] == "0A":  # 0A = LISTEN
                found.append(addr)
    return found


_LOOPBACK = {
    "0100007F",  # 127.0.0.1 in /proc/net/tcp (little-endian)
    "0000000000000000FFFF00000100007F",  # ::ffff:127.0.0.1 in /proc/net/tcp6
    "00000000000000000000000001000000",  # ::1
}


def test_create_and_read_node(server: ns.ServerInfo) -> None:
    assert server.uri.startswith("bolt://127.0.0.1:")
    assert server.user == "neo4j"
    with neo4j.GraphDatabase.driver(server.uri, auth=(server.user, server.password)) as driver:
        driver.execute_query("CREATE (:Actor {name: $name})", name="Ada")
        records, _, _ = driver.execute_query(
            "MATCH (a:Actor {name: $name}) RETURN a.name AS name", name="Ada"
        )
        assert [r["name"] for r in records] == ["Ada"]
        records, _, _ = driver.execute_query("CALL dbms.components() YIELD edition, versions")
        assert records[0]["edition"] == "community"
        assert records[0]["versions"] == [ns.NEO4J_VERSION]


def test_wrong_password_is_rejected(server: ns.ServerInfo) -> None:
    with neo4j.GraphDatabase.driver(server.uri, auth=("neo4j", "not-the-password")) as driver:
        with pytest.raises(neo4j.exceptions.AuthError):
            driver.verify_connectivity()


def test_password_file_is_private_and_not_logged(server: ns.ServerInfo) -> None:
    pw_file = server.home / "password"
    assert stat.S_IMODE(pw_file.stat().st_mode) == 0o600
    assert pw_file.read_text().strip() == server.password
    assert server.password not in repr(server)
    for log in (server.home / "logs").glob("*.log"):
        assert server.password not in log.read_text(errors="replace"), log
    cmdline = Path(f"/proc/{server.pid}/cmdline")
    if cmdline.exists():
        assert server.password.encode() not in cmdline.read_bytes()


def test_listens_on_loopback_only(server: ns.ServerInfo) -> None:
    conf = (server.home / "conf" / "neo4j.conf").read_text()
    assert "server.default_listen_address=127.0.0.1" in conf
    assert "dbms.security.auth_enabled=true" in conf
    bolt_port = int(server.uri.rsplit(":", 1)[1])
    if not Path("/proc/net/tcp").exists():
        pytest.skip("no /proc/net/tcp to inspect listening sockets")
    http_port = int((server.browser_url or "").split(":")[2].split("/")[0])
    for port in (bolt_port, http_port):  # Bolt, and HTTP with Neo4j Browser
        listeners = _listeners(port)
        assert listeners, f"nothing listens on {port}"
        assert set(listeners) <= _LOOPBACK, listeners


def test_default_memory_is_sized_to_the_machine_and_written_to_the_conf(server: ns.ServerInfo) -> None:
    from actorgraph.graph.neo4j.memory import format_size, machine_memory

    assert server.memory is not None
    assert server.memory.heap == min(max(machine_memory() // 8, 512 * 2**20), 8 * 2**30)  # a quarter of half
    conf = (server.home / "conf" / "neo4j.conf").read_text()
    assert f"server.memory.heap.max_size={format_size(server.memory.heap)}\n" in conf
    assert f"server.memory.pagecache.size={format_size(server.memory.pagecache)}\n" in conf
    assert f"dbms.memory.transaction.total.max={format_size(server.memory.heap // 2)}\n" in conf
    args = (Path("/proc") / str(server.pid) / "cmdline").read_bytes().split(b"\0")
    assert f"-Xmx{format_size(server.memory.heap)}".encode() in args


def test_second_start_reuses_running_server(server: ns.ServerInfo) -> None:
    bolt_port = int(server.uri.rsplit(":", 1)[1])
    began = time.monotonic()
    again = ns.start(server.home, bolt_port=bolt_port)
    assert time.monotonic() - began < 5
    assert again.pid == server.pid
    assert again.uri == server.uri
    assert again.password == server.password
    info = ns.status(server.home)
    assert info is not None and info.pid == server.pid


def test_port_in_use_is_a_clear_error(tmp_path: Path) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        with pytest.raises(ns.Neo4jServerError, match=f"port {port} .* already in use"):
            ns.start(tmp_path / "home", bolt_port=port, http_port=_free_port())
    assert ns.status(tmp_path / "home") is None


def test_stop_leaves_no_process(server: ns.ServerInfo) -> None:
    # Runs last in this module (file order): stops the shared server and checks it is gone.
    assert ns.stop(server.home) is True
    assert ns.status(server.home) is None
    assert not Path(f"/proc/{server.pid}").exists() or not ns._is_our_server(server.pid, server.home)
    assert not (server.home / "run" / "neo4j.pid").exists()
    assert ns.stop(server.home) is False


def test_a_generated_password_is_never_read_as_an_option() -> None:
    """token_urlsafe starts with "-" one time in 64: neo4j-admin then failed with "Missing <password>"."""
    assert not [p for p in (ns.new_password() for _ in range(5000)) if p.startswith("-")]
