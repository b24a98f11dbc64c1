"""Edge weights: how well supported each relation between two actors is, and since when.

A relation stated once by one outlet and a relation stated by five outlets and denied by
nobody deserve different trust. `edge_weights` summarises, per actor pair and canonical
relation, the asserted claims behind it: how many, from how many independent sources and
distinct voices, over which dates, whether anyone contradicts it, and a confidence in [0, 1].

Confidence (documented in docs/claims.md, and kept deliberately simple so an analyst can redo
it by hand):

    strength of a voice     s = 0.6 * w(strongest certainty the voice gives the claim)
                            w: certain 1.0, probable 0.75, possible 0.5, alleged 0.35
    within one source       the strongest voice counts fully, each further voice of the same
                            source (e.g. the outlet and the sources it quotes) at half strength
    support                 1 - prod(1 - s) over the voices asserting the relation
    opposition              the same, over the voices denying or negating it
    confidence              support * (1 - opposition)

So one outlet stating a fact in its own voice gives 0.6, two independent outlets 0.84, three
0.936; a denial by an alleged voice (0.21) scales that by 0.79. Sources are publishers (an
article without one is its own source); the article's own voice is its publisher's voice.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from math import prod
from typing import Any

from actorgraph.graph.claims import SourcedClaim, Triple, comparison_filter, group_sides, latest, sourced_claims
from actorgraph.graph.store import ClaimFilter, Store
from actorgraph.graph.vocabulary import Vocabulary, default_vocabulary

CERTAINTY_WEIGHTS: dict[str, float] = {"certain": 1.0, "probable": 0.75, "possible": 0.5, "alleged": 0.35}
VOICE_STRENGTH = 0.6  # what one certain voice contributes
SAME_SOURCE_FACTOR = 0.5  # further voices printed by the same source are not independent


@dataclass(frozen=True)
class EdgeWeight:
    """The evidence summary of one canonical relation `subject predicate object`."""

    subject: str
    predicate: str
    object: str
    claims: int  # asserted claims
    sources: tuple[str, ...]  # independent sources of those claims (publishers, else article ids)
    claimants: tuple[str, ...]  # distinct voices (claimant, else the source)
    first: str | None
    last: str | None
    contested: bool
    denials: int  # claims against the relation
    confidence: float
    claim_ids: tuple[str, ...] = ()

    @property
    def relation(self) -> Triple:
        return (self.subject, self.predicate, self.object)

    def to_dict(self) -> dict[str, Any]:
        return {
            "subject": self.subject, "predicate": self.predicate, "object": self.object,
            "claims": self.claims, "sources": len(self.sources), "claimants": len(self.claimants),
            "source_ids": list(self.sources), "claimant_ids": list(self.claimants),
            "first": self.first, "last": self.last, "contested": self.contested, "denials": self.denials,
            "confidence": self.confidence, "claim_ids": list(self.claim_ids),
        }


def voice_strengths(claims: Iterable[SourcedClaim]) -> list[float]:
    """One strength per distinct (source, voice), halved for every voice after a source's first."""
    return strengths_of((s.source, s.voice, s.claim.certainty) for s in claims)


def strengths_of(voices: Iterable[tuple[str, str, str]]) -> list[float]:
    """`voice_strengths` of bare (source, voice, certainty) triples: what a store's aggregate read
    ships instead of the claims (`graph.edge_summaries`), so both give the same confidence."""
    best: dict[tuple[str, str], float] = {}
    for source, voice, certainty in voices:
        key = (source, voice)
        weight = VOICE_STRENGTH * CERTAINTY_WEIGHTS.get(certainty, CERTAINTY_WEIGHTS["alleged"])
        best[key] = max(best.get(key, 0.0), weight)
    by_source: dict[str, list[float]] = defaultdict(list)
    for (source, _), strength in best.items():
        by_source[source].append(strength)
    strengths = []
    for values in by_source.values():
        values.sort(reverse=True)
        strengths.extend([values[0], *(v * SAME_SOURCE_FACTOR for v in values[1:])])
    return strengths


def combined(strengths: Iterable[float]) -> float:
    """Noisy-OR of independent strengths: the chance at least one of them holds."""
    return 1.0 - prod(1.0 - s for s in strengths)


def confidence(for_claims: Iterable[SourcedClaim], against_claims: Iterable[SourcedClaim] = ()) -> float:
    """Support times (1 - opposition), rounded to three decimals; see the module docstring."""
    return confidence_of_strengths(voice_strengths(for_claims), voice_strengths(against_claims))


def confidence_of_strengths(support: Iterable[float], opposition: Iterable[float]) -> float:
    value = combined(support) * (1.0 - combined(opposition))
    return round(min(1.0, max(0.0, value)), 3)


def _weight(relation: Triple, for_claims: list[SourcedClaim], against_claims: list[SourcedClaim]) -> EdgeWeight:
    periods = [s.period for s in for_claims]
    return EdgeWeight(
        *relation,
        claims=len(for_claims),
        sources=tuple(sorted({s.source for s in for_claims})),
        claimants=tuple(sorted({s.voice for s in for_claims})),
        first=min((f for f, _ in periods if f), default=None),
        last=latest(l for _, l in periods if l),
        contested=bool(for_claims and against_claims),
        denials=len(against_claims),
        confidence=confidence(for_claims, against_claims),
        claim_ids=tuple(s.claim.id for s in for_claims),
    )


def edge_weights(store: Store, flt: ClaimFilter | None = None, *, min_sources: int = 0,
                 include_denied: bool = False, vocabulary: Vocabulary | None = None) -> list[EdgeWeight]:
    """One EdgeWeight per canonical relation, by confidence (highest first), then relation.

    Only asserted claims make an edge: a relation that is only denied or negated has no row
    unless `include_denied` (then with zero claims and zero confidence). `flt` chooses the
    claims considered (time, claimants, publishers, actor types; predicates in any spelling);
    its polarities are ignored. `min_sources` drops relations with fewer independent sources.
    """
    vocabulary = vocabulary or default_vocabulary()
    store_filter, keep = comparison_filter(flt, vocabulary)
    groups = group_sides(sourced_claims(store, store_filter), vocabulary)
    rows = [_weight(relation, sides.for_claims, sides.against_claims) for relation, sides in groups.items()
            if (sides.for_claims or include_denied) and (keep is None or relation[1] in keep)]
    rows = [r for r in rows if len(r.sources) >= min_sources]
    return sorted(rows, key=lambda r: (-r.confidence, -len(r.sources), r.relation))


def weight_of(relation: Triple, for_claims: list[SourcedClaim], against_claims: list[SourcedClaim]) -> EdgeWeight:
    """The EdgeWeight of one relation from its two sides (as `graph.claims.group_sides` makes them),
    for callers that grouped a part of the store themselves (the explorer's visible network)."""
    return _weight(relation, for_claims, against_claims)
