"""Shared output for every command: readable tables on a terminal, JSON or TSV for machines,
and one-line errors on stderr."""
from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from typing import Any

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON for machines.")


def stdout_console() -> Console:
    return Console(soft_wrap=False)


def stderr_console() -> Console:
    return Console(stderr=True, soft_wrap=True, highlight=False)


def error_line(message: str) -> None:
    """One line on stderr, prefixed so it stands out in logs."""
    click.echo(f"error: {message}", err=True)


def usage_error_line(exc: click.UsageError) -> str:
    """A malformed option or argument as one line with an example of a good value.

    click's own report is three lines (usage, a hint, the error) and never shows a good value;
    the example is the option's default, or its choices (already in click's message).
    """
    message = exc.format_message().rstrip(".")
    param = getattr(exc, "param", None)
    example = _example_value(param) if isinstance(param, click.Option) else None
    if isinstance(param, click.Option) and example is not None:
        message += f" (e.g. {param.opts[-1]} {example})"
    elif isinstance(getattr(param, "type", None), click.Path):
        message += " (give the path of an existing file or folder)"
    command = exc.ctx.command_path if exc.ctx is not None else "actorgraph"
    return f"{message}; see `{command} --help`"


def _example_value(param: click.Option) -> Any:
    """A good value for `param`: its default, else one its type accepts (None when unknown)."""
    default = param.default
    if default is not None and default is not False and default not in ((), "") and not callable(default):
        return default
    kind = param.type
    if isinstance(kind, click.Choice):
        return kind.choices[0]
    if isinstance(kind, (click.IntRange, click.FloatRange)):
        if kind.min is not None:
            return kind.min + 1 if kind.min_open else kind.min
        if kind.max is not None:
            return kind.max - 1 if kind.max_open else kind.max
    if isinstance(kind, click.types.IntParamType):
        return 10
    if isinstance(kind, click.types.FloatParamType):
        return 0.5
    return None


def warning_line(message: str) -> None:
    click.echo(f"warning: {message}", err=True)


def print_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def print_table(rows: Iterable[Sequence[Any]], columns: Sequence[str], *, title: str | None = None,
                fmt: str = "table") -> None:
    """Print rows as a rich table, TSV (`fmt="tsv"`) or JSON objects (`fmt="json"`)."""
    rows = [["" if v is None else v for v in row] for row in rows]
    if fmt == "json":
        print_json([dict(zip(columns, row, strict=True)) for row in rows])
    elif fmt == "tsv":
        out = sys.stdout
        out.write("\t".join(columns) + "\n")
        for row in rows:
            out.write("\t".join(str(v).replace("\t", " ").replace("\n", " ") for v in row) + "\n")
    else:
        table = Table(title=title, show_lines=False, header_style="bold")
        for column in columns:
            table.add_column(column, overflow="fold")
        for row in rows:  # Text, not markup: "[denied]" or "[sic]" in data must print as written
            table.add_row(*(Text(str(v)) for v in row))
        stdout_console().print(table)
