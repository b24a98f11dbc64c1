"""`actorgraph extract` as a library call: raw files in, one checked native article per file out.

Each file is read (`inputs.read_raw`), extracted (`engine.extract_article`), marked
`origin: extracted` and checked the way `ingest` reads native articles (schema, spans, actors,
vocabulary), so what is written is always ingestible. One bad file is one InputError and the
others carry on. With a tool format (`to`), the checked documents are written as that tool's
pre-annotations (`ingest.exporters`) instead of native JSON files.
"""
from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from actorgraph.graph import __version__
from actorgraph.graph.errors import InputError
from actorgraph.graph.gazetteer import Gazetteer, default_gazetteer
from actorgraph.graph.model import Document
from actorgraph.ingest.extract.inputs import RawInput, collect_inputs, read_raw
from actorgraph.ingest.native import document_from_data
from actorgraph.ingest.registry import InputErrors, ReadContext

log = logging.getLogger(__name__)
NATIVE = "native"
MODEL_VERSION = f"actorgraph-extract {__version__}"

Progress = Callable[[int, int, str], None]


@dataclass
class FileResult:
    """What one input file gave: its article and counts, or nothing when `error` is set."""

    path: str
    article_id: str = ""
    language: str = ""
    encoding: str = ""
    characters: int = 0
    mentions: int = 0
    claims: int = 0
    removed: list[str] = field(default_factory=list)
    written: str = ""

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class ExtractReport:
    files: list[FileResult] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)

    @property
    def articles(self) -> int:
        return len(self.files)


@dataclass
class _Run:
    out: Path
    to: str
    options: dict[str, Any]
    gazetteer: Gazetteer | None
    context: ReadContext
    report: ExtractReport
    documents: list[Document] = field(default_factory=list)
    predictions: Any = None
    ids: dict[str, str] = field(default_factory=dict)  # article id -> file it came from


def extract_paths(paths: Iterable[Path], out: Path, *, to: str = NATIVE, options: dict[str, Any] | None = None,
                  gazetteer: Gazetteer | None = None, progress: Progress | None = None) -> ExtractReport:
    """Extract every .txt/.html file under `paths` into the folder `out` (native JSON, or tool `to`)."""
    from actorgraph.ingest.exporters import export
    from actorgraph.ingest.exporters.predictions import Predictions

    report = ExtractReport()
    files, report.errors = collect_inputs(paths)
    # The check adds each article's inline actors to its context's gazetteer: a copy, so that the
    # engine never sees one article's article-scoped actors while extracting the next.
    base = gazetteer or default_gazetteer()
    context = ReadContext(gazetteer=Gazetteer(dict(base.actors), source=base.source, merged=dict(base.merged)))
    run = _Run(out, to, options or {}, gazetteer, context, report, predictions=Predictions(MODEL_VERSION))
    out.mkdir(parents=True, exist_ok=True)
    for done, path in enumerate(files, start=1):
        try:
            _extract_file(path, run)
        except InputError as exc:
            report.errors.append(exc)
        except InputErrors as exc:
            report.errors.extend(exc.errors)
        if progress:
            progress(done, len(files), str(path))
    if to != NATIVE and run.documents:
        report.written = export(run.documents, to, out, run.predictions)
    report.warnings += context.warnings
    return report


def _extract_file(path: Path, run: _Run) -> None:
    raw = read_raw(path, run.options)
    run.report.warnings += raw.warnings
    article = raw.article
    if article.id in run.ids:
        raise InputError(str(path), "", f"gives article id {article.id!r}, already written from {run.ids[article.id]}",
                         "give each file its own `id:` header line")
    data = _extracted(raw, path, run.gazetteer)
    target = run.out / f"{article.id}.json"
    document = document_from_data(data, str(target), run.context)
    run.ids[article.id] = str(path)
    result = FileResult(str(path), article.id, article.language, raw.encoding, len(article.text),
                        len(document.mentions), len(document.claims), raw.removed)
    if run.to == NATIVE:
        target.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        result.written = str(target)
        run.report.written.append(target)
    else:
        run.documents.append(document)
        run.predictions.add_article(data)
    run.report.files.append(result)


def _extracted(raw: RawInput, path: Path, gazetteer: Gazetteer | None) -> dict[str, Any]:
    """The engine's native article for `raw`, marked extracted. An engine failure on one file is that
    file's error line (with the traceback in the -v log), not the end of a batch of 500."""
    from actorgraph.ingest.extract.engine import extract_article

    try:
        data = extract_article(raw.article, gazetteer=gazetteer)
    except Exception as exc:
        log.debug("extraction of %s failed", path, exc_info=True)
        raise InputError(str(path), "", f"extraction failed ({type(exc).__name__}: {exc})".splitlines()[0],
                         "please report it with this file; the other files were extracted") from None
    data["origin"] = "extracted"
    for key, value in (("url", raw.article.url), ("publisher", raw.article.publisher),
                       ("published", raw.article.published)):
        if value and not data.get(key):
            data[key] = value
    return data
