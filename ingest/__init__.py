"""Readers that turn annotated articles into `graph.model.Document`s.

One module per format, registered by name in `ingest.registry`; `ingest.pipeline.ingest_paths`
walks files and folders, detects each file's format and writes the documents to a store.
"""
from __future__ import annotations
