"""`actorgraph neo4j start|stop|status`, `load --neo4j`, `query NAME`, `cypher '...'`.

The local server keeps its data under `$ACTORGRAPH_HOME/neo4j` and its jars in the download
cache; NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD/NEO4J_DATABASE point every command at any other
Neo4j 5.x instead. The password is never printed: `start` prints the file that holds it.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from actorgraph.cli.output import json_option, print_json, print_table, warning_line
from actorgraph.graph.config import cache_home, data_home, embedded_store_path, neo4j_settings_from_env, setting_error
from actorgraph.graph.errors import StoreError


def _server_home() -> Path:
    return data_home() / "neo4j"


def _port(name: str, default: int) -> int:
    value = os.environ.get(name, str(default))
    if not value.strip().isdigit() or not 0 < int(value) < 65536:
        raise setting_error(name, value, "not a port number (1-65535)", str(default))
    return int(value)


@click.group("neo4j")
def neo4j_group() -> None:
    """Run a local Neo4j Community server (jars from Maven Central) for `--neo4j` commands."""


@neo4j_group.command("start")
@click.option("--bolt-port", type=int, default=None, help="Bolt port (NEO4J_BOLT_PORT, default 7687).")
@click.option("--http-port", type=int, default=None, help="HTTP/Browser port (NEO4J_HTTP_PORT, default 7474).")
@click.option("--heap", default=None, help="JVM heap, e.g. 2g (ACTORGRAPH_NEO4J_HEAP; default: sized to the machine).")
@click.option("--pagecache", default=None,
              help="Page cache, e.g. 1g (ACTORGRAPH_NEO4J_PAGECACHE; default: sized to the machine and the store).")
@click.option("--no-browser", is_flag=True, help="Do not fetch or serve Neo4j Browser.")
@json_option
def start_command(bolt_port: int | None, http_port: int | None, heap: str | None, pagecache: str | None,
                  no_browser: bool, as_json: bool) -> None:
    """Start (or reuse) the local server with Neo4j Browser; downloads Neo4j once into the cache."""
    from actorgraph.graph.neo4j.server import Neo4jServerError, start

    home = _server_home()
    try:
        info = start(home, bolt_port=bolt_port or _port("NEO4J_BOLT_PORT", 7687),
                     http_port=http_port or _port("NEO4J_HTTP_PORT", 7474), heap=heap, pagecache=pagecache,
                     browser=not no_browser, cache_dir=cache_home())
    except Neo4jServerError as exc:
        raise StoreError(str(exc).splitlines()[0]) from None
    _print_server(info, as_json)


def _print_server(info: Any, as_json: bool) -> None:
    """Where the server is (a ServerInfo): URIs, user, the password's file (never the password), memory."""
    password_file = info.home / "password"
    where = str(password_file) if password_file.exists() else "(from NEO4J_PASSWORD)"
    data: dict[str, Any] = {"uri": info.uri, "browser": info.browser_url, "user": info.user,
                            "password_file": where, "pid": info.pid, "home": str(info.home)}
    if info.memory is not None:
        data.update({f"memory_{k}": v for k, v in info.memory.as_text().items()})
    if as_json:
        print_json(data)
        return
    if data["browser"] is None:
        data["browser"] = "(not served: started with --no-browser, or it could not be fetched)"
    print_table([[k, v] for k, v in data.items()], ["what", "value"], title="neo4j")


@neo4j_group.command("stop")
def stop_command() -> None:
    """Stop the local server (it checkpoints first; takes a few seconds)."""
    from actorgraph.graph.neo4j.server import stop

    click.echo("stopped" if stop(_server_home()) else "not running")


@neo4j_group.command("status")
@json_option
def status_command(as_json: bool) -> None:
    """Whether the local server runs, and where; exit code 3 when it does not."""
    from actorgraph.graph.neo4j.server import status

    info = status(_server_home())
    if info is None:
        if as_json:
            print_json({"running": False})
        else:
            click.echo("not running (run `actorgraph neo4j start` or set NEO4J_URI)")
        sys.exit(3)
    _print_server(info, as_json)


