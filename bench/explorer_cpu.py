"""CPU seconds the explorer's page script spends on a cold page, two checkouts alternated.

The browser figures of `bench/explorer.py` move with the load of a shared host; the CPU time of
the thread that runs the page does not. Each measurement is a fresh process (a cold server:
nothing cached in memory) running the page once through Streamlit's AppTest, with
`time.thread_time` around importing the page and around `main()`. Each checkout gets its own
copy of the store, and a first run (not counted) writes its sidecar:

    python bench/explorer_cpu.py --before /tmp/base --after . --home /tmp/explorer-bench/home --runs 3

`--actor ID` also measures that actor's ego network page (opened once in the priming run).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.explorer_compare import own_home  # noqa: E402

#: The page, as Streamlit runs it, with the script thread's CPU time written to CPU_OUT.
TIMED_PAGE = """import os, sys, time
sys.path.insert(0, os.environ["CHECKOUT"])
started = time.thread_time()
from actorgraph.explorer.page import main
imported = time.thread_time()
main()
with open(os.environ["CPU_OUT"], "w") as out:
    out.write(f"{imported - started} {time.thread_time() - imported}")
"""

RUN_ONCE = """import sys
from streamlit.testing.v1 import AppTest
at = AppTest.from_file(sys.argv[1], default_timeout=300)
if len(sys.argv) > 2:
    at.query_params["actor"] = sys.argv[2]
at.run()
if at.exception:
    sys.exit(f"the page failed: {at.exception[0].value}")
"""


def one_page(checkout: Path, home: Path, scratch: Path, actor: str | None) -> tuple[float, float]:
    """(import, run) CPU seconds of the page script in a fresh process."""
    out = scratch / "cpu.txt"
    env = {**os.environ, "ACTORGRAPH_HOME": str(home), "CHECKOUT": str(checkout), "CPU_OUT": str(out)}
    command = [sys.executable, str(scratch / "run_once.py"), str(scratch / "timed_page.py")]
    command += [actor] if actor else []
    subprocess.run(command, cwd=checkout, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    imported, ran = map(float, out.read_text(encoding="utf-8").split())
    return imported, ran


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--before", type=Path, required=True)
    parser.add_argument("--after", type=Path, required=True)
    parser.add_argument("--home", type=Path, default=Path("/tmp/explorer-bench/home"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--actor", default=None, help="also time this actor's ego network page")
    args = parser.parse_args()
    versions = (("before", args.before.resolve()), ("after", args.after.resolve()))
    pages = [("first page", None)] + ([("ego network", args.actor)] if args.actor else [])
    found: dict[tuple[str, str], list[tuple[float, float]]] = {}
    with tempfile.TemporaryDirectory(dir=args.home.parent) as folder:
        scratch = Path(folder)
        (scratch / "timed_page.py").write_text(TIMED_PAGE, encoding="utf-8")
        (scratch / "run_once.py").write_text(RUN_ONCE, encoding="utf-8")
        homes = {label: own_home(args.home, scratch, label) for label, _ in versions}
        for label, checkout in versions:  # priming: writes the sidecar (and the ego entry)
            for _, actor in pages:
                one_page(checkout, homes[label], scratch, actor)
        for _ in range(args.runs):
            for label, checkout in versions:
                for page, actor in pages:
                    found.setdefault((page, label), []).append(one_page(checkout, homes[label], scratch, actor))
    print(f"{'page':<14} {'version':<7} {'import':>7} {'run':>7} {'total':>7}  (median CPU s of {args.runs})")
    for (page, label), values in found.items():
        imported = statistics.median(v[0] for v in values)
        ran = statistics.median(v[1] for v in values)
        total = statistics.median(v[0] + v[1] for v in values)
        print(f"{page:<14} {label:<7} {imported:7.2f} {ran:7.2f} {total:7.2f}")
    print(json.dumps({f"{p} {v}": r for (p, v), r in found.items()}))


if __name__ == "__main__":
    main()
