"""Raw article files (.txt, .html) to `RawArticle`s: encoding, header, page cleanup, metadata, language.

Each field of the article comes from the first place that has it: the file itself (a .txt
header, a page's meta tags), then the command's options (--publisher, --date, --language), then
what the text shows: the title is the first line, the language is told from the script (Arabic
letters against Latin ones), the id is a slug of the file name. Every problem is an InputError
naming the file, so one bad file is one error line and the others are still read.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from actorgraph.graph.errors import InputError
from actorgraph.ingest import limits
from actorgraph.ingest.extract.cleanup import clean_page_dump
from actorgraph.ingest.extract.encoding import decode_bytes
from actorgraph.ingest.extract.header import split_header
from actorgraph.ingest.extract.raw import RawArticle
from actorgraph.ingest.metadata import slug
from actorgraph.ingest.pipeline import walk_files
from actorgraph.ingest.sentences import sentence_bounds

TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES
TITLE_CHARS = 200
_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")
_HTML_START = re.compile(rb"^\s*(?:<!doctype\s+html|<html|<head|<body|<!--)", re.IGNORECASE)


@dataclass
class RawInput:
    """One file read: the article, and what reading it changed or noticed (for the summary)."""

    article: RawArticle
    encoding: str
    removed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def collect_inputs(paths: Iterable[Path]) -> tuple[list[Path], list[InputError]]:
    """Files to extract, in a stable order: files as given, folders walked for .txt/.html files."""
    return walk_files(paths, lambda p: p.suffix.lower() in SUFFIXES)


def detect_language(text: str) -> str | None:
    """"ar" when Arabic letters outnumber Latin ones in the first 5,000 characters, "en" when Latin
    ones do, None when there are no letters at all. Latin script is taken as English: the extraction
    rules know Arabic and English only (say --language for another one)."""
    sample = text[:5000]
    arabic, latin = len(_ARABIC.findall(sample)), len(_LATIN.findall(sample))
    if not arabic and not latin:
        return None
    return "ar" if arabic >= latin else "en"


def _first_line(text: str) -> str:
    line = next((line.strip() for line in text.split("\n") if line.strip()), "")
    return line if len(line) <= TITLE_CHARS else line[:TITLE_CHARS - 1].rstrip() + "…"


def is_html(path: Path, raw: bytes) -> bool:
    """An .html/.htm file, or a .txt whose bytes begin like a page (a page saved with the wrong name)."""
    return path.suffix.lower() in HTML_SUFFIXES or bool(_HTML_START.match(raw[:512].lstrip(b"\xef\xbb\xbf")))


def _read_bytes(path: Path) -> bytes:
    name = str(path)
    try:
        size = path.stat().st_size
        if size > limits.MAX_RAW_BYTES:
            raise InputError(name, "", f"file is {size} bytes, over the {limits.MAX_RAW_BYTES}-byte limit"
                             " for one article",
                             "split it into one file per article")
        return path.read_bytes()
    except OSError as exc:
        raise InputError(name, "", f"cannot be read: {exc.strerror or exc}") from None


def read_raw(path: Path, options: dict[str, Any] | None = None) -> RawInput:
    """The RawArticle of one .txt or .html file; options: publisher, date, language, cleanup (bool)."""
    options = options or {}
    name = str(path)
    raw = _read_bytes(path)
    if not raw.strip():
        raise InputError(name, "", "is empty", "give a file with the article's text")
    if is_html(path, raw):
        from actorgraph.ingest.extract.html import declared_charset, html_article

        declared = declared_charset(raw)
        text, encoding = _decode_declared(raw, declared, name) if declared else decode_bytes(raw, name)
        body, fields = html_article(text, name)  # a page is bounded by its bytes; its article by characters
        _check_chars(body, name)
        warnings: list[str] = []
    else:
        text, encoding = decode_bytes(raw, name)
        _check_chars(text, name)
        header = split_header(text, name)
        body, fields, warnings = header.body, dict(header.fields), header.warnings
    removed: list[str] = []
    if options.get("cleanup", True):
        cleaned = clean_page_dump(body)
        body, removed = cleaned.text, cleaned.removed
    else:
        body = body.replace("\r\n", "\n").replace("\r", "\n")
    if not body.strip():
        raise InputError(name, "", "has no text" + (" left after removing " + "; ".join(removed) if removed else
                                                    " (only whitespace)"), "give a file with the article's text")
    _check_sentences(body, name)
    return RawInput(_article(path, body, fields, options), encoding, removed, warnings)


def _check_sentences(text: str, name: str) -> None:
    """Refuse a text whose longest sentence is over MAX_SENTENCE_CHARS (see ingest.limits)."""
    start, end = max(sentence_bounds(text), key=lambda b: b[1] - b[0], default=(0, 0))
    if end - start > limits.MAX_SENTENCE_CHARS:
        snippet = " ".join(text[start:start + 40].split())
        raise InputError(name, f"character {start}", f"a sentence of {end - start} characters ('{snippet}…'), over the"
                         f" {limits.MAX_SENTENCE_CHARS}-character limit", "end its sentences with . ! ? or line breaks,"
                         " or leave this file out: it does not read as news prose")


def _decode_declared(raw: bytes, declared: str, name: str) -> tuple[str, str]:
    """A page in the encoding its <meta charset> declares; a wrong declaration falls back on detection."""
    try:
        return raw.decode("utf-8-sig" if declared == "utf-8" else declared), declared
    except (UnicodeDecodeError, LookupError):
        return decode_bytes(raw, name)


def _check_chars(text: str, name: str) -> None:
    if len(text) > limits.MAX_EXTRACT_CHARS:
        raise InputError(name, "", f"text is {len(text)} characters, over the {limits.MAX_EXTRACT_CHARS}-character"
                         " limit for one article", "split it into one file per article")


def _article(path: Path, body: str, fields: dict[str, str], options: dict[str, Any]) -> RawArticle:
    for key, option in (("publisher", "publisher"), ("published", "date"), ("language", "language")):
        if options.get(option) and not fields.get(key):
            fields[key] = str(options[option])
    language = fields.get("language") or detect_language(body)
    if language is None:
        raise InputError(str(path), "", "has no letters to tell its language from",
                         "give the article's text, or say --language ar|en")
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    return RawArticle(id=fields.get("id") or slug(stem)[:200].rstrip("-._"), text=body, language=language,
                      title=fields.get("title") or _first_line(body) or stem, url=fields.get("url"),
                      publisher=fields.get("publisher"), published=fields.get("published"), source=str(path))
