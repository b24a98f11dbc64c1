"""The reader registry: format name -> reader, and format detection from a file.

A reader is a module-level object with `name`, `suffixes`, `detect(path, head)` and
`read(path, context)`. `read` yields a `Document` per article, or an `InputErrors` for an article
it had to reject, so one bad article never stops the others.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from actorgraph.graph.errors import ActorGraphError, InputError
from actorgraph.graph.gazetteer import Gazetteer, default_gazetteer
from actorgraph.graph.model import Document
from actorgraph.graph.vocabulary import RelationTerm, Vocabulary, default_vocabulary
from actorgraph.ingest.mapping import Mapping
from actorgraph.ingest.resolution import Resolver

HEAD_BYTES = 4096


class InputErrors(ActorGraphError):
    """Every problem found in one article (the article is rejected whole; others carry on)."""

    def __init__(self, errors: list[InputError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.errors,))


@dataclass(frozen=True)
class ReadOptions:
    """What the user said about a run of reads (`ingest` / `evaluate` flags); None: not said.

    `publisher`, `date` and `language` fill an article's metadata when neither the file nor its
    sidecar gives it; `mapping` is a label-mapping file for the annotation-tool readers."""

    mapping: Path | str | None = None
    publisher: str | None = None
    date: str | None = None
    language: str | None = None


@dataclass
class ReadCache:
    """Per-run state the readers share, so each is worked out once per run, not once per file."""

    #: the label mapping (shipped file + `ReadOptions.mapping`), loaded on first use
    mapping: Mapping | None = None
    #: (section, label) pairs already reported as unmapped: one warning per label per run
    unmapped: set[tuple[str, str]] = field(default_factory=set)
    #: predicate spelling -> vocabulary term, for the native reader
    native_terms: dict[str, RelationTerm] = field(default_factory=dict)


@dataclass
class ReadContext:
    """What a reader needs besides the file: reference data, resolution and user options."""

    vocabulary: Vocabulary = field(default_factory=default_vocabulary)
    gazetteer: Gazetteer = field(default_factory=default_gazetteer)
    options: ReadOptions = field(default_factory=ReadOptions)
    warnings: list[str] = field(default_factory=list)
    cache: ReadCache = field(default_factory=ReadCache)
    #: the mention resolution over `gazetteer` that every reader of the run shares
    resolver: Resolver = field(init=False)

    def __post_init__(self) -> None:
        self.resolver = Resolver(self.gazetteer)

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)


class Reader(Protocol):
    # Read-only members: a reader's class attributes (`suffixes = (".ann",)`) satisfy them.
    @property
    def name(self) -> str: ...

    @property
    def suffixes(self) -> tuple[str, ...]: ...

    def detect(self, path: Path, head: bytes) -> bool: ...

    def read(self, path: Path, context: ReadContext) -> Iterator[Document | InputErrors]: ...


READERS: dict[str, Reader] = {}


def register(reader: Reader) -> Reader:
    """Add a reader under its name (later registrations of the same name replace earlier ones)."""
    READERS[reader.name] = reader
    return reader


def _load_builtin_readers() -> None:
    # Imported here, not at module import: each reader module imports this one to register itself.
    from actorgraph.ingest import brat, doccano, inception, label_studio, native  # noqa: F401


def readers() -> dict[str, Reader]:
    """Every registered reader, loading the built-in ones on first use."""
    if not _BUILTINS_LOADED:
        _load_builtin_readers()
        _BUILTINS_LOADED.append(True)
    return READERS


_BUILTINS_LOADED: list[bool] = []  # a module-level flag: importing one reader must not hide the others


def reader_names() -> list[str]:
    """The formats `--format` accepts (the CLI's choices are built from this registry)."""
    return list(readers())


def detect_format(path: Path) -> str | None:
    """The name of the first reader that recognises `path`, or None."""
    try:
        with path.open("rb") as handle:
            head = handle.read(HEAD_BYTES)
    except OSError:
        return None
    for reader in readers().values():
        if path.suffix.lower() in reader.suffixes and reader.detect(path, head):
            return reader.name
    return None
