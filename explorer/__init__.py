"""The Streamlit explorer's page code. Only this package (and app.py) imports streamlit; the logic
it renders lives in `explorer.view`, `explorer.evidence_html`, `graph.analytics` and `graph.exporters`
(the downloads, through `explorer.downloads`)."""
