"""The OWL ontology of ActorGraph, generated from the relation vocabulary.

`data/ontology.ttl` is the committed, reviewed source of truth for RDF consumers; this module
generated it (`python3 -m graph.rdf.ontology > data/ontology.ttl`) and
`tests/test_rdf_ontology.py` parses the file and compares it with `data/vocabulary.yaml` term by
term, so the two cannot drift apart silently.

The ontology namespace is fixed (`graph.rdf.terms.ONTOLOGY_NS`) whatever `--base` the data is
exported under.
"""
from __future__ import annotations

import sys
from pathlib import Path

from actorgraph.graph.config import DATA_DIR
from actorgraph.graph.plover import PLOVER_LICENSE, PLOVER_NS, PLOVER_SCHEME, PLOVER_SOURCE, PLOVER_TYPES
from actorgraph.graph.rdf.terms import ONTOLOGY_NS, PREFIXES, camel
from actorgraph.graph.vocabulary import Vocabulary, default_vocabulary

ONTOLOGY_FILE = DATA_DIR / "ontology.ttl"
ONTOLOGY_IRI = ONTOLOGY_NS.rstrip("#")

#: Properties of the claim model that are not vocabulary relations: (local name, kind, English label, comment).
CLAIM_PROPERTIES = (
    ("polarity", "DatatypeProperty", "polarity",
     "asserted, negated (the text says it did not happen) or denied (a claimant rejects it)."),
    ("certainty", "DatatypeProperty", "certainty", "certain, probable, possible or alleged, as the text hedges it."),
    ("date", "DatatypeProperty", "date", "When the claimed event happened (xsd:date, xsd:gYearMonth or xsd:gYear)."),
    ("dateStart", "DatatypeProperty", "date start", "First day of the claimed event's date range."),
    ("dateEnd", "DatatypeProperty", "date end", "Last day of the claimed event's date range."),
    ("origin", "DatatypeProperty", "origin",
     "Where a record comes from: for an actor gazetteer, inline or ingest; for an article, claim or mention"
     " annotated (by a person) or extracted (an `actorgraph extract` suggestion)."),
    ("resolution", "DatatypeProperty", "resolution", "How a mention was linked to its actor."),
    ("reportedVia", "ObjectProperty", "reported via",
     "The reported-speech chain of a claim, outermost first (an rdf:List of actors)."),
    ("deniesClaim", "ObjectProperty", "denies claim",
     "The claim this claim contradicts (ag:denies is the vocabulary relation between actors)."),
    ("evidence", "ObjectProperty", "evidence", "The Web Annotation that locates the claim's sentence in its article."),
)


