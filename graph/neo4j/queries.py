"""Every Cypher statement ActorGraph sends to Neo4j, and the catalog of named queries users run.

Why one module: Cypher is the one place where a careless string could become an injection, so it
lives here and nowhere else, where it can be reviewed at a glance. The rules:

* every value is a `$parameter` (names, ids, text, limits); statements are `LiteralString`
  constants, never formatted with data;
* relationship types are the only part of the text that varies, and they come only from
  `Vocabulary.relationship_type()` (UPPER_SNAKE, pattern-checked) through the builders below
  (in `apply_edge_deltas_query` a parameter from the same gate selects among them);
* variable-length bounds (`*1..3`) cannot be parameters in Cypher, so the few queries that need
  them are picked from closed sets built at import time from integer ranges; user input only
  selects a key.

Model (see docs/neo4j.md for a diagram):
`(:Claim)-[:SUBJECT|OBJECT]->(:Actor)`, `(:Claim)-[:IN_ARTICLE]->(:Article)`,
`(:Claim)-[:CLAIMED_BY]->(:Actor)`, the mentions of an actor in an article as one
`(:Actor)-[:MENTIONED_IN {ids, starts, ends, texts, resolutions, origins}]->(:Article)`, and for
traversal one direct edge per asserted (subject, predicate, object):
`(:Actor)-[:SUPPORTED_BY {claim_ids, count}]->(:Actor)`.
"""
from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, LiteralString

from actorgraph.graph.store import MAX_DEPTH, MAX_HOPS
from actorgraph.graph.vocabulary import Vocabulary

# --------------------------------------------------------------------------- schema
#: Constraints first (they also create the lookup indexes MERGE relies on), then the rest.
SCHEMA: tuple[LiteralString, ...] = (
    "CREATE CONSTRAINT actorgraph_actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE",
    "CREATE CONSTRAINT actorgraph_article_id IF NOT EXISTS FOR (a:Article) REQUIRE a.id IS UNIQUE",
    "CREATE CONSTRAINT actorgraph_claim_id IF NOT EXISTS FOR (c:Claim) REQUIRE c.id IS UNIQUE",
    "CREATE INDEX actorgraph_claim_predicate IF NOT EXISTS FOR (c:Claim) ON (c.predicate)",
    "CREATE INDEX actorgraph_unlinked_mentions IF NOT EXISTS FOR (a:Article) ON (a.unlinked_mentions)",
    "CREATE FULLTEXT INDEX actorgraph_actor_names IF NOT EXISTS FOR (a:Actor)"
    " ON EACH [a.name_ar, a.name_en, a.aliases]",
)
AWAIT_INDEXES: LiteralString = "CALL db.awaitIndexes($seconds)"

