"""`actorgraph actors ...`: list and search actors, review what ingest could not resolve, repair.

`actors [QUERY]` lists or searches; `unresolved` shows ingest-created actors with their mentions
and near misses; `merge KEEP DROP`, `split DROP` (alias `unmerge`) and `alias ACTOR NAME` repair
the graph. Repairs change the store AND the gazetteer file (so the next ingest agrees), and every
merge is logged to `$ACTORGRAPH_HOME/merges.jsonl` so a split can undo it exactly.
"""
from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from actorgraph.cli.output import json_option, print_json, print_table, stdout_console
from actorgraph.cli.stores import home_write_lock, neo4j_option, open_store
from actorgraph.graph.config import gazetteer_path
from actorgraph.graph.errors import InputError
from actorgraph.graph.gazetteer_file import GazetteerEdit, GazetteerFile
from actorgraph.graph.locking import exclusive, lock_file_for
from actorgraph.graph.merges import MergeLog, MergeRecord
from actorgraph.graph.model import Actor
from actorgraph.graph.store import Store
from actorgraph.ingest.review_queue import flagged_actors

gazetteer_option = click.option(
    "--gazetteer", "gazetteer", type=click.Path(path_type=Path), default=None,
    help="Gazetteer file to edit (default: $ACTORGRAPH_GAZETTEER, else data/actors.yaml).")
ACTOR_COLUMNS = ["id", "type", "en", "ar", "wikidata", "origin"]


class ActorsGroup(click.Group):
    """`actors QUERY` searches; a first word that names a subcommand runs that subcommand."""

    def resolve_command(self, ctx: click.Context, args: list[str]) -> Any:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            return "search", self.commands["search"], args
        return super().resolve_command(ctx, args)


def _actor_rows(found: list[Actor]) -> list[list[Any]]:
    return [[a.id, a.type, a.labels.get("en", ""), a.labels.get("ar", ""), a.wikidata or "", a.origin] for a in found]


def _list(query: str | None, limit: int, use_neo4j: bool, as_json: bool) -> None:
    store = open_store(use_neo4j)
    found = store.search_actors(query, limit=limit) if query else store.actors()[:limit]
    print_table(_actor_rows(found), ACTOR_COLUMNS, title="actors", fmt="json" if as_json else "table")


@click.group(cls=ActorsGroup, invoke_without_command=True)
@click.option("--limit", default=50, show_default=True)
@neo4j_option
@json_option
@click.pass_context
def actors(ctx: click.Context, limit: int, use_neo4j: bool, as_json: bool) -> None:
    """List actors, or search them by name or alias in Arabic or English (`actors QUERY`)."""
    if ctx.invoked_subcommand is None:
        _list(None, limit, use_neo4j, as_json)


@actors.command("search")
@click.argument("query")
@click.option("--limit", default=None, type=int, help="At most this many (default 50).")
@neo4j_option
@json_option
@click.pass_context
def search(ctx: click.Context, query: str, limit: int | None, use_neo4j: bool, as_json: bool) -> None:
    """Search actors by name or alias (what `actors QUERY` runs); exact, then prefix, then substring."""
    parent = ctx.parent.params if ctx.parent else {}
    _list(query, limit or parent.get("limit", 50), use_neo4j or parent.get("use_neo4j", False),
          as_json or parent.get("as_json", False))


# ---------------------------------------------------------------------------------- unresolved
def _unresolved(store: Store) -> list[dict[str, Any]]:
    """Ingest-created actors with their mentions, and near misses among the reviewed actors
    (gazetteer and inline ones, as the store holds them): the review queue's flagged actors."""
    return [{"id": f.actor.id, "name": f.actor.name, "note": f.actor.description,
             "mentions": [{"article": m.article_id, "text": m.span.text, "start": m.span.start,
                           "resolution": m.resolution} for m in f.mentions],
             "candidates": [{"id": i, "score": s} for i, s in f.candidates]} for f in flagged_actors(store)]


@actors.command()
@neo4j_option
@json_option
def unresolved(use_neo4j: bool, as_json: bool) -> None:
    """Actors created by ingest (review them), with their mentions and near-miss candidates."""
    report = _unresolved(open_store(use_neo4j))
    if as_json:
        print_json(report)
        return
    rows = [[r["id"], r["name"], len(r["mentions"]),
             "; ".join(f"{m['article']}@{m['start']}: {m['text']}" for m in r["mentions"][:3]),
             ", ".join(c["id"] for c in r["candidates"]) or "-", r["note"] or ""] for r in report]
    print_table(rows, ["id", "name", "mentions", "where", "candidates", "note"], title=f"{len(rows)} unresolved actors")


# ---------------------------------------------------------------------------------- repair
def _exact_actor(store: Store, actor_id: str, role: str) -> Actor:
    actor = store.get_actor(actor_id)
    if actor is None:
        raise InputError(role, "", f"no actor with id {actor_id!r}", "give an exact id (see `actorgraph actors NAME`)")
    return actor


def _gazetteer_file(gazetteer: Path | None) -> GazetteerFile:
    return GazetteerFile(gazetteer or gazetteer_path())


