"""Run the catalog's named queries and a read-only Cypher console against a Neo4jStore.

The console is for exploring, never for editing: statements run in READ access mode inside
`session.execute_read`, after an `EXPLAIN` that refuses any statement the planner says writes
(query type other than "r"), with a server-side timeout and a row limit. Values are converted to
plain JSON-able Python (nodes, relationships and paths become dicts and lists) for tables and JSON.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, LiteralString, cast

from neo4j import READ_ACCESS, ManagedTransaction, unit_of_work
from neo4j.exceptions import ClientError, Neo4jError
from neo4j.graph import Node, Path, Relationship
from neo4j.time import Date, DateTime, Duration, Time

from actorgraph.graph.errors import ActorGraphError
from actorgraph.graph.neo4j import queries as q
from actorgraph.graph.neo4j.store import Neo4jStore

READ_ONLY = "the cypher console is read-only"
DEFAULT_TIMEOUT = 30.0
DEFAULT_ROW_LIMIT = 1000


class ConsoleError(ActorGraphError):
    """A console or catalog query that was refused or failed, in one line."""


@dataclass(frozen=True)
class QueryResult:
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    truncated: bool = False


def plain(value: Any) -> Any:
    """A JSON-able copy of a Cypher value."""
    if isinstance(value, Node):
        return {"labels": sorted(value.labels), **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, Relationship):
        return {"type": value.type, "start": plain(value.start_node.get("id")) if value.start_node else None,
                "end": plain(value.end_node.get("id")) if value.end_node else None,
                **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, Path):
        return {"nodes": [plain(n) for n in value.nodes], "relationships": [plain(r) for r in value.relationships]}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (Date, DateTime, Time, Duration)):
        return value.iso_format()
    return value


def _run_read(store: Neo4jStore, text: LiteralString, params: Mapping[str, Any], timeout: float,
              limit: int) -> QueryResult:
    @unit_of_work(timeout=timeout)  # a server-side transaction timeout: the server stops the query
    def work(tx: ManagedTransaction) -> QueryResult:
        result = tx.run(text, dict(params))
        records = result.fetch(limit + 1)
        rows = tuple(tuple(plain(v) for v in record.values()) for record in records[:limit])
        return QueryResult(tuple(result.keys()), rows, len(records) > limit)

    with store.session(default_access_mode=READ_ACCESS) as session:
        return session.execute_read(work)


def _one_line(exc: Neo4jError) -> str:
    message = (exc.message or str(exc)).strip().splitlines()
    return message[0] if message else (exc.code or type(exc).__name__)


def _refuse_writes(store: Neo4jStore, text: LiteralString) -> None:
    """Plan the statement (EXPLAIN runs nothing) and refuse it unless it only reads."""
    with store.session(default_access_mode=READ_ACCESS) as session:
        summary = session.execute_read(lambda tx: tx.run(q.EXPLAIN_PREFIX + text).consume())
    if summary.query_type != "r":
        raise ConsoleError(f"{READ_ONLY}: this statement would write (query type {summary.query_type!r})")
    if any(op.startswith("LoadCSV") for op in _operators(summary.plan or {})):
        # LOAD CSV only reads, but it fetches URLs from the server (files, intranet hosts): not for a console
        raise ConsoleError(f"{READ_ONLY} and reads the graph only: LOAD CSV is refused")


def _operators(plan: Mapping[str, Any]) -> Iterator[str]:
    """Every operator type of an EXPLAIN plan tree (e.g. "LoadCSV@neo4j", "NodeByLabelScan@neo4j")."""
    yield str(plan.get("operatorType", ""))
    for child in plan.get("children", ()):
        yield from _operators(child)


def run_cypher(store: Neo4jStore, text: str, *, params: Mapping[str, Any] | None = None,
               timeout: float = DEFAULT_TIMEOUT, limit: int = DEFAULT_ROW_LIMIT) -> QueryResult:
    """Run one read-only statement typed by a user; writes, errors and timeouts become ConsoleError."""
    if not text.strip():
        raise ConsoleError("empty Cypher statement")
    if limit < 1 or timeout <= 0:
        raise ConsoleError("the row limit and the timeout must be positive")
    statement = _console_statement(text)
    try:
        _refuse_writes(store, statement)
        return _run_read(store, statement, params or {}, timeout, limit)
    except ClientError as exc:
        raise ConsoleError(_client_error(exc, timeout)) from None
    except Neo4jError as exc:
        raise ConsoleError(f"Neo4j: {_one_line(exc)}") from None


def _console_statement(text: str) -> LiteralString:
    """A statement a user typed, as the driver's statement type: the one exception to "every
    statement is a literal of queries.py", on purpose (a console runs what its user writes). It
    only ever runs in a READ transaction, after `_refuse_writes` planned it, with a server-side
    timeout and a row limit; its values still travel as parameters."""
    return cast(LiteralString, text)


def _client_error(exc: ClientError, timeout: float) -> str:
    code = exc.code or ""
    if "AccessMode" in code or "Forbidden" in code or "WriteOnReadOnlyAccessDbException" in code:
        return f"{READ_ONLY}: {_one_line(exc)}"
    if "TransactionTimedOut" in code or "Terminated" in code:
        return f"the query ran longer than {timeout:g}s and was stopped (narrow it, or pass --timeout)"
    if "Syntax" in code:
        return f"Cypher syntax error: {_one_line(exc)}"
    return f"Neo4j refused the query: {_one_line(exc)}"


def run_catalog_query(store: Neo4jStore, name: str, params: Mapping[str, Any], *,
                      timeout: float = DEFAULT_TIMEOUT) -> QueryResult:
    """Run a named query of `neo4j_queries.CATALOG` with already-typed parameters."""
    query = q.CATALOG.get(name)
    if query is None:
        raise ConsoleError(f"unknown query {name!r} (known: {', '.join(sorted(q.CATALOG))})")
    values = {**params, **q.catalog_parameters(name, store.vocabulary)}
    text = query.cypher(store.vocabulary, values)
    limit = int(values.get("limit") or DEFAULT_ROW_LIMIT)
    try:
        return _run_read(store, text, values, timeout, limit)
    except ClientError as exc:
        raise ConsoleError(_client_error(exc, timeout)) from None


def typed_params(store: Neo4jStore, name: str, raw: Mapping[str, str]) -> dict[str, Any]:
    """Turn `--param key=value` text into the typed values a catalog query takes.

    Actors may be given by id or by any name (resolved like the rest of the CLI); relations go
    through the vocabulary gate, so only a known term's relationship type can reach the query;
    integers are bounded. Unknown or missing parameters are refused with the list of known ones.
    """
    query = q.CATALOG.get(name)
    if query is None:
        raise ConsoleError(f"unknown query {name!r} (known: {', '.join(sorted(q.CATALOG))})")
    known = {p.name: p for p in query.params}
    extra = sorted(set(raw) - set(known))
    if extra:
        raise ConsoleError(f"query {name!r} has no parameter {extra[0]!r} (its parameters: {', '.join(known)})")
    values: dict[str, Any] = {}
    for param in query.params:
        text = raw.get(param.name)
        if text is None and param.default is None:
            raise ConsoleError(f"query {name!r} needs --param {param.name}=... ({param.description})")
        values[param.name] = param.default if text is None else _convert(store, param, text)
        if param.kind == "relation" and values[param.name] == "":
            values[param.name] = None
    return values


def _convert(store: Neo4jStore, param: q.Param, text: str) -> Any:
    if param.kind == "int":
        try:
            number = int(text)
        except ValueError:
            raise ConsoleError(f"--param {param.name}: {text!r} is not an integer") from None
        if not param.low <= number <= param.high:
            raise ConsoleError(f"--param {param.name}: must be between {param.low} and {param.high}, got {number}")
        return number
    if param.kind == "actor":
        if store.get_actor(text) is not None:
            return text
        found = store.search_actors(text, limit=1)
        if not found:
            raise ConsoleError(f"--param {param.name}: no actor matches {text!r} (try `actorgraph actors NAME`)")
        return found[0].id
    if param.kind == "relation":
        if not text:
            return ""
        try:
            return store.vocabulary.relationship_type(text)
        except KeyError:
            raise ConsoleError(f"--param {param.name}: unknown relation {text!r} (see data/vocabulary.yaml)") from None
    return text
