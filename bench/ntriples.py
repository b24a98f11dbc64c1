"""Which N-Triples writer to keep: the hand-written one (`graph.rdf.ntriples.write_ntriples`) or
pyoxigraph's serializer (Rust, already a dependency), on the same triples in the same run.

    python3 bench/ntriples.py [--claims 50000] [--runs 5]

The triples are the export of a synthetic store (`bench.rdf_export.SyntheticStore`, fixed seed),
listed once outside the timed sections, so every writer gets exactly the same input. Timed, each
the median of `--runs` (the writers taking turns), writing UTF-8 to /dev/null:

- `hand-written`: the exporter's terms (N-Triples strings) joined into lines;
- `pyoxigraph, from our terms`: what the export would do with pyoxigraph: turn each term into a
  pyoxigraph term (every distinct term converted once, as a real writer would), then serialize;
- `pyoxigraph, serialize only`: pyoxigraph's serializer on `pyoxigraph.Triple`s built beforehand,
  the best case for it (as if the exporter produced pyoxigraph triples at no cost; building the
  `pyoxigraph.Triple` objects from Python is most of the `from our terms` time).

The verdict compares what a user waits for, the same triples from the exporter to the file: the
hand-written writer against pyoxigraph from our terms. The best case is printed too: it is what
pyoxigraph would reach if the exporter built pyoxigraph terms (it builds strings, which the
Turtle and N-Quads writers share). Both outputs are also parsed
back by pyoxigraph and compared, so a fast writer that writes something else cannot win.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pyoxigraph  # noqa: E402

from actorgraph.graph.rdf.export import RdfExporter  # noqa: E402
from actorgraph.graph.rdf.ntriples import write_ntriples  # noqa: E402
from actorgraph.graph.rdf.terms import Term, Triple  # noqa: E402
from actorgraph.graph.rdf.terms import _unescape as unescape  # noqa: E402
from bench.rdf_export import SyntheticStore  # noqa: E402

NT = pyoxigraph.RdfFormat.N_TRIPLES


def oxigraph_term(term: Term) -> pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal:
    """A pyoxigraph term from one of our N-Triples terms: the lexical form unescaped only when it
    holds a backslash, the language tag or datatype read from the tail."""
    if term.startswith("<"):
        return pyoxigraph.NamedNode(term[1:-1])
    if term.startswith("_:"):
        return pyoxigraph.BlankNode(term[2:])
    end = term.rindex('"')
    body = term[1:end]
    if "\\" in body:
        body = unescape(body)
    tail = term[end + 1:]
    if tail.startswith("@"):
        return pyoxigraph.Literal(body, language=tail[1:])
    if tail.startswith("^^"):
        return pyoxigraph.Literal(body, datatype=pyoxigraph.NamedNode(tail[3:-1]))
    return pyoxigraph.Literal(body)


def to_oxigraph(triples: Iterable[Triple]) -> list[pyoxigraph.Triple]:
    """Our triples as pyoxigraph triples, every distinct term converted once."""
    cache: dict[Term, object] = {}

    def term(value: Term):
        found = cache.get(value)
        if found is None:
            found = cache[value] = oxigraph_term(value)
        return found

    return [pyoxigraph.Triple(term(s), term(p), term(o)) for s, p, o in triples]  # type: ignore[arg-type]


def interleaved_medians(writers: Mapping[str, Callable[[], object]], runs: int) -> dict[str, float]:
    """Median seconds of each writer, the writers taking turns run after run: on a shared machine
    the load drifts, and timing one writer's runs after the other's would bill the drift to one."""
    times: dict[str, list[float]] = {name: [] for name in writers}
    for _ in range(runs):
        for name, write in writers.items():
            start = time.perf_counter()
            write()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(found) for name, found in times.items()}


def hand_written(triples: list[Triple]) -> None:
    with open(os.devnull, "w", encoding="utf-8") as out:
        write_ntriples(triples, out)


def oxigraph_from_terms(triples: list[Triple]) -> None:
    with open(os.devnull, "wb") as out:
        pyoxigraph.serialize(to_oxigraph(triples), out, NT)


def oxigraph_serialize_only(prebuilt: list[pyoxigraph.Triple]) -> None:
    with open(os.devnull, "wb") as out:
        pyoxigraph.serialize(prebuilt, out, NT)


def same_graph(triples: list[Triple], prebuilt: list[pyoxigraph.Triple]) -> bool:
    """Both writers' outputs parse to the same set of triples (blank node labels are kept by both)."""
    import io

    ours = io.StringIO()
    write_ntriples(triples, ours)
    theirs = pyoxigraph.serialize(prebuilt, None, NT)
    read = lambda data: {str(t) for t in pyoxigraph.parse(data, NT)}  # noqa: E731
    return read(ours.getvalue().encode("utf-8")) == read(theirs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    t0 = time.perf_counter()
    triples = list(RdfExporter().triples(SyntheticStore(args.claims)))
    prebuilt = to_oxigraph(triples)
    print(f"synthetic store: {args.claims} claims -> {len(triples)} triples "
          f"(built and converted in {time.perf_counter() - t0:.1f}s, outside the timed sections)")
    if not same_graph(triples, prebuilt):
        sys.exit("the two writers do not write the same triples: fix that before timing them")

    writers = {
        "hand-written write_ntriples": lambda: hand_written(triples),
        "pyoxigraph, from our terms": lambda: oxigraph_from_terms(triples),
        "pyoxigraph, serialize only": lambda: oxigraph_serialize_only(prebuilt),
    }
    rows = list(interleaved_medians(writers, args.runs).items())
    print(f"\n{'writer (median of ' + str(args.runs) + ' runs)':36} {'seconds':>8} {'triples/s':>12}")
    for name, seconds in rows:
        print(f"{name:36} {seconds:>8.3f} {len(triples) / seconds:>12,.0f}")
    ours, converted, best = (seconds for _name, seconds in rows)
    print(f"\nhand-written vs pyoxigraph from our terms (what `export --format nt` would do): {converted / ours:.2f}x")
    print(f"hand-written vs pyoxigraph serialize only (its best case, terms built for free): {best / ours:.2f}x")
    print("verdict: " + ("keep the hand-written writer: it is faster end to end" if converted > ours
                         else "serialise with pyoxigraph: it is faster end to end"))

if __name__ == "__main__":
    main()
