"""The Neo4j loader: whole articles written in batched, idempotent, retryable transactions.

Why it looks like this:

* Each transaction holds whole documents (an article is never split), up to about
  `batch_size` claims, and writes them with a handful of `UNWIND $rows AS row MERGE ...`
  statements instead of one statement per row (see `bench/neo4j_load.py` for the ratio).
* The transaction functions run under `session.execute_write`, which retries them on transient
  errors (deadlocks, leader changes); so they read what they need inside the transaction and
  have no side effects outside it.
* Mentions are stored per (actor, article): one `MENTIONED_IN` relationship holding the spans as
  lists (`rows.mention_groups`), not a node per mention: a tenth of the writes of a node and two
  relationships per mention, and what readers ask ("where is X mentioned") is one hop.
* Re-writing an article first deletes its old claims and mentions, then writes the new ones, and
  moves their ids off and onto the direct actor-to-actor edges of the (subject, predicate,
  object) triples they assert, all in the same transaction: loading twice changes nothing, and
  an edited article leaves no stale edge (nor stale claim id) behind.
* An article remembers the digest of the rows last written for it; a document whose rows hash
  the same is not rewritten (its actors still are), so reloading a corpus costs what changed.
  Whatever changes an article's claims or mentions otherwise (merges, splits) forgets its digest.
"""
from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import msgspec
from neo4j import ManagedTransaction, Session
from neo4j.exceptions import ConstraintError

from actorgraph.graph.errors import StoreError
from actorgraph.graph.model import Actor, Claim, Document, Mention
from actorgraph.graph.neo4j import queries as q
from actorgraph.graph.neo4j.edge_props import Pair, pair_of, pair_summaries, summary_props
from actorgraph.graph.neo4j.rows import (
    actor_row,
    article_row,
    claim_row,
    mention_groups,
    mention_row,
    mentions_from_rows,
)
from actorgraph.graph.store import keeps_stored
from actorgraph.graph.vocabulary import Vocabulary

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


def actors_to_write(documents: Sequence[Document], origins: dict[str, Any]) -> list[Actor]:
    """The documents' actors the embedded store would (re)write: new ones, and non-gazetteer ones.

    A gazetteer actor already in the store is never overwritten by an article's inline actor.
    """
    final: dict[str, Actor] = {}
    for actor in (actor for document in documents for actor in document.actors):
        current = final[actor.id].origin if actor.id in final else origins.get(actor.id)
        if current != "gazetteer":
            final[actor.id] = actor
    return list(final.values())


def stored_origins(tx: ManagedTransaction, documents: Sequence[Document]) -> dict[str, Any]:
    """The origin of every stored actor the documents declare or name in a claim (one read)."""
    ids = {a.id for d in documents for a in d.actors}
    ids.update(a for d in documents for c in d.claims for a in (c.subject, c.object))
    ids.update(m.actor_id for d in documents for m in d.mentions)
    pairs = tx.run(q.ACTOR_ORIGINS, ids=sorted(ids)).single(strict=True)["origins"]
    return {actor_id: origin for actor_id, origin in pairs}


def check_actors(documents: Sequence[Document], known: Iterable[str]) -> None:
    """Refuse the whole group, before any write, if a claim names an actor nobody knows."""
    known = set(known)
    for document in documents:
        for claim in document.claims:
            for actor_id in (claim.subject, claim.object):
                if actor_id not in known:
                    raise StoreError(f"claim {claim.id} refers to unknown actor {actor_id!r}")