# --------------------------------------------------------------------------- writes
#: One record (a list of [id, origin] pairs), not one per actor: a group names ~2,000 actors and
#: streaming that many records costs more than the index seeks.
ACTOR_ORIGINS: LiteralString = """
UNWIND $ids AS id MATCH (a:Actor {id: id}) RETURN collect([a.id, a.origin]) AS origins
"""
UPSERT_ACTORS: LiteralString = "UNWIND $rows AS row MERGE (a:Actor {id: row.id}) SET a = row"
UPSERT_ARTICLES: LiteralString = "UNWIND $rows AS row MERGE (a:Article {id: row.id}) SET a = row"
#: Each article's `digest`: the hash of the rows the loader last wrote for it (see
#: `neo4j_writer.DocumentRows`); an unchanged document is not written again.
ARTICLE_DIGESTS: LiteralString = """
UNWIND $ids AS id MATCH (a:Article {id: id}) WHERE a.digest IS NOT NULL RETURN collect([a.id, a.digest]) AS digests
"""
#: The origin (annotated or extracted) of the stored articles among `$ids`; nodes written before
#: origins existed are annotated.
ARTICLE_ORIGINS: LiteralString = """
UNWIND $ids AS id MATCH (a:Article {id: id}) RETURN collect([a.id, coalesce(a.origin, 'annotated')]) AS origins
"""
#: Forget the digest of articles whose claims or mentions were changed by something other than a
#: write of the whole article (a merge, a split, a claim id taken over): their next write is a real one.
FORGET_DIGESTS_OF_CLAIMS: LiteralString = """
UNWIND $ids AS id MATCH (:Claim {id: id})-[:IN_ARTICLE]->(a:Article) REMOVE a.digest
"""
FORGET_DIGESTS_OF_ARTICLES: LiteralString = "UNWIND $ids AS id MATCH (a:Article {id: id}) REMOVE a.digest"
DELETE_CLAIMS_BY_ID: LiteralString = "UNWIND $ids AS id MATCH (c:Claim {id: id}) DETACH DELETE c"
DELETE_ACTOR: LiteralString = "MATCH (a:Actor {id: $id}) DETACH DELETE a"
DELETE_ARTICLE: LiteralString = "MATCH (a:Article {id: $article_id}) DETACH DELETE a RETURN count(*) AS deleted"
MERGE_CLAIMS: LiteralString = """
UNWIND $rows AS row
MATCH (article:Article {id: row.article_id})
MATCH (s:Actor {id: row.subject})
MATCH (o:Actor {id: row.object})
MERGE (c:Claim {id: row.props.id})
SET c = row.props
MERGE (c)-[:IN_ARTICLE]->(article)
MERGE (c)-[:SUBJECT]->(s)
MERGE (c)-[:OBJECT]->(o)
WITH c, row
OPTIONAL MATCH (claimant:Actor {id: row.claimant})
FOREACH (_ IN CASE WHEN claimant IS NULL THEN [] ELSE [1] END | MERGE (c)-[:CLAIMED_BY]->(claimant))
"""
#: Delete some articles' claims and hand back the asserted (subject, predicate, object, id) ones,
#: whose ids leave the direct edges: one statement instead of a read and a delete.
TAKE_ARTICLE_CLAIMS: LiteralString = """
UNWIND $article_ids AS article_id
MATCH (:Article {id: article_id})<-[:IN_ARTICLE]-(c:Claim)
MATCH (c)-[:SUBJECT]->(s:Actor), (c)-[:OBJECT]->(o:Actor)
WITH c, CASE WHEN c.polarity = 'asserted' THEN [s.id, c.predicate, o.id, c.id] END AS key
DETACH DELETE c
RETURN collect(key) AS removed, count(*) AS deleted
"""
#: Delete the claims holding `$ids`, wherever they are, and hand back their asserted keys: a claim id
#: is a global key, so a claim written under an id another article holds moves to the new article.
TAKE_CLAIMS_BY_ID: LiteralString = """
UNWIND $ids AS id
MATCH (c:Claim {id: id})-[:SUBJECT]->(s:Actor), (c)-[:OBJECT]->(o:Actor)
WITH c, CASE WHEN c.polarity = 'asserted' THEN [s.id, c.predicate, o.id, c.id] END AS key
DETACH DELETE c
RETURN collect(key) AS removed
"""
#: Claims are CREATEd, not MERGEd: the caller deleted the articles' old claims first (an id still
#: held by another article fails the uniqueness constraint; the group is re-run displacing it).
CREATE_CLAIMS: LiteralString = """
UNWIND $rows AS row
MATCH (article:Article {id: row.article_id})
MATCH (s:Actor {id: row.subject})
MATCH (o:Actor {id: row.object})
CREATE (c:Claim)-[:IN_ARTICLE]->(article)
SET c = row.props
CREATE (c)-[:SUBJECT]->(s)
CREATE (c)-[:OBJECT]->(o)
WITH c, row WHERE row.claimant IS NOT NULL
MATCH (claimant:Actor {id: row.claimant})
CREATE (c)-[:CLAIMED_BY]->(claimant)
"""
#: The naive baseline `bench/neo4j_load.py` compares the batched loader against: one row per statement.
MERGE_ONE_CLAIM: LiteralString = """
MATCH (article:Article {id: $row.article_id})
MATCH (s:Actor {id: $row.subject})
MATCH (o:Actor {id: $row.object})
MERGE (c:Claim {id: $row.props.id})
SET c = $row.props
MERGE (c)-[:IN_ARTICLE]->(article)
MERGE (c)-[:SUBJECT]->(s)
MERGE (c)-[:OBJECT]->(o)
"""
#: After a bulk import: the importer stores no property for an empty array, the loader stores `[]`.
BULK_EMPTY_ARRAYS: tuple[LiteralString, ...] = (
    "MATCH (a:Actor) WHERE a.aliases IS NULL CALL { WITH a SET a.aliases = [] } IN TRANSACTIONS OF 50000 ROWS",
    "MATCH (c:Claim) WHERE c.reported_via IS NULL"
    " CALL { WITH c SET c.reported_via = [] } IN TRANSACTIONS OF 50000 ROWS",
)
#: `clear()` deletes label by label, claims first: a claim has four relationships, so a batch of
#: claims is a small transaction, and by the time actors go they hold only direct edges (a hub
#: actor with thousands of claims would otherwise make one batch exceed the transaction memory).
CLEAR_BATCHES: tuple[LiteralString, ...] = (
    "MATCH (n:Claim) WITH n LIMIT $batch DETACH DELETE n RETURN count(*) AS deleted",
    "MATCH (n:Mention) WITH n LIMIT $batch DETACH DELETE n RETURN count(*) AS deleted",  # not yet migrated
    "MATCH (n:Article) WITH n LIMIT $batch DETACH DELETE n RETURN count(*) AS deleted",
    "MATCH (:Actor)-[r]->(:Actor) WHERE r.claim_ids IS NOT NULL"
    " WITH r LIMIT $batch DELETE r RETURN count(*) AS deleted",
    "MATCH (n:Actor) WITH n LIMIT $batch DETACH DELETE n RETURN count(*) AS deleted",
)


