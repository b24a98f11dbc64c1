"""The benchmark corpus generator: deterministic, exact spans, the asked-for claim counts, and a
heavy-tailed degree distribution (so the benchmarks see hubs as real news graphs have)."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from actorgraph.graph.embedded import EmbeddedStore
from actorgraph.graph.gazetteer import default_gazetteer, load_gazetteer
from actorgraph.ingest.pipeline import ingest_paths
from actorgraph.ingest.registry import ReadContext
from bench.make_corpus import write_corpus


def corpus_bytes(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path: Path) -> None:
    write_corpus(tmp_path / "a", 30, 200, seed=3)
    write_corpus(tmp_path / "b", 30, 200, seed=3)
    write_corpus(tmp_path / "c", 30, 200, seed=4)
    a, b, c = (corpus_bytes(tmp_path / x) for x in "abc")
    assert a == b and len(a) == 31
    assert a != c


def test_spans_match_and_claim_counts_are_exact(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path, 40, 300, relations=17, seed=5)
    files = sorted(folder.glob("*.json"))
    assert len(files) == 40
    denied = 0
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        text = data["text"]
        assert len(data["claims"]) == 17
        for item in [*data["mentions"], *(c["evidence"] for c in data["claims"])]:
            assert text[item["start"]:item["end"]] == item["text"], (path.name, item)
        ids = {c["id"] for c in data["claims"]}
        for claim in data["claims"]:
            if claim.get("polarity") == "denied":
                denied += 1
                assert claim["denies"] in ids
    assert 0 < denied < 40 * 17 * 0.15


def test_the_corpus_ingests_without_errors(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "corpus", 10, 100, seed=9)
    store = EmbeddedStore(tmp_path / "graph.msgpack")
    gazetteer = default_gazetteer()
    for actor in load_gazetteer(tmp_path / "corpus" / "actors.yaml").actors.values():
        gazetteer.add(actor)
    report = ingest_paths([folder], store, context=ReadContext(gazetteer=gazetteer))
    assert report.ok, report.errors
    assert len(store.claims()) == 10 * 20


def test_degree_is_heavy_tailed(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path, 200, 2000, seed=7)
    ends: Counter[str] = Counter()
    for path in folder.glob("*.json"):
        for claim in json.loads(path.read_text(encoding="utf-8"))["claims"]:
            ends.update((claim["subject"], claim["object"]))
    top = sum(n for _, n in ends.most_common(2000 // 100))  # the top 1% of the 2,000 actors
    assert top / sum(ends.values()) > 0.20
