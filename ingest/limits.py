"""Caps on what one article may hold, with one clear error each: a hostile or broken file must not
exhaust memory or stall an ingest for everyone else.

The caps are far above real news articles (the annotated seed has 41 claims in 7 KB of text): they
stop runaway exports and hostile files, not work.
"""
from __future__ import annotations

from collections.abc import Sized
from typing import Any

from actorgraph.graph.errors import InputError

#: Bytes of one article file (native, brat .txt/.ann, INCEpTION .tsv) or of one article's text.
MAX_ARTICLE_BYTES = 20 * 1024 * 1024
#: Bytes of a multi-article export file (doccano JSONL, Label Studio JSON).
MAX_EXPORT_BYTES = 512 * 1024 * 1024
#: Mentions, and claims, in one article.
MAX_ITEMS_PER_ARTICLE = 100_000


def check_bytes(path: str, size: int, *, export: bool = False, what: str = "file") -> None:
    """Raise when a file (or an article's text) is over its cap; caps are read at call time."""
    limit = MAX_EXPORT_BYTES if export else MAX_ARTICLE_BYTES
    if size > limit:
        raise InputError(path, "", f"{what} is {size} bytes, over the {limit}-byte limit",
                         "split it into one file per article" if what == "file" else "split the article")


def check_counts(path: str, location: str, **counts: Sized | Any) -> None:
    """Raise when one kind of item (mentions=..., claims=...) exceeds MAX_ITEMS_PER_ARTICLE."""
    for kind, items in counts.items():
        count = len(items) if isinstance(items, Sized) else 0
        if count > MAX_ITEMS_PER_ARTICLE:
            raise InputError(path, location, f"{count} {kind} in one article, over the limit of"
                             f" {MAX_ITEMS_PER_ARTICLE}", "split the article, or check the export is not broken")

#: Bytes of one raw article file given to `actorgraph extract` (.txt or a saved .html page).
MAX_RAW_BYTES = MAX_ARTICLE_BYTES
#: Characters of one raw article's text after cleanup: 250 times a long news article (4,000
#: characters), about ten seconds of extraction; beyond it the file is not one article.
MAX_EXTRACT_CHARS = 1_000_000
#: Characters of one sentence given to extraction: ten times the longest sentence of the annotated
#: corpus (488). Extraction time grows faster than linearly with a sentence's length (0.7 s at
#: 8,000 characters, minutes at 100,000), and a text with no sentence punctuation for that long is a
#: dump of something else (a table, a one-line export), not prose the rules can read.
MAX_SENTENCE_CHARS = 5_000
