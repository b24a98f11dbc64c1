"""One exporter per format, shared by `actorgraph export` and the explorer's downloads; the
explorer's Turtle download of a real subgraph passes the same SHACL shapes as the store's export."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
import pytest
import rdflib

from actorgraph.cli import export_commands
from actorgraph.explorer import downloads
from actorgraph.explorer.view import merge_subgraphs
from actorgraph.graph.config import embedded_store_path
from actorgraph.graph.embedded import EmbeddedStore
from actorgraph.graph.exporters import registry
from actorgraph.graph.exporters.source import EVERY_POLARITY, SubgraphSource
from actorgraph.graph.rdf.terms import DEFAULT_BASE, ONTOLOGY_NS
from actorgraph.graph.rdf.validate import validate_file
from actorgraph.graph.store import ClaimFilter, Subgraph
from actorgraph.ingest.pipeline import ingest_paths
from tests.conftest import ROOT, SEED_ARTICLE, SEED_DIR

AG = rdflib.Namespace(ONTOLOGY_NS)
CLAIM = rdflib.Namespace(DEFAULT_BASE + "claim/orient-2022-01-hasakah-prison/")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> EmbeddedStore:
    """Every annotated article of data/articles in a real embedded store."""
    store = EmbeddedStore(tmp_path_factory.mktemp("corpus") / "graph.msgpack")
    report = ingest_paths([SEED_DIR], store)
    assert report.ok, report.errors
    return store


def explorer_subgraph(store: EmbeddedStore, focus: str, depth: int, expanded: list[str], flt: ClaimFilter,
                      limit: int = 150) -> Subgraph:
    """What `explorer.ego.visible_subgraph` builds: the focus's neighbourhood plus the 1-hop
    neighbourhoods of the expanded actors, merged under the node limit."""
    parts = [store.neighbourhood(focus, depth, flt, limit)]
    parts += [store.neighbourhood(other, 1, flt, limit) for other in expanded]
    return merge_subgraphs(parts, limit)


def turtle_download(store: EmbeddedStore, subgraph: Subgraph, folder: Path) -> Path:
    """The explorer's Turtle download (the function its button calls), saved as a file."""
    articles = {a.id: a for a in store.articles()}
    path = folder / "download.ttl"
    path.write_bytes(downloads.subgraph_download(store, subgraph, articles, "ttl"))
    return path


def test_explorer_turtle_download_of_a_real_subgraph_conforms_to_the_shapes(corpus: EmbeddedStore,
                                                                             tmp_path: Path) -> None:
    every = ClaimFilter(polarities=())  # the sidebar showing denied and negated claims too
    subgraph = explorer_subgraph(corpus, "isis", 2, ["iraq"], every)
    assert len(subgraph.claims) > 40 and any(c.polarity == "denied" for c in subgraph.claims)
    path = turtle_download(corpus, subgraph, tmp_path)
    report = validate_file(path)
    assert report.conforms, "\n".join(report.lines())
    graph = rdflib.Graph().parse(path, format="turtle")
    assert len(set(graph.subjects(rdflib.RDF.type, AG.Claim))) == len(subgraph.claims)


def test_a_denial_without_the_claim_it_denies_is_completed_from_the_store(seeded: EmbeddedStore,
                                                                           tmp_path: Path) -> None:
    """c41 denies c33: exported alone, the file would point at a claim it does not hold (a SHACL
    violation), so the download brings c33 along; c33 is asserted, so it is also an edge."""
    denial = next(c for c in seeded.claims(EVERY_POLARITY) if c.id.endswith("#c41"))
    assert denial.denies is not None and denial.denies.endswith("#c33")
    subgraph = Subgraph(tuple(a for a in seeded.actors() if a.id in (denial.subject, denial.object)), (denial,))
    path = turtle_download(seeded, subgraph, tmp_path)
    report = validate_file(path)
    assert report.conforms, "\n".join(report.lines())
    graph = rdflib.Graph().parse(path, format="turtle")
    assert (CLAIM.c41, AG.deniesClaim, CLAIM.c33) in graph
    assert set(graph.subjects(rdflib.RDF.type, AG.Claim)) == {CLAIM.c41, CLAIM.c33}
    assert [c.id for c in SubgraphSource(seeded, subgraph).claims()] == [denial.denies]  # asserted ones


def test_every_format_has_one_exporter_that_the_cli_and_the_explorer_both_use() -> None:
    exporters = registry.EXPORTERS
    assert all(name == exporter.name for name, exporter in exporters.items())
    writers = [e.write for e in exporters.values()]
    assert len(set(writers)) == len(writers), "two formats share a writer"
    assert len({e.suffix for e in exporters.values()}) == len(exporters)
    # The CLI offers exactly the registry's formats and writes through the registry's `export`.
    command = export_commands.export
    choice = next(p for p in command.params if p.name == "fmt").type
    assert isinstance(choice, click.Choice) and list(choice.choices) == list(exporters)
    assert export_commands.EXPORTERS is exporters and export_commands.export_store is registry.export
    # The explorer's buttons are registry entries (the very objects), written through the same `export`.
    offered = downloads.download_exporters()
    assert [e.name for e in offered] == ["csv", "graphml", "gexf", "ttl"]
    assert all(e is exporters[e.name] for e in offered)
    assert downloads.export_bytes is registry.export_bytes


@pytest.mark.parametrize("fmt", downloads.DOWNLOAD_FORMATS)
def test_the_download_of_the_whole_network_is_the_cli_export(fmt: str, tmp_path: Path) -> None:
    """Same file from both entry points: `actorgraph export` of the store, and the explorer's
    download of a subgraph that holds the whole store."""
    run = lambda *args: subprocess.run([sys.executable, "-m", "actorgraph.cli.main", *args],  # noqa: E731
                                       cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run("ingest", str(SEED_ARTICLE)).returncode == 0
    out = tmp_path / f"cli.{fmt}"
    done = run("export", "--format", fmt, "-o", str(out))
    assert done.returncode == 0, done.stderr
    store = EmbeddedStore(embedded_store_path())
    everything = Subgraph(tuple(store.actors()), tuple(store.claims(EVERY_POLARITY)))
    articles = {a.id: a for a in store.articles()}
    assert downloads.subgraph_download(store, everything, articles, fmt) == out.read_bytes()


def test_cli_export_of_one_actors_network_is_the_explorers_download_and_conforms(tmp_path: Path) -> None:
    run = lambda *args: subprocess.run([sys.executable, "-m", "actorgraph.cli.main", *args],  # noqa: E731
                                       cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run("ingest", str(SEED_ARTICLE)).returncode == 0
    out = tmp_path / "sdf.ttl"
    done = run("export", "--format", "ttl", "--actor", "sdf", "--depth", "2", "-o", str(out))
    assert done.returncode == 0, done.stderr
    report = validate_file(out)
    assert report.conforms, "\n".join(report.lines())
    store = EmbeddedStore(embedded_store_path())
    network = explorer_subgraph(store, "sdf", 2, [], ClaimFilter())
    assert not network.truncated and 0 < len(network.claims) < len(store.claims())
    articles = {a.id: a for a in store.articles()}
    assert downloads.subgraph_download(store, network, articles, "ttl") == out.read_bytes()
    missing = run("export", "--actor", "nobody")
    assert missing.returncode == 1 and missing.stderr.startswith("error: --actor nobody: no such actor")
