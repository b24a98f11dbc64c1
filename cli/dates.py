"""The time options every query command shares: --as-of, --from and --to (ISO dates).

Values are checked here so a typo is one clear line (`error: --as-of: '2022-13' is not an ISO
date (use YYYY, YYYY-MM or YYYY-MM-DD)`) instead of a silently empty answer; the semantics are
those of `graph.store.ClaimFilter`.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from actorgraph.cli.origin import chosen_origins
from actorgraph.graph.dates import check_iso_date, end_of
from actorgraph.graph.store import ClaimFilter

_OPTIONS = (
    click.option("--as-of", "as_of", default=None, metavar="DATE",
                 help="Only what was known on DATE: claims begun and articles published by then."),
    click.option("--from", "date_from", default=None, metavar="DATE",
                 help="Only claims whose date (else publication date) overlaps DATE or later."),
    click.option("--to", "date_to", default=None, metavar="DATE",
                 help="Only claims whose date (else publication date) overlaps DATE or earlier."),
)


def date_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add --as-of, --from and --to to a click command (as `as_of`, `date_from`, `date_to`)."""
    for option in reversed(_OPTIONS):
        command = option(command)
    return command


def dated_filter(as_of: str | None, date_from: str | None, date_to: str | None, **restrictions: Any) -> ClaimFilter:
    """A ClaimFilter with the time options checked and named as the user typed them, restricted
    to the origins the command's --origin option chose (`cli.origin`)."""
    for flag, value in (("--as-of", as_of), ("--from", date_from), ("--to", date_to)):
        if value is not None:
            check_iso_date(value, flag)
    if date_from and date_to and date_from > end_of(date_to):
        raise ValueError(f"--from {date_from} is after --to {date_to}")
    restrictions.setdefault("origins", chosen_origins())
    return ClaimFilter(as_of=as_of, date_from=date_from, date_to=date_to, **restrictions)
