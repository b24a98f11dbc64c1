"""Benchmark the RDF export: our streaming N-Triples / Turtle writers against rdflib's serializer.

    python3 bench/rdf_export.py [--claims 200000] [--rdflib-claims 20000] [--runs 3]

A synthetic store (deterministic seed) of `--claims` claims is built directly as model objects and
exported end to end (store -> triples -> UTF-8 file) with our N-Triples and Turtle writers. The
baseline is rdflib's `Graph.serialize(format="nt")` on the same triples: the first
`--rdflib-claims` claims' export, loaded into an rdflib Graph outside the timed section (rdflib
needs ~1 KB per triple, so the full set would take many GB); our writer is timed on that same
triple list too, so the ratio compares like with like. Each figure is the median of `--runs`.

Peak memory is the peak RSS (VmHWM) of a fresh subprocess per mode, minus the RSS of one that only builds
the store: streaming stays flat while rdflib grows with the graph. Goal: >= 500,000 triples/s.
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from actorgraph.graph.exporters.registry import export  # noqa: E402
from actorgraph.graph.model import Actor, Article, Claim, Mention, Span  # noqa: E402
from actorgraph.graph.rdf.export import RdfExporter  # noqa: E402
from actorgraph.graph.rdf.ntriples import write_ntriples, write_turtle  # noqa: E402
from actorgraph.graph.rdf.terms import to_rdflib  # noqa: E402
from actorgraph.graph.store import ClaimFilter  # noqa: E402
from actorgraph.graph.vocabulary import default_vocabulary  # noqa: E402

CLAIMS_PER_ARTICLE = 40
WORDS = ["العراق", "داعش", "قسد", "التحالف", "الدولي", "هجوم", "سجن", "الحسكة", "مصادر", "محلية", "أن", "على",
         "في", "من", "\"الدواعش\"", "قال", "نفى"]


class SyntheticStore:
    """Just the read side of the Store protocol the export uses, over generated model objects."""

    backend = "synthetic"

    def __init__(self, claims: int, seed: int = 7) -> None:
        rng = random.Random(seed)
        vocabulary = default_vocabulary()
        types = list(vocabulary.actor_types)
        predicates = list(vocabulary.terms)
        n_actors = max(50, claims // 20)
        self._actors = [Actor(id=f"actor-{i}", type=types[i % len(types)],
                              labels={"ar": f"فاعل {i}", "en": f"Actor {i}"},
                              aliases=(f"الفاعل {i}", f"A{i}"), wikidata=f"Q{1000 + i}" if i % 3 == 0 else None)
                        for i in range(n_actors)]
        self._articles: list[Article] = []
        self._claims: list[Claim] = []
        self._mentions: list[Mention] = []
        for a in range((claims + CLAIMS_PER_ARTICLE - 1) // CLAIMS_PER_ARTICLE):
            text = " ".join(rng.choice(WORDS) for _ in range(400)) + "\n"
            article = Article(id=f"article-{a}", title=f"عنوان {a}", text=text, publisher="actor-0",
                              published="2022-01-21", url=f"https://news.example/{a}")
            self._articles.append(article)
            count = min(CLAIMS_PER_ARTICLE, claims - len(self._claims))
            for c in range(count):
                start = rng.randrange(0, len(text) - 120)
                end = start + rng.randrange(20, 120)
                subject, obj = rng.sample(range(n_actors), 2)
                polarity = "denied" if c % 20 == 19 else "asserted"
                self._claims.append(Claim(
                    id=f"{article.id}#c{c}", article_id=article.id, subject=f"actor-{subject}",
                    predicate=predicates[c % len(predicates)], object=f"actor-{obj}",
                    evidence=Span(start, end, text[start:end]), claimant=f"actor-{obj}" if c % 3 == 0 else None,
                    reported_via=(f"actor-{subject}",) if c % 10 == 0 else (), polarity=polarity,
                    certainty="probable" if c % 4 == 0 else "certain",
                    date="2022-01-20/2022-01-21" if c % 2 else "2022-01-20",
                    denies=f"{article.id}#c{c - 1}" if polarity == "denied" else None))
                if c % 4 == 0:
                    self._mentions.append(Mention(f"{article.id}#m{c}", article.id, f"actor-{subject}",
                                                  Span(start, start + 5, text[start:start + 5])))

    def actors(self) -> list[Actor]:
        return self._actors

    def articles(self) -> list[Article]:
        return self._articles

    def claims(self, flt: ClaimFilter | None = None) -> list[Claim]:
        flt = flt or ClaimFilter()
        return [c for c in self._claims if not flt.polarities or c.polarity in flt.polarities]

    def mentions(self) -> list[Mention]:
        return self._mentions


def _median_seconds(run: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _to_devnull(write: Callable) -> Callable[[], object]:
    def run() -> object:
        with open(os.devnull, "w", encoding="utf-8") as out:
            return write(out)
    return run


def _maxrss_mb() -> float:
    """This process's peak RSS. VmHWM, not getrusage: ru_maxrss survives exec, so a child would
    report its parent's peak."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def memory_mode(mode: str, claims: int) -> None:
    """Child process: build the store, do `mode`, print the peak RSS in MB."""
    store = SyntheticStore(claims)
    if mode == "stream-nt":
        _to_devnull(lambda out: export(store, out, "nt"))()
    elif mode == "stream-ttl":
        _to_devnull(lambda out: export(store, out, "ttl"))()
    elif mode == "rdflib-nt":
        from rdflib import Graph

        graph = Graph()
        for s, p, o in RdfExporter().triples(store):
            graph.add((to_rdflib(s), to_rdflib(p), to_rdflib(o)))
        _to_devnull(lambda out: out.write(graph.serialize(format="nt")))()
    print(f"{_maxrss_mb():.1f}")


