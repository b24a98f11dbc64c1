"""A simple sentence splitter, and the evidence sentence of a relation.

Annotation tools export entity spans and relations but rarely the sentence that states the
relation; a claim needs one. We split on . ! ? ؟ (Arabic question mark) and line breaks, which is
enough for news prose, and take the sentence that holds both arguments; when the arguments lie in
different sentences the evidence is the text covering both, so it still contains the statement.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from actorgraph.graph.model import Span

#: Where a sentence ends: a run of . ! ? ؟ followed by a space or the end of the text (so
#: "window.open" or "3.5" do not split a sentence), or line breaks. The explorer cuts the
#: sentence it shows around a span with the same rule (`explorer.evidence_html.sentence_window`).
SENTENCE_END = re.compile(r"[.!?؟]+(?=\s|$)|\n+")


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence of `text`, surrounding whitespace excluded, in order."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in SENTENCE_END.finditer(text):
        end = match.end() if match.group().strip() else match.start()
        _append_trimmed(text, start, end, bounds)
        start = match.end()
    _append_trimmed(text, start, len(text), bounds)
    return bounds


def _append_trimmed(text: str, start: int, end: int, bounds: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        bounds.append((start, end))


def evidence_span(text: str, spans: Iterable[Span], bounds: list[tuple[int, int]] | None = None) -> Span:
    """The sentence containing every span, else the text from the first span's sentence to the last's."""
    spans = list(spans)
    first, last = min(s.start for s in spans), max(s.end for s in spans)
    bounds = bounds if bounds is not None else sentence_bounds(text)
    start = next((b[0] for b in bounds if b[0] <= first < b[1]), first)
    end = next((b[1] for b in bounds if b[0] < last <= b[1]), last)
    start, end = min(start, first), max(end, last)
    return Span(start, end, text[start:end])
