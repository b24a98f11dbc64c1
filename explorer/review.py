"""The review queue: suggested claims and actors flagged at ingest, each with its evidence, and
the reviewer's decisions (accept, reject, correct, merge, reject a flagged actor, undo), all through `graph.review`,
which writes the article file, the store and the review log under the store's lock."""
from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from actorgraph.explorer import data
from actorgraph.explorer.evidence_html import claim_html, esc, highlighted_sentence_html
from actorgraph.explorer.search import actor_option
from actorgraph.graph.config import data_home
from actorgraph.graph.errors import ActorGraphError
from actorgraph.graph.model import POLARITIES
from actorgraph.graph.review import REJECTED, Reviewer
from actorgraph.graph.vocabulary import Vocabulary
from actorgraph.ingest.resolution import flagged_actors
from actorgraph.ingest.review_queue import embedded_reviewer, reingest, suggestions

LOG_ROWS = 15


def reviewer_for(backend: data.Backend) -> Reviewer:
    if backend.name == "embedded":
        return embedded_reviewer(Path(backend.where))
    return Reviewer(lambda: backend.store, data_home() / "review.lock", reingest)


@st.cache_data(max_entries=data.CACHE_ENTRIES, ttl=data.CACHE_TTL, show_spinner=False)
def queue(_store, version: str, include_extracted: bool):
    flagged = flagged_actors(_store)
    return suggestions(_store, flagged, include_extracted), flagged


def _run(action, *args, **kwargs) -> None:
    """Apply a decision; its outcome is shown on the next run (the store has a new version)."""
    try:
        decision = action(*args, **kwargs)
        st.session_state["rv_message"] = ("success", f"{decision.action} {decision.target}: recorded "
                                                     f"(decision {decision.id})")
    except ActorGraphError as exc:
        st.session_state["rv_message"] = ("error", str(exc))


def _claims(backend: data.Backend, vocabulary: Vocabulary, reviewer: Reviewer, found: list, who: str) -> None:
    st.subheader(f"Suggested claims ({len(found)})")
    if not found:
        st.caption("Nothing to review: no extracted claim and no claim naming an actor created at ingest.")
        return
    actors = data.actors(backend.store, backend.version)
    articles = data.articles(backend.store, backend.version)
    by_id = {s.claim.id: s for s in found}
    chosen = st.selectbox("Suggestion", list(by_id), key="rv_claim",
                          format_func=lambda c: f"{c} · {by_id[c].reason}")
    if chosen is None:  # never: the list is not empty and has no placeholder
        return
    item = by_id[chosen]
    st.html(claim_html(item.claim, articles.get(item.claim.article_id), actors, vocabulary))
    accept_col, reject_col, _ = st.columns([1, 1, 4])
    accept_col.button("Accept", key="rv_accept", type="primary", disabled=not who,
                      on_click=_run, args=(reviewer.accept_claim, chosen, who))
    reject_col.button("Reject", key="rv_reject", disabled=not who,
                      on_click=_run, args=(reviewer.reject_claim, chosen, who))
    with st.expander("Correct the claim"):
        pred_col, pol_col, role_col, actor_col = st.columns(4)
        terms = sorted(vocabulary.terms)
        predicate = pred_col.selectbox("Relation", terms, index=terms.index(item.claim.predicate)
                                       if item.claim.predicate in terms else 0, key=f"rv_pred_{chosen}",
                                       format_func=lambda t: vocabulary.term(t).labels.get("en") or t)
        polarity = pol_col.selectbox("Polarity", POLARITIES, index=POLARITIES.index(item.claim.polarity),
                                     key=f"rv_pol_{chosen}")
        role = role_col.selectbox("Argument", ("subject", "object"), key=f"rv_role_{chosen}")
        current = getattr(item.claim, role)
        ids = sorted(actors, key=lambda a: (a != current, actors[a].name))
        actor = actor_col.selectbox("Actor", ids, key=f"rv_actor_{chosen}_{role}",
                                    format_func=lambda a: actor_option(actors[a], vocabulary))
        changes = {k: v for k, v in (("predicate", predicate), ("polarity", polarity), (role, actor))
                   if getattr(item.claim, k) != v}
        st.button("Apply the correction", key="rv_change", disabled=not (who and changes),
                  on_click=_run, args=(lambda: reviewer.change_claim(chosen, who, **changes),))


