"""ActorGraph's own files: written atomically, and YAML read without ever crashing the process.

Atomic writes. Every file ActorGraph rewrites in place (the embedded store, the gazetteer, an
article file edited by the review queue, an export given `-o`, the Neo4j password file) is
written to a temporary file in the same folder, fsynced, renamed over the old one with
`os.replace`, and the folder is fsynced: a crash, a full disk or Ctrl-C at any moment leaves
either the old file or the new one, never a torn one, and a reader never sees a half-written
file. The temporary file is created with the final permissions (mkstemp creates it 0600), so a
secret is never readable by others, not even for a moment.

YAML. libyaml (the fast C loader) overflows the C stack on deeply nested flow collections and
kills the interpreter with a segmentation fault, which no `except` can catch. Found by fuzzing; so
nesting is measured before parsing and refused past a depth no real file needs.

Aliases are refused too. Nine levels of anchors nine aliases wide (`a: &a [lol, ...]`,
`b: &b [*a, ...]`, ... `text: *i`) fit in 600 bytes and stand for 9^9 strings: walking the value
took 66 s and 5.5 GB before this check. No article, sidecar, mapping, vocabulary or gazetteer
needs anchors, so a file with an alias is refused before it is composed, pointing at the alias.
"""
from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, TextIO, cast

import yaml

from actorgraph.graph.errors import InputError, ReferenceDataError


# --------------------------------------------------------------------------- atomic writes
@contextlib.contextmanager
def _atomic(path: Path, mode: int, text: bool) -> Iterator[IO[Any]]:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, mode)
        handle: IO[Any] = (os.fdopen(fd, "w", encoding="utf-8", newline="\n", buffering=1 << 20) if text
                           else os.fdopen(fd, "wb"))
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _fsync_folder(path.parent)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable: without this a crash can bring back the old directory entry."""
    dir_fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


@contextlib.contextmanager
def atomic_text_output(path: Path, mode: int = 0o644) -> Iterator[TextIO]:
    """A UTF-8 text handle (\\n line ends) whose content appears at `path` only once fully
    written: for streamed output (exports) too large to build in memory first."""
    with _atomic(path, mode, text=True) as handle:
        yield cast(TextIO, handle)


def atomic_write_bytes(path: Path, payload: bytes, mode: int = 0o600) -> None:
    """Replace `path` with `payload` atomically (see the module docstring), with permissions `mode`."""
    with _atomic(path, mode, text=False) as handle:
        handle.write(payload)


def atomic_write_text(path: Path, text: str, mode: int = 0o644) -> None:
    """Replace `path` with `text` (UTF-8) atomically, with permissions `mode`."""
    atomic_write_bytes(path, text.encode("utf-8"), mode)


# --------------------------------------------------------------------------- YAML
MAX_NESTING = 64
#: Hint for a number too long to convert: Python refuses integers of more than 4300 digits.
NUMBER_HINT = "offsets, ids and counts have a few digits; quote the value if it is meant as text"
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ~10x faster


def nesting_depth(text: str) -> int:
    """Upper bound of the flow-collection nesting of `text` (brackets inside strings count too)."""
    depth = deepest = 0
    for char in text:
        if char in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
        elif char in "]}" and depth:
            depth -= 1
    return deepest


#: An anchor can only start a node: after a line start, blank, `[`, `{` or `,`. `AT&T` or `Q&A`
#: inside a sentence never matches, so ordinary text skips the event scan below.
_ANCHOR = re.compile(r"(?:^|[\s\[{,])&[^\s\[\]{},]")


def refuse_aliases(text: str, path: str, error: type[InputError] = InputError) -> None:
    """Raise `error` at the first alias (`*name`) of `text`: ActorGraph's YAML files never need one.

    Scans parser events only (no node is built, nothing is expanded), so a bomb costs as much as
    its own few hundred bytes. An alias needs an anchor, so text without one skips the scan.
    """
    if "*" not in text or not _ANCHOR.search(text):
        return
    try:
        for event in yaml.parse(text, Loader=_SafeLoader):
            if isinstance(event, yaml.AliasEvent):
                mark = event.start_mark
                raise error(path, f"{mark.line + 1}:{mark.column + 1}",
                            f"YAML alias *{event.anchor} is not allowed (anchors and aliases can expand a small"
                            " file into billions of values)", "write the value out in full")
    except yaml.YAMLError:
        return  # the syntax error is reported, with its position, by the parse that follows


def parse_yaml(text: str, path: str, error: type[InputError] = InputError) -> Any:
    """Parse YAML text; syntax errors, aliases and over-deep nesting become `error(path, line:col, ...)`."""
    refuse_aliases(text, path, error)
    if "[" in text or "{" in text:
        depth = nesting_depth(text)
        if depth > MAX_NESTING:
            raise error(path, "", f"YAML nested {depth} levels deep (the limit is {MAX_NESTING})",
                        "flatten the file")
    try:
        return yaml.load(text, Loader=_SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{mark.line + 1}:{mark.column + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise error(path, where, f"invalid YAML: {problem}", "fix the syntax") from None
    except ValueError as exc:  # an integer of more than 4300 digits (Python's guard against slow int parsing)
        raise error(path, "", f"invalid YAML: {str(exc).split(';')[0]}", NUMBER_HINT) from None
    except RecursionError:
        raise error(path, "", "YAML nested too deeply", "flatten the file") from None


def load_yaml(path: Path, error: type[InputError] = ReferenceDataError) -> Any:
    """Read and parse a YAML file (a BOM is allowed); unreadable or invalid files raise `error`."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise error(str(path), "", f"cannot be read: {exc}") from None
    return parse_yaml(text, str(path), error)
