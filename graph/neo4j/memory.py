"""Memory settings of the local Neo4j server, sized to the machine and the store at each start.

Why: Neo4j's defaults (a JVM-chosen heap, a page cache of half the free RAM minus the heap) are
made for a machine that runs nothing but Neo4j. ActorGraph's server shares the machine with the
Python loader and the explorer, and a fixed small heap (the old 512m) makes big loads spend their
time in garbage collection. So `neo4j start` gives Neo4j half of the machine's memory (RAM, or
the cgroup limit when lower) and splits it:

* heap: a quarter of that half, between 512 MiB and 8 GiB (Cypher, transactions, the query cache);
* page cache: enough to hold the store with 20% room to grow, at least a quarter of the half, at
  most what the heap leaves of the half, never under 128 MiB (it holds the store files, and
  Neo4j fills it lazily, so a generous size costs nothing until it is used);
* transaction memory (`dbms.memory.transaction.total.max`): half of the heap, so one runaway
  query fails with a clear MemoryLimitExceeded error instead of an OutOfMemoryError that takes
  the whole server down.

Each one can be set instead with ACTORGRAPH_NEO4J_HEAP, ACTORGRAPH_NEO4J_PAGECACHE and
ACTORGRAPH_NEO4J_TX_MEMORY (sizes such as 512m, 2g, 1536m); an argument given to `start`
(e.g. `--heap`) wins over both.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from actorgraph.graph.config import setting_error

KIB = 1024
MIB = 1024 * KIB
GIB = 1024 * MIB

HEAP_ENV = "ACTORGRAPH_NEO4J_HEAP"
PAGECACHE_ENV = "ACTORGRAPH_NEO4J_PAGECACHE"
TX_MEMORY_ENV = "ACTORGRAPH_NEO4J_TX_MEMORY"

MIN_HEAP = 512 * MIB
MAX_HEAP = 8 * GIB
MIN_PAGECACHE = 128 * MIB
#: Below this the server does not even start its system database.
SMALLEST_HEAP = 128 * MIB

_SIZE = re.compile(r"(\d+)\s*([kmg]?)(?:i?b)?", re.IGNORECASE)
_UNITS = {"": 1, "k": KIB, "m": MIB, "g": GIB}


@dataclass(frozen=True)
class MemorySettings:
    """Bytes for the JVM heap, the page cache and the total memory of all transactions."""

    heap: int
    pagecache: int
    transaction_total: int

    def as_text(self) -> dict[str, str]:
        """The three sizes as Neo4j and the JVM write them (whole MiB, e.g. ``3072m``)."""
        return {"heap": format_size(self.heap), "pagecache": format_size(self.pagecache),
                "transaction_total": format_size(self.transaction_total)}


def parse_size(text: str) -> int | None:
    """Bytes of a size such as ``512m``, ``2g``, ``2GiB``, ``1048576``; None if it is not one."""
    match = _SIZE.fullmatch(text.strip())
    if match is None:
        return None
    return int(match.group(1)) * _UNITS[match.group(2).lower()]


def format_size(size: int) -> str:
    """Whole MiB with the JVM's suffix (rounded up, so a size never shrinks to 0)."""
    return f"{-(-size // MIB)}m"


def machine_memory() -> int:
    """Bytes of RAM this process may use: physical RAM, or the cgroup v2 limit when lower."""
    total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    try:
        limit = Path("/sys/fs/cgroup/memory.max").read_text().strip()
    except OSError:
        return total
    return min(total, int(limit)) if limit.isdigit() else total


def store_size(home: Path) -> int:
    """Bytes of the store files under ``home/data`` (databases and transaction logs)."""
    total = 0
    for folder, _dirs, files in os.walk(home / "data"):
        for name in files:
            try:
                total += os.lstat(os.path.join(folder, name)).st_size
            except OSError:
                continue  # removed while we walked
    return total


def recommended(total_memory: int, store_bytes: int) -> MemorySettings:
    """The sizes for a machine with ``total_memory`` bytes and a store of ``store_bytes`` (see module doc)."""
    budget = total_memory // 2
    heap = min(max(budget // 4, MIN_HEAP), MAX_HEAP)
    wanted_cache = max(store_bytes * 6 // 5, budget // 4)
    pagecache = max(min(wanted_cache, budget - heap), MIN_PAGECACHE)
    return MemorySettings(heap, pagecache, heap // 2)


def _from_env(name: str, example: str, smallest: int) -> int | None:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return None
    size = parse_size(raw)
    if size is None:
        raise setting_error(name, raw, "not a memory size", example)
    if size < smallest:
        raise setting_error(name, raw, f"too small (at least {format_size(smallest)})", example)
    return size


def _from_argument(name: str, value: str | None, smallest: int) -> int | None:
    if value is None:
        return None
    size = parse_size(value)
    if size is None or size < smallest:
        raise setting_error(name, value, f"not a memory size of at least {format_size(smallest)}", "2g")
    return size


def memory_settings(home: Path, *, heap: str | None = None, pagecache: str | None = None,
                    transaction_total: str | None = None, total_memory: int | None = None) -> MemorySettings:
    """The sizes for the server of ``home``: arguments, else the environment, else :func:`recommended`.

    Raises ConfigError (one line naming the variable or option) for a malformed size, and when the
    transaction limit would not fit in the heap.
    """
    base = recommended(machine_memory() if total_memory is None else total_memory, store_size(home))
    heap_bytes = (_from_argument("heap", heap, SMALLEST_HEAP) or _from_env(HEAP_ENV, "2g", SMALLEST_HEAP)
                  or base.heap)
    cache_bytes = (_from_argument("pagecache", pagecache, MIB) or _from_env(PAGECACHE_ENV, "1g", MIB)
                   or base.pagecache)
    tx_given = (_from_argument("transaction memory", transaction_total, MIB)
                or _from_env(TX_MEMORY_ENV, "1g", MIB))
    tx_bytes = tx_given or heap_bytes // 2
    if tx_bytes >= heap_bytes:
        shown = format_size(tx_bytes)
        raise setting_error(TX_MEMORY_ENV, os.environ.get(TX_MEMORY_ENV) or transaction_total or shown,
                            f"must be below the heap ({format_size(heap_bytes)})", format_size(heap_bytes // 2))
    return MemorySettings(heap_bytes, cache_bytes, tx_bytes)
