"""actorgraph.graph.timeline: claims placed by their own date, else their article's, counted per period."""
from __future__ import annotations

import datetime as dt

import pytest

from actorgraph.graph.model import Actor, Article, Claim, Span
from actorgraph.graph.timeline import bucket, claim_day, timeline

SPAN = Span(0, 1, "x")
ACTORS = {"a": Actor("a", "State"), "b": Actor("b", "ArmedGroup")}
ARTICLES = {"p": Article("p", "t", "x", published="2022-02-14"), "u": Article("u", "t", "x")}


def claim(cid: str, article: str, date: str | None, predicate: str = "fights", subject: str = "a") -> Claim:
    return Claim(cid, article, subject, predicate, "b", SPAN, date=date)


def test_a_claim_is_placed_by_its_own_date_then_its_articles() -> None:
    assert claim_day(claim("1", "p", "2022-01-20/2022-01-21"), ARTICLES["p"]) == dt.date(2022, 1, 20)
    assert claim_day(claim("2", "p", "2021"), ARTICLES["p"]) == dt.date(2021, 1, 1)
    assert claim_day(claim("3", "p", None), ARTICLES["p"]) == dt.date(2022, 2, 14)
    assert claim_day(claim("4", "u", None), ARTICLES["u"]) is None


def test_buckets_start_on_monday_and_on_the_first_of_the_month() -> None:
    wednesday = dt.date(2022, 1, 19)
    assert bucket(wednesday, "week") == dt.date(2022, 1, 17) and bucket(wednesday, "month") == dt.date(2022, 1, 1)
    assert bucket(wednesday, "day") == wednesday


def test_counts_per_month_stacked_by_relation_and_by_type_with_undated_apart() -> None:
    claims = [claim("1", "p", "2022-01-20"), claim("2", "p", "2022-01-03", "attacks"), claim("3", "p", None),
              claim("4", "u", None), claim("5", "u", "2022-01-31", subject="b")]
    found = timeline(claims, ARTICLES, ACTORS, "month", "relation", {"fights": "fights against"})
    assert found.rows == ((dt.date(2022, 1, 1), "attacks", 1), (dt.date(2022, 1, 1), "fights against", 2),
                          (dt.date(2022, 2, 1), "fights against", 1))
    assert found.undated == 1 and (found.first, found.last) == (dt.date(2022, 1, 3), dt.date(2022, 2, 14))
    by_type = timeline(claims, ARTICLES, ACTORS, "week", "actor type")
    assert by_type.rows == ((dt.date(2022, 1, 3), "State", 1), (dt.date(2022, 1, 17), "State", 1),
                            (dt.date(2022, 1, 31), "ArmedGroup", 1), (dt.date(2022, 2, 14), "State", 1))
    with pytest.raises(ValueError):
        timeline(claims, ARTICLES, ACTORS, "year")


def test_time_index_selects_what_the_claim_filter_accepts() -> None:
    from actorgraph.graph.store import ClaimFilter
    from actorgraph.graph.timeline import TimeIndex

    articles = {**ARTICLES, "late": Article("late", "t", "x", published="2022-06-30")}
    claims = [claim("c1", "p", "2022-01-10"), claim("c2", "p", None), claim("c3", "u", None),
              claim("c4", "u", "2022-03"), claim("c5", "u", "2021/2022-02-20"), claim("c6", "late", "2022-01-05"),
              claim("c7", "u", "2022"), claim("c8", "late", None, predicate="supports")]
    index = TimeIndex(claims, articles)
    windows = [ClaimFilter(), ClaimFilter(date_from="2022-02-01"), ClaimFilter(date_to="2022-01-31"),
               ClaimFilter(date_from="2022-02-15", date_to="2022-03-02"), ClaimFilter(as_of="2022-02-14"),
               ClaimFilter(as_of="2022-01", include_undated=False), ClaimFilter(date_from="2023-01-01"),
               ClaimFilter(date_to="2021-06-30", include_undated=False)]
    for flt in windows:
        expected = [c.id for c in claims if flt.accepts(c, articles.get(c.article_id), None, None)]
        assert [c.id for c in index.select(flt, lambda c: True)] == expected, flt
    # by hand: March 2022 overlaps the window 15 Feb-2 Mar; so do the 2022 year and the undated c3
    assert [c.id for c in index.select(windows[3], lambda c: True)] == ["c3", "c4", "c5", "c7"]
    assert [c.id for c in index.select(windows[3], lambda c: c.id != "c7")] == ["c3", "c4", "c5"]
