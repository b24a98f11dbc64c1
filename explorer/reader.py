"""The article reader: pick an article (by title or id), read its whole text with every mention
coloured by actor, and click one of its claims to highlight that claim's evidence and spans."""
from __future__ import annotations

import streamlit as st

from actorgraph.explorer import data
from actorgraph.explorer.evidence_html import esc
from actorgraph.explorer.state import copy_to, sync_widget
from actorgraph.explorer.view import relation_label
from actorgraph.graph.model import Article
from actorgraph.graph.reader import article_html, claim_label, metadata_html
from actorgraph.graph.store import ClaimFilter
from actorgraph.graph.vocabulary import Vocabulary

MAX_CHOICES = 200
EVERY_CLAIM = ClaimFilter(polarities=())


def matching_articles(articles: dict[str, Article], query: str, limit: int = MAX_CHOICES) -> list[str]:
    """Article ids whose title or id contains `query` (case-insensitive), newest first."""
    needle = query.strip().casefold()
    found = [a for a in articles.values() if not needle or needle in a.title.casefold() or needle in a.id.casefold()]
    found.sort(key=lambda a: (a.published or "", a.id), reverse=True)
    return [a.id for a in found[:limit]]


@st.cache_data(max_entries=data.CACHE_ENTRIES, ttl=data.CACHE_TTL, show_spinner=False)
def article_parts(_store, version: str, article_id: str):
    """The article's mentions and every claim it makes (all polarities), in text order."""
    return _store.mentions(article_id=article_id), _store.claims(EVERY_CLAIM, article_id=article_id)


def _pick_article(articles: dict[str, Article]) -> str | None:
    query = st.text_input("Find an article", key="reader_q", placeholder="words of the title, or its id")
    ids = matching_articles(articles, query)
    current = st.session_state.get("article")
    if current in articles and current not in ids:
        ids.insert(0, current)
    if not ids:
        st.warning("No article title matches.")
        return None
    if current not in ids:
        st.session_state["article"] = current = ids[0]
    sync_widget("reader_pick", current, ids)
    st.selectbox(f"Articles ({len(ids)}{'+' if len(ids) >= MAX_CHOICES else ''})", ids, key="reader_pick",
                 format_func=lambda a: f"{articles[a].published or '????'} · {articles[a].title[:90]}",
                 on_change=copy_to("article", "reader_pick"))
    return st.session_state["article"]


def reader_view(backend: data.Backend, vocabulary: Vocabulary) -> None:
    articles = data.articles(backend.store, backend.version)
    if not articles:
        st.info("No article in the store yet.")
        return
    article_id = _pick_article(articles)
    if article_id is None:
        return
    article = articles[article_id]
    actors = data.actors(backend.store, backend.version)
    names = {a: actor.name for a, actor in actors.items()}
    mentions, claims = article_parts(backend.store, backend.version, article_id)
    text_col, claims_col = st.columns([3, 2])
    with claims_col:
        st.html(metadata_html(article, names))
        by_id = {c.id: c for c in claims}
        options = [None, *by_id]
        if st.session_state.get("reader_claim") not in options:
            st.session_state["reader_claim"] = None
        st.radio(f"Claims ({len(claims)}): click one to highlight its evidence", options, key="reader_claim",
                 format_func=lambda c: "none" if c is None else
                 claim_label(by_id[c], names, relation_label(vocabulary, by_id[c].predicate)))
    chosen = by_id.get(st.session_state.get("reader_claim"))
    with text_col:
        st.html(article_html(article, mentions, actors, chosen))
        if chosen is not None:
            st.html(f'<div class="ag-meta">Evidence of <code>{esc(chosen.id)}</code>: characters '
                    f'{chosen.evidence.start}–{chosen.evidence.end}, {len(chosen.spans)} span(s) underlined</div>')
