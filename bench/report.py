"""The figures' plumbing shared by bench/run.py: medians over runs, the machine, rows, the table.

Kept apart from run.py so that the benchmark sections read as what they measure.
"""
from __future__ import annotations

import os
import platform
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

Row = dict[str, Any]


# --------------------------------------------------------------------------- helpers
def median_seconds(work: Callable[[], Any], runs: int, before: Callable[[], Any] | None = None) -> float:
    times = []
    for _ in range(runs):
        if before is not None:
            before()
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def machine() -> dict[str, Any]:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        mem_kb = next(int(l.split()[1]) for l in Path("/proc/meminfo").read_text().splitlines()
                      if l.startswith("MemTotal"))
    except (OSError, StopIteration):
        mem_kb = 0
    return {"cores": os.cpu_count(), "ram_gb": round(mem_kb / 1024 / 1024, 1), "cpu": model,
            "python": platform.python_version()}


def row(section: str, what: str, size: str, seconds: float | None, rate: float | None, unit: str,
        baseline: str = "", ratio: float | None = None, goal: str = "", met: bool | None = None,
        key: str = "") -> Row:
    """One table row; `key` (a flat name with its unit, e.g. `neo4j_loader_relations_per_s`) puts
    its rate (or, for "ms" rows, its milliseconds) into the `--json` figures."""
    return {"section": section, "what": what, "size": size, "median_s": seconds, "rate": rate, "unit": unit,
            "baseline": baseline, "ratio": ratio, "goal": goal, "met": met, "key": key}


def flat_figures(rows: list[Row], extra: dict[str, Any]) -> dict[str, Any]:
    """The keyed rows as one flat JSON object (what `--json` prints, for scripts comparing runs)."""
    figures = dict(extra)
    for r in rows:
        if r.get("key"):
            if r["unit"] == "ms":
                figures[r["key"]] = round(r["median_s"] * 1000, 1)
            else:
                figures[r["key"]] = r["median_s"] if r["unit"] == "s" else r["rate"]
        if r.get("ratio_key") and r.get("ratio") is not None:
            figures[r["ratio_key"]] = round(r["ratio"], 2)
    return {key: value for key, value in figures.items() if value is not None}  # absent, never invented


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM), MB."""
    return next(int(line.split()[1]) for line in Path("/proc/self/status").read_text().splitlines()
                if line.startswith("VmHWM")) / 1024


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return ""
    if unit == "ms":
        return f"{value * 1000:.1f} ms"
    if unit == "MB":
        return f"{value:,.0f} MB"
    if unit == "F1":
        return f"F1 {value:.2f}"
    if unit == "x":
        return f"{value:.2f}x"
    if unit == "art/s":
        return f"{value:,.1f} art/s"
    return f"{value:,.0f} {unit}"


def print_table(info: dict[str, Any], rows: list[Row]) -> None:
    print(f"\nmachine: {info['cores']} cores, {info['ram_gb']} GB RAM, {info['cpu']}, Python {info['python']}")
    header = f"{'section':16} {'what':50} {'size':24} {'median':>10} {'rate':>22} {'vs':>8} {'ratio':>7}  goal"
    print(header)
    print("-" * len(header))
    for r in rows:
        median = "" if r["median_s"] is None else f"{r['median_s']:.3f} s"
        rate = fmt(r["median_s"], "ms") if r["unit"] == "ms" else fmt(r["rate"], r["unit"])
        ratio = "" if r["ratio"] is None else f"{r['ratio']:.1f}x"
        goal = "" if not r["goal"] else f"{r['goal']}: {'met' if r['met'] else 'MISSED'}"
        print(f"{r['section']:16} {r['what']:50} {r['size']:24} {median:>10} {rate:>22} {r['baseline']:>8} "
              f"{ratio:>7}  {goal}")


