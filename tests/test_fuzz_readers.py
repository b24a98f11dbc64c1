"""Fuzzing every registered reader and the reference-data loaders with hypothesis.

The only outcomes allowed for a damaged file are a correct parse (every span's text matches the
document it came from) or the project's own clear error: never a traceback, a hang, or silently
wrong data. The `ci` profile runs a few hundred cases per reader; `make fuzz` runs the `fuzz`
profile (HYPOTHESIS_PROFILE=fuzz, 10,000 cases per reader).
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from actorgraph.graph.errors import ActorGraphError, InputError
from actorgraph.graph.gazetteer import parse_gazetteer
from actorgraph.graph.model import Document
from actorgraph.graph.vocabulary import load_yaml, parse_vocabulary
from actorgraph.ingest.registry import InputErrors, ReadContext, readers
from tests.conftest import FIXTURES, ROOT, SEED_DIR
from tests.fuzzing import apply_plan, mutation_plans

settings.register_profile("ci", max_examples=150, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.register_profile("fuzz", max_examples=10_000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def samples() -> list[tuple[str, Path]]:
    """(reader name, valid sample file): the seed for native, fixtures for the tool formats."""
    found = [("native", path) for path in sorted(SEED_DIR.glob("*.json"))]
    for name, reader in sorted(readers().items()):
        if name == "native":
            continue
        folders = [FIXTURES / n for n in dict.fromkeys((name, name.replace("-", "_")))]
        folder = next((f for f in folders if f.is_dir()), None)
        assert folder is not None, f"reader {name!r} has no fixture folder under {FIXTURES}: it would go unfuzzed"
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix.lower() in reader.suffixes \
                    and reader.detect(path, path.read_bytes()[:4096]):
                found.append((name, path))
                break
    return found


def check_outcome(items: list[Document | InputErrors]) -> None:
    for item in items:
        if isinstance(item, InputErrors):
            assert item.errors and all(isinstance(e, InputError) and str(e) for e in item.errors)
            assert all("\n" not in e.problem for e in item.errors)
            continue
        assert isinstance(item, Document)
        text = item.article.text
        for claim in item.claims:
            for span in (claim.evidence, *claim.spans):
                assert text[span.start:span.end] == span.text, "a span points at the wrong characters"
        for mention in item.mentions:
            assert text[mention.span.start:mention.span.end] == mention.span.text


@pytest.mark.parametrize("reader_name,sample", samples(), ids=lambda v: str(v.name if isinstance(v, Path) else v))
def test_reader_survives_damaged_files(reader_name: str, sample: Path) -> None:
    reader = readers()[reader_name]
    original = sample.read_bytes()
    workdir = Path(tempfile.mkdtemp(prefix="fuzz-"))
    try:
        for sibling in sample.parent.iterdir():  # brat needs its .txt beside the .ann
            if sibling.is_file():
                shutil.copy2(sibling, workdir / sibling.name)
        target = workdir / sample.name

        @given(plan=mutation_plans())
        def damaged(plan: list[tuple[int, int, int]]) -> None:
            target.write_bytes(apply_plan(original, plan))
            try:
                items = list(reader.read(target, ReadContext()))
            except ActorGraphError as exc:  # a reader may also raise its own clear error
                assert str(exc)
                return
            check_outcome(items)

        damaged()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.mark.parametrize("name", ["vocabulary.yaml", "actors.yaml"])
def test_reference_loaders_survive_damaged_files(name: str) -> None:
    original = (ROOT / "data" / name).read_bytes()
    workdir = Path(tempfile.mkdtemp(prefix="fuzz-ref-"))
    target = workdir / name

    @settings(max_examples=min(settings().max_examples, 2000))
    @given(plan=mutation_plans())
    def damaged(plan: list[tuple[int, int, int]]) -> None:
        target.write_bytes(apply_plan(original, plan))
        try:
            data = load_yaml(target)
            if name == "vocabulary.yaml":
                parse_vocabulary(data, str(target))
            else:
                parse_gazetteer(data, str(target))
        except InputError as exc:
            assert str(exc).startswith(str(target))

    try:
        damaged()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


#: Damage the `fuzz` profile found crashing a reader, replayed on every run (reader, fixture, plan).
FOUND_BY_FUZZING = [
    # a shifted offset put a token's begin past its end: inception.py indexed past the text (IndexError)
    ("inception", FIXTURES / "inception" / "arabic-claims.tsv", [(8, 2878, 173)]),
]


@pytest.mark.parametrize("reader_name,sample,plan", FOUND_BY_FUZZING, ids=lambda v: v if isinstance(v, str) else None)
def test_damage_found_by_fuzzing_gives_a_clear_error(reader_name: str, sample: Path, plan: list,
                                                     tmp_path: Path) -> None:
    target = tmp_path / sample.name
    target.write_bytes(apply_plan(sample.read_bytes(), plan))
    items = list(readers()[reader_name].read(target, ReadContext()))
    check_outcome(items)
    assert [str(e) for item in items if isinstance(item, InputErrors) for e in item.errors]
