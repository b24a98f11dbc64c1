"""`actorgraph convert`: write native articles in an annotation tool's format (brat, Label Studio...)."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from actorgraph.cli.output import error_line, print_table
from actorgraph.graph.model import Document
from actorgraph.ingest.exporters import CARRIES, EXPORTERS, export


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--to", "to", required=True, type=click.Choice(list(EXPORTERS)),
              help="The annotation tool format to write.")
@click.option("-o", "--out", type=click.Path(path_type=Path, file_okay=False), required=True, help="Output folder.")
def convert(paths: tuple[Path, ...], to: str, out: Path) -> None:
    """Convert annotated articles (any readable format) to an annotation tool's format."""
    from actorgraph.ingest.pipeline import collect_files, read_documents
    from actorgraph.ingest.registry import ReadContext

    files, errors = collect_files(paths)
    documents: list[Document] = [doc for _, doc in read_documents(files, ReadContext(), errors=errors)]
    written = export(documents, to, out)
    for problem in errors:
        error_line(str(problem))
    print_table([[str(p)] for p in written], ["written"],
                title=f"{len(documents)} articles as {to}"
                      f" (carries subject, predicate, object, {', '.join(CARRIES[to])})")
    if errors:
        sys.exit(1)


commands = [convert]
