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

The statements are split by use: this module (schema, writes, claim-level reads, traversal over
the direct edges), `queries.aggregate` (edges summed server-side, claims of one edge by page) and
`queries.catalog` (the named queries users run); everything is importable from here.

Model (see docs/neo4j.md for a diagram):
`(:Claim)-[:SUBJECT|OBJECT]->(:Actor)`, `(:Claim)-[:IN_ARTICLE]->(:Article)`,
`(:Claim)-[:CLAIMED_BY]->(:Actor)`, the mentions of an actor in an article as one
`(:Actor)-[:MENTIONED_IN {ids, starts, ends, texts, resolutions, origins}]->(:Article)`, and for
traversal one direct edge per asserted (subject, predicate, object):
`(:Actor)-[:SUPPORTED_BY {claim_ids, count}]->(:Actor)`.
"""
from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import LiteralString

from actorgraph.graph.neo4j.queries.aggregate import *  # noqa: F403 (the aggregate reads, re-exported)
from actorgraph.graph.neo4j.queries.catalog import (  # noqa: F401 (re-exported: one place to import Cypher from)
    CATALOG,
    WHO_TERMS,
    CatalogQuery,
    Param,
    bound,
    catalog_parameters,
    direct_types,
)
from actorgraph.graph.store import MAX_HOPS
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
#: whose ids leave the direct edges, and the actor pairs of all (whose edge summaries change):
#: one statement instead of a read and a delete.
TAKE_ARTICLE_CLAIMS: LiteralString = """
UNWIND $article_ids AS article_id
MATCH (:Article {id: article_id})<-[:IN_ARTICLE]-(c:Claim)
MATCH (c)-[:SUBJECT]->(s:Actor), (c)-[:OBJECT]->(o:Actor)
WITH c, CASE WHEN c.polarity = 'asserted' THEN [s.id, c.predicate, o.id, c.id] END AS key, [s.id, o.id] AS pair
DETACH DELETE c
RETURN collect(key) AS removed, count(*) AS deleted, collect(DISTINCT pair) AS pairs
"""
#: Delete the claims holding `$ids`, wherever they are, and hand back their asserted keys: a claim id
#: is a global key, so a claim written under an id another article holds moves to the new article.
TAKE_CLAIMS_BY_ID: LiteralString = """
UNWIND $ids AS id
MATCH (c:Claim {id: id})-[:SUBJECT]->(s:Actor), (c)-[:OBJECT]->(o:Actor)
WITH c, CASE WHEN c.polarity = 'asserted' THEN [s.id, c.predicate, o.id, c.id] END AS key, [s.id, o.id] AS pair
DETACH DELETE c
RETURN collect(key) AS removed, collect(DISTINCT pair) AS pairs
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
    relationship type, and set each edge's summary (`row.props`, see `graph.neo4j.edge_props`),
    in ONE statement (one round trip per batch, not one per type, nor one more for the summaries).

    `row.type` picks the branch of a UNION per type of `rel_types`, which come only from
    `Vocabulary.relationship_type` (the gate: see `edge_types`); exactly one branch MERGEs (locks)
    the edge. Built once per vocabulary (the text is the server's plan-cache key). Rows
    come sorted by (subject, object), so concurrent writers take hub locks in one order. The list
    stays sorted: appended as is when every new id sorts after the stored ones (a first load in
    article order, the common case) or there is none (a row that only brings a summary), else
    recomputed as sorted((claim_ids - gone) | new). An edge left with no claim is deleted.
    (A dynamic `MERGE (s)-[r:$(row.type)]->(o)` measured 8x slower.)
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
WITH r, row, old, size(row.gone) = 0 AND (size(row.new) = 0 OR size(old) = 0 OR old[-1] < row.new[0]) AS appending
CALL {{
  WITH row, old, appending
  WITH row, old WHERE NOT appending
  UNWIND [x IN old WHERE NOT x IN row.gone] + row.new AS id
  WITH DISTINCT id ORDER BY id
  RETURN collect(id) AS resorted
}}
WITH r, row, CASE WHEN appending THEN old + row.new ELSE resorted END AS ids
FOREACH (_ IN CASE WHEN size(ids) = 0 THEN [1] ELSE [] END | DELETE r)
FOREACH (_ IN CASE WHEN size(ids) > 0 THEN [1] ELSE [] END | SET r.claim_ids = ids, r.count = size(ids), r += row.props)
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


# --------------------------------------------------------------------------- traversal over direct edges
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
