"""Before/after figures of `bench/explorer.py`: two checkouts, runs alternated, medians and ratios.

A shared machine's load changes from minute to minute, so the two versions are measured in
turns (before, after, before, after, ...) on the same store, and each view's median is compared:

    git archive <base-commit> | tar -x -C /tmp/base
    python bench/explorer_compare.py --before /tmp/base --after . --home /tmp/explorer-bench/home --runs 3 \
        --lock /work/tmp/bench.lock

Each version gets its own copy of the store (its derived sidecar, graph/derived.py, is its own:
two versions writing one sidecar would keep invalidating each other's entries), and one priming
run each, not counted, that writes the sidecar and waits for the ranking: the runs measured are
those of a server restarted on a store it has served before. `--lock` takes the shared bench
lock around each run (not around the whole comparison).
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path


def one_run(checkout: Path, home: Path, out: Path, lock: Path | None = None,
            ranking_wait: float = 1) -> dict[str, float]:
    """One `bench/explorer.py` run of `checkout` (its own code: it runs from that folder)."""
    command = [sys.executable, "bench/explorer.py", "--home", str(home), "--out", str(out),
               "--ranking-wait", str(ranking_wait)]
    if lock is not None:
        command = ["flock", str(lock), *command]
    subprocess.run(command, cwd=checkout, check=True, stdout=subprocess.DEVNULL)
    return json.loads(out.read_text(encoding="utf-8"))


def own_home(home: Path, scratch: Path, label: str) -> Path:
    """A copy of the store for one version (no sidecar: the priming run writes it)."""
    copy = scratch / f"home-{label}"
    copy.mkdir()
    for found in home.iterdir():
        if found.is_file() and not found.name.endswith((".derived", ".lock", ".log")):
            shutil.copy2(found, copy / found.name)
    return copy


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--before", type=Path, required=True, help="checkout of the base version")
    parser.add_argument("--after", type=Path, required=True, help="checkout of the changed version")
    parser.add_argument("--home", type=Path, default=Path("/tmp/explorer-bench/home"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=None, help="also write every run and the medians as JSON")
    parser.add_argument("--lock", type=Path, default=None, help="take this lock file (flock) around each run")
    parser.add_argument("--no-prime", action="store_true", help="skip the priming runs")
    args = parser.parse_args()
    runs: dict[str, list[dict[str, float]]] = {"before": [], "after": []}
    versions = (("before", args.before), ("after", args.after))
    with tempfile.TemporaryDirectory(dir=args.home.parent) as folder:
        scratch = Path(folder)
        homes = {label: own_home(args.home, scratch, label) for label, _ in versions}
        for label, checkout in versions if not args.no_prime else ():
            primed = one_run(checkout.resolve(), homes[label], scratch / f"{label}-prime.json", args.lock, 600)
            print(f"priming run {label} (not counted): {primed}", flush=True)
        for number in range(args.runs):
            for label, checkout in versions:
                runs[label].append(one_run(checkout.resolve(), homes[label], scratch / f"{label}{number}.json",
                                           args.lock))
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