def write_group(tx: ManagedTransaction, documents: Sequence[Document], vocabulary: Vocabulary,
                batch_size: int, *, displace: bool = False, kept: set[str] | None = None) -> int:
    """One transaction: replace these articles wholesale. Returns how many old claims were replaced.

    Documents whose digest equals the stored one are left as they are (only their actors are
    written, as for any document). The other articles' old claims and mentions are deleted
    first, so the new ones are CREATEd (no MERGE lookups and locks). Claim and mention ids are
    global keys; the readers prefix them with the article id, so only hand-built documents reuse
    one. For those, `displace=True` (the retry `write_documents_in` makes when the uniqueness
    constraint refuses a CREATE) first deletes whatever holds the incoming ids, and the last
    document naming an id wins: the claim moves to its new article, as in the embedded store.
    The direct edges get the claim-id delta in one server-side statement per relationship type.
    Extracted articles whose id an annotated stored article holds are skipped, their ids added to `kept`.
    """
    documents = _not_yielding(tx, documents, kept if kept is not None else set())
    origins = stored_origins(tx, documents)
    actors = actors_to_write(documents, origins)
    check_actors(documents, set(origins) | {a.id for a in actors})
    run_batched(tx, q.UPSERT_ACTORS, [actor_row(a) for a in actors], batch_size)
    written = {d.article.id: DocumentRows.of(d) for d in documents}
    stored = dict(tx.run(q.ARTICLE_DIGESTS, ids=list(written)).single(strict=True)["digests"])
    unchanged = sum(len(d.claims) for d in documents if stored.get(d.article.id) == written[d.article.id].digest)
    documents = [d for d in documents if stored.get(d.article.id) != written[d.article.id].digest]
    if not documents:
        return unchanged
    article_ids = [d.article.id for d in documents]
    removed, replaced, pairs = _take_claims(tx, article_ids)
    tx.run(q.DELETE_ARTICLE_MENTIONS, article_ids=article_ids).consume()
    claims: Sequence[Claim] = [c for d in documents for c in d.claims]
    if displace:
        claims = _last_by_id(claims)
        forget_digests(tx, claims)
        displaced, more = _take_claims_by_id(tx, [c.id for c in claims])
        removed += displaced
        pairs |= more
        claim_rows = [claim_row(c) for c in claims]
    else:
        claim_rows = [row for d in documents for row in written[d.article.id].claims]
    article_rows = [dict(written[d.article.id].article, digest=written[d.article.id].digest) for d in documents]
    run_batched(tx, q.UPSERT_ARTICLES, article_rows, batch_size)
    write_mentions(tx, [m for d in documents for m in d.mentions], set(origins) | {a.id for a in actors}, batch_size)
    run_batched(tx, q.CREATE_CLAIMS, claim_rows, batch_size)
    update_edges(tx, removed, _keyed(claims), pairs | _pairs(claims), vocabulary, batch_size)
    return replaced + unchanged


def _not_yielding(tx: ManagedTransaction, documents: Sequence[Document], kept: set[str]) -> list[Document]:
    """The documents to write: not the extracted ones an annotated stored article wins over."""
    extracted = [d.article.id for d in documents if d.article.origin == "extracted"]
    if not extracted:
        return list(documents)
    stored = dict(tx.run(q.ARTICLE_ORIGINS, ids=extracted).single(strict=True)["origins"])
    yielding = {d.article.id for d in documents if keeps_stored(stored.get(d.article.id), d.article)}
    kept |= yielding
    return [d for d in documents if d.article.id not in yielding]


@dataclass(frozen=True)
class DocumentRows:
    """The rows a write of one document stores, built once: hashed for the digest, then written."""

    article: dict[str, Any]
    claims: list[dict[str, Any]]
    mentions: list[dict[str, Any]]
    digest: str

    @classmethod
    def of(cls, document: Document) -> DocumentRows:
        """Two documents with the same digest leave the same article, claims and mentions behind,
        so the second write can be skipped. Actors are not in it: they are written every time."""
        article = article_row(document.article)
        claims = [claim_row(c) for c in document.claims]
        mentions = [mention_row(m) for m in document.mentions]
        digest = hashlib.blake2b(msgspec.msgpack.encode((article, claims, mentions)), digest_size=16).hexdigest()
        return cls(article, claims, mentions, digest)


def forget_digests(tx: ManagedTransaction, claims: Iterable[Claim], article_ids: Iterable[str] = ()) -> None:
    """The articles holding these claims (and `article_ids`) will be rewritten next time, even unchanged."""
    tx.run(q.FORGET_DIGESTS_OF_CLAIMS, ids=[c.id for c in claims]).consume()
    tx.run(q.FORGET_DIGESTS_OF_ARTICLES, ids=sorted(set(article_ids))).consume()


