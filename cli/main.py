"""`actorgraph`: ingest annotated articles and query the actor graph from the shell."""
from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from actorgraph.cli import (
    actor_commands,
    claim_commands,
    convert_commands,
    evaluate_commands,
    explorer_commands,
    export_commands,
    extract_commands,
    graph_commands,
    neo4j_commands,
    view_commands,
    vocabulary_commands,
)
from actorgraph.cli.dates import date_options, dated_filter
from actorgraph.cli.origin import origin_option
from actorgraph.cli.output import (
    error_line,
    json_option,
    print_json,
    print_table,
    stdout_console,
    usage_error_line,
    warning_line,
)
from actorgraph.cli.stores import neo4j_option, open_store
from actorgraph.cli.stores import resolve_actor as _resolve_actor
from actorgraph.graph import __version__
from actorgraph.graph.claims import active_roles
from actorgraph.graph.errors import ActorGraphError
from actorgraph.graph.locking import home_write_lock
from actorgraph.graph.model import Claim, describe_role
from actorgraph.graph.store import ClaimFilter, Store
from actorgraph.graph.vocabulary import default_vocabulary
from actorgraph.ingest.registry import reader_names

if TYPE_CHECKING:  # the ingest modules load on the commands that read files, not at start-up
    from actorgraph.ingest.registry import ReadContext

FORMATS = ("table", "tsv", "json")


class ActorGraphGroup(click.Group):
    """Turns ActorGraph errors into one line on stderr and exit code 1, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:  # a malformed option of a subcommand: one line, exit 2 as click does
            error_line(usage_error_line(exc))
            sys.exit(exc.exit_code)
        except (ActorGraphError, KeyError, ValueError, OSError) as exc:
            message = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
            error_line(str(message))
            sys.exit(1)


@click.group(cls=ActorGraphGroup)
@click.version_option(__version__, prog_name="actorgraph")
@click.option("-v", "--verbose", is_flag=True, help="Log what the library does to stderr.")
def main(verbose: bool) -> None:
    """ActorGraph: a knowledge graph of the actors in news and the claims that link them."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")


def read_context(gazetteers: tuple[Path, ...] = ()) -> ReadContext:
    """The reading context: the shipped gazetteer plus any extra gazetteer files given."""
    from actorgraph.graph.gazetteer import default_gazetteer, load_gazetteer
    from actorgraph.ingest.registry import ReadContext

    gazetteer = default_gazetteer()
    for path in gazetteers:
        for actor in load_gazetteer(path).actors.values():
            gazetteer.add(actor)
    return ReadContext(gazetteer=gazetteer)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "forced_format", type=click.Choice(reader_names()), default=None,
              help="Force a reader instead of detecting the format of each file.")
