"""The seed article ingested into a real store, and its RDF export, shared by the RDF tests."""
from __future__ import annotations

import io
from pathlib import Path

from actorgraph.graph.embedded import EmbeddedStore
from actorgraph.graph.exporters.registry import export
from actorgraph.graph.store import Store
from actorgraph.ingest.pipeline import ingest_paths
from tests.conftest import SEED_ARTICLE

ARTICLE = "orient-2022-01-hasakah-prison"
BASE = "https://actorgraph.example.org/"


def ingest_seed(store: Store) -> Store:
    report = ingest_paths([SEED_ARTICLE], store)
    assert report.ok and report.claims == 41, report.errors
    return store


def seed_store(folder: Path) -> EmbeddedStore:
    """The seed ingested into an EmbeddedStore saved under `folder`."""
    store = EmbeddedStore(folder / "graph.msgpack")
    ingest_seed(store)
    return store


def export_text(store: Store, fmt: str, base: str | None = None) -> str:
    out = io.StringIO()
    export(store, out, fmt, base)
    return out.getvalue()