def write_mentions(tx: ManagedTransaction, mentions: Sequence[Mention], linked: set[str], batch_size: int) -> None:
    """Store mentions of articles whose old mentions are gone: grouped per (actor, article) for
    the actors in `linked` (those in the graph), on the article for the others."""
    groups, unlinked = mention_groups(mentions, linked)
    run_batched(tx, q.CREATE_MENTIONS, groups, batch_size)
    run_batched(tx, q.SET_UNLINKED_MENTIONS, unlinked, batch_size)


def write_documents_in(session: Session, documents: Iterable[Document], vocabulary: Vocabulary,
                       batch_size: int) -> Iterator[tuple[list[Document], int, list[str]]]:
    """Write group by group (one retryable transaction each); yields each group's written
    documents, its replaced claim count and the extracted article ids an annotated one kept out.

    A group whose claim or mention id is held elsewhere fails the uniqueness constraint, which rolls
    the whole transaction back; it is then re-run displacing the holders (see `write_group`).
    """
    for group in group_documents(documents, batch_size):
        yield write_one_group(session, group, vocabulary, batch_size)


def write_one_group(session: Session, group: list[Document], vocabulary: Vocabulary,
                    batch_size: int) -> tuple[list[Document], int, list[str]]:
    """One group in one retryable transaction (re-run displacing the holders of a taken claim id)."""
    kept: set[str] = set()
    try:
        replaced = session.execute_write(write_group, group, vocabulary, batch_size, kept=kept)
    except ConstraintError:
        replaced = session.execute_write(write_group, group, vocabulary, batch_size, displace=True, kept=kept)
    return [d for d in group if d.article.id not in kept], replaced, sorted(kept)


def delete_articles(tx: ManagedTransaction, article_ids: Sequence[str], vocabulary: Vocabulary,
                    batch_size: int) -> int:
    """Remove articles with their claims and mentions, and their ids from the direct edges."""
    removed, _, pairs = _take_claims(tx, article_ids)
    tx.run(q.DELETE_ARTICLE_MENTIONS, article_ids=list(article_ids)).consume()
    deleted = sum(tx.run(q.DELETE_ARTICLE, article_id=a).single(strict=True)["deleted"] for a in article_ids)
    update_edges(tx, removed, [], pairs, vocabulary, batch_size)
    return int(deleted)


def _take_claims(tx: ManagedTransaction, article_ids: Sequence[str]) -> tuple[list[KeyedClaim], int, set[Pair]]:
    """Delete the articles' claims; their asserted (triple, id) pairs, how many claims went, and
    the actor pairs of all of them (whose edge summaries change)."""
    record = tx.run(q.TAKE_ARTICLE_CLAIMS, article_ids=list(article_ids)).single(strict=True)
    removed = [((s, p, o), claim_id) for s, p, o, claim_id in record["removed"]]
    return removed, int(record["deleted"]), {pair_of(a, b) for a, b in record["pairs"]}


def _take_claims_by_id(tx: ManagedTransaction, claim_ids: Sequence[str]) -> tuple[list[KeyedClaim], set[Pair]]:
    """Delete the claims holding these ids in any article; their asserted (triple, id) pairs and actor pairs."""
    record = tx.run(q.TAKE_CLAIMS_BY_ID, ids=list(claim_ids)).single(strict=True)
    return ([((s, p, o), claim_id) for s, p, o, claim_id in record["removed"]],
            {pair_of(a, b) for a, b in record["pairs"]})


def _pairs(claims: Iterable[Claim]) -> set[Pair]:
    """The actor pairs of some claims, every polarity: a denial changes its relation's contested flag."""
    return {pair_of(c.subject, c.object) for c in claims}


def _last_by_id(items: Iterable[Any]) -> list[Any]:
    """One item per id, the last one written winning (as sequential writes would leave it)."""
    return list({item.id: item for item in items}.values())


def _keyed(claims: Iterable[Claim]) -> list[KeyedClaim]:
    return [((c.subject, c.predicate, c.object), c.id) for c in claims if c.polarity == "asserted"]