@click.option("--gazetteer", "gazetteers", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Extra actor gazetteer (YAML) added to data/actors.yaml; repeatable.")
@click.option("--mapping", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Label mapping for tool exports, layered over data/mapping.yaml.")
@click.option("--publisher", default=None, help="Publisher of tool exports that do not say.")
@click.option("--date", default=None, help="Publication date (ISO) of tool exports that do not say.")
@click.option("--language", default=None, help="Language (ar, en...) of tool exports that do not say.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Processes that parse files in parallel (writing stays in one process).")
@neo4j_option
@json_option
def ingest(paths: tuple[Path, ...], forced_format: str | None, gazetteers: tuple[Path, ...], mapping: Path | None,
           publisher: str | None, date: str | None, language: str | None, workers: int, use_neo4j: bool,
           as_json: bool) -> None:
    """Read annotated articles (files or folders) into the graph. Re-ingesting replaces an article."""
    # The home's write lock from before the gazetteer is read: an `actors alias` that lands while
    # this runs would otherwise be overwritten by the gazetteer entry read before it.
    with home_write_lock():
        _ingest(paths, forced_format, gazetteers, mapping, publisher, date, language, workers, use_neo4j, as_json)


def _ingest(paths: tuple[Path, ...], forced_format: str | None, gazetteers: tuple[Path, ...], mapping: Path | None,
            publisher: str | None, date: str | None, language: str | None, workers: int, use_neo4j: bool,
            as_json: bool) -> None:
    from actorgraph.ingest.pipeline import ingest_paths
    from actorgraph.ingest.registry import ReadOptions

    context = read_context(gazetteers)
    context.options = ReadOptions(mapping=mapping, publisher=publisher, date=date, language=language)
    with open_store(use_neo4j) as store, Progress(
            TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            TextColumn("{task.description}"), console=stdout_console() if not as_json else None,
            transient=True, disable=as_json) as bar:
        task = bar.add_task("", total=None)

        def progress(done: int, total: int, name: str) -> None:
            bar.update(task, completed=done, total=total, description=Path(name).name if name else "")

        report = ingest_paths(paths, store, forced_format=forced_format, context=context, progress=progress,
                              workers=workers)
    for warning in report.warnings:
        warning_line(warning)
    for problem in report.errors:
        error_line(str(problem))
    summary = {"backend": store.backend, "files": report.files, "articles": report.articles, "claims": report.claims,
               "new_actors": report.actors_created, "errors": len(report.errors), "warnings": len(report.warnings)}
    if as_json:
        print_json(summary)
    else:
        print_table([list(summary.values())], list(summary), title="ingest")
    if report.errors:
        sys.exit(1)


def _claim_row(claim: Claim) -> list[Any]:
    return [claim.subject, claim.predicate, claim.object, claim.article_id, claim.claimant or "", claim.polarity,
            claim.certainty, claim.date or "", claim.evidence.text]


CLAIM_COLUMNS = ["subject", "predicate", "object", "article", "claimant", "polarity", "certainty", "date", "sentence"]


@main.command()
@click.option("--subject", default=None, help="Actor id or name.")
@click.option("--predicate", default=None, help="A vocabulary term (any spelling).")
@click.option("--object", "object_", default=None, help="Actor id or name.")
@click.option("--article", default=None, help="Only claims of this article id.")
@click.option("--all", "all_polarities", is_flag=True, help="Include denied and negated claims.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@date_options
@origin_option
@neo4j_option
@json_option
def triples(subject: str | None, predicate: str | None, object_: str | None, article: str | None,
            all_polarities: bool, fmt: str, as_of: str | None, date_from: str | None, date_to: str | None,
            use_neo4j: bool, as_json: bool) -> None:
    """Print subject, predicate, object and article of every claim (asserted ones unless --all)."""
    flt = dated_filter(as_of, date_from, date_to, polarities=() if all_polarities else ("asserted",))
    with open_store(use_neo4j) as store:
        found = store.claims(flt, subject=_resolve_actor(store, subject) if subject else None,
                             predicate=predicate, object=_resolve_actor(store, object_) if object_ else None,
                             article_id=article)
    if as_json or fmt == "json":
        print_json([c.to_dict() for c in found])
    elif fmt == "tsv":
        print_table([[*_claim_row(c)[:4], c.polarity, c.id] for c in found],
                    ["subject", "predicate", "object", "article", "polarity", "claim"], fmt="tsv")
    else:
        print_table([_claim_row(c)[:8] for c in found], CLAIM_COLUMNS[:8], title=f"{len(found)} claims")


@main.command()
@click.argument("predicate")
@click.option("--subject", default=None, help="Actor id or name (who does it).")
@click.option("--object", "object_", default=None, help="Actor id or name (to whom).")
@origin_option
@neo4j_option
@json_option
def links(predicate: str, subject: str | None, object_: str | None, use_neo4j: bool, as_json: bool) -> None:
    """Who PREDICATE whom, reading inverse terms too (`links supports --object sdf`)."""
    with open_store(use_neo4j) as store:
        found = store.links(predicate, subject=_resolve_actor(store, subject) if subject else None,
                            object=_resolve_actor(store, object_) if object_ else None,
                            flt=dated_filter(None, None, None))
    rows = [[l.subject, l.predicate, l.object, l.claim.predicate, l.claim.article_id, l.claim.claimant or "",
             l.claim.evidence.text] for l in found]
    print_table(rows, ["subject", "predicate", "object", "as annotated", "article", "claimant", "sentence"],
                title=f"{len(found)} links", fmt="json" if as_json else "table")


@main.command()
@neo4j_option
@json_option
def stats(use_neo4j: bool, as_json: bool) -> None:
    """Counts of actors, articles, claims and relations in the store."""
    with open_store(use_neo4j) as store:
        s = store.stats()
    data = {"backend": store.backend, "actors": s.actors, "articles": s.articles, "claims": s.claims,
            "mentions": s.mentions, "asserted": s.asserted, "denied": s.denied, "negated": s.negated,
            "relations": s.relations}
    if as_json:
        print_json({**data, "by_predicate": s.by_predicate})
        return
    print_table([[k, v] for k, v in data.items()], ["what", "count"], title="stats")
    print_table(sorted(s.by_predicate.items(), key=lambda kv: -kv[1]), ["predicate", "asserted claims"])


@main.command()
@click.argument("actor")
@click.option("--as-of", "as_of", default=None, metavar="DATE",
              help="Only roles held and claims known on DATE.")
@origin_option
@neo4j_option
@json_option
def show(actor: str, as_of: str | None, use_neo4j: bool, as_json: bool) -> None:
    """An actor's card: names, type, roles, and every claim about it with its evidence."""
    flt = dated_filter(as_of, None, None, polarities=())
    with open_store(use_neo4j) as store:
        _show(store, actor, as_of, flt, as_json)


def _show(store: Store, actor: str, as_of: str | None, flt: ClaimFilter, as_json: bool) -> None:
    found = store.get_actor(_resolve_actor(store, actor))
    assert found is not None
    roles = active_roles(found, as_of)
    outgoing = store.claims(flt, subject=found.id)
    incoming = store.claims(flt, object=found.id)
    mentions = [m for m in store.mentions(actor_id=found.id) if not flt.origins or m.origin in flt.origins]
    if as_json:
        print_json({"actor": found.to_dict(), "roles": [r.to_dict() for r in roles],
                    "outgoing": [c.to_dict() for c in outgoing], "incoming": [c.to_dict() for c in incoming],
                    "mentions": [m.to_dict() for m in mentions]})
        return
    console = stdout_console()
    console.print(f"[bold]{found.name}[/bold]  {found.labels.get('ar', '')}  ({found.type}, id {found.id})")
    if found.aliases:
        console.print("aliases: " + ", ".join(found.aliases))
    if found.wikidata:
        console.print(f"wikidata: {found.wikidata}")
    for role in roles:
        target = store.get_actor(role.object)
        console.print("role: " + describe_role(role, target.name if target else None))
    vocabulary = default_vocabulary()
    rows = [[c.subject, vocabulary.term(c.predicate).labels["en"], c.object, c.polarity, c.claimant or "(article)",
             c.article_id, c.evidence.text] for c in outgoing + incoming]
    print_table(rows, ["subject", "relation", "object", "polarity", "claimant", "article", "sentence"],
                title=f"{len(rows)} claims")
    print_table([[m.article_id, m.span.start, m.span.text, m.resolution] for m in mentions],
                ["article", "at", "text", "resolved by"], title=f"{len(mentions)} mentions")


# Command groups that live in their own modules (`commands = [...]` in each); add a module here.
COMMAND_MODULES = (neo4j_commands, export_commands, actor_commands, claim_commands, convert_commands,
                   evaluate_commands, vocabulary_commands, extract_commands, view_commands,
                   explorer_commands, graph_commands)
for _module in COMMAND_MODULES:
    for _command in _module.commands:
        main.add_command(_command)


if __name__ == "__main__":  # pragma: no cover
    main()
