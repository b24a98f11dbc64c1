"""Run a real, local Neo4j Community 5.26 LTS server without Docker or a download site.

Why this module exists
----------------------
ActorGraph stores its knowledge graph in Neo4j, but the machines it runs on reach
only package registries: no Docker, no neo4j.com download page.  Maven Central
does **not** carry the official ``neo4j-community-<ver>-unix.tar.gz`` (the
``org.neo4j.assembly:neo4j-community`` coordinates do not resolve there), but it
does carry every jar of the server itself.  ``org.neo4j:neo4j`` is the community
server module: it holds ``org.neo4j.server.CommunityEntryPoint`` and depends on
Bolt (``neo4j-bolt``), HTTP (``neo4j-server``), Cypher, the record storage
engine and the admin tooling (``neo4j-command-line`` with
``org.neo4j.cli.AdminTool``).  So :func:`ensure_distribution` resolves that one
artifact with Maven into a cached ``lib/`` folder, and :func:`start` runs the
very same entry point the official ``bin/neo4j`` script runs, with our own
``neo4j.conf``.

Layout
------
``cache_dir/neo4j-community-<version>/``   pom.xml, ``lib/*.jar``, ``.complete``
``cache_dir/.maven-repo``                  Maven's local repo while downloading;
                                           removed afterwards (the jars live on in
                                           ``lib/``, so keeping both would double
                                           the cache for nothing)
``home/conf/neo4j.conf``                   written by :func:`start` on every start
``home/data  home/logs  home/run  home/import  home/plugins``
``home/run/neo4j.pid``                     pid of the detached JVM
``home/password``                          generated password, mode 0600

Security: the server listens on 127.0.0.1 only, authentication is on, and the
password is never logged nor put on a command line (the admin tool reads it
from a 0600 Java ``@argfile`` that is deleted right after use).
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import signal
import socket
import subprocess
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path

from actorgraph.graph import java_jars
from actorgraph.graph.files import atomic_write_text

logger = logging.getLogger(__name__)

#: Newest 5.26.x (the LTS line) that Maven Central served when this was written.
NEO4J_VERSION = "5.26.30"
#: The Maven artifact that carries the community server and all it needs at run time.
SERVER_ARTIFACT = ("org.neo4j", "neo4j")
ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_TOOL = "org.neo4j.cli.AdminTool"
USER = "neo4j"
#: Neo4j refuses passwords shorter than this (dbms.security.auth_minimum_password_length).
MIN_PASSWORD_LENGTH = 8

_PID_FILE = Path("run") / "neo4j.pid"
_PASSWORD_FILE = "password"

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


class Neo4jServerError(Exception):
    """Raised when the local Neo4j server cannot be obtained, started or reached."""


@dataclass(frozen=True)
class ServerInfo:
    """How to reach a running server; ``password`` is None when it is not known here."""

    uri: str
    user: str
    password: str | None
    pid: int
    home: Path

    def __repr__(self) -> str:  # keep the password out of logs and tracebacks
        return (
            f"ServerInfo(uri={self.uri!r}, user={self.user!r}, password=***, "
            f"pid={self.pid}, home={str(self.home)!r})"
        )


# --------------------------------------------------------------------------- helpers


def default_cache_dir() -> Path:
    """Where downloads are cached unless told otherwise (``$ACTORGRAPH_CACHE``, checked there)."""
    from actorgraph.graph.config import cache_home

    return cache_home()


def find_java() -> Path:
    """Return a Java 17+ executable (Neo4j 5.26 needs Java 17 or 21), as a Neo4jServerError if none."""
    try:
        return java_jars.find_java()
    except java_jars.JavaToolError as exc:
        raise Neo4jServerError(str(exc)) from None


# --------------------------------------------------------------------------- distribution


def ensure_distribution(cache_dir: Path, version: str = NEO4J_VERSION) -> Path:
    """Return a folder whose ``lib/`` holds every jar Neo4j Community ``version`` needs.

    Maven Central has no official tarball for Neo4j, so the server is assembled
    from ``org.neo4j:neo4j:<version>`` and its runtime dependencies
    (``mvn dependency:copy-dependencies``).  The result is cached: once
    ``.complete`` exists the call only stats a file.  Work happens in a temporary
    sibling folder that is renamed into place, so an interrupted download never
    leaves a half-filled ``lib/`` behind.
    """
    group, artifact = SERVER_ARTIFACT
    try:
        return java_jars.ensure_jars(cache_dir, f"neo4j-community-{version}", group, artifact, version)
    except java_jars.JavaToolError as exc:
        raise Neo4jServerError(str(exc)) from None


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


def configured_ports(home: Path) -> tuple[int | None, int | None]:
    """Bolt and HTTP ports of the server of ``home`` (to restart it where it was)."""
    return _conf_ports(Path(home).expanduser().resolve())


def _conf_ports(home: Path) -> tuple[int | None, int | None]:
    """Bolt and HTTP ports recorded in ``home/conf/neo4j.conf``."""
    bolt = http = None
    try:
        for line in (home / "conf" / "neo4j.conf").read_text().splitlines():
            key, _, value = line.partition("=")
            port = value.rsplit(":", 1)[-1].strip()
            if key.strip() == "server.bolt.listen_address" and port.isdigit():
                bolt = int(port)
            elif key.strip() == "server.http.listen_address" and port.isdigit():
                http = int(port)
    except OSError:
        pass
    return bolt, http


def _uri(port: int) -> str:
    return f"bolt://127.0.0.1:{port}"


# --------------------------------------------------------------------------- password


def _stored_password(home: Path) -> str | None:
    try:
        return (home / _PASSWORD_FILE).read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def _resolve_password(home: Path, password: str | None) -> tuple[str, bool]:
    """Pick the password: argument, then ``$NEO4J_PASSWORD``, then ``home/password``.

    Returns ``(password, generated)``; a generated one must be saved by the caller.
    """
    if password:
        return password, False
    env = os.environ.get("NEO4J_PASSWORD")
    if env:
        return env, False
    stored = _stored_password(home)
    if stored:
        return stored, False
    return new_password(), True


def new_password() -> str:
    """A random password that never starts with "-": the admin tool would read one as an option."""
    return "ag" + secrets.token_urlsafe(24)


def _write_secret(path: Path, text: str) -> None:
    """Replace ``path`` atomically with mode 0600 from the start (no window where it is readable)."""
    atomic_write_text(path, text, mode=0o600)


def _argfile_quote(value: str) -> str:
    """Quote one token for a Java launcher ``@argfile`` (backslash escapes in quotes)."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _set_initial_password(java: Path, dist: Path, home: Path, password: str) -> None:
    """Run ``neo4j-admin dbms set-initial-password`` through the jars' AdminTool.

    It writes ``data/dbms/auth.ini``, which Neo4j reads only when it creates the
    system database, i.e. on the very first start.  The password goes through a
    0600 ``@argfile`` rather than argv so that ``ps`` never shows it.
    """
    if "\n" in password or "\r" in password:
        raise Neo4jServerError("the Neo4j password must not contain line breaks")
    argfile = home / "run" / "set-password.args"
    _write_secret(
        argfile,
        "\n".join(
            [
                "-cp", _argfile_quote(str(dist / "lib" / "*")),
                # "--" ends the options: a password such as "-x..." is the value, not a flag
                ADMIN_TOOL, "dbms", "set-initial-password", "--", _argfile_quote(password),
            ]
        )
        + "\n",
    )
    env = dict(os.environ, NEO4J_HOME=str(home), NEO4J_CONF=str(home / "conf"))
    try:
        proc = subprocess.run(
            [str(java), "-Xmx128m", f"@{argfile}"],
            env=env, capture_output=True, text=True, timeout=120, check=False,
        )
    finally:
        argfile.unlink(missing_ok=True)
    if proc.returncode != 0:
        # AdminTool output does not echo the password; scrub it anyway.
        output = (proc.stdout + proc.stderr).replace(password, "***").strip()
        raise Neo4jServerError(f"neo4j-admin dbms set-initial-password failed:\n{output}")


