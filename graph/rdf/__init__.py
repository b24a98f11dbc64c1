"""RDF: the ontology, term IRIs, the exporters to Turtle/N-Triples/JSON-LD, SHACL validation (pyshacl
and Jena), SPARQL examples."""
