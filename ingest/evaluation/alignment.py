"""Actor alignment: give an extractor's invented actor ids the gold id of the actor they stand for.

An extractor working in "open world" creates an actor (`new-…`, origin `ingest`, or one it
declares inline) for every name the gazetteer lacks. Such an id can never equal the annotator's
id, so strict scoring counts every claim about that actor wrong even when the extractor found the
actor, its mentions and the relation. Alignment separates "did not know the name" from "got the
fact wrong":

- a predicted actor id that occurs nowhere in the gold article (no mention, subject, object,
  claimant or reported_via uses it) is a candidate;
- mode `new` (`--align-actors`) takes only candidates that are not gazetteer actors: a gazetteer
  id is a linking decision, and linking to the wrong known actor stays an error the scores show;
  mode `all` (`--align-all-actors`) takes gazetteer ids absent from the gold article as well;
- a candidate maps to the gold actor whose mentions its own mentions overlap by the most
  characters (summed over all pairs of overlapping mentions). Ties go to the gold actor whose
  overlapping mention comes first in the text, then to the smaller id, so runs agree;
- a candidate whose mentions overlap no gold mention (or that has none) keeps its id, and is
  reported as unaligned.

The mapping is then applied to the whole predicted article (mentions, subjects, objects,
claimants, reported_via) before any figure is computed, so every level is scored after it.
Several predicted ids may map to one gold actor: the extractor split one actor in two, and both
halves are that actor.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from typing import Any

from actorgraph.graph.gazetteer import Gazetteer
from actorgraph.graph.model import Claim, Document
from actorgraph.ingest.evaluation.mentions import overlap, overlap_candidates, text_order

ALIGN_MODES = ("none", "new", "all")


@dataclass(frozen=True, slots=True)
class ActorAlignment:
    """Predicted id -> gold id (None: nothing to align with), and the characters their mentions share."""

    article: str
    predicted: str
    gold: str | None
    overlap: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def actor_ids(document: Document) -> set[str]:
    """Every actor id an article uses: mentions, subjects, objects, claimants and reporters."""
    ids = {mention.actor_id for mention in document.mentions}
    for claim in document.claims:
        ids.update((claim.subject, claim.object, *claim.reported_via))
        if claim.claimant is not None:
            ids.add(claim.claimant)
    return ids


def outside_gazetteer(gazetteer: Gazetteer) -> Callable[[str], bool]:
    """True for ids the gazetteer does not hold as curated actors: created by ingest, or inline."""
    def is_new(actor_id: str) -> bool:
        actor = gazetteer.get(actor_id)
        return actor is None or actor.origin != "gazetteer"
    return is_new


def align_actors(article: str, gold: Document, pred: Document,
                 mappable: Callable[[str], bool]) -> list[ActorAlignment]:
    """The alignment of every candidate id of `pred` (see the module docstring), by predicted id."""
    in_gold = actor_ids(gold)
    candidates = sorted(actor_id for actor_id in actor_ids(pred) if actor_id not in in_gold and mappable(actor_id))
    if not candidates:
        return []
    gold_mentions, pred_mentions = text_order(gold.mentions), text_order(pred.mentions)
    reaches = overlap_candidates(pred_mentions, gold_mentions)
    shared: dict[str, dict[str, int]] = {actor_id: {} for actor_id in candidates}
    first_at: dict[str, dict[str, int]] = {actor_id: {} for actor_id in candidates}
    for p, mention in enumerate(pred_mentions):
        if mention.actor_id not in shared:
            continue
        for g in reaches[p]:
            target = gold_mentions[g]
            totals, firsts = shared[mention.actor_id], first_at[mention.actor_id]
            totals[target.actor_id] = totals.get(target.actor_id, 0) + overlap(mention, target)
            firsts[target.actor_id] = min(firsts.get(target.actor_id, target.span.start), target.span.start)
    alignments = []
    for actor_id in candidates:
        totals, firsts = shared[actor_id], first_at[actor_id]
        best = min(totals, key=lambda gold_id: (-totals[gold_id], firsts[gold_id], gold_id), default=None)
        alignments.append(ActorAlignment(article, actor_id, best, totals[best] if best else 0))
    return alignments


def apply_alignment(document: Document, alignments: list[ActorAlignment]) -> Document:
    """`document` with every aligned predicted id replaced by its gold id, everywhere it occurs."""
    mapping = {a.predicted: a.gold for a in alignments if a.gold is not None}
    if not mapping:
        return document

    def mapped(actor_id: str) -> str:
        return mapping.get(actor_id, actor_id)

    def mapped_claim(claim: Claim) -> Claim:
        return replace(claim, subject=mapped(claim.subject), object=mapped(claim.object),
                       claimant=None if claim.claimant is None else mapped(claim.claimant),
                       reported_via=tuple(mapped(v) for v in claim.reported_via))

    return replace(document,
                   mentions=tuple(replace(m, actor_id=mapped(m.actor_id)) for m in document.mentions),
                   claims=tuple(mapped_claim(c) for c in document.claims))
