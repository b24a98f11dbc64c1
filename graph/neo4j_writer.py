"""The Neo4j loader: whole articles written in batched, idempotent, retryable transactions.

Why it looks like this:

* Each transaction holds whole documents (an article is never split), up to about
  `batch_size` claims, and writes them with a handful of `UNWIND $rows AS row MERGE ...`
  statements instead of one statement per row (see `bench/neo4j_load.py` for the ratio).
* The transaction functions run under `session.execute_write`, which retries them on transient
  errors (deadlocks, leader changes); so they read what they need inside the transaction and
  have no side effects outside it.
* Re-writing an article first deletes its old claims and mentions, then writes the new ones, and
  moves their ids off and onto the direct actor-to-actor edges of the (subject, predicate,
  object) triples they assert, all in the same transaction: loading twice changes nothing, and
  an edited article leaves no stale edge (nor stale claim id) behind.
"""
from __future__ import annotations

import logging
from collections import defaultdict
from typing import Any, Iterable, Iterator, Sequence

from neo4j import ManagedTransaction

from graph import neo4j_queries as q
from graph.errors import StoreError
from graph.model import Actor, Claim, Document, Mention
from graph.neo4j_rows import actor_row, article_row, claim_row, mention_row
from graph.vocabulary import Vocabulary

log = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 2000

Triple = tuple[str, str, str]
KeyedClaim = tuple[Triple, str]  # an asserted claim's (subject, predicate, object) and its id


