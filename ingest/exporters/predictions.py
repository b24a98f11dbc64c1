"""What the annotation tools' import formats need to show extracted suggestions as such.

`actorgraph extract --to TOOL` writes pre-annotations: the extractor's mentions and claims for
people to correct where they already work. The model keeps only a claim's `origin`; the
extractor's `confidence` and `rule` live in the native article it wrote, and are carried here,
keyed by the global ids (`<article>#<local id>`) the readers give mentions and claims.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from statistics import fmean
from typing import Any


@dataclass
class Predictions:
    """Confidence and rule per extracted mention or claim, and the extractor's version."""

    model_version: str
    scores: dict[str, float] = field(default_factory=dict)
    rules: dict[str, str] = field(default_factory=dict)

    def add_article(self, article: dict[str, Any]) -> None:
        """Take the confidence and rule of every mention and claim of one native article dict."""
        for item in [*(article.get("mentions") or ()), *(article.get("claims") or ())]:
            key = f"{article['id']}#{item['id']}"
            if isinstance(item.get("confidence"), (int, float)):
                self.scores[key] = float(item["confidence"])
            if item.get("rule"):
                self.rules[key] = str(item["rule"])

    def score(self, item_id: str) -> float | None:
        return self.scores.get(item_id)

    def overall(self, item_ids: Iterable[str]) -> float:
        """A task's score: the mean confidence of its items (Label Studio sorts tasks by it)."""
        found = [self.scores[i] for i in item_ids if i in self.scores]
        return round(fmean(found), 4) if found else 0.0

    def note(self, item_id: str) -> str | None:
        """'suggested by rule R, confidence 0.83': what a reviewer reads beside a suggestion."""
        if item_id not in self.scores and item_id not in self.rules:
            return None
        parts = [f"rule {self.rules[item_id]}"] if item_id in self.rules else []
        parts += [f"confidence {self.scores[item_id]:.2f}"] if item_id in self.scores else []
        return "suggested by " + ", ".join(parts)
