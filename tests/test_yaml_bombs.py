"""YAML alias bombs ("billion laughs") in every YAML input: refused at once, in little memory.

Nine levels of anchors nine aliases wide stand for 9^9 strings in ~600 bytes; before the check,
ingesting such an article ran 66 s and reached 5.5 GB. The CLI case runs in a real subprocess that
reports its own peak memory (VmHWM, see MEASURED_RUN) and the time the command took after the imports.
"""
from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from actorgraph.graph.errors import InputError, ReferenceDataError
from actorgraph.graph.files import parse_yaml
from actorgraph.graph.gazetteer import load_gazetteer
from actorgraph.graph.gazetteer_file import GazetteerFile
from actorgraph.graph.names import load_name_rules
from actorgraph.graph.vocabulary import default_vocabulary, load_vocabulary
from actorgraph.ingest.mapping import load_mapping
from actorgraph.ingest.metadata import sidecar
from tests.fuzzing import alias_bomb_lines

ROOT = Path(__file__).resolve().parent.parent
HEADER = 'id: bomb\ntitle: "Nine levels"\nlanguage: en\npublisher: Fuzz\npublished: "2022-01-20"\n'
FOOTER = "mentions: []\nclaims: []\n"
# Peak memory is VmHWM, the high-water mark of this program's own address space: ru_maxrss
# survives execve on Linux, so a child spawned by a large pytest process would report the
# parent's size (200 MB after the fuzz tests) instead of its own. The clock starts after the
# imports (the CLI's and the readers'), which take 1-2 s on a loaded machine whatever the input.
MEASURED_RUN = """
import json, sys, time
from actorgraph.cli.main import main
from actorgraph.ingest.registry import readers
readers()  # the readers' modules load lazily on the first ingest: not part of refusing the file
started = time.monotonic()
try:
    main(sys.argv[1:], prog_name="actorgraph")
except SystemExit as done:
    code = done.code
seconds = time.monotonic() - started
with open("/proc/self/status", encoding="ascii") as status:
    peak_kb = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
print(json.dumps({"code": code, "seconds": seconds, "max_rss_mb": peak_kb / 1024}))
"""


def bomb_article(tmp_path: Path) -> Path:
    path = tmp_path / "bomb.yaml"
    path.write_text(HEADER + alias_bomb_lines(9, 9) + FOOTER, encoding="utf-8")
    return path


def test_the_nine_level_article_is_refused_in_under_a_second_and_100_mb(tmp_path: Path) -> None:
    article = bomb_article(tmp_path)
    assert len(article.read_bytes()) < 700
    done = subprocess.run([sys.executable, "-c", MEASURED_RUN, "ingest", "--json", str(article)], cwd=ROOT,
                          env={"ACTORGRAPH_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin"},
                          capture_output=True, text=True, timeout=60)
    measured = json.loads(done.stdout.strip().splitlines()[-1])
    assert measured["code"] == 1
    assert measured["seconds"] < 1.0, measured
    assert measured["max_rss_mb"] < 100, measured
    assert done.stderr.splitlines() == [
        f"error: {article}:7:8: YAML alias *a is not allowed (anchors and aliases can expand a small file into"
        " billions of values) (write the value out in full)"]


@pytest.mark.parametrize("load", [
    lambda p: load_gazetteer(p), lambda p: load_vocabulary(p), lambda p: load_name_rules(p),
    lambda p: load_mapping(default_vocabulary(), p), lambda p: GazetteerFile(p),
], ids=["gazetteer", "vocabulary", "name-rules", "mapping", "gazetteer-edit"])
def test_reference_files_refuse_aliases(load: Callable[[Path], object], tmp_path: Path) -> None:
    path = tmp_path / "reference.yaml"
    path.write_text("actors: {}\n" + alias_bomb_lines(9, 9), encoding="utf-8")
    with pytest.raises(ReferenceDataError) as caught:
        load(path)
    assert str(caught.value).startswith(f"{path}:3:8: YAML alias *a is not allowed")
    assert "\n" not in str(caught.value)


def test_a_metadata_sidecar_refuses_aliases(tmp_path: Path) -> None:
    export = tmp_path / "article.txt"
    export.write_text("text", encoding="utf-8")
    (tmp_path / "article.meta.yaml").write_text("title: t\n" + alias_bomb_lines(9, 9, key="publisher"),
                                                encoding="utf-8")
    with pytest.raises(InputError, match=r"article\.meta\.yaml:3:8: YAML alias \*a is not allowed"):
        sidecar(export)


def test_a_single_alias_is_refused_but_text_with_ampersands_and_stars_is_not() -> None:
    with pytest.raises(InputError, match=r"^f.yaml:2:4: YAML alias \*x is not allowed"):
        parse_yaml("a: &x 1\nb: *x\n", "f.yaml")
    assert parse_yaml("title: 'AT&T & Q&A *note* &amp;'\nlist: [a&b, '*c']\n", "f.yaml") == {
        "title": "AT&T & Q&A *note* &amp;", "list": ["a&b", "*c"]}
    assert parse_yaml("a: &x 1\n", "f.yaml") == {"a": 1}  # an anchor nobody refers to expands nothing


def test_a_syntax_error_near_an_anchor_keeps_its_position() -> None:
    with pytest.raises(InputError, match=r"^f.yaml:2:\d+: invalid YAML"):
        parse_yaml("a: &x [1\nb: *x ]]\n", "f.yaml")
