"""Evidence rendered as safe HTML: the sentence behind a claim, its span highlighted.

Article text, titles, actor names, claimants and notes come from outside and may contain markup
(`<script>`, `<img onerror=...>`). Every such piece goes through `esc` (`graph/html_text.py`) and nowhere
else builds HTML from them, so the page can show the result with markup enabled and still no
article can inject an element. Links are kept only for http(s) URLs (no `javascript:`).

Arabic text is wrapped with `dir="rtl" lang="ar"` so the browser lays it out right to left.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from actorgraph.graph.html_text import direction_attrs, esc, is_arabic, safe_url  # noqa: F401 (re-exported)
from actorgraph.graph.model import Actor, Article, Claim, Span
from actorgraph.graph.vocabulary import Vocabulary
from actorgraph.ingest.sentences import SENTENCE_END

MAX_CONTEXT = 300

POLARITY_LABELS = {"asserted": "asserted", "denied": "DENIED", "negated": "NEGATED"}


def sentence_window(text: str, start: int, end: int, max_context: int = MAX_CONTEXT) -> tuple[int, int]:
    """The sentence around `start:end`, capped: from the previous sentence end to the next.

    Same sentence ends as `ingest.sentences.sentence_bounds` (one rule, `SENTENCE_END`), but it
    looks only at the `max_context` characters either side of the span instead of splitting the
    whole article: the evidence panel renders many claims of long articles on every rerun, and one
    very long paragraph without punctuation must not flood the panel.
    """
    left = max(0, start - max_context)
    for match in SENTENCE_END.finditer(text, left, start):
        left = match.end()
    right = min(len(text), end + max_context)
    found = SENTENCE_END.search(text, end, right)
    if found is not None:
        right = found.end()
    return left, right


@dataclass(frozen=True)
class Sentence:
    """A sentence cut into the text before, inside and after the highlighted span."""

    before: str
    marked: str
    after: str
    clipped_left: bool
    clipped_right: bool


def sentence_of(text: str, span: Span, max_context: int = MAX_CONTEXT) -> Sentence:
    left, right = sentence_window(text, span.start, span.end, max_context)
    clipped_left = left > 0 and not SENTENCE_END.match(text, left - 1)
    clipped_right = right < len(text) and not SENTENCE_END.match(text, right - 1)
    return Sentence(text[left:span.start].lstrip(), text[span.start:span.end], text[span.end:right].rstrip(),
                    clipped_left, clipped_right)


def highlighted_sentence_html(text: str, span: Span, language: str | None = None) -> str:
    """`<div class="ag-sentence" dir=..>before<mark>span</mark>after</div>`, every piece escaped."""
    sentence = sentence_of(text, span)
    lead = "… " if sentence.clipped_left else ""
    tail = " …" if sentence.clipped_right else ""
    return (f'<div class="ag-sentence"{direction_attrs(text, language)}>{lead}{esc(sentence.before)}'
            f'<mark>{esc(sentence.marked)}</mark>{esc(sentence.after)}{tail}</div>')


def _name(actors: Mapping[str, Actor], actor_id: str | None) -> str:
    if actor_id is None:
        return ""
    actor = actors.get(actor_id)
    return actor.name if actor else actor_id


def _article_html(article: Article | None, claim: Claim, actors: Mapping[str, Actor]) -> str:
    if article is None:
        return f'<span class="ag-article">article {esc(claim.article_id)} (not in the store)</span>'
    title = f'<span{direction_attrs(article.title)}>{esc(article.title)}</span>'
    url = safe_url(article.url)
    if url:
        title = f'<a href="{esc(url)}" target="_blank" rel="noopener noreferrer nofollow">{title}</a>'
    parts = [title]
    if article.publisher:
        parts.append(esc(_name(actors, article.publisher)))
    if article.published:
        parts.append(esc(article.published))
    return '<span class="ag-article">' + " · ".join(parts) + "</span>"


def claimant_text(claim: Claim, actors: Mapping[str, Actor]) -> str:
    """Who says it: the claimant (through any reported-speech chain) or the article's own voice."""
    if claim.claimant is None:
        return "the article itself"
    said = _name(actors, claim.claimant)
    if claim.reported_via:
        said += " via " + " → ".join(_name(actors, a) for a in claim.reported_via)
    return said


