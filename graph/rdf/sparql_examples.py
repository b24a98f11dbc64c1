"""SPARQL questions over an ActorGraph export, each tested against the seed (rdflib and pyoxigraph).

The export materialises nothing beyond what was annotated: `X supportedBy Y` is not also written
as `Y supports X`. Queries that should read both directions say so with a property path
(`ag:supports|^ag:supportedBy`). Direct triples exist only for asserted claims; denied and negated
claims are reached through their reification (rdf:subject / rdf:predicate / rdf:object).

Actors, articles and claims are matched by `dcterms:identifier` (their ActorGraph id), so the
queries work whatever `--base` the data was exported under. docs/sparql.md shows the same text.
"""
from __future__ import annotations

from actorgraph.graph.rdf.terms import PREFIXES

PROLOGUE = "".join(f"PREFIX {prefix}: <{uri}>\n" for prefix, uri in PREFIXES.items())

WHO_SUPPORTS_SDF = PROLOGUE + """\
# Who supports the SDF? Reads `X supports SDF` and `SDF supportedBy X` (asserted claims only).
SELECT DISTINCT ?supporter WHERE {
  ?sdf dcterms:identifier "sdf" .
  ?actor ag:supports|^ag:supportedBy ?sdf .
  ?actor dcterms:identifier ?supporter .
}
ORDER BY ?supporter
"""

IRAQ_ACCUSES_ISIS = PROLOGUE + """\
# Which article and which sentence support "Iraq accuses ISIS"?
SELECT ?claim ?article ?title ?sentence ?start ?end WHERE {
  ?iraq dcterms:identifier "iraq" .
  ?isis dcterms:identifier "isis" .
  ?c rdf:subject ?iraq ; rdf:predicate ag:accuses ; rdf:object ?isis ;
     ag:polarity "asserted" ; dcterms:identifier ?claim ;
     prov:wasDerivedFrom ?a ; ag:evidence/oa:hasTarget ?target .
  ?a dcterms:identifier ?article ; dcterms:title ?title .
  ?target oa:hasSelector ?quote, ?position .
  ?quote a oa:TextQuoteSelector ; oa:exact ?sentence .
  ?position a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
}
ORDER BY ?claim
"""

WHO_DENIES_WHAT = PROLOGUE + """\
# Who denies what? Denied claims, their claimant and the statement they reject.
SELECT ?claimant ?subject ?relation ?object ?claim WHERE {
  ?c ag:polarity "denied" ; dcterms:identifier ?claim ; prov:wasAttributedTo ?who ;
     rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  ?who dcterms:identifier ?claimant .
  ?s dcterms:identifier ?subject .
  ?o dcterms:identifier ?object .
  BIND(STRAFTER(STR(?p), "#") AS ?relation)
}
ORDER BY ?claimant ?claim
"""

CONTESTED_CLAIMS = PROLOGUE + """\
# Contested claims: a claim, who made it, and the claim (and claimant) that denies it.
SELECT ?claim ?claimant ?statement ?denial ?denier WHERE {
  ?d ag:deniesClaim ?c ; dcterms:identifier ?denial ; prov:wasAttributedTo ?dw .
  ?c dcterms:identifier ?claim ; prov:wasAttributedTo ?cw ;
     rdf:subject/dcterms:identifier ?s ; rdf:predicate ?p ; rdf:object/dcterms:identifier ?o .
  ?dw dcterms:identifier ?denier .
  ?cw dcterms:identifier ?claimant .
  BIND(CONCAT(?s, " ", STRAFTER(STR(?p), "#"), " ", ?o) AS ?statement)
}
ORDER BY ?claim ?denial
"""

#: name -> (question, query); docs/sparql.md shows each query verbatim.
EXAMPLES: dict[str, tuple[str, str]] = {
    "who-supports-sdf": ("Who supports the SDF (either direction)?", WHO_SUPPORTS_SDF),
    "iraq-accuses-isis": ('Which article and sentence support "Iraq accuses ISIS"?', IRAQ_ACCUSES_ISIS),
    "who-denies-what": ("Who denies what?", WHO_DENIES_WHAT),
    "contested-claims": ("Contested claims and the claims that deny them", CONTESTED_CLAIMS),
}

Row = tuple[str, ...]


def select_rdflib(graph, query: str) -> list[Row]:
    """Run a SELECT with rdflib; each row as the plain string values of its variables."""
    return [tuple("" if v is None else str(v) for v in row) for row in graph.query(query)]


def select_oxigraph(store, query: str) -> list[Row]:
    """Run a SELECT with pyoxigraph; each row as the plain string values of its variables."""
    results = store.query(query)
    names = [v.value for v in results.variables]
    return [tuple("" if row[n] is None else row[n].value for n in names) for row in results]
