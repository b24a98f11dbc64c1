"""actorgraph.graph.reader: overlapping marks become flat segments, every piece of text escaped."""
from __future__ import annotations

from actorgraph.graph.model import Actor, Article, Claim, Mention, Span
from actorgraph.graph.reader import Mark, actor_colours, article_html, marked_text_html


def test_overlapping_marks_are_cut_into_flat_segments() -> None:
    text = "A<b> fights C"
    marks = [Mark(0, 4, "ag-mention", "a"), Mark(2, 13, "ag-evidence"), Mark(12, 13, "ag-mention", "c")]
    html = marked_text_html(text, marks, {"a": "#111111", "c": "#222222"}, {"a": "Alpha", "c": "C&Co"})
    assert html == ('<span class="ag-mention" style="background:#111111" data-actor="a" title="Alpha">A&lt;</span>'
                    '<span class="ag-evidence ag-mention" style="background:#111111" data-actor="a" title="Alpha">'
                    'b&gt;</span><span class="ag-evidence"> fights </span>'
                    '<span class="ag-evidence ag-mention" style="background:#222222" data-actor="c" title="C&amp;Co">'
                    'C</span>')


def test_reader_colours_actors_by_first_mention_and_marks_the_claim() -> None:
    text = "قسد تقاتل داعش"
    article = Article("x", "عنوان", text, language="ar")
    mentions = [Mention("m2", "x", "isis", Span(10, 14, "داعش")), Mention("m1", "x", "sdf", Span(0, 3, "قسد"))]
    assert list(actor_colours(mentions)) == ["sdf", "isis"]
    claim = Claim("x#c1", "x", "sdf", "fights", "isis", Span(0, 14, text), spans=(Span(4, 9, "تقاتل"),))
    html = article_html(article, mentions, {"sdf": Actor("sdf", "ArmedGroup", {"en": "SDF"})}, claim)
    assert '<div class="ag-reader-text" dir="rtl" lang="ar">' in html
    assert '<span class="ag-evidence ag-span">تقاتل</span>' in html
    assert 'data-actor="isis" title="isis">داعش</span>' in html
