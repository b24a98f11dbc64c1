"""From per-triple counts to `EdgeSummary` values: the one finishing step both stores share.

Each store counts what it can cheaply where its data lives (the embedded store in Python over
its in-memory indexes, `graph.embedded_reads`; Neo4j server-side with one aggregate Cypher
statement, `graph.neo4j.aggregates`) and hands over one `TripleCounts` per triple. What needs
the canonical reading of a relation, which spans two spellings (`supports` / `supported-by`),
is done here once: the contested flag and the weight (`graph.weights`), so both stores agree to
the last decimal.
"""
from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import cast

from actorgraph.graph.claims import Triple, latest
from actorgraph.graph.model import Article, Claim
from actorgraph.graph.store import ClaimFilter, ClaimOverview, EdgeSummary
from actorgraph.graph.vocabulary import Vocabulary
from actorgraph.graph.weights import confidence_of_strengths, strengths_of

#: (source, voice, certainty, asserted): what the weight of a relation reads from one claim.
Voice = tuple[str, str, str, bool]


@dataclass(slots=True)
class TripleCounts:
    """What a store counted for one triple. `claims`/`asserted`/`denied`/`sources`/`articles`/`dates`
    are over the claims passing the whole filter; `all_asserted`, `all_against` and `voices` over
    the claims passing it with its polarity restriction lifted (see `EdgeSummary`)."""

    triple: Triple
    claims: int = 0
    asserted: int = 0
    denied: int = 0
    sources: int = 0
    articles: int = 0
    dates: set[str] = field(default_factory=set)  # claim dates (maybe `START/END`), else publication dates
    all_asserted: int = 0
    all_against: int = 0
    voices: set[Voice] = field(default_factory=set)


def source_of(claim: Claim, article: Article | None) -> str:
    """The independent source of a claim: its article's publisher, else the article itself."""
    publisher = article.publisher if article is not None else None
    return publisher or claim.article_id


def period_bounds(dates: Collection[str]) -> tuple[str | None, str | None]:
    """First start and latest end of some dates or `START/END` ranges (`graph.weights`' reading)."""
    if len(dates) == 1 and "/" not in (only := next(iter(dates))):  # the usual single day
        return only, only
    starts, ends = [], []
    for value in dates:
        if not value:
            continue
        first, _, last = value.partition("/")
        starts.append(first)
        ends.append(last or first)
    return min(starts, default=None), latest(ends)


def count_claims(claims: Iterable[tuple[Claim, Article | None]], polarities: tuple[str, ...]) -> list[TripleCounts]:
    """`TripleCounts` of claims that passed a filter with its polarity restriction lifted;
    `polarities` (empty: all) is the restriction, applied here to the counts that need it.

    Claims are grouped first (one dict append each) and each group counted in one go: most
    triples of a big graph have a single claim, and per-claim bookkeeping (a set per field)
    cost more than the claims themselves.
    """
    groups: dict[Triple, list[tuple[Claim, Article | None]]] = {}
    for pair in claims:
        claim = pair[0]
        triple = (claim.subject, claim.predicate, claim.object)
        group = groups.get(triple)
        if group is None:
            groups[triple] = [pair]
        else:
            group.append(pair)
    return [_count(triple, group, polarities) for triple, group in groups.items()]


def _count(triple: Triple, group: list[tuple[Claim, Article | None]], polarities: tuple[str, ...]) -> TripleCounts:
    if len(group) == 1:  # most triples: no sets to build for the counts
        claim, article = group[0]
        asserted = claim.polarity == "asserted"
        source = (article.publisher if article is not None else None) or claim.article_id
        passes = int(not polarities or claim.polarity in polarities)
        date = claim.date or (article.published if article is not None else None)
        return TripleCounts(triple, passes, passes * asserted, passes * (not asserted), passes, passes,
                            {date} if passes and date else set(), int(asserted), int(not asserted),
                            {(source, claim.claimant or source, claim.certainty, asserted)})
    voices: set[Voice] = set()
    all_asserted = 0
    passing = []
    for claim, article in group:
        asserted = claim.polarity == "asserted"
        all_asserted += asserted
        source = (article.publisher if article is not None else None) or claim.article_id
        voices.add((source, claim.claimant or source, claim.certainty, asserted))
        if not polarities or claim.polarity in polarities:
            passing.append((claim, article, source))
    dates = {claim.date or (article.published if article is not None else None) or "" for claim, article, _ in passing}
    dates.discard("")
    asserted_passing = sum(claim.polarity == "asserted" for claim, _, _ in passing)
    return TripleCounts(
        triple, claims=len(passing), asserted=asserted_passing, denied=len(passing) - asserted_passing,
        sources=len({source for _, _, source in passing}), articles=len({claim.article_id for claim, _, _ in passing}),
        dates=dates, all_asserted=all_asserted, all_against=len(group) - all_asserted, voices=voices)


def _canonical(vocabulary: Vocabulary, triple: Triple) -> Triple:
    try:
        return vocabulary.canonical(*triple)
    except KeyError:  # a predicate outside the vocabulary stays as annotated
        return triple


