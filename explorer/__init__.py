"""The Streamlit explorer's page code. Only this package (and app.py) imports streamlit; the logic
it renders lives in `graph.explore`, `graph.evidence`, `graph.analytics` and `graph.subgraph_export`."""
