"""data/ontology.ttl agrees with data/vocabulary.yaml: every term, label, inverse, symmetry, domain, range,
PLOVER link and CAMEO code."""
from __future__ import annotations

import pytest
import yaml
from rdflib import Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from actorgraph.graph.config import DATA_DIR
from actorgraph.graph.plover import PLOVER_SCHEME, PLOVER_TYPES
from actorgraph.graph.rdf.ontology import CLAIM_PROPERTIES, load_ontology
from actorgraph.graph.rdf.terms import ONTOLOGY_NS, camel

AG = Namespace(ONTOLOGY_NS)
VOCABULARY = yaml.safe_load((DATA_DIR / "vocabulary.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def ontology():
    return load_ontology()


def _labels(graph, node) -> dict[str, str]:
    found: dict[str, str] = {}
    for label in graph.objects(node, RDFS.label):
        assert isinstance(label, Literal) and label.language, f"{node} has an untagged label {label!r}"
        assert label.language not in found, f"{node} has two @{label.language} labels"
        found[label.language] = str(label)
    return found


def _types(graph, node) -> set[str] | None:
    """The actor types a domain/range names: one class, or the members of an owl:unionOf."""
    if node is None:
        return None
    union = graph.value(node, OWL.unionOf)
    members = Collection(graph, union) if union is not None else [node]
    return {str(m).removeprefix(ONTOLOGY_NS) for m in members}


def test_every_actor_type_is_a_class_with_both_labels(ontology) -> None:
    for type_id, labels in VOCABULARY["actor_types"].items():
        cls = AG[type_id]
        assert (cls, RDF.type, OWL.Class) in ontology
        assert (cls, RDFS.subClassOf, AG.Actor) in ontology
        assert _labels(ontology, cls) == labels
    declared = {str(c).removeprefix(ONTOLOGY_NS) for c in ontology.subjects(RDFS.subClassOf, AG.Actor)}
    assert declared == set(VOCABULARY["actor_types"])


@pytest.mark.parametrize("term_id", sorted(VOCABULARY["relations"]))
def test_relation_property_matches_its_vocabulary_term(ontology, term_id: str) -> None:
    spec = VOCABULARY["relations"][term_id]
    prop = AG[camel(term_id)]
    assert (prop, RDF.type, OWL.ObjectProperty) in ontology
    assert ontology.value(prop, AG["term"]) == Literal(term_id)
    assert _labels(ontology, prop) == spec["labels"]
    assert str(ontology.value(prop, RDFS.comment)) == spec["definition"].strip()
    inverse = ontology.value(prop, OWL.inverseOf)
    assert inverse == (AG[camel(spec["inverse"])] if spec.get("inverse") else None)
    assert ((prop, RDF.type, OWL.SymmetricProperty) in ontology) == bool(spec.get("symmetric"))
    for key, axis in (("subject", RDFS.domain), ("object", RDFS.range)):
        allowed = spec.get(key, "any")
        assert len(list(ontology.objects(prop, axis))) == (0 if allowed == "any" else 1)
        assert _types(ontology, ontology.value(prop, axis)) == (None if allowed == "any" else set(allowed))
    cameo = ontology.value(prop, AG.cameo)
    assert (str(cameo) if cameo is not None else None) == spec.get("cameo")
    code = ontology.value(prop, AG.cameoCode)
    assert (str(code) if code is not None else None) == spec.get("cameo_code")
    links = list(ontology.objects(prop, SKOS.closeMatch)) + list(ontology.objects(prop, SKOS.exactMatch))
    expected = [URIRef(f"{PLOVER_SCHEME}#{spec['plover']}")] if spec["plover"] else []
    assert links == expected


def test_plover_types_are_concepts_of_one_scheme(ontology) -> None:
    scheme = URIRef(PLOVER_SCHEME)
    assert (scheme, RDF.type, SKOS.ConceptScheme) in ontology
    concepts = set(ontology.subjects(SKOS.inScheme, scheme))
    assert concepts == {URIRef(f"https://actorgraph.example.org/plover#{t}") for t in PLOVER_TYPES}
    assert len(concepts) == 16
    for concept in concepts:
        assert (concept, RDF.type, SKOS.Concept) in ontology
        assert str(ontology.value(concept, SKOS.notation)) == str(concept).rsplit("#", 1)[1]
    assert str(ontology.value(scheme, URIRef("http://purl.org/dc/terms/license"))) == \
        "https://creativecommons.org/licenses/by-sa/4.0/"


def test_the_committed_ontology_is_what_the_generator_writes(ontology) -> None:
    """Regenerating data/ontology.ttl (`python -m graph.rdf.ontology`) changes no triple."""
    from rdflib.compare import isomorphic

    from actorgraph.graph.rdf.ontology import ontology_graph

    assert isomorphic(ontology, ontology_graph())


def test_no_relation_property_without_a_vocabulary_term(ontology) -> None:
    relations = {URIRef(AG[camel(t)]) for t in VOCABULARY["relations"]}
    claim_properties = {URIRef(AG[local]) for local, kind, *_ in CLAIM_PROPERTIES if kind == "ObjectProperty"}
    assert set(ontology.subjects(RDF.type, OWL.ObjectProperty)) == relations | claim_properties
