"""Where the loader's time goes: seconds per Cypher statement over one warm load (second of two).

Every `tx.run` of the loader is timed up to its last record (the result is buffered at once, so
the time is the statement's server time plus transfer; commits are not counted). Synthetic claims
of `bench.neo4j_load.synthetic` (Zipf hubs, 5 % denials, no mentions), a throw-away server.

    python bench/neo4j_loader_statements.py --claims 10000 --actors 1000
"""
from __future__ import annotations

import argparse
import collections
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from neo4j import ManagedTransaction  # noqa: E402

from actorgraph.graph.config import Neo4jSettings, cache_home  # noqa: E402
from actorgraph.graph.neo4j import server as neo4j_server  # noqa: E402
from actorgraph.graph.neo4j.connect import open_neo4j_store  # noqa: E402
from bench.neo4j_load import _free_port, synthetic  # noqa: E402

spent: collections.Counter[str] = collections.Counter()
calls: collections.Counter[str] = collections.Counter()
_run = ManagedTransaction.run


def timed_run(self: ManagedTransaction, query: Any, parameters: Any = None, **kwargs: Any) -> Any:
    started = time.perf_counter()
    result = _run(self, query, parameters, **kwargs)
    result._buffer_all()  # every record now: the statement's whole cost lands here
    key = " ".join(str(query).split())[:72]
    spent[key] += time.perf_counter() - started
    calls[key] += 1
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--actors", type=int, default=1_000)
    args = parser.parse_args()
    setattr(ManagedTransaction, "run", timed_run)  # noqa: B010 (a bench-only probe)
    home = Path(tempfile.mkdtemp(prefix="actorgraph-loader-statements-"))
    info = neo4j_server.start(home, bolt_port=_free_port(), http_port=_free_port(), cache_dir=cache_home(),
                              heap="1g", pagecache="512m", browser=False)
    try:
        store = open_neo4j_store(Neo4jSettings(info.uri, info.user, info.password or ""))
        actors, documents = synthetic(args.claims, args.actors)
        total = 0.0
        for _ in range(2):  # the first load plans and compiles the statements
            store.clear()
            spent.clear()
            calls.clear()
            started = time.perf_counter()
            store.upsert_actors(actors)
            store.write_documents(documents)
            total = time.perf_counter() - started
        store.close()
    finally:
        neo4j_server.stop(home)
    print(f"warm load of {args.claims} claims: {total:.2f} s, load average {os.getloadavg()}")
    for key, seconds in spent.most_common(12):
        print(f"{seconds:7.2f} s {calls[key]:4d} calls  {key}")


if __name__ == "__main__":
    main()
