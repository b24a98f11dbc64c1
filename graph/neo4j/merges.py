"""Merging two actors in Neo4j, and undoing it: `graph.merges` semantics in one write transaction.

The record and every rewrite come from `graph.merges` (the same pure functions the embedded store
uses), so both stores agree on what a merge means. Each operation reads what it needs inside its
own write transaction: `execute_write` may retry it, and a failure (unknown actor, a merge that
was already undone) rolls everything back, so nothing changes on error.
"""
from __future__ import annotations

from typing import Any

from neo4j import ManagedTransaction

from actorgraph.graph.errors import UnknownActorError
from actorgraph.graph.merges import (
    MergeRecord,
    merged_actor,
    plan_merge,
    retarget_actor,
    retarget_claim,
    retarget_mention,
)
from actorgraph.graph.model import Actor, Claim
from actorgraph.graph.neo4j import queries as q
from actorgraph.graph.neo4j.rows import actor_from, actor_row, claim_from, mentions_from_rows
from actorgraph.graph.neo4j.writer import article_mentions, replace_claims, replace_mentions, upsert_actor_rows
from actorgraph.graph.vocabulary import Vocabulary


def _actor(tx: ManagedTransaction, actor_id: str) -> Actor | None:
    record = tx.run(q.GET_ACTOR, id=actor_id).single()
    return actor_from(record["actor"]) if record else None


def _known(tx: ManagedTransaction, actor_id: str) -> Actor:
    actor = _actor(tx, actor_id)
    if actor is None:
        raise UnknownActorError(actor_id)
    return actor


def _claims(tx: ManagedTransaction, text: q.LiteralString, **params: Any) -> list[Claim]:
    return [claim_from(r) for r in tx.run(text, params)]


def merge_tx(tx: ManagedTransaction, keep: str, drop: str, vocabulary: Vocabulary, batch_size: int) -> MergeRecord:
    keep_actor, drop_actor = _known(tx, keep), _known(tx, drop)
    record = plan_merge(keep_actor, drop_actor, _claims(tx, q.CLAIMS_REFERRING, id=drop),
                        mentions_from_rows(tx.run(q.MENTIONS_OF_ACTOR, actor_id=drop), drop),
                        [actor_from(r["actor"]) for r in tx.run(q.ACTORS_REFERRING, id=drop)])
    moved = [retarget_actor(a, drop, keep) for a in record.actors]
    upsert_actor_rows(tx, [actor_row(merged_actor(record.keep_before, record.drop_actor)),
                           *(actor_row(a) for a in moved)], batch_size)
    replace_claims(tx, record.claims, [retarget_claim(c, drop, keep) for c in record.claims], vocabulary, batch_size)
    replace_mentions(tx, [retarget_mention(m, drop, keep) for m in record.mentions], batch_size)
    tx.run(q.DELETE_ACTOR, id=drop).consume()
    return record


def unmerge_tx(tx: ManagedTransaction, record: MergeRecord, vocabulary: Vocabulary, batch_size: int) -> None:
    if _actor(tx, record.drop) is not None:
        raise ValueError(f"actor {record.drop!r} exists: the merge into {record.keep!r} is already undone")
    current_keep = _known(tx, record.keep)
    upsert_actor_rows(tx, [actor_row(record.drop_actor), actor_row(record.restored_keep(current_keep))], batch_size)
    stored = {c.id: c for c in _claims(tx, q.CLAIMS_BY_ID, ids=[c.id for c in record.claims])}
    back = [c for c in record.claims if stored.get(c.id) == retarget_claim(c, record.drop, record.keep)]
    replace_claims(tx, [stored[c.id] for c in back], back, vocabulary, batch_size)
    mentions = {(m.article_id, m.id): m for m in article_mentions(tx, (m.article_id for m in record.mentions))}
    replace_mentions(tx, [m for m in record.mentions if mentions.get((m.article_id, m.id))
                          == retarget_mention(m, record.drop, record.keep)], batch_size)
    rows = tx.run(q.ACTORS_BY_ID, ids=[a.id for a in record.actors])
    actors = {a.id: a for a in (actor_from(r["actor"]) for r in rows)}
    upsert_actor_rows(tx, [actor_row(a) for a in record.actors
                           if actors.get(a.id) == retarget_actor(a, record.drop, record.keep)], batch_size)


def add_alias_tx(tx: ManagedTransaction, actor_id: str, name: str, batch_size: int) -> Actor:
    actor = _known(tx, actor_id)
    name = name.strip()
    if not name:
        raise ValueError("an alias cannot be empty")
    if name not in actor.names():
        actor = actor.evolve(aliases=(*actor.aliases, name))
        upsert_actor_rows(tx, [actor_row(actor)], batch_size)
    return actor
