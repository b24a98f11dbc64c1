"""`neighbours`, `paths` and `edge-claims` from the command line, on a real embedded store."""
from __future__ import annotations

import json

from actorgraph.graph.config import embedded_store_path
from actorgraph.graph.embedded import EmbeddedStore
from actorgraph.graph.store import ClaimFilter
from tests.test_cli import run

ARTICLES = "data/articles"


def test_neighbours_paths_and_edge_claims_answer_from_the_aggregates() -> None:
    assert run("ingest", ARTICLES).returncode == 0
    store = EmbeddedStore(embedded_store_path())
    ego = json.loads(run("neighbours", "sdf", "--depth", "1", "--json").stdout)
    plain = store.neighbourhood("sdf", 1)
    assert ego["actors"] == [a.id for a in plain.actors]
    assert sum(e["claims"] for e in ego["edges"]) == len(plain.claims)
    counted: dict[tuple[str, str, str], int] = {}
    for c in plain.claims:
        counted[(c.subject, c.predicate, c.object)] = counted.get((c.subject, c.predicate, c.object), 0) + 1
    assert {(e["subject"], e["predicate"], e["object"]): e["claims"] for e in ego["edges"]} == counted

    found = json.loads(run("paths", "sdf", "iraq", "--hops", "2", "--json").stdout)
    assert [p["actors"] for p in found] == [list(p.actors) for p in store.paths("sdf", "iraq", 2, shortest=True)]

    busiest = max(ego["edges"], key=lambda e: (e["claims"], e["subject"], e["predicate"], e["object"]))
    triple = (busiest["subject"], busiest["predicate"], busiest["object"])
    pages = [json.loads(run("edge-claims", *triple, "--page", str(n), "--page-size", "1", "--json").stdout)
             for n in range(1, busiest["claims"] + 2)]
    assert [len(p) for p in pages] == [1] * busiest["claims"] + [0]
    whole = store.claims(ClaimFilter(), subject=triple[0], predicate=triple[1], object=triple[2])
    assert [p[0]["id"] for p in pages[:-1]] == [c.id for c in whole]


def test_an_unknown_actor_is_one_line_and_a_non_zero_exit() -> None:
    assert run("ingest", ARTICLES).returncode == 0
    result = run("neighbours", "no-such-actor-anywhere")
    assert result.returncode != 0 and "no actor matches 'no-such-actor-anywhere'" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
