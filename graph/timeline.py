"""Claims over time: counts per day, week or month, stacked by relation or by actor type.

A claim is placed at the start of its own period (`Claim.date`, a day, a partial date or a range)
or, without one, at its article's publication date. A claim with neither is *undated*: a
standing relation ("X is part of Y") that holds whatever the window, so time windows keep it
(`ClaimFilter.include_undated`) and the page counts it apart instead of placing it anywhere.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from actorgraph.graph.model import Actor, Article, Claim

GRANULARITIES = ("day", "week", "month")
STACKS = ("relation", "actor type")


def first_day(partial: str) -> dt.date:
    """The first day of an ISO date, month ('2022-01') or year ('2022')."""
    return dt.date.fromisoformat(partial + "-01" * (2 - partial.count("-")))


def claim_day(claim: Claim, article: Article | None) -> dt.date | None:
    """Where the timeline places a claim: its period's first day, else its article's date."""
    start = claim.date_range[0] or (article.published if article is not None else None)
    return first_day(start[:10]) if start else None


def bucket(day: dt.date, granularity: str) -> dt.date:
    """The first day of the day, ISO week (Monday) or month holding `day`."""
    if granularity == "week":
        return day - dt.timedelta(days=day.weekday())
    if granularity == "month":
        return day.replace(day=1)
    return day


@dataclass(frozen=True)
class Timeline:
    """Counts per (period start, group), and the claims that have no date at all."""

    rows: tuple[tuple[dt.date, str, int], ...]
    undated: int
    first: dt.date | None
    last: dt.date | None

    def records(self) -> list[dict[str, object]]:
        return [{"period": p.isoformat(), "group": g, "claims": n} for p, g, n in self.rows]


def timeline(claims: Iterable[Claim], articles: Mapping[str, Article], actors: Mapping[str, Actor],
             granularity: str = "month", stack: str = "relation",
             labels: Mapping[str, str] | None = None) -> Timeline:
    """Count `claims` per period; `stack` splits a period by relation label or by subject type."""
    if granularity not in GRANULARITIES or stack not in STACKS:
        raise ValueError(f"granularity must be one of {GRANULARITIES} and stack one of {STACKS}")
    counts: Counter[tuple[dt.date, str]] = Counter()
    undated = 0
    days: list[dt.date] = []
    for claim in claims:
        day = claim_day(claim, articles.get(claim.article_id))
        if day is None:
            undated += 1
            continue
        days.append(day)
        if stack == "relation":
            group = (labels or {}).get(claim.predicate, claim.predicate)
        else:
            subject = actors.get(claim.subject)
            group = subject.type if subject is not None else "?"
        counts[(bucket(day, granularity), group)] += 1
    rows = tuple(sorted((p, g, n) for (p, g), n in counts.items()))
    return Timeline(rows, undated, min(days) if days else None, max(days) if days else None)
