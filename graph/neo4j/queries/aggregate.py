"""Aggregate reads: edges summed server-side under a whole `ClaimFilter`, claims of one edge by page.

Part of `graph.neo4j.queries` (same rules; re-exported there). Every statement here applies the
whole filter in Cypher (`FILTERED`), so only counts cross the wire: an ego network of a hub at a
million relations returns a few hundred rows instead of tens of thousands of claims. The filter
reads the same fields `ClaimFilter.accepts` reads, with the same rules (see
`graph.neo4j.aggregates.filter_params` for the parameters):

* a claim's period is its `date` (`START/END` for a range), else its article's `published`;
* partial dates compare as strings, a period's end read through `end_of` ('2022' -> '2022-99-99'),
  written here as a `CASE` on the number of dashes;
* `$polarities` is applied last (as `passes`), because the contested flag and the weight read
  the claims of every polarity under the rest of the filter.
"""
from __future__ import annotations

from typing import LiteralString

__all__ = ["CLAIMS_OF_EDGE_PAGE", "CLAIM_OVERVIEW", "DIRECT_OVERVIEW", "DIRECT_SUMMARIES_ALL",
           "DIRECT_SUMMARIES_AMONG", "DIRECT_SUMMARIES_BETWEEN", "EDGES_WITHOUT_SUMMARY", "EDGE_SUMMARIES_ALL",
           "EDGE_SUMMARIES_AMONG", "EDGE_SUMMARIES_BETWEEN", "PAIRS_WITHOUT_SUMMARY", "PAIR_SUMMARIES",
           "SET_EDGE_SUMMARIES"]

