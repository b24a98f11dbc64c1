"""The one shape every raw input takes before extraction: text plus what is known about it."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RawArticle:
    """An unannotated article. `text` is what every extracted span's offsets (code points) point into.

    Readers of .txt/.html files (and their encodings) produce it; the extraction engine consumes it,
    so neither side needs to know about the other's details.
    """

    id: str
    text: str
    language: str  # "ar" or "en" (ISO 639-1), detected from the script when the file does not say
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    published: str | None = None
    source: str | None = None  # the file it was read from
