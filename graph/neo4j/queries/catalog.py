"""The catalog of named Cypher queries users run (`actorgraph query`, the explorer's Cypher tab).

Part of `graph.neo4j.queries` (same rules: parameters for every value, relationship types only
through the vocabulary gate, variable-length bounds from closed integer ranges); re-exported there.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, LiteralString

from actorgraph.graph.store import MAX_DEPTH, MAX_HOPS
from actorgraph.graph.vocabulary import Vocabulary

#: The variable-length bounds a statement may contain, as text: a literal table, so no integer is
#: ever formatted into Cypher (and pyright can see every statement is a `LiteralString`).
_BOUNDS: tuple[LiteralString, ...] = ("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10")


def bound(hops: int) -> LiteralString:
    """`hops` as the text of a variable-length bound (`*1..3`), from the literal table."""
    if not 1 <= hops < len(_BOUNDS):
        raise ValueError(f"a path bound must be between 1 and {len(_BOUNDS) - 1}, got {hops!r}")
    return _BOUNDS[hops]


def direct_types(vocabulary: Vocabulary) -> LiteralString:
    """`SUPPORTS|SUPPORTED_BY|...`: every direct-edge type, each through the vocabulary gate."""
    return "|".join(f"`{vocabulary.relationship_type(term)}`" for term in sorted(vocabulary.terms))


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