# --------------------------------------------------------------------------- configuration


def _write_conf(home: Path, bolt_port: int, http_port: int, pagecache: str) -> None:
    """Write neo4j.conf: loopback only, auth on, everything under ``home``.

    Heap is set on the JVM command line (we launch the JVM ourselves), so the
    conf carries only what the server reads.  Rewritten on each fresh start so
    a port change takes effect.
    """
    conf = {
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
        "server.memory.pagecache.size": pagecache,
        # Transaction logs are preallocated to the rotation size (256 MiB by default,
        # per database: 0.5 GB for an empty server); 32 MiB keeps a fresh home small.
        "db.tx_log.rotation.size": "32M",
        "db.tx_log.rotation.retention_policy": "1 days",
        "dbms.usage_report.enabled": "false",
        # Bolt's Netty shutdown waits 2 x 5 s by default even with no client; for a
        # local, single-user server 1 s each is plenty and makes stop() ~4x faster.
        # (Internal settings, checked against the pinned 5.26 line.)
        "internal.dbms.bolt.netty_server_shutdown_quiet_period": "1",  # seconds, an int
        "internal.server.bolt.connection_shutdown_wait_time": "1s",
    }
    lines = ["# Written by actorgraph graph/neo4j_server.py; edits are overwritten on start."]
    lines += [f"{key}={value}" for key, value in conf.items()]
    conf_dir = home / "conf"
    conf_dir.mkdir(parents=True, exist_ok=True)
    (conf_dir / "neo4j.conf").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _launch(java: Path, dist: Path, home: Path, heap: str) -> int:
    """Start the JVM detached from us and return its pid.

    A throw-away ``sh`` backgrounds the JVM and exits, so the JVM is re-parented
    to init: it outlives this Python process and never lingers as our zombie.
    ``setsid`` (start_new_session) keeps terminal signals (Ctrl-C) away from it.
    """
    args = [
        str(java), f"-Xms{heap}", f"-Xmx{heap}", *_JVM_FLAGS,
        "-cp", str(dist / "lib" / "*"),
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
    bolt, _ = _conf_ports(home)
    password = _stored_password(home) or os.environ.get("NEO4J_PASSWORD") or None
    return ServerInfo(_uri(bolt or 7687), USER, password, pid, home)


def start(
    home: Path,
    *,
    bolt_port: int = 7687,
    http_port: int = 7474,
    password: str | None = None,
    heap: str = "512m",
    timeout: float = 120,
    cache_dir: Path | None = None,
    version: str = NEO4J_VERSION,
    pagecache: str = "128m",
) -> ServerInfo:
    """Start (or reuse) the Neo4j server whose data lives in ``home``; wait until Bolt answers.

    * Already running for ``home`` and answering: returns at once with the same pid
      (the ports then are the ones it runs on, not the arguments).
    * Otherwise: fetches the jars if needed (:func:`ensure_distribution`, cached in
      ``cache_dir``, default ``$ACTORGRAPH_CACHE`` or ``~/.cache/actorgraph``),
      writes ``home/conf/neo4j.conf`` (127.0.0.1 only, auth on), sets the initial
      password before the very first start, launches the JVM detached with its
      pid in ``home/run/neo4j.pid``, and waits up to ``timeout`` seconds for an
      authenticated ``RETURN 1``.  A JVM that does not come up in time is stopped.

    The password is ``password``, else ``$NEO4J_PASSWORD``, else the one saved in
    ``home/password``, else a new random one saved there with mode 0600.
    """
    home = Path(home).expanduser().resolve()
    # One start at a time per home: the CLI and the app may race to start it.
    with java_jars.locked(home / ".start.lock"):
        return _start_locked(
            home, bolt_port=bolt_port, http_port=http_port, password=password, heap=heap,
            timeout=timeout, cache_dir=cache_dir, version=version, pagecache=pagecache,
        )


def _start_locked(
    home: Path,
    *,
    bolt_port: int,
    http_port: int,
    password: str | None,
    heap: str,
    timeout: float,
    cache_dir: Path | None,
    version: str,
    pagecache: str,
) -> ServerInfo:
    """The body of :func:`start`, run while holding the home's start lock."""
    pid = _live_pid(home)
    if pid is not None:
        bolt, _ = _conf_ports(home)
        uri = _uri(bolt or bolt_port)
        pw, _ = _resolve_password(home, password)
        _wait_ready(pid, home, uri, pw, timeout)
        logger.info("Neo4j already running for %s (pid %d) at %s", home, pid, uri)
        return ServerInfo(uri, USER, pw, pid, home)

    java = find_java()
    for port in dict.fromkeys((bolt_port, http_port)):
        if not _port_free(port):
            raise Neo4jServerError(
                f"port {port} on 127.0.0.1 is already in use; stop what holds it "
                "or choose another bolt_port/http_port"
            )
    if bolt_port == http_port:
        raise Neo4jServerError("bolt_port and http_port must differ")

    dist = ensure_distribution(cache_dir or default_cache_dir(), version)

    for sub in ("conf", "data", "logs", "run", "import", "plugins"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    os.chmod(home / "data", 0o700)
    _pid_path(home).unlink(missing_ok=True)

    pw, generated = _resolve_password(home, password)
    if len(pw) < MIN_PASSWORD_LENGTH:
        raise Neo4jServerError(
            f"the Neo4j password must be at least {MIN_PASSWORD_LENGTH} characters"
        )
    if generated:
        _write_secret(home / _PASSWORD_FILE, pw + "\n")
        logger.info("generated a Neo4j password in %s", home / _PASSWORD_FILE)

    _write_conf(home, bolt_port, http_port, pagecache)
    first_start = not (home / "data" / "databases" / "system").exists()
    if first_start:
        _set_initial_password(java, dist, home, pw)

    pid = _launch(java, dist, home, heap)
    _pid_path(home).write_text(f"{pid}\n")
    uri = _uri(bolt_port)
    logger.info("started Neo4j %s for %s (pid %d), waiting for %s", version, home, pid, uri)
    try:
        _wait_ready(pid, home, uri, pw, timeout)
    except Neo4jServerError:
        _terminate(pid, home, grace=30)
        _pid_path(home).unlink(missing_ok=True)
        raise
    return ServerInfo(uri, USER, pw, pid, home)


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
