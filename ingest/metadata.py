"""Article metadata for tool exports: from the tool's fields, a sidecar file, or ingest options.

Annotation tools carry the text but seldom the article's title, url, date or publisher. We take
each field from the first place that has it: the export itself, then `<name>.meta.json` /
`<name>.meta.yaml` beside the file, then the `ingest --publisher/--date/--language` options.
The article id defaults to a slug of the file name (plus the task id in multi-task files), so
re-ingesting the same export replaces the same articles.
"""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from actorgraph.graph.errors import InputError
from actorgraph.graph.files import parse_yaml

if TYPE_CHECKING:  # an annotation only: the readers import this module and the registry alike
    from actorgraph.ingest.registry import ReadOptions

FIELDS = ("id", "title", "url", "published", "publisher", "language")
#: Other names tools use for our fields.
ALIASES = {"date": "published", "article_id": "id", "lang": "language", "source_url": "url", "headline": "title"}
SIDECAR_SUFFIXES = (".meta.json", ".meta.yaml", ".meta.yml")
_ID = re.compile(r"[a-z0-9][a-z0-9._-]*")
_ARABIC = re.compile(r"[\u0600-\u06FF]")


def is_sidecar(path: Path) -> bool:
    return path.name.lower().endswith(SIDECAR_SUFFIXES)


def slug(name: str) -> str:
    """A lowercase ASCII id from a file name; a hash when nothing ASCII is left (Arabic names)."""
    text = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return text or "doc-" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:10]


def pick(fields: dict[str, Any] | None) -> dict[str, str]:
    """Our metadata fields out of a tool's dict (data, meta...), under their names or aliases."""
    found: dict[str, str] = {}
    for key, value in (fields or {}).items():
        name = ALIASES.get(str(key).lower(), str(key).lower())
        if name in FIELDS and value not in (None, "") and not isinstance(value, (dict, list)):
            found.setdefault(name, str(value))
    return found


def sidecar(path: Path) -> dict[str, str]:
    """Metadata from `<stem>.meta.json|yaml` beside `path`; an unreadable sidecar is an InputError."""
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    for suffix in SIDECAR_SUFFIXES:
        candidate = path.with_name(stem + suffix)
        if not candidate.is_file():
            continue
        try:
            text = candidate.read_text(encoding="utf-8-sig")
            # YAML goes through the project's one YAML parser: line:column errors and a nesting
            # guard (libyaml crashes the process on deeply nested input).
            data = json.loads(text) if suffix == ".meta.json" else parse_yaml(text, str(candidate))
        except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
            raise InputError(str(candidate), "", f"cannot read the metadata sidecar: {exc}".splitlines()[0],
                             "it must be a JSON or YAML object of title, url, date, publisher") from None
        if not isinstance(data, dict):
            raise InputError(str(candidate), "", "the metadata sidecar must be an object",
                             "e.g. {\"title\": ..., \"date\": \"2022-01-21\"}")
        return pick(data)
    return {}


def guess_language(text: str) -> str:
    return "ar" if len(_ARABIC.findall(text[:2000])) * 3 > len(text[:2000].strip() or "x") else "en"


def article_fields(path: Path, text: str, tool: dict[str, Any] | None, options: ReadOptions,
                   suffix: str | None = None) -> dict[str, Any]:
    """Article id, title, url, published, publisher and language for one document of an export."""
    found = pick(tool)
    tool_id = found.pop("id", None)
    side = sidecar(path)
    side_id = side.pop("id", None)
    for key, value in side.items():
        found.setdefault(key, value)
    for key, option in (("publisher", options.publisher), ("published", options.date), ("language", options.language)):
        if option:
            found.setdefault(key, str(option))
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    chosen = tool_id or (side_id if suffix is None else None)
    if chosen:
        found["id"] = chosen if _ID.fullmatch(chosen) else slug(chosen)
    else:
        found["id"] = f"{slug(stem)}-{slug(suffix)}" if suffix is not None else slug(stem)
    found.setdefault("title", _first_line(text) or stem)
    found.setdefault("language", guess_language(text))
    return found


def _first_line(text: str, limit: int = 120) -> str:
    line = text.strip().split("\n", 1)[0].strip()
    return line if len(line) <= limit else line[: limit - 1] + "…"
