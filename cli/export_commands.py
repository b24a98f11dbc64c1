"""`actorgraph export` and `actorgraph validate-rdf`: the graph in any registered format, and its SHACL check."""
from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import click

from actorgraph.cli.output import error_line
from actorgraph.cli.stores import neo4j_option, open_store
from actorgraph.graph.exporters.registry import EXPORTERS
from actorgraph.graph.exporters.registry import export as export_store
from actorgraph.graph.exporters.source import ExportSource, SubgraphSource
from actorgraph.graph.files import atomic_text_output
from actorgraph.graph.rdf.terms import DEFAULT_BASE
from actorgraph.graph.store import MAX_DEPTH

#: Actors an `--actor` export keeps at most (the nearest first): a hub at depth 3 reaches most of the graph.
NETWORK_LIMIT = 2000


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(list(EXPORTERS)), default="ttl", show_default=True,
              help="; ".join(f"{e.name}: {e.description}" for e in EXPORTERS.values()))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write here (atomically) instead of stdout.")
@click.option("--base", default=DEFAULT_BASE, show_default=True,
              help="Base IRI of actors, articles and claims (the ontology namespace stays fixed).")
@click.option("--actor", default=None, metavar="ID",
              help="Export only this actor's network (its neighbourhood, as the explorer shows it), not the store.")
@click.option("--depth", type=click.IntRange(1, MAX_DEPTH), default=1, show_default=True,
              help="With --actor: how many hops of neighbours.")
@neo4j_option
def export(fmt: str, output: Path | None, base: str, actor: str | None, depth: int, use_neo4j: bool) -> None:
    """Export actors, articles and every claim with its provenance and evidence (or one actor's network)."""
    with open_store(use_neo4j) as store:
        source: ExportSource = store
        if actor is not None:
            if store.get_actor(actor) is None:
                error_line(f"--actor {actor}: no such actor (find its id with `actorgraph actors search NAME`)")
                sys.exit(1)
            network = store.neighbourhood(actor, depth, limit=NETWORK_LIMIT)
            if network.truncated:
                click.echo(f"note: {actor}'s network has more than {NETWORK_LIMIT} actors; exporting the nearest"
                           f" {NETWORK_LIMIT} (lower --depth for a complete network)", err=True)
            source = SubgraphSource(store, network)
        if output is None:
            _export_to_stdout(source, fmt, base)
        else:
            with atomic_text_output(output) as handle:
                count = export_store(source, handle, fmt, base)
            click.echo(f"wrote {count} {EXPORTERS[fmt].unit} to {output}", err=True)


def _export_to_stdout(source: ExportSource, fmt: str, base: str) -> None:
    stream = sys.stdout
    if isinstance(stream, io.TextIOWrapper):
        stream.reconfigure(encoding="utf-8")
    try:
        export_store(source, stream, fmt, base)
        stream.flush()
    except BrokenPipeError:
        # The reader stopped early (`| head`): not an error. Point stdout at devnull so the
        # interpreter's final flush does not raise again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


@click.command("validate-rdf")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--engine", type=click.Choice(["pyshacl", "jena"]), default="pyshacl", show_default=True,
              help="SHACL engine: pyshacl, or Apache Jena (needs Java 17+ and Maven; fetched once).")
def validate_rdf(file: Path, engine: str) -> None:
    """Check an export against data/shapes.ttl (SHACL): `conforms`, or one line per violation."""
    from actorgraph.graph.java_jars import JavaToolError
    from actorgraph.graph.rdf.jena import validate_file_with_jena
    from actorgraph.graph.rdf.validate import validate_file

    try:
        report = validate_file_with_jena(file) if engine == "jena" else validate_file(file)
    except JavaToolError as exc:
        error_line(f"--engine jena: {exc}")
        sys.exit(1)
    if report.conforms:
        click.echo("conforms")
        return
    for line in report.lines():
        click.echo(line)
    error_line(f"{file}: {len(report.violations)} SHACL violation{'s' if len(report.violations) != 1 else ''}"
               " (one per line above)")
    sys.exit(1)


commands = [export, validate_rdf]
