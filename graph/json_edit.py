"""Surgical edits of a JSON file's text: change one value, add or remove one array item or key,
and leave every other byte of the file as it was.

A reviewer's decision touches one claim or one mention of an annotated article. Loading the
file and dumping it again would reformat all of it (key order, spacing, escapes) and bury the
one change in a noisy diff, so instead the text is scanned once for where each value starts and
ends (`value_spans`), and only that range is rewritten, in the style of what it replaces (one
line if the old value was on one line, else indented like it).
"""
from __future__ import annotations

import json
from typing import Any

Path_ = tuple[str | int, ...]
_DECODER = json.JSONDecoder()
_SPACE = " \t\r\n"


def _skip(text: str, i: int) -> int:
    while i < len(text) and text[i] in _SPACE:
        i += 1
    return i


def _scan(text: str, i: int, path: Path_, out: dict[Path_, tuple[int, int]]) -> int:
    i = _skip(text, i)
    start = i
    if text[i] in "{[":
        closing = "}" if text[i] == "{" else "]"
        i = _skip(text, i + 1)
        index = 0
        while text[i] != closing:
            if closing == "}":
                key, i = _DECODER.raw_decode(text, i)
                i = _skip(text, i)
                if text[i] != ":":
                    raise ValueError(f"expected ':' at character {i}")
                i = _scan(text, i + 1, (*path, key), out)
            else:
                i = _scan(text, i, (*path, index), out)
                index += 1
            i = _skip(text, i)
            if text[i] == ",":
                i = _skip(text, i + 1)
        out[path] = (start, i + 1)
        return i + 1
    _, end = _DECODER.raw_decode(text, i)
    out[path] = (start, end)
    return end


def value_spans(text: str) -> dict[Path_, tuple[int, int]]:
    """Where each value of the document lies: path (keys and indices) -> (start, end) in `text`."""
    out: dict[Path_, tuple[int, int]] = {}
    _scan(text, 0, (), out)
    return out


def _indent_at(text: str, position: int) -> str:
    line_start = text.rfind("\n", 0, position) + 1
    line = text[line_start:position]
    return line[:len(line) - len(line.lstrip(" \t"))]


def dump_like(value: Any, text: str, start: int, end: int) -> str:
    """`value` as JSON in the style of `text[start:end]`: one line, or indented two spaces per level."""
    if "\n" not in text[start:end]:
        return json.dumps(value, ensure_ascii=False)
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + _indent_at(text, start))


def replace_value(text: str, path: Path_, value: Any) -> str:
    """`text` with the value at `path` replaced by `value`."""
    start, end = value_spans(text)[path]
    return text[:start] + dump_like(value, text, start, end) + text[end:]


def _items(spans: dict[Path_, tuple[int, int]], path: Path_) -> list[tuple[int, int]]:
    found = []
    while (*path, len(found)) in spans:
        found.append(spans[(*path, len(found))])
    return found


def removal_range(text: str, path: Path_, index: int) -> tuple[int, int, str]:
    """What removing item `index` of the array at `path` cuts: (start, end, replacement).

    The item goes with the separator before it (or after it, for the first item); the only item
    takes the whole array with it, replaced by `[]`.
    """
    spans = value_spans(text)
    items = _items(spans, path)
    if len(items) == 1:
        return (*spans[path], "[]")
    if index > 0:
        return items[index - 1][1], items[index][1], ""
    return items[0][0], items[1][0], ""


def delete_item(text: str, path: Path_, index: int) -> str:
    """`text` without item `index` of the array at `path` (and the comma that separated it)."""
    start, end, replacement = removal_range(text, path, index)
    return text[:start] + replacement + text[end:]


def restore_item(text: str, path: Path_, index: int, removed: str) -> str:
    """Undo `delete_item`: put back the exact text it cut (`removed`), byte for byte."""
    spans = value_spans(text)
    items = _items(spans, path)
    if not items:
        start, end = spans[path]
        return text[:start] + removed + text[end:]
    at = items[index - 1][1] if index > 0 else items[0][0]
    return text[:at] + removed + text[at:]


def insert_item(text: str, path: Path_, index: int, value: Any) -> str:
    """`text` with `value` inserted as item `index` of the array at `path`, styled like its siblings."""
    spans = value_spans(text)
    items = _items(spans, path)
    if not items:
        start, end = spans[path]
        indent = _indent_at(text, start)
        inner = dump_like(value, text, start, end) if "\n" not in text[start:end] else \
            json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + indent + "  ")
        body = f"[{inner}]" if "\n" not in text[start:end] else f"[\n{indent}  {inner}\n{indent}]"
        return text[:start] + body + text[end:]
    sibling = items[min(index, len(items) - 1)]
    dumped = dump_like(value, text, *sibling)
    separator = text[items[0][1]:items[1][0]] if len(items) > 1 else ", "
    if index < len(items):
        return text[:items[index][0]] + dumped + separator + text[items[index][0]:]
    return text[:items[-1][1]] + separator + dumped + text[items[-1][1]:]


def set_key(text: str, path: Path_, key: str, value: Any) -> str:
    """`text` with `key` of the object at `path` set to `value` (added at the object's end if new)."""
    spans = value_spans(text)
    if (*path, key) in spans:
        return replace_value(text, (*path, key), value)
    start, end = spans[path]
    members = [(k, spans[k]) for k in spans if len(k) == len(path) + 1 and k[:-1] == path]
    dumped = json.dumps(value, ensure_ascii=False)
    if not members:
        return text[:start] + "{" + json.dumps(key, ensure_ascii=False) + ": " + dumped + "}" + text[end:]
    last_end = max(s[1] for _, s in members)
    first_key = text.rfind('"', start, min(s[0] for _, s in members))
    opening = text[start + 1:text.rfind('"', start, first_key) if first_key > start else start + 1]
    gap = opening if opening.strip() == "" and opening else " "
    if "\n" in gap:
        gap = "\n" + _indent_at(text, min(s[0] for _, s in members))
        dumped = json.dumps(value, ensure_ascii=False, indent=2).replace("\n", gap) if isinstance(value, (dict, list)) \
            and "\n" in text[start:end] and len(json.dumps(value)) > 80 else dumped
    return text[:last_end] + "," + gap + json.dumps(key, ensure_ascii=False) + ": " + dumped + text[last_end:]


def delete_key(text: str, path: Path_, key: str) -> str:
    """`text` without `key` of the object at `path` (and its comma); unchanged if absent."""
    spans = value_spans(text)
    if (*path, key) not in spans:
        return text
    members = sorted((s, k) for k, s in spans.items() if len(k) == len(path) + 1 and k[:-1] == path)
    index = next(i for i, (_, k) in enumerate(members) if k[-1] == key)
    value_end = members[index][0][1]
    key_start = text.rfind('"', spans[path][0], text.rfind('"', spans[path][0], members[index][0][0]))
    if index > 0:
        return text[:members[index - 1][0][1]] + text[value_end:]
    if len(members) > 1:
        next_key = text.rfind('"', 0, text.rfind('"', 0, members[1][0][0]))
        return text[:key_start] + text[next_key:]
    start, end = spans[path]
    return text[:start] + "{}" + text[end:]
