"""The one Store interface, and the plain values its queries return.

Two implementations: `graph.embedded.EmbeddedStore` (networkx, one file, no server) and
`graph.neo4j.store.Neo4jStore` (a real server over Bolt). Neither has a public method the other
lacks, and `tests/test_store_contract.py` runs the same tests against both.

Edges are views over claims: a relation between two actors exists because claims say so, and
every query can return the claims behind an edge. Only `asserted` claims count as edges unless a
`ClaimFilter` asks for other polarities.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import NamedTuple, Protocol, Self, runtime_checkable

from actorgraph.graph.dates import check_iso_date, end_of, overlaps
from actorgraph.graph.merges import MergeRecord
from actorgraph.graph.model import Actor, Article, Claim, Document, Mention
from actorgraph.graph.vocabulary import Vocabulary

MAX_DEPTH = 3
MAX_HOPS = 6
DEFAULT_NODE_LIMIT = 200


@dataclass(frozen=True)
class ClaimFilter:
    """Which claims count. Empty tuples mean "no restriction"; dates are ISO strings.

    Time (all bounds inclusive; `YYYY` and `YYYY-MM` stand for their whole period):
    - a claim's period is its `date` (a day, a partial date, or a range `START/END`); a claim
      without a date takes its article's `published` date;
    - `date_from`/`date_to` keep claims whose period overlaps the window (either end may be open);
    - `as_of` keeps what could be known on that day: the claim's period has begun by then
      (`START <= as_of`) and its article, when its publication date is known, was published by then;
    - a claim with no date and no publication date passes the time restrictions only when
      `include_undated` is true.
    Malformed dates, or `date_from` after `date_to`, raise ValueError at construction.
    """

    predicates: tuple[str, ...] = ()
    actor_types: tuple[str, ...] = ()
    polarities: tuple[str, ...] = ("asserted",)
    claimants: tuple[str, ...] = ()
    publishers: tuple[str, ...] = ()
    date_from: str | None = None
    date_to: str | None = None
    as_of: str | None = None
    include_undated: bool = True
    #: ("annotated",) hides `actorgraph extract`'s suggestions, ("extracted",) shows only them.
    origins: tuple[str, ...] = ()

    def accepts(self, claim: Claim, article: Article | None, subject: Actor | None, obj: Actor | None) -> bool:
        """True when `claim` passes every restriction of this filter."""
        if self.polarities and claim.polarity not in self.polarities:
            return False
        if self.predicates and claim.predicate not in self.predicates:
            return False
        if self.origins and claim.origin not in self.origins:
            return False
        if self.claimants and (claim.claimant or "") not in self.claimants:
            return False
        if self.publishers and (article is None or (article.publisher or "") not in self.publishers):
            return False
        types = self.actor_types
        if types and not (subject and obj and subject.type in types and obj.type in types):
            return False
        return self._accepts_date(claim, article)

    def __post_init__(self) -> None:
        for what in ("date_from", "date_to", "as_of"):
            value = getattr(self, what)
            if value is not None:
                check_iso_date(value, what)
        if self.date_from and self.date_to and self.date_from > end_of(self.date_to):
            raise ValueError(f"date_from {self.date_from} is after date_to {self.date_to}")

    @property
    def timed(self) -> bool:
        """True when the filter restricts claims by time."""
        return bool(self.date_from or self.date_to or self.as_of)

    def _accepts_date(self, claim: Claim, article: Article | None) -> bool:
        if not self.timed:
            return True
        first, last = claim.date_range
        published = article.published if article is not None else None
        if first is None and published:
            first = last = published
        if first is None or last is None:
            return self.include_undated
        if self.as_of:
            known_by = end_of(self.as_of)
            if first > known_by or (published and published > known_by):
                return False
        return overlaps(first, last, self.date_from, self.date_to)


ASSERTED = ClaimFilter()


@dataclass(frozen=True)
class Link:
    """`subject predicate object`, read in the direction asked for, and the claim that says it.

    Asking "who supports SDF" also finds "SDF supported-by X": the Link then reads
    `X supports SDF` while `claim` keeps the annotated direction.
    """

    subject: str
    predicate: str
    object: str
    claim: Claim


@dataclass(frozen=True)
class Subgraph:
    """Actors and the claims among them (the edges), e.g. an ego network."""

    actors: tuple[Actor, ...]
    claims: tuple[Claim, ...]
    truncated: bool = False

    def actor_ids(self) -> set[str]:
        return {a.id for a in self.actors}


@dataclass(frozen=True)
class Hop:
    """One step of a path: from `source` to `target`, and every claim linking the two."""

    source: str
    target: str
    claims: tuple[Claim, ...]


@dataclass(frozen=True)
class GraphPath:
    """A simple path between two actors; `actors` lists ids from source to target."""

    actors: tuple[str, ...]
    hops: tuple[Hop, ...]

    def __len__(self) -> int:
        return len(self.hops)


class EdgeSummary(NamedTuple):
    """One `subject predicate object` (as annotated) summed over its claims, without the claims.

    What the aggregate reads (`Store.ego_edges`, `path_edges`, `edge_summaries`) return, so an
    ego network of a hub ships a few hundred of these instead of tens of thousands of claims;
    the claims themselves come one page at a time from `Store.edge_claims`. Every count is over
    the claims of this triple that pass the query's `ClaimFilter`:

    - `claims`: how many; `asserted` of them asserted, `denied` denied or negated;
    - `sources`: independent sources among them, as in `graph.weights`: distinct publishers, an
      article without a publisher being its own source (so two articles of one outlet are one
      source, and the claimant does not count: a voice quoted by one outlet is not independent);
    - `articles`: distinct articles among them;
    - `first`/`last`: the period they cover: each claim's date (a range gives both ends), else
      its article's publication date; `last` read as the end of its period (`graph.dates.end_of`);
    - `contested` and `weight` are about the canonical relation (`Vocabulary.canonical`, so
      `a supported-by b` and `b supports a` share them), computed over the claims that pass the
      filter *with its polarity restriction lifted* (a contest needs both sides): `contested`
      when some assert it and others deny or negate it; `weight` is `graph.weights.confidence`
      of its asserted against its other claims (explicit `denies` links across different
      triples are left to the evidence panel's `graph.claims.contested`).

    A NamedTuple rather than a frozen dataclass: an ego network at a million relations builds tens
    of thousands of them, and a frozen dataclass's `__init__` (one `object.__setattr__` per field)
    was the single largest cost of the embedded store's aggregate read.
    """

    subject: str
    predicate: str
    object: str
    claims: int
    asserted: int
    denied: int
    sources: int
    articles: int
    first: str | None
    last: str | None
    contested: bool = False
    weight: float = 0.0

    @property
    def triple(self) -> tuple[str, str, str]:
        return (self.subject, self.predicate, self.object)


@dataclass(frozen=True)
class EgoEdges:
    """`Store.ego_edges`: the actors `neighbourhood` would return, and the summaries of the edges among them."""

    actors: tuple[Actor, ...]
    edges: tuple[EdgeSummary, ...]
    truncated: bool = False

    def actor_ids(self) -> set[str]:
        return {a.id for a in self.actors}


@dataclass(frozen=True)
class HopEdges:
    """One step of a path as summaries: every edge (either direction) between `source` and `target`."""

    source: str
    target: str
    edges: tuple[EdgeSummary, ...]


@dataclass(frozen=True)
class PathEdges:
    """`Store.path_edges`: a path (the same routes as `Store.paths`) with summarised hops."""

    actors: tuple[str, ...]
    hops: tuple[HopEdges, ...]

    def __len__(self) -> int:
        return len(self.hops)


@dataclass(frozen=True)
class ClaimOverview:
    """`Store.claim_overview`: the landing page's numbers, counted where the claims live.

    Over the claims passing the filter: how many, the period they cover (as `EdgeSummary`), how
    many actors they link, and the `hubs`: (actor id, claims touching it, a self-loop once), most
    first then by id, at most the `limit` asked for.
    """

    claims: int
    first: str | None
    last: str | None
    linked: int
    hubs: tuple[tuple[str, int], ...]


#: Claims per page of `Store.edge_claims` unless asked otherwise.
EDGE_CLAIMS_PAGE = 50


@dataclass(frozen=True)
class Stats:
    actors: int
    articles: int
    claims: int
    mentions: int
    asserted: int
    denied: int
    negated: int
    relations: int  # distinct asserted (subject, predicate, object)
    by_predicate: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class WriteReport:
    articles: int
    claims: int
    replaced_claims: int
    #: Ids of extracted articles not written because an annotated article with the same id is stored.
    kept_annotated: tuple[str, ...] = ()


def keeps_stored(stored_origin: str | None, incoming: Article) -> bool:
    """True when a stored article must stay instead of being replaced by `incoming`.

    A human-annotated article always wins over an extracted one with the same id: writing the
    extracted one after it changes nothing, while an annotated one replaces an extracted one (the
    reviewed version of the suggestions). Every other pair replaces as usual. Both stores and the
    ingest batches decide with this one function.
    """
    return incoming.origin == "extracted" and stored_origin not in (None, "extracted")


@runtime_checkable
class Store(Protocol):
    """What every store does. Writes replace whole articles, so re-ingesting is idempotent."""

    backend: str

    def write_documents(self, documents: Iterable[Document]) -> WriteReport:
        """Replace each document's article wholesale, except an extracted article whose id an
        annotated stored article holds (`keeps_stored`): it is skipped and listed in `kept_annotated`."""
        ...
    def deferred_writes(self) -> AbstractContextManager[None]:
        """Group the writes made inside the block (embedded: one file write at the end)."""
        ...
    def delete_article(self, article_id: str) -> bool: ...
    def upsert_actors(self, actors: Iterable[Actor]) -> int: ...
    def get_actor(self, actor_id: str) -> Actor | None: ...
    def actors(self) -> list[Actor]: ...
    def search_actors(self, query: str, limit: int = 20) -> list[Actor]:
        """Actors one of whose `graph.names.name_keys` the query meets: exact, then prefix, then
        substring (`graph.names.match_rank`); ties by degree (claims), then id."""
        ...
    def get_article(self, article_id: str) -> Article | None: ...
    def articles(self) -> list[Article]: ...
    def mentions(self, *, article_id: str | None = None, actor_id: str | None = None) -> list[Mention]: ...
    def claims(self, flt: ClaimFilter | None = None, *, subject: str | None = None, predicate: str | None = None,
               object: str | None = None, article_id: str | None = None) -> list[Claim]: ...
    def links(self, predicate: str, *, subject: str | None = None, object: str | None = None,
              flt: ClaimFilter | None = None) -> list[Link]: ...
    def neighbourhood(self, actor_id: str, depth: int = 1, flt: ClaimFilter | None = None,
                      limit: int = DEFAULT_NODE_LIMIT) -> Subgraph: ...
    def paths(self, source: str, target: str, max_hops: int = 3, flt: ClaimFilter | None = None,
              limit: int = 20, shortest: bool = False) -> list[GraphPath]: ...
    def stats(self) -> Stats: ...

    # ---- aggregate first, evidence on demand (contract: tests/test_store_aggregates.py)
    def ego_edges(self, actor_id: str, depth: int = 1, flt: ClaimFilter | None = None,
                  limit: int = DEFAULT_NODE_LIMIT) -> EgoEdges:
        """`neighbourhood` without the claims: the same actors and truncation, and one EdgeSummary
        per triple among them (self-loops included), sorted by triple. Unknown actor: empty."""
        ...
    def path_edges(self, source: str, target: str, max_hops: int = 3, flt: ClaimFilter | None = None,
                   limit: int = 20, shortest: bool = False) -> list[PathEdges]:
        """`paths` without the claims: the same routes in the same order, each hop's triples (both
        directions) as EdgeSummaries sorted by triple."""
        ...
    def edge_claims(self, subject: str, predicate: str, object: str, flt: ClaimFilter | None = None,
                    limit: int = EDGE_CLAIMS_PAGE, offset: int = 0) -> list[Claim]:
        """One page of the claims of one triple (exactly as annotated) passing `flt` (asserted by
        default): `claims(flt, subject=, predicate=, object=)[offset:offset + limit]`, in
        `sort_claims` order, so consecutive pages concatenate to the whole list."""
        ...
    def edge_summaries(self, flt: ClaimFilter | None = None, among: Iterable[str] | None = None) -> list[EdgeSummary]:
        """One EdgeSummary per triple with a claim passing `flt` (asserted by default), sorted by
        triple: over the whole store, or only between the actors `among` (both ends in it). What
        the landing overview and the whole-store ranking read instead of every claim."""
        ...
    def claim_overview(self, flt: ClaimFilter | None = None, limit: int = 30) -> ClaimOverview:
        """Counts, period and the `limit` busiest actors of the claims passing `flt` (asserted by
        default): with `edge_summaries(flt, among=hubs)`, the landing overview without any claim."""
        ...

    # ---- review and repair (semantics shared through `graph.merges`; contract in the tests)
    def merge_actors(self, keep: str, drop: str) -> MergeRecord:
        """Merge actor DROP into KEEP, atomically, and return what changed.

        Every claim whose subject, object, claimant or `reported_via` entry is DROP is rewritten
        to KEEP (`graph.merges.retarget_claim`; claim ids, evidence and polarity unchanged, so the
        claim count never changes); every mention of DROP becomes a mention of KEEP (its
        `resolution` unchanged); every other actor whose `parent` or role object is DROP points at
        KEEP; KEEP becomes `graph.merges.merged_actor(KEEP, DROP)` (DROP's labels and aliases
        added as aliases, its roles added, a missing QID/parent taken from DROP); DROP is deleted.
        The record holds the original values (`plan_merge`). Unknown KEEP or DROP raises
        `UnknownActorError`; KEEP == DROP raises ValueError; nothing changes on error.
        """
        ...

    def unmerge_actors(self, record: MergeRecord) -> None:
        """Undo `record` exactly: DROP comes back as it was; KEEP loses what the merge gave it
        (`MergeRecord.restored_keep`, so later additions to KEEP survive); every recorded claim,
        mention and other actor that still has the value the merge gave it gets its original
        value back (one that was since replaced, e.g. by re-ingesting its article, is left as
        it is). Raises ValueError when DROP exists again or KEEP is gone.
        """
        ...

    def add_alias(self, actor_id: str, name: str) -> Actor:
        """Add `name` (stripped) to the actor's aliases unless it is already one of its names;
        return the actor, now findable by `search_actors(name)`. Unknown id raises
        `UnknownActorError`; an empty name raises ValueError.
        """
        ...

    def clear(self) -> None: ...
    def close(self) -> None: ...
    def __enter__(self) -> Self:
        """`with open_store() as store:` closes the store (the Neo4j driver) however the block ends."""
        ...
    def __exit__(self, *exc_info: object) -> None: ...


Neighbours = Callable[[str, "dict[str, int]", "deque[str]"], Iterable[str]]


def breadth_first(start: str, depth: int, limit: int, neighbours: Neighbours) -> tuple[dict[str, int], bool]:
    """The one breadth-first search every store's `neighbourhood` runs, so truncation agrees.

    `neighbours(node, seen, queue)` yields a node's neighbours in id order (`seen` maps the
    nodes found so far to their depth; `queue` holds those still to expand, for a store that
    fetches a whole level at once). Returns the depth of every node reached and whether `limit`
    cut the search short. Once the limit has cut it, nothing can be added any more, so the search
    stops there instead of asking every queued node (a hub's 200 neighbours) for its neighbours.
    At most the `limit + 1` smallest neighbour ids of a node are ever read.
    """
    seen = {start: 0}
    queue = deque([start])
    while queue:
        current = queue.popleft()
        if seen[current] >= depth:
            continue
        for neighbour in neighbours(current, seen, queue):
            if neighbour in seen:
                continue
            if len(seen) >= limit:
                return seen, True
            seen[neighbour] = seen[current] + 1
            queue.append(neighbour)
    return seen, False


def links_from_claims(store: Store, vocabulary: Vocabulary, predicate: str, *, subject: str | None = None,
                      object: str | None = None, flt: ClaimFilter | None = None) -> list[Link]:
    """`Store.links` for every backend, from its `claims`: the term's own claims, then its inverse's
    claims read backwards (a symmetric term's self-loops once), ordered by ends then evidence."""
    flt = flt or ASSERTED
    term = vocabulary.term(predicate)
    found = [Link(c.subject, term.id, c.object, c)
             for c in store.claims(flt, subject=subject, predicate=term.id, object=object)]
    reverse = vocabulary.inverse_of(term.id)
    if reverse is not None:
        for c in store.claims(flt, subject=object, predicate=reverse, object=subject):
            if term.symmetric and c.subject == c.object:
                continue
            link = Link(c.object, term.id, c.subject, c)
            if link not in found:
                found.append(link)
    return sorted(found, key=lambda l: (l.subject, l.object, l.claim.article_id, l.claim.evidence.start, l.claim.id))


def _in_article_order(claim: Claim) -> tuple[int, str]:
    return claim.evidence.start, claim.id


def sort_claims(claims: Iterable[Claim]) -> list[Claim]:
    """The order every store returns claims in: by article, then evidence position, then id.

    Sorted as buckets per article (article ids sorted, then each article's few claims) rather
    than by one (article, start, id) tuple per claim: half the time on the tens of thousands of
    claims of a big ego network, where building and comparing the tuples dominated.
    """
    by_article: dict[str, list[Claim]] = {}
    for claim in claims:
        bucket = by_article.get(claim.article_id)
        if bucket is None:
            by_article[claim.article_id] = [claim]
        else:
            bucket.append(claim)
    ordered: list[Claim] = []
    for article_id in sorted(by_article):
        bucket = by_article[article_id]
        if len(bucket) > 1:
            bucket.sort(key=_in_article_order)
        ordered += bucket
    return ordered


def sort_paths(paths: Iterable[GraphPath]) -> list[GraphPath]:
    return sorted(paths, key=lambda p: (len(p.hops), p.actors))


def route_order(routes: Iterable[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Routes in the order paths are returned (fewest hops, then actor ids): cut to the limit in
    this order *before* any hop is fetched."""
    return sorted(set(routes), key=lambda route: (len(route), route))


def check_page(limit: int, offset: int) -> None:
    """A ValueError unless `limit >= 1` and `offset >= 0` (the paging arguments of `edge_claims`)."""
    if limit < 1 or offset < 0:
        raise ValueError(f"a page needs limit >= 1 and offset >= 0, got limit={limit}, offset={offset}")


def page_of(claims: list[Claim], limit: int, offset: int) -> list[Claim]:
    """`claims[offset:offset + limit]` after checking the paging arguments."""
    check_page(limit, offset)
    return claims[offset:offset + limit]


def check_depth(depth: int, limit: int = MAX_DEPTH, what: str = "depth") -> int:
    """Clamp-free guard: depth outside 1..limit is a ValueError with the allowed range."""
    if not 1 <= depth <= limit:
        raise ValueError(f"{what} must be between 1 and {limit}, got {depth}")
    return depth
