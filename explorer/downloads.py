"""The files the explorer offers for the visible network, written by the same exporters as
`actorgraph export` (`graph.exporters.registry`), on the subgraph instead of the whole store."""
from __future__ import annotations

from collections.abc import Mapping

from actorgraph.graph.exporters.registry import EXPORTERS, Exporter, export_bytes
from actorgraph.graph.exporters.source import SubgraphSource
from actorgraph.graph.model import Article
from actorgraph.graph.store import Store, Subgraph
from actorgraph.graph.vocabulary import Vocabulary

#: The tables tab's download buttons, left to right.
DOWNLOAD_FORMATS = ("csv", "graphml", "gexf", "ttl")


def download_exporters() -> list[Exporter]:
    """The registry's exporters for the download buttons (never a format of the explorer's own)."""
    return [EXPORTERS[fmt] for fmt in DOWNLOAD_FORMATS]


def subgraph_download(store: Store, subgraph: Subgraph, articles: Mapping[str, Article], fmt: str,
                      vocabulary: Vocabulary | None = None) -> bytes:
    """The file of format `fmt` for the visible `subgraph` (completed from `store`, see SubgraphSource)."""
    return export_bytes(SubgraphSource(store, subgraph, articles), fmt, vocabulary=vocabulary)
