"""`actorgraph actors ...`: list and search actors, review what ingest could not resolve, repair.

`actors [QUERY]` lists or searches; `unresolved` shows ingest-created actors with their mentions
and near misses; `merge KEEP DROP`, `split DROP` (alias `unmerge`) and `alias ACTOR NAME` repair
the graph through `graph.actor_edits` (the library operation the explorer's review queue uses
too): repairs change the store AND the gazetteer file (so the next ingest agrees), all or nothing,
and every merge is logged to `$ACTORGRAPH_HOME/merges.jsonl` so a split can undo it exactly.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from actorgraph.cli.output import json_option, print_json, print_table, stdout_console
from actorgraph.cli.stores import neo4j_option, open_store
from actorgraph.graph import actor_edits
from actorgraph.graph.actor_edits import edit_lock
from actorgraph.graph.config import gazetteer_path
from actorgraph.graph.model import Actor
from actorgraph.ingest.resolution import unresolved_report

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
    with open_store(use_neo4j) as store:
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
@actors.command()
@neo4j_option
@json_option
def unresolved(use_neo4j: bool, as_json: bool) -> None:
    """Actors created by ingest (review them), with their mentions and near-miss candidates."""
    with open_store(use_neo4j) as store:
        report = unresolved_report(store)
    if as_json:
        print_json(report)
        return
    rows = [[r["id"], r["name"], len(r["mentions"]),
             "; ".join(f"{m['article']}@{m['start']}: {m['text']}" for m in r["mentions"][:3]),
             ", ".join(c["id"] for c in r["candidates"]) or "-", r["note"] or ""] for r in report]
    print_table(rows, ["id", "name", "mentions", "where", "candidates", "note"], title=f"{len(rows)} unresolved actors")


# ---------------------------------------------------------------------------------- repair
# The work is `graph.actor_edits` (store + gazetteer + merge log, all or nothing); the commands
# take the locks before opening the store, so the store they read is the one they change.
@actors.command()
@click.argument("keep")
@click.argument("drop")
@gazetteer_option
@neo4j_option
@json_option
def merge(keep: str, drop: str, gazetteer: Path | None, use_neo4j: bool, as_json: bool) -> None:
    """Merge actor DROP into KEEP: claims, mentions, claimants and roles move; DROP's names become aliases."""
    path = gazetteer or gazetteer_path()
    with edit_lock(path), open_store(use_neo4j) as store:
        result = actor_edits.merge_actors(store, keep, drop, gazetteer=path)
    _report_merge(result, as_json)


def _report_merge(result: actor_edits.MergeResult, as_json: bool) -> None:
    if as_json:
        print_json(result.summary())
        return
    record, edit = result.record, result.gazetteer
    where = f"; gazetteer {edit.path}" if edit else "; gazetteer unchanged (neither actor is in it)"
    stdout_console().print(f"{result.action} {record.drop} {'into' if result.action == 'merged' else 'from'} "
                           f"{record.keep}: {len(record.claims)} claims, {len(record.mentions)} mentions, "
                           f"{len(record.actors)} other actors{where}")


@actors.command()
@click.argument("drop")
@neo4j_option
@json_option
def split(drop: str, use_neo4j: bool, as_json: bool) -> None:
    """Undo the latest merge that removed DROP: its claims, mentions and names go back exactly."""
    with edit_lock(), open_store(use_neo4j) as store:
        result = actor_edits.split_actor(store, drop)
    _report_merge(result, as_json)


actors.add_command(split, "unmerge")


@actors.command()
@click.argument("actor")
@click.argument("name")
@gazetteer_option
@neo4j_option
@json_option
def alias(actor: str, name: str, gazetteer: Path | None, use_neo4j: bool, as_json: bool) -> None:
    """Add NAME as an alias of ACTOR (an exact id), in the store and in the gazetteer."""
    path = gazetteer or gazetteer_path()
    with edit_lock(path), open_store(use_neo4j) as store:
        result = actor_edits.add_alias(store, actor, name, gazetteer=path)
    if as_json:
        print_json(result.summary())
    else:
        where = (f" (and in {result.gazetteer})" if result.gazetteer
                 else " (store only: the actor is not in the gazetteer)")
        stdout_console().print(f"{result.actor.id}: alias {result.alias!r} added{where}")


commands = [actors]
