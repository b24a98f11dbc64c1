"""`actorgraph overview | timeline | rank | read`: the explorer's views, from the shell.

Each command is a thin front end over the same library functions the explorer's pages call
(`graph.overview`, `graph.timeline`, `graph.analytics`, `graph.reader`), so a number on a page
and a number in a terminal are computed once, the same way. Tables for people, `--json` for
programs; an unknown article or a bad option is one line on stderr.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any

import click

from actorgraph.cli.dates import date_options, dated_filter
from actorgraph.cli.origin import origin_option
from actorgraph.cli.output import json_option, print_json, print_table, stdout_console
from actorgraph.cli.stores import neo4j_option, open_store
from actorgraph.graph.analytics import Centrality, centrality, store_subgraph
from actorgraph.graph.errors import InputError
from actorgraph.graph.overview import CENTRAL_ACTORS, Overview, build_overview, contest_counts
from actorgraph.graph.reader import marked_text_plain
from actorgraph.graph.store import ClaimFilter, Store
from actorgraph.graph.timeline import GRANULARITIES, STACKS, timeline
from actorgraph.graph.vocabulary import default_vocabulary

#: `rank --measure` choices: the `graph.analytics.Centrality` field each one sorts by.
MEASURES = {"pagerank": "pagerank", "degree": "degree", "betweenness": "betweenness", "claims": "claims"}


# ---------------------------------------------------------------------------------- overview
def _overview(store: Store, flt: ClaimFilter, limit: int) -> Overview:
    """What the explorer's landing page shows: counts of the claims `flt` keeps, hubs, contests."""
    every = store.claims(ClaimFilter(polarities=()))
    return build_overview(store.actors(), store.articles(), store.claims(flt), limit=limit,
                          contested=contest_counts(every, default_vocabulary()))


@click.command("overview")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, CENTRAL_ACTORS),
              help="How many central actors to list.")
@date_options
@origin_option
@neo4j_option
@json_option
def overview_command(limit: int, as_of: str | None, date_from: str | None, date_to: str | None, use_neo4j: bool,
                     as_json: bool) -> None:
    """The store at a glance: counts, date range, the most connected actors, the contested relations."""
    flt = dated_filter(as_of, date_from, date_to)
    with open_store(use_neo4j) as store:
        view = _overview(store, flt, limit)
        names = {a.id: a.name for a in store.actors()}
    counts = {"articles": view.articles, "actors": view.actors, "claims": view.claims,
              "languages": dict(view.languages), "first_date": view.first_date, "last_date": view.last_date}
    hubs = [{"actor": a, "name": names.get(a, a), "claims": n} for a, n in view.hubs]
    contested = [{"subject": s, "predicate": p, "object": o, "for": f, "against": g}
                 for (s, p, o), f, g in view.contested]
    if as_json:
        print_json({**counts, "central_actors": hubs, "contested": contested})
        return
    languages = ", ".join(f"{lang} {n}" for lang, n in view.languages)
    print_table([[k, v] for k, v in {**counts, "languages": languages}.items()], ["what", "value"], title="overview")
    print_table([[h["actor"], h["name"], h["claims"]] for h in hubs], ["actor", "name", "claims"],
                title=f"{len(hubs)} most connected actors")
    print_table([[c["subject"], c["predicate"], c["object"], c["for"], c["against"]] for c in contested],
                ["subject", "predicate", "object", "for", "against"], title=f"{len(contested)} contested relations")


# ---------------------------------------------------------------------------------- timeline
@click.command("timeline")
@click.option("--by", "granularity", type=click.Choice(GRANULARITIES), default="month", show_default=True,
              help="Length of a period.")
@click.option("--stack", type=click.Choice(STACKS), default="relation", show_default=True,
              help="Split each period by relation or by the subject's actor type.")