def edge_types(vocabulary: Vocabulary) -> tuple[LiteralString, ...]:
    """Every direct-edge type of `vocabulary`, each through the gate, sorted."""
    return tuple(sorted({vocabulary.relationship_type(term) for term in vocabulary.terms}))


@functools.cache
def apply_edge_deltas_query(rel_types: tuple[LiteralString, ...]) -> LiteralString:
    """Move claim ids off (`row.gone`) and onto (`row.new`, sorted) the direct edges of every
    relationship type in ONE statement (one round trip per batch, not one per type).

    `row.type` picks the branch of a UNION per type of `rel_types`, which come only from
    `Vocabulary.relationship_type` (the gate: see `edge_types`); exactly one branch MERGEs (locks)
    the edge. Built once per vocabulary (the text is the server's plan-cache key). Rows
    come sorted by (subject, object), so concurrent writers take hub locks in one order. The list
    stays sorted: appended as is when every new id sorts after the stored ones (a first load in
    article order, the common case), else recomputed as sorted((claim_ids - gone) | new). An edge
    left with no claim is deleted. (A dynamic `MERGE (s)-[r:$(row.type)]->(o)` measured 8x slower.)
    """
    branches = "\n  UNION\n".join(
        f"  WITH s, o, row WITH s, o, row WHERE row.type = '{rel_type}' MERGE (s)-[r:`{rel_type}`]->(o) RETURN r"
        for rel_type in rel_types)
    return (f"""
UNWIND $rows AS row
MATCH (s:Actor {{id: row.subject}})
MATCH (o:Actor {{id: row.object}})
CALL {{
{branches}
}}
WITH r, row, coalesce(r.claim_ids, []) AS old
WITH r, row, old, size(row.gone) = 0 AND size(row.new) > 0 AND (size(old) = 0 OR old[-1] < row.new[0]) AS appending
CALL {{
  WITH row, old, appending
  WITH row, old WHERE NOT appending
  UNWIND [x IN old WHERE NOT x IN row.gone] + row.new AS id
  WITH DISTINCT id ORDER BY id
  RETURN collect(id) AS resorted
}}
WITH r, CASE WHEN appending THEN old + row.new ELSE resorted END AS ids
FOREACH (_ IN CASE WHEN size(ids) = 0 THEN [1] ELSE [] END | DELETE r)
FOREACH (_ IN CASE WHEN size(ids) > 0 THEN [1] ELSE [] END | SET r.claim_ids = ids, r.count = size(ids))
""")  # types only from the gate


# --------------------------------------------------------------------------- mentions (writes and reads)
#: An article's mentions: one `MENTIONED_IN` relationship per mentioned actor, holding its spans as
#: parallel lists (see `rows.mention_groups`), and on the article itself (`unlinked_mentions`,
#: `unlinked_mentions_json`) the rare mentions of actors absent from the graph when it was written.
DELETE_ARTICLE_MENTIONS: LiteralString = """
UNWIND $article_ids AS article_id
MATCH (a:Article {id: article_id})
REMOVE a.unlinked_mentions, a.unlinked_mentions_json
WITH a
MATCH (a)<-[r:MENTIONED_IN]-(:Actor)
DELETE r
"""
CREATE_MENTIONS: LiteralString = """
UNWIND $rows AS row
MATCH (article:Article {id: row.article_id})
MATCH (x:Actor {id: row.actor_id})
CREATE (x)-[r:MENTIONED_IN]->(article)
SET r = row.props
"""
SET_UNLINKED_MENTIONS: LiteralString = """
UNWIND $rows AS row
MATCH (a:Article {id: row.article_id})
SET a.unlinked_mentions = row.count, a.unlinked_mentions_json = row.json
"""
#: Mention reads return rows of (article_id, actor_id, props) for `MENTIONED_IN` groups and
#: (article_id, null, null, unlinked) for an article's unlinked mentions (`rows.mentions_from_*`).
_UNLINKED_RETURN: LiteralString = """
RETURN article.id AS article_id, null AS actor_id, null AS props, article.unlinked_mentions_json AS unlinked
"""
_LINKED_RETURN: LiteralString = """
RETURN article.id AS article_id, x.id AS actor_id, properties(r) AS props, null AS unlinked
"""
MENTIONS_OF_ARTICLES: LiteralString = (
    "UNWIND $article_ids AS article_id MATCH (x:Actor)-[r:MENTIONED_IN]->(article:Article {id: article_id})"
    + _LINKED_RETURN + "UNION ALL\n"
    + "UNWIND $article_ids AS article_id MATCH (article:Article {id: article_id}) "
    + "WHERE article.unlinked_mentions IS NOT NULL" + _UNLINKED_RETURN)
