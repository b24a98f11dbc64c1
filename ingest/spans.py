"""Span checking, in one place for every reader.

A span is trusted only when its quoted text equals `text[start:end]`. Annotation tools sometimes
export shifted offsets (a BOM, CRLF line ends, UTF-16 counting); when the quoted text occurs
exactly once in the document we re-anchor to it and warn, otherwise we refuse with an error that
shows both texts. Nothing silently points at the wrong characters.
"""
from __future__ import annotations

from actorgraph.graph.errors import InputError
from actorgraph.graph.model import Span

_SHOWN = 40


def _shown(text: str) -> str:
    return repr(text if len(text) <= _SHOWN else text[:_SHOWN] + "…")


def check_span(text: str, start: object, end: object, quoted: str | None, *, path: str, location: str,
               reanchor: bool = False, warnings: list[str] | None = None) -> Span:
    """Return the Span `start:end` of `text`, checked against `quoted` (None: take the text as is).

    With `reanchor`, a mismatching span whose quoted text occurs exactly once is moved there and
    a warning is appended to `warnings`.
    """
    if not isinstance(start, int) or not isinstance(end, int) or isinstance(start, bool) or isinstance(end, bool):
        raise InputError(path, location, f"offsets must be integers, got {start!r}..{end!r}")
    in_bounds = 0 <= start < end <= len(text)
    actual = text[start:end] if in_bounds else None
    if quoted is None:
        if actual is None:
            raise InputError(path, location, f"span {start}..{end} is outside the text (length {len(text)})",
                             "offsets are Unicode code points, end exclusive")
        return Span(start, end, actual)
    if actual == quoted:
        return Span(start, end, quoted)
    if reanchor and quoted:
        found = _unique_occurrence(text, quoted)
        if found is not None:
            if warnings is not None:
                warnings.append(f"{path}:{location}: span {start}..{end} re-anchored to {found}..{found + len(quoted)}"
                                f" where {_shown(quoted)} occurs once")
            return Span(found, found + len(quoted), quoted)
    if actual is None:
        raise InputError(path, location, f"span {start}..{end} is outside the text (length {len(text)})",
                         f"expected {_shown(quoted)}; offsets are Unicode code points, end exclusive")
    position = text.find(quoted) if quoted else -1
    hint = (f"{_shown(quoted)} first occurs at {position}..{position + len(quoted)}" if position >= 0
            else "offsets are Unicode code points, end exclusive")
    raise InputError(path, location,
                     f"span {start}..{end} is {_shown(actual)} but the annotation quotes {_shown(quoted)}", hint)


def _unique_occurrence(text: str, quoted: str) -> int | None:
    first = text.find(quoted)
    if first < 0 or text.find(quoted, first + 1) >= 0:
        return None
    return first


def utf16_to_codepoint_offsets(text: str) -> list[int]:
    """Map each UTF-16 code-unit offset to a code-point offset (JavaScript/Java tools count UTF-16).

    Returns a list `m` of length (UTF-16 length + 1) with m[u] = code-point index; offsets that
    fall inside a surrogate pair map to the character that contains them.
    """
    mapping: list[int] = []
    for index, char in enumerate(text):
        mapping.append(index)
        if ord(char) > 0xFFFF:
            mapping.append(index)
    mapping.append(len(text))
    return mapping


def utf16_offset(mapping: list[int], offset: int) -> int:
    """Code-point offset for a UTF-16 `offset` (out-of-range offsets are returned unchanged)."""
    if 0 <= offset < len(mapping):
        return mapping[offset]
    return offset
