"""The password of the local server: chosen, generated, kept in a 0600 file, set before the first start.

Why a module: the password must never reach a log, a command line (``ps`` shows those) or a file
anyone else can read, and these few functions are where that is kept true. The admin tool reads
it from a 0600 Java ``@argfile`` that is deleted right after use.
"""
from __future__ import annotations

import os
import secrets
import subprocess
from pathlib import Path

from actorgraph.graph.files import atomic_write_text
from actorgraph.graph.neo4j.distribution import ADMIN_TOOL, Neo4jServerError

USER = "neo4j"
#: Neo4j refuses passwords shorter than this (dbms.security.auth_minimum_password_length).
MIN_PASSWORD_LENGTH = 8
PASSWORD_FILE = "password"


def stored_password(home: Path) -> str | None:
    try:
        return (home / PASSWORD_FILE).read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def resolve_password(home: Path, password: str | None) -> tuple[str, bool]:
    """Pick the password: argument, then ``$NEO4J_PASSWORD``, then ``home/password``.

    Returns ``(password, generated)``; a generated one must be saved by the caller.
    """
    if password:
        return password, False
    env = os.environ.get("NEO4J_PASSWORD")
    if env:
        return env, False
    stored = stored_password(home)
    if stored:
        return stored, False
    return new_password(), True


def new_password() -> str:
    """A random password that never starts with "-": the admin tool would read one as an option."""
    return "ag" + secrets.token_urlsafe(24)


def write_secret(path: Path, text: str) -> None:
    """Replace ``path`` atomically with mode 0600 from the start (no window where it is readable)."""
    atomic_write_text(path, text, mode=0o600)


def _argfile_quote(value: str) -> str:
    """Quote one token for a Java launcher ``@argfile`` (backslash escapes in quotes)."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def set_initial_password(java: Path, dist: Path, home: Path, password: str) -> None:
    """Run ``neo4j-admin dbms set-initial-password`` through the jars' AdminTool.

    It writes ``data/dbms/auth.ini``, which Neo4j reads only when it creates the
    system database, i.e. on the very first start.  The password goes through a
    0600 ``@argfile`` rather than argv so that ``ps`` never shows it.
    """
    if "\n" in password or "\r" in password:
        raise Neo4jServerError("the Neo4j password must not contain line breaks")
    argfile = home / "run" / "set-password.args"
    write_secret(
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