def chunks(rows: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


def group_documents(documents: Iterable[Document], batch_size: int) -> Iterator[list[Document]]:
    """Whole documents in groups of about `batch_size` claims (a big article gets a group alone).

    A later document with the same article id replaces an earlier one, as a sequential write would.
    """
    latest: dict[str, Document] = {}
    for document in documents:
        latest.pop(document.article.id, None)
        latest[document.article.id] = document
    group: list[Document] = []
    size = 0
    for document in latest.values():
        weight = max(1, len(document.claims) + len(document.mentions) // 4)
        if group and size + weight > batch_size:
            yield group
            group, size = [], 0
        group.append(document)
        size += weight
    if group:
        yield group


def actors_to_write(tx: ManagedTransaction, documents: Sequence[Document]) -> list[Actor]:
    """The documents' actors the embedded store would (re)write: new ones, and non-gazetteer ones.

    A gazetteer actor already in the store is never overwritten by an article's inline actor.
    """
    declared = [actor for document in documents for actor in document.actors]
    origins = {r["id"]: r["origin"] for r in tx.run(q.ACTOR_ORIGINS, ids=sorted({a.id for a in declared}))}
    final: dict[str, Actor] = {}
    for actor in declared:
        current = final[actor.id].origin if actor.id in final else origins.get(actor.id)
        if current != "gazetteer":
            final[actor.id] = actor
    return list(final.values())


def check_actors(tx: ManagedTransaction, documents: Sequence[Document], declared: Iterable[str]) -> None:
    """Refuse the whole group, before any write, if a claim names an actor nobody knows."""
    wanted = {a for d in documents for c in d.claims for a in (c.subject, c.object)} - set(declared)
    known = {r["id"] for r in tx.run(q.ACTOR_ORIGINS, ids=sorted(wanted))}
    for document in documents:
        for claim in document.claims:
            for actor_id in (claim.subject, claim.object):
                if actor_id in wanted and actor_id not in known:
                    raise StoreError(f"claim {claim.id} refers to unknown actor {actor_id!r}")


def write_group(tx: ManagedTransaction, documents: Sequence[Document], vocabulary: Vocabulary,
                batch_size: int) -> int:
    """One transaction: replace these articles wholesale. Returns how many old claims were replaced."""
    actors = actors_to_write(tx, documents)
    check_actors(tx, documents, {a.id for d in documents for a in d.actors})
    article_ids = [d.article.id for d in documents]
    removed = list(_asserted(tx, article_ids))
    replaced = tx.run(q.DELETE_ARTICLE_CLAIMS, article_ids=article_ids).single(strict=True)["deleted"]
    tx.run(q.DELETE_ARTICLE_MENTIONS, article_ids=article_ids).consume()
    run_batched(tx, q.UPSERT_ACTORS, [actor_row(a) for a in actors], batch_size)
    run_batched(tx, q.UPSERT_ARTICLES, [article_row(d.article) for d in documents], batch_size)
    run_batched(tx, q.MERGE_MENTIONS, [mention_row(m) for d in documents for m in d.mentions], batch_size)
    claims = [c for d in documents for c in d.claims]
    run_batched(tx, q.MERGE_CLAIMS, [claim_row(c) for c in claims], batch_size)
    update_edges(tx, removed, _keyed(claims), vocabulary, batch_size)
    return int(replaced)


def delete_articles(tx: ManagedTransaction, article_ids: Sequence[str], vocabulary: Vocabulary,
                    batch_size: int) -> int:
    """Remove articles with their claims and mentions, and their ids from the direct edges."""
    removed = list(_asserted(tx, article_ids))
    tx.run(q.DELETE_ARTICLE_CLAIMS, article_ids=list(article_ids)).consume()
    tx.run(q.DELETE_ARTICLE_MENTIONS, article_ids=list(article_ids)).consume()
    deleted = sum(tx.run(q.DELETE_ARTICLE, article_id=a).single(strict=True)["deleted"] for a in article_ids)
    update_edges(tx, removed, [], vocabulary, batch_size)
    return int(deleted)


def _asserted(tx: ManagedTransaction, article_ids: Sequence[str]) -> Iterator[KeyedClaim]:
    for r in tx.run(q.ARTICLE_ASSERTED_CLAIMS, article_ids=list(article_ids)):
        yield (r["subject"], r["predicate"], r["object"]), r["id"]


def _keyed(claims: Iterable[Claim]) -> list[KeyedClaim]:
    return [((c.subject, c.predicate, c.object), c.id) for c in claims if c.polarity == "asserted"]


def update_edges(tx: ManagedTransaction, removed: Iterable[KeyedClaim], added: Iterable[KeyedClaim],
                 vocabulary: Vocabulary, batch_size: int) -> None:
    """Take `removed` claim ids off their direct edges and put `added` ones on, edge by edge.

    Each direct edge `(s)-[:TYPE {claim_ids, count}]->(o)` lists the asserted claims of its
    triple. Only the touched edges are read and rewritten (no scan of an actor's claims, which a
    hub with thousands of claims would make slow); an edge left with no claim is deleted. Reading
    and writing happen in the caller's transaction, so the lists stay exact.
    """
    delta: dict[Triple, tuple[set[str], set[str]]] = defaultdict(lambda: (set(), set()))
    for triple, claim_id in removed:
        delta[triple][0].add(claim_id)
    for triple, claim_id in added:
        delta[triple][1].add(claim_id)
    by_predicate: dict[str, list[tuple[str, str, set[str], set[str]]]] = defaultdict(list)
    for (subject, predicate, obj), (gone, new) in sorted(delta.items()):
        by_predicate[predicate].append((subject, obj, gone, new))
    for predicate, items in sorted(by_predicate.items()):
        read = q.edge_claim_ids_query(vocabulary, predicate)
        write = q.set_edges_query(vocabulary, predicate)
        drop = q.delete_edges_query(vocabulary, predicate)
        for chunk in chunks(items, batch_size):
            pairs = [{"subject": s, "object": o} for s, o, _, _ in chunk]
            current = {(r["subject"], r["object"]): r["claim_ids"] for r in tx.run(read, pairs=pairs)}
            keep, empty = [], []
            for subject, obj, gone, new in chunk:
                ids = sorted((set(current.get((subject, obj)) or ()) - gone) | new)
                if ids:
                    keep.append({"subject": subject, "object": obj, "claim_ids": ids})
                elif (subject, obj) in current:
                    empty.append({"subject": subject, "object": obj})
            if keep:
                tx.run(write, rows=keep).consume()  # type: ignore[arg-type]
            if empty:
                tx.run(drop, pairs=empty).consume()  # type: ignore[arg-type]


def replace_claims(tx: ManagedTransaction, old: Sequence[Claim], new: Sequence[Claim], vocabulary: Vocabulary,
                   batch_size: int) -> None:
    """Swap stored claims for new versions (same ids, maybe other ends), keeping direct edges exact."""
    tx.run(q.DELETE_CLAIMS_BY_ID, ids=[c.id for c in old]).consume()
    run_batched(tx, q.MERGE_CLAIMS, [claim_row(c) for c in new], batch_size)
    update_edges(tx, _keyed(old), _keyed(new), vocabulary, batch_size)


def replace_mentions(tx: ManagedTransaction, new: Sequence[Mention], batch_size: int) -> None:
    tx.run(q.DELETE_MENTIONS_BY_ID, ids=[m.id for m in new]).consume()
    run_batched(tx, q.MERGE_MENTIONS, [mention_row(m) for m in new], batch_size)


def upsert_actor_rows(tx: ManagedTransaction, rows: Sequence[dict[str, Any]], batch_size: int) -> None:
    run_batched(tx, q.UPSERT_ACTORS, rows, batch_size)


def run_batched(tx: ManagedTransaction, text: q.LiteralString, rows: Sequence[dict[str, Any]],
                 batch_size: int) -> None:
    for chunk in chunks(rows, batch_size):
        tx.run(text, rows=list(chunk)).consume()
