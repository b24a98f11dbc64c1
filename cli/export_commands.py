"""`actorgraph export` and `actorgraph validate-rdf`: the graph as RDF (or GraphML), and its SHACL check."""
from __future__ import annotations

import contextlib
import io
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

import click

from actorgraph.cli.output import error_line
from actorgraph.cli.stores import neo4j_option, open_store
from actorgraph.graph.rdf.formats import EXPORT_FORMATS
from actorgraph.graph.rdf.formats import export as export_store
from actorgraph.graph.rdf.terms import DEFAULT_BASE
from actorgraph.graph.store import Store


@contextlib.contextmanager
def atomic_text_output(path: Path) -> Iterator[TextIO]:
    """A text file that appears at `path` only once fully written (temp file + fsync + rename):
    an interrupted export never leaves a truncated file behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n", buffering=1 << 20) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(list(EXPORT_FORMATS)), default="ttl", show_default=True,
              help="; ".join(f"{f.name}: {f.description}" for f in EXPORT_FORMATS.values()) + ".")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write here (atomically) instead of stdout.")
@click.option("--base", default=DEFAULT_BASE, show_default=True,
              help="Base IRI of actors, articles and claims (the ontology namespace stays fixed).")
@neo4j_option
def export(fmt: str, output: Path | None, base: str, use_neo4j: bool) -> None:
    """Export actors, articles and every claim with its provenance and evidence."""
    with open_store(use_neo4j) as store:
        if output is None:
            _export_to_stdout(store, fmt, base)
        else:
            with atomic_text_output(output) as handle:
                count = export_store(store, handle, fmt, base)
            click.echo(f"wrote {count} {'edges' if fmt in ('graphml', 'gexf') else 'triples'} to {output}", err=True)


def _export_to_stdout(store: Store, fmt: str, base: str) -> None:
    stream = sys.stdout
    if isinstance(stream, io.TextIOWrapper):
        stream.reconfigure(encoding="utf-8")
    try:
        export_store(store, stream, fmt, base)
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
