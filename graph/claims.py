"""Claims as an analyst reads them: who says what, through whom, when, and who contradicts it.

News about conflicts is mostly claims. "ISIS planned to smuggle 5,000 prisoners" is something
Iraqi military intelligence says; "over 100 prisoners escaped" is what local sources told a
reporter; the SDF spokesman denies any escape. This module turns stored claims into those
readings, using only the Store protocol, so every backend gives the same answers:

- `SourcedClaim`: a claim with its article (publisher, publication date): its voice, its
  independent source and its period;
- `claim_chain`: the reported-speech chain as one readable line;
- `contested`: the relations that some claims assert and others deny or negate, side by side;
- `active_roles`: an actor's date-bounded roles that hold on a given day.

Relations are compared in their canonical reading (`Vocabulary.canonical`), so
`sdf supported-by coalition` and `coalition supports sdf` are the same relation.
Edge weights, which build on the same grouping, live in `graph.weights`.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from actorgraph.graph.dates import end_of
from actorgraph.graph.model import Actor, Article, Claim, Role
from actorgraph.graph.store import ClaimFilter, Store, sort_claims
from actorgraph.graph.vocabulary import Vocabulary, default_vocabulary

Triple = tuple[str, str, str]


@dataclass(frozen=True)
class SourcedClaim:
    """A claim together with the article that carries it.

    `source` is the independent source: the article's publisher, or the article itself when
    the publisher is unknown. `voice` is who speaks: the claimant, or that source when the
    claim is in the article's own voice.
    """

    claim: Claim
    article: Article | None = None

    @property
    def publisher(self) -> str | None:
        return self.article.publisher if self.article is not None else None

    @property
    def published(self) -> str | None:
        return self.article.published if self.article is not None else None

    @property
    def source(self) -> str:
        return self.publisher or self.claim.article_id

    @property
    def voice(self) -> str:
        return self.claim.claimant or self.source

    @property
    def period(self) -> tuple[str | None, str | None]:
        """(first, last) day the claim is about: its own date, else its article's publication date."""
        first, last = self.claim.date_range
        if first is None and self.published:
            return self.published, self.published
        return first, last

    @property
    def chain(self) -> str:
        return claim_chain(self.claim, self.publisher)

    def to_dict(self) -> dict[str, Any]:
        """Plain values for `--json` and exports: the claim as annotated, with its attribution."""
        claim = self.claim
        return {
            "claim": claim.id,
            "subject": claim.subject,
            "predicate": claim.predicate,
            "object": claim.object,
            "polarity": claim.polarity,
            "certainty": claim.certainty,
            "claimant": claim.claimant,
            "voice": self.voice,
            "reported_via": list(claim.reported_via),
            "chain": self.chain,
            "article": claim.article_id,
            "publisher": self.publisher,
            "published": self.published,
            "date": claim.date,
            "denies": claim.denies,
            "evidence": claim.evidence.text,
            "origin": claim.origin,
        }


def claim_chain(claim: Claim, publisher: str | None = None, names: Mapping[str, str] | None = None) -> str:
    """The attribution of `claim` as one line of reported speech, outermost reporter first.

    "obada-mohammed reports that, according to local-sources, isis escapes-from sina-prison";
    "farhad-shami denies that isis escapes-from sina-prison (alleged)". A claim in the
    article's own voice is "according to the article (PUBLISHER), ...". `names` maps actor ids
    to display names; ids are used when it is omitted. Certainty other than `certain` is
    appended in parentheses.
    """
    def name(actor_id: str) -> str:
        return names.get(actor_id, actor_id) if names else actor_id

    speaker = name(claim.claimant) if claim.claimant else (
        f"the article ({name(publisher)})" if publisher else "the article")
    body = f"{name(claim.subject)} {claim.predicate} {name(claim.object)}"
    if claim.polarity == "denied":
        said = f"{speaker} denies that {body}"
    elif claim.polarity == "negated":
        said = f"according to {speaker}, it is not the case that {body}"
    else:
        said = f"according to {speaker}, {body}"
    reporters = [name(v) for v in claim.reported_via]
    if reporters:
        said = " reports that ".join(reporters) + " reports that, " + said
    return said if claim.certainty == "certain" else f"{said} ({claim.certainty})"


def sourced_claims(store: Store, flt: ClaimFilter | None = None, *,
                   article_id: str | None = None) -> list[SourcedClaim]:
    """Every claim passing `flt` (of any polarity unless it restricts them), with its article, in store order."""
    claims = store.claims(flt or ClaimFilter(polarities=()), article_id=article_id)
    if article_id is not None:
        article = store.get_article(article_id)
        return [SourcedClaim(c, article) for c in claims]
    articles = {a.id: a for a in store.articles()}
    return [SourcedClaim(c, articles.get(c.article_id)) for c in claims]


