"""Run a real, local Neo4j Community 5.26 LTS server (with Neo4j Browser) without Docker or a download site.

Why this module exists
----------------------
ActorGraph stores its knowledge graph in Neo4j, but the machines it runs on reach only package
registries. The server is assembled from Maven Central's jars (:mod:`.distribution`), configured
by our own ``neo4j.conf`` (:mod:`.conf`, memory sized by :mod:`.memory`), and :func:`start` runs
the very same entry point the official ``bin/neo4j`` script runs. This module is the life cycle:
start (or reuse), wait until Bolt answers, status, stop.

Layout
------
``cache_dir/neo4j-community-<version>/lib``  the server's jars
``cache_dir/neo4j-browser-<version>/lib``    Neo4j Browser, served at http://127.0.0.1:<http>/browser/
``home/conf/neo4j.conf``                   written by :func:`start` on every start
``home/data  home/logs  home/run  home/import  home/plugins``
``home/run/neo4j.pid``                     pid of the detached JVM
``home/password``                          generated password, mode 0600 (:mod:`.credentials`)

Security: the server (Bolt and the Browser's HTTP) listens on 127.0.0.1 only, authentication is
on, and the password is never logged nor put on a command line.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import socket
import subprocess
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path

from actorgraph.graph import java_jars
from actorgraph.graph.neo4j.conf import conf_ports, configured_ports, write_conf
from actorgraph.graph.neo4j.credentials import (
    MIN_PASSWORD_LENGTH,
    PASSWORD_FILE,
    USER,
    new_password,
    resolve_password,
    set_initial_password,
    stored_password,
    write_secret,
)
from actorgraph.graph.neo4j.distribution import (
    ADMIN_TOOL,
    BROWSER_VERSION,
    ENTRY_POINT,
    NEO4J_VERSION,
    Neo4jServerError,
    classpath,
    default_cache_dir,
    ensure_browser,
    ensure_distribution,
    find_java,
    serves_browser,
)
from actorgraph.graph.neo4j.memory import MemorySettings, memory_settings

#: Names other modules import from here (the server's public face, whichever module defines them).
__all__ = [
    "ADMIN_TOOL", "BROWSER_VERSION", "MIN_PASSWORD_LENGTH", "NEO4J_VERSION", "USER", "MemorySettings",
    "Neo4jServerError", "ServerInfo", "configured_ports", "default_cache_dir", "ensure_browser",
    "ensure_distribution", "find_java", "new_password", "start", "status", "stop",
]

logger = logging.getLogger(__name__)

_PID_FILE = Path("run") / "neo4j.pid"

# JVM flags the official distribution's neo4j.conf passes (server.jvm.additional),
# minus the ones that only matter for profiling; Neo4j warns or misbehaves
# (Netty direct buffers, page cache) without the --add-opens lines.
_JVM_FLAGS = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
)


@dataclass(frozen=True)
class ServerInfo:
    """How to reach a running server; ``password`` is None when it is not known here."""

    uri: str
    user: str
    password: str | None
    pid: int
    home: Path
    #: http://127.0.0.1:<http port>/browser/ when the server serves Neo4j Browser, else None.
    browser_url: str | None = None
    #: The sizes it was started with (None for a server this process found already running).
    memory: MemorySettings | None = None

    def __repr__(self) -> str:  # keep the password out of logs and tracebacks
        return (
            f"ServerInfo(uri={self.uri!r}, user={self.user!r}, password=***, "
            f"pid={self.pid}, home={str(self.home)!r}, browser_url={self.browser_url!r})"
        )


# --------------------------------------------------------------------------- process helpers


def _pid_path(home: Path) -> Path:
    return home / _PID_FILE


def _read_pid(home: Path) -> int | None:
    try:
        return int(_pid_path(home).read_text().strip())
    except (OSError, ValueError):
        return None


def _is_our_server(pid: int, home: Path) -> bool:
    """True if ``pid`` is alive and is the Neo4j JVM serving ``home``.

    Checking the command line (not just ``kill -0``) guards against a stale pid
    file whose number the kernel has since given to another process.
    """
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # alive, owned by someone else: the cmdline check decides
    proc = Path("/proc") / str(pid)
    if not proc.exists():  # not Linux: trust kill -0
        return True
    try:
        stat = (proc / "stat").read_text()
        if stat.rsplit(")", 1)[1].split()[0] == "Z":
            return False
        args = (proc / "cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    return ENTRY_POINT.encode() in args and f"--home-dir={home}".encode() in args


def _live_pid(home: Path) -> int | None:
    pid = _read_pid(home)
    if pid is not None and _is_our_server(pid, home):
        return pid
    return None


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _tail(path: Path, lines: int = 20) -> str:
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            return "".join(deque(fh, maxlen=lines)).rstrip()
    except OSError:
        return ""


def _log_tail(home: Path) -> str:
    """Last lines of neo4j.log, plus the JVM console (where config errors and
    JVM crashes land, since they happen before Neo4j's own logging starts)."""
    parts = []
    for name in ("neo4j.log", "console.log"):
        text = _tail(home / "logs" / name)
        if text:
            parts.append(f"last 20 lines of {home / 'logs' / name}:\n{text}")
    return "\n".join(parts) if parts else "(no log output)"


def _uri(port: int) -> str:
    return f"bolt://127.0.0.1:{port}"


def browser_url(http_port: int) -> str:
    """Neo4j Browser's address on the local server (loopback only, like the server)."""
    return f"http://127.0.0.1:{http_port}/browser/"


def _command_line(pid: int) -> list[bytes]:
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_bytes().split(b"\0")
    except OSError:
        return []


def _running_browser_url(pid: int, home: Path) -> str | None:
    """The Browser's address if the JVM ``pid`` was started with the Browser jar, else None."""
    _, http = conf_ports(home)
    return browser_url(http) if http and serves_browser(_command_line(pid)) else None


def _fetch_browser(cache_dir: Path) -> Path | None:
    """The Browser's jar folder, or None (with a warning) when it cannot be fetched.

    The Browser is a convenience: a server without it still serves every ActorGraph command, so
    a failed download must not keep the database from starting.
    """
    try:
        return ensure_browser(cache_dir)
    except Neo4jServerError as exc:
        logger.warning("starting Neo4j without Neo4j Browser: %s", str(exc).splitlines()[0])
        return None


def _launch(java: Path, jars: str, home: Path, heap: str) -> int:
    """Start the JVM detached from us and return its pid.

    A throw-away ``sh`` backgrounds the JVM and exits, so the JVM is re-parented
    to init: it outlives this Python process and never lingers as our zombie.
    ``setsid`` (start_new_session) keeps terminal signals (Ctrl-C) away from it.
    """
    args = [
        str(java), f"-Xms{heap}", f"-Xmx{heap}", *_JVM_FLAGS,
        "-cp", jars,
        ENTRY_POINT, f"--home-dir={home}", f"--config-dir={home / 'conf'}",
    ]
    console = home / "logs" / "console.log"
    # $0 is the console log, emptied per launch so its tail is about this run; the
    # JVM's stdio goes there, so only sh holds our stdout pipe.
    script = '"$@" </dev/null >"$0" 2>&1 & echo $!'
    env = dict(os.environ, NEO4J_HOME=str(home), NEO4J_CONF=str(home / "conf"))
    env.pop("NEO4J_PASSWORD", None)  # the server has no use for it in its environment
    proc = subprocess.run(
        ["/bin/sh", "-c", script, str(console), *args],
        cwd=home, env=env, stdin=subprocess.DEVNULL, capture_output=True,
        text=True, start_new_session=True, timeout=60, check=False,
    )
    out = proc.stdout.strip()
    if proc.returncode != 0 or not out.isdigit():
        raise Neo4jServerError(
            f"could not start the Neo4j JVM: {proc.stderr.strip()}\n{_log_tail(home)}"
        )
    return int(out)


# --------------------------------------------------------------------------- bolt probe


def _probe(uri: str, password: str, timeout: float = 5.0) -> None:
    """One authenticated ``RETURN 1`` over Bolt; raises the driver's exception if it fails."""
    from neo4j import GraphDatabase  # imported lazily: the driver is only needed here

    with GraphDatabase.driver(
        uri, auth=(USER, password), connection_timeout=timeout,
        connection_acquisition_timeout=timeout, max_connection_pool_size=1,
    ) as driver:
        # A plain auto-commit query: execute_query() would retry (and log) on its own.
        with driver.session() as session:
            record = session.run("RETURN 1 AS ok").single()
        if record is None or record["ok"] != 1:
            raise Neo4jServerError("unexpected answer to RETURN 1")


def _describe(exc: Exception | None) -> str:
    if exc is None:
        return "none"
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text}"[:300]