MENTIONS_OF_ACTOR: LiteralString = (
    "MATCH (x:Actor {id: $actor_id})-[r:MENTIONED_IN]->(article:Article)" + _LINKED_RETURN + "UNION ALL\n"
    + "MATCH (article:Article) WHERE article.unlinked_mentions IS NOT NULL" + _UNLINKED_RETURN)
MENTIONS_ALL: LiteralString = (
    "MATCH (x:Actor)-[r:MENTIONED_IN]->(article:Article)" + _LINKED_RETURN + "UNION ALL\n"
    + "MATCH (article:Article) WHERE article.unlinked_mentions IS NOT NULL" + _UNLINKED_RETURN)

#: Migration from the previous model (a `:Mention` node per mention, `IN_ARTICLE` and `REFERS_TO`):
#: a batch of articles that still have Mention nodes, their mentions, then the nodes deleted.
OLD_MENTIONS_LEFT: LiteralString = "MATCH (m:Mention) RETURN count(m) AS left"
OLD_MENTION_ARTICLES: LiteralString = """
MATCH (a:Article)<-[:IN_ARTICLE]-(:Mention) WITH DISTINCT a LIMIT $batch RETURN collect(a.id) AS ids
"""
OLD_MENTIONS_OF_ARTICLES: LiteralString = """
UNWIND $article_ids AS article_id
MATCH (:Article {id: article_id})<-[:IN_ARTICLE]-(m:Mention)
RETURN m {.*, article_id: article_id} AS mention
"""
DELETE_OLD_MENTIONS_OF_ARTICLES: LiteralString = """
UNWIND $article_ids AS article_id
MATCH (:Article {id: article_id})<-[:IN_ARTICLE]-(m:Mention)
DETACH DELETE m
"""
#: Mention nodes of no article (the old model never left any, but a store edited by hand might).
DELETE_OLD_MENTION_BATCH: LiteralString = (
    "MATCH (m:Mention) WITH m LIMIT $batch DETACH DELETE m RETURN count(*) AS deleted")
OLD_SCHEMA_DROPS: tuple[LiteralString, ...] = (
    "DROP CONSTRAINT actorgraph_mention_id IF EXISTS",
    "DROP INDEX actorgraph_mention_actor IF EXISTS",
)


# --------------------------------------------------------------------------- reads
_CLAIM_WHERE: LiteralString = """
WHERE ($subject IS NULL OR s.id = $subject) AND ($object IS NULL OR o.id = $object)
  AND ($predicates IS NULL OR c.predicate IN $predicates)
  AND ($polarities IS NULL OR c.polarity IN $polarities)
"""
#: What a claim row carries: the claim, its ends, and the few fields `ClaimFilter.accepts` reads.
_CLAIM_RETURN: LiteralString = """
RETURN c {.*} AS claim, s.id AS subject, o.id AS object, article.id AS article_id,
       article.publisher AS publisher, article.published AS published,
       s.type AS subject_type, o.type AS object_type
"""
_CLAIM_ENDS: LiteralString = (
    "MATCH (c)-[:SUBJECT]->(s:Actor), (c)-[:OBJECT]->(o:Actor), (c)-[:IN_ARTICLE]->(article:Article)\n")

CLAIMS_ALL: LiteralString = "MATCH (c:Claim)\n" + _CLAIM_ENDS + _CLAIM_WHERE + _CLAIM_RETURN
CLAIMS_OF_ARTICLE: LiteralString = (
    "MATCH (:Article {id: $article_id})<-[:IN_ARTICLE]-(c:Claim)\n" + _CLAIM_ENDS + _CLAIM_WHERE + _CLAIM_RETURN)
CLAIMS_OF_SUBJECT: LiteralString = (
    "MATCH (:Actor {id: $subject})<-[:SUBJECT]-(c:Claim)\n" + _CLAIM_ENDS + _CLAIM_WHERE + _CLAIM_RETURN)
CLAIMS_OF_OBJECT: LiteralString = (
    "MATCH (:Actor {id: $object})<-[:OBJECT]-(c:Claim)\n" + _CLAIM_ENDS + _CLAIM_WHERE + _CLAIM_RETURN)
#: Claims touching any of `$ids` (either end): one BFS level of a traversal.
CLAIMS_TOUCHING: LiteralString = (
    "UNWIND $ids AS id MATCH (:Actor {id: id})<-[:SUBJECT|OBJECT]-(c:Claim)\nWITH DISTINCT c\n" + _CLAIM_ENDS
    + "WHERE ($predicates IS NULL OR c.predicate IN $predicates) AND ($polarities IS NULL OR c.polarity IN $polarities)"
    + _CLAIM_RETURN)