def summarise(counts: Iterable[TripleCounts], vocabulary: Vocabulary) -> list[EdgeSummary]:
    """One EdgeSummary per triple with at least one claim under the whole filter, sorted by triple."""
    counts = list(counts)
    relation: dict[Triple, Triple] = {c.triple: _canonical(vocabulary, c.triple) for c in counts}
    sides: dict[Triple, list[int]] = {}
    voices: dict[Triple, set[Voice]] = {}
    for tally in counts:
        key = relation[tally.triple]
        both = sides.setdefault(key, [0, 0])
        both[0] += tally.all_asserted
        both[1] += tally.all_against
        voices.setdefault(key, set()).update(tally.voices)
    weights = {key: _weight(found) for key, found in voices.items()}
    summaries = []
    for tally in counts:
        if not tally.claims:
            continue
        key = relation[tally.triple]
        first, last = period_bounds(tally.dates)
        summaries.append(EdgeSummary(
            *tally.triple, claims=tally.claims, asserted=tally.asserted, denied=tally.denied,
            sources=tally.sources, articles=tally.articles, first=first, last=last,
            contested=bool(sides[key][0] and sides[key][1]), weight=weights[key]))
    return sorted(summaries, key=lambda e: e.triple)


def _weight(voices: set[Voice]) -> float:
    """`graph.weights.confidence` of a relation from its claims' voices (for, against)."""
    if len(voices) == 1:  # one voice: one strength, nothing against or nothing for
        source, voice, certainty, asserted = next(iter(voices))
        return confidence_of_strengths(strengths_of(((source, voice, certainty),)), ()) if asserted else 0.0
    support = strengths_of((s, v, c) for s, v, c, asserted in voices if asserted)
    if not support:
        return 0.0
    return confidence_of_strengths(support, strengths_of((s, v, c) for s, v, c, asserted in voices if not asserted))


def summaries_by_pair(edges: Iterable[EdgeSummary]) -> Mapping[frozenset[str], list[EdgeSummary]]:
    """Summaries under the unordered pair of actors they link (a path hop reads both directions)."""
    pairs: dict[frozenset[str], list[EdgeSummary]] = {}
    for edge in edges:
        pairs.setdefault(frozenset((edge.subject, edge.object)), []).append(edge)
    return pairs


def any_polarity(flt: ClaimFilter) -> ClaimFilter:
    """`flt` with its polarity restriction lifted: the claims the contested flag and the weight read."""
    return replace(flt, polarities=())


def claim_overview_of(claims: Iterable[tuple[Claim, Article | None]], limit: int) -> ClaimOverview:
    """`Store.claim_overview` of claims that already passed the filter (the embedded store's; the
    contract suite checks Neo4j's server-side count against it). Counted with `Counter.update` over
    generators (the loop runs in C): one pass over 200,000 claims is most of a landing page."""
    pairs = list(claims)
    degree: Counter[str] = Counter(claim.subject for claim, _ in pairs)
    degree.update(claim.object for claim, _ in pairs if claim.object != claim.subject)
    dates = {claim.date or (article.published if article is not None else None) for claim, article in pairs}
    dates.discard(None)
    dates.discard("")
    first, last = period_bounds(cast("set[str]", dates))
    return ClaimOverview(len(pairs), first, last, len(degree), busiest(degree.items(), limit))


def busiest(counts: Iterable[tuple[str, int]], limit: int) -> tuple[tuple[str, int], ...]:
    """The `limit` (actor, count) pairs with the highest counts, ties by actor id."""
    return tuple(heapq.nsmallest(limit, counts, key=lambda item: (-item[1], item[0])))


@dataclass(frozen=True)
class ClaimAggregates:
    """`Store.claim_overview` and `Store.edge_summaries` over claims already chosen by the caller:
    a time window's claims, sliced from `graph.timeline.TimeIndex`, every polarity, otherwise
    through the filter. The embedded store answers both by testing every one of its 200,000
    claims (or every claim among the hubs) against the filter's dates, 1-2 s per new window;
    a window is a slice of the date index. Same results as the store's (tests/test_derived.py)."""

    claims: tuple[Claim, ...]
    articles: Mapping[str, Article]
    vocabulary: Vocabulary

    def _with_articles(self, claims: Iterable[Claim]) -> Iterable[tuple[Claim, Article | None]]:
        return ((c, self.articles.get(c.article_id)) for c in claims)

    def claim_overview(self, flt: ClaimFilter, limit: int = 30) -> ClaimOverview:
        keep = frozenset(flt.polarities)
        articles = self.articles  # only a claim without a date reads its article (its publication day)
        return claim_overview_of(((c, None if c.date else articles.get(c.article_id)) for c in self.claims
                                  if not keep or c.polarity in keep), limit)

    def edge_summaries(self, flt: ClaimFilter, among: Iterable[str] | None = None) -> list[EdgeSummary]:
        chosen: Iterable[Claim] = self.claims
        if among is not None:
            members = frozenset(among)
            chosen = (c for c in self.claims if c.subject in members and c.object in members)
        return summarise(count_claims(self._with_articles(chosen), flt.polarities), self.vocabulary)
