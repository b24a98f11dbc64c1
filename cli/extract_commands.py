"""`actorgraph extract`: suggested mentions and claims from raw .txt/.html articles, for review."""
from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from actorgraph.cli.output import error_line, json_option, print_json, print_table, stdout_console, warning_line
from actorgraph.graph.dates import check_iso_date

TARGETS = ("native", "label-studio", "inception", "brat", "doccano")
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")


def _check_options(date: str | None, language: str | None) -> None:
    if date is not None:
        check_iso_date(date, "--date")
    if language is not None and not _LANGUAGE.match(language):
        raise click.BadParameter(f"{language!r} is not an ISO 639 code (use ar or en)", param_hint="--language")


def _gazetteer(paths: tuple[Path, ...]) -> Any:
    from actorgraph.graph.gazetteer import default_gazetteer, load_gazetteer

    gazetteer = default_gazetteer()
    for path in paths:
        for actor in load_gazetteer(path).actors.values():
            gazetteer.add(actor)
    return gazetteer


@click.command("extract")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--out", type=click.Path(path_type=Path, file_okay=False), required=True,
              help="Output folder (created if needed).")
@click.option("--to", "to", type=click.Choice(TARGETS), default="native", show_default=True,
              help="native: one article JSON per input (ingestible); a tool: pre-annotations in its import format.")
@click.option("--publisher", default=None, help="Publisher of files that do not say (header, page metadata).")
@click.option("--date", default=None, help="Publication date (ISO) of files that do not say.")
@click.option("--language", default=None, help="Language (ar, en) of files that do not say; else told from the script.")
@click.option("--no-cleanup", "no_cleanup", is_flag=True,
              help="Keep the text whole: do not cut reader comments and page furniture from .txt page dumps.")
@click.option("--gazetteer", "gazetteers", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Extra actor gazetteer (YAML) added to data/actors.yaml; repeatable.")
@json_option
def extract(paths: tuple[Path, ...], out: Path, to: str, publisher: str | None, date: str | None,
            language: str | None, no_cleanup: bool, gazetteers: tuple[Path, ...], as_json: bool) -> None:
    """Suggest mentions and claims in raw articles (.txt, .html; files or folders), marked `extracted`.

    Review them in your annotation tool (--to), or `actorgraph ingest` the native output directly:
    an annotated article with the same id always wins over an extracted one.
    """
    from actorgraph.ingest.extract.run import extract_paths

    _check_options(date, language)
    options = {"publisher": publisher, "date": date, "language": language, "cleanup": not no_cleanup}
    with Progress(TextColumn("[bold]extract"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  TextColumn("{task.description}"), console=stdout_console() if not as_json else None,
                  transient=True, disable=as_json) as bar:
        task = bar.add_task("", total=None)

        def progress(done: int, total: int, name: str) -> None:
            bar.update(task, completed=done, total=total, description=Path(name).name)

        report = extract_paths(paths, out, to=to, options=options, gazetteer=_gazetteer(gazetteers), progress=progress)
    for warning in report.warnings:
        warning_line(warning)
    for problem in report.errors:
        error_line(str(problem))
    totals = {"files": len(report.files) + len(report.errors), "articles": report.articles,
              "mentions": sum(f.mentions for f in report.files), "claims": sum(f.claims for f in report.files),
              "errors": len(report.errors), "to": to, "out": str(out)}
    if as_json:
        print_json({**totals, "articles_written": [f.to_dict() for f in report.files],
                    "written": [str(p) for p in report.written], "errors_found": [str(e) for e in report.errors]})
    else:
        rows = [[Path(f.path).name, f.article_id, f.language, f.encoding, f.characters, f.mentions, f.claims,
                 "; ".join(f.removed)] for f in report.files]
        print_table(rows, ["file", "article", "lang", "encoding", "chars", "mentions", "claims", "removed"],
                    title=f"extracted {report.articles} articles to {out} ({to})")
        print_table([list(totals.values())], list(totals))
    if report.errors:
        sys.exit(1)


commands = [extract]
