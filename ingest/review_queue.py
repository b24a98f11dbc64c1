"""What waits for review, and a `graph.review.Reviewer` wired to the embedded store and ingest.

The queue holds suggested claims, each with the reason it needs a look: claims the extractor
produced (`origin == "extracted"`, once extraction fills that field) and claims that name an
actor ingest had to create because no gazetteer entry matched; and the flagged actors
themselves (`ingest.resolution.flagged_actors`, what `actorgraph actors unresolved` shows) with
their mentions and near-miss candidates.
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

from actorgraph.graph.locking import lock_file_for
from actorgraph.graph.model import Claim
from actorgraph.graph.review import EVERY_CLAIM, Reviewer, ReviewError, ReviewLog
from actorgraph.graph.store import Store
from actorgraph.ingest.pipeline import ingest_paths
from actorgraph.ingest.resolution import FlaggedActor

HAS_ORIGIN = "origin" in {f.name for f in fields(Claim)}


@dataclass(frozen=True)
class Suggestion:
    claim: Claim
    reason: str
    extracted: bool = False


def suggestions(store: Store, flagged: list[FlaggedActor], include_extracted: bool = True) -> list[Suggestion]:
    """Extracted claims (when shown) and claims naming a flagged actor, in store order, each once."""
    found: dict[str, Suggestion] = {}
    if include_extracted and HAS_ORIGIN:
        for claim in store.claims(EVERY_CLAIM):
            if getattr(claim, "origin", "annotated") == "extracted":
                found[claim.id] = Suggestion(claim, "extracted, not reviewed yet", True)
    for item in flagged:
        name = item.actor.name
        for role in ("subject", "object"):
            for claim in store.claims(EVERY_CLAIM, **{role: item.actor.id}):
                found.setdefault(claim.id, Suggestion(claim, f"its {role} {name!r} is an actor created at ingest"))
    return sorted(found.values(), key=lambda s: (s.claim.article_id, s.claim.evidence.start, s.claim.id))


def reingest(files: list[Path], store: Store) -> None:
    """Read edited article files back into the store; an error (the edit broke the file) is raised."""
    report = ingest_paths(files, store)
    if report.errors:
        raise ReviewError(f"the edited file no longer reads: {report.errors[0]}")


def embedded_reviewer(store_path: Path, log: ReviewLog | None = None) -> Reviewer:
    """A Reviewer on the embedded store file: each decision loads it afresh under its lock."""
    from actorgraph.graph.embedded import EmbeddedStore

    return Reviewer(lambda: EmbeddedStore(store_path), lock_file_for(store_path), reingest, log)