def update_edges(tx: ManagedTransaction, removed: Iterable[KeyedClaim], added: Iterable[KeyedClaim],
                 pairs: Iterable[Pair], vocabulary: Vocabulary, batch_size: int) -> None:
    """Take `removed` claim ids off their direct edges, put `added` ones on, and give every edge
    between the actors of `pairs` (those whose claims changed) its summary, in one statement.

    Each direct edge `(s)-[:TYPE {claim_ids, count, summary...}]->(o)` lists the asserted claims
    of its triple. The summaries are summed by the server from the claims already written
    (`edge_props.pair_summaries`), then sent with the id deltas: one row per direct edge, sorted
    by (subject, object, type) so hub locks are taken in one order, one statement for every
    relationship type (before: a delta statement, then a summary statement, then a third to set
    them). Only the touched edges are changed; an edge left with no claim is deleted. All in the
    caller's transaction, so the lists and summaries stay exact.
    """
    delta: dict[Triple, tuple[set[str], set[str]]] = {}
    for triple, claim_id in removed:
        delta.setdefault(triple, (set(), set()))[0].add(claim_id)
    for triple, claim_id in added:
        delta.setdefault(triple, (set(), set()))[1].add(claim_id)
    summaries = {e.triple: summary_props(e) for e in pair_summaries(tx, pairs, vocabulary, batch_size)}
    triples = set(delta) | set(summaries)
    types = {predicate: vocabulary.relationship_type(predicate) for predicate in {t[1] for t in triples}}
    nothing: tuple[set[str], set[str]] = (set(), set())
    rows = []
    for triple in sorted(triples, key=lambda t: (t[0], t[2], t[1])):
        gone, new = delta.get(triple, nothing)
        rows.append({"subject": triple[0], "object": triple[2], "type": types[triple[1]],
                     "gone": sorted(gone - new), "new": sorted(new), "props": summaries.get(triple, {})})
    run_batched(tx, q.apply_edge_deltas_query(q.edge_types(vocabulary)), rows, batch_size)


def replace_claims(tx: ManagedTransaction, old: Sequence[Claim], new: Sequence[Claim], vocabulary: Vocabulary,
                   batch_size: int) -> None:
    """Swap stored claims for new versions (same ids, maybe other ends), keeping direct edges exact."""
    forget_digests(tx, old, [])
    tx.run(q.DELETE_CLAIMS_BY_ID, ids=[c.id for c in old]).consume()
    run_batched(tx, q.MERGE_CLAIMS, [claim_row(c) for c in new], batch_size)
    update_edges(tx, _keyed(old), _keyed(new), _pairs(old) | _pairs(new), vocabulary, batch_size)


def article_mentions(tx: ManagedTransaction, article_ids: Iterable[str]) -> list[Mention]:
    return mentions_from_rows(tx.run(q.MENTIONS_OF_ARTICLES, article_ids=sorted(set(article_ids))))


def replace_mentions(tx: ManagedTransaction, new: Sequence[Mention], batch_size: int) -> None:
    """Swap stored mentions for new versions (same article and id, maybe another actor).

    A mention lives in its actor's group of the article, so the touched articles' mentions are
    read, patched by (article, id) and written again (merges are rare and touch few articles).
    """
    if not new:
        return
    article_ids = sorted({m.article_id for m in new})
    patched = {(m.article_id, m.id): m for m in article_mentions(tx, article_ids)}
    patched.update(((m.article_id, m.id), m) for m in new)
    mentions = list(patched.values())
    forget_digests(tx, [], article_ids)
    tx.run(q.DELETE_ARTICLE_MENTIONS, article_ids=article_ids).consume()
    actor_ids = sorted({m.actor_id for m in mentions})
    linked = {actor_id for actor_id, _ in tx.run(q.ACTOR_ORIGINS, ids=actor_ids).single(strict=True)["origins"]}
    write_mentions(tx, mentions, linked, batch_size)


def upsert_actor_rows(tx: ManagedTransaction, rows: Sequence[dict[str, Any]], batch_size: int) -> None:
    run_batched(tx, q.UPSERT_ACTORS, rows, batch_size)


def run_batched(tx: ManagedTransaction, text: q.LiteralString, rows: Sequence[dict[str, Any]],
                 batch_size: int) -> None:
    for chunk in chunks(rows, batch_size):
        tx.run(text, rows=list(chunk)).consume()
