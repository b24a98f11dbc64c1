"""`actorgraph evaluate`: hand-made gold/predicted pairs whose scores are worked out by hand below.

Every article here is written as native JSON into a temporary folder and read back by the real
readers; offsets come from `tests.articles.span`, never typed. The comments next to each expected
figure show the counting.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from actorgraph.graph.vocabulary import normalise_term
from actorgraph.ingest.evaluation import EvaluationError, evaluate_paths
from actorgraph.ingest.evaluation.counts import Counts, one_to_one
from tests.articles import span
from tests.conftest import ROOT, SEED_DIR


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


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Path, Path]:
    gold, pred = tmp_path / "gold", tmp_path / "pred"
    write(gold, "ar-one", arabic_gold())
    write(pred, "ar-one", arabic_pred())
    write(gold, "en-one", english_gold())
    write(pred, "en-one", english_pred())
    return gold, pred


def test_mentions_exact_and_overlapping_spans(tmp_path: Path) -> None:
    write(tmp_path / "gold", "a", arabic_gold())
    write(tmp_path / "pred", "a", arabic_pred())
    report = evaluate_paths(tmp_path / "gold", tmp_path / "pred").to_dict()
    # 5 gold, 5 predicted. Same offsets: only g1=p1.
    assert figures(report, "mentions_exact") == (1, 4, 4, 0.2, 0.2, 0.2)
    assert figures(report, "mentions_exact_actor") == (1, 4, 4, 0.2, 0.2, 0.2)
    # Overlapping: g1-p1, g2-p2, g3-p3, g4-p4; p5 overlaps nothing, g5 is not found.
    assert figures(report, "mentions_overlap") == (4, 1, 1, 0.8, 0.8, 0.8)
    # ... and naming the same actor: g3-p3 drops (sdf vs syria).
    assert figures(report, "mentions_overlap_actor") == (3, 2, 2, 0.6, 0.6, 0.6)
    # Actors: gold {local-sources, isis, sdf, coalition}, predicted {local-sources, isis, syria, coalition, iran}:
    # TP 3, FP 2, FN 1; P 3/5, R 3/4, F1 2*3/(2*3+2+1) = 6/9.
    assert figures(report, "actors") == (3, 2, 1, 0.6, 0.75, pytest.approx(6 / 9))
    # The one claim matches (its subject @p2 is isis), with the same claimant.
    assert figures(report, "claims") == (1, 0, 0, 1.0, 1.0, 1.0)
    assert report["total"]["claimant_accuracy"] == {"accuracy": 1.0, "correct": 1, "matched": 1}


def test_one_to_one_matching_is_maximum_not_greedy() -> None:
    # Gold A and B; predicted X overlaps both, Y only A. A prefers X (listed first): greedy would
    # give X to A and leave B alone; the maximum matching is A-Y, B-X.
    candidates = [[0, 1], [0]]  # gold A -> [X, Y], gold B -> [X]
    assert one_to_one(candidates) == {0: 1, 1: 0}
    # With B unable to take X, A keeps its first choice.
    assert one_to_one(candidates, lambda g, p: g == 0) == {0: 0}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.integers(0, 5), max_size=4, unique=True), max_size=6))
def test_one_to_one_matching_is_as_large_as_any(candidates: list[list[int]]) -> None:
    # Brute force: the largest set of gold items that can each take a distinct candidate.
    def best(g: int, taken: frozenset[int]) -> int:
        if g == len(candidates):
            return 0
        return max([best(g + 1, taken)] + [1 + best(g + 1, taken | {p}) for p in candidates[g] if p not in taken])

    matching = one_to_one(candidates)
    assert len(matching) == best(0, frozenset())
    assert len(set(matching.values())) == len(matching)
    assert all(p in candidates[g] for g, p in matching.items())


def test_one_predicted_mention_covering_two_gold_mentions_counts_once(tmp_path: Path) -> None:
    text = "داعش وقسد اشتبكا."
    gold = article("pair", "ar", text, [mention(text, "g1", "داعش", "isis"), mention(text, "g2", "قسد", "sdf")], [])
    pred = article("pair", "ar", text, [mention(text, "p1", "داعش وقسد", "isis")], [])
    write(tmp_path / "gold", "pair", gold)
    write(tmp_path / "pred", "pair", pred)
    report = evaluate_paths(tmp_path / "gold", tmp_path / "pred").to_dict()
    # p1 overlaps g1 and g2 but matches one of them (g1, same actor): TP 1, FP 0, FN 1.
    assert figures(report, "mentions_overlap") == (1, 0, 1, 1.0, 0.5, pytest.approx(2 / 3))
    assert figures(report, "mentions_overlap_actor") == (1, 0, 1, 1.0, 0.5, pytest.approx(2 / 3))
    # No claims on either side: every claim figure is undefined, not 0 and not 1.
    assert figures(report, "claims") == (0, 0, 0, None, None, None)
    assert report["total"]["claimant_accuracy"]["accuracy"] is None


def test_claims_strict_relaxed_claimant_and_per_predicate(tmp_path: Path) -> None:
    write(tmp_path / "gold", "b", english_gold())
    write(tmp_path / "pred", "b", english_pred())
    report = evaluate_paths(tmp_path / "gold", tmp_path / "pred").to_dict()
    # Strict keys: gold c1..c4, predicted d1..d5; only d3 == c3 (claimant is not in the key).
    # P 1/5, R 1/4, F1 2/(2+4+3) = 2/9.
    assert figures(report, "claims") == (1, 4, 3, 0.2, 0.25, pytest.approx(2 / 9))
    # Relaxed: d1 = c1 (supported-by is supports read backwards), d2 = c2 (fights is symmetric),
    # d3 = c3; d4 (denied) and d5 still differ. P 3/5, R 3/4, F1 6/9.
    assert figures(report, "claims_relaxed") == (3, 2, 1, 0.6, 0.75, pytest.approx(6 / 9))
    # With the claimant: c3 is said by local sources, d3 by the article: nothing matches.
    assert figures(report, "claims_claimant") == (0, 5, 4, 0.0, 0.0, 0.0)
    # One matched key (c3/d3), its claimant differs.
    assert report["total"]["claimant_accuracy"] == {"accuracy": 0.0, "correct": 0, "matched": 1}
    predicates = report["total"]["predicates"]
    assert set(predicates) == {"supports", "supported-by", "fights", "condemns", "attacks", "accuses"}
    assert predicates["supports"] == {"precision": None, "recall": 0.0, "f1": 0.0, "tp": 0, "fp": 0, "fn": 1,
                                      "support": 1}
    assert predicates["supported-by"] == {"precision": 0.0, "recall": None, "f1": 0.0, "tp": 0, "fp": 1, "fn": 0,
                                          "support": 0}
    assert predicates["condemns"]["tp"] == 1 and predicates["condemns"]["f1"] == 1.0
    assert (predicates["attacks"]["tp"], predicates["attacks"]["fp"], predicates["attacks"]["fn"]) == (0, 1, 1)
    assert (predicates["fights"]["tp"], predicates["fights"]["fp"], predicates["fights"]["fn"]) == (0, 1, 1)


def test_claimant_accuracy_pairs_claims_of_one_key(tmp_path: Path) -> None:
    # Gold states "ISIS attacks the SDF" twice: in the article's voice and by local sources.
    # The prediction has it once, in the article's voice: one pair, the claimants agree.
    gold = english_gold()
    gold["claims"].append(claim(EN, "c5", "isis", "attacks", "sdf", EN_3, claimant="local-sources"))
    pred = english_gold()
    pred["claims"] = [c for c in pred["claims"] if c["id"] != "c3"]
    write(tmp_path / "gold", "b", gold)
    write(tmp_path / "pred", "b", pred)
    report = evaluate_paths(tmp_path / "gold", tmp_path / "pred").to_dict()
    # Keys: gold {c1, c2, c3, c4=c5}, predicted {c1, c2, c4}: TP 3, FN 1 (c3).
    assert figures(report, "claims") == (3, 0, 1, 1.0, 0.75, pytest.approx(6 / 7))
    # Matched keys c1, c2, c4: voices {None}/{None} twice, {None, local-sources}/{None}: 3 of 3 pairs.
    assert report["total"]["claimant_accuracy"] == {"accuracy": 1.0, "correct": 3, "matched": 3}
    # With the claimant, gold has 5 distinct (key, claimant), the prediction 3, all in gold.
    assert figures(report, "claims_claimant") == (3, 0, 2, 1.0, 0.6, 0.75)


def test_per_language_breakdown(corpus: tuple[Path, Path]) -> None:
    gold, pred = corpus
    report = evaluate_paths(gold, pred).to_dict()
    assert list(report["languages"]) == ["ar", "en"]
    assert report["languages"]["ar"]["articles"] == 1 and report["languages"]["en"]["articles"] == 1
    # Arabic: the mention figures of article A; English: 7 identical mentions.
    assert figures(report, "mentions_overlap", "ar") == (4, 1, 1, 0.8, 0.8, 0.8)
    assert figures(report, "mentions_overlap", "en") == (7, 0, 0, 1.0, 1.0, 1.0)
    # Total 11 TP, 1 FP, 1 FN: P = R = F1 = 11/12.
    assert figures(report, "mentions_overlap") == (11, 1, 1, pytest.approx(11 / 12), pytest.approx(11 / 12),
                                                   pytest.approx(11 / 12))
    # Claims: ar 1 of 1; en as in the claims test; total TP 2, FP 4, FN 3.
    assert figures(report, "claims", "ar") == (1, 0, 0, 1.0, 1.0, 1.0)
    assert figures(report, "claims", "en") == (1, 4, 3, 0.2, 0.25, pytest.approx(2 / 9))
    assert figures(report, "claims") == (2, 4, 3, pytest.approx(2 / 6), 0.4, pytest.approx(4 / 11))
    assert report["languages"]["ar"]["claimant_accuracy"]["accuracy"] == 1.0
    assert report["languages"]["en"]["claimant_accuracy"]["accuracy"] == 0.0
    assert report["languages"]["en"]["predicates"]["accuses"]["fp"] == 1
    assert set(report["languages"]["ar"]["predicates"]) == {"attacks"}


# --- Alignment ---------------------------------------------------------------------------------
ALIGN = "The Zaytun Brigade attacked Iraq. The brigade later fought ISIS."
BRIGADE = {"id": "zaytun-brigade", "type": "ArmedGroup", "labels": {"en": "Zaytun Brigade"}}


def alignment_gold() -> dict[str, Any]:
    return article("align", "en", ALIGN, [
        mention(ALIGN, "g1", "Zaytun Brigade", "zaytun-brigade"), mention(ALIGN, "g2", "Iraq", "iraq"),
        mention(ALIGN, "g3", "brigade", "zaytun-brigade"), mention(ALIGN, "g4", "ISIS", "isis"),
    ], [
        claim(ALIGN, "c1", "zaytun-brigade", "attacks", "iraq", "The Zaytun Brigade attacked Iraq."),
        claim(ALIGN, "c2", "zaytun-brigade", "fights", "isis", "The brigade later fought ISIS."),
    ], actors=[BRIGADE])


def alignment_pred() -> dict[str, Any]:
    return article("align", "en", ALIGN, [
        mention(ALIGN, "p1", "The Zaytun Brigade", None),   # unknown name: a new actor `new-...`
        mention(ALIGN, "p2", "Iraq", "syria"),              # a wrong gazetteer link
        mention(ALIGN, "p3", "brigade", "pred-brigade"),    # an actor the extractor declared
        mention(ALIGN, "p4", "ISIS", "isis"),
        mention(ALIGN, "p5", "later", "pred-ghost"),        # overlaps no gold mention
    ], [
        claim(ALIGN, "d1", "@p1", "attacks", "@p2", "The Zaytun Brigade attacked Iraq."),
        claim(ALIGN, "d2", "@p3", "fights", "isis", "The brigade later fought ISIS."),
    ], actors=[{"id": "pred-brigade", "type": "ArmedGroup", "labels": {"en": "the brigade"}},
               {"id": "pred-ghost", "type": "Collective", "labels": {"en": "later"}}])


@pytest.fixture
def aligned_corpus(tmp_path: Path) -> tuple[Path, Path]:
    write(tmp_path / "gold", "align", alignment_gold())
    write(tmp_path / "pred", "align", alignment_pred())
    return tmp_path / "gold", tmp_path / "pred"


def test_strict_ids_without_alignment(aligned_corpus: tuple[Path, Path]) -> None:
    report = evaluate_paths(*aligned_corpus).to_dict()
    # Actors: gold {zaytun-brigade, iraq, isis}; predicted {new-…, syria, pred-brigade, isis, pred-ghost}.
    assert figures(report, "actors")[:3] == (1, 4, 2)
    # No predicted claim has gold's ids.
    assert figures(report, "claims")[:3] == (0, 2, 2)
    # Exact spans: g2, g3, g4 (p1 starts at "The"); with the actor only g4 (isis).
    assert figures(report, "mentions_exact")[:3] == (3, 2, 1)
    assert figures(report, "mentions_exact_actor")[:3] == (1, 4, 3)
    assert report["alignment"] == []


def test_alignment_maps_new_actors_only(aligned_corpus: tuple[Path, Path]) -> None:
    report = evaluate_paths(*aligned_corpus, align_actors=True).to_dict()
    aligned = {a["predicted"]: (a["gold"], a["overlap"]) for a in report["alignment"]}
    new_ids = [actor for actor in aligned if actor.startswith("new-")]
    assert len(new_ids) == 1
    # new-…: "The Zaytun Brigade" shares the 14 characters of "Zaytun Brigade"; pred-brigade shares
    # "brigade" (7); pred-ghost overlaps nothing; syria is a gazetteer id, so it is not aligned.
    assert aligned == {new_ids[0]: ("zaytun-brigade", 14), "pred-brigade": ("zaytun-brigade", 7),
                       "pred-ghost": (None, 0)}
    # Actors after the mapping: {zaytun-brigade, syria, isis, pred-ghost}: TP 2, FP 2, FN 1.
    assert figures(report, "actors") == (2, 2, 1, 0.5, pytest.approx(2 / 3), pytest.approx(4 / 7))
    # Claims: zaytun-brigade fights isis matches; zaytun-brigade attacks syria does not.
    assert figures(report, "claims") == (1, 1, 1, 0.5, 0.5, 0.5)
    # Overlap + actor: g1-p1 and g3-p3 now agree, g4-p4 did already; g2-p2 (syria) does not.
    assert figures(report, "mentions_overlap_actor")[:3] == (3, 2, 1)


def test_alignment_of_all_ids_absent_from_gold(aligned_corpus: tuple[Path, Path]) -> None:
    report = evaluate_paths(*aligned_corpus, align_actors="all").to_dict()
    aligned = {a["predicted"]: a["gold"] for a in report["alignment"]}
    assert aligned["syria"] == "iraq"
    # Now both claims match, and the actors are {zaytun-brigade, iraq, isis, pred-ghost}.
    assert figures(report, "claims") == (2, 0, 0, 1.0, 1.0, 1.0)
    assert figures(report, "actors")[:3] == (3, 1, 0)


def test_alignment_tie_goes_to_the_earlier_gold_mention(tmp_path: Path) -> None:
    # "de attacked Ir" (16:30) shares 2 characters with "Zaytun Brigade" (…de) and 2 with "Iraq" (Ir…).
    # Equal overlap: the gold actor whose mention comes first wins (zaytun-brigade, at 4), although
    # "iraq" sorts first by id. The reported overlap is the winner's: 2.
    pred = article("align", "en", ALIGN, [at(ALIGN, "p1", 16, 30, "pred-blur")], [],
                   actors=[{"id": "pred-blur", "type": "Collective", "labels": {"en": "blur"}}])
    assert ALIGN[16:30] == "de attacked Ir"
    write(tmp_path / "gold", "align", alignment_gold())
    write(tmp_path / "pred", "align", pred)
    report = evaluate_paths(tmp_path / "gold", tmp_path / "pred", align_actors="new").to_dict()
    assert report["alignment"] == [{"article": "align", "predicted": "pred-blur", "gold": "zaytun-brigade",
                                    "overlap": 2}]


# --- Articles on one side only, pairing by file name --------------------------------------------
def test_articles_on_one_side_count_as_misses_and_false_positives(tmp_path: Path) -> None:
    gold, pred = tmp_path / "gold", tmp_path / "pred"
    write(gold, "en-one", english_gold())
    write(pred, "en-one", english_gold())
    write(gold, "ar-one", arabic_gold())            # no prediction: 5 mentions, 1 claim missed
    extra = english_gold()
    extra["id"] = "en-extra"
    write(pred, "en-extra", extra)                  # no gold: 7 mentions, 4 claims false positives
    report = evaluate_paths(gold, pred).to_dict()
    assert report["articles"]["only_gold"] == ["ar-one"] and report["articles"]["only_pred"] == ["en-extra"]
    assert report["articles"]["matched"] == 1 and report["articles"]["scored"] == 3
    assert report["per_article"]["ar-one"]["status"] == "only_gold"
    # Mentions: 7 TP (en-one), FP 7 (en-extra), FN 5 (ar-one).
    assert figures(report, "mentions_exact")[:3] == (7, 7, 5)
    # Claims: 4 TP, FP 4, FN 1: P 0.5, R 0.8.
    assert figures(report, "claims")[:5] == (4, 4, 1, 0.5, 0.8)
    common = evaluate_paths(gold, pred, only_common=True).to_dict()
    assert common["articles"]["scored"] == 1 and common["articles"]["only_gold"] == ["ar-one"]
    assert figures(common, "claims") == (4, 0, 0, 1.0, 1.0, 1.0)
    assert list(common["languages"]) == ["en"]


def test_articles_pair_by_file_name_when_ids_differ(tmp_path: Path) -> None:
    renamed = english_gold()
    renamed["id"] = "extractor-run-17"
    write(tmp_path / "gold", "en-one", english_gold())
    write(tmp_path / "pred", "en-one", renamed)
    report = evaluate_paths(tmp_path / "gold", tmp_path / "pred").to_dict()
    assert report["articles"]["paired_by_file_name"] == [["en-one", "extractor-run-17"]]
    assert report["articles"]["only_gold"] == [] and report["articles"]["only_pred"] == []
    assert figures(report, "claims")[:3] == (4, 0, 0)


def test_gold_in_another_format_scores_the_same(corpus: tuple[Path, Path], tmp_path: Path) -> None:
    # The gold articles written as brat (.txt/.ann/.meta.json) by the exporter, read back by the brat
    # reader: brat carries actor links, polarity and claimant, so brat gold against native gold is
    # perfect, and against the prediction gives the native figures.
    from actorgraph.ingest.exporters import export
    from actorgraph.ingest.pipeline import collect_files, read_documents
    from actorgraph.ingest.registry import ReadContext

    gold, pred = corpus
    files, _ = collect_files([gold])
    export([doc for _, doc in read_documents(files, ReadContext())], "brat", tmp_path / "brat")
    itself = evaluate_paths(tmp_path / "brat", gold).to_dict()
    assert all(itself["total"][level]["f1"] == 1.0 for level in
               ("mentions_exact_actor", "actors", "claims", "claims_claimant"))
    against = evaluate_paths(tmp_path / "brat", pred).to_dict()
    native = evaluate_paths(gold, pred).to_dict()
    assert against["total"] == native["total"] and against["languages"] == native["languages"]


def test_documents_in_memory_score_like_files(aligned_corpus: tuple[Path, Path]) -> None:
    from actorgraph.ingest.evaluation import evaluate_documents
    from actorgraph.ingest.pipeline import collect_files, read_documents
    from actorgraph.ingest.registry import ReadContext

    def documents(folder: Path) -> list[Any]:
        files, _ = collect_files([folder])
        return [doc for _, doc in read_documents(files, ReadContext())]

    gold, pred = aligned_corpus
    in_memory = evaluate_documents(documents(gold), documents(pred), align_actors="new").to_dict()
    from_files = evaluate_paths(gold, pred, align_actors="new").to_dict()
    assert in_memory["total"] == from_files["total"] and in_memory["alignment"] == from_files["alignment"]
    assert figures(in_memory, "claims") == (1, 1, 1, 0.5, 0.5, 0.5)


def test_different_texts_are_warned_about(tmp_path: Path) -> None:
    edited = english_gold()
    edited["text"] = EN.replace("The coalition", "A coalition")
    edited["mentions"] = [mention(edited["text"], "m1", "coalition", "international-coalition")]
    edited["claims"] = []
    write(tmp_path / "gold", "b", english_gold())
    write(tmp_path / "pred", "b", edited)
    report = evaluate_paths(tmp_path / "gold", tmp_path / "pred").to_dict()
    assert report["warnings"] == ["article 'en-one': the predicted text differs from the gold text; "
                                  "spans are compared by offsets"]
    # "coalition" moved from 4:13 to 2:11: it still overlaps, but not exactly.
    assert figures(report, "mentions_overlap")[:3] == (1, 0, 6)
    assert figures(report, "mentions_exact")[:3] == (0, 1, 7)


def test_no_article_in_common_is_an_error(tmp_path: Path) -> None:
    write(tmp_path / "gold", "a", english_gold())
    other = arabic_gold()
    write(tmp_path / "pred", "b", other)
    with pytest.raises(EvaluationError, match="no article in common: 1 gold and 1 predicted"):
        evaluate_paths(tmp_path / "gold", tmp_path / "pred")


def test_counts_ratios_are_undefined_only_on_zero_denominators() -> None:
    assert Counts(0, 0, 3).precision is None and Counts(0, 0, 3).f1 == 0.0
    assert Counts(2, 1, 1).f1 == pytest.approx(2 / 3)  # 2*2 / (2*2 + 1 + 1)


# --- The corpus against itself, and against a copy missing two claims ----------------------------
def claim_keys(data: dict[str, Any]) -> list[tuple[str, ...]]:
    """(subject, predicate, object, polarity) of each claim of a native article, @refs resolved."""
    actors = {m["id"]: m.get("actor") for m in data.get("mentions", [])}

    def actor(ref: str) -> str:
        if ref.startswith("@"):
            assert actors[ref[1:]], f"{data['id']}: {ref} has no explicit actor"
            return str(actors[ref[1:]])
        return ref

    return [(actor(c["subject"]), normalise_term(c["predicate"]), actor(c["object"]), c.get("polarity", "asserted"))
            for c in data["claims"]]


def distinct_keys(path: Path) -> tuple[set[tuple[str, ...]], list[dict[str, Any]]]:
    """The distinct claim keys of a native file, and its claims."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return set(claim_keys(data)), data["claims"]


