"""Typed records mirroring `data/schema/article.schema.json`, for msgspec's validating decoder.

Decoding straight into these checks types, required and unknown keys, enums, lengths and
patterns in C while parsing, several times faster than json.loads plus the compiled schema.
They are a fast path only: anything they reject is read again the schema way, so every error
message (file + JSON path) is the schema's own. Optional strings are UNSET when absent, since
the schema forbids null where msgspec's `None` default would allow it.
"""
from __future__ import annotations

from typing import Annotated, Any, Literal

import msgspec
from msgspec import UNSET, Meta, Struct, UnsetType

Slug = Annotated[str, Meta(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=200)]
Date = Annotated[str, Meta(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?$")]
QID = Annotated[str, Meta(pattern=r"^Q[1-9][0-9]*$")]
Offset = Annotated[int, Meta(ge=0)]
NonEmpty = Annotated[str, Meta(min_length=1)]
Origin = Literal["annotated", "extracted"]
Confidence = Annotated[float, Meta(ge=0, le=1)]


class SpanSpec(Struct, forbid_unknown_fields=True):
    start: Offset
    end: Offset
    text: str


class MentionSpec(Struct, forbid_unknown_fields=True):
    id: NonEmpty
    start: Offset
    end: Offset
    text: NonEmpty
    actor: Slug | UnsetType = UNSET
    wikidata: QID | UnsetType = UNSET
    origin: Origin | UnsetType = UNSET
    confidence: Confidence | UnsetType = UNSET
    rule: NonEmpty | UnsetType = UNSET


class ClaimSpec(Struct, forbid_unknown_fields=True):
    id: NonEmpty
    subject: NonEmpty
    predicate: NonEmpty
    object: NonEmpty
    evidence: SpanSpec
    spans: list[SpanSpec] = []
    claimant: str | None = None
    reported_via: list[str] = []
    polarity: Literal["asserted", "negated", "denied"] = "asserted"
    certainty: Literal["certain", "probable", "possible", "alleged"] = "certain"
    date: Date | UnsetType = UNSET
    denies: str | UnsetType = UNSET
    note: str | UnsetType = UNSET
    origin: Origin | UnsetType = UNSET
    confidence: Confidence | UnsetType = UNSET
    rule: NonEmpty | UnsetType = UNSET


class ArticleSpec(Struct, forbid_unknown_fields=True):
    """`actors` stays raw JSON: the schema checks it (the fast path hands such articles back)."""

    id: Slug
    title: NonEmpty
    language: Annotated[str, Meta(pattern=r"^[a-z]{2,3}$")]
    text: NonEmpty
    claims: list[ClaimSpec]
    url: str | UnsetType = UNSET
    publisher: str | UnsetType = UNSET
    published: Date | UnsetType = UNSET
    license: NonEmpty | UnsetType = UNSET
    obtained: NonEmpty | UnsetType = UNSET
    actors: list[Any] = []
    mentions: list[MentionSpec] = []
    origin: Origin | UnsetType = UNSET
    schema: str | UnsetType = msgspec.field(default=UNSET, name="$schema")


DECODER = msgspec.json.Decoder(ArticleSpec)
FAST_PATH_ERRORS = (msgspec.DecodeError, msgspec.ValidationError, RecursionError)


def value(field: Any) -> Any:
    """A field's value, None when it was absent (UNSET)."""
    return None if field is UNSET else field


def from_data(data: Any) -> ArticleSpec:
    """The records of an article already valid against the schema (JSON or YAML parsed to dicts).

    Raises msgspec.ValidationError (with its JSON path) for what the schema allows and the
    records do not, e.g. an offset written as 3.0.
    """
    return msgspec.convert(data, ArticleSpec)