def comparison_filter(flt: ClaimFilter | None, vocabulary: Vocabulary) -> tuple[ClaimFilter, set[str] | None]:
    """The store filter for comparing claims, and the canonical predicates to keep (None: all).

    Comparing needs every polarity, and a predicate restriction must also match inverse
    spellings (asking for `supports` keeps `supported-by` claims), so both are lifted from the
    store filter; the predicates come back as canonical terms to check after canonicalising.
    """
    flt = flt or ClaimFilter()
    keep = {vocabulary.canonical_term(p) for p in flt.predicates} or None
    return replace(flt, polarities=(), predicates=()), keep


@dataclass
class Sides:
    """The claims for and against one canonical relation, and the explicit `denies` links."""

    for_claims: list[SourcedClaim] = field(default_factory=list)
    against_claims: list[SourcedClaim] = field(default_factory=list)
    denials: list[tuple[str, str]] = field(default_factory=list)


def group_sides(claims: Iterable[SourcedClaim], vocabulary: Vocabulary) -> dict[Triple, Sides]:
    """Claims grouped by canonical relation: asserted ones for it, denied or negated ones against.

    A claim whose `denies` names another claim of a different relation also stands against
    that claim's relation (on the side opposite the denied claim), so a contradiction is found
    even when the two annotations use different triples. A denial of a claim outside `claims`
    (filtered out, or in no store) only counts against its own relation.
    """
    claims = list(claims)
    by_id = {s.claim.id: s for s in claims}
    relation = {s.claim.id: vocabulary.canonical(s.claim.subject, s.claim.predicate, s.claim.object) for s in claims}
    groups: dict[Triple, Sides] = {}
    for sourced in claims:
        sides = groups.setdefault(relation[sourced.claim.id], Sides())
        (sides.for_claims if sourced.claim.asserted else sides.against_claims).append(sourced)
    for sourced in claims:
        denied = by_id.get(sourced.claim.denies or "")
        if denied is None:
            continue
        sides = groups[relation[denied.claim.id]]
        sides.denials.append((sourced.claim.id, denied.claim.id))
        if relation[sourced.claim.id] != relation[denied.claim.id]:
            (sides.against_claims if denied.claim.asserted else sides.for_claims).append(sourced)
    for sides in groups.values():
        sides.for_claims = _ordered(sides.for_claims)
        sides.against_claims = _ordered(sides.against_claims)
        sides.denials.sort()
    return groups


def _ordered(claims: list[SourcedClaim]) -> list[SourcedClaim]:
    by_id = {s.claim.id: s for s in claims}
    return [by_id[c.id] for c in sort_claims(s.claim for s in by_id.values())]


@dataclass(frozen=True)
class Contest:
    """One relation that some claims assert and others deny, negate or contradict.

    `subject predicate object` is the canonical reading. `for_claims` assert it;
    `against_claims` deny or negate it (or explicitly deny one of its claims). `denials` lists
    the explicit links `(denying claim id, denied claim id)` found among them.
    """

    subject: str
    predicate: str
    object: str
    for_claims: tuple[SourcedClaim, ...]
    against_claims: tuple[SourcedClaim, ...]
    denials: tuple[tuple[str, str], ...] = ()

    @property
    def relation(self) -> Triple:
        return (self.subject, self.predicate, self.object)

    def to_dict(self) -> dict[str, Any]:
        return {
            "relation": {"subject": self.subject, "predicate": self.predicate, "object": self.object},
            "for": [s.to_dict() for s in self.for_claims],
            "against": [s.to_dict() for s in self.against_claims],
            "denials": [{"claim": c, "denies": d} for c, d in self.denials],
        }


def contested(store: Store, flt: ClaimFilter | None = None, vocabulary: Vocabulary | None = None) -> list[Contest]:
    """Every relation with claims on both sides, ordered by canonical (subject, predicate, object).

    `flt` chooses which claims are compared (time window, as-of day, claimants, publishers,
    actor types, predicates in any spelling); its polarities are ignored, since a contest needs
    both. Within a side, claims come in store order (article, position, id).
    """
    vocabulary = vocabulary or default_vocabulary()
    store_filter, keep = comparison_filter(flt, vocabulary)
    groups = group_sides(sourced_claims(store, store_filter), vocabulary)
    return [Contest(*relation, tuple(sides.for_claims), tuple(sides.against_claims), tuple(sides.denials))
            for relation, sides in sorted(groups.items())
            if sides.for_claims and sides.against_claims and (keep is None or relation[1] in keep)]


def active_roles(actor: Actor, as_of: str | None = None) -> tuple[Role, ...]:
    """The actor's roles that hold on `as_of` (all of them when None); see `Role.holds_on`."""
    if as_of is None:
        return actor.roles
    return tuple(role for role in actor.roles if role.holds_on(as_of))


def latest(days: Iterable[str]) -> str | None:
    """The latest of some ISO dates, reading a partial date as the end of its period."""
    return max(days, key=end_of, default=None)
