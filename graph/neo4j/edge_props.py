"""The summary each direct actor-to-actor edge keeps, so the default-filter reads never touch a claim.

Why: at a million relations an ego network, a path's hops or the landing overview summed from
the claims read tens of thousands of claims with their articles (seconds); read from the direct
edges they read a few hundred relationships. So the loader keeps on every direct edge what an
`EdgeSummary` under the default filter (`ASSERTED`) holds: claim and asserted/denied counts,
sources and articles counts, first/last date, contested flag and weight.

How it stays exact: the contested flag and the weight read every claim of the relation between
the two actors (both directions, every polarity), so whenever a claim between two actors is
written, deleted or moved, the summaries of that *pair* are recomputed in the same transaction
by the server-side aggregate the filtered reads use (`queries.PAIR_SUMMARIES`: the same sums,
reached from the pair's less busy end) and the same `graph.edge_summaries.summarise`, then set on
the edges by the statement that moves their claim ids (`writer.update_edges`). Only touched pairs
are read.
A store written before edges kept a summary, or a bulk import, is filled pair batch by pair batch
(`fill_missing`), resumable: an interrupted fill continues on the next open.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from neo4j import ManagedTransaction, Session

from actorgraph.graph.edge_summaries import EdgeSummary
from actorgraph.graph.neo4j import queries as q
from actorgraph.graph.neo4j.aggregates import filter_params, summaries_from_rows
from actorgraph.graph.store import ASSERTED
from actorgraph.graph.vocabulary import Vocabulary

log = logging.getLogger(__name__)

Pair = tuple[str, str]
PAIRS_PER_BATCH = 2000


def pair_of(subject: str, obj: str) -> Pair:
    """The unordered pair of two actors, as a sorted tuple."""
    return (subject, obj) if subject <= obj else (obj, subject)


def summary_props(edge: EdgeSummary) -> dict[str, Any]:
    """The properties a direct edge keeps for `edge` (first/last None when the claims have no date)."""
    return {"predicate": edge.predicate, "claims": edge.claims, "asserted": edge.asserted, "denied": edge.denied,
            "sources": edge.sources, "articles": edge.articles, "first": edge.first, "last": edge.last,
            "contested": edge.contested, "weight": edge.weight}


def pair_summaries(tx: ManagedTransaction, pairs: Iterable[Pair], vocabulary: Vocabulary, batch_size: int
                   ) -> list[EdgeSummary]:
    """The default-filter summaries of every triple between the two actors of each of `pairs`,
    summed from the claims by the server (`queries.PAIR_SUMMARIES`, from each pair's end with fewer
    claims) and finished by `summarise`: what the direct edges of those pairs must keep."""
    ordered = sorted({pair_of(*p) for p in pairs})
    edges: list[EdgeSummary] = []
    for start in range(0, len(ordered), batch_size):
        chunk = [list(p) for p in ordered[start:start + batch_size]]
        rows = [r.data() for r in tx.run(q.PAIR_SUMMARIES, **filter_params(ASSERTED), pairs=chunk)]
        edges += summaries_from_rows(rows, vocabulary)
    return edges


def refresh_pairs(tx: ManagedTransaction, pairs: Iterable[Pair], vocabulary: Vocabulary, batch_size: int) -> None:
    """Recompute, from the claims, the summaries of the direct edges between each of `pairs`."""
    edges = pair_summaries(tx, pairs, vocabulary, batch_size)
    props = [{"subject": e.subject, "object": e.object, "type": vocabulary.relationship_type(e.predicate),
              "props": summary_props(e)} for e in edges]
    for start in range(0, len(props), batch_size):
        tx.run(q.SET_EDGE_SUMMARIES, rows=props[start:start + batch_size]).consume()


def fill_missing(session: Session, vocabulary: Vocabulary, batch_size: int, pairs_per_batch: int = PAIRS_PER_BATCH
                 ) -> int:
    """Give every direct edge without a summary its summary, a batch of pairs per transaction.

    Returns how many pairs were filled. The pairs still missing a summary are read once (one scan
    of the direct edges, ids only), then filled a batch per transaction; an interrupted fill is
    picked up by the next open, which finds the pairs still missing one.
    """
    pairs = sorted({(a, b) for a, b in (r["pair"] for r in session.run(q.PAIRS_WITHOUT_SUMMARY))})
    for start in range(0, len(pairs), pairs_per_batch):
        batch = pairs[start:start + pairs_per_batch]
        session.execute_write(lambda tx, batch=batch: refresh_pairs(tx, batch, vocabulary, batch_size))
        log.info("summarised the direct edges of %d of %d actor pairs", start + len(batch), len(pairs))
    return len(pairs)


def summaries_missing(session: Session) -> bool:
    """Whether some direct edge has no summary yet (stops at the first one found)."""
    return bool(session.run(q.EDGES_WITHOUT_SUMMARY).single(strict=True)["missing"])