@neo4j_group.command("browser-assets")
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder to write actorgraph.grass and actorgraph-favorites.zip into.")
@json_option
def browser_assets_command(out_dir: Path, as_json: bool) -> None:
    """Write the Neo4j Browser style and the query catalog as favourites; drop them on the Browser."""
    from actorgraph.graph.neo4j.browser_assets import write_browser_assets
    from actorgraph.graph.vocabulary import default_vocabulary

    try:
        paths = write_browser_assets(out_dir, default_vocabulary())
    except OSError as exc:
        raise StoreError(f"{out_dir}: cannot write the Browser files ({exc.strerror or exc})") from None
    uses = ["drop it on the Browser window: the graph style (`:style` shows it, `:style reset` undoes it)",
            "drop it on the Browser window: the ActorGraph folder of favourites (star icon in the sidebar)"]
    if as_json:
        print_json([{"file": str(p), "use": u} for p, u in zip(paths, uses, strict=True)])
    else:
        print_table([[str(p), u] for p, u in zip(paths, uses, strict=True)], ["file", "use"], title="browser assets")


@neo4j_group.command("bulk-import")
@click.option("--from-embedded", is_flag=True, default=True, show_default=True,
              help="Import the embedded store (the only source; ingest files first).")
@click.option("--csv-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to write the import CSVs (default: the server's import/ folder).")
@click.option("--heap", default=None, help="JVM heap of the restarted server (default: sized to the machine).")
@json_option
def bulk_import_command(from_embedded: bool, csv_dir: Path | None, heap: str | None, as_json: bool) -> None:
    """Replace the local server's database with the embedded store, offline (neo4j-admin import).

    For very large first loads: stops the server, imports CSVs with --overwrite-destination,
    restarts it and creates the constraints and indexes. Later updates use `load --neo4j`.
    """
    from actorgraph.graph.embedded import EmbeddedStore
    from actorgraph.graph.neo4j.bulk import bulk_import_local
    from actorgraph.graph.neo4j.server import Neo4jServerError
    from actorgraph.graph.vocabulary import default_vocabulary

    if neo4j_settings_from_env() is not None:
        raise click.UsageError("bulk-import works on the local server only (unset NEO4J_URI); "
                               "use `load --neo4j` for a remote one")
    path = embedded_store_path()
    if not path.exists():
        raise StoreError(f"{path}: no embedded store yet (run `actorgraph ingest PATH` first)")
    home = _server_home()
    try:
        with EmbeddedStore(path) as source:
            report = bulk_import_local(home, source, default_vocabulary(), csv_dir or home / "import" / "bulk",
                                       cache_dir=cache_home(), heap=heap)
    except Neo4jServerError as exc:
        raise StoreError(str(exc).splitlines()[0]) from None
    data = {"nodes": report.nodes, "relationships": report.relationships, "claims": report.claims,
            "export_s": round(report.export_seconds, 2), "import_s": round(report.import_seconds, 2),
            "restart_s": round(report.restart_seconds, 2)}
    if as_json:
        print_json(data)
    else:
        print_table([list(data.values())], list(data), title="bulk-import")


def _open_neo4j(batch_size: int | None = None):
    from actorgraph.graph.neo4j.connect import DEFAULT_BATCH_SIZE, open_neo4j_store

    return open_neo4j_store(neo4j_settings_from_env(), batch_size=batch_size or DEFAULT_BATCH_SIZE)


@click.command()
@click.option("--neo4j", "use_neo4j", is_flag=True, help="Load into Neo4j (required: the only target).")
@click.option("--batch-size", type=click.IntRange(1, 100_000), default=None,
              help="Claims per write transaction (default 2000).")
