"""(a) bare `UNWIND ... CREATE` of the claim rows vs (b) the full loader, in ONE process, alternated.

The ratio (b)/(a) is the loader's goal (>= 0.5, issue 18): both are timed on the same server, the
same synthetic claims (`bench.neo4j_load.synthetic`: Zipf hubs, 5 % denials), one after the other
`--runs` times, medians, so machine load moves both alike. Prints one JSON object with the load
average before and after.

    python bench/neo4j_loader_ratio.py --claims 10000 --actors 1000 --runs 3
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from actorgraph.graph.config import Neo4jSettings, cache_home  # noqa: E402
from actorgraph.graph.neo4j import server as neo4j_server  # noqa: E402
from actorgraph.graph.neo4j.connect import open_neo4j_store  # noqa: E402
from bench.neo4j_load import _free_port, loader_figures, synthetic  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--actors", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--home", type=Path, default=None, help="server home (default: a temporary folder)")
    args = parser.parse_args()
    home = args.home or Path(tempfile.mkdtemp(prefix="actorgraph-loader-ratio-"))
    load_before = os.getloadavg()
    info = neo4j_server.start(home, bolt_port=_free_port(), http_port=_free_port(), cache_dir=cache_home(),
                              heap="1g", pagecache="512m", browser=False)
    try:
        store = open_neo4j_store(Neo4jSettings(info.uri, info.user, info.password or ""))
        try:
            actors, documents = synthetic(args.claims, args.actors)
            figures = loader_figures(store, actors, documents, args.runs)
        finally:
            store.close()
    finally:
        neo4j_server.stop(home)
    print(json.dumps({**figures, "actors": args.actors, "runs": args.runs,
                      "load_average_before": load_before, "load_average_after": os.getloadavg()}, indent=1))


if __name__ == "__main__":
    main()