@click.option("--all", "all_polarities", is_flag=True, help="Count denied and negated claims too.")
@date_options
@origin_option
@neo4j_option
@json_option
def timeline_command(granularity: str, stack: str, all_polarities: bool, as_of: str | None, date_from: str | None,
                     date_to: str | None, use_neo4j: bool, as_json: bool) -> None:
    """Claims per day, week or month (a claim's own date, else its article's publication date)."""
    flt = dated_filter(as_of, date_from, date_to, polarities=() if all_polarities else ("asserted",))
    vocabulary = default_vocabulary()
    with open_store(use_neo4j) as store:
        found = store.claims(flt)
        articles = {a.id: a for a in store.articles()}
        actors = {a.id: a for a in store.actors()}
    labels = {t: vocabulary.term(t).labels["en"] for t in {c.predicate for c in found} if t in vocabulary}
    counted = timeline(found, articles, actors, granularity, stack, labels)
    periods: dict[str, dict[str, int]] = defaultdict(dict)
    for period, group, count in counted.rows:
        periods[period.isoformat()][group] = count
    rows = [{"period": p, "claims": sum(groups.values()),
             "groups": dict(sorted(groups.items(), key=lambda kv: (-kv[1], kv[0])))} for p, groups in periods.items()]
    if as_json:
        print_json({"by": granularity, "stack": stack, "periods": rows, "undated": counted.undated})
        return
    print_table([[r["period"], r["claims"], ", ".join(f"{g} {n}" for g, n in r["groups"].items())] for r in rows],
                ["period", "claims", f"by {stack}"],
                title=f"claims per {granularity}: {sum(r['claims'] for r in rows)} in {len(rows)} periods")
    if counted.undated:
        stdout_console().print(f"{counted.undated} claims have no date (neither their own nor their article's)")


# ---------------------------------------------------------------------------------- rank
def _centrality_row(rank: int, row: Centrality) -> dict[str, Any]:
    return {"rank": rank, "actor": row.actor, "name": row.name, "type": row.type, "degree": row.degree,
            "claims": row.claims, "betweenness": round(row.betweenness, 4), "pagerank": round(row.pagerank, 4),
            "community": row.community}


@click.command("rank")
@click.option("--measure", type=click.Choice(list(MEASURES)), default="pagerank", show_default=True,
              help="pagerank (weighted by claims), degree (distinct neighbours), betweenness (brokers), "
                   "claims (claims touching the actor).")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(min=1), help="At most N actors.")
@date_options
@origin_option
@neo4j_option
@json_option
def rank_command(measure: str, limit: int, as_of: str | None, date_from: str | None, date_to: str | None,
                 use_neo4j: bool, as_json: bool) -> None:
    """Actors ranked by centrality in the network of asserted claims (undirected, weighted by claims)."""
    flt = dated_filter(as_of, date_from, date_to)
    with open_store(use_neo4j) as store:
        rows = centrality(store_subgraph(store, flt))
    field = MEASURES[measure]
    rows.sort(key=lambda r: (-getattr(r, field), r.actor))
    ranked = [_centrality_row(i, r) for i, r in enumerate(rows[:limit], 1)]
    if as_json:
        print_json(ranked)
        return
    columns = ["rank", "actor", "name", "type", "degree", "claims", "betweenness", "pagerank", "community"]
    print_table([[r[c] for c in columns] for r in ranked], columns,
                title=f"top {len(ranked)} of {len(rows)} linked actors by {measure}")


# ---------------------------------------------------------------------------------- read
@click.command("read")
@click.argument("article_id")
@neo4j_option
@json_option
def read_command(article_id: str, use_neo4j: bool, as_json: bool) -> None:
    """An article with its mentions marked `[text]{actor}`, then its claims with their evidence."""
    vocabulary = default_vocabulary()
    with open_store(use_neo4j) as store:
        article = store.get_article(article_id)
        if article is None:
            raise InputError("ARTICLE_ID", "", f"no article {article_id!r} in the store",
                             "list them with `actorgraph triples --json` or ingest the file")
        mentions = store.mentions(article_id=article_id)
        claims = store.claims(ClaimFilter(polarities=()), article_id=article_id)
    if as_json:
        print_json({"article": article.to_dict(), "marked_text": marked_text_plain(article.text, mentions),
                    "mentions": [m.to_dict() for m in mentions], "claims": [c.to_dict() for c in claims]})
        return
    console = stdout_console()
    console.print(f"[bold]{article.title}[/bold]", highlight=False)
    meta = [("id", article.id), ("publisher", article.publisher), ("published", article.published),
            ("language", article.language), ("url", article.url), ("file", article.source)]
    console.print("  ".join(f"{k}: {v}" for k, v in meta if v), highlight=False, markup=False)
    console.print()
    console.print(marked_text_plain(article.text, mentions), highlight=False, markup=False)
    console.print()
    rows = [[c.id.split("#", 1)[-1], c.subject, vocabulary.term(c.predicate).labels["en"]
             if c.predicate in vocabulary else c.predicate, c.object, c.polarity, c.claimant or "(article)",
             c.evidence.text] for c in claims]
    print_table(rows, ["claim", "subject", "relation", "object", "polarity", "claimant", "evidence"],
                title=f"{len(mentions)} mentions, {len(claims)} claims")


commands = [overview_command, timeline_command, rank_command, read_command]
