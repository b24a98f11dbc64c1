"""The article of a saved news page (.html): main text and metadata through trafilatura.

Telling an article from menus, share bars, "most read" boxes and reader comments is a solved and
maintained problem: trafilatura (Apache-2.0, used by HuggingFace, IBM, Microsoft Research...)
scores the page's blocks and falls back on readability and jusText when its own pass finds too
little. We ask it to leave comments and tables out, and take the title, date, url and site name
it reads from the page's meta tags. Paragraphs are joined by a blank line, as in native articles.

Bounds: the page size is capped by the caller (limits.MAX_RAW_BYTES) and the parsed tree by
MAX_TREE_SIZE elements, so a page of a million empty <div>s or scripts is one error, not a hang.
Scripts and styles never reach the text (trafilatura drops them before scoring).
"""
from __future__ import annotations

import logging
import re
from functools import lru_cache
from typing import Any

from actorgraph.graph.dates import is_iso_date
from actorgraph.graph.errors import InputError

#: Elements of one page's parsed tree; real news pages have a few thousand.
MAX_TREE_SIZE = 200_000
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)


def declared_charset(raw: bytes) -> str | None:
    """The encoding a page declares in a <meta> tag within its first 4 KB, if Python knows it."""
    import codecs

    match = _META_CHARSET.search(raw[:4096])
    if match is None:
        return None
    name = match.group(1).decode("ascii", errors="ignore")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


@lru_cache(maxsize=1)
def _config() -> Any:
    """trafilatura's settings with our tree-size cap (its option for it moved to the config file)."""
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MAX_TREE_SIZE", str(MAX_TREE_SIZE))
    return config


def _without_scripts(html: str) -> Any:
    """The parsed page without scripts, styles and templates, removed in one linear pass.

    trafilatura (and the readability fallback) delete such elements one by one, which costs
    quadratic time when a page holds tens of thousands of them (measured: 22 s for 40,000 scripts,
    0.6 s after this pass). JSON-LD blocks stay: they carry the article's metadata.
    """
    from lxml import etree  # pyright: ignore[reportAttributeAccessIssue]  (a compiled module, no stubs)
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        return None
    for script in tree.iter("script"):
        if "ld+json" in (script.get("type") or ""):
            script.tag = "ag-json-ld"
    etree.strip_elements(tree, "script", "style", "noscript", "template", etree.Comment, with_tail=False)
    for kept in tree.iter("ag-json-ld"):
        kept.tag = "script"
    return tree


def html_article(html: str, path: str) -> tuple[str, dict[str, str]]:
    """(main text, metadata fields) of a page; an InputError when no article text is found."""
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.ERROR)  # its per-page chatter is not the user's business
    try:
        tree = _without_scripts(html)
        found = trafilatura.bare_extraction(tree, include_comments=False, include_tables=False, with_metadata=True,
                                            deduplicate=False, config=_config()) if tree is not None else None
    except (ValueError, TypeError, RecursionError) as exc:  # lxml's parse errors derive from these
        raise InputError(path, "", f"cannot be parsed as HTML: {exc}".splitlines()[0],
                         "save the page as HTML") from None
    text = getattr(found, "text", None) if found is not None else None
    if not text or not text.strip():
        raise InputError(path, "", "has no article text that could be told from the page around it",
                         "save the article's page itself (not a front page), or copy its text into a .txt file")
    paragraphs = [" ".join(line.split()) for line in text.split("\n")]
    fields = {field: getattr(found, attribute, None) for field, attribute in
              (("title", "title"), ("url", "url"), ("published", "date"), ("publisher", "sitename"))}
    clean = {k: " ".join(str(v).split()) for k, v in fields.items() if v and str(v).strip()}
    if "published" in clean and not is_iso_date(clean["published"]):
        del clean["published"]
    return "\n\n".join(p for p in paragraphs if p), clean
