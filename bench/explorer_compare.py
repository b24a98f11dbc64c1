"""Before/after figures of `bench/explorer.py`: two checkouts, runs alternated, medians and ratios.

A shared machine's load changes from minute to minute, so the two versions are measured in
turns (before, after, before, after, ...) on the same store, and each view's median is compared:

    git archive <base-commit> | tar -x -C /tmp/base
    python bench/explorer_compare.py --before /tmp/base --after . --home /tmp/explorer-bench/home --runs 3
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path


def one_run(checkout: Path, home: Path, out: Path) -> dict[str, float]:
    """One `bench/explorer.py` run of `checkout` (its own code: it runs from that folder)."""
    subprocess.run([sys.executable, "bench/explorer.py", "--home", str(home), "--out", str(out),
                    "--ranking-wait", "1"], cwd=checkout, check=True, stdout=subprocess.DEVNULL)
    return json.loads(out.read_text(encoding="utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--before", type=Path, required=True, help="checkout of the base version")
    parser.add_argument("--after", type=Path, required=True, help="checkout of the changed version")
    parser.add_argument("--home", type=Path, default=Path("/tmp/explorer-bench/home"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=None, help="also write every run and the medians as JSON")
    args = parser.parse_args()
    runs: dict[str, list[dict[str, float]]] = {"before": [], "after": []}
    with tempfile.TemporaryDirectory() as scratch:
        for number in range(args.runs):
            for label, checkout in (("before", args.before), ("after", args.after)):
                runs[label].append(one_run(checkout.resolve(), args.home, Path(scratch) / f"{label}{number}.json"))
                print(f"run {number + 1} {label}: {runs[label][-1]}", flush=True)
    views = [v for v in runs["before"][0] if all(v in r for r in runs["before"] + runs["after"])]
    medians = {label: {v: statistics.median(r[v] for r in found) for v in views} for label, found in runs.items()}
    print(f"\n{'view':<34} {'before':>8} {'after':>8} {'ratio':>7}")
    for view in views:
        before, after = medians["before"][view], medians["after"][view]
        ratio = before / after if after and after != float("inf") and before != float("inf") else float("nan")
        print(f"{view:<34} {before:8.2f} {after:8.2f} {ratio:6.1f}x")
    if args.out:
        args.out.write_text(json.dumps({"runs": runs, "medians": medians}, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
