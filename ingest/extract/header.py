"""The optional metadata header of a raw .txt article: `key: value` lines ended by a line `---`.

    title: Coalition backs SDF offensive near Deir ez-Zor
    publisher: example-news
    date: 2023-05-02
    ---
    The article's text...

A file is read as having a header only when EVERY line before the first `---` line is a
`key: value` line (or blank), at least one key is a known one, and the `---` comes within the
first MAX_HEADER_LINES lines, so an article that happens to begin "Update: ..." or contains a
`---` rule further down is never cut.
Keys are case-insensitive: title, url, publisher, date (or published), language (or lang), id.
An unknown key is a warning (it is ignored); a malformed date, language or id is an error naming
its line, since a silently wrong date would misplace every claim of the article in time.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from actorgraph.graph.dates import DATE_HINT, is_iso_date
from actorgraph.graph.errors import InputError

MAX_HEADER_LINES = 40
KEYS = {"title": "title", "url": "url", "publisher": "publisher", "date": "published", "published": "published",
        "language": "language", "lang": "language", "id": "id"}
_KEY_VALUE = re.compile(r"^\s*([A-Za-z][A-Za-z_-]*)\s*:\s*(.*?)\s*$")
_SEPARATOR = re.compile(r"^\s*---+\s*$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")
_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,199}$")


@dataclass
class Header:
    """The fields found (our names: published, not date), the body after the header, and warnings."""

    fields: dict[str, str] = field(default_factory=dict)
    body: str = ""
    lines: int = 0  # lines the header took, separator included (0: no header)
    warnings: list[str] = field(default_factory=list)


def split_header(text: str, path: str) -> Header:
    """Split `text` into its header fields and body; a text without a header is all body."""
    lines = text.split("\n", MAX_HEADER_LINES + 1)
    end = next((i for i, line in enumerate(lines[:MAX_HEADER_LINES + 1]) if _SEPARATOR.match(line)), None)
    if end is None or end == 0:
        return Header(body=text)
    pairs = []
    for number, line in enumerate(lines[:end], start=1):
        if not line.strip():
            continue
        match = _KEY_VALUE.match(line)
        if match is None:
            return Header(body=text)  # not a header: an ordinary first line
        pairs.append((number, match.group(1).lower(), match.group(2)))
    if not any(key in KEYS for _, key, _ in pairs):
        return Header(body=text)  # "Update: ..." before a horizontal rule is prose, not a header
    header = Header(body=text.split("\n", end + 1)[end + 1] if len(lines) > end + 1 else "", lines=end + 1)
    for number, key, value in pairs:
        _take(header, number, key, value, path)
    return header


def _take(header: Header, number: int, key: str, value: str, path: str) -> None:
    name = KEYS.get(key)
    where = f"line {number}"
    if name is None:
        header.warnings.append(f"{path}:{where}: unknown header key {key!r} ignored (known: title, url, publisher,"
                               " date, language, id)")
        return
    if not value:
        return
    if name == "published" and not is_iso_date(value):
        raise InputError(path, where, f"date {value!r} is not an ISO date", DATE_HINT)
    if name == "language":
        value = value.lower()
        if not _LANGUAGE.match(value):
            raise InputError(path, where, f"language {value!r} is not an ISO 639 code", "use ar or en")
    if name == "id" and not _ID.match(value):
        raise InputError(path, where, f"id {value!r} is not a valid article id",
                         "use lowercase letters, digits, '.', '_' and '-'")
    if name in header.fields:
        header.warnings.append(f"{path}:{where}: header key {key!r} repeated; the first value is kept")
        return
    header.fields[name] = value
