"""Opening a Neo4j store: the settings of the local server, the driver, and errors that say what to do.

Kept apart from the store itself: connecting is about environments (a local server started by
`actorgraph neo4j start`, NEO4J_URI & co., Aura), the store about the graph.
"""
from __future__ import annotations

import logging

from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, ConfigurationError, Neo4jError, ServiceUnavailable

from actorgraph.graph.config import Neo4jSettings, data_home
from actorgraph.graph.errors import StoreError
from actorgraph.graph.neo4j.store import Neo4jStore, _first_line
from actorgraph.graph.neo4j.writer import DEFAULT_BATCH_SIZE
from actorgraph.graph.vocabulary import Vocabulary

log = logging.getLogger(__name__)

NOT_RUNNING = "the local Neo4j server is not running: run `actorgraph neo4j start` or set NEO4J_URI"


def local_server_settings() -> Neo4jSettings:
    """Settings of the server `actorgraph neo4j start` runs under `$ACTORGRAPH_HOME/neo4j`."""
    from actorgraph.graph.neo4j.server import status  # the server module is only needed for the local server

    home = data_home() / "neo4j"
    info = status(home)
    if info is None:
        raise StoreError(NOT_RUNNING)
    if not info.password:
        raise StoreError(f"no password for the local Neo4j server in {home / 'password'}: set NEO4J_PASSWORD")
    return Neo4jSettings(info.uri, info.user, info.password)


def open_neo4j_store(settings: Neo4jSettings | None = None, *, batch_size: int = DEFAULT_BATCH_SIZE,
                     vocabulary: Vocabulary | None = None) -> Neo4jStore:
    """Connect to `settings` (NEO4J_URI & co.), else to the local server; errors say what to do."""
    settings = settings or local_server_settings()
    log.info("connecting to %r", settings)  # the settings' repr leaves the password out
    try:
        driver = GraphDatabase.driver(settings.uri, auth=(settings.user, settings.password),
                                      connection_timeout=15, max_transaction_retry_time=30,
                                      user_agent="actorgraph", notifications_min_severity="OFF")
    except (ConfigurationError, ValueError) as exc:  # a URI check_neo4j_uri let through
        raise StoreError(f"NEO4J_URI={settings.uri!r}: {_first_line(exc)}"
                         " (e.g. NEO4J_URI=bolt://localhost:7687)") from None
    try:
        driver.verify_connectivity()
        return Neo4jStore(driver, settings.database, vocabulary, batch_size=batch_size)
    except AuthError:
        driver.close()
        raise StoreError(f"Neo4j at {settings.uri} rejected user {settings.user!r}: check NEO4J_USER and "
                         "NEO4J_PASSWORD") from None
    except (ServiceUnavailable, OSError) as exc:
        driver.close()
        hint = "set NEO4J_URI to a running server" if settings.uri != "" else NOT_RUNNING
        raise StoreError(f"cannot reach Neo4j at {settings.uri}: {_first_line(exc)} ({hint})") from None
    except Neo4jError as exc:
        driver.close()
        raise StoreError(f"Neo4j at {settings.uri}: {_first_line(exc)}") from None
    except BaseException:
        driver.close()
        raise
