"""Measure lost writes between concurrent `actorgraph ingest` runs into one home.

Runs two ingests of disjoint folders, started together, N times, with the code of a given
checkout (`--code /work/main` for the code before the lock, default this checkout) and counts
the runs whose store misses articles of either folder. Figures go to docs/robustness.md.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.races import make_split_corpus, race_ingests  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--code", type=Path, default=ROOT, help="checkout whose actorgraph.cli.main runs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        gazetteer, folders = make_split_corpus(Path(scratch) / "corpus", args.articles)
        expected = {f"synthetic-{i:06d}" for i in range(args.articles)}
        lost_runs = failed_runs = 0
        started = time.monotonic()
        for run in range(args.runs):
            home = Path(scratch) / f"home{run}"
            order = folders if run % 2 == 0 else folders[::-1]
            result = race_ingests(home, gazetteer, order, cwd=args.code)
            missing = expected - result.articles
            lost_runs += bool(missing)
            failed_runs += any(result.codes)
            print(f"run {run + 1}: exit codes {result.codes}, {len(result.articles)}/{len(expected)} articles"
                  + (f", LOST {len(missing)}" if missing else ""), flush=True)
        print(f"{args.runs} runs with {args.code}: {lost_runs} lost articles, {failed_runs} had a non-zero exit,"
              f" {time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    main()
