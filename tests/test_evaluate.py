"""`actorgraph evaluate`: hand-made gold/predicted pairs whose scores are worked out by hand below.

Every article here is written as native JSON into a temporary folder and read back by the real
readers; offsets come from `tests.articles.span`, never typed. The comments next to each expected
figure show the counting.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from actorgraph.ingest.evaluation import evaluate_paths
from actorgraph.ingest.evaluation.counts import Counts, one_to_one
from tests.evaluation_articles import (
    EN,
    EN_3,
    arabic_gold,
    arabic_pred,
    article,
    claim,
    english_gold,
    english_pred,
    figures,
    mention,
    write,
    write_corpus,
)


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Path, Path]:
    return write_corpus(tmp_path)


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




def test_counts_ratios_are_undefined_only_on_zero_denominators() -> None:
    assert Counts(0, 0, 3).precision is None and Counts(0, 0, 3).f1 == 0.0
    assert Counts(2, 1, 1).f1 == pytest.approx(2 / 3)  # 2*2 / (2*2 + 1 + 1)


