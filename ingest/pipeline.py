"""Ingest: files and folders in, documents written to a store, a report out.

Each file is read by its detected (or forced) reader; a rejected article is reported and skipped
while the others load. Documents are written in batches, each batch one atomic store write.
Progress goes through a callback so the library never prints.
"""
from __future__ import annotations

import gc
import logging
import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import msgspec

from actorgraph.graph.errors import InputError
from actorgraph.graph.gc_pause import gc_paused
from actorgraph.graph.model import Document
from actorgraph.graph.store import Store, keeps_stored
from actorgraph.ingest.metadata import is_sidecar
from actorgraph.ingest.registry import InputErrors, ReadContext, detect_format, readers

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


def walk_files(paths: Iterable[Path | str], wanted: Callable[[Path], bool]) -> tuple[list[Path], list[InputError]]:
    """Files as given, and the `wanted` files of folders (hidden folders skipped), in a stable order;
    a path that does not exist is an error line, not a stop. Ingest and extract walk the same way."""
    files: list[Path] = []
    errors: list[InputError] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(p for p in sorted(path.rglob("*"))
                         if p.is_file() and wanted(p)
                         and not any(part.startswith(".") for part in p.relative_to(path).parts))
        elif path.is_file():
            files.append(path)
        else:
            errors.append(InputError(str(path), "", "no such file or folder", "check the path"))
    return files, errors


def collect_files(paths: Iterable[Path | str], forced_format: str | None = None) -> tuple[list[Path], list[InputError]]:
    """Files to read, in a stable order; folders are walked for files some reader accepts."""
    suffixes = {s for r in readers().values() if forced_format in (None, r.name) for s in r.suffixes}
    return walk_files(paths, lambda p: p.suffix.lower() in suffixes and p.name not in IGNORED_NAMES
                      and not is_sidecar(p))


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
    """Keep the run's context; no cyclic GC in a worker: what it builds is acyclic and short-lived."""
    gc.disable()
    _WORKER_STATE.update(context=context, forced_format=forced_format)


#: Files per pool task: big enough to amortise a round trip, small enough to keep both workers busy.
CHUNK_FILES = 32
_DOCUMENTS = msgspec.msgpack.Decoder(list[list[Document]])
_ENCODER = msgspec.msgpack.Encoder()


def _read_chunk(paths: list[Path]) -> tuple[bytes, list[list[InputErrors]], list[str]]:
    """Pool task: read some files with the worker's copy of the context.

    The documents come back as one typed MessagePack blob (one list per file), which the main
    process decodes several times faster than it unpickles the same objects; the (rare)
    rejected articles and the new warnings are pickled as before.
    """
    context = _WORKER_STATE["context"]
    forced = _WORKER_STATE["forced_format"]
    assert isinstance(context, ReadContext)
    before = len(context.warnings)
    documents: list[list[Document]] = []
    errors: list[list[InputErrors]] = []
    for path in paths:
        items = _read_file(path, context, forced if isinstance(forced, str) else None)
        documents.append([item for item in items if isinstance(item, Document)])
        errors.append([item for item in items if isinstance(item, InputErrors)])
    return _ENCODER.encode(documents), errors, context.warnings[before:]


def _read_all(files: list[Path], context: ReadContext, forced_format: str | None, workers: int,
              started: Callable[[], object] | None = None) -> Iterator[tuple[Path, list[Document | InputErrors]]]:
    """(file, items) in file order; with `workers` > 1, files are parsed in worker processes.

    Parsing, validation and resolution are most of an ingest's time and each file is
    independent, so they parallelise; writing stays in this process, in order, so results do
    not depend on workers. Workers are spawned, not forked: forking a process that runs threads
    (pytest, streamlit) can deadlock the child on a lock held by another thread at fork time.
    `started` runs once reading is under way (workers spawning), so its work overlaps theirs.
    """
    if workers <= 1 or len(files) < 2 * workers:
        if started:
            started()
        for path in files:
            yield path, _read_file(path, context, forced_format)
        return
    chunks = [files[i:i + CHUNK_FILES] for i in range(0, len(files), CHUNK_FILES)]
    pool = multiprocessing.get_context("spawn").Pool(workers, _init_worker, (context, forced_format))
    try:
        results = pool.imap(_read_chunk, chunks)
        if started:
            started()
        for paths, (blob, errors, warnings) in zip(chunks, results, strict=True):
            for warning in warnings:
                context.warn(warning)
            for path, documents, rejected in zip(paths, _DOCUMENTS.decode(blob), errors, strict=True):
                for document in documents:
                    for actor in document.actors:
                        if actor.id not in context.gazetteer:
                            context.gazetteer.add(actor)
                yield path, [*rejected, *documents]
    finally:
        pool.terminate()


def read_documents(files: list[Path], context: ReadContext, forced_format: str | None = None,
                   errors: list[InputError] | None = None, workers: int = 1,
                   started: Callable[[], object] | None = None) -> Iterator[tuple[Path, Document]]:
    """Yield (file, document) for every article that reads cleanly; problems go to `errors`.

    `started` is called once, before the first document, while any workers are starting up.
    """
    errors = errors if errors is not None else []
    registry = readers()
    if forced_format is not None and forced_format not in registry:
        raise InputError("--format", "", f"unknown format {forced_format!r}", f"use one of {', '.join(registry)}")
    for path, items in _read_all(files, context, forced_format, workers, started):
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
    with gc_paused(), store.deferred_writes():
        _ingest_files(files, store, context, forced_format, progress, batch_size, report, workers)
    report.warnings = list(context.warnings)
    return report


def _ingest_files(files: list[Path], store: Store, context: ReadContext, forced_format: str | None,
                  progress: Progress | None, batch_size: int, report: IngestReport, workers: int = 1) -> None:
    gazetteer_actors = list(context.gazetteer.actors.values())
    batch: dict[str, Document] = {}
    seen_articles: dict[str, Path] = {}
    done = 0
    created: set[str] = set()
    current = ""
    for path, document in read_documents(files, context, forced_format, report.errors, workers,
                                         lambda: store.upsert_actors(gazetteer_actors)):
        article_id = document.article.id
        if article_id in seen_articles and seen_articles[article_id] != path:
            context.warn(f"{path}: article id {article_id!r} also read from {seen_articles[article_id]};"
                         " the later one wins")
        seen_articles[article_id] = path
        if article_id in batch and keeps_stored(batch[article_id].article.origin, document.article):
            context.warn(_kept_message(article_id))
        else:
            batch[article_id] = document
        created.update(a.id for a in document.actors if a.origin == "ingest")
        if str(path) != current:
            current = str(path)
            done += 1
            if progress:
                progress(done, len(files), current)
        if len(batch) >= batch_size:
            _flush(store, batch, report, context)
    _flush(store, batch, report, context)
    if progress and done < len(files):
        progress(len(files), len(files), "")
    report.actors_created = len(created)


def _kept_message(article_id: str) -> str:
    return (f"article {article_id!r}: an annotated version is stored, the extracted one was not loaded"
            " (annotated articles always win; delete the annotated one first to load suggestions)")


def _flush(store: Store, batch: dict[str, Document], report: IngestReport, context: ReadContext) -> None:
    if not batch:
        return
    written = store.write_documents(batch.values())
    for article_id in written.kept_annotated:
        context.warn(_kept_message(article_id))
    log.info("wrote %d articles, %d claims", written.articles, written.claims)
    report.articles += written.articles
    report.claims += written.claims
    batch.clear()
