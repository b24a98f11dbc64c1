"""Every export format, one implementation each, for the whole store or a subgraph.

`registry.EXPORTERS` maps a format name to its exporter; `actorgraph export --format` offers
exactly its keys and the explorer's download buttons look their formats up in it, so the CLI and
the explorer write the same file from the same data. What is exported is an `ExportSource`
(`source.py`): a whole Store is one, and `SubgraphSource` makes one of the network an analyst
sees. RDF (Turtle, N-Triples, JSON-LD, TriG) is written by `graph.rdf`, the actor network
(GraphML, GEXF) by `network.py`, the claim table (CSV) by `table.py`.

This file imports nothing on purpose: `graph.rdf.export` imports `source.py`, and the registry
imports `graph.rdf`, so an import here would be circular.
"""