def ontology_graph(vocabulary: Vocabulary | None = None):
    """The ontology as an rdflib Graph: actor classes, one object property per relation term."""
    from rdflib import BNode, Graph, Literal, Namespace, URIRef
    from rdflib.collection import Collection
    from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS

    vocabulary = vocabulary or default_vocabulary()
    ag = Namespace(ONTOLOGY_NS)
    plover = Namespace(PLOVER_NS)
    graph = Graph()
    for prefix, uri in PREFIXES.items():
        graph.bind(prefix, uri)
    graph.bind("plover", PLOVER_NS)
    onto = URIRef(ONTOLOGY_IRI)
    graph.add((onto, RDF.type, OWL.Ontology))
    graph.add((onto, RDFS.label, Literal("ActorGraph ontology", lang="en")))
    graph.add((onto, RDFS.comment, Literal(
        "Actors in the news and the relations claims assert between them. Generated from data/vocabulary.yaml.",
        lang="en")))

    graph.add((ag.Actor, RDF.type, OWL.Class))
    graph.add((ag.Actor, RDFS.label, Literal("Actor", lang="en")))
    graph.add((ag.Actor, RDFS.label, Literal("فاعل", lang="ar")))
    for type_id, labels in vocabulary.actor_types.items():
        cls = ag[type_id]
        graph.add((cls, RDF.type, OWL.Class))
        graph.add((cls, RDFS.subClassOf, ag.Actor))
        for lang, label in labels.items():
            graph.add((cls, RDFS.label, Literal(label, lang=lang)))
    graph.add((ag.Claim, RDF.type, OWL.Class))
    graph.add((ag.Claim, RDFS.subClassOf, RDF.Statement))
    graph.add((ag.Claim, RDFS.subClassOf, PROV.Entity))
    graph.add((ag.Claim, RDFS.label, Literal("Claim", lang="en")))
    graph.add((ag.Claim, RDFS.label, Literal("ادعاء", lang="ar")))

    def types(values: tuple[str, ...]) -> URIRef | BNode:
        if len(values) == 1:
            return ag[values[0]]
        union = BNode()
        graph.add((union, RDF.type, OWL.Class))
        members = BNode()
        Collection(graph, members, [ag[v] for v in values])
        graph.add((union, OWL.unionOf, members))
        return union

    for term in vocabulary.terms.values():
        prop = ag[camel(term.id)]
        graph.add((prop, RDF.type, OWL.ObjectProperty))
        if term.symmetric:
            graph.add((prop, RDF.type, OWL.SymmetricProperty))
        if term.inverse:
            graph.add((prop, OWL.inverseOf, ag[camel(term.inverse)]))
        for lang, label in term.labels.items():
            graph.add((prop, RDFS.label, Literal(label, lang=lang)))
        graph.add((prop, RDFS.comment, Literal(term.definition, lang="en")))
        graph.add((prop, ag["term"], Literal(term.id)))
        if term.plover:
            graph.add((prop, SKOS.closeMatch, plover[term.plover]))
        if term.cameo:
            graph.add((prop, ag.cameo, Literal(term.cameo)))
        if term.cameo_code:
            graph.add((prop, ag.cameoCode, Literal(term.cameo_code)))
        if term.subject_types:
            graph.add((prop, RDFS.domain, types(term.subject_types)))
        if term.object_types:
            graph.add((prop, RDFS.range, types(term.object_types)))

    for local, kind, label, comment in CLAIM_PROPERTIES:
        graph.add((ag[local], RDF.type, OWL[kind]))
        graph.add((ag[local], RDFS.label, Literal(label, lang="en")))
        graph.add((ag[local], RDFS.comment, Literal(comment, lang="en")))
    for local, comment in (("term", "The vocabulary term id (data/vocabulary.yaml) of a relation property."),
                           ("cameo", "CAMEO root code of a relation, for GDELT-style coding."),
                           ("cameoCode", "The full CAMEO code a relation's PLOVER type is read from "
                                         "(CAMEO2PLOVER-2021 table).")):
        graph.add((ag[local], RDF.type, OWL.AnnotationProperty))
        graph.add((ag[local], RDFS.comment, Literal(comment, lang="en")))
    _plover_scheme(graph)
    return graph


def _plover_scheme(graph) -> None:
    """The 16 PLOVER event types as SKOS concepts under ActorGraph's stable IRIs (graph/plover.py
    says why they are minted here), with the source and licence of the types."""
    from rdflib import Literal, Namespace, URIRef
    from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

    plover = Namespace(PLOVER_NS)
    scheme = URIRef(PLOVER_SCHEME)
    graph.add((scheme, RDF.type, SKOS.ConceptScheme))
    graph.add((scheme, SKOS.prefLabel, Literal("PLOVER event types", lang="en")))
    graph.add((scheme, DCTERMS.source, URIRef(PLOVER_SOURCE)))
    graph.add((scheme, DCTERMS.license, URIRef(PLOVER_LICENSE)))
    graph.add((scheme, RDFS.comment, Literal(
        "Political Language Ontology for Verifiable Event Records (openeventdata/PLOVER, CC BY-SA 4.0), "
        "types as in the CAMEO2PLOVER-2021 conversion table. PLOVER publishes no IRIs; ActorGraph mints "
        "these and keeps them stable.", lang="en")))
    for plover_type in PLOVER_TYPES:
        concept = plover[plover_type]
        graph.add((concept, RDF.type, SKOS.Concept))
        graph.add((concept, SKOS.inScheme, scheme))
        graph.add((concept, SKOS.notation, Literal(plover_type)))
        graph.add((concept, SKOS.prefLabel, Literal(plover_type.lower(), lang="en")))


def load_ontology(path: Path | None = None):
    """The committed ontology file, parsed."""
    from rdflib import Graph

    return Graph().parse(path or ONTOLOGY_FILE, format="turtle")


if __name__ == "__main__":  # pragma: no cover - regenerates data/ontology.ttl
    sys.stdout.write("# ActorGraph ontology. Generated by `python3 -m graph.rdf.ontology` from data/vocabulary.yaml;\n"
                     "# tests/test_rdf_ontology.py checks that the two agree. PLOVER types and CAMEO codes come from\n"
                     "# CAMEO2PLOVER-2021.txt (openeventdata/PLOVER, CC BY-SA 4.0; copy and NOTICE in data/plover/).\n")
    sys.stdout.write(ontology_graph().serialize(format="turtle"))
