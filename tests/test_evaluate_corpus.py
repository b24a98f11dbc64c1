"""`actorgraph evaluate`, continued: actor alignment, pairing articles, the corpus against itself,
and the command line. Articles come from `tests.evaluation_articles`; the counting is in the
comments next to each expected figure.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from actorgraph.graph.vocabulary import normalise_term
from actorgraph.ingest.evaluation import EvaluationError, evaluate_paths
from tests.conftest import ROOT, SEED_DIR
from tests.evaluation_articles import (
    AR,
    EN,
    EN_3,
    arabic_gold,
    article,
    at,
    claim,
    english_gold,
    figures,
    mention,
    run,
    write,
    write_corpus,
)


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Path, Path]:
    return write_corpus(tmp_path)

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

