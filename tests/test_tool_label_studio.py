"""Label Studio JSON exports: UTF-16 offsets, relation directions, attribute labels, JSON-MIN refusal."""
from __future__ import annotations

import json
from pathlib import Path

from conftest import FIXTURES
from tool_helpers import read, triples

from actorgraph.ingest.registry import detect_format

LS = FIXTURES / "label-studio"


def test_detects_label_studio_exports() -> None:
    assert detect_format(LS / "emoji-arabic.json") == "label-studio"
    assert detect_format(LS / "348-completions.json") == "label-studio"
    assert detect_format(LS / "json-min.json") == "label-studio"


def test_emoji_before_spans_directions_and_attribute_labels() -> None:
    docs, errors, _ = read("label-studio", LS / "emoji-arabic.json")
    assert errors == []
    english = docs[0]
    assert (english.article.id, english.article.title, english.article.published, english.article.language) == (
        "emoji-arabic-11", "Prison attack", "2022-01-21", "en")
    assert sorted(triples(english)) == sorted([
        ("isis", "attacks", "sina-prison", "asserted"),  # a2 'Ghwayran prison' resolved by alias
        ("isis", "fights", "sdf", "asserted"),  # bi + symmetric term: one claim
        ("sdf", "supported-by", "international-coalition", "asserted"),  # direction left: to -> from
        ("sdf", "supports", "international-coalition", "asserted"),  # bi + not symmetric: both ways
        ("international-coalition", "supports", "sdf", "asserted"),
        ("isis", "escapes-from", "sina-prison", "denied"),  # label Denied; a8 linked by per-region textarea
    ])
    escape = next(c for c in english.claims if c.predicate == "escapes-from")
    assert escape.certainty == "alleged"  # per-region choices on the subject region
    assert escape.evidence.text == "The SDF denied that ISIS fighters escaped from the prison."
    text = english.article.text
    assert all(text[m.span.start:m.span.end] == m.span.text for m in english.mentions)
    isis = next(m for m in english.mentions if m.id.endswith("#a1"))
    assert (isis.span.text, isis.resolution) == ("ISIS", "wikidata")


def test_arabic_task_reads_the_latest_uncancelled_annotation_and_reanchors() -> None:
    docs, _, context = read("label-studio", LS / "emoji-arabic.json")
    arabic = docs[1]
    assert arabic.article.id == "emoji-arabic-12" and arabic.article.language == "ar"
    assert arabic.article.publisher == "orient-news"
    assert triples(arabic) == [("sdf", "fights", "isis", "asserted")]
    assert arabic.claims[0].evidence.text == "قال المتحدث فرهاد شامي إن قسد تقاتل داعش في الحسكة 😡"
    assert context.warnings == [f"{LS / 'emoji-arabic.json'}:$[1].annotations[1].result[1] (region b2): span 28..31"
                                " re-anchored to 26..29 where 'قسد' occurs once"]


def test_old_completions_key_of_a_real_export_is_read() -> None:
    docs, errors, context = read("label-studio", LS / "348-completions.json")
    assert errors == []
    assert docs[0].article.id == "348-completions" and docs[0].claims == ()
    assert [w for w in context.warnings if "INGREDIENT" in w] == [
        f"{LS / '348-completions.json'}: unmapped entity label 'INGREDIENT' (skipped; add `  INGREDIENT: <actor type>`"
        " under `entities:` in data/mapping.yaml (any of Person, State, GovernmentBody, MilitaryUnit, ArmedGroup,"
        " Coalition, Organization, MediaOutlet, Facility, Location, Collective; null if it is not an actor))"]


def test_json_min_is_refused_with_the_export_to_use() -> None:
    docs, errors, _ = read("label-studio", LS / "json-min.json")
    assert docs == []
    assert errors == [f"{LS / 'json-min.json'}:$[0]: this is a Label Studio JSON-MIN export, which carries no relations"
                      " (export as JSON, not JSON-MIN)"]


def test_truncated_export_and_out_of_range_offsets(tmp_path: Path) -> None:
    text = (LS / "emoji-arabic.json").read_text(encoding="utf-8")
    (tmp_path / "cut.json").write_text(text[:700], encoding="utf-8")
    _, errors, _ = read("label-studio", tmp_path / "cut.json")
    assert len(errors) == 1 and "invalid JSON" in errors[0] and "the file looks truncated: export it again" in errors[0]
    tasks = json.loads(text)
    tasks[1]["annotations"][1]["result"][0]["value"].update(start=500, end=510, text="شامي فرهاد")
    (tmp_path / "range.json").write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    docs, errors, _ = read("label-studio", tmp_path / "range.json")
    assert [d.article.id for d in docs] == ["range-11"]
    assert errors == [f"{tmp_path / 'range.json'}:$[1].annotations[1].result[0] (region b1): span 500..510 is outside"
                      " the text (length 52) (expected 'شامي فرهاد'; offsets are Unicode code points, end exclusive)"]