def _child_rss(mode: str, claims: int) -> float:
    result = subprocess.run([sys.executable, __file__, "--memory-mode", mode, "--claims", str(claims)],
                            capture_output=True, text=True, check=True)
    return float(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, default=200_000)
    parser.add_argument("--rdflib-claims", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--memory-mode", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_mode:
        memory_mode(args.memory_mode, args.claims)
        return

    t0 = time.perf_counter()
    store = SyntheticStore(args.claims)
    triples = sum(1 for _ in RdfExporter().triples(store))
    print(f"synthetic store: {args.claims} claims, {len(store.actors())} actors, {len(store.articles())} articles, "
          f"{triples} triples (built in {time.perf_counter() - t0:.1f}s)")

    rows: list[tuple[str, int, float]] = []
    nt = _median_seconds(_to_devnull(lambda out: export(store, out, "nt")), args.runs)
    rows.append(("ours nt, store -> file", triples, nt))
    ttl = _median_seconds(_to_devnull(lambda out: export(store, out, "ttl")), args.runs)
    rows.append(("ours ttl, store -> file", triples, ttl))

    small = SyntheticStore(args.rdflib_claims)
    exporter = RdfExporter()
    same = list(exporter.triples(small))
    ours_nt = _median_seconds(_to_devnull(lambda out: write_ntriples(same, out)), args.runs)
    rows.append(("ours nt writer, same triples as rdflib", len(same), ours_nt))
    ours_ttl = _median_seconds(_to_devnull(lambda out: write_turtle(same, out, exporter.known_terms())), args.runs)
    rows.append(("ours ttl writer, same triples as rdflib", len(same), ours_ttl))

    from rdflib import Graph

    t0 = time.perf_counter()
    graph = Graph()
    for s, p, o in same:
        graph.add((to_rdflib(s), to_rdflib(p), to_rdflib(o)))
    build = time.perf_counter() - t0
    rdflib_nt = _median_seconds(_to_devnull(lambda out: out.write(graph.serialize(format="nt"))), args.runs)
    rows.append(("rdflib Graph.serialize(nt)", len(graph), rdflib_nt))
    print(f"(rdflib Graph of {len(graph)} triples built in {build:.1f}s, outside the timed section)")

    rate = {name: n / seconds for name, n, seconds in rows}
    baseline = rate["rdflib Graph.serialize(nt)"]
    print(f"\n{'what':44} {'triples':>10} {'median s':>9} {'triples/s':>12} {'x rdflib':>9}")
    for name, n, seconds in rows:
        print(f"{name:44} {n:>10} {seconds:>9.3f} {rate[name]:>12,.0f} {rate[name] / baseline:>9.1f}")
    goal = 500_000
    for name in ("ours nt, store -> file", "ours ttl, store -> file"):
        print(f"goal >= {goal:,} triples/s, {name}: {'met' if rate[name] >= goal else 'MISSED'}")

    print(f"\npeak RSS of a fresh process (MB), {args.rdflib_claims} claims unless noted:")
    base_small = _child_rss("store-only", args.rdflib_claims)
    for mode in ("stream-nt", "stream-ttl", "rdflib-nt"):
        rss = _child_rss(mode, args.rdflib_claims)
        print(f"  {mode:12} {rss:8.1f}  (+{rss - base_small:.1f} over building the store)")
    base_big = _child_rss("store-only", args.claims)
    big = _child_rss("stream-nt", args.claims)
    print(f"  stream-nt at {args.claims} claims: {big:.1f} (+{big - base_big:.1f} over building the store)")


if __name__ == "__main__":
    main()