#: Claims whose both ends are in `$ids` (an induced subgraph).
CLAIMS_AMONG: LiteralString = (
    "UNWIND $ids AS id MATCH (:Actor {id: id})<-[:SUBJECT]-(c:Claim)-[:OBJECT]->(o:Actor) WHERE o.id IN $ids\n"
    + "WITH DISTINCT c\n" + _CLAIM_ENDS
    + "WHERE ($predicates IS NULL OR c.predicate IN $predicates) AND ($polarities IS NULL OR c.polarity IN $polarities)"
    + _CLAIM_RETURN)

GET_ACTOR: LiteralString = "MATCH (a:Actor {id: $id}) RETURN a {.*} AS actor"
ACTORS_BY_ID: LiteralString = "UNWIND $ids AS id MATCH (a:Actor {id: id}) RETURN a {.*} AS actor"
ALL_ACTORS: LiteralString = "MATCH (a:Actor) RETURN a {.*} AS actor"
#: Candidates for `search_actors`: a name key containing a query key. Ranking (`graph.names.match_rank`)
#: and tie-breaks are done in Python, exactly as in the embedded store.
SEARCH_ACTORS: LiteralString = """
MATCH (a:Actor) WHERE any(k IN a.name_keys WHERE any(q IN $keys WHERE k CONTAINS q))
RETURN a {.*} AS actor, COUNT { (a)<-[:SUBJECT|OBJECT]-(:Claim) } AS degree
"""
#: What a merge of actor `$id` must rewrite: claims naming it anywhere, and actors pointing at it.
CLAIMS_REFERRING: LiteralString = (
    "MATCH (c:Claim) WHERE c.claimant = $id OR $id IN c.reported_via OR (c)-[:SUBJECT|OBJECT]->(:Actor {id: $id})\n"
    + _CLAIM_ENDS + _CLAIM_RETURN)
CLAIMS_BY_ID: LiteralString = "UNWIND $ids AS id MATCH (c:Claim {id: id})\n" + _CLAIM_ENDS + _CLAIM_RETURN
ACTORS_REFERRING: LiteralString = """
MATCH (a:Actor) WHERE a.parent = $id OR a.roles_json CONTAINS $id
RETURN a {.*} AS actor
"""
GET_ARTICLE: LiteralString = "MATCH (a:Article {id: $id}) RETURN a {.*} AS article"
ALL_ARTICLES: LiteralString = "MATCH (a:Article) RETURN a {.*} AS article"
COUNTS: LiteralString = """
CALL { MATCH (a:Actor) RETURN count(a) AS actors }
CALL { MATCH (a:Article) RETURN count(a) AS articles }
CALL { MATCH ()-[r:MENTIONED_IN]->() RETURN sum(size(r.ids)) AS linked }
CALL { MATCH (a:Article) WHERE a.unlinked_mentions IS NOT NULL RETURN sum(a.unlinked_mentions) AS unlinked }
CALL { MATCH (c:Claim) RETURN count(c) AS claims }
RETURN actors, articles, linked + unlinked AS mentions, claims
"""
POLARITY_COUNTS: LiteralString = "MATCH (c:Claim) RETURN c.polarity AS polarity, count(*) AS n"
ASSERTED_BY_PREDICATE: LiteralString = (
    "MATCH (c:Claim {polarity: 'asserted'}) RETURN c.predicate AS predicate, count(*) AS n")
DISTINCT_RELATIONS: LiteralString = """
MATCH (s:Actor)<-[:SUBJECT]-(c:Claim {polarity: 'asserted'})-[:OBJECT]->(o:Actor)
RETURN count(DISTINCT [s.id, c.predicate, o.id]) AS relations
"""
#: Every ActorGraph node and relationship with its properties: what a reload must leave unchanged.
GRAPH_DUMP: LiteralString = """
CALL { MATCH (n) WHERE n:Actor OR n:Article OR n:Claim OR n:Mention
       RETURN collect([labels(n), properties(n)]) AS nodes }
CALL { MATCH (a)-[r]->(b) WHERE (a:Actor OR a:Claim OR a:Mention) AND (b:Actor OR b:Article)
       RETURN collect([a.id, type(r), b.id, properties(r)]) AS relationships }
RETURN nodes, relationships
"""
#: Plans a console statement without running it, to read its query type ("r", "rw", "w", "s").
EXPLAIN_PREFIX: LiteralString = "EXPLAIN "


def direct_types(vocabulary: Vocabulary) -> LiteralString:
    """`SUPPORTS|SUPPORTED_BY|...`: every direct-edge type, each through the vocabulary gate."""
    return "|".join(f"`{vocabulary.relationship_type(term)}`" for term in sorted(vocabulary.terms))


# --------------------------------------------------------------------------- traversal over direct edges
#: The variable-length bounds a statement may contain, as text: a literal table, so no integer is
#: ever formatted into Cypher (and pyright can see every statement is a `LiteralString`).
_BOUNDS: tuple[LiteralString, ...] = ("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10")