#: After `MATCH (s)<-[:SUBJECT]-(c:Claim)-[:OBJECT]->(o)`: the article, the claim's period, and every
#: restriction of the filter but the polarity.
FILTERED: LiteralString = """
MATCH (c)-[:IN_ARTICLE]->(article:Article)
WITH s, c, o, article,
     CASE WHEN c.date IS NULL OR c.date = '' THEN null ELSE split(c.date, '/') END AS span,
     CASE WHEN article.published IS NULL OR article.published = '' THEN null ELSE article.published END AS published
WITH s, c, o, article, published,
     coalesce(span[0], published) AS first,
     coalesce(CASE WHEN span IS NULL THEN null WHEN span[size(span) - 1] = '' THEN span[0]
                   ELSE span[size(span) - 1] END, published) AS last
WHERE ($predicates IS NULL OR c.predicate IN $predicates)
  AND ($origins IS NULL OR coalesce(c.origin, 'annotated') IN $origins)
  AND ($claimants IS NULL OR coalesce(c.claimant, '') IN $claimants)
  AND ($publishers IS NULL OR coalesce(article.publisher, '') IN $publishers)
  AND ($actor_types IS NULL OR (s.type IN $actor_types AND o.type IN $actor_types))
  AND (NOT $timed OR CASE WHEN first IS NULL THEN $include_undated ELSE
         ($as_of_end IS NULL OR (first <= $as_of_end AND (published IS NULL OR published <= $as_of_end)))
         AND ($date_from IS NULL OR last + CASE size(split(last, '-')) WHEN 1 THEN '-99-99' WHEN 2 THEN '-99'
                                            ELSE '' END >= $date_from)
         AND ($date_to_end IS NULL OR first <= $date_to_end) END)
"""
#: One row per (subject, predicate, object): the counts of `graph.edge_summaries.TripleCounts`.
_SUMMARY: LiteralString = """
WITH s.id AS subject, c.predicate AS predicate, o.id AS object, c.polarity = 'asserted' AS asserted,
     ($polarities IS NULL OR c.polarity IN $polarities) AS passes, article.id AS article_id,
     CASE WHEN article.publisher IS NULL OR article.publisher = '' THEN article.id ELSE article.publisher END AS source,
     CASE WHEN c.date IS NULL OR c.date = '' THEN published ELSE c.date END AS date,
     c.claimant AS claimant, c.certainty AS certainty
RETURN subject, predicate, object,
       sum(CASE WHEN passes THEN 1 ELSE 0 END) AS claims,
       sum(CASE WHEN passes AND asserted THEN 1 ELSE 0 END) AS asserted,
       sum(CASE WHEN passes AND NOT asserted THEN 1 ELSE 0 END) AS denied,
       count(DISTINCT CASE WHEN passes THEN source END) AS sources,
       count(DISTINCT CASE WHEN passes THEN article_id END) AS articles,
       collect(DISTINCT CASE WHEN passes THEN date END) AS dates,
       sum(CASE WHEN asserted THEN 1 ELSE 0 END) AS all_asserted,
       sum(CASE WHEN asserted THEN 0 ELSE 1 END) AS all_against,
       collect(DISTINCT [source, CASE WHEN claimant IS NULL OR claimant = '' THEN source ELSE claimant END,
                         certainty, asserted]) AS voices
"""
#: Edges among `$ids` (an ego network, the overview's hubs): from each actor's claims as subject.
EDGE_SUMMARIES_AMONG: LiteralString = """
UNWIND $ids AS id
MATCH (s:Actor {id: id})<-[:SUBJECT]-(c:Claim)-[:OBJECT]->(o:Actor) WHERE o.id IN $ids
""" + FILTERED + _SUMMARY
#: Edges from `pair[0]` to `pair[1]` for each of `$pairs` (path hops; the caller lists both directions).
EDGE_SUMMARIES_BETWEEN: LiteralString = """
UNWIND $pairs AS pair
MATCH (s:Actor {id: pair[0]})<-[:SUBJECT]-(c:Claim)-[:OBJECT]->(o:Actor {id: pair[1]})
""" + FILTERED + _SUMMARY
#: Edges between the two actors of each unordered `pair` of `$pairs`, both directions (what the
#: loader refreshes). The claims are reached from the end with fewer claims (its degree is a count
#: the server keeps per node, no scan): anchoring both ends lets the planner expand from a hub,
#: which costs the hub's thousands of claims for every pair it is in (Zipf: most pairs).
PAIR_SUMMARIES: LiteralString = """
UNWIND $pairs AS pair
MATCH (p:Actor {id: pair[0]}), (q:Actor {id: pair[1]})
WITH CASE WHEN COUNT { (p)<-[:SUBJECT|OBJECT]-() } <= COUNT { (q)<-[:SUBJECT|OBJECT]-() } THEN [p, q]
          ELSE [q, p] END AS ends
WITH ends[0] AS x, ends[1] AS y
MATCH (x)<-[:SUBJECT|OBJECT]-(c:Claim)
WITH DISTINCT x, y, c
MATCH (c)-[:SUBJECT]->(s:Actor), (c)-[:OBJECT]->(o:Actor)
WHERE (s = x AND o = y) OR (s = y AND o = x)
""" + FILTERED + _SUMMARY
#: Every edge of the store (the whole-store ranking).
EDGE_SUMMARIES_ALL: LiteralString = """
MATCH (s:Actor)<-[:SUBJECT]-(c:Claim)-[:OBJECT]->(o:Actor)
""" + FILTERED + _SUMMARY
#: One page of the claims of one triple, in `sort_claims` order (article, evidence start, id).
CLAIMS_OF_EDGE_PAGE: LiteralString = """
MATCH (s:Actor {id: $subject})<-[:SUBJECT]-(c:Claim {predicate: $predicate})-[:OBJECT]->(o:Actor {id: $object})
""" + FILTERED + """
  AND ($polarities IS NULL OR c.polarity IN $polarities)
WITH c, s, o, article ORDER BY article.id, c.evidence_start, c.id SKIP $offset LIMIT $limit
RETURN c {.*} AS claim, s.id AS subject, o.id AS object, article.id AS article_id,
       article.publisher AS publisher, article.published AS published,
       s.type AS subject_type, o.type AS object_type
"""
_ALL_FILTERED: LiteralString = """
  MATCH (s:Actor)<-[:SUBJECT]-(c:Claim)-[:OBJECT]->(o:Actor)
""" + FILTERED + """
  AND ($polarities IS NULL OR c.polarity IN $polarities)
"""
#: The landing overview's numbers: claims, their distinct dates, and the busiest actors.
CLAIM_OVERVIEW: LiteralString = """
CALL {
""" + _ALL_FILTERED + """
  RETURN count(*) AS claims,
         collect(DISTINCT CASE WHEN c.date IS NULL OR c.date = '' THEN published ELSE c.date END) AS dates
}
CALL {
""" + _ALL_FILTERED + """
  UNWIND CASE WHEN s = o THEN [s.id] ELSE [s.id, o.id] END AS actor
  WITH actor, count(*) AS n ORDER BY n DESC, actor
  WITH collect([actor, n]) AS ranked
  RETURN size(ranked) AS linked, ranked[0..$limit] AS hubs
}
RETURN claims, dates, linked, hubs
"""