def _wait_ready(pid: int, home: Path, uri: str, password: str, timeout: float) -> None:
    from neo4j.exceptions import AuthError, ServiceUnavailable, SessionExpired

    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while True:
        if not _is_our_server(pid, home):
            raise Neo4jServerError(f"Neo4j exited during start-up; {_log_tail(home)}")
        try:
            _probe(uri, password)
            return
        except AuthError as exc:
            raise Neo4jServerError(
                f"Neo4j at {uri} rejected the password for user '{USER}'. The database in "
                f"{home / 'data'} keeps the password it was first started with; pass that "
                "one (or NEO4J_PASSWORD), or remove the data folder to start afresh"
            ) from exc
        except (ServiceUnavailable, SessionExpired, OSError) as exc:
            last = exc
        except Exception as exc:  # e.g. DatabaseUnavailable while the system db starts
            last = exc
        if time.monotonic() >= deadline:
            raise Neo4jServerError(
                f"Neo4j did not answer on {uri} within {timeout:.0f}s "
                f"(last error: {_describe(last)}); {_log_tail(home)}"
            )
        time.sleep(0.5)


# --------------------------------------------------------------------------- public API


def status(home: Path) -> ServerInfo | None:
    """Return how to reach the server of ``home`` if its JVM is running, else None.

    It does not open a Bolt connection (a server still starting counts as running);
    ``password`` comes from ``home/password`` or ``$NEO4J_PASSWORD``, else None.
    """
    home = Path(home).expanduser().resolve()
    pid = _live_pid(home)
    if pid is None:
        return None
    bolt, _ = conf_ports(home)
    password = stored_password(home) or os.environ.get("NEO4J_PASSWORD") or None
    return ServerInfo(_uri(bolt or 7687), USER, password, pid, home, _running_browser_url(pid, home))


