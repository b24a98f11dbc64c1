"""Round trips: the native seed article exported to each tool format and read back gives the same claims.

What each format carries beyond (subject, predicate, object, polarity) is asserted too, so a
format silently losing a field it claims to carry fails here.
"""
from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FIXTURES, SEED_ARTICLE
from tool_helpers import read

from actorgraph.cli.main import main
from actorgraph.graph.embedded import EmbeddedStore
from actorgraph.graph.store import ClaimFilter
from actorgraph.ingest.exporters import CARRIES, export
from actorgraph.ingest.pipeline import ingest_paths
from actorgraph.ingest.registry import ReadContext

SEED = SEED_ARTICLE
FORMATS = ["brat", "label-studio", "doccano", "inception"]


def _claims(claims, fields: tuple[str, ...]) -> Counter:
    return Counter(tuple(getattr(c, f) for f in fields) for c in claims)


@pytest.mark.parametrize("fmt", FORMATS)
def test_seed_article_round_trips_through_each_tool_format(fmt: str, tmp_path: Path) -> None:
    native, errors, _ = read("native", SEED)
    assert errors == []
    export(native, fmt, tmp_path / fmt)
    store = EmbeddedStore(tmp_path / "graph.msgpack")
    report = ingest_paths([tmp_path / fmt], store, context=ReadContext())
    assert report.errors == [] and report.warnings == [] and report.articles == 1
    back = store.claims(ClaimFilter(polarities=()))
    expected = native[0].claims
    core = ("subject", "predicate", "object", "polarity")
    assert len(back) == len(expected) == 41
    assert _claims(back, core) == _claims(expected, core)
    carried = core + tuple(f for f in ("certainty", "claimant") if f in CARRIES[fmt])
    assert _claims(back, carried) == _claims(expected, carried)
    if "claimant" not in CARRIES[fmt]:
        assert {c.claimant for c in back} == {None}
    article = store.get_article("orient-2022-01-hasakah-prison")
    assert article is not None and article.format == fmt
    assert (article.title, article.published, article.publisher) == (
        native[0].article.title, native[0].article.published, native[0].article.publisher)
    if fmt == "inception":  # WebAnno TSV keeps sentences, not the whitespace between them
        assert len(article.text) == len(native[0].article.text)
        assert article.text.split() == native[0].article.text.split()
    else:
        assert article.text == native[0].article.text
    assert {(m.actor_id, m.span) for m in store.mentions()} == {(m.actor_id, m.span) for m in native[0].mentions}


def test_convert_command_writes_files_that_ingest(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["convert", str(SEED), "--to", "inception", "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "orient-2022-01-hasakah-prison.meta.json", "orient-2022-01-hasakah-prison.tsv"]
    result = runner.invoke(main, ["ingest", str(tmp_path / "out"), "--json"])
    assert result.exit_code == 0, result.output
    assert '"claims": 41' in result.output


def _batch(tmp_path: Path) -> Path:
    """A folder with one good and one bad file per tool format."""
    batch = tmp_path / "batch"
    for sub in ("brat", "ls", "doccano", "tsv"):
        (batch / sub).mkdir(parents=True)
    shutil.copy(FIXTURES / "brat" / "arabic-crlf.txt", batch / "brat" / "good.txt")
    shutil.copy(FIXTURES / "brat" / "arabic-crlf.ann", batch / "brat" / "good.ann")
    (batch / "brat" / "bad.txt").write_text("ISIS attacked the prison.", encoding="utf-8")
    (batch / "brat" / "bad.ann").write_text("T1\tMilitia 0 4\tISIS\nR1\tattacks Arg1:T1 Arg2:T7\n", encoding="utf-8")
    shutil.copy(FIXTURES / "label-studio" / "emoji-arabic.json", batch / "ls" / "good.json")
    text = (FIXTURES / "label-studio" / "emoji-arabic.json").read_text(encoding="utf-8")
    (batch / "ls" / "truncated.json").write_text(text[:900], encoding="utf-8")
    shutil.copy(FIXTURES / "label-studio" / "json-min.json", batch / "ls" / "min.json")
    shutil.copy(FIXTURES / "doccano" / "arabic.jsonl", batch / "doccano" / "good.jsonl")
    (batch / "doccano" / "bad.jsonl").write_text(
        '{"text": "ISIS attacked the prison.", "entities": [{"id": 1, "label": "Militia", "start_offset": 0,'
        ' "end_offset": 40}], "relations": []}\n', encoding="utf-8")
    shutil.copy(FIXTURES / "inception" / "arabic-claims.tsv", batch / "tsv" / "claims.tsv")
    tsv = (FIXTURES / "inception" / "arabic-claims.tsv").read_text(encoding="utf-8")
    (batch / "tsv" / "bad.tsv").write_text(tsv.replace("attacks|escapes-from", "bombs|escapes-from")
                                           .replace("Militia\t_\t_\t_\t_\t_\t\n2-7", "Jihadists\t_\t_\t_\t_\t_\t\n2-7"),
                                           encoding="utf-8")
    return batch


def test_a_bad_file_per_format_gives_one_clear_line_and_the_rest_loads(tmp_path: Path) -> None:
    batch = _batch(tmp_path)
    store = EmbeddedStore(tmp_path / "graph.msgpack")
    report = ingest_paths([batch], store)
    errors = sorted(str(e) for e in report.errors)
    assert errors == [
        f"{batch / 'brat' / 'bad.ann'}:line 2 (R1): relation 'R1' refers to a missing entity 'T7' as its object (every"
        " relation argument must be an entity of the same document)",
        f"{batch / 'doccano' / 'bad.jsonl'}:line 1: entities[0] (entity 1): span 0..40 is outside the text (length 25)"
        " (offsets are Unicode code points, end exclusive)",
        f"{batch / 'ls' / 'min.json'}:$[0]: this is a Label Studio JSON-MIN export, which carries no relations (export"
        " as JSON, not JSON-MIN)",
        f"{batch / 'ls' / 'truncated.json'}:line 40:34: invalid JSON: Expecting property name enclosed in double"
        " quotes (the file looks truncated: export it again)",
    ]
    # The unknown relation label and the unknown entity label of bad.tsv are warnings naming the line to add.
    assert [w for w in report.warnings if "'bombs'" in w or "'Jihadists'" in w] == [
        f"{batch / 'tsv' / 'bad.tsv'}: unmapped entity label 'Jihadists'"
        " (skipped; add `  Jihadists: <actor type>` under `entities:` in data/mapping.yaml"
        " (any of Person, State, GovernmentBody, MilitaryUnit, ArmedGroup, Coalition,"
        " Organization, MediaOutlet, Facility, Location, Collective; null if it is not an actor))",
        f"{batch / 'tsv' / 'bad.tsv'}: unmapped relation label 'bombs'"
        " (skipped; add `  bombs: <term>` under `relations:` in data/mapping.yaml (a term of data/vocabulary.yaml;"
        " null to ignore it))",
        f"{batch / 'tsv' / 'bad.tsv'}:line 13 (1-7): relation 'Claim-1-7-1' skipped: its subject 'NamedEntity-2-6.0' is"
        " labelled 'Jihadists', which is not an actor",
    ]
    assert report.articles == 7  # brat good, 2 Label Studio tasks, 2 doccano lines, good.tsv and bad.tsv's claims