def _actors(backend: data.Backend, vocabulary: Vocabulary, reviewer: Reviewer, flagged: list, who: str) -> None:
    st.subheader(f"Actors flagged at ingest ({len(flagged)})")
    if not flagged:
        st.caption("No actor waits for review: every mention matched the gazetteer.")
        return
    actors = data.actors(backend.store, backend.version)
    articles = data.articles(backend.store, backend.version)
    by_id = {f.actor.id: f for f in flagged}
    chosen = st.selectbox("Flagged actor", list(by_id), key="rv_flagged",
                          format_func=lambda a: f"{by_id[a].actor.name} · {len(by_id[a].mentions)} mention(s)")
    item = by_id[chosen]
    if item.actor.description:
        st.caption(item.actor.description)
    for mention in item.mentions[:10]:
        article = articles.get(mention.article_id)
        if article is not None:
            st.html(f'<div class="ag-meta">{esc(article.title)} · <code>{esc(mention.id)}</code></div>'
                    + highlighted_sentence_html(article.text, mention.span, article.language))
    accept_col, reject_col, _ = st.columns([2, 2, 3])
    accept_col.button("Accept as a new actor", key="rv_accept_actor", type="primary", disabled=not who,
                      on_click=_run, args=(reviewer.accept_actor, chosen, who))
    reject_col.button("Not an actor (reject)", key="rv_reject_actor", disabled=not who,
                      help="Removes its mentions from the article files; refused while a claim names it",
                      on_click=_run, args=(reviewer.reject_actor, chosen, who))
    near = [c for c, _ in item.candidates if c in actors]
    others = sorted((a for a in actors if a != chosen and a not in near and actors[a].origin != REJECTED),
                    key=lambda a: actors[a].name)
    target_col, merge_col = st.columns([4, 1], vertical_alignment="bottom")
    keep = target_col.selectbox("Same actor as (near matches first)", near + others, key="rv_keep",
                                format_func=lambda a: actor_option(actors[a], vocabulary))
    merge_col.button("Merge into it", key="rv_merge", disabled=not who,
                     on_click=_run, args=(reviewer.merge_actors, keep, chosen, who))


def _log(reviewer: Reviewer, who: str) -> None:
    decisions = reviewer.log.decisions()
    st.subheader(f"Review log ({len(decisions)})")
    if not decisions:
        st.caption(f"No decision yet; they are recorded in {reviewer.log.path}.")
        return
    undone = reviewer.log.undone()
    st.dataframe([{"when": d.when, "who": d.who, "action": d.action, "target": d.target,
                   "detail": ", ".join(f"{k}={v}" for k, v in d.detail.items()), "id": d.id,
                   "undone": d.id in undone} for d in reversed(decisions[-LOG_ROWS:])],
                 hide_index=True, width="stretch")
    open_ones = [d for d in reversed(decisions) if not d.undoes and d.id not in undone]
    if open_ones:
        pick_col, undo_col = st.columns([4, 1], vertical_alignment="bottom")
        labels = {d.id: f"{d.when} · {d.who} · {d.action} {d.target}" for d in open_ones}
        picked = pick_col.selectbox("Decision", list(labels), key="rv_undo_pick", format_func=labels.__getitem__)
        undo_col.button("Undo", key="rv_undo", disabled=not who, on_click=_run, args=(reviewer.undo, picked, who))


def review_view(backend: data.Backend, vocabulary: Vocabulary, include_extracted: bool) -> None:
    who = st.text_input("Reviewer", key="reviewer", value=os.environ.get("USER", ""),
                        help="Recorded with every decision in the review log").strip()
    message = st.session_state.pop("rv_message", None)
    if message:
        (st.success if message[0] == "success" else st.error)(message[1])
    reviewer = reviewer_for(backend)
    found, flagged = queue(backend.store, backend.version, include_extracted)
    _claims(backend, vocabulary, reviewer, found, who)
    _actors(backend, vocabulary, reviewer, flagged, who)
    _log(reviewer, who)
