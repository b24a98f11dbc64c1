"""`extract --to TOOL`: pre-annotations in each tool's import format, read back by our readers of it.

Round trip: the written files, read with the existing readers (`ingest`), give the same
(subject, predicate, object, polarity) claims as the native extraction, for all four tools.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from actorgraph.cli.main import main
from actorgraph.graph.embedded import EmbeddedStore
from actorgraph.graph.store import ClaimFilter
from actorgraph.ingest.exporters.view import export_view
from actorgraph.ingest.pipeline import ingest_paths
from actorgraph.ingest.registry import ReadContext
from tests.extract_samples import AR_DUMP, EN_DUMP
from tests.tool_helpers import read

CORE = ("subject", "predicate", "object", "polarity")
TOOLS = ["label-studio", "inception", "brat", "doccano"]


def _inputs(folder: Path) -> Path:
    folder.mkdir()
    (folder / "ar-dump.txt").write_text(AR_DUMP, encoding="utf-8")
    (folder / "en-dump.txt").write_text(EN_DUMP, encoding="utf-8")
    return folder


def _extract(inputs: Path, out: Path, to: str) -> None:
    result = CliRunner().invoke(main, ["extract", str(inputs), "-o", str(out), "--to", to])
    assert result.exit_code == 0, result.output


def _core(claims) -> Counter:
    return Counter(tuple(getattr(c, f) for f in CORE) for c in claims)


@pytest.fixture
def native(tmp_path: Path) -> tuple[Path, dict[str, dict]]:
    """The inputs, and the native extraction of each (article id -> native dict)."""
    inputs = _inputs(tmp_path / "in")
    _extract(inputs, tmp_path / "native", "native")
    return inputs, {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in (tmp_path / "native").glob("*.json")}


@pytest.mark.parametrize("tool", TOOLS)
def test_each_tool_format_reads_back_to_the_same_claims(tool: str, tmp_path: Path, native) -> None:
    inputs, articles = native
    _extract(inputs, tmp_path / tool, tool)
    store = EmbeddedStore(tmp_path / "graph.msgpack")
    report = ingest_paths([tmp_path / tool], store, context=ReadContext())
    assert report.errors == [] and report.articles == 2
    for article_id in articles:
        documents, errors, _ = read("native", tmp_path / "native" / f"{article_id}.json")
        assert errors == []
        drawable = [link.claim for link in export_view(documents[0]).links]  # claims whose actors are mentioned
        assert drawable, "the extraction found no claim to review: the round trip would prove nothing"
        back = store.claims(ClaimFilter(polarities=()), article_id=article_id)
        assert _core(back) == _core(drawable)
        assert store.get_article(article_id).text.split() == documents[0].article.text.split()
    origins = {c.origin for c in store.claims(ClaimFilter(polarities=()))}
    assert origins == ({"extracted"} if tool == "label-studio" else {"annotated"})


def test_label_studio_tasks_carry_predictions_with_model_version_and_scores(tmp_path: Path, native) -> None:
    inputs, articles = native
    _extract(inputs, tmp_path / "ls", "label-studio")
    tasks = json.loads((tmp_path / "ls" / "label-studio.json").read_text(encoding="utf-8"))
    assert len(tasks) == 2
    for task in tasks:
        assert "annotations" not in task
        [prediction] = task["predictions"]
        assert prediction["model_version"].startswith("actorgraph-extract ")
        article = articles[task["data"]["id"]]
        confidences = {c["confidence"] for c in article["claims"]} | {m["confidence"] for m in article["mentions"]}
        results = prediction["result"]
        assert all(r["score"] in confidences for r in results)
        relation_scores = [r["score"] for r in results if r["type"] == "relation"]
        assert prediction["score"] == pytest.approx(sum(relation_scores) / len(relation_scores), abs=1e-4)


def test_reviewed_label_studio_export_reads_as_annotated(tmp_path: Path, native) -> None:
    """What Label Studio exports after review: the prediction accepted as an annotation."""
    inputs, _ = native
    _extract(inputs, tmp_path / "ls", "label-studio")
    path = tmp_path / "ls" / "label-studio.json"
    tasks = json.loads(path.read_text(encoding="utf-8"))
    for task in tasks:
        task["annotations"] = [{"id": 1, "result": task["predictions"][0]["result"], "was_cancelled": False}]
    path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    store = EmbeddedStore(tmp_path / "graph.msgpack")
    assert ingest_paths([path], store).errors == []
    assert {c.origin for c in store.claims(ClaimFilter(polarities=()))} == {"annotated"}
    assert {a.origin for a in store.articles()} == {"annotated"}


def test_brat_notes_say_rule_and_confidence(tmp_path: Path, native) -> None:
    inputs, articles = native
    _extract(inputs, tmp_path / "brat", "brat")
    ann = (tmp_path / "brat" / "en-dump.ann").read_text(encoding="utf-8")
    notes = [line for line in ann.splitlines() if line.startswith("#")]
    rules = {c["rule"] for c in articles["en-dump"]["claims"]} | {m["rule"] for m in articles["en-dump"]["mentions"]}
    assert notes and all("suggested by rule " in line and "confidence 0." in line for line in notes)
    assert all(any(f"rule {rule}," in line for rule in rules) for line in notes)


def test_reviewed_suggestions_replace_the_extracted_article(tmp_path: Path, native) -> None:
    """extract -> ingest the suggestions -> correct in the tool -> ingest its export: annotated wins."""
    inputs, _ = native
    store = EmbeddedStore(tmp_path / "graph.msgpack")
    assert ingest_paths([tmp_path / "native"], store).errors == []
    _extract(inputs, tmp_path / "brat", "brat")
    ingest_paths([tmp_path / "brat"], store)
    assert {c.origin for c in store.claims(ClaimFilter(polarities=()))} == {"annotated"}
    ingest_paths([tmp_path / "native"], store)  # loading the suggestions again changes nothing
    assert {c.origin for c in store.claims(ClaimFilter(polarities=()))} == {"annotated"}


def test_label_studio_config_declares_every_label_the_tasks_use(tmp_path: Path, native) -> None:
    import xml.etree.ElementTree as ElementTree

    inputs, _ = native
    _extract(inputs, tmp_path / "ls", "label-studio")
    config = ElementTree.parse(tmp_path / "ls" / "label-studio-config.xml").getroot()
    tags = {element.get("name"): element.tag for element in config.iter() if element.get("name")}
    assert tags == {"label": "Labels", "text": "Text", "actor": "TextArea"}
    entity_labels = {label.get("value") for label in config.find("Labels")}
    relation_labels = {relation.get("value") for relation in config.find("Relations")}
    tasks = json.loads((tmp_path / "ls" / "label-studio.json").read_text(encoding="utf-8"))
    results = [r for task in tasks for r in task["predictions"][0]["result"]]
    assert {r["from_name"] for r in results if "from_name" in r} == {"label", "actor"}
    assert {lab for r in results if r["type"] == "labels" for lab in r["value"]["labels"]} <= entity_labels
    assert {lab for r in results if r["type"] == "relation" for lab in r["labels"]} <= relation_labels
    assert {"supported-by", "Denied", "Alleged"} <= relation_labels
