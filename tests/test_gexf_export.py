"""GEXF export: networkx's reader gets the dates back as Gephi intervals, from the library and the CLI."""
from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import networkx as nx

from actorgraph.graph.exporters.network import last_day
from actorgraph.graph.exporters.registry import export_bytes
from actorgraph.graph.exporters.source import ListSource
from actorgraph.graph.model import Actor, Article, Claim, Span
from actorgraph.graph.vocabulary import default_vocabulary
from tests.conftest import ROOT, SEED_DIR

SPAN = Span(0, 1, "x")


def test_last_day_of_partial_dates() -> None:
    assert [last_day(d) for d in ("2024-02", "2023-02", "2022", "2022-03-04")] == \
        ["2024-02-29", "2023-02-28", "2022-12-31", "2022-03-04"]


def test_intervals_span_the_claims_and_undated_relations_have_none() -> None:
    actors = [Actor("a", "State"), Actor("b", "ArmedGroup"), Actor("c", "State")]
    articles = {"p": Article("p", "t", "x", published="2022-05-02"), "u": Article("u", "t", "x")}
    claims = [Claim("p#1", "p", "a", "fights", "b", SPAN, date="2021-11"),
              Claim("p#2", "p", "a", "fights", "b", SPAN),  # the article's day
              Claim("p#3", "p", "a", "fights", "b", SPAN, date="2023", polarity="denied"),  # not an edge
              Claim("u#1", "u", "b", "part-of", "c", SPAN)]  # standing: no date anywhere
    source = ListSource(actors, tuple(articles.values()), claims)
    graph = nx.read_gexf(io.BytesIO(export_bytes(source, "gexf", vocabulary=default_vocabulary())))
    assert graph.graph["mode"] == "dynamic"
    fights = next(d for u, v, d in graph.edges(data=True) if d["predicate"] == "fights")
    assert (fights["start"], fights["end"], fights["weight"], fights["dated_claims"]) == \
        ("2021-11-01", "2022-05-02", 2, 2)
    standing = next(d for u, v, d in graph.edges(data=True) if d["predicate"] == "part-of")
    assert "start" not in standing and "end" not in standing and standing["dated_claims"] == 0
    assert graph.nodes["a"]["start"] == "2021-11-01" and "start" not in graph.nodes["c"]


def test_cli_export_format_gexf_reads_back_with_dates(tmp_path: Path, isolated_home: Path) -> None:
    run = lambda *args: subprocess.run([sys.executable, "-m", "actorgraph.cli.main", *args],  # noqa: E731
                                       cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run("ingest", str(SEED_DIR)).returncode == 0
    out = tmp_path / "graph.gexf"
    done = run("export", "--format", "gexf", "-o", str(out))
    assert done.returncode == 0, done.stderr
    graph = nx.read_gexf(out)
    assert done.stderr.strip() == f"wrote {graph.number_of_edges()} edges to {out}"
    prison = next(d for u, v, d in graph.edges(data=True)
                  if (u, v, d["predicate"]) == ("isis", "sina-prison", "escapes-from"))
    assert (prison["start"], prison["end"]) == ("2022-01-20", "2022-01-21")
