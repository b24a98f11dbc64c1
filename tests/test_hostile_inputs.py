"""Small files that ask for huge work: every one is refused with one clear line, or read in time
linear in its size (figures for bigger cases: bench/hostile_inputs.py, docs/robustness.md)."""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from actorgraph.graph.embedded import EmbeddedStore
from actorgraph.ingest import limits
from actorgraph.ingest.pipeline import ingest_paths
from actorgraph.ingest.registry import InputErrors, ReadContext, readers
from tests.articles import small_article


def test_a_json_integer_of_a_million_digits_is_refused_and_the_other_articles_load(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    good = small_article("fine")
    (folder / "fine.json").write_text(json.dumps(good), encoding="utf-8")
    hostile = json.dumps(small_article("hostile")).replace('"start": 0', '"start": ' + "7" * 1_000_000, 1)
    assert len(hostile) > 1_000_000
    (folder / "hostile.json").write_text(hostile, encoding="utf-8")
    store = EmbeddedStore(tmp_path / "graph.msgpack")
    report = ingest_paths([folder], store)
    assert [str(e) for e in report.errors] == [
        f"{folder / 'hostile.json'}: invalid JSON: Exceeds the limit (4300 digits) for integer string conversion:"
        " value has 1000000 digits (offsets, ids and counts have a few digits; quote the value if it is meant as text)"]
    assert [a.id for a in store.articles()] == ["fine"]


def test_a_yaml_integer_of_ten_thousand_digits_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("id: " + "9" * 10_000 + "\ntitle: t\n", encoding="utf-8")
    (item,) = readers()["native"].read(path, ReadContext())
    assert isinstance(item, InputErrors)
    assert str(item.errors[0]).startswith(f"{path}: invalid YAML: Exceeds the limit (4300 digits)")


def _doccano_line(entities: int) -> str:
    """One doccano article naming `entities` distinct people: a long text of short names."""
    names = [f"Person{i:06d}" for i in range(entities)]
    text = " ".join(names)
    spans, at = [], 0
    for i, name in enumerate(names):
        spans.append({"id": i + 1, "label": "PER", "start_offset": at, "end_offset": at + len(name)})
        at += len(name) + 1
    return json.dumps({"id": 1, "text": text, "entities": spans, "relations": [], "title": "t", "date": "2022-01-20",
                       "publisher": "p"})


def _read_seconds(path: Path) -> float:
    started = time.perf_counter()
    items = list(readers()["doccano"].read(path, ReadContext()))
    assert items and not any(isinstance(i, InputErrors) for i in items)
    return time.perf_counter() - started


def test_reading_an_article_grows_linearly_with_its_mentions(tmp_path: Path) -> None:
    """Four times the mentions must cost well under sixteen times the time: building the entity
    index once per group made it quadratic (20,000 mentions took 160 s, 5,000 took 10 s)."""
    small, large = tmp_path / "small.jsonl", tmp_path / "large.jsonl"
    small.write_text(_doccano_line(1_500) + "\n", encoding="utf-8")
    large.write_text(_doccano_line(6_000) + "\n", encoding="utf-8")
    small_time = min(_read_seconds(small) for _ in range(2))
    large_time = min(_read_seconds(large) for _ in range(2))
    assert large_time < 8 * small_time + 0.5, (small_time, large_time)


def _inception_tokens(path: Path, tokens: int) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        handle.write("#FORMAT=WebAnno TSV 3.3\n"
                     "#T_SP=de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity|value\n\n\n")
        handle.write("#Text=" + "a " * tokens + "\n")
        for index in range(tokens):
            handle.write(f"1-{index + 1}\t{2 * index}-{2 * index + 1}\ta\tGPE\n")
    return path


def test_inception_stops_collecting_mentions_at_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_ITEMS_PER_ARTICLE", 1_000)
    path = _inception_tokens(tmp_path / "many.tsv", 5_000)
    (item,) = readers()["inception"].read(path, ReadContext())
    assert isinstance(item, InputErrors)
    assert [str(e) for e in item.errors] == [
        f"{path}:line 1006: more than 1000 mentions in one article, over the limit (split the article, or check the"
        " export is not broken)"]


def test_brat_counts_entity_lines_before_parsing_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_ITEMS_PER_ARTICLE", 1_000)
    (tmp_path / "many.txt").write_text("Iraq accuses ISIS.", encoding="utf-8")
    ann = tmp_path / "many.ann"
    ann.write_text("".join(f"T{i}\tGPE 0 4\tIraq\n" for i in range(1, 1_002)), encoding="utf-8")
    (item,) = readers()["brat"].read(ann, ReadContext())
    assert isinstance(item, InputErrors)
    assert [str(e) for e in item.errors] == [
        f"{ann}: 1001 mentions in one article, over the limit of 1000 (split the article, or check the export is not"
        " broken)"]
