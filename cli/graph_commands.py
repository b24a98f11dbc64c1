"""`neighbours`, `paths` and `edge-claims`: the network read edge by edge, the evidence page by page.

The same aggregate-first reads as the explorer (`Store.ego_edges`, `Store.path_edges`,
`Store.edge_claims`): one line per `subject predicate object` with its counts, period, sources,
contested flag and weight, and the claims of one edge when asked for, a page at a time, so a hub
of a million-relation graph answers as fast as a quiet actor.
"""
from __future__ import annotations

from typing import Any

import click

from actorgraph.cli.dates import date_options, dated_filter
from actorgraph.cli.origin import origin_option
from actorgraph.cli.output import json_option, print_json, print_table
from actorgraph.cli.stores import neo4j_option, open_store, resolve_actor
from actorgraph.graph.store import DEFAULT_NODE_LIMIT, EDGE_CLAIMS_PAGE, MAX_DEPTH, MAX_HOPS, ClaimFilter, EdgeSummary

EDGE_COLUMNS = ["subject", "predicate", "object", "claims", "asserted", "denied", "sources", "articles", "first",
                "last", "contested", "weight"]
all_option = click.option("--all", "all_polarities", is_flag=True, help="Count denied and negated claims too.")


def _filter(all_polarities: bool, as_of: str | None, date_from: str | None, date_to: str | None) -> ClaimFilter:
    return dated_filter(as_of, date_from, date_to, **({"polarities": ()} if all_polarities else {}))


def _edge_row(edge: EdgeSummary) -> list[Any]:
    return [edge.subject, edge.predicate, edge.object, edge.claims, edge.asserted, edge.denied, edge.sources,
            edge.articles, edge.first or "", edge.last or "", "yes" if edge.contested else "", f"{edge.weight:.3f}"]


@click.command()
@click.argument("actor")
@click.option("--depth", default=1, show_default=True, type=click.IntRange(1, MAX_DEPTH))
@click.option("--limit", default=DEFAULT_NODE_LIMIT, show_default=True, type=click.IntRange(1, 100_000),
              help="At most this many actors (the nearest first).")
@all_option
@date_options
@origin_option
@neo4j_option
@json_option
def neighbours(actor: str, depth: int, limit: int, all_polarities: bool, as_of: str | None, date_from: str | None,
               date_to: str | None, use_neo4j: bool, as_json: bool) -> None:
    """ACTOR's ego network, one line per relation with its counts (`edge-claims` shows the claims)."""
    with open_store(use_neo4j) as store:
        found = store.ego_edges(resolve_actor(store, actor), depth, _filter(all_polarities, as_of, date_from, date_to),
                                limit)
    if as_json:
        print_json({"actors": [a.id for a in found.actors], "truncated": found.truncated,
                    "edges": [e._asdict() for e in found.edges]})
        return
    title = f"{len(found.actors)} actors, {len(found.edges)} relations" + (" (truncated)" if found.truncated else "")
    print_table([_edge_row(e) for e in found.edges], EDGE_COLUMNS, title=title)


@click.command()
@click.argument("source")
@click.argument("target")
@click.option("--hops", default=3, show_default=True, type=click.IntRange(1, MAX_HOPS))
@click.option("--every", "every_path", is_flag=True, help="Every simple path, not only the shortest ones.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000))
@all_option
@date_options
@origin_option
@neo4j_option
@json_option
def paths(source: str, target: str, hops: int, every_path: bool, limit: int, all_polarities: bool, as_of: str | None,
          date_from: str | None, date_to: str | None, use_neo4j: bool, as_json: bool) -> None:
    """How SOURCE and TARGET are connected: each path, and the relations of each hop."""
    with open_store(use_neo4j) as store:
        found = store.path_edges(resolve_actor(store, source), resolve_actor(store, target), hops,
                                 _filter(all_polarities, as_of, date_from, date_to), limit=limit,
                                 shortest=not every_path)
    if as_json:
        print_json([{"actors": list(p.actors), "hops": [{"source": h.source, "target": h.target,
                                                          "edges": [e._asdict() for e in h.edges]} for h in p.hops]}
                    for p in found])
        return
    rows = [[number, " -> ".join(path.actors), f"{hop.source} - {hop.target}", *_edge_row(edge)[:6]]
            for number, path in enumerate(found, 1) for hop in path.hops for edge in hop.edges]
    print_table(rows, ["path", "route", "hop", *EDGE_COLUMNS[:6]], title=f"{len(found)} paths")


@click.command("edge-claims")
@click.argument("subject")
@click.argument("predicate")
@click.argument("object_", metavar="OBJECT")
@click.option("--page", default=1, show_default=True, type=click.IntRange(1, None))
@click.option("--page-size", default=EDGE_CLAIMS_PAGE, show_default=True, type=click.IntRange(1, 10_000))
@all_option
@date_options
@origin_option
@neo4j_option
@json_option
def edge_claims(subject: str, predicate: str, object_: str, page: int, page_size: int, all_polarities: bool,
                as_of: str | None, date_from: str | None, date_to: str | None, use_neo4j: bool, as_json: bool) -> None:
    """One page of the claims behind SUBJECT PREDICATE OBJECT (as annotated), in store order."""
    with open_store(use_neo4j) as store:
        claims = store.edge_claims(resolve_actor(store, subject), predicate, resolve_actor(store, object_),
                                   _filter(all_polarities, as_of, date_from, date_to), limit=page_size,
                                   offset=(page - 1) * page_size)
    if as_json:
        print_json([c.to_dict() for c in claims])
        return
    print_table([[c.id, c.polarity, c.certainty, c.claimant or "", c.date or "", c.evidence.text] for c in claims],
                ["claim", "polarity", "certainty", "claimant", "date", "sentence"],
                title=f"page {page}: {len(claims)} claims")


commands = [neighbours, paths, edge_claims]
