"""Every cap gives one clear message naming the file and the limit, and the other articles still load.

The caps (ingest/limits.py, store.MAX_HOPS, the console's row limit) are lowered here with
monkeypatch where building a real over-limit input would cost seconds; the message is the real one.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from actorgraph.graph.embedded import EmbeddedStore
from actorgraph.graph.store import MAX_HOPS
from actorgraph.ingest import limits
from actorgraph.ingest.pipeline import ingest_paths
from tests.articles import small_article
from tests.conftest import FIXTURES, SEED_ARTICLE


def write(folder: Path, data: dict) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{data['id']}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_too_many_claims_or_mentions_in_one_article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_ITEMS_PER_ARTICLE", 3)
    big = write(tmp_path / "in", small_article("big"))  # 4 mentions, 2 claims
    base = small_article("fine")
    write(tmp_path / "in", {**base, "mentions": base["mentions"][:3], "claims": base["claims"][:1]})
    store = EmbeddedStore(tmp_path / "graph.msgpack")
    report = ingest_paths([tmp_path / "in"], store)
    assert [str(e) for e in report.errors] == [
        f"{big}:$: 4 mentions in one article, over the limit of 3 (split the article, or check the export is not"
        " broken)"]
    assert [a.id for a in store.articles()] == ["fine"]


def test_the_real_cap_is_a_hundred_thousand() -> None:
    assert limits.MAX_ITEMS_PER_ARTICLE == 100_000
    with pytest.raises(Exception, match=r"^x.json:\$: 100001 claims in one article, over the limit of 100000"):
        limits.check_counts("x.json", "$", claims=[None] * 100_001)


def test_an_oversized_native_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_ARTICLE_BYTES", 1000)
    shutil.copy2(SEED_ARTICLE, tmp_path / "seed.json")
    report = ingest_paths([tmp_path / "seed.json"], EmbeddedStore(tmp_path / "graph.msgpack"))
    size = (tmp_path / "seed.json").stat().st_size
    assert [str(e) for e in report.errors] == [
        f"{tmp_path / 'seed.json'}: file is {size} bytes, over the 1000-byte limit"
        " (split it into one file per article)"]


def test_an_oversized_tool_export(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """brat and INCEpTION files hold one article (MAX_ARTICLE_BYTES); doccano/Label Studio exports many."""
    monkeypatch.setattr(limits, "MAX_ARTICLE_BYTES", 200)
    monkeypatch.setattr(limits, "MAX_EXPORT_BYTES", 300)
    for name in ("arabic-crlf.ann", "arabic-crlf.txt", "arabic-crlf.meta.json"):
        shutil.copy2(FIXTURES / "brat" / name, tmp_path / name)
    shutil.copy2(FIXTURES / "doccano" / "arabic.jsonl", tmp_path / "arabic.jsonl")
    report = ingest_paths([tmp_path], EmbeddedStore(tmp_path / "graph.msgpack"))
    messages = sorted(str(e) for e in report.errors)
    txt, jsonl = tmp_path / "arabic-crlf.txt", tmp_path / "arabic.jsonl"
    assert messages == sorted([
        f"{txt}: file is {txt.stat().st_size} bytes, over the 200-byte limit (split it into one file per article)",
        f"{jsonl}: file is {jsonl.stat().st_size} bytes, over the 300-byte limit (split it into one file per article)",
    ])


def test_path_search_deeper_than_max_hops_is_a_clear_error(seeded: EmbeddedStore) -> None:
    with pytest.raises(ValueError, match=rf"^max_hops must be between 1 and {MAX_HOPS}, got 99$"):
        seeded.paths("sdf", "isis", 99)


@pytest.mark.neo4j
def test_the_paths_query_refuses_99_hops_in_one_line(neo4j_env: dict[str, str]) -> None:
    import subprocess
    import sys

    from tests.conftest import ROOT

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "actorgraph.cli.main", *args], cwd=ROOT, env=neo4j_env, text=True,
                              capture_output=True, timeout=300)

    assert run("ingest", str(SEED_ARTICLE), "--neo4j").returncode == 0
    result = run("query", "paths", "-p", "a=sdf", "-p", "b=isis", "-p", "k=99")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"error: --param k: must be between 1 and {MAX_HOPS}, got 99"]
