"""What every exporter needs from a Document: entities (one per mention) and claims that point at them."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from actorgraph.graph.gazetteer import Gazetteer, default_gazetteer
from actorgraph.graph.model import Claim, Document, Mention, Span

#: Relation labels that carry polarity and certainty in tools without attributes (see data/mapping.yaml).
POLARITY_LABELS = {"negated": "Negated", "denied": "Denied"}
CERTAINTY_LABELS = {"probable": "Probable", "possible": "Possible", "alleged": "Alleged"}


@dataclass(frozen=True)
class Entity:
    id: str
    span: Span
    label: str  # the actor type
    actor: str
    mention_id: str = ""  # the Mention it draws (its global id)


@dataclass(frozen=True)
class Link:
    claim: Claim
    subject: Entity
    object: Entity
    claimant: Entity | None


@dataclass(frozen=True)
class ExportView:
    document: Document
    entities: tuple[Entity, ...]
    links: tuple[Link, ...]

    def attribute_labels(self, claim: Claim) -> list[str]:
        labels = [POLARITY_LABELS[claim.polarity]] if claim.polarity in POLARITY_LABELS else []
        return labels + ([CERTAINTY_LABELS[claim.certainty]] if claim.certainty in CERTAINTY_LABELS else [])


def _nearest(mentions: list[Mention], evidence: Span) -> Mention:
    inside = [m for m in mentions if evidence.start <= m.span.start and m.span.end <= evidence.end]
    if inside:
        return inside[0]
    return min(mentions, key=lambda m: min(abs(m.span.start - evidence.start), abs(m.span.end - evidence.end)))


def export_view(document: Document, gazetteer: Gazetteer | None = None) -> ExportView:
    """One entity per mention, and each claim linked to the mentions of its actors nearest its evidence.

    A claim whose subject or object is never mentioned in the text cannot be drawn in a span-based
    tool and is left out (the native seed mentions every actor it makes claims about)."""
    gazetteer = gazetteer or default_gazetteer()
    by_actor: dict[str, list[Mention]] = {}
    entities: dict[str, Entity] = {}
    for k, mention in enumerate(sorted(document.mentions, key=lambda m: (m.span.start, m.span.end)), start=1):
        actor = gazetteer.get(mention.actor_id) or next((a for a in document.actors if a.id == mention.actor_id), None)
        entities[mention.id] = Entity(f"T{k}", mention.span, actor.type if actor else "Collective", mention.actor_id,
                                      mention.id)
        by_actor.setdefault(mention.actor_id, []).append(mention)
    links = []
    for claim in document.claims:
        if claim.subject not in by_actor or claim.object not in by_actor:
            continue
        subject = entities[_nearest(by_actor[claim.subject], claim.evidence).id]
        obj = entities[_nearest(by_actor[claim.object], claim.evidence).id]
        claimant = (entities[_nearest(by_actor[claim.claimant], claim.evidence).id]
                    if claim.claimant in by_actor else None)
        links.append(Link(claim, subject, obj, claimant))
    return ExportView(document, tuple(entities.values()), tuple(links))


def sidecar(document: Document) -> dict[str, str]:
    """The article's metadata, for formats without a place for it (`<name>.meta.json`)."""
    article = document.article
    fields = {"id": article.id, "title": article.title, "url": article.url, "date": article.published,
              "publisher": article.publisher, "language": article.language}
    return {k: v for k, v in fields.items() if v}


def write_sidecar(document: Document, path: Path) -> Path:
    path.write_text(json.dumps(sidecar(document), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path