def claim_html(claim: Claim, article: Article | None, actors: Mapping[str, Actor], vocabulary: Vocabulary, *,
               contested: bool = False) -> str:
    """One evidence card: the statement, polarity badge, highlighted sentence and provenance."""
    try:
        relation = vocabulary.term(claim.predicate).labels["en"]
    except KeyError:
        relation = claim.predicate
    polarity = claim.polarity if claim.polarity in POLARITY_LABELS else "asserted"
    classes = f"ag-claim ag-{polarity}" + (" ag-contested" if contested else "")
    badges = [f'<span class="ag-badge ag-badge-{polarity}">{esc(POLARITY_LABELS[polarity])}</span>',
              f'<span class="ag-badge ag-badge-certainty">{esc(claim.certainty)}</span>']
    if contested:
        badges.append('<span class="ag-badge ag-badge-contested">contested</span>')
    statement = (f'<span class="ag-statement"><b dir="auto">{esc(_name(actors, claim.subject))}</b> '
                 f'—{esc(relation)}→ <b dir="auto">{esc(_name(actors, claim.object))}</b></span>')
    sentence = (highlighted_sentence_html(article.text, claim.evidence, article.language) if article is not None
                else f'<div class="ag-sentence"{direction_attrs(claim.evidence.text)}>'
                     f'<mark>{esc(claim.evidence.text)}</mark></div>')
    meta = [f'claimed by <b dir="auto">{esc(claimant_text(claim, actors))}</b>']
    if claim.date:
        meta.append(f"date {esc(claim.date)}")
    if claim.denies:
        meta.append(f"denies {esc(claim.denies)}")
    meta.append(f'<code>{esc(claim.id)}</code>')
    note = f'<div class="ag-note" dir="auto">{esc(claim.note)}</div>' if claim.note else ""
    return (f'<div class="{classes}" data-claim="{esc(claim.id)}">'
            f'<div class="ag-claim-head">{" ".join(badges)} {statement}</div>'
            f'{sentence}<div class="ag-meta">{_article_html(article, claim, actors)}<br>{" · ".join(meta)}</div>'
            f'{note}</div>')


def claims_html(claims: list[Claim], articles: Mapping[str, Article], actors: Mapping[str, Actor],
                vocabulary: Vocabulary, contested_claims: frozenset[str] = frozenset()) -> str:
    """Evidence cards for several claims, one after the other."""
    return "".join(claim_html(c, articles.get(c.article_id), actors, vocabulary, contested=c.id in contested_claims)
                   for c in claims)


def actor_chip_html(actor: Actor, colour: str, type_label: str) -> str:
    """A name with its type badge, e.g. in search results."""
    names = " / ".join(f'<span{direction_attrs(n)}>{esc(n)}</span>' for n in _display_names(actor))
    return (f'<span class="ag-chip"><span class="ag-type" style="background:{esc(colour)}">{esc(type_label)}</span> '
            f'{names} <code>{esc(actor.id)}</code></span>')


def _display_names(actor: Actor) -> list[str]:
    names = [actor.labels[k] for k in ("en", "ar") if actor.labels.get(k)]
    return names or [actor.id]


#: Styles for the classes above, injected once per page.
EVIDENCE_CSS = """
<style>
.ag-claim{border:1px solid #d9d9d9;border-left:5px solid #4e79a7;border-radius:6px;padding:.6rem .9rem;margin:.5rem 0;
  background:#fff}
.ag-claim.ag-denied,.ag-claim.ag-negated{border-left-color:#d62728;background:#fff5f5}
.ag-claim.ag-contested{border-left-color:#f28e2b}
.ag-claim-head{font-size:.92rem;margin-bottom:.35rem}
.ag-badge{display:inline-block;font-size:.72rem;font-weight:600;padding:.05rem .45rem;border-radius:.6rem;
  margin-right:.25rem;background:#eef1f6;color:#333}
.ag-badge-denied,.ag-badge-negated{background:#d62728;color:#fff}
.ag-badge-asserted{background:#e3f1e0;color:#2f6b26}
.ag-badge-contested{background:#f28e2b;color:#fff}
.ag-sentence{margin:.35rem 0;padding:.35rem .75rem;border-inline-start:3px solid #c8c8c8;font-size:1.02rem;
  line-height:1.85;color:#222;background:#fafafa;border-radius:4px}
.ag-sentence[dir=rtl]{font-family:"Noto Naskh Arabic","Noto Sans Arabic","Amiri","Segoe UI",Tahoma,sans-serif;
  text-align:right}
.ag-sentence mark{background:#ffe58a;padding:0 .15rem;border-radius:3px}
.ag-meta{font-size:.82rem;color:#555}
.ag-note{font-size:.8rem;color:#666;font-style:italic;margin-top:.2rem}
.ag-chip{display:inline-block;margin:.15rem .4rem .15rem 0}
.ag-type{color:#fff;font-size:.72rem;font-weight:600;padding:.05rem .45rem;border-radius:.6rem}
.ag-hop{margin:.3rem 0 .3rem 1.2rem;padding-left:.6rem;border-left:2px solid #d0d7e2;color:#333}
.ag-hopno{font-size:.72rem;color:#888;text-transform:uppercase;letter-spacing:.03em}
.ag-side{font-weight:600;margin:.4rem 0 .1rem 0}
.ag-path{margin:.6rem 0 .2rem 0}
.ag-route{font-size:1.02rem}
.ag-edge-title{font-weight:600;margin:.3rem 0}
.ag-results{margin:-.4rem 0 .4rem 0}
</style>
"""
