"""ISO dates as the model keeps them: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, and ranges `START/END`.

Dates stay strings, because annotators often know only the year or the month. Strings in this
form sort in time order, and a partial date compares *before* every day inside it
("2022-01" < "2022-01-05"), so it can stand for the first day of its period. `end_of` gives the
matching upper bound ("2022-01" -> "2022-01-99"), so "does this period overlap that one" stays a
pair of string comparisons that the embedded store and Cypher answer the same way.
"""
from __future__ import annotations

import re
from datetime import date

ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
DATE_HINT = "use YYYY, YYYY-MM or YYYY-MM-DD"


def end_of(partial: str) -> str:
    """The upper bound of a partial ISO date, for string comparison ('2022' -> '2022-99-99')."""
    return partial + "-99" * (2 - partial.count("-"))


def is_iso_date(value: str) -> bool:
    """True for a real calendar date in one of the three ISO precisions (no '2022-02-30')."""
    match = ISO_DATE.match(value)
    if match is None:
        return False
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        date(year or 1, month or 1, day or 1)
    except ValueError:
        return False
    return True


def check_iso_date(value: str, what: str) -> str:
    """`value` unchanged when it is an ISO date; a ValueError naming `what` and the forms otherwise."""
    if not isinstance(value, str) or not is_iso_date(value):
        raise ValueError(f"{what}: {value!r} is not an ISO date ({DATE_HINT})")
    return value


def overlaps(first: str, last: str, date_from: str | None, date_to: str | None) -> bool:
    """True when the period `first`..`last` shares at least one day with `date_from`..`date_to`.

    Open window ends are unbounded. Partial dates cover their whole period on both sides, so
    a claim dated "2022-01" overlaps the window "2022-01-15/2022-02-01".
    """
    if date_from and end_of(last) < date_from:
        return False
    return not (date_to and first > end_of(date_to))
