"""The --origin option of every query command: annotated claims, extracted suggestions, or both.

`actorgraph extract` writes suggestions (claims with origin "extracted"); once ingested they sit
beside the claims people annotated. The default is `all`: loading extracted articles is a
deliberate act and every JSON output carries a claim's `origin`, so hiding them is the opt-in
(`--origin annotated`). The semantics are `graph.store.ClaimFilter.origins`.

The option stores its choice in the click context instead of adding a parameter to every
command, and `cli.dates.dated_filter` (which every query command already calls) applies it.
"""
from __future__ import annotations

from typing import Any

import click

CHOICES = ("all", "annotated", "extracted")
_KEY = "actorgraph.origins"


def _remember(ctx: click.Context, _param: click.Parameter, value: str) -> str:
    ctx.meta[_KEY] = origins(value)
    return value


origin_option = click.option(
    "--origin", type=click.Choice(CHOICES), default="all", show_default=True, expose_value=False,
    callback=_remember, help="Claims people annotated, suggestions `actorgraph extract` made, or all.")


def origins(choice: str) -> tuple[str, ...]:
    """ClaimFilter.origins for an --origin choice (`all` restricts nothing)."""
    return () if choice == "all" else (choice,)


def chosen_origins() -> tuple[str, ...]:
    """The origins the running command's --origin asked for; () outside a command or without it."""
    ctx: Any = click.get_current_context(silent=True)
    return ctx.meta.get(_KEY, ()) if ctx is not None else ()
