"""The native format: good articles read to exact claims, bad ones fail with exact messages."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from actorgraph.graph.embedded import EmbeddedStore
from actorgraph.ingest.native import NATIVE
from actorgraph.ingest.pipeline import ingest_paths
from actorgraph.ingest.registry import InputErrors, ReadContext
from tests.articles import small_article, span, variant


def write(tmp_path: Path, data: object, name: str = "a.json") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def read_one(path: Path):
    items = list(NATIVE.read(path, ReadContext()))
    assert len(items) == 1
    return items[0]


def errors_of(path: Path) -> list[str]:
    item = read_one(path)
    assert isinstance(item, InputErrors), item
    return [str(e) for e in item.errors]


def test_reads_claims_with_evidence(tmp_path: Path) -> None:
    document = read_one(write(tmp_path, small_article()))
    assert [(c.subject, c.predicate, c.object) for c in document.claims] == [
        ("iraq", "accuses", "isis"), ("sdf", "supported-by", "international-coalition")]
    first = document.claims[0]
    assert first.id == "test-article#c1"
    assert document.article.text[first.evidence.start:first.evidence.end] == "العراق يتهم داعش بالهجوم."
    assert [m.resolution for m in document.mentions] == ["explicit"] * 4


def test_wrong_offsets_are_reported_with_both_texts(tmp_path: Path) -> None:
    data = small_article()
    data["claims"][0]["evidence"]["start"] += 1
    path = write(tmp_path, data)
    assert errors_of(path) == [
        f"{path}:$.claims[0].evidence: span 1..25 is 'لعراق يتهم داعش بالهجوم.' but the annotation quotes "
        "'العراق يتهم داعش بالهجوم.' ('العراق يتهم داعش بالهجوم.' first occurs at 0..25)"]


def test_unknown_relation_suggests_the_nearest_term(tmp_path: Path) -> None:
    data = small_article()
    data["claims"][0]["predicate"] = "acuses"
    path = write(tmp_path, data)
    assert errors_of(path) == [f"{path}:$.claims[0].predicate: unknown relation 'acuses' (did you mean accuses?)"]


def test_unknown_actor_says_where_to_declare_it(tmp_path: Path) -> None:
    data = small_article()
    data["claims"][1]["object"] = "atlantis"
    path = write(tmp_path, data)
    assert errors_of(path) == [
        f"{path}:$.claims[1].object: unknown actor 'atlantis' "
        "(use a gazetteer id (data/actors.yaml), an inline actor id or @mention)"]


def test_bad_json_names_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, '{"id": "x",\n  "title": }')
    assert errors_of(path) == [f"{path}:2:12: invalid JSON: Expecting value (fix the syntax)"]


def test_schema_violation_names_the_json_path(tmp_path: Path) -> None:
    data = small_article()
    data["claims"][0]["polarity"] = "maybe"
    path = write(tmp_path, data)
    assert errors_of(path) == [
        f"{path}:$.claims[0].polarity: 'maybe' is not one of ['asserted', 'negated', 'denied'] "
        "(see data/schema/article.schema.json)"]


def test_invalid_utf8_names_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(b'{"id": "\xff"}')
    assert errors_of(path) == [f"{path}:byte 8: is not valid UTF-8 (save the file as UTF-8)"]


def test_inline_actor_and_type_check(tmp_path: Path) -> None:
    text = "أبو محمد يقود داعش."
    data = variant(small_article(), text=text, mentions=[], claims=[
        {"id": "c1", "subject": "abu-mohammed", "predicate": "leads", "object": "isis", "evidence": span(text, text)},
        {"id": "c2", "subject": "isis", "predicate": "spokesperson-of", "object": "isis", "evidence": span(text, text)},
    ], actors=[{"id": "abu-mohammed", "type": "Person", "labels": {"ar": "أبو محمد"}}])
    path = write(tmp_path, data)
    assert errors_of(path) == [
        f"{path}:$.claims[1].predicate: 'spokesperson-of' does not take a ArmedGroup subject and a ArmedGroup object "
        "(allowed: Person -> ArmedGroup/Coalition/Organization/GovernmentBody/MilitaryUnit/State)"]


def test_bad_article_does_not_stop_the_others(tmp_path: Path) -> None:
    write(tmp_path, small_article("good-one"), "1.json")
    broken = small_article("bad-one")
    broken["claims"][0]["predicate"] = "nonsense"
    write(tmp_path, broken, "2.json")
    write(tmp_path, small_article("good-two"), "3.json")
    store = EmbeddedStore(tmp_path / "store.pickle")
    report = ingest_paths([tmp_path], store)
    assert [a.id for a in store.articles()] == ["good-one", "good-two"]
    assert len(report.errors) == 1 and "2.json:$.claims[0].predicate" in str(report.errors[0])


def test_yaml_articles_are_accepted(tmp_path: Path) -> None:
    import yaml

    path = tmp_path / "a.yaml"
    path.write_text(yaml.safe_dump(small_article(), allow_unicode=True), encoding="utf-8")
    document = read_one(path)
    assert len(document.claims) == 2


@pytest.mark.parametrize("spelling", ["SupportedBy", "supported_by", "supported-by", "SUPPORTED_BY"])
def test_relation_spellings_are_one_term(tmp_path: Path, spelling: str) -> None:
    data = small_article()
    data["claims"][1]["predicate"] = spelling
    assert read_one(write(tmp_path, data)).claims[1].predicate == "supported-by"


def test_licence_and_provenance_survive_ingest_and_a_store_reload(tmp_path: Path) -> None:
    """A corpus records where each text came from and under which licence; the store must keep both."""
    data = small_article()
    data["license"] = "public domain (U.S. government work, 17 U.S.C. 105)"
    data["obtained"] = "copied from the press release page; the boilerplate footer left out"
    document = read_one(write(tmp_path, data))
    assert (document.article.license, document.article.obtained) == (data["license"], data["obtained"])
    store_path = tmp_path / "store" / "graph.msgpack"
    ingest_paths([tmp_path / "a.json"], EmbeddedStore(store_path))
    reloaded = EmbeddedStore(store_path).get_article(document.article.id)
    assert reloaded is not None
    assert (reloaded.license, reloaded.obtained) == (data["license"], data["obtained"])


def test_an_empty_licence_is_refused(tmp_path: Path) -> None:
    data = small_article()
    data["license"] = ""
    path = write(tmp_path, data)
    assert any("$.license" in error for error in errors_of(path))