def start(
    home: Path,
    *,
    bolt_port: int = 7687,
    http_port: int = 7474,
    password: str | None = None,
    heap: str | None = None,
    timeout: float = 120,
    cache_dir: Path | None = None,
    version: str = NEO4J_VERSION,
    pagecache: str | None = None,
    transaction_memory: str | None = None,
    browser: bool = True,
) -> ServerInfo:
    """Start (or reuse) the Neo4j server whose data lives in ``home``; wait until Bolt answers.

    * Already running for ``home`` and answering: returns at once with the same pid
      (the ports then are the ones it runs on, not the arguments).
    * Otherwise: fetches the jars if needed (:func:`ensure_distribution`, and Neo4j Browser
      unless ``browser`` is False; cached in ``cache_dir``, default ``$ACTORGRAPH_CACHE`` or
      ``~/.cache/actorgraph``), writes ``home/conf/neo4j.conf`` (127.0.0.1 only, auth on,
      memory from :func:`.memory.memory_settings`: ``heap``/``pagecache``/``transaction_memory``
      win over the ACTORGRAPH_NEO4J_* variables, which win over the sizes computed from the
      machine), sets the initial password before the very first start, launches the JVM
      detached with its pid in ``home/run/neo4j.pid``, and waits up to ``timeout`` seconds for
      an authenticated ``RETURN 1``.  A JVM that does not come up in time is stopped.

    The password is ``password``, else ``$NEO4J_PASSWORD``, else the one saved in
    ``home/password``, else a new random one saved there with mode 0600.
    """
    home = Path(home).expanduser().resolve()
    memory = memory_settings(home, heap=heap, pagecache=pagecache, transaction_total=transaction_memory)
    # One start at a time per home: the CLI and the app may race to start it.
    with java_jars.locked(home / ".start.lock"):
        pid = _live_pid(home)
        if pid is not None:
            return _reuse(pid, home, bolt_port, password, timeout)
        return _start_new(home, bolt_port=bolt_port, http_port=http_port, password=password, memory=memory,
                          timeout=timeout, cache_dir=cache_dir or default_cache_dir(), version=version,
                          browser=browser)


