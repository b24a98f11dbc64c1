"""Claims over time: counts per day, week or month, stacked by relation or by actor type.

A claim is placed at the start of its own period (`Claim.date`, a day, a partial date or a range)
or, without one, at its article's publication date. A claim with neither is *undated*: a
standing relation ("X is part of Y") that holds whatever the window, so time windows keep it
(`ClaimFilter.include_undated`) and the page counts it apart instead of placing it anywhere.
"""
from __future__ import annotations

import bisect
import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from actorgraph.graph.dates import end_of
from actorgraph.graph.model import Actor, Article, Claim
from actorgraph.graph.store import ClaimFilter

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


class TimeIndex:
    """The claims of a store ordered by when they begin, so a time window is a slice, not a scan.

    Moving the timeline's window re-filtered all 200,000 bench claims through `ClaimFilter`
    (string dates, `end_of` and `overlaps` per claim: 1-3 s a move). The bounds each claim's
    test needs are computed once per store version here; `select` then gives exactly the claims
    `ClaimFilter.accepts` gives (tests/test_timeline.py compares them), in the given order.
    """

    def __init__(self, claims: Sequence[Claim], articles: Mapping[str, Article]) -> None:
        self.claims = tuple(claims)
        dated: list[tuple[str, str, str, int]] = []
        self.undated: list[int] = []
        for position, claim in enumerate(self.claims):
            first, last = claim.date_range
            article = articles.get(claim.article_id)
            published = article.published if article is not None else None
            if first is None and published:
                first = last = published
            if first is None or last is None:
                self.undated.append(position)
            else:
                dated.append((first, end_of(last), published or "", position))
        dated.sort()
        self._starts = [d[0] for d in dated]
        self._rest = [(end, published, position) for _, end, published, position in dated]

    def select(self, flt: ClaimFilter, keep: Callable[[Claim], bool]) -> list[Claim]:
        """The claims within `flt`'s time restrictions that `keep` (the other restrictions) accepts."""
        if not flt.timed:
            return [c for c in self.claims if keep(c)]
        known_by = end_of(flt.as_of) if flt.as_of else None
        limit = min(b for b in (known_by, end_of(flt.date_to) if flt.date_to else None, "9999-99-99") if b)
        upto = bisect.bisect_right(self._starts, limit)
        date_from = flt.date_from or ""
        positions = [position for end, published, position in self._rest[:upto]
                     if end >= date_from and not (known_by and published > known_by)]
        if flt.include_undated:
            positions += self.undated
        positions.sort()
        return [c for c in map(self.claims.__getitem__, positions) if keep(c)]
