"""Articles for the evaluation tests: gold/predicted pairs built from text, offsets never typed.

Shared by tests/test_evaluate.py (the scoring) and tests/test_evaluate_corpus.py (alignment,
pairing, the corpus against itself, the CLI); the expected figures are worked out in those files.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.articles import span
from tests.conftest import ROOT


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """The CLI in a subprocess, on a terminal wide enough that table cells are not folded."""
    return subprocess.run([sys.executable, "-m", "actorgraph.cli.main", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env={**os.environ, "COLUMNS": "250"})


def mention(text: str, mention_id: str, surface: str, actor: str | None, occurrence: int = 0) -> dict[str, Any]:
    found = {"id": mention_id, **span(text, surface, occurrence)}
    if actor is not None:
        found["actor"] = actor
    return found


def at(text: str, mention_id: str, start: int, end: int, actor: str | None) -> dict[str, Any]:
    """A mention by offsets, for spans that are not a word of their own (boundary errors)."""
    found = {"id": mention_id, "start": start, "end": end, "text": text[start:end]}
    if actor is not None:
        found["actor"] = actor
    return found


def claim(text: str, claim_id: str, subject: str, predicate: str, obj: str, evidence: str,
          **extra: Any) -> dict[str, Any]:
    return {"id": claim_id, "subject": subject, "predicate": predicate, "object": obj,
            "evidence": span(text, evidence), **extra}


def article(article_id: str, language: str, text: str, mentions: list[dict[str, Any]],
            claims: list[dict[str, Any]], actors: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    data = {"id": article_id, "title": article_id, "language": language, "text": text,
            "mentions": mentions, "claims": claims}
    if actors:
        data["actors"] = actors
    return data


def write(folder: Path, name: str, data: dict[str, Any]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


# --- Article A (Arabic): mention boundaries and actors -------------------------------------------
AR = "قالت مصادر محلية إن داعش هاجم قوات سوريا الديمقراطية. والتحالف الدولي يدعم قسد."
AR_FIRST = "قالت مصادر محلية إن داعش هاجم قوات سوريا الديمقراطية."


def arabic_gold() -> dict[str, Any]:
    return article("ar-one", "ar", AR, [
        mention(AR, "g1", "مصادر محلية", "local-sources"),
        mention(AR, "g2", "داعش", "isis"),
        mention(AR, "g3", "قوات سوريا الديمقراطية", "sdf"),
        mention(AR, "g4", "التحالف الدولي", "international-coalition"),
        mention(AR, "g5", "قسد", "sdf"),
    ], [claim(AR, "c1", "isis", "attacks", "sdf", AR_FIRST, claimant="local-sources")])


def arabic_pred() -> dict[str, Any]:
    return article("ar-one", "ar", AR, [
        mention(AR, "p1", "مصادر محلية", "local-sources"),      # exact, right actor
        mention(AR, "p2", "داعش هاجم", "isis"),                 # overlaps g2, too long
        mention(AR, "p3", "سوريا", "syria"),                    # inside g3, wrong actor
        mention(AR, "p4", "التحالف", "international-coalition"),  # overlaps g4, too short
        mention(AR, "p5", "يدعم", "iran"),                      # overlaps nothing; g5 is missed
    ], [claim(AR, "c1", "@p2", "attacks", "sdf", AR_FIRST, claimant="local-sources")])


# --- Article B (English): claims, inverse and symmetric readings, claimants -----------------------
EN = "The coalition supports the SDF. ISIS fought the SDF. Iraq condemned ISIS, local sources said."
EN_1, EN_2, EN_3 = "The coalition supports the SDF.", "ISIS fought the SDF.", "Iraq condemned ISIS, local sources said."


def english_mentions() -> list[dict[str, Any]]:
    return [mention(EN, "m1", "coalition", "international-coalition"), mention(EN, "m2", "SDF", "sdf"),
            mention(EN, "m3", "ISIS", "isis"), mention(EN, "m4", "SDF", "sdf", 1),
            mention(EN, "m5", "Iraq", "iraq"), mention(EN, "m6", "ISIS", "isis", 1),
            mention(EN, "m7", "local sources", "local-sources")]


def english_gold() -> dict[str, Any]:
    return article("en-one", "en", EN, english_mentions(), [
        claim(EN, "c1", "international-coalition", "supports", "sdf", EN_1),
        claim(EN, "c2", "isis", "fights", "sdf", EN_2),
        claim(EN, "c3", "iraq", "condemns", "isis", EN_3, claimant="local-sources"),
        claim(EN, "c4", "isis", "attacks", "sdf", EN_2),
    ])


def english_pred() -> dict[str, Any]:
    return article("en-one", "en", EN, english_mentions(), [
        claim(EN, "d1", "sdf", "SupportedBy", "international-coalition", EN_1),  # c1 read backwards
        claim(EN, "d2", "sdf", "fights", "isis", EN_2),                          # c2, symmetric
        claim(EN, "d3", "iraq", "condemns", "isis", EN_3),                       # c3, wrong claimant
        claim(EN, "d4", "isis", "attacks", "sdf", EN_2, polarity="denied"),      # c4, wrong polarity
        claim(EN, "d5", "iraq", "accuses", "isis", EN_3),                        # not in gold
    ])


def figures(report: dict[str, Any], level: str, where: str = "total") -> tuple[Any, ...]:
    counts = report[where][level] if where == "total" else report["languages"][where][level]
    return counts["tp"], counts["fp"], counts["fn"], counts["precision"], counts["recall"], counts["f1"]


def write_corpus(tmp_path: Path) -> tuple[Path, Path]:
    """The Arabic and the English pair as gold/ and pred/ folders under `tmp_path`."""
    gold, pred = tmp_path / "gold", tmp_path / "pred"
    write(gold, "ar-one", arabic_gold())
    write(pred, "ar-one", arabic_pred())
    write(gold, "en-one", english_gold())
    write(pred, "en-one", english_pred())
    return gold, pred

