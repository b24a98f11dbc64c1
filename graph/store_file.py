"""The embedded store's file: its format, and how it is read and written without ever being torn.

A magic line, then the actors, articles, mentions and claims as typed MessagePack records
(msgspec), which save and load several times faster than the pickle of plain dicts older
versions wrote (still loaded). The mentions section is handed over undecoded (`msgspec.Raw`):
only the reader, the review queue and writes need it, and it is the largest one. Writes go to a
temporary file that is fsynced and renamed over the old one, so a crash at any moment, or a
reader at any moment, meets either the old or the new file, never a torn one. Loading decodes
into the model's own types only (and old pickles through an unpickler that refuses every
class), so a tampered file cannot run code.
"""
from __future__ import annotations

import io
import os
import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import msgspec

from actorgraph.graph.errors import StoreError
from actorgraph.graph.files import atomic_write_bytes
from actorgraph.graph.locking import FileVersion, file_version
from actorgraph.graph.model import Actor, Article, Claim, Mention

FORMAT_VERSION = 1  # the pickle of plain dicts: still read, no longer written
MAGIC = b"ACTORGRAPH-STORE 2\n"


class Records(msgspec.Struct, frozen=True):
    """The file's payload after MAGIC: every record in its model type, so no dict copies are needed."""

    actors: list[Actor]
    articles: list[Article]
    mentions: list[Mention]
    claims: list[Claim]


class LazyRecords(msgspec.Struct, frozen=True):
    """The same payload with the mentions left as their MessagePack bytes (same file layout)."""

    actors: list[Actor]
    articles: list[Article]
    mentions: msgspec.Raw
    claims: list[Claim]


_ENCODER = msgspec.msgpack.Encoder()
_DECODER = msgspec.msgpack.Decoder(LazyRecords)
_MENTIONS = msgspec.msgpack.Decoder(list[Mention])
_RAW_ITEMS = msgspec.msgpack.Decoder(list[msgspec.Raw])


class _PlainUnpickler(pickle.Unpickler):
    """Unpickles only builtin containers and scalars: any class reference is refused."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"refusing to load {module}.{name}: the store holds plain values only")


def _unreadable(path: Path, exc: Exception) -> StoreError:
    return StoreError(f"{path}: cannot open the embedded store: {exc}"
                      " (move the file away and ingest again to rebuild it)")


def read_store_file(path: Path) -> tuple[LazyRecords, FileVersion]:
    """The records in `path` and the version of the very file they were read from."""
    try:
        with path.open("rb") as handle:
            version = file_version(os.fstat(handle.fileno()))
            payload = handle.read()
    except OSError as exc:
        raise _unreadable(path, exc) from None
    if payload.startswith(MAGIC):
        try:
            return _DECODER.decode(memoryview(payload)[len(MAGIC):]), version
        except (msgspec.DecodeError, msgspec.ValidationError) as exc:
            raise _unreadable(path, exc) from None
    return _load_pickle(path, payload), version


def write_store_file(path: Path, records: Records | LazyRecords) -> None:
    atomic_write_bytes(path, MAGIC + _ENCODER.encode(records))


MENTION_CHUNK = 2_000


def decode_mentions(raw: msgspec.Raw, path: Path | None) -> Iterator[list[Mention]]:
    """The mentions of a `LazyRecords`, a few thousand at a time; a malformed section is the same
    clear error as at load.

    One decode call of the whole section holds the GIL for a second or more (msgspec does not
    release it), freezing every other thread of the explorer, its web server included, while a
    background thread decodes; chunks of MENTION_CHUNK records let the others run in between.
    """
    try:
        items = _RAW_ITEMS.decode(raw)
        for start in range(0, len(items), MENTION_CHUNK):
            chunk = items[start:start + MENTION_CHUNK]
            yield _MENTIONS.decode(b"\xdd" + len(chunk).to_bytes(4, "big") + b"".join(chunk))  # array 32
    except (msgspec.DecodeError, msgspec.ValidationError) as exc:
        raise _unreadable(Path(str(path)), exc) from None


def encode_mentions(mentions: list[Mention]) -> msgspec.Raw:
    return msgspec.Raw(_ENCODER.encode(mentions))


def _load_pickle(path: Path, payload: bytes) -> LazyRecords:
    """Records of a format-1 file (a pickle of plain dicts), read with the class-refusing unpickler."""
    try:
        data = _PlainUnpickler(io.BytesIO(payload)).load()
    except (pickle.UnpicklingError, EOFError, ValueError, TypeError) as exc:
        raise _unreadable(path, exc) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT_VERSION:
        raise StoreError(f"{path}: not an ActorGraph store of format {FORMAT_VERSION}")
    return LazyRecords([Actor.from_dict(r) for r in data["actors"]], [Article.from_dict(r) for r in data["articles"]],
                       encode_mentions([Mention.from_dict(r) for r in data["mentions"]]),
                       [Claim.from_dict(r) for r in data["claims"]])
