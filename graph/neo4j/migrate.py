"""Upgrading a Neo4j store written by an earlier ActorGraph: Mention nodes become MENTIONED_IN groups.

Why on open: every read of this version looks for mentions in `MENTIONED_IN` relationships (see
`rows.mention_groups`); a store still holding `:Mention` nodes would answer with no mentions.
So `Neo4jStore` upgrades it when it opens, before any read or write, in batched transactions
(a few hundred articles each, so a big store never needs one huge transaction), and each batch
is atomic and idempotent: an interrupted upgrade resumes where it stopped on the next open.
A read-only account cannot upgrade; the store then refuses to open and says who can upgrade it.
"""
from __future__ import annotations

import logging
from collections.abc import Sequence

from neo4j import ManagedTransaction, Session

from actorgraph.graph.neo4j import queries as q
from actorgraph.graph.neo4j.rows import mention_from
from actorgraph.graph.neo4j.writer import write_mentions

log = logging.getLogger(__name__)

ARTICLES_PER_BATCH = 500
NEEDS_UPGRADE = ("this Neo4j database was written by an earlier ActorGraph (Mention nodes, or direct edges "
                 "without their summary) and this account "
                 "cannot upgrade it: open it once with an account that can write (e.g. `actorgraph stats --neo4j`)")


def old_mentions_left(session: Session) -> int:
    """How many `:Mention` nodes (the previous model) the database still holds (a count-store read)."""
    return int(session.run(q.OLD_MENTIONS_LEFT).single(strict=True)["left"])


def _upgrade_articles(tx: ManagedTransaction, batch: int, batch_size: int) -> int:
    """One batch: the next articles with Mention nodes get their groups, then lose the nodes."""
    article_ids: Sequence[str] = tx.run(q.OLD_MENTION_ARTICLES, batch=batch).single(strict=True)["ids"]
    if not article_ids:
        return 0
    mentions = [mention_from(r["mention"]) for r in tx.run(q.OLD_MENTIONS_OF_ARTICLES, article_ids=article_ids)]
    tx.run(q.DELETE_ARTICLE_MENTIONS, article_ids=article_ids).consume()  # groups a failed try left: none, but cheap
    actor_ids = sorted({m.actor_id for m in mentions})
    linked = {actor_id for actor_id, _ in tx.run(q.ACTOR_ORIGINS, ids=actor_ids).single(strict=True)["origins"]}
    write_mentions(tx, mentions, linked, batch_size)
    tx.run(q.DELETE_OLD_MENTIONS_OF_ARTICLES, article_ids=article_ids).consume()
    return len(article_ids)


def upgrade_mentions(session: Session, batch_size: int, articles_per_batch: int = ARTICLES_PER_BATCH) -> int:
    """Move every Mention node into the MENTIONED_IN model; returns how many articles were upgraded.

    The article digests stay: the rows a document stores are the same in both models, so an
    unchanged article is still skipped by the next load.
    """
    upgraded = 0
    while done := session.execute_write(_upgrade_articles, articles_per_batch, batch_size):
        upgraded += done
        log.info("upgraded the mentions of %d articles", upgraded)
    while session.execute_write(lambda tx: tx.run(q.DELETE_OLD_MENTION_BATCH, batch=10_000)
                                .single(strict=True)["deleted"]):
        pass  # Mention nodes of no article: nothing reads them any more
    for statement in q.OLD_SCHEMA_DROPS:
        session.execute_write(lambda tx, s=statement: tx.run(s).consume())
    return upgraded
