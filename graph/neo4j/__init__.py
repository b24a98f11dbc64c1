"""Neo4j: the server store (store, queries, writer, bulk import) and the local server's lifecycle."""
