"""The graph as RDF: actors, articles, and every claim with its provenance and evidence.

Only the read side of the Store protocol is used (`actors`, `articles`, `claims`, `mentions`),
so the export is the same from the embedded store and from Neo4j.

What a claim becomes:
- a resource `{base}claim/{article}/{local}` typed `rdf:Statement` and `ag:Claim` (standard
  reification: rdf:subject / rdf:predicate / rdf:object), with PROV-O provenance
  (prov:wasDerivedFrom the article, prov:wasAttributedTo the claimant, or the publisher / the
  article itself when the article speaks in its own voice), ag:polarity, ag:certainty, ag:origin
  (annotated, or extracted: an `actorgraph extract` suggestion), ag:date or
  ag:dateStart/ag:dateEnd, ag:reportedVia (an rdf:List, outermost first) and ag:deniesClaim (ag:denies is already the
  vocabulary relation between actors);
- its evidence as a W3C Web Annotation (oa:Annotation whose target is the article with an
  oa:TextPositionSelector and an oa:TextQuoteSelector);
- and, only when it is asserted, the direct triple `subject ag:relation object`. A denied or
  negated claim never produces the direct triple: it exists only as a reified statement.

Inverse and symmetric readings are not materialised: `X supportedBy Y` stays as annotated and the
ontology declares `owl:inverseOf`; queries read both directions (see `graph.rdf.sparql_examples`).

What is exported is an `ExportSource` (`graph.exporters.source`): the whole store, or the
subgraph an analyst sees in the explorer. Formats (`graph.rdf.formats`): `nt` and `ttl` stream
through `graph.rdf.ntriples`; `trig` (one named graph per article holding its claims and
mentions) goes through pyoxigraph, `jsonld` through rdflib.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain

from actorgraph.graph.exporters.source import EVERY_POLARITY, ExportSource
from actorgraph.graph.model import Actor, Article, Claim, Mention, Span
from actorgraph.graph.rdf.terms import (
    AG,
    DCTERMS,
    DEFAULT_BASE,
    OA,
    OWL,
    PROV,
    RDF,
    RDF_TYPE,
    RDFS,
    SCHEMA,
    SKOS,
    WIKIDATA_NS,
    XSD,
    Term,
    Triple,
    bnode,
    child,
    date_literal,
    iri,
    literal,
    relation_property,
    script_language,
    segment,
)
from actorgraph.graph.vocabulary import Vocabulary, default_vocabulary

log = logging.getLogger(__name__)
CONTEXT_CHARS = 32  # oa:prefix / oa:suffix length around a quoted sentence
_WIKIDATA_ID = re.compile(r"^Q[0-9]+$")
_LANG = re.compile(r"^[a-zA-Z]{2,8}(-[a-zA-Z0-9]{1,8})*$")

#: Every non-relation vocabulary term the exporter writes (Turtle abbreviates exactly these;
#: tests/test_rdf_export.py fails when a new one is used but not listed).
USED_TERMS = (
    (RDF, ("type", "Statement", "subject", "predicate", "object", "first", "rest", "nil")),
    (RDFS, ("comment",)),
    (OWL, ("sameAs",)),
    (SKOS, ("prefLabel", "altLabel", "definition")),
    (PROV, ("wasDerivedFrom", "wasAttributedTo")),
    (OA, ("Annotation", "SpecificResource", "TextPositionSelector", "TextQuoteSelector", "hasBody", "hasTarget",
          "hasSource", "hasSelector", "start", "end", "exact", "prefix", "suffix", "motivatedBy", "identifying")),
    (DCTERMS, ("identifier", "title", "language", "publisher", "date")),
    (SCHEMA, ("NewsArticle", "text", "url")),
    (AG, ("Claim", "origin", "polarity", "certainty", "date", "dateStart", "dateEnd", "reportedVia", "deniesClaim",
          "evidence", "resolution")),
)

_NON_NEGATIVE = XSD.nonNegativeInteger

Quad = tuple[Term, Term, Term, "Term | None"]


def normalise_base(base: str) -> str:
    """The data base IRI, ending with '/' or '#' so ids can be appended; rejects relative IRIs."""
    if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", base):
        raise ValueError(f"base IRI {base!r} is not absolute (e.g. {DEFAULT_BASE})")
    return base if base.endswith(("/", "#")) else base + "/"


@dataclass
class RdfExporter:
    """Turns store values into triples under one base IRI. Holds no graph: everything streams."""

    base: str = DEFAULT_BASE
    vocabulary: Vocabulary = field(default_factory=default_vocabulary)

    def __post_init__(self) -> None:
        self.base = normalise_base(self.base)
        self._actor_iris: dict[str, Term] = {}
        self._article_iris: dict[str, Term] = {}
        self._plain: dict[str, Term] = {}  # polarity, certainty, resolution, origin: few distinct values
        self._relations = {t: relation_property(t) for t in self.vocabulary.terms}
        self._bnodes = 0

    # ---- IRIs -------------------------------------------------------------------------------
    def actor_iri(self, actor_id: str) -> Term:
        term = self._actor_iris.get(actor_id)
        if term is None:
            term = self._actor_iris[actor_id] = iri(f"{self.base}actor/{segment(actor_id)}")
        return term

    def article_iri(self, article_id: str) -> Term:
        term = self._article_iris.get(article_id)
        if term is None:
            term = self._article_iris[article_id] = iri(f"{self.base}article/{segment(article_id)}")
        return term

    def graph_iri(self, article_id: str) -> Term:
        """The TriG named graph holding one article's claims and mentions."""
        return iri(f"{self.base}graph/{segment(article_id)}")

    def claim_iri(self, claim_id: str, article_id: str | None = None) -> Term:
        """`{base}claim/{article}/{local}` from a claim id `<article>#<local>`."""
        article, local = _split_id(claim_id, article_id)
        return iri(f"{self.base}claim/{segment(article)}/{segment(local)}")

    def mention_iri(self, mention: Mention) -> Term:
        article, local = _split_id(mention.id, mention.article_id)
        return iri(f"{self.base}mention/{segment(article)}/{segment(local)}")

    def relation(self, predicate: str) -> Term:
        term = self._relations.get(predicate)
        return term if term is not None else relation_property(self.vocabulary.term(predicate).id)

    def known_terms(self) -> list[Term]:
        """Vocabulary terms the export writes, for writers that abbreviate them with prefixes."""
        fixed = [ns[local] for ns, locals_ in USED_TERMS for local in locals_]
        return [*self._relations.values(), *fixed, *(AG[t] for t in self.vocabulary.actor_types)]

    # ---- resources --------------------------------------------------------------------------
    def actor_triples(self, actor: Actor) -> list[Triple]:
        s = self.actor_iri(actor.id)
        out = [(s, RDF_TYPE, AG[actor.type]), (s, DCTERMS.identifier, literal(actor.id))]
        labelled = set()
        for lang, text in actor.labels.items():
            if text:
                out.append((s, SKOS.prefLabel, literal(text, lang)))
                labelled.add(text)
        for alias in actor.aliases:
            if alias and alias not in labelled:
                out.append((s, SKOS.altLabel, literal(alias, script_language(alias))))
                labelled.add(alias)
        if actor.wikidata and _WIKIDATA_ID.match(actor.wikidata):
            out.append((s, OWL.sameAs, iri(WIKIDATA_NS + actor.wikidata)))
        if actor.description:
            out.append((s, SKOS.definition, literal(actor.description, script_language(actor.description))))
        out.append((s, AG.origin, self._word(actor.origin)))
        return out

    def article_triples(self, article: Article, actor_ids: set[str]) -> list[Triple]:
        s = self.article_iri(article.id)
        lang = article.language if article.language and _LANG.match(article.language) else None
        out = [(s, RDF_TYPE, SCHEMA.NewsArticle), (s, DCTERMS.identifier, literal(article.id)),
               (s, DCTERMS.title, literal(article.title, lang)), (s, SCHEMA.text, literal(article.text, lang))]
        if article.language:
            out.append((s, DCTERMS.language, literal(article.language)))
        if article.publisher:
            publisher = (self.actor_iri(article.publisher) if article.publisher in actor_ids
                         else literal(article.publisher))
            out.append((s, DCTERMS.publisher, publisher))
        if article.published:
            out.append((s, DCTERMS.date, date_literal(article.published)))
        if article.url:
            out.append((s, SCHEMA.url, _url(article.url)))
        if article.license:
            out.append((s, DCTERMS.license, literal(article.license)))
        out.append((s, AG.origin, self._word(article.origin)))
        return out

    def claim_triples(self, claim: Claim, article: Article | None, actor_ids: set[str]) -> list[Triple]:
        c = self.claim_iri(claim.id, claim.article_id)
        source = self.article_iri(claim.article_id)
        subject, obj = self.actor_iri(claim.subject), self.actor_iri(claim.object)
        predicate = self.relation(claim.predicate)
        out = [
            (c, RDF_TYPE, RDF.Statement), (c, RDF_TYPE, AG.Claim), (c, DCTERMS.identifier, literal(claim.id)),
            (c, RDF.subject, subject), (c, RDF.predicate, predicate), (c, RDF.object, obj),
            (c, PROV.wasDerivedFrom, source),
            (c, PROV.wasAttributedTo, self._voice(claim, article, source, actor_ids)),
            (c, AG.polarity, self._word(claim.polarity)), (c, AG.certainty, self._word(claim.certainty)),
            (c, AG.origin, self._word(claim.origin)),
        ]
        if claim.date:
            first, last = claim.date_range
            if "/" in claim.date:
                out += [(c, AG.dateStart, date_literal(first)), (c, AG.dateEnd, date_literal(last))]
            else:
                out.append((c, AG.date, date_literal(claim.date)))
        if claim.reported_via:
            out += self._list(c, AG.reportedVia, [self.actor_iri(a) for a in claim.reported_via])
        if claim.denies:
            out.append((c, AG.deniesClaim, self.claim_iri(claim.denies)))
        if claim.note:
            out.append((c, RDFS.comment, literal(claim.note)))
        annotation = child(c, "/evidence")
        out.append((c, AG.evidence, annotation))
        out += self._annotation(annotation, c, source, claim.evidence, article)
        if claim.polarity == "asserted":
            out.append((subject, predicate, obj))
        return out

    def mention_triples(self, mention: Mention, article: Article | None) -> list[Triple]:
        m = self.mention_iri(mention)
        out = self._annotation(m, self.actor_iri(mention.actor_id), self.article_iri(mention.article_id),
                               mention.span, article)
        out += [(m, OA.motivatedBy, OA.identifying), (m, AG.resolution, self._word(mention.resolution)),
                (m, AG.origin, self._word(mention.origin))]
        return out

    def _word(self, value: str) -> Term:
        term = self._plain.get(value)
        if term is None:
            term = self._plain[value] = literal(value)
        return term

    def _voice(self, claim: Claim, article: Article | None, source: Term, actor_ids: set[str]) -> Term:
        """Who says it: the claimant; else the publisher when it is a known actor; else the article."""
        if claim.claimant:
            return self.actor_iri(claim.claimant)
        if article is not None and article.publisher in actor_ids:
            return self.actor_iri(article.publisher)
        return source

    def _annotation(self, node: Term, body: Term, source: Term, span: Span, article: Article | None) -> list[Triple]:
        """A Web Annotation on `source` at `span`: a position selector and a quote selector."""
        target, position, quote = child(node, "/target"), child(node, "/position"), child(node, "/quote")
        text = article.text if article is not None else ""
        prefix = text[max(0, span.start - CONTEXT_CHARS):span.start]
        suffix = text[span.end:span.end + CONTEXT_CHARS]
        return [
            (node, RDF_TYPE, OA.Annotation), (node, OA.hasBody, body), (node, OA.hasTarget, target),
            (target, RDF_TYPE, OA.SpecificResource), (target, OA.hasSource, source),
            (target, OA.hasSelector, position), (target, OA.hasSelector, quote),
            (position, RDF_TYPE, OA.TextPositionSelector),
            (position, OA.start, f'"{span.start:d}"^^{_NON_NEGATIVE}'),
            (position, OA.end, f'"{span.end:d}"^^{_NON_NEGATIVE}'),
            (quote, RDF_TYPE, OA.TextQuoteSelector), (quote, OA.exact, literal(span.text)),
            (quote, OA.prefix, literal(prefix)), (quote, OA.suffix, literal(suffix)),
        ]

    def _list(self, subject: Term, predicate: Term, items: list[Term]) -> list[Triple]:
        """`subject predicate ( items... )` as an rdf:List of fresh blank nodes."""
        cells = []
        for _ in items:
            self._bnodes += 1
            cells.append(bnode(f"l{self._bnodes}"))
        out = [(subject, predicate, cells[0])]
        for i, (cell, item) in enumerate(zip(cells, items, strict=True)):
            out += [(cell, RDF.first, item), (cell, RDF.rest, cells[i + 1] if i + 1 < len(cells) else RDF.nil)]
        return out

    # ---- the whole store --------------------------------------------------------------------
    def sections(self, source: ExportSource) -> Iterator[tuple[Term | None, Iterator[Triple]]]:
        """(graph, triples) in export order: actors and articles in the default graph (None),
        then one named graph per article with its claims, their direct triples and its mentions."""
        actors = source.actors()
        articles = {a.id: a for a in source.articles()}
        actor_ids = {a.id for a in actors}
        claims: dict[str, list[Claim]] = {}
        for claim in source.claims(EVERY_POLARITY):
            claims.setdefault(claim.article_id, []).append(claim)
        mentions: dict[str, list[Mention]] = {}
        for mention in source.mentions():
            mentions.setdefault(mention.article_id, []).append(mention)
        yield None, _chain(self.actor_triples(a) for a in actors)
        yield None, _chain(self.article_triples(a, actor_ids) for a in articles.values())
        for article_id in sorted(set(claims) | set(mentions)):
            article = articles.get(article_id)
            yield self.graph_iri(article_id), _chain(
                (self.claim_triples(c, article, actor_ids) for c in claims.get(article_id, ())),
                (self.mention_triples(m, article) for m in mentions.get(article_id, ())))

    def triples(self, source: ExportSource) -> Iterator[Triple]:
        return chain.from_iterable(triples for _graph, triples in self.sections(source))

    def quads(self, source: ExportSource) -> Iterator[Quad]:
        for graph, triples in self.sections(source):
            for s, p, o in triples:
                yield s, p, o, graph


def _url(url: str) -> Term:
    """An article URL as an IRI when it is a valid absolute one, else kept as a plain literal."""
    import pyoxigraph

    term = iri(url)
    try:
        pyoxigraph.NamedNode(term[1:-1])
    except ValueError:
        log.warning("article URL %r is not a valid IRI: exported as a literal", url)
        return literal(url)
    return term if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", url) else literal(url)


def _chain(*groups: Iterable[list[Triple]]) -> Iterator[Triple]:
    """The triples of every list of every group, flattened in C: a Python generator frame per
    triple was a tenth of a large export."""
    return chain.from_iterable(chain.from_iterable(groups))


def _split_id(item_id: str, article_id: str | None = None) -> tuple[str, str]:
    """(article, local) from `<article>#<local>`; ids without '#' are local to `article_id`."""
    if article_id and item_id.startswith(article_id + "#"):
        return article_id, item_id[len(article_id) + 1:]
    article, sep, local = item_id.partition("#")
    if not sep:
        return article_id or "", item_id
    return article, local