def test_the_corpus_against_itself_scores_one_everywhere() -> None:
    result = run("evaluate", str(SEED_DIR), str(SEED_DIR), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    ratios = []

    def collect(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("precision", "recall", "f1", "accuracy"):
                    ratios.append(value)
                else:
                    collect(value)

    collect({k: report[k] for k in ("total", "languages", "per_article")})
    assert ratios and all(value in (1.0, None) for value in ratios)
    assert all(report["total"][level]["f1"] == 1.0 for level in
               ("mentions_exact", "mentions_overlap_actor", "actors", "claims", "claims_relaxed", "claims_claimant"))
    assert report["total"]["claimant_accuracy"]["accuracy"] == 1.0
    assert report["articles"]["matched"] == report["articles"]["gold"] == len(list(SEED_DIR.glob("*.json")))


def test_removing_two_claims_gives_the_expected_recall(tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(SEED_DIR, copy)
    seed = copy / "orient-2022-01-hasakah-prison.json"
    keys, claims = distinct_keys(seed)
    n_total = sum(len(distinct_keys(p)[0]) for p in SEED_DIR.glob("*.json"))
    per_claim = claim_keys(json.loads(seed.read_text(encoding="utf-8")))

    # Two claims whose key no other claim shares and that no claim denies: each removal loses one key.
    denied = {c.get("denies") for c in claims}
    removable = [c for c, k in zip(claims, per_claim, strict=True) if c["id"] not in denied and per_claim.count(k) == 1]
    removed = {removable[0]["id"], removable[-1]["id"]}
    data = json.loads(seed.read_text(encoding="utf-8"))
    data["claims"] = [c for c in data["claims"] if c["id"] not in removed]
    seed.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert len(keys) - len(distinct_keys(seed)[0]) == 2
    report = evaluate_paths(SEED_DIR, copy).to_dict()
    assert report["total"]["claims"]["recall"] == pytest.approx((n_total - 2) / n_total)
    assert report["total"]["claims"]["fn"] == 2 and report["total"]["claims"]["precision"] == 1.0
    assert report["total"]["mentions_exact"]["f1"] == 1.0


# --- The command line -----------------------------------------------------------------------------
def test_cli_json_and_show_errors(corpus: tuple[Path, Path]) -> None:
    gold, pred = corpus
    result = run("evaluate", str(gold), str(pred), "--json", "--show-errors")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["total"]["claims"]["tp"] == 2
    errors = report["errors"]
    missed = [e for e in errors if e["level"] == "mention" and e["kind"] == "missed"]
    # g5 «قسد» is the one gold mention nothing overlaps; its sentence is the second one.
    assert missed == [{"level": "mention", "kind": "missed", "article": "ar-one",
                       "gold": f"«قسد» {AR.index('قسد')}:{AR.index('قسد') + 3} -> sdf", "predicted": "",
                       "sentence": "والتحالف الدولي يدعم قسد.", "note": ""}]
    kinds = sorted(e["kind"] for e in errors if e["level"] == "mention")
    assert kinds == ["boundary", "boundary", "boundary, wrong actor", "false positive", "missed"]
    claim_errors = {(e["kind"], e["gold"] or e["predicted"]) for e in errors if e["level"] == "claim"}
    assert ("false positive", "iraq accuses isis; said by (article)") in claim_errors
    assert ("false positive", "isis attacks sdf [denied]; said by (article)") in claim_errors
    assert ("claimant", "iraq condemns isis; said by local-sources") in claim_errors
    relaxed = [e for e in errors if e["level"] == "claim" and e["note"]]
    assert len(relaxed) == 4  # c1, c2 missed and d1, d2 false positives match when relaxed
    assert next(e for e in errors if e["predicted"].startswith("iraq accuses"))["sentence"] == EN_3


def test_cli_tables(corpus: tuple[Path, Path]) -> None:
    gold, pred = corpus
    result = run("evaluate", str(gold), str(pred), "--show-errors")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for title in ("all articles (ar, en)", "claims per predicate (strict)", "language ar (1 article)",
                  "language en (1 article)", "mention errors: 5", "claim errors:"):
        assert title in out
    assert "claimant accuracy on matched claims: 0.500 (1 of 2)" in out
    assert "والتحالف الدولي يدعم قسد." in out
    assert "isis attacks sdf [denied]" in out  # data, not rich markup


def test_cli_errors_are_one_line_and_exit_non_zero(tmp_path: Path, corpus: tuple[Path, Path]) -> None:
    gold, pred = corpus
    broken = english_gold()
    broken["id"] = "broken"
    broken["claims"][0]["predicate"] = "zzqx"
    write(pred, "broken", broken)
    result = run("evaluate", str(gold), str(pred), "--json")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"error: {pred / 'broken.json'}:$.claims[0].predicate: unknown relation 'zzqx' "
        "(see data/vocabulary.yaml for the terms)"]
    assert json.loads(result.stdout)["read_errors"] == [result.stderr.strip()[len("error: "):]]
    missing = run("evaluate", str(gold), str(tmp_path / "nowhere"))
    assert missing.returncode == 1
    assert missing.stderr.strip().splitlines() == [
        f"error: pred: {tmp_path / 'nowhere'}: no such file or folder (check the path)"]
    write(tmp_path / "bad", "b", {"id": "b", "claims": []})
    unreadable = run("evaluate", str(gold), str(tmp_path / "bad"))
    assert unreadable.returncode == 1
    assert unreadable.stderr.strip().splitlines() == [
        f"error: {tmp_path / 'bad' / 'b.json'}:$: 'title' is a required property (see data/schema/article.schema.json)",
        f"error: {tmp_path / 'bad' / 'b.json'}:$: 'language' is a required property"
        " (see data/schema/article.schema.json)",
        f"error: {tmp_path / 'bad' / 'b.json'}:$: 'text' is a required property (see data/schema/article.schema.json)",
        "error: no article in common: 2 gold and 0 predicted articles, none with the same article id or file name"]
    (tmp_path / "empty").mkdir()
    nothing = run("evaluate", str(gold), str(tmp_path / "empty"))
    assert nothing.returncode == 1 and "Traceback" not in nothing.stderr
    assert nothing.stderr.strip().splitlines() == [
        "error: no article in common: 2 gold and 0 predicted articles, none with the same article id or file name"]


def test_every_option_and_figure_is_documented() -> None:
    from actorgraph.cli.evaluate_commands import LEVEL_LABELS, evaluate
    from actorgraph.ingest.evaluation import LEVELS

    docs = (ROOT / "docs" / "evaluation.md").read_text(encoding="utf-8")
    options = [opt for param in evaluate.params for opt in param.opts if opt.startswith("--")]
    assert "--align-all-actors" in options
    assert [opt for opt in options if f"`{opt}`" not in docs] == []
    assert [level for level in LEVELS if f"`{level}`" not in docs] == []
    assert set(LEVEL_LABELS) == set(LEVELS)


def test_unknown_alignment_mode_is_refused(corpus: tuple[Path, Path]) -> None:
    with pytest.raises(ValueError, match="align_actors must be one of none, new, all, not 'fuzzy'"):
        evaluate_paths(*corpus, align_actors="fuzzy")
