"""actorgraph.graph.overview: hubs by claims, the strongest links only, and contests counted per relation."""
from __future__ import annotations

from actorgraph.graph.model import Actor, Article, Claim, Span
from actorgraph.graph.overview import build_overview, contest_counts, strongest_links
from actorgraph.graph.vocabulary import default_vocabulary

SPAN = Span(0, 1, "x")


def claim(cid: str, s: str, p: str, o: str, polarity: str = "asserted") -> Claim:
    return Claim(cid, "a1", s, p, o, SPAN, polarity=polarity)


def test_strongest_links_keep_the_links_with_most_claims() -> None:
    claims = [claim("1", "a", "fights", "b"), claim("2", "a", "fights", "b"), claim("3", "b", "attacks", "c"),
              claim("4", "c", "supports", "a")]
    kept, cut = strongest_links(claims, limit=2)
    assert [c.id for c in kept] == ["1", "2", "3"] and cut == 1  # ties by (subject, predicate, object)


def test_contests_are_counted_on_the_canonical_relation_most_balanced_first() -> None:
    claims = [claim("1", "a", "supports", "b"), claim("2", "b", "supported-by", "a", "denied"),
              claim("3", "c", "fights", "d"), claim("4", "c", "fights", "d"), claim("5", "c", "fights", "d", "negated"),
              claim("6", "a", "supports", "b", "denied"), claim("7", "x", "attacks", "y")]
    assert contest_counts(claims, default_vocabulary()) == ((("a", "supports", "b"), 1, 2),
                                                            (("c", "fights", "d"), 2, 1))


def test_a_big_graph_shows_its_hubs_and_a_small_one_all_of_it() -> None:
    actors = [Actor(x, "State") for x in "abcd"]
    claims = [claim("1", "a", "fights", "b"), claim("2", "a", "fights", "c"), claim("3", "a", "fights", "d")]
    small = build_overview(actors, [Article("a1", "t", "x", published="2022-03")], claims)
    assert small.whole and {a.id for a in small.network.actors} == {"a", "b", "c", "d"}
    assert (small.first_date, small.last_date, small.languages) == ("2022-03", "2022-03", (("ar", 1),))
    hubs = build_overview(actors, [], claims, limit=2, whole_limit=3)
    assert not hubs.whole and hubs.hubs == (("a", 3), ("b", 1)) and [c.id for c in hubs.network.claims] == ["1"]


def test_many_small_parts_are_packed_in_columns_not_one_tall_line() -> None:
    """40 lone actors beside a connected part: stacked in one column they made a drawing 20 times
    taller than wide, which fitting to the screen shrank to a dotted line (seen on the corpus)."""
    from actorgraph.explorer.layout import SCALE, stable_positions
    from actorgraph.graph.model import Claim, Span

    main = [f"hub-{i}" for i in range(12)]
    claims = [Claim(id=f"c{i}", article_id="a", subject=main[0], predicate="supports", object=other,
                    evidence=Span(0, 1, "x")) for i, other in enumerate(main[1:])]
    lone = [f"lone-{i:02d}" for i in range(40)]
    positions = stable_positions(main + lone, claims)
    ys = [y for _, y in positions.values()]
    xs = [x for x, _ in positions.values()]
    assert max(ys) - min(ys) <= 2.5 * SCALE  # no taller than the main part, give or take its margin
    assert len({round(x) for n, (x, _) in positions.items() if n.startswith("lone")}) > 1  # several columns
    assert max(xs) - min(xs) < 10 * SCALE
