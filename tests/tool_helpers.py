"""Shared helpers for the tool-reader tests: read a file with a named reader, collect results."""
from __future__ import annotations

from pathlib import Path

from actorgraph.graph.model import Document
from actorgraph.ingest.registry import InputErrors, ReadContext, readers


def read(fmt: str, path: Path, context: ReadContext | None = None) -> tuple[list[Document], list[str], ReadContext]:
    """(documents, error lines, context) from reading `path` with the reader `fmt`."""
    context = context or ReadContext()
    docs: list[Document] = []
    errors: list[str] = []
    for item in readers()[fmt].read(path, context):
        if isinstance(item, InputErrors):
            errors += [str(e) for e in item.errors]
        else:
            docs.append(item)
    return docs, errors, context


def triples(doc: Document) -> list[tuple[str, str, str, str]]:
    return [(c.subject, c.predicate, c.object, c.polarity) for c in doc.claims]