def bound(hops: int) -> LiteralString:
    """`hops` as the text of a variable-length bound (`*1..3`), from the literal table."""
    if not 1 <= hops < len(_BOUNDS):
        raise ValueError(f"a path bound must be between 1 and {len(_BOUNDS) - 1}, got {hops!r}")
    return _BOUNDS[hops]


#: The columns of a claim reached through a direct edge `r`: the edge gives its ends, so only the
#: article is matched (the same row shape as `_CLAIM_RETURN`, for `neo4j_rows.claim_from`).
_EDGE_CLAIM_RETURN: LiteralString = """
UNWIND r.claim_ids AS claim_id
MATCH (c:Claim {id: claim_id})-[:IN_ARTICLE]->(article:Article)
WITH c, startNode(r) AS s, endNode(r) AS o, article
RETURN c {.*} AS claim, s.id AS subject, o.id AS object, article.id AS article_id,
       article.publisher AS publisher, article.published AS published,
       s.type AS subject_type, o.type AS object_type
"""


@dataclass(frozen=True)
class DirectQueries:
    """The traversal reads over the direct actor-to-actor edges (which carry exactly the asserted
    claims), built once per vocabulary: a traversal under the default filter reads actor ids and
    the claims of the result only, instead of every claim around every visited actor."""

    neighbours: LiteralString
    claims_among: LiteralString
    claims_between: LiteralString
    shortest: Mapping[int, LiteralString]


def direct_queries(vocabulary: Vocabulary) -> DirectQueries:
    """`DirectQueries` for `vocabulary`; the shortest-path bound comes from the closed range 1..MAX_HOPS."""
    types = direct_types(vocabulary)
    # The `$cap` smallest neighbour ids of each of `$ids`, other than itself (a BFS never reads more).
    neighbours = f"""
UNWIND $ids AS id
MATCH (a:Actor {{id: id}})
CALL {{
  WITH a
  MATCH (a)-[:{types}]-(n:Actor) WHERE n <> a
  WITH DISTINCT n.id AS neighbour ORDER BY neighbour LIMIT $cap
  RETURN collect(neighbour) AS neighbours
}}
RETURN id, neighbours
"""
    # Asserted claims whose both ends are in `$ids` (an ego network's edges), self-loops included.
    claims_among = f"""
MATCH (a:Actor) WHERE a.id IN $ids
MATCH (a)-[r:{types}]->(b:Actor) WHERE b.id IN $ids
""" + _EDGE_CLAIM_RETURN
    # Asserted claims between the two actors of each `$pairs` entry, either direction (path hops).
    claims_between = f"""
UNWIND $pairs AS pair
MATCH (x:Actor {{id: pair[0]}})-[r:{types}]-(:Actor {{id: pair[1]}})
""" + _EDGE_CLAIM_RETURN
    shortest: dict[int, LiteralString] = {hops: f"""
MATCH (a:Actor {{id: $a}}), (b:Actor {{id: $b}})
MATCH p = allShortestPaths((a)-[:{types}*..{bound(hops)}]-(b))
RETURN DISTINCT [n IN nodes(p) | n.id] AS actors
""" for hops in range(1, MAX_HOPS + 1)}
    return DirectQueries(neighbours, claims_among, claims_between, shortest)


# --------------------------------------------------------------------------- catalog
@dataclass(frozen=True)
class Param:
    """One parameter of a catalog query. `kind` says how the CLI turns text into a value:
    actor (id or name, resolved), article (id), relation (vocabulary term -> relationship type),
    int (with bounds), text. `default` None means required."""

    name: str
    kind: str
    description: str
    default: Any = None
    low: int = 1
    high: int = 1000


Builder = Callable[[Vocabulary, Mapping[str, Any]], LiteralString]


@dataclass(frozen=True)
class CatalogQuery:
    """A named, documented Cypher query; `build` returns its text (types only via the gate)."""

    name: str
    description: str
    params: tuple[Param, ...]
    build: Builder

    def cypher(self, vocabulary: Vocabulary, params: Mapping[str, Any]) -> LiteralString:
        return self.build(vocabulary, params)


def _static(text: LiteralString) -> Builder:
    return lambda _vocabulary, _params: text


_EVIDENCE_COLUMNS: LiteralString = """
MATCH (c:Claim {id: claim_id})-[:IN_ARTICLE]->(article:Article)
OPTIONAL MATCH (c)-[:CLAIMED_BY]->(claimant:Actor)
RETURN other.id AS actor, coalesce(other.name_en, other.name_ar, other.id) AS name, type(r) AS edge,
       c.id AS claim, coalesce(claimant.id, c.claimant, '(article)') AS claimant, article.id AS article,
       c.evidence_text AS sentence
ORDER BY actor, article, c.evidence_start, claim
LIMIT $limit
"""
#: Who stands in relation `$forward` to X: `(other)-[:FORWARD]->(x)` or `(x)-[:BACKWARD]->(other)`.
#: The types are parameters compared with type(r): no text is built from them.
_WHO: LiteralString = """
MATCH (x:Actor {id: $actor})-[r]-(other:Actor)
WHERE (type(r) = $forward AND endNode(r) = x AND startNode(r) = other)
   OR (type(r) = $backward AND startNode(r) = x AND endNode(r) = other)
UNWIND r.claim_ids AS claim_id
""" + _EVIDENCE_COLUMNS


