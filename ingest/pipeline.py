"""Ingest: files and folders in, documents written to a store, a report out.

Each file is read by its detected (or forced) reader; a rejected article is reported and skipped
while the others load. Documents are written in batches, each batch one atomic store write.
Progress goes through a callback so the library never prints.
"""
from __future__ import annotations

import logging
import multiprocessing
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


def _read_file(path: Path, context: ReadContext, forced_format: str | None) -> list[Document | InputErrors]:
    """Everything one file yields: documents, or the errors of the articles it had to reject."""
    registry = readers()
    name = forced_format or detect_format(path)
    if name is None:
        return [InputErrors([InputError(str(path), "", "is not in a format ActorGraph reads",
                                        f"use --format with one of {', '.join(registry)}")])]
    return list(registry[name].read(path, context))


_WORKER_STATE: dict[str, object] = {}


def _init_worker(context: ReadContext, forced_format: str | None) -> None:
    _WORKER_STATE.update(context=context, forced_format=forced_format)


def _read_in_worker(path: Path) -> tuple[Path, list[Document | InputErrors], list[str]]:
    """Pool task: read one file with the worker's copy of the context; return its new warnings too."""
    context = _WORKER_STATE["context"]
    forced = _WORKER_STATE["forced_format"]
    assert isinstance(context, ReadContext)
    before = len(context.warnings)
    items = _read_file(path, context, forced if isinstance(forced, str) else None)
    return path, items, context.warnings[before:]


def _read_all(files: list[Path], context: ReadContext, forced_format: str | None,
              workers: int) -> Iterator[tuple[Path, list[Document | InputErrors]]]:
    """(file, items) in file order; with `workers` > 1, files are parsed in worker processes.

    Parsing and validation are most of an ingest's time and each file is independent, so they
    parallelise; writing stays in this process, in order, so results do not depend on workers.
    Workers are spawned, not forked: forking a process that runs threads (pytest, streamlit) can
    deadlock the child on a lock held by another thread at fork time.
    """
    if workers <= 1 or len(files) < 2 * workers:
        for path in files:
            yield path, _read_file(path, context, forced_format)
        return
    pool = multiprocessing.get_context("spawn").Pool(workers, _init_worker, (context, forced_format))
    try:
        for path, items, warnings in pool.imap(_read_in_worker, files, chunksize=16):
            for warning in warnings:
                context.warn(warning)
            for item in items:
                if isinstance(item, Document):
                    for actor in item.actors:
                        if actor.id not in context.gazetteer:
                            context.gazetteer.add(actor)
            yield path, items
    finally:
        pool.terminate()


def read_documents(files: list[Path], context: ReadContext, forced_format: str | None = None,
                   errors: list[InputError] | None = None, workers: int = 1) -> Iterator[tuple[Path, Document]]:
    """Yield (file, document) for every article that reads cleanly; problems go to `errors`."""
    errors = errors if errors is not None else []
    registry = readers()
    if forced_format is not None and forced_format not in registry:
        raise InputError("--format", "", f"unknown format {forced_format!r}", f"use one of {', '.join(registry)}")
    for path, items in _read_all(files, context, forced_format, workers):
        for item in items:
            if isinstance(item, InputErrors):
                errors.extend(item.errors)
            else:
                yield path, item


def ingest_paths(paths: Iterable[Path | str], store: Store, *, forced_format: str | None = None,
                 context: ReadContext | None = None, progress: Progress | None = None,
                 batch_size: int = BATCH_SIZE, workers: int = 1) -> IngestReport:
    """Read every article under `paths` and write the good ones to `store`, batch by batch."""
    context = context or ReadContext()
    report = IngestReport()
    files, report.errors = collect_files(paths, forced_format)
    report.files = len(files)
    log.info("ingest: %d files into the %s store", len(files), getattr(store, "backend", type(store).__name__))
    with store.deferred_writes():
        _ingest_files(files, store, context, forced_format, progress, batch_size, report, workers)
    report.warnings = list(context.warnings)
    return report


def _ingest_files(files: list[Path], store: Store, context: ReadContext, forced_format: str | None,
                  progress: Progress | None, batch_size: int, report: IngestReport, workers: int = 1) -> None:
    store.upsert_actors(context.gazetteer.actors.values())
    batch: dict[str, Document] = {}
    seen_articles: dict[str, Path] = {}
    done = 0
    created: set[str] = set()
    current = ""
    for path, document in read_documents(files, context, forced_format, report.errors, workers):
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
    log.info("wrote %d articles, %d claims", written.articles, written.claims)
    report.articles += written.articles
    report.claims += written.claims
    batch.clear()
