"""The safe pieces of HTML every front end builds from article text: escaping, direction, links.

Article text, titles and names come from outside and may contain markup; everything the explorer
and the article reader put into HTML goes through `esc`, links through `safe_url` (http(s) only,
never `javascript:`), and Arabic blocks get `dir="rtl" lang="ar"` from `direction_attrs`. They live
in `graph/` because the library's article reader (`graph/reader.py`, also behind `actorgraph read`)
needs them as much as the explorer does.
"""
from __future__ import annotations

import html
import re

_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN = re.compile("[A-Za-z]")


def esc(value: object) -> str:
    """HTML-escape any value for text or attribute context."""
    return html.escape("" if value is None else str(value), quote=True)


def is_arabic(text: str) -> bool:
    """True when Arabic letters outnumber Latin ones (the direction a block should take)."""
    return len(_ARABIC.findall(text)) > len(_LATIN.findall(text))


def direction_attrs(text: str, language: str | None = None) -> str:
    """` dir="rtl" lang="ar"` for Arabic (declared or detected), else ` dir="auto"`."""
    if language == "ar" or (language is None and is_arabic(text)):
        return ' dir="rtl" lang="ar"'
    if language:
        return f' dir="auto" lang="{esc(language)}"'
    return ' dir="auto"'


def safe_url(url: str | None) -> str | None:
    """The URL when it is http(s), else None: never a `javascript:` or `data:` link."""
    if url and re.match(r"^https?://", url.strip(), re.IGNORECASE):
        return url.strip()
    return None