@contextlib.contextmanager
def _repair_lock(gazetteer: Path | None = None) -> Iterator[None]:
    """Hold the home's store lock, then the gazetteer's, for a whole repair.

    A repair reads the store, the gazetteer file and the merge log, then writes all three; holding
    both locks from before the first read makes concurrent repairs and ingests take turns instead
    of overwriting each other's edits. Always store first, then gazetteer (one order, no deadlock).
    """
    with home_write_lock():
        if gazetteer is None:
            yield
            return
        waiting = "waiting for another edit of the gazetteer to finish…"
        with exclusive(lock_file_for(gazetteer), waiting_message=waiting):
            yield


@actors.command()
@click.argument("keep")
@click.argument("drop")
@gazetteer_option
@neo4j_option
@json_option
def merge(keep: str, drop: str, gazetteer: Path | None, use_neo4j: bool, as_json: bool) -> None:
    """Merge actor DROP into KEEP: claims, mentions, claimants and roles move; DROP's names become aliases."""
    with _repair_lock(gazetteer or gazetteer_path()):
        _merge(keep, drop, gazetteer, use_neo4j, as_json)


def _merge(keep: str, drop: str, gazetteer: Path | None, use_neo4j: bool, as_json: bool) -> None:
    store = open_store(use_neo4j)
    keep_actor, drop_actor = _exact_actor(store, keep, "KEEP"), _exact_actor(store, drop, "DROP")
    book = _gazetteer_file(gazetteer)
    edit = book.merge(keep_actor, drop_actor) if (keep in book or drop in book) else None
    if edit is not None:
        book.check()  # an edit that would make the gazetteer invalid fails before the store changes
    record = store.merge_actors(keep, drop)
    if edit is not None:
        try:
            book.save()
        except BaseException:
            store.unmerge_actors(record)
            raise
    record = replace(record, gazetteer=edit.to_dict() if edit else None)
    MergeLog().append(record)
    _report_merge("merged", record, edit, as_json)


def _report_merge(verb: str, record: MergeRecord, edit: GazetteerEdit | None, as_json: bool) -> None:
    summary = {"action": verb, "keep": record.keep, "drop": record.drop, "record": record.id,
               "claims": len(record.claims), "mentions": len(record.mentions), "actors": len(record.actors),
               "gazetteer": edit.path if edit else None,
               "aliases_added": edit.added_aliases if edit else []}
    if as_json:
        print_json(summary)
        return
    where = f"; gazetteer {edit.path}" if edit else "; gazetteer unchanged (neither actor is in it)"
    stdout_console().print(f"{verb} {record.drop} {'into' if verb == 'merged' else 'from'} {record.keep}: "
                           f"{len(record.claims)} claims, {len(record.mentions)} mentions, "
                           f"{len(record.actors)} other actors{where}")


@actors.command()
@click.argument("drop")
@neo4j_option
@json_option
def split(drop: str, use_neo4j: bool, as_json: bool) -> None:
    """Undo the latest merge that removed DROP: its claims, mentions and names go back exactly."""
    with _repair_lock():
        log = MergeLog()
        record = log.last_merge_of(drop)
        if record is None:
            raise InputError(str(log.path), "", f"no merge of {drop!r} to undo", "see the merges in this file")
        with _repair_lock(Path(record.gazetteer["path"]) if record.gazetteer else None):
            _split(log, record, use_neo4j, as_json)


def _split(log: MergeLog, record: MergeRecord, use_neo4j: bool, as_json: bool) -> None:
    store = open_store(use_neo4j)
    edit = GazetteerEdit.from_dict(record.gazetteer) if record.gazetteer else None
    book = GazetteerFile(edit.path) if edit else None
    if book is not None and edit is not None:
        book.unmerge(record.keep, record.drop, edit)
        book.check()
    store.unmerge_actors(record)
    if book is not None:
        book.save()
    log.mark_undone(record)
    _report_merge("split", record, edit, as_json)


actors.add_command(split, "unmerge")


@actors.command()
@click.argument("actor")
@click.argument("name")
@gazetteer_option
@neo4j_option
@json_option
def alias(actor: str, name: str, gazetteer: Path | None, use_neo4j: bool, as_json: bool) -> None:
    """Add NAME as an alias of ACTOR (an exact id), in the store and in the gazetteer."""
    with _repair_lock(gazetteer or gazetteer_path()):
        _alias(actor, name, gazetteer, use_neo4j, as_json)


def _alias(actor: str, name: str, gazetteer: Path | None, use_neo4j: bool, as_json: bool) -> None:
    store = open_store(use_neo4j)
    _exact_actor(store, actor, "ACTOR")
    book = _gazetteer_file(gazetteer)
    added: list[str] = []
    if actor in book:
        added = book.add_aliases(actor, [name.strip()])
        book.check()
    updated = store.add_alias(actor, name)
    if added:
        book.save()
    if as_json:
        print_json({"actor": updated.id, "aliases": list(updated.aliases),
                    "gazetteer": str(book.path) if actor in book else None})
    else:
        where = f" (and in {book.path})" if actor in book else " (store only: the actor is not in the gazetteer)"
        stdout_console().print(f"{updated.id}: alias {name.strip()!r} added{where}")


commands = [actors]
