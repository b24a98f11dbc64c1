"""The data model: actors, articles, mentions and claims, each with the evidence behind it.

A claim is the unit of knowledge: "subject predicate object", said by a claimant (or by the
article's own voice), asserted or denied, in one sentence of one article. Graph edges are views
over claims, so nothing reaches the graph without its evidence.

All classes are frozen dataclasses made of plain values, so they hash, compare by value and
serialise with `to_dict` / `from_dict` for both stores and every export.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal

from actorgraph.graph.dates import end_of

Polarity = Literal["asserted", "negated", "denied"]
Certainty = Literal["certain", "probable", "possible", "alleged"]
POLARITIES: tuple[str, ...] = ("asserted", "negated", "denied")
CERTAINTIES: tuple[str, ...] = ("certain", "probable", "possible", "alleged")

#: How an actor mention was linked to its actor, strongest first (see `ingest.resolution`).
#: "anaphora": a bare descriptor ("التنظيم") linked to the latest earlier mention that used it.
RESOLUTIONS: tuple[str, ...] = ("explicit", "wikidata", "exact-alias", "normalised-alias", "anaphora", "new")

#: Who made an article, mention or claim: a person ("annotated", also every tool export) or
#: `actorgraph extract` ("extracted": a suggestion nobody has reviewed yet).
ORIGINS: tuple[str, ...] = ("annotated", "extracted")


@dataclass(frozen=True, slots=True)
class Span:
    """Characters `start:end` (Unicode code points) of an article's text, with the text itself."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Span:
        return cls(int(data["start"]), int(data["end"]), str(data["text"]))


@dataclass(frozen=True, slots=True)
class Role:
    """A date-bounded role: the actor is `relation` of `object` from `start` to `end` (ISO dates)."""

    relation: str
    object: str
    start: str | None = None
    end: str | None = None

    def holds_on(self, day: str) -> bool:
        """True when the role is valid on the ISO date `day` (open ends are unbounded).

        A partial `day` ("2022") asks whether the role held at any time in that period.
        """
        if self.start and end_of(day) < self.start:
            return False
        return not (self.end and day > end_of(self.end))

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Actor:
    """Someone or something that acts or is acted upon: a state, group, person, place, outlet."""

    id: str
    type: str
    labels: dict[str, str] = field(default_factory=dict, hash=False, compare=True)
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    parent: str | None = None
    description: str | None = None
    roles: tuple[Role, ...] = ()
    origin: str = "gazetteer"  # gazetteer | inline | ingest (created by ingest: needs review) | rejected

    def __hash__(self) -> int:
        return hash(self.id)

    @property
    def name(self) -> str:
        """The display name: English, else Arabic, else the id."""
        return self.labels.get("en") or self.labels.get("ar") or self.id

    def names(self) -> tuple[str, ...]:
        """Every surface form this actor is known by: labels first, then aliases."""
        seen: dict[str, None] = {}
        for name in (*self.labels.values(), *self.aliases):
            if name:
                seen.setdefault(name, None)
        return tuple(seen)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["aliases"] = list(self.aliases)
        data["roles"] = [asdict(r) for r in self.roles]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Actor:
        return cls(
            id=data["id"],
            type=data["type"],
            labels=dict(data.get("labels") or {}),
            aliases=tuple(data.get("aliases") or ()),
            wikidata=data.get("wikidata"),
            parent=data.get("parent"),
            description=data.get("description"),
            roles=tuple(Role(**r) for r in data.get("roles") or ()),
            origin=data.get("origin", "gazetteer"),
        )

    def evolve(self, **changes: Any) -> Actor:
        return replace(self, **changes)


def roles_on(actor: Actor, day: str) -> tuple[Role, ...]:
    """The actor's roles that hold on the ISO date `day` (roles with open ends count as holding)."""
    return tuple(role for role in actor.roles if role.holds_on(day))


def describe_role(role: Role, object_name: str | None = None) -> str:
    """'spokesperson-of SDF from 2019 to now' (unknown start shown as '?')."""
    return f"{role.relation} {object_name or role.object} from {role.start or '?'} to {role.end or 'now'}"


