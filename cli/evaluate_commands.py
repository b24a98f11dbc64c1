"""`actorgraph evaluate GOLD PRED`: score predicted annotations against gold ones.

The library (`ingest.evaluation`) reads, pairs and counts; this module parses options and renders
the report: a summary table, a per-predicate table, one table per language, the actor alignment,
the articles found on one side only, and with `--show-errors` every disagreement with its sentence.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from actorgraph.cli.output import error_line, json_option, print_json, print_table, stdout_console, warning_line
from actorgraph.ingest.registry import reader_names

#: How each level reads in a table; the JSON keys are the level names themselves.
LEVEL_LABELS = {
    "mentions_exact": "mentions, exact span",
    "mentions_exact_actor": "mentions, exact span + actor",
    "mentions_overlap": "mentions, overlapping span",
    "mentions_overlap_actor": "mentions, overlapping span + actor",
    "actors": "actors per article",
    "claims": "claims (s, p, o, polarity)",
    "claims_relaxed": "claims, inverse/symmetric relaxed",
    "claims_claimant": "claims + claimant",
}
FIGURE_COLUMNS = ["P", "R", "F1", "TP", "FP", "FN"]
ERROR_TITLES = {"mention": "mention errors", "actor": "actor errors", "claim": "claim errors"}


def articles(count: int) -> str:
    return f"{count} article" if count == 1 else f"{count} articles"


def figure(value: float | None) -> str:
    """A ratio with three decimals; an undefined one (0/0) as an en dash."""
    return "–" if value is None else f"{value:.3f}"


def _figure_cells(counts: dict[str, Any]) -> list[Any]:
    return [figure(counts["precision"]), figure(counts["recall"]), figure(counts["f1"]),
            counts["tp"], counts["fp"], counts["fn"]]


def _claimant_caption(figures: dict[str, Any]) -> str:
    accuracy = figures["claimant_accuracy"]
    return (f"claimant accuracy on matched claims: {figure(accuracy['accuracy'])} "
            f"({accuracy['correct']} of {accuracy['matched']})")


def _print_figures(figures: dict[str, Any], title: str) -> None:
    """The summary table (level x P/R/F1/TP/FP/FN), claimant accuracy as its caption."""
    from actorgraph.ingest.evaluation import LEVELS

    table = Table(title=title, caption=_claimant_caption(figures), header_style="bold")
    table.add_column("level")
    for column in FIGURE_COLUMNS:
        table.add_column(column, justify="right")
    for level in LEVELS:
        table.add_row(LEVEL_LABELS[level], *(str(cell) for cell in _figure_cells(figures[level])))
    stdout_console().print(table)


def _print_predicates(data: dict[str, Any]) -> None:
    """One row per predicate; with several languages, an F1 column per language."""
    languages = list(data["languages"]) if len(data["languages"]) > 1 else []
    rows = []
    for predicate, counts in data["total"]["predicates"].items():
        by_language = [figure(data["languages"][lang]["predicates"].get(predicate, {}).get("f1")) for lang in languages]
        rows.append([predicate, *_figure_cells(counts), counts["support"], *by_language])
    print_table(rows, ["predicate", *FIGURE_COLUMNS, "support", *(f"F1 {lang}" for lang in languages)],
                title="claims per predicate (strict)")


def _print_articles(data: dict[str, Any]) -> None:
    """Articles on one side only, and how they count; articles paired by file name."""
    found = data["articles"]
    only_common = data["options"]["only_common"]
    rows = [[a, "gold only", "not scored" if only_common else "every gold item missed"] for a in found["only_gold"]]
    rows += [[a, "prediction only", "not scored" if only_common else "every item a false positive"]
             for a in found["only_pred"]]
    rows += [[f"{g} = {p}", "paired by file name", "scored"] for g, p in found["paired_by_file_name"]]
    if rows:
        print_table(rows, ["article", "found in", "counted as"], title="articles not paired by id")


def _print_alignment(data: dict[str, Any]) -> None:
    rows = [[a["article"], a["predicted"], a["gold"] or "(no overlapping gold mention)", a["overlap"]]
            for a in data["alignment"]]
    print_table(rows, ["article", "predicted actor", "aligned to gold actor", "shared characters"],
                title=f"actor alignment ({data['options']['align_actors']}): {len(rows)} predicted ids")


def _print_errors(data: dict[str, Any]) -> None:
    """One table per level; the note column only when some error has a note."""
    for level, title in ERROR_TITLES.items():
        errors = [e for e in data["errors"] if e["level"] == level]
        columns = ["article", "kind", "gold", "predicted", "sentence"]
        if any(e["note"] for e in errors):
            columns.append("note")
        print_table([[e[c] for c in columns] for e in errors], columns, title=f"{title}: {len(errors)}")


def render(data: dict[str, Any], show_errors: bool) -> None:
    """The report as rich tables, in the order a reader asks: how good, where, why."""
    counts = data["articles"]
    stdout_console().print(
        f"gold: {', '.join(data['gold'])} ({articles(counts['gold'])})   "
        f"predicted: {', '.join(data['pred'])} ({articles(counts['pred'])})   "
        f"paired: {counts['matched']}   scored: {counts['scored']}")
    languages = data["languages"]
    _print_figures(data["total"], f"all articles ({', '.join(languages) or 'none'})")
    _print_predicates(data)
    if len(languages) > 1:
        for language, figures in languages.items():
            _print_figures(figures, f"language {language} ({articles(figures['articles'])})")
    if data["options"]["align_actors"] != "none":
        _print_alignment(data)
    _print_articles(data)
    if show_errors:
        _print_errors(data)


@click.command()
@click.argument("gold", type=click.Path(path_type=Path))
@click.argument("pred", type=click.Path(path_type=Path))
@click.option("--format", "forced_format", type=click.Choice(reader_names()), default=None,
              help="Force a reader for both sides.")
@click.option("--gold-format", type=click.Choice(reader_names()), default=None, help="Force a reader for GOLD only.")
@click.option("--pred-format", type=click.Choice(reader_names()), default=None, help="Force a reader for PRED only.")
@click.option("--mapping", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Label mapping for tool exports, layered over data/mapping.yaml.")
@click.option("--gazetteer", "gazetteers", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Extra actor gazetteer (YAML) added to data/actors.yaml; repeatable.")
@click.option("--language", default=None, help="Language (ar, en...) of tool exports that do not say.")
@click.option("--align-actors", "align_new", is_flag=True,
              help="Map predicted actors that are not in the gazetteer to the gold actor their mentions overlap most.")
@click.option("--align-all-actors", "align_all", is_flag=True,
              help="Like --align-actors, for every predicted id absent from the gold article (gazetteer ids too).")
@click.option("--only-common", is_flag=True, help="Score only articles present on both sides.")
@click.option("--show-errors", is_flag=True, help="List misses and false positives with their sentence.")
@json_option
def evaluate(gold: Path, pred: Path, forced_format: str | None, gold_format: str | None, pred_format: str | None,
             mapping: Path | None, gazetteers: tuple[Path, ...], language: str | None, align_new: bool,
             align_all: bool, only_common: bool, show_errors: bool, as_json: bool) -> None:
    """Score PRED (predicted annotations) against GOLD: mentions, actors, claims, claimants, per language.

    GOLD and PRED are files or folders in any format ingest reads; articles pair by id, else by
    file name. Nothing is written to the store. See docs/evaluation.md for every figure.
    """
    from actorgraph.ingest.evaluation import EvaluationError, evaluate_paths
    from actorgraph.ingest.registry import ReadOptions

    align = "all" if align_all else "new" if align_new else "none"
    console = stdout_console()
    with Progress(TextColumn("[bold]evaluate"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"),
                  console=console, transient=True, disable=as_json or not console.is_terminal) as bar:
        task = bar.add_task("", total=None)

        def progress(done: int, total: int, name: str) -> None:
            bar.update(task, completed=done, total=total, description=name)

        try:
            report = evaluate_paths(gold, pred, align_actors=align, only_common=only_common,
                                    forced_format=forced_format, gold_format=gold_format, pred_format=pred_format,
                                    gazetteers=gazetteers, options=ReadOptions(mapping=mapping, language=language),
                                    progress=progress)
        except EvaluationError as exc:  # the unreadable articles first: they are often why nothing paired
            for problem in exc.read_errors:
                error_line(str(problem))
            error_line(str(exc))
            sys.exit(1)
    data = report.to_dict(include_errors=show_errors)
    if as_json:
        print_json(data)
    else:
        render(data, show_errors)
    for warning in report.warnings:
        warning_line(warning)
    for problem in report.read_errors:
        error_line(str(problem))
    if report.read_errors:
        sys.exit(1)


commands = [evaluate]
