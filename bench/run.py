"""All of ActorGraph's figures in one table: medians over runs, each beside a baseline from the same run.

    python3 bench/run.py                       # defaults: < 10 minutes on 2 cores
    python3 bench/run.py --articles 3000 --big-relations 200000 --neo4j-articles 2000 --runs 3

Sections (sizes are parameters):
* ingest of `--articles` generated articles (~20 claims each, cached under bench/out/) into the
  embedded store, against the floor of json.loads of the same files; and with --workers 2;
* Neo4j (a throw-away local server): the transactional loader (UNWIND batches), a naive
  one-MERGE-per-row baseline on a subset, an idempotent reload, and the offline bulk import;
  then queries on the bulk-imported graph;
* RDF export: streaming N-Triples against rdflib's serializer on the same triples;
* extraction (bench/extract.py) on data/articles: articles/s and actor/claim F1 per language,
  with the gazetteer and open world, development and held-out articles apart (`python3 bench/extract.py`);
* queries and peak memory of the embedded store at `--big-relations` relations, built in a
  fresh subprocess (VmHWM of that process); with `--neo4j-big` the same graph bulk-imported into
  a throw-away Neo4j and the same questions asked (470 s in all at 1M on 2 cores, docs/scale.md):

    python3 bench/run.py --skip ingest,neo4j,rdf,extract --neo4j-big --runs 1 --json

Results also go to bench/out/results.json. `--json` prints the keyed figures as one flat object,
units and sizes in the names (`neo4j_loader_relations_per_s`, `neo4j_bare_create_relations_per_s`,
`neo4j_loader_to_bare_ratio`, `neo4j_ego2_median_ms_1m`, `neo4j_bulk_relations_per_s_1m`,
`neo4j_bulk_to_loader_ratio_1m`, `python_peak_rss_mb_1m`, ...): only what the run measured.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

OUT = ROOT / "bench" / "out"
from bench.report import Row, flat_figures, machine, median_seconds, peak_rss_mb, print_table, row  # noqa: E402


def context_for(corpus: Path) -> Any:
    from actorgraph.graph.gazetteer import default_gazetteer, load_gazetteer
    from actorgraph.ingest.registry import ReadContext

    gazetteer = default_gazetteer()
    for actor in load_gazetteer(corpus / "actors.yaml").actors.values():
        gazetteer.add(actor)
    return ReadContext(gazetteer=gazetteer)


# --------------------------------------------------------------------------- ingest
def corpus_folder(articles: int) -> Path:
    """The cached corpus of `articles` articles (generated once; deterministic)."""
    from bench.make_corpus import write_corpus

    folder = OUT / f"corpus-{articles}"
    if not (folder / ".complete").is_file():
        shutil.rmtree(folder, ignore_errors=True)
        write_corpus(folder, articles, max(500, articles // 2))
        (folder / ".complete").write_text("ok\n")
    return folder


def bench_ingest(corpus: Path, runs: int, work_dir: Path) -> tuple[list[Row], Path]:
    from actorgraph.graph.embedded import EmbeddedStore
    from actorgraph.ingest.pipeline import ingest_paths

    files = sorted((corpus / "articles").glob("*.json"))
    relations = sum(len(json.loads(p.read_text(encoding="utf-8"))["claims"]) for p in files)
    floor = median_seconds(lambda: [json.loads(p.read_text(encoding="utf-8")) for p in files], runs)
    store_path = work_dir / "ingest.pickle"

    def fresh() -> None:
        store_path.unlink(missing_ok=True)

    def ingest(workers: int) -> Callable[[], None]:
        def work() -> None:
            report = ingest_paths([corpus / "articles"], EmbeddedStore(store_path), context=context_for(corpus),
                                  workers=workers)
            if not report.ok:
                raise SystemExit(f"ingest failed: {report.errors[:3]}")
        return work

    serial = median_seconds(ingest(1), runs, fresh)
    parallel = median_seconds(ingest(2), runs, fresh)
    size = f"{len(files)} art / {relations} rel"
    ratio = serial / floor
    return [
        row("ingest", "json.loads of every file (floor)", size, floor, relations / floor, "rel/s"),
        row("ingest", "embedded ingest, 1 worker", size, serial, relations / serial, "rel/s", "floor", ratio,
            "<= 3x floor, >= 20k rel/s", ratio <= 3 and relations / serial >= 20_000),
        row("ingest", "embedded ingest, --workers 2", size, parallel, relations / parallel, "rel/s", "1 worker",
            serial / parallel, "speed-up > 1", serial / parallel > 1),
    ], store_path


# --------------------------------------------------------------------------- neo4j
def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def bench_neo4j(corpus: Path, articles: int, runs: int, naive: int, work_dir: Path) -> list[Row]:
    """Loader vs bare CREATE vs naive vs bulk on the first `articles` of the corpus, then queries
    on the bulk-imported graph."""
    from actorgraph.graph.config import Neo4jSettings, cache_home
    from actorgraph.graph.embedded import EmbeddedStore
    from actorgraph.graph.model import Document
    from actorgraph.graph.neo4j import server as neo4j_server
    from actorgraph.graph.neo4j.connect import open_neo4j_store
    from actorgraph.graph.neo4j.rows import claim_row
    from actorgraph.ingest.pipeline import ingest_paths
    from bench.neo4j_load import batched_rows, documents_of, drop_claims, naive_rows
    from bench.neo4j_write_rows import bulk_rows, loader_rows

    source = EmbeddedStore(work_dir / "neo4j-source.pickle")
    files = sorted((corpus / "articles").glob("*.json"))[:articles]
    ingest_paths(files, source, context=context_for(corpus))
    claims = source.claims()
    n = len(claims)
    size = f"{n} rel"
    home = work_dir / "neo4j"
    info = neo4j_server.start(home, bolt_port=_free_port(), http_port=_free_port(), cache_dir=cache_home(),
                              heap="1g", pagecache="512m")
    rows: list[Row] = []
    try:
        settings = Neo4jSettings(info.uri, info.user, info.password or "")
        store = open_neo4j_store(settings)
        try:
            actors, documents = documents_of(source)
            rows += loader_rows(store, actors, documents, runs, size)
            store.upsert_actors(actors)
            store.write_documents([Document(d.article, ()) for d in documents])  # articles for the baselines
            subset = [claim_row(c) for c in claims[:naive]]
            naive_s = median_seconds(lambda: naive_rows(store, subset), runs, lambda: drop_claims(store))
            batched_s = median_seconds(lambda: batched_rows(store, subset, 2000), runs, lambda: drop_claims(store))
            store.clear()
        finally:
            store.close()
        rows += [
            row("neo4j", "naive: one MERGE per row and transaction", f"{len(subset)} rel", naive_s,
                len(subset) / naive_s, "rel/s"),
            row("neo4j", "loader claim CREATE, UNWIND batch of 2000", f"{len(subset)} rel", batched_s,
                len(subset) / batched_s, "rel/s", "naive", naive_s / batched_s, ">= 20x naive",
                naive_s / batched_s >= 20),
        ]
        loader_rate = next(r["rate"] for r in rows if r["key"] == "neo4j_loader_relations_per_s")
        rows += bulk_rows(home, source, files, corpus, loader_rate, work_dir)
        info = neo4j_server.status(home)
        store = open_neo4j_store(Neo4jSettings(info.uri, info.user, info.password or ""))
        try:
            rows += query_rows("neo4j", store, runs * 3, size)
        finally:
            store.close()
    finally:
        neo4j_server.stop(home)
    return rows


# --------------------------------------------------------------------------- queries
def pick_actors(store: Any) -> dict[str, str]:
    """Deterministic query actors: the hub (highest degree) and median-degree actors."""
    from collections import Counter

    degree: Counter[str] = Counter()
    for claim in store.claims():
        degree.update((claim.subject, claim.object))
    ranked = sorted(degree, key=lambda a: (-degree[a], a))
    middle = ranked[len(ranked) // 2]
    other = ranked[len(ranked) // 2 + 1]
    supported = Counter(c.object for c in store.claims(predicate="supports"))
    target = sorted(supported, key=lambda a: (-supported[a], a))[len(supported) // 2] if supported else middle
    return {"hub": ranked[0], "median": middle, "median2": other, "supported": target}


def size_tag(relations: int) -> str:
    """The size part of a flat key: `_1m` at a million relations, else `_<n>` (`neo4j_ego2_median_ms_1m`)."""
    return "_1m" if relations == 1_000_000 else f"_{relations}"


def query_rows(section: str, store: Any, runs: int, size: str, actors: dict[str, str] | None = None,
               old: bool = True) -> list[Row]:
    """ego 1/2 (median actor and hub), shortest path, claims of an edge, overview, links (+ Cypher catalog).

    `actors` (from `pick_actors`) lets both stores of the same graph answer for the same actors
    without reading a million claims out of Neo4j to pick them again. Keys end in the size
    (`size_tag`), so figures at two sizes in one run never overwrite each other.
    """
    actors = actors or pick_actors(store)
    tag = size_tag(int(size.split()[0]))
    out = aggregate_rows(section, store, runs, size, actors, tag, old)
    extra: list[tuple[str, str, Callable[[], Any]]] = [
        ("links", "links('supports', object=X)", lambda: store.links("supports", object=actors["supported"]))]
    if section == "neo4j":
        from actorgraph.graph.neo4j.console import run_catalog_query

        extra.append(("catalog_who_supports", "Cypher catalog who-supports X",
                      lambda: run_catalog_query(store, "who-supports", {"actor": actors["supported"], "limit": 100})))
    for key, what, work in extra:
        work()  # warm caches (and Neo4j's query plan cache) once
        seconds = median_seconds(work, runs)
        out.append(row(f"{section} query", what, size, seconds, None, "ms", "", None, "< 200 ms", seconds < 0.2,
                       key=f"{section}_{key}_ms{tag}"))
    return out


def aggregate_rows(section: str, store: Any, runs: int, size: str, actors: dict[str, str], tag: str,
                   old: bool = True) -> list[Row]:
    """Each question with the aggregate read (new), and with `old` also the claim read it replaced,
    back to back (bench/aggregates.py): medians and the ratio. The old landing overview reads every
    claim: timed once (it takes minutes out of Neo4j at 1M)."""
    from bench.aggregates import cases

    out = []
    for key, what, before_call, after_call in cases(store, actors):
        base = f"{section}_{key}"
        before = None
        if old:
            old_runs = 1 if key == "overview" else runs
            if old_runs > 1:
                before_call()  # warm-up
            before = median_seconds(before_call, old_runs)
            out.append(row(f"{section} query", f"{what} [old: claims]", size, before, None, "ms",
                           key=f"{base}_old_ms{tag}"))
        after_call()
        after = median_seconds(after_call, runs)
        out.append(row(f"{section} query", f"{what} [new: aggregates]", size, after, None, "ms",
                       "old" if before else "", before / after if before else None, "< 200 ms", after < 0.2,
                       key=f"{base}_ms{tag}") | ({"ratio_key": f"{base}_speedup_x{tag}"} if before else {}))
    return out


def big_child(relations: int, runs: int, neo4j: bool, old_neo4j: bool = False) -> None:
    """Subprocess body: build the big embedded store, time the queries, print JSON with VmHWM;
    then (with `neo4j`) bulk-import the same graph into a throw-away Neo4j and time the same queries."""
    from actorgraph.graph.embedded import EmbeddedStore
    from bench.big_graph import actor_objects, synthetic_actors, synthetic_documents

    started = time.perf_counter()
    actors = synthetic_actors(max(1000, relations // 40))
    store = EmbeddedStore(None)
    store.upsert_actors(actor_objects(actors))
    with store.deferred_writes():
        store.write_documents(synthetic_documents(relations, actors))
    build = time.perf_counter() - started
    picked = pick_actors(store)
    size = f"{relations} rel"
    rows = query_rows("embedded", store, runs, size, picked)
    peak = next(int(l.split()[1]) for l in Path("/proc/self/status").read_text().splitlines()
                if l.startswith("VmHWM")) / 1024
    if neo4j:
        with tempfile.TemporaryDirectory(prefix="actorgraph-bench-big-") as tmp:
            rows += neo4j_big_rows(store, picked, runs, size, Path(tmp), old_neo4j)
    print(json.dumps({"rows": rows, "peak_mb": peak, "peak_end_mb": peak_rss_mb(), "build_s": build,
                      "relations": len(store.claims())}))


def neo4j_big_rows(source: Any, actors: dict[str, str], runs: int, size: str, work_dir: Path,
                   old: bool = False) -> list[Row]:
    """The big graph into a throw-away local Neo4j with the bulk path (CSV + neo4j-admin import;
    the transactional loader would take hours), then the same queries as the embedded store
    (the claim reads they replaced only with `old`: at 1M those take seconds to minutes each)."""
    from actorgraph.graph.config import Neo4jSettings, cache_home
    from actorgraph.graph.neo4j import server as neo4j_server
    from actorgraph.graph.neo4j.bulk import export_store_csvs, run_import
    from actorgraph.graph.neo4j.connect import open_neo4j_store
    from actorgraph.graph.vocabulary import default_vocabulary

    home = work_dir / "neo4j"
    memory = {"heap": "2g", "pagecache": "1g"}
    ports = {"bolt_port": _free_port(), "http_port": _free_port()}
    started = time.perf_counter()
    neo4j_server.start(home, cache_dir=cache_home(), **ports, **memory)  # creates the home and its password
    neo4j_server.stop(home)
    first_start = time.perf_counter()
    files = export_store_csvs(source, work_dir / "csv", default_vocabulary())
    exported = time.perf_counter()
    rows: list[Row] = []
    try:
        run_import(home, files, cache_dir=cache_home())
        imported = time.perf_counter()
        info = neo4j_server.start(home, cache_dir=cache_home(), **ports, **memory)
        store = open_neo4j_store(Neo4jSettings(info.uri, info.user, info.password or ""))  # + indexes
        ready = time.perf_counter()
        try:
            rows += query_rows("neo4j", store, runs, size, actors, old)
        finally:
            store.close()
    finally:
        neo4j_server.stop(home)
    n = int(size.split()[0])
    tag = size_tag(n)
    rows += [
        row("neo4j", "big: CSV export (embedded -> files)", size, exported - first_start, n / (exported - first_start),
            "rel/s"),
        row("neo4j", "big: neo4j-admin import", f"{size}, {files.relationship_count} graph rels", imported - exported,
            n / (imported - exported), "rel/s"),
        row("neo4j", "big: bulk path (CSV export + import)", size, imported - first_start,
            n / (imported - first_start), "rel/s", key=f"neo4j_bulk_relations_per_s{tag}"),
        row("neo4j", "big: start + constraints/indexes", size, ready - imported, None, "s",
            key=f"neo4j_big_start_and_indexes_s{tag}"),
        row("neo4j", "big: whole setup (first start .. queryable)", size, ready - started, None, "s",
            key=f"neo4j_big_setup_s{tag}"),
    ]
    return rows


def bench_big(relations: int, runs: int, neo4j: bool = True, old_neo4j: bool = False) -> list[Row]:
    command = [sys.executable, __file__, "--big-child", str(relations), "--runs", str(runs)]
    command += (["--neo4j-big"] if neo4j else []) + (["--old-calls"] if old_neo4j else [])
    result = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=True, cwd=ROOT)
    data = json.loads(result.stdout.strip().splitlines()[-1])
    size = f"{data['relations']} rel"
    rows = data["rows"]
    tag = size_tag(data["relations"])
    rows.append(row("embedded", "build (write_documents, in memory)", size, data["build_s"],
                    data["relations"] / data["build_s"], "rel/s", key=f"embedded_build_relations_per_s{tag}"))
    rows.append(row("embedded", "peak memory (VmHWM, subprocess)", size, None, data["peak_mb"], "MB", "", None,
                    "< 2048 MB", data["peak_mb"] < 2048, key=f"embedded_peak_rss_mb{tag}"))
    rows.append(row("embedded", "peak memory incl. Neo4j CSV export (VmHWM)", size, None, data["peak_end_mb"], "MB",
                    "", None, "< 2048 MB", data["peak_end_mb"] < 2048, key=f"python_peak_rss_mb{tag}"))
    return rows


# --------------------------------------------------------------------------- rdf
def bench_rdf(claims: int, rdflib_claims: int, runs: int) -> list[Row]:
    from rdflib import Graph

    from actorgraph.graph.exporters.registry import export
    from actorgraph.graph.rdf.export import RdfExporter
    from actorgraph.graph.rdf.ntriples import write_ntriples
    from actorgraph.graph.rdf.terms import to_rdflib
    from bench.rdf_export import SyntheticStore, _to_devnull

    store = SyntheticStore(claims)
    triples = sum(1 for _ in RdfExporter().triples(store))
    stream = median_seconds(_to_devnull(lambda out: export(store, out, "nt")), runs)
    same = list(RdfExporter().triples(SyntheticStore(rdflib_claims)))
    ours = median_seconds(_to_devnull(lambda out: write_ntriples(same, out)), runs)
    graph = Graph()
    for s, p, o in same:
        graph.add((to_rdflib(s), to_rdflib(p), to_rdflib(o)))
    theirs = median_seconds(_to_devnull(lambda out: out.write(graph.serialize(format="nt"))), runs)
    return [
        row("rdf", "streaming N-Triples, store -> file", f"{triples} triples", stream, triples / stream, "triples/s",
            "", None, ">= 500k triples/s", triples / stream >= 500_000),
        row("rdf", "rdflib Graph.serialize(nt) (baseline)", f"{len(same)} triples", theirs, len(same) / theirs,
            "triples/s"),
        row("rdf", "our N-Triples writer, same triples", f"{len(same)} triples", ours, len(same) / ours,
            "triples/s", "rdflib", theirs / ours, "> 1x rdflib", theirs / ours > 1),
        *bench_ntriples_writers(same, runs),
    ]


def bench_ntriples_writers(same: list, runs: int) -> list[Row]:
    """Keep the hand-written N-Triples writer only while it beats pyoxigraph's serializer end to end
    (bench/ntriples.py, which also prints pyoxigraph's best case)."""
    from bench.ntriples import (
        hand_written,
        interleaved_medians,
        oxigraph_from_terms,
        oxigraph_serialize_only,
        to_oxigraph,
    )

    prebuilt = to_oxigraph(same)
    times = interleaved_medians({"ours": lambda: hand_written(same), "oxigraph": lambda: oxigraph_from_terms(same),
                                 "best": lambda: oxigraph_serialize_only(prebuilt)}, runs)
    size = f"{len(same)} triples"
    return [
        row("rdf", "pyoxigraph N-Triples from our terms", size, times["oxigraph"], len(same) / times["oxigraph"],
            "triples/s"),
        row("rdf", "pyoxigraph serialize only (prebuilt triples)", size, times["best"], len(same) / times["best"],
            "triples/s"),
        row("rdf", "our N-Triples writer vs pyoxigraph end to end", size, times["ours"], len(same) / times["ours"],
            "triples/s", "pyoxigraph", times["oxigraph"] / times["ours"], "> 1x pyoxigraph (else drop it)",
            times["oxigraph"] / times["ours"] > 1),
    ]


# --------------------------------------------------------------------------- output
def bench_extract(runs: int) -> list[Row]:
    """Extraction (bench/extract.py) on the shipped annotated articles: speed and F1 per language."""
    from actorgraph.graph.gazetteer import load_gazetteer
    from bench import extract as ex
    gold = [ROOT / "data" / "articles"]
    corpus = ex.gold_articles(gold)
    gazetteer = load_gazetteer()
    speed = ex.speed(corpus, gazetteer, runs)
    rows = [row("extract", "articles/s (~3,000 chars, one process)", f"{len(corpus)} texts", None,
                speed["articles_per_s"], "art/s", goal=">= 50/s", met=speed["articles_per_s"] >= 50)]
    goals = {"gazetteer": (0.85, 0.6), "open-world": (0.7, 0.45)}
    with tempfile.TemporaryDirectory() as tmp:
        for part, articles in ex.subsets(corpus, ex.heldout_ids(), heldout3=ex.heldout_ids(ex.HELDOUT_3_FILE),
                                           heldout4=ex.heldout_ids(ex.HELDOUT_4_FILE)).items():
            for mode, open_world in (("gazetteer", False), ("open-world", True)):
                pred = Path(tmp) / part / mode
                ex.extract_all(articles, gazetteer, pred, open_world, whole=corpus)
                report = ex.evaluate(gold, pred, [])
                for language, figures in sorted((report.get("languages") or {}).items()):
                    for level, goal in (("actors", goals[mode][0]), ("claims", goals[mode][1])):
                        f1 = (figures.get(level) or {}).get("f1")
                        rows.append(row("extract", f"{level} F1, {mode}, {part}", language, None, f1, "F1",
                                        goal=f">= {goal}", met=None if f1 is None else f1 >= goal))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000, help="ingest corpus size (~20 relations each)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--neo4j-articles", type=int, default=1000,
                        help="articles of the corpus loaded into Neo4j (the loader is slow: see docs/scale.md)")
    parser.add_argument("--naive", type=int, default=1_000, help="claims in the naive Neo4j baseline")
    parser.add_argument("--big-relations", type=int, default=1_000_000, help="embedded query/memory graph size")
    parser.add_argument("--neo4j-big", action="store_true",
                        help="also bulk-import the big graph into a throw-away Neo4j and time the same queries "
                             "(about 10 minutes more at 1M relations on 2 cores)")
    parser.add_argument("--old-calls", action="store_true",
                        help="with --neo4j-big, also time the claim reads the aggregate reads replaced in Neo4j "
                             "(seconds to minutes each at 1M relations)")
    parser.add_argument("--rdf-claims", type=int, default=100_000)
    parser.add_argument("--rdflib-claims", type=int, default=10_000)
    parser.add_argument("--skip", default="", help="comma-separated sections to skip: ingest,neo4j,rdf,big,extract")
    parser.add_argument("--big-child", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--json", action="store_true",
                        help="print the keyed figures as one flat JSON object (units in the key names) after the table")
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    if args.big_child:
        big_child(args.big_child, args.runs * 3, args.neo4j_big, args.old_calls)
        return
    info = machine()
    rows: list[Row] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="actorgraph-bench-") as tmp:
        work = Path(tmp)
        if "ingest" not in skip or "neo4j" not in skip:
            corpus = corpus_folder(args.articles)
            if "ingest" not in skip:
                rows += bench_ingest(corpus, args.runs, work)[0]
            if "neo4j" not in skip:
                rows += bench_neo4j(corpus, args.neo4j_articles, args.runs, args.naive, work)
        if "rdf" not in skip:
            rows += bench_rdf(args.rdf_claims, args.rdflib_claims, args.runs)
        if "big" not in skip:
            rows += bench_big(args.big_relations, args.runs, args.neo4j_big, args.old_calls)
        if "extract" not in skip:
            rows += bench_extract(args.runs)
    print_table(info, rows)
    print(f"\n(total {time.perf_counter() - started:.0f} s; medians of {args.runs} runs, queries of {args.runs * 3}; "
          f"Neo4j figures on the first {args.neo4j_articles} articles: --neo4j-articles to change)")
    figures = flat_figures(rows, {"python_peak_rss_mb": peak_rss_mb(), "cores": info["cores"]})
    tag = size_tag(args.big_relations)
    loader = figures.get("neo4j_loader_relations_per_s")
    if loader and figures.get(f"neo4j_bulk_relations_per_s{tag}"):
        figures[f"neo4j_bulk_to_loader_ratio{tag}"] = figures[f"neo4j_bulk_relations_per_s{tag}"] / loader
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "results.json").write_text(json.dumps({"machine": info, "args": vars(args), "rows": rows,
                                                  "figures": figures}, indent=2))
    if args.json:
        print(json.dumps(figures, sort_keys=True))


if __name__ == "__main__":
    main()
