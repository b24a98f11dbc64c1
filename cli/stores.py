"""Which store a command talks to: the embedded file by default, Neo4j with --neo4j or NEO4J_URI."""
from __future__ import annotations

import click

from actorgraph.graph.config import backend_from_env, embedded_store_path, neo4j_settings_from_env
from actorgraph.graph.embedded import EmbeddedStore
from actorgraph.graph.errors import InputError
from actorgraph.graph.store import Store

neo4j_option = click.option(
    "--neo4j", "use_neo4j", is_flag=True,
    help="Use Neo4j (NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD, or the local server from `actorgraph neo4j start`).")


def open_store(use_neo4j: bool = False) -> Store:
    """The embedded store, or Neo4j when asked for (flag, or ACTORGRAPH_BACKEND=neo4j)."""
    if use_neo4j or backend_from_env() == "neo4j":
        from actorgraph.graph.neo4j.connect import open_neo4j_store  # imported lazily: the driver is only needed here

        return open_neo4j_store(neo4j_settings_from_env())
    return EmbeddedStore(embedded_store_path())


def resolve_actor(store: Store, name: str) -> str:
    """An actor id from an id or a name in either script; a clear error when none matches."""
    if store.get_actor(name) is not None:
        return name
    found = store.search_actors(name, limit=5)
    if not found:
        raise InputError("actor", "", f"no actor matches {name!r}", "try `actorgraph actors NAME`")
    return found[0].id
