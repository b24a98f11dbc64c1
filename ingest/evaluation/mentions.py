"""Mentions and the actors they name: four matching rules for mentions, a set comparison for actors.

Mention figures (each a maximum one-to-one matching, so a predicted mention never counts twice):

- `mentions_exact`: same start and end offsets;
- `mentions_exact_actor`: same offsets and the same actor id;
- `mentions_overlap`: the spans share at least one character;
- `mentions_overlap_actor`: the spans share a character and name the same actor.

Exact spans measure boundary agreement, which annotation conventions (proclitics left out, the
longest name wins) make strict; overlapping spans measure whether the place was found at all.
The actor figures are the ones an end user feels: a mention linked to the wrong actor puts the
evidence on the wrong node of the graph.

`actors`: the set of distinct actor ids an article's mentions name, gold against predicted.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from actorgraph.graph.model import Mention
from actorgraph.ingest.evaluation.counts import Counts, one_to_one, set_counts
from actorgraph.ingest.evaluation.discrepancy import Discrepancy, sentence_of
from actorgraph.ingest.sentences import sentence_bounds

MENTION_LEVELS = ("mentions_exact", "mentions_exact_actor", "mentions_overlap", "mentions_overlap_actor")


def overlap(a: Mention, b: Mention) -> int:
    """Characters the two spans share (0 when they are disjoint or only touch)."""
    return max(0, min(a.span.end, b.span.end) - max(a.span.start, b.span.start))


def text_order(mentions: Sequence[Mention]) -> list[Mention]:
    """Mentions in text order, with ties broken by actor and id so that every run agrees."""
    return sorted(mentions, key=lambda m: (m.span.start, m.span.end, m.actor_id, m.id))


def overlap_candidates(gold: Sequence[Mention], pred: Sequence[Mention]) -> list[list[int]]:
    """For each gold mention, the predicted mentions it overlaps, best first.

    Best: same actor, then same offsets, then more shared characters, then text order. Only the
    predicted mentions starting within one (longest) mention length before the gold one can reach
    it, so a long article costs a bisect per mention, not a full scan.
    """
    starts = [m.span.start for m in pred]
    longest = max((m.span.end - m.span.start for m in pred), default=0)
    candidates: list[list[int]] = []
    for g in gold:
        low = bisect_right(starts, g.span.start - longest)
        high = bisect_left(starts, g.span.end)
        found = [j for j in range(low, high) if overlap(g, pred[j]) > 0]
        found.sort(key=lambda j: (pred[j].actor_id != g.actor_id,
                                  (pred[j].span.start, pred[j].span.end) != (g.span.start, g.span.end),
                                  -overlap(g, pred[j]), j))
        candidates.append(found)
    return candidates


def compare_mentions(article: str, gold_mentions: Sequence[Mention], pred_mentions: Sequence[Mention],
                     gold_text: str, pred_text: str) -> tuple[dict[str, Counts], list[Discrepancy]]:
    """The four mention figures of one article, and its mention discrepancies.

    Discrepancies come from the overlap matching: a gold mention nothing overlaps is `missed`, a
    predicted one that overlaps nothing is a `false positive`, and a matched pair with other
    offsets or another actor is a `boundary` and/or `wrong actor` error.
    """
    gold, pred = text_order(gold_mentions), text_order(pred_mentions)
    candidates = overlap_candidates(gold, pred)

    def same_span(g: int, p: int) -> bool:
        return (gold[g].span.start, gold[g].span.end) == (pred[p].span.start, pred[p].span.end)

    def same_actor(g: int, p: int) -> bool:
        return gold[g].actor_id == pred[p].actor_id

    rules = {
        "mentions_exact": same_span,
        "mentions_exact_actor": lambda g, p: same_span(g, p) and same_actor(g, p),
        "mentions_overlap": None,
        "mentions_overlap_actor": same_actor,
    }
    counts: dict[str, Counts] = {}
    matchings: dict[str, dict[int, int]] = {}
    for level, allowed in rules.items():
        matchings[level] = matching = one_to_one(candidates, allowed)
        counts[level] = Counts(len(matching), len(pred) - len(matching), len(gold) - len(matching))
    errors = _mention_errors(article, gold, pred, matchings["mentions_overlap"], gold_text, pred_text)
    return counts, errors


def describe_mention(mention: Mention) -> str:
    """«text» start:end -> actor: enough to find it in the file and see whom it names."""
    return f"«{mention.span.text}» {mention.span.start}:{mention.span.end} -> {mention.actor_id}"


def _mention_errors(article: str, gold: list[Mention], pred: list[Mention], matching: dict[int, int],
                    gold_text: str, pred_text: str) -> list[Discrepancy]:
    gold_bounds, pred_bounds = sentence_bounds(gold_text), sentence_bounds(pred_text)
    errors: list[Discrepancy] = []
    for g, mention in enumerate(gold):
        p = matching.get(g)
        sentence = sentence_of(gold_text, mention.span, gold_bounds)
        if p is None:
            errors.append(Discrepancy("mention", "missed", article, describe_mention(mention), "", sentence))
            continue
        found = pred[p]
        kinds = []
        if (found.span.start, found.span.end) != (mention.span.start, mention.span.end):
            kinds.append("boundary")
        if found.actor_id != mention.actor_id:
            kinds.append("wrong actor")
        if kinds:
            errors.append(Discrepancy("mention", ", ".join(kinds), article, describe_mention(mention),
                                      describe_mention(found), sentence))
    matched = set(matching.values())
    for p, mention in enumerate(pred):
        if p not in matched:
            errors.append(Discrepancy("mention", "false positive", article, "", describe_mention(mention),
                                      sentence_of(pred_text, mention.span, pred_bounds)))
    return errors


def compare_actors(article: str, gold_mentions: Sequence[Mention], pred_mentions: Sequence[Mention],
                   gold_text: str, pred_text: str) -> tuple[Counts, list[Discrepancy]]:
    """The `actors` figure of one article: distinct actor ids named by its mentions.

    A discrepancy quotes the sentence of the actor's first mention, where a reader checks it.
    """
    gold_first = _first_mentions(gold_mentions)
    pred_first = _first_mentions(pred_mentions)
    counts = set_counts(set(gold_first), set(pred_first))
    gold_bounds, pred_bounds = sentence_bounds(gold_text), sentence_bounds(pred_text)
    errors = []
    for actor, mention in gold_first.items():
        if actor not in pred_first:
            errors.append(Discrepancy("actor", "missed", article, actor, "",
                                      sentence_of(gold_text, mention.span, gold_bounds),
                                      f"first mention «{mention.span.text}»"))
    for actor, mention in pred_first.items():
        if actor not in gold_first:
            errors.append(Discrepancy("actor", "false positive", article, "", actor,
                                      sentence_of(pred_text, mention.span, pred_bounds),
                                      f"first mention «{mention.span.text}»"))
    return counts, errors


def _first_mentions(mentions: Sequence[Mention]) -> dict[str, Mention]:
    """actor id -> its first mention in text order (the dict keeps actors in order of appearance)."""
    first: dict[str, Mention] = {}
    for mention in text_order(mentions):
        first.setdefault(mention.actor_id, mention)
    return first
