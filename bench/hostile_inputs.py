"""Hostile inputs of the "small file, huge work" shape, each ingested by a real CLI process that
reports its peak memory (VmHWM) and the time the command took after the imports.

Checks every reader against the limits of ingest/limits.py and the YAML alias refusal; the
table goes to docs/robustness.md. Files are generated under a temporary folder and removed.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fuzzing import alias_bomb_lines  # noqa: E402
from tests.test_yaml_bombs import FOOTER, HEADER, MEASURED_RUN  # noqa: E402

MB = 1024 * 1024


def _article(text: str = "Iraq accuses ISIS.", start: str = "0") -> str:
    return ('{"id": "hostile", "title": "t", "language": "en", "publisher": "p", "published": "2022-01-20", '
            f'"text": {json.dumps(text)}, "mentions": [{{"id": "m1", "actor": "iraq", "start": {start}, "end": 4, '
            '"text": "Iraq"}], "claims": []}')


def yaml_alias_bomb(folder: Path) -> Path:
    path = folder / "bomb.yaml"
    path.write_text(HEADER + alias_bomb_lines(9, 9) + FOOTER, encoding="utf-8")
    return path


def json_huge_integer(folder: Path) -> Path:
    path = folder / "huge-int.json"
    path.write_text(_article(start="7" * 1_000_000), encoding="utf-8")
    return path


def json_huge_float(folder: Path) -> Path:
    path = folder / "huge-float.json"
    path.write_text(_article(start="1e999999"), encoding="utf-8")
    return path


def json_text_over_the_cap(folder: Path) -> Path:
    path = folder / "huge-text.json"
    path.write_text(_article(text="x" * (21 * MB)), encoding="utf-8")
    return path


def json_text_under_the_cap(folder: Path) -> Path:
    path = folder / "big-text.json"
    path.write_text(_article(text="Iraq " + "word " * (19 * MB // 5)), encoding="utf-8")
    return path


def brat_million_lines(folder: Path) -> Path:
    (folder / "many.txt").write_text("Iraq accuses ISIS.", encoding="utf-8")
    with (folder / "many.ann").open("w", encoding="utf-8") as handle:
        for index in range(1, 900_001):
            handle.write(f"T{index}\tGPE 0 4\tIraq\n")
    return folder / "many.ann"


def inception_million_lines(folder: Path) -> Path:
    path = folder / "many.tsv"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("#FORMAT=WebAnno TSV 3.3\n"
                     "#T_SP=de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity|value\n\n\n")
        handle.write("#Text=" + "a " * 600_000 + "\n")
        for index in range(600_000):
            handle.write(f"1-{index + 1}\t{2 * index}-{2 * index + 1}\ta\tGPE\n")
    return path


def doccano_huge_line(folder: Path) -> Path:
    path = folder / "huge.jsonl"
    path.write_text(json.dumps({"id": 1, "text": "x" * (21 * MB), "entities": [], "relations": []}) + "\n",
                    encoding="utf-8")
    return path


CASES: list[tuple[str, Callable[[Path], Path], list[str]]] = [
    ("YAML alias bomb, 9 levels (native article)", yaml_alias_bomb, []),
    ("JSON integer of 1,000,000 digits (offset)", json_huge_integer, []),
    ("JSON float 1e999999 (offset)", json_huge_float, []),
    ("JSON text of 21 MB (over the cap)", json_text_over_the_cap, []),
    ("JSON text of 19 MB (under the cap, no claims)", json_text_under_the_cap, []),
    ("brat .ann of 900,000 lines (under the cap)", brat_million_lines, ["--format", "brat"]),
    ("INCEpTION TSV of 600,000 tokens (10 MB)", inception_million_lines, ["--format", "inception"]),
    ("doccano JSONL line with a 21 MB text", doccano_huge_line, ["--format", "doccano"]),
]


def main() -> None:
    print("| input | file size | exit | seconds | peak memory | first error line |")
    print("|---|---|---|---|---|---|")
    for label, make, options in CASES:
        with tempfile.TemporaryDirectory() as scratch:
            folder = Path(scratch) / "in"
            folder.mkdir()
            path = make(folder)
            size = sum(p.stat().st_size for p in folder.iterdir())
            done = subprocess.run([sys.executable, "-c", MEASURED_RUN, "ingest", "--json", *options, str(path)],
                                  cwd=ROOT,
                                  env={"ACTORGRAPH_HOME": str(Path(scratch) / "home"), "PATH": "/usr/bin:/bin"},
                                  capture_output=True, text=True, timeout=600)
            measured = json.loads(done.stdout.strip().splitlines()[-1])
            errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
            first = errors[0].replace(str(folder) + "/", "") if errors else "(none)"
            print(f"| {label} | {size / MB:.1f} MB | {measured['code']} | {measured['seconds']:.2f} |"
                  f" {measured['max_rss_mb']:.0f} MB | {first[:160]} |", flush=True)


if __name__ == "__main__":
    main()
