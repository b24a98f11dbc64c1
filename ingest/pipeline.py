"""Ingest: files and folders in, documents written to a store, a report out.

Each file is read by its detected (or forced) reader; a rejected article is reported and skipped
while the others load. Documents are written in batches, each batch one atomic store write.
Progress goes through a callback so the library never prints.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from graph.errors import InputError
from graph.model import Document
from graph.store import Store
from ingest.metadata import is_sidecar
from ingest.registry import InputErrors, ReadContext, detect_format, readers

log = logging.getLogger(__name__)
BATCH_SIZE = 500
IGNORED_NAMES = {"README.md", "SOURCE.md", "annotation.conf", "mapping.yaml", "visual.conf", "tools.conf"}

Progress = Callable[[int, int, str], None]


@dataclass
class IngestReport:
    files: int = 0
    articles: int = 0
    claims: int = 0
    actors_created: int = 0
    errors: list[InputError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def collect_files(paths: Iterable[Path | str], forced_format: str | None = None) -> tuple[list[Path], list[InputError]]:
    """Files to read, in a stable order; folders are walked for files some reader accepts."""
    files: list[Path] = []
    errors: list[InputError] = []
    suffixes = {s for r in readers().values() if forced_format in (None, r.name) for s in r.suffixes}
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(p for p in sorted(path.rglob("*"))
                         if p.is_file() and p.suffix.lower() in suffixes and p.name not in IGNORED_NAMES
                         and not is_sidecar(p)
                         and not any(part.startswith(".") for part in p.relative_to(path).parts))
        elif path.is_file():
            files.append(path)
        else:
            errors.append(InputError(str(path), "", "no such file or folder", "check the path"))
    return files, errors


def read_documents(files: list[Path], context: ReadContext, forced_format: str | None = None,
                   errors: list[InputError] | None = None) -> Iterator[tuple[Path, Document]]:
    """Yield (file, document) for every article that reads cleanly; problems go to `errors`."""
    errors = errors if errors is not None else []
    registry = readers()
    if forced_format is not None and forced_format not in registry:
        raise InputError("--format", "", f"unknown format {forced_format!r}", f"use one of {', '.join(registry)}")
    for path in files:
        name = forced_format or detect_format(path)
        if name is None:
            errors.append(InputError(str(path), "", "is not in a format ActorGraph reads",
                                     f"use --format with one of {', '.join(registry)}"))
            continue
        for item in registry[name].read(path, context):
            if isinstance(item, InputErrors):
                errors.extend(item.errors)
            else:
                yield path, item


def ingest_paths(paths: Iterable[Path | str], store: Store, *, forced_format: str | None = None,
                 context: ReadContext | None = None, progress: Progress | None = None,
                 batch_size: int = BATCH_SIZE) -> IngestReport:
    """Read every article under `paths` and write the good ones to `store`, batch by batch."""
    context = context or ReadContext()
    report = IngestReport()
    files, report.errors = collect_files(paths, forced_format)
    report.files = len(files)
    with store.deferred_writes():
        _ingest_files(files, store, context, forced_format, progress, batch_size, report)
    report.warnings = list(context.warnings)
    return report


def _ingest_files(files: list[Path], store: Store, context: ReadContext, forced_format: str | None,
                  progress: Progress | None, batch_size: int, report: IngestReport) -> None:
    store.upsert_actors(context.gazetteer.actors.values())
    batch: dict[str, Document] = {}
    seen_articles: dict[str, Path] = {}
    done = 0
    created: set[str] = set()
    current = ""
    for path, document in read_documents(files, context, forced_format, report.errors):
        article_id = document.article.id
        if article_id in seen_articles and seen_articles[article_id] != path:
            context.warn(f"{path}: article id {article_id!r} also read from {seen_articles[article_id]}; the later one wins")
        seen_articles[article_id] = path
        batch[article_id] = document
        created.update(a.id for a in document.actors if a.origin == "ingest")
        if str(path) != current:
            current = str(path)
            done += 1
            if progress:
                progress(done, len(files), current)
        if len(batch) >= batch_size:
            _flush(store, batch, report)
    _flush(store, batch, report)
    if progress and done < len(files):
        progress(len(files), len(files), "")
    report.actors_created = len(created)


def _flush(store: Store, batch: dict[str, Document], report: IngestReport) -> None:
    if not batch:
        return
    written = store.write_documents(batch.values())
    report.articles += written.articles
    report.claims += written.claims
    batch.clear()
