"""The Neo4j write figures of `bench/run.py`: (a) bare CREATE vs (b) the loader, and the bulk path's crossover.

Kept apart from bench/run.py (which stays the table and the other sections) so the write model's
figures evolve on their own; each row carries the flat `--json` key it feeds.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from bench.run import Row, context_for, row


def loader_rows(store: Any, actors: list[Any], documents: list[Any], runs: int, size: str) -> list[Row]:
    """(a) the bare `UNWIND ... CREATE` of the claim rows and (b) the full loader, in the same run
    (alternated, see `bench.neo4j_load.loader_figures`), with their ratio (goal: >= 0.5)."""
    from bench.neo4j_load import loader_figures

    figures = loader_figures(store, actors, documents, runs)
    n = figures["relations"]
    ratio = figures["neo4j_loader_to_bare_ratio"]
    load, bare = figures["neo4j_loader_relations_per_s"], figures["neo4j_bare_create_relations_per_s"]
    cold = figures["neo4j_loader_cold_relations_per_s"]
    return [
        row("neo4j", "loader, first load on a cold server", size, n / cold, cold, "rel/s",
            key="neo4j_loader_cold_relations_per_s"),
        row("neo4j", "(a) bare UNWIND CREATE of the claim rows, batches of 2000", size, n / bare, bare, "rel/s",
            key="neo4j_bare_create_relations_per_s"),
        row("neo4j", "(b) loader: claims, mentions, direct edges, warm", size, n / load, load, "rel/s", "(a)", ratio,
            ">= 0.5x (a)", ratio >= 0.5, key="neo4j_loader_relations_per_s"),
        row("neo4j", "idempotent reload (unchanged corpus, skipped by digest)", size,
            n / figures["neo4j_reload_relations_per_s"], figures["neo4j_reload_relations_per_s"], "rel/s",
            key="neo4j_reload_relations_per_s"),
        row("neo4j", "loader / bare CREATE", size, None, ratio, "x", key="neo4j_loader_to_bare_ratio"),
    ] + [row("neo4j", f"claims of the busiest edge ({figures.get('neo4j_busiest_edge_claims', 0):.0f}), page 1, {how}",
             size, figures[key] / 1000, None, "ms", key=key)
         for how, key in (("via claim_ids + index", "neo4j_edge_claims_page1_by_ids_ms"),
                          ("walking the subject's claims", "neo4j_edge_claims_page1_by_claim_walk_ms"))
         if key in figures]


def bulk_rows(home: Path, source: Any, files: list[Path], corpus: Path, loader_rate: float,
              work_dir: Path) -> list[Row]:
    """The bulk path (CSV export + neo4j-admin import + restart and indexes) at two sizes, the
    whole subset and its first quarter: a line t = fixed + n / rate through both gives the
    crossover size above which it beats the loader (n / loader_rate)."""
    from actorgraph.graph.config import cache_home
    from actorgraph.graph.embedded import EmbeddedStore
    from actorgraph.graph.neo4j.bulk import bulk_import_local
    from actorgraph.graph.vocabulary import default_vocabulary
    from actorgraph.ingest.pipeline import ingest_paths

    quarter = EmbeddedStore(work_dir / "neo4j-quarter.pickle")
    ingest_paths(files[:max(1, len(files) // 4)], quarter, context=context_for(corpus))
    points = []
    for store in (quarter, source):
        report = bulk_import_local(home, store, default_vocabulary(), work_dir / "csv", cache_dir=cache_home(),
                                   heap="1g")
        points.append((report.claims, report.export_seconds + report.import_seconds + report.restart_seconds,
                       report))
    (n1, t1, _), (n2, t2, last) = points
    per_relation = (t2 - t1) / (n2 - n1) if n2 > n1 else t2 / n2
    fixed = max(0.0, t2 - per_relation * n2)
    margin = 1 / loader_rate - per_relation
    crossover = fixed / margin if margin > 0 else None
    size = f"{n2} rel"
    exported = last.export_seconds + last.import_seconds
    return [
        row("neo4j", "bulk: CSV export + neo4j-admin import", size, exported, n2 / exported, "rel/s", "loader",
            (n2 / exported) / loader_rate),
        row("neo4j", "bulk: of which neo4j-admin import", size, last.import_seconds, n2 / last.import_seconds, "rel/s"),
        row("neo4j", "bulk: incl. stop/restart + indexes", size, t2, n2 / t2, "rel/s", "loader",
            (n2 / t2) / loader_rate, key="neo4j_bulk_relations_per_s"),
        row("neo4j", f"bulk: fixed cost (line through {n1} and {n2} rel)", size, fixed, None, "s",
            key="neo4j_bulk_fixed_s"),
        row("neo4j", "bulk: crossover size (bulk faster above it)", size, None, crossover, "rel",
            key="bulk_crossover_relations"),
    ]