@click.option("--clear", "clear_first", is_flag=True, help="Delete ActorGraph's nodes in Neo4j first.")
@json_option
def load(use_neo4j: bool, batch_size: int | None, clear_first: bool, as_json: bool) -> None:
    """Copy the embedded store (actors, articles, claims, mentions) into Neo4j; reloading changes nothing."""
    from actorgraph.graph.embedded import EmbeddedStore
    from actorgraph.graph.store_copy import copy_store

    if not use_neo4j:
        raise click.UsageError("load copies the embedded store into Neo4j: pass --neo4j")
    path = embedded_store_path()
    if not path.exists():
        raise StoreError(f"{path}: no embedded store yet (run `actorgraph ingest PATH` first)")
    with EmbeddedStore(path) as source, _open_neo4j(batch_size) as target:
        if clear_first:
            target.clear()
        report = copy_store(source, target)
        stats = target.stats()
    data = {"backend": "neo4j", "actors": report.actors, "articles": report.articles, "claims": report.claims,
            "mentions": report.mentions, "relations": stats.relations}
    if as_json:
        print_json(data)
    else:
        print_table([list(data.values())], list(data), title="load")


def _parse_params(pairs: tuple[str, ...]) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{pair!r} is not KEY=VALUE", param_hint="--param")
        params[key.strip()] = value
    return params


def _cell(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value


def _print_result(result: Any, title: str, as_json: bool) -> None:
    if as_json:
        print_json([dict(zip(result.columns, row, strict=True)) for row in result.rows])
    else:
        print_table([[_cell(v) for v in row] for row in result.rows], list(result.columns),
                    title=f"{title}: {len(result.rows)} rows")
    if result.truncated:
        warning_line(f"stopped at {len(result.rows)} rows (pass a larger --limit)")


@click.command()
@click.argument("name", required=False)
@click.option("--param", "-p", "params", multiple=True, metavar="KEY=VALUE", help="A query parameter (repeatable).")
@click.option("--cypher", "show_cypher", is_flag=True, help="Print the query's Cypher instead of running it.")
@click.option("--timeout", type=click.FloatRange(0.1, 3600), default=30.0, show_default=True, help="Seconds.")
@json_option
def query(name: str | None, params: tuple[str, ...], show_cypher: bool, timeout: float, as_json: bool) -> None:
    """Run a named Cypher query of the catalog on Neo4j; without NAME, list the catalog."""
    from actorgraph.graph.neo4j.console import run_catalog_query, typed_params
    from actorgraph.graph.neo4j.queries import CATALOG, catalog_parameters
    from actorgraph.graph.vocabulary import default_vocabulary

    if name is None:
        rows = [[q.name, " ".join(f"{p.name}=" + ("…" if p.default is None else str(p.default)) for p in q.params),
                 q.description] for q in CATALOG.values()]
        print_table(rows, ["query", "parameters", "what it answers"], title="catalog",
                    fmt="json" if as_json else "table")
        return
    raw = _parse_params(params)
    if show_cypher:
        entry = CATALOG.get(name)
        if entry is None:
            raise StoreError(f"unknown query {name!r} (known: {', '.join(sorted(CATALOG))})")
        defaults = {p.name: p.default for p in entry.params}
        vocabulary = default_vocabulary()
        click.echo(entry.cypher(vocabulary, {**defaults, **{k: int(v) for k, v in raw.items() if v.isdigit()}}).strip())
        extra = catalog_parameters(name, vocabulary)
        if extra:
            click.echo("// with " + ", ".join(f"${k} = {v!r}" for k, v in extra.items()))
        return
    with _open_neo4j() as store:
        result = run_catalog_query(store, name, typed_params(store, name, raw), timeout=timeout)
    _print_result(result, name, as_json)


@click.command()
@click.argument("statement")
@click.option("--param", "-p", "params", multiple=True, metavar="KEY=VALUE", help="A $parameter (as a string).")
@click.option("--timeout", type=click.FloatRange(0.1, 3600), default=30.0, show_default=True, help="Seconds.")
@click.option("--limit", type=click.IntRange(1, 1_000_000), default=1000, show_default=True, help="Most rows.")
@json_option
def cypher(statement: str, params: tuple[str, ...], timeout: float, limit: int, as_json: bool) -> None:
    """Run one read-only Cypher statement on Neo4j (writes are refused)."""
    from actorgraph.graph.neo4j.console import run_cypher

    with _open_neo4j() as store:
        result = run_cypher(store, statement, params=_parse_params(params), timeout=timeout, limit=limit)
    _print_result(result, "cypher", as_json)


commands = [neo4j_group, load, query, cypher]