def _who_params(vocabulary: Vocabulary, term: str) -> dict[str, Any]:
    """The `$forward`/`$backward` types of a who-query, both through the gate."""
    inverse = vocabulary.inverse_of(term)
    return {"forward": vocabulary.relationship_type(term),
            "backward": vocabulary.relationship_type(inverse) if inverse else None}


_CONTESTED: LiteralString = """
CALL {
  MATCH (s:Actor)<-[:SUBJECT]-(c1:Claim {polarity: 'asserted'})-[:OBJECT]->(o:Actor)
  MATCH (s)<-[:SUBJECT]-(c2:Claim)-[:OBJECT]->(o)
  WHERE c2.predicate = c1.predicate AND c2.polarity <> 'asserted'
  RETURN s.id AS subject, c1.predicate AS predicate, o.id AS object, c1.id AS claim, c2.id AS contested_by,
         c2.polarity AS polarity, coalesce(c2.claimant, '(article)') AS claimant, c2.evidence_text AS sentence
  UNION
  MATCH (c2:Claim) WHERE c2.denies IS NOT NULL
  MATCH (c1:Claim {id: c2.denies})-[:SUBJECT]->(s:Actor), (c1)-[:OBJECT]->(o:Actor)
  RETURN s.id AS subject, c1.predicate AS predicate, o.id AS object, c1.id AS claim, c2.id AS contested_by,
         c2.polarity AS polarity, coalesce(c2.claimant, '(article)') AS claimant, c2.evidence_text AS sentence
}
RETURN subject, predicate, object, claim, contested_by, polarity, claimant, sentence
ORDER BY subject, predicate, object, claim, contested_by
LIMIT $limit
"""
_ARTICLE_CLAIMS: LiteralString = """
MATCH (:Article {id: $article})<-[:IN_ARTICLE]-(c:Claim)
MATCH (c)-[:SUBJECT]->(s:Actor), (c)-[:OBJECT]->(o:Actor)
RETURN c.id AS claim, s.id AS subject, c.predicate AS predicate, o.id AS object, c.polarity AS polarity,
       coalesce(c.claimant, '(article)') AS claimant, c.evidence_start AS start, c.evidence_text AS sentence
ORDER BY start, claim
LIMIT $limit
"""


def _central(vocabulary: Vocabulary, _params: Mapping[str, Any]) -> LiteralString:
    return f"""
MATCH (a:Actor)-[r:{direct_types(vocabulary)}]-(n:Actor) WHERE n <> a
WITH a, count(DISTINCT n) AS neighbours, sum(r.count) AS claims
RETURN a.id AS actor, coalesce(a.name_en, a.name_ar, a.id) AS name, a.type AS type, neighbours, claims
ORDER BY neighbours DESC, claims DESC, actor
LIMIT $limit
"""


def _evidence(vocabulary: Vocabulary, _params: Mapping[str, Any]) -> LiteralString:
    return f"""
MATCH (x:Actor {{id: $a}})-[r:{direct_types(vocabulary)}]-(y:Actor {{id: $b}})
WHERE $relation IS NULL OR type(r) = $relation
UNWIND r.claim_ids AS claim_id
MATCH (c:Claim {{id: claim_id}})-[:IN_ARTICLE]->(article:Article)
RETURN startNode(r).id AS subject, type(r) AS edge, endNode(r).id AS object, c.id AS claim,
       coalesce(c.claimant, '(article)') AS claimant, article.id AS article, article.title AS title,
       c.evidence_start AS start, c.evidence_end AS end, c.evidence_text AS sentence
ORDER BY subject, edge, object, article, start, claim
LIMIT $limit
"""


def _hops_builder(template: Callable[[Vocabulary, int], LiteralString], param: str) -> Builder:
    """Pick the text for a hop count from the closed range the Param allows (validated by the caller)."""
    def build(vocabulary: Vocabulary, params: Mapping[str, Any]) -> LiteralString:
        hops = params[param]
        if not isinstance(hops, int) or isinstance(hops, bool) or not 1 <= hops <= MAX_HOPS:
            raise ValueError(f"{param} must be an integer between 1 and {MAX_HOPS}, got {hops!r}")
        return template(vocabulary, hops)
    return build


