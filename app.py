"""ActorGraph explorer: run with `make run`, `actorgraph explorer` or `streamlit run app.py`.

The page itself is `actorgraph.explorer.page`; this script only calls it, because Streamlit runs a
script file (and re-runs it on every interaction).
"""
from actorgraph.explorer.page import main

main()
