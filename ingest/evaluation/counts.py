"""Counting agreement: true/false positives and misses, the ratios built on them, one-to-one matching.

Every figure of `actorgraph evaluate` is a `Counts` (or an `Accuracy`) summed over articles, so
micro-averaging is plain addition and a per-language figure is the same sum over fewer articles.
A ratio whose denominator is zero is `None` ("undefined"), never a made-up 0 or 1: a level with
nothing in gold and nothing predicted has no precision to report.
"""
from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Any


def ratio(numerator: int, denominator: int) -> float | None:
    """numerator / denominator, or None when the denominator is zero."""
    return numerator / denominator if denominator else None


@dataclass
class Counts:
    """True positives, false positives (predicted, not in gold) and false negatives (missed)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def gold(self) -> int:
        return self.tp + self.fn

    @property
    def predicted(self) -> int:
        return self.tp + self.fp

    @property
    def precision(self) -> float | None:
        return ratio(self.tp, self.predicted)

    @property
    def recall(self) -> float | None:
        return ratio(self.tp, self.gold)

    @property
    def f1(self) -> float | None:
        """2TP / (2TP + FP + FN): the harmonic mean of P and R, and 0 (not undefined) when one side
        is empty and the other is not, e.g. an extractor that predicted nothing."""
        return ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def to_dict(self) -> dict[str, Any]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1,
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


def set_counts(gold: AbstractSet[Hashable], predicted: AbstractSet[Hashable]) -> Counts:
    """Counts of two sets: what both hold, what only the prediction holds, what only gold holds."""
    both = len(gold & predicted)
    return Counts(both, len(predicted) - both, len(gold) - both)


@dataclass
class Accuracy:
    """`correct` out of `total` decisions (claimant accuracy: out of the matched claims)."""

    correct: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float | None:
        return ratio(self.correct, self.total)

    def add(self, other: Accuracy) -> None:
        self.correct += other.correct
        self.total += other.total

    def to_dict(self) -> dict[str, Any]:
        return {"accuracy": self.accuracy, "correct": self.correct, "matched": self.total}


def one_to_one(candidates: Sequence[Sequence[int]],
               allowed: Callable[[int, int], bool] | None = None) -> dict[int, int]:
    """A maximum one-to-one matching {gold index: predicted index}.

    `candidates[g]` lists the predicted items gold item `g` may match, most preferred first;
    `allowed(g, p)` narrows them (one candidate list serves several matching rules). Augmenting
    paths (Kuhn's algorithm) make the matching maximum, which a greedy pass is not: with gold
    spans A, B and predicted X, Y where A overlaps X and Y but B only X, greedy can give X to A and
    leave B unmatched. Candidates are tried in the given order, so the result is deterministic and
    prefers the earlier candidates whenever that costs no match.
    """
    usable = [[p for p in options if allowed is None or allowed(g, p)] for g, options in enumerate(candidates)]
    owner: dict[int, int] = {}  # predicted index -> gold index
    for root in range(len(usable)):
        if usable[root]:
            _augment(root, usable, owner)
    return {g: p for p, g in owner.items()}


def _augment(root: int, usable: list[list[int]], owner: dict[int, int]) -> bool:
    """Find an augmenting path from gold `root` (iteratively: no recursion limit) and flip it."""
    visited: set[int] = set()
    stack: list[tuple[int, int]] = [(root, 0)]  # (gold, next candidate position)
    chosen: list[int] = []  # chosen[k]: the predicted item stack[k]'s gold would take
    while stack:
        gold, position = stack[-1]
        options = usable[gold]
        while position < len(options) and options[position] in visited:
            position += 1
        if position == len(options):
            stack.pop()
            if chosen:
                chosen.pop()
            continue
        pred = options[position]
        stack[-1] = (gold, position + 1)
        visited.add(pred)
        chosen.append(pred)
        if pred not in owner:
            for (path_gold, _), path_pred in zip(stack, chosen, strict=True):
                owner[path_pred] = path_gold
            return True
        stack.append((owner[pred], 0))
    return False