def _paths(vocabulary: Vocabulary, hops: int) -> LiteralString:
    return f"""
MATCH p = (a:Actor {{id: $a}})-[:{direct_types(vocabulary)}*1..{bound(hops)}]-(b:Actor {{id: $b}})
WHERE all(n IN nodes(p) WHERE single(m IN nodes(p) WHERE m = n))
RETURN length(p) AS hops, [n IN nodes(p) | n.id] AS actors, [r IN relationships(p) | type(r)] AS edges,
       reduce(total = 0, r IN relationships(p) | total + r.count) AS claims
ORDER BY hops, actors, edges
LIMIT $limit
"""


def _ego(vocabulary: Vocabulary, depth: int) -> LiteralString:
    types = direct_types(vocabulary)
    return f"""
MATCH (x:Actor {{id: $actor}})
OPTIONAL MATCH (x)-[:{types}*1..{bound(depth)}]-(n:Actor)
WITH x, collect(DISTINCT n) AS around
WITH [x] + around AS nodes
UNWIND nodes AS a
MATCH (a)-[r:{types}]->(b:Actor) WHERE b IN nodes
RETURN a.id AS source, type(r) AS edge, b.id AS target, r.count AS claims, r.claim_ids AS claim_ids
ORDER BY source, edge, target
LIMIT $limit
"""


_LIMIT = Param("limit", "int", "at most this many rows", 100, 1, 100_000)

CATALOG: dict[str, CatalogQuery] = {q.name: q for q in (
    CatalogQuery("who-supports", "Who supports ACTOR: `X SUPPORTS actor` and `actor SUPPORTED_BY X`, "
                 "with the claims, claimants, articles and sentences behind each edge.",
                 (Param("actor", "actor", "the supported actor (id or name)"), _LIMIT), _static(_WHO)),
    CatalogQuery("who-accuses", "Who accuses ACTOR and who says so: claimant, article and sentence of every "
                 "asserted accusation.",
                 (Param("actor", "actor", "the accused actor (id or name)"), _LIMIT), _static(_WHO)),
    CatalogQuery("paths", "All simple paths between A and B over direct edges, up to K hops, shortest first.",
                 (Param("a", "actor", "one end"), Param("b", "actor", "the other end"),
                  Param("k", "int", "the most hops", 3, 1, MAX_HOPS), _LIMIT), _hops_builder(_paths, "k")),
    CatalogQuery("ego", "The ego network of ACTOR: every direct edge among the actors within DEPTH hops.",
                 (Param("actor", "actor", "the centre"), Param("depth", "int", "hops from the centre", 1, 1, MAX_DEPTH),
                  _LIMIT), _hops_builder(_ego, "depth")),
    CatalogQuery("contested", "Contested claims: an asserted triple also denied or negated, or a claim that "
                 "denies another.", (_LIMIT,), _static(_CONTESTED)),
    CatalogQuery("central", "The most central actors: distinct neighbours over direct edges, then claims.",
                 (Param("limit", "int", "at most this many actors", 20, 1, 100_000),), _central),
    CatalogQuery("article-claims", "Every claim of ARTICLE in reading order, with its sentence.",
                 (Param("article", "article", "the article id"), _LIMIT), _static(_ARTICLE_CLAIMS)),
    CatalogQuery("evidence", "The claims, articles, sentences and claimants behind the direct edges between "
                 "A and B (optionally only RELATION).",
                 (Param("a", "actor", "one end"), Param("b", "actor", "the other end"),
                  Param("relation", "relation", "a vocabulary term, e.g. supported-by", ""), _LIMIT), _evidence),
)}

#: The vocabulary term behind each who-query (its type and inverse type become `$forward`/`$backward`).
WHO_TERMS: dict[str, str] = {"who-supports": "supports", "who-accuses": "accuses"}


def catalog_parameters(name: str, vocabulary: Vocabulary) -> dict[str, Any]:
    """Extra parameters a catalog query derives from the vocabulary (never from the user)."""
    term = WHO_TERMS.get(name)
    return _who_params(vocabulary, term) if term else {}


#: Neo4j Browser's "label actors by type" favourite (graph/neo4j/browser_assets.py): an actor whose
#: type is one of the vocabulary's `$types` gets it as a second label (for the GraSS style), and
#: loses a type label it no longer has. Dynamic labels (`$(...)`) need Neo4j 5.26.
LABEL_ACTOR_TYPES: LiteralString = """
MATCH (a:Actor)
REMOVE a:$([label IN labels(a) WHERE label IN $types AND label <> coalesce(a.type, '')])
WITH a WHERE a.type IN $types
SET a:$(a.type)
RETURN count(a) AS labelled
"""


def actor_graph_view(vocabulary: Vocabulary) -> LiteralString:
    """Neo4j Browser's "actor graph" favourite: the direct edges as paths, which the Browser draws."""
    return f"""
MATCH p = (:Actor)-[:{direct_types(vocabulary)}]->(:Actor)
RETURN p
LIMIT $limit
"""