def _reuse(pid: int, home: Path, bolt_port: int, password: str | None, timeout: float) -> ServerInfo:
    """The server of ``home`` already runs: wait until it answers, and say where it is."""
    bolt, _ = conf_ports(home)
    uri = _uri(bolt or bolt_port)
    pw, _ = resolve_password(home, password)
    _wait_ready(pid, home, uri, pw, timeout)
    logger.info("Neo4j already running for %s (pid %d) at %s", home, pid, uri)
    return ServerInfo(uri, USER, pw, pid, home, _running_browser_url(pid, home))


def _check_ports(bolt_port: int, http_port: int) -> None:
    if bolt_port == http_port:
        raise Neo4jServerError("bolt_port and http_port must differ")
    for port in (bolt_port, http_port):
        if not _port_free(port):
            raise Neo4jServerError(
                f"port {port} on 127.0.0.1 is already in use; stop what holds it "
                "or choose another bolt_port/http_port"
            )


def _prepare_home(home: Path, password: str | None) -> str:
    """Create the home's folders and return the password (a generated one is saved, mode 0600)."""
    for sub in ("conf", "data", "logs", "run", "import", "plugins"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    os.chmod(home / "data", 0o700)
    _pid_path(home).unlink(missing_ok=True)
    pw, generated = resolve_password(home, password)
    if len(pw) < MIN_PASSWORD_LENGTH:
        raise Neo4jServerError(
            f"the Neo4j password must be at least {MIN_PASSWORD_LENGTH} characters"
        )
    if generated:
        write_secret(home / PASSWORD_FILE, pw + "\n")
        logger.info("generated a Neo4j password in %s", home / PASSWORD_FILE)
    return pw


def _start_new(home: Path, *, bolt_port: int, http_port: int, password: str | None, memory: MemorySettings,
               timeout: float, cache_dir: Path, version: str, browser: bool) -> ServerInfo:
    """Start a JVM for ``home`` (none runs), while holding the home's start lock."""
    java = find_java()
    _check_ports(bolt_port, http_port)
    dist = ensure_distribution(cache_dir, version)
    browser_jars = _fetch_browser(cache_dir) if browser else None
    pw = _prepare_home(home, password)
    write_conf(home, bolt_port, http_port, memory)
    if not (home / "data" / "databases" / "system").exists():  # the very first start
        set_initial_password(java, dist, home, pw)

    pid = _launch(java, classpath(dist, browser_jars), home, memory.as_text()["heap"])
    _pid_path(home).write_text(f"{pid}\n")
    uri = _uri(bolt_port)
    logger.info("started Neo4j %s for %s (pid %d), waiting for %s", version, home, pid, uri)
    try:
        _wait_ready(pid, home, uri, pw, timeout)
    except Neo4jServerError:
        _terminate(pid, home, grace=30)
        _pid_path(home).unlink(missing_ok=True)
        raise
    url = browser_url(http_port) if browser_jars is not None else None
    return ServerInfo(uri, USER, pw, pid, home, url, memory)


def _terminate(pid: int, home: Path, grace: float) -> None:
    """SIGTERM (Neo4j shuts down cleanly on it), then SIGKILL after ``grace`` seconds."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        if not _is_our_server(pid, home):
            return
        time.sleep(0.2)
    logger.warning("Neo4j (pid %d) ignored SIGTERM for %.0fs; killing it", pid, grace)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _is_our_server(pid, home):
        time.sleep(0.1)


def stop(home: Path, *, timeout: float = 60) -> bool:
    """Stop the server of ``home``; True if one was running, False if there was none.

    Neo4j flushes and checkpoints on SIGTERM (this takes ~10 s, mostly Bolt's
    graceful shutdown), so we wait up to ``timeout`` before resorting to SIGKILL.
    """
    home = Path(home).expanduser().resolve()
    pid = _live_pid(home)
    if pid is None:
        _pid_path(home).unlink(missing_ok=True)
        return False
    logger.info("stopping Neo4j for %s (pid %d)", home, pid)
    _terminate(pid, home, grace=timeout)
    _pid_path(home).unlink(missing_ok=True)
    return True
