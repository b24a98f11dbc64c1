"""Downloads of the subgraph an analyst is looking at: CSV (one row per claim), GraphML, Turtle.

Each export keeps the evidence: the claim id, article, evidence text, claimant and polarity
travel with every edge, so a file opened elsewhere can still be traced back to its sentences.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Mapping

import networkx as nx

from actorgraph.graph.model import Article
from actorgraph.graph.store import Subgraph

CSV_COLUMNS = ("claim", "subject", "subject_name", "predicate", "object", "object_name", "polarity", "certainty",
               "claimant", "date", "article", "article_title", "publisher", "published", "url", "evidence")
#: Spreadsheet programs run cells that start with these as formulas; such cells get a leading quote.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def subgraph_rows(subgraph: Subgraph, articles: Mapping[str, Article]) -> list[dict[str, str]]:
    """One dict per claim with the CSV columns (plain values, not formula-guarded)."""
    names = {a.id: a.name for a in subgraph.actors}
    rows = []
    for claim in subgraph.claims:
        article = articles.get(claim.article_id)
        rows.append({
            "claim": claim.id, "subject": claim.subject, "subject_name": names.get(claim.subject, claim.subject),
            "predicate": claim.predicate, "object": claim.object,
            "object_name": names.get(claim.object, claim.object), "polarity": claim.polarity,
            "certainty": claim.certainty, "claimant": claim.claimant or "", "date": claim.date or "",
            "article": claim.article_id, "article_title": article.title if article else "",
            "publisher": (article.publisher or "") if article else "",
            "published": (article.published or "") if article else "",
            "url": (article.url or "") if article else "", "evidence": claim.evidence.text,
        })
    return rows


def subgraph_csv(subgraph: Subgraph, articles: Mapping[str, Article]) -> str:
    """UTF-8 CSV text, one row per claim, cells that look like formulas quoted for spreadsheets."""
    buffer = io.StringIO()
    writer: csv.DictWriter[str] = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in subgraph_rows(subgraph, articles):
        writer.writerow({k: _cell(v) for k, v in row.items()})
    return buffer.getvalue()


def subgraph_networkx(subgraph: Subgraph) -> nx.MultiDiGraph:
    """A MultiDiGraph: actors with name/type, one edge per claim keyed by claim id."""
    graph = nx.MultiDiGraph()
    for actor in subgraph.actors:
        graph.add_node(actor.id, name=actor.name, type=actor.type, name_ar=actor.labels.get("ar", ""),
                       name_en=actor.labels.get("en", ""), wikidata=actor.wikidata or "")
    for claim in subgraph.claims:
        graph.add_edge(claim.subject, claim.object, key=claim.id, predicate=claim.predicate,
                       polarity=claim.polarity, certainty=claim.certainty, claimant=claim.claimant or "",
                       article=claim.article_id, evidence=claim.evidence.text, date=claim.date or "")
    return graph


def subgraph_graphml(subgraph: Subgraph) -> bytes:
    """GraphML bytes (UTF-8) as networkx writes them."""
    buffer = io.BytesIO()
    nx.write_graphml(subgraph_networkx(subgraph), buffer, encoding="utf-8")
    return buffer.getvalue()


ONTOLOGY = "https://w3id.org/actorgraph/ontology#"
RESOURCE = "https://w3id.org/actorgraph/id/"


def subgraph_rdf(subgraph: Subgraph, articles: Mapping[str, Article]):  # -> rdflib.Graph
    """RDF of the subgraph: asserted claims as direct triples, every claim reified with its evidence."""
    from urllib.parse import quote

    from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef  # imported on demand: only for Turtle

    ag, res = Namespace(ONTOLOGY), Namespace(RESOURCE)
    graph = Graph()
    graph.bind("ag", ag)
    graph.bind("agr", res)

    def node(kind: str, key: str) -> URIRef:
        return res[f"{kind}/{quote(key, safe='')}"]

    for actor in subgraph.actors:
        subject = node("actor", actor.id)
        graph.add((subject, RDF.type, ag[actor.type]))
        for language, label in sorted(actor.labels.items()):
            graph.add((subject, RDFS.label, Literal(label, lang=language)))
        if actor.wikidata:
            graph.add((subject, ag.wikidata, URIRef(f"http://www.wikidata.org/entity/{actor.wikidata}")))
    for claim in subgraph.claims:
        article = articles.get(claim.article_id)
        predicate = ag[quote(claim.predicate, safe="-")]
        subject, obj = node("actor", claim.subject), node("actor", claim.object)
        if claim.asserted:
            graph.add((subject, predicate, obj))
        statement = node("claim", claim.id)
        graph.add((statement, RDF.type, ag.Claim))
        graph.add((statement, RDF.subject, subject))
        graph.add((statement, RDF.predicate, predicate))
        graph.add((statement, RDF.object, obj))
        graph.add((statement, ag.polarity, Literal(claim.polarity)))
        graph.add((statement, ag.certainty, Literal(claim.certainty)))
        graph.add((statement, ag.article, node("article", claim.article_id)))
        language = article.language if article else None
        graph.add((statement, ag.evidence, Literal(claim.evidence.text, lang=language)))
        if claim.claimant:
            graph.add((statement, ag.claimant, node("actor", claim.claimant)))
        if claim.date:
            graph.add((statement, ag.date, Literal(claim.date)))
    for article_id in sorted({c.article_id for c in subgraph.claims}):
        article = articles.get(article_id)
        if article is not None:
            graph.add((node("article", article_id), RDFS.label, Literal(article.title, lang=article.language)))
    return graph


def subgraph_turtle(subgraph: Subgraph, articles: Mapping[str, Article]) -> str:
    """Turtle text for the subgraph."""
    return subgraph_rdf(subgraph, articles).serialize(format="turtle")