# --------------------------------------------------------------------------- direct-edge summaries
#: The summary a direct edge keeps (`graph.neo4j.edge_props`): what an `EdgeSummary` under the
#: default filter holds, so ego networks, paths, the ranking and the overview read edges only.
#: Set on the edge `(s)-[r]->(o)` of type `row.type` (compared with type(r): no text is built).
SET_EDGE_SUMMARIES: LiteralString = """
UNWIND $rows AS row
MATCH (s:Actor {id: row.subject})-[r]->(o:Actor {id: row.object})
WHERE type(r) = row.type AND r.claim_ids IS NOT NULL
SET r += row.props
"""
_DIRECT_RETURN: LiteralString = """
RETURN s.id AS subject, r.predicate AS predicate, o.id AS object, r.claims AS claims, r.asserted AS asserted,
       r.denied AS denied, r.sources AS sources, r.articles AS articles, r.first AS first, r.last AS last,
       r.contested AS contested, r.weight AS weight
"""
#: The summaries kept on the direct edges among `$ids` (an ego network), self-loops included.
DIRECT_SUMMARIES_AMONG: LiteralString = """
MATCH (s:Actor) WHERE s.id IN $ids
MATCH (s)-[r]->(o:Actor) WHERE r.claim_ids IS NOT NULL AND o.id IN $ids
""" + _DIRECT_RETURN
#: The summaries kept on the direct edges from `pair[0]` to `pair[1]` for each of `$pairs`.
DIRECT_SUMMARIES_BETWEEN: LiteralString = """
UNWIND $pairs AS pair
MATCH (s:Actor {id: pair[0]})-[r]->(o:Actor {id: pair[1]}) WHERE r.claim_ids IS NOT NULL
""" + _DIRECT_RETURN
#: Every direct edge's summary (the whole-store ranking under the default filter).
DIRECT_SUMMARIES_ALL: LiteralString = """
MATCH (s:Actor)-[r]->(o:Actor) WHERE r.claim_ids IS NOT NULL
""" + _DIRECT_RETURN
#: The landing overview under the default filter, from the direct edges' kept counts: claims,
#: the period's ends (the caller takes the min first and the latest last), and the busiest actors.
DIRECT_OVERVIEW: LiteralString = """
CALL {
  MATCH (:Actor)-[r]->(:Actor) WHERE r.claim_ids IS NOT NULL
  RETURN sum(r.claims) AS claims, collect(DISTINCT r.first) AS firsts, collect(DISTINCT r.last) AS lasts
}
CALL {
  MATCH (s:Actor)-[r]->(o:Actor) WHERE r.claim_ids IS NOT NULL
  UNWIND CASE WHEN s = o THEN [s.id] ELSE [s.id, o.id] END AS actor
  WITH actor, sum(r.claims) AS n ORDER BY n DESC, actor
  WITH collect([actor, n]) AS ranked
  RETURN size(ranked) AS linked, ranked[0..$limit] AS hubs
}
RETURN claims, firsts, lasts, linked, hubs
"""
#: The unordered actor pairs `[low id, high id]` whose direct edges lack a summary (an upgrade, a bulk import).
PAIRS_WITHOUT_SUMMARY: LiteralString = """
MATCH (s:Actor)-[r]->(o:Actor) WHERE r.claim_ids IS NOT NULL AND r.weight IS NULL
RETURN DISTINCT CASE WHEN s.id <= o.id THEN [s.id, o.id] ELSE [o.id, s.id] END AS pair
"""
#: Whether some direct edge lacks its summary (a store written before edges kept one).
EDGES_WITHOUT_SUMMARY: LiteralString = """
MATCH (:Actor)-[r]->(:Actor) WHERE r.claim_ids IS NOT NULL AND r.weight IS NULL
WITH r LIMIT 1
RETURN count(r) > 0 AS missing
"""
