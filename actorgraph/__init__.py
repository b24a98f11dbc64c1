"""ActorGraph: a knowledge graph of the actors in news and the claims that link them.

The importable packages live under this namespace (`actorgraph.graph`, `actorgraph.ingest`,
`actorgraph.cli`, `actorgraph.explorer`) so that they never collide with other projects' `graph`
or `cli`. In the repository the code stays in the top-level folders of the design card; the
entries here are links to them, and a wheel (`pip install .`) holds real copies, with the
reference data shipped as `actorgraph/data`.
"""
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("actorgraph")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0.0.0+checkout"