@dataclass(frozen=True, slots=True)
class Article:
    """A source document. `text` is what every span's offsets point into."""

    id: str
    title: str
    text: str
    language: str = "ar"
    url: str | None = None
    publisher: str | None = None
    published: str | None = None
    source: str | None = None  # the file it was read from
    format: str = "native"
    license: str | None = None  # the text's licence ("public domain (U.S. government work)", "CC BY-SA 4.0")
    obtained: str | None = None  # how the text was obtained (copied from the page, excerpted, translated...)
    origin: str = "annotated"  # "extracted": written by `actorgraph extract`; never replaces an annotated one

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        return cls(**data)


@dataclass(frozen=True, slots=True)
class Mention:
    """A place in an article where an actor is named, and how the name was linked to the actor."""

    id: str
    article_id: str
    actor_id: str
    span: Span
    resolution: str = "explicit"
    origin: str = "annotated"  # see ORIGINS

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article_id": self.article_id,
            "actor_id": self.actor_id,
            "span": self.span.to_dict(),
            "resolution": self.resolution,
            "origin": self.origin,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Mention:
        return cls(data["id"], data["article_id"], data["actor_id"], Span.from_dict(data["span"]),
                   data.get("resolution", "explicit"), data.get("origin", "annotated"))


@dataclass(frozen=True, slots=True)
class Claim:
    """One statement: `subject predicate object`, with its evidence and who claims it.

    `id` is globally unique (`<article id>#<local id>`). `claimant` None means the article's own
    voice. `reported_via` is the reported-speech chain, outermost first. `denies` is the id of the
    claim this one contradicts. Only `asserted` claims become plain edges in stores and exports.
    """

    id: str
    article_id: str
    subject: str
    predicate: str
    object: str
    evidence: Span
    spans: tuple[Span, ...] = ()
    claimant: str | None = None
    reported_via: tuple[str, ...] = ()
    polarity: str = "asserted"
    certainty: str = "certain"
    date: str | None = None
    denies: str | None = None
    note: str | None = None
    origin: str = "annotated"  # see ORIGINS: "extracted" claims are suggestions, shown or hidden by --origin

    @property
    def asserted(self) -> bool:
        return self.polarity == "asserted"

    @property
    def date_range(self) -> tuple[str | None, str | None]:
        """(first, last) ISO dates the claim's date covers; a single date is both ends."""
        if not self.date:
            return None, None
        first, _, last = self.date.partition("/")
        return first, (last or first)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article_id": self.article_id,
            "subject": self.subject,
            "predicate": self.predicate,
            "object": self.object,
            "evidence": self.evidence.to_dict(),
            "spans": [s.to_dict() for s in self.spans],
            "claimant": self.claimant,
            "reported_via": list(self.reported_via),
            "polarity": self.polarity,
            "certainty": self.certainty,
            "date": self.date,
            "denies": self.denies,
            "note": self.note,
            "origin": self.origin,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Claim:
        return cls(
            id=data["id"],
            article_id=data["article_id"],
            subject=data["subject"],
            predicate=data["predicate"],
            object=data["object"],
            evidence=Span.from_dict(data["evidence"]),
            spans=tuple(Span.from_dict(s) for s in data.get("spans") or ()),
            claimant=data.get("claimant"),
            reported_via=tuple(data.get("reported_via") or ()),
            polarity=data.get("polarity", "asserted"),
            certainty=data.get("certainty", "certain"),
            date=data.get("date"),
            denies=data.get("denies"),
            note=data.get("note"),
            origin=data.get("origin", "annotated"),
        )


@dataclass(frozen=True, slots=True)
class Document:
    """Everything one article contributes: the unit a reader yields and a store replaces at once."""

    article: Article
    claims: tuple[Claim, ...]
    mentions: tuple[Mention, ...] = ()
    actors: tuple[Actor, ...] = ()  # actors declared inline or created by resolution
