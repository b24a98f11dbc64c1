"""The article reader's HTML: the whole text with every mention marked and coloured by actor, and
the chosen claim's evidence and spans highlighted (the explorer); and the same marks as plain
text (`actorgraph read`).

Marks may nest or overlap (a mention inside an evidence sentence, two spans that cross), so the
text is cut at every mark boundary into segments, and each segment is one `<span>` carrying the
classes of every mark over it: no tag ever has to close out of order. All article text, names
and metadata go through `explorer.evidence_html.esc`; links are kept only for http(s) URLs.
"""
from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from actorgraph.graph.html_text import direction_attrs, esc, safe_url
from actorgraph.graph.model import Actor, Article, Claim, Mention

#: Distinct mention colours (light enough to read dark text on), given to actors in order of first mention.
MENTION_COLOURS = ("#c6dbef", "#fdd0a2", "#c7e9c0", "#dadaeb", "#fcbba1", "#d9d9d9", "#f2e2a0", "#b7e4e0",
                   "#f7c6dd", "#e5d8bd", "#ccebc5", "#decbe4")


def actor_colours(mentions: Iterable[Mention]) -> dict[str, str]:
    """One colour per actor, in order of first mention (colours repeat after twelve actors)."""
    colours: dict[str, str] = {}
    for mention in sorted(mentions, key=lambda m: (m.span.start, m.id)):
        colours.setdefault(mention.actor_id, MENTION_COLOURS[len(colours) % len(MENTION_COLOURS)])
    return colours


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    css: str  # a class name
    actor: str | None = None


def marks_for(mentions: Sequence[Mention], claim: Claim | None) -> list[Mark]:
    """Mentions, then the chosen claim's evidence and spans."""
    marks = [Mark(m.span.start, m.span.end, "ag-mention", m.actor_id) for m in mentions]
    if claim is not None:
        marks.append(Mark(claim.evidence.start, claim.evidence.end, "ag-evidence"))
        marks += [Mark(s.start, s.end, "ag-span") for s in claim.spans]
    return [m for m in marks if m.end > m.start]


def marked_text_html(text: str, marks: Sequence[Mark], colours: Mapping[str, str],
                     names: Mapping[str, str]) -> str:
    """`text` escaped, cut at mark boundaries, each marked segment wrapped in one span."""
    bounds = sorted({0, len(text), *(max(0, min(len(text), b)) for m in marks for b in (m.start, m.end))})
    out = []
    for left, right in itertools.pairwise(bounds):
        over = [m for m in marks if m.start <= left and m.end >= right]
        piece = esc(text[left:right])
        if not over:
            out.append(piece)
            continue
        classes = sorted({m.css for m in over})
        mentions = sorted((m for m in over if m.actor), key=lambda m: m.end - m.start)
        attrs = f' class="{" ".join(classes)}"'
        if mentions:  # the innermost mention gives the colour and the tooltip
            actor = mentions[0].actor or ""
            attrs += (f' style="background:{esc(colours.get(actor, "#eeeeee"))}" data-actor="{esc(actor)}"'
                      f' title="{esc(names.get(actor, actor))}"')
        out.append(f"<span{attrs}>{piece}</span>")
    return "".join(out)


def marked_text_plain(text: str, mentions: Sequence[Mention]) -> str:
    """`text` with each mention written `[surface]{actor id}`, for a terminal or a pipe.

    Plain text has no nesting, so a mention that starts inside an earlier one is left unmarked
    (the outer, earlier mention wins); every character of the text is kept in order.
    """
    out, at = [], 0
    for mention in sorted(mentions, key=lambda m: (m.span.start, -m.span.end, m.id)):
        start, end = mention.span.start, mention.span.end
        if start < at or end <= start or end > len(text):
            continue
        out += [text[at:start], f"[{text[start:end]}]{{{mention.actor_id}}}"]
        at = end
    out.append(text[at:])
    return "".join(out)


def metadata_html(article: Article, names: Mapping[str, str]) -> str:
    """Title, publisher, date, language, licence, link and source file of the article."""
    rows = [("Publisher", names.get(article.publisher or "", article.publisher)), ("Published", article.published),
            ("Language", article.language), ("Licence", getattr(article, "license", None) or "not stated"),
            ("Format", article.format), ("File", article.source), ("Id", article.id)]
    cells = "".join(f"<tr><th>{esc(k)}</th><td dir=\"auto\">{esc(v)}</td></tr>" for k, v in rows if v)
    url = safe_url(article.url)
    link = (f'<tr><th>Link</th><td><a href="{esc(url)}" target="_blank" rel="noopener noreferrer nofollow">'
            f'{esc(url)}</a></td></tr>') if url else ""
    return f'<table class="ag-meta-table">{cells}{link}</table>'


def article_html(article: Article, mentions: Sequence[Mention], actors: Mapping[str, Actor],
                 claim: Claim | None = None) -> str:
    """The reader: heading, legend of the actors mentioned, and the marked text (RTL for Arabic)."""
    names = {a: actor.name for a, actor in actors.items()}
    colours = actor_colours(mentions)
    legend = "".join(f'<span class="ag-mention" style="background:{esc(c)}" data-actor="{esc(a)}" dir="auto">'
                     f'{esc(names.get(a, a))}</span> ' for a, c in colours.items())
    body = marked_text_html(article.text, marks_for(mentions, claim), colours, names)
    return (f'<div class="ag-reader"><h3{direction_attrs(article.title, article.language)}>{esc(article.title)}</h3>'
            f'<div class="ag-reader-legend">{legend}</div>'
            f'<div class="ag-reader-text"{direction_attrs(article.text, article.language)}>{body}</div></div>')


def claim_label(claim: Claim, names: Mapping[str, str], relation: str) -> str:
    """'c3 · SDF —fights→ ISIS (denied)', plain text for a radio option."""
    local = claim.id.split("#", 1)[-1]
    polarity = "" if claim.polarity == "asserted" else f" ({claim.polarity})"
    subject, obj = names.get(claim.subject, claim.subject), names.get(claim.object, claim.object)
    return f"{local} · {subject} —{relation}→ {obj}{polarity}"


READER_CSS = """
<style>
.ag-reader-text{white-space:pre-wrap;line-height:2;font-size:1.05rem;padding:.6rem 1rem;background:#fff;
  border:1px solid #e3e3e3;border-radius:6px}
.ag-reader-text[dir=rtl]{font-family:"Noto Naskh Arabic","Noto Sans Arabic","Amiri","Segoe UI",Tahoma,sans-serif;
  text-align:right}
.ag-mention{border-radius:3px;padding:0 .1rem}
.ag-evidence{outline:2px solid #f2b705;background-color:#fff3bf}
.ag-span{text-decoration:underline 2px #d62728;text-underline-offset:3px;font-weight:600}
.ag-reader-legend{margin:.2rem 0 .5rem 0;font-size:.85rem;line-height:1.9}
.ag-meta-table{font-size:.82rem}
.ag-meta-table th{text-align:left;padding-right:.6rem;color:#555;font-weight:600}
</style>
"""
