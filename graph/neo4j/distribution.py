"""The jars of the local Neo4j server and of Neo4j Browser, fetched once from Maven Central.

Why this module exists
----------------------
The machines ActorGraph runs on reach only package registries: no Docker, no neo4j.com download
page. Maven Central does **not** carry the official ``neo4j-community-<ver>-unix.tar.gz`` (the
``org.neo4j.assembly:neo4j-community`` coordinates do not resolve there), but it does carry every
jar of the server itself. ``org.neo4j:neo4j`` is the community server module: it holds
``org.neo4j.server.CommunityEntryPoint`` and depends on Bolt, HTTP, Cypher, the record storage
engine and the admin tooling (``org.neo4j.cli.AdminTool``). The server built from those jars has
no Neo4j Browser (the official tarball adds it), so ``/browser/`` answers 404; the Browser is its
own artifact, ``org.neo4j.client:neo4j-browser`` (one jar of static files under ``browser/``),
which the server's Browser module serves from the classpath when it finds it there.

Layout: ``cache_dir/neo4j-community-<version>/lib/*.jar`` and
``cache_dir/neo4j-browser-<version>/lib/neo4j-browser-<version>.jar``, each with a ``.complete``
marker (see :mod:`actorgraph.graph.java_jars`).
"""
from __future__ import annotations

import os
from pathlib import Path

from actorgraph.graph import java_jars

#: Newest 5.26.x (the LTS line) that Maven Central served when this was written.
NEO4J_VERSION = "5.26.30"
#: The Maven artifact that carries the community server and all it needs at run time.
SERVER_ARTIFACT = ("org.neo4j", "neo4j")
#: Neo4j Browser, the version the 5.26 tarballs ship (its jar holds only static files: GPLv3).
BROWSER_VERSION = "5.24.0"
BROWSER_ARTIFACT = ("org.neo4j.client", "neo4j-browser")
ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_TOOL = "org.neo4j.cli.AdminTool"


class Neo4jServerError(Exception):
    """Raised when the local Neo4j server cannot be obtained, configured, started or reached."""


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


def ensure_distribution(cache_dir: Path, version: str = NEO4J_VERSION) -> Path:
    """Return a folder whose ``lib/`` holds every jar Neo4j Community ``version`` needs.

    Resolved from ``org.neo4j:neo4j:<version>`` and its runtime dependencies; cached, so once
    done the call only stats a marker file.
    """
    group, artifact = SERVER_ARTIFACT
    try:
        return java_jars.ensure_jars(cache_dir, f"neo4j-community-{version}", group, artifact, version)
    except java_jars.JavaToolError as exc:
        raise Neo4jServerError(str(exc)) from None


def ensure_browser(cache_dir: Path, version: str = BROWSER_VERSION) -> Path:
    """Return a folder whose ``lib/`` holds the Neo4j Browser jar (fetched once, then cached)."""
    group, artifact = BROWSER_ARTIFACT
    try:
        return java_jars.ensure_jars(cache_dir, f"neo4j-browser-{version}", group, artifact, version)
    except java_jars.JavaToolError as exc:
        raise Neo4jServerError(str(exc)) from None


def classpath(dist: Path, browser: Path | None) -> str:
    """The JVM classpath: the server's jars, then the Browser's when it is there.

    The server looks the Browser up as the classpath resource ``browser/``, so its jar only has to
    be on the classpath; no other jar holds that folder.
    """
    parts = [str(dist / "lib" / "*")]
    if browser is not None:
        parts.append(str(browser / "lib" / "*"))
    return os.pathsep.join(parts)


def serves_browser(command_line: list[bytes]) -> bool:
    """True if a JVM started with ``command_line`` has the Browser jar on its classpath."""
    return any(b"neo4j-browser-" in arg for arg in command_line)
