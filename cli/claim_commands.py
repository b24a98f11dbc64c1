"""`contested`, `weights` and `claims`: who says what, who denies it, and how well each edge holds.

Every command parses its options, calls `graph.claims` / `graph.weights`, and renders a rich
table, TSV (`--format tsv`) or JSON (`--json`). Time options are those of `cli.dates`.
"""
from __future__ import annotations

from typing import Any

import click

from actorgraph.cli.dates import date_options, dated_filter
from actorgraph.cli.origin import origin_option
from actorgraph.cli.output import json_option, print_json, print_table, stdout_console
from actorgraph.cli.stores import neo4j_option, open_store, resolve_actor
from actorgraph.graph.claims import Contest, SourcedClaim, contested, sourced_claims
from actorgraph.graph.model import CERTAINTIES, POLARITIES
from actorgraph.graph.store import Store
from actorgraph.graph.vocabulary import default_vocabulary
from actorgraph.graph.weights import EdgeWeight, edge_weights

FORMATS = ("table", "tsv", "json")
format_option = click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
ARTICLE_VOICE = "article"  # `--claimant article`: claims in the article's own voice

CONTEST_COLUMNS = ["subject", "predicate", "object", "side", "claim", "polarity", "certainty", "claimant", "voice",
                   "reported_via", "article", "publisher", "date", "published", "denies"]
CLAIM_COLUMNS = ["claim", "subject", "predicate", "object", "polarity", "certainty", "claimant", "reported_via",
                 "article", "publisher", "date", "chain"]
WEIGHT_COLUMNS = ["subject", "predicate", "object", "claims", "sources", "claimants", "first", "last", "contested",
                  "denials", "confidence"]


def _local(claim_id: str | None) -> str:
    """`article#c41` -> `c41`: tables show the article in its own column."""
    return (claim_id or "").rpartition("#")[2]


def _contest_rows(contest: Contest, local_ids: bool) -> list[list[Any]]:
    show = _local if local_ids else (lambda claim_id: claim_id or "")
    rows = []
    for side, claims in (("for", contest.for_claims), ("against", contest.against_claims)):
        for s in claims:
            c = s.claim
            rows.append([*contest.relation, side, show(c.id), c.polarity, c.certainty, c.claimant or "", s.voice,
                         ",".join(c.reported_via), c.article_id, s.publisher or "", c.date or "", s.published or "",
                         show(c.denies)])
    return rows


def _print_contest(contest: Contest, sentences: bool) -> None:
    """One table per contested relation: the asserting side, then the denying side."""
    rows = []
    for side, claims in (("for", contest.for_claims), ("against", contest.against_claims)):
        for s in claims:
            c = s.claim
            row = [side, _local(c.id), c.claimant or f"(article: {s.voice})", ", ".join(c.reported_via), c.certainty,
                   s.publisher or "", c.article_id, c.date or s.published or ""]
            rows.append([*row, c.evidence.text] if sentences else row)
    columns = ["side", "claim", "claimant", "via", "certainty", "publisher", "article", "date"]
    title = (f"{' '.join(contest.relation)}: {len(contest.for_claims)} for, {len(contest.against_claims)} against"
             + "".join(f"; {_local(c)} denies {_local(d)}" for c, d in contest.denials))
    print_table(rows, [*columns, "sentence"] if sentences else columns, title=title)


@click.command("contested")
@click.option("--sentences", is_flag=True, help="Show each claim's evidence sentence in the table.")
@date_options
@origin_option
@format_option
@neo4j_option
@json_option
def contested_command(sentences: bool, as_of: str | None, date_from: str | None, date_to: str | None, fmt: str,
                      use_neo4j: bool, as_json: bool) -> None:
    """Relations some claims assert and others deny: both sides, their claimants and sources."""
    flt = dated_filter(as_of, date_from, date_to)
    with open_store(use_neo4j) as store:
        found = contested(store, flt)
    if as_json or fmt == "json":
        print_json([c.to_dict() for c in found])
    elif fmt == "tsv":
        print_table([row for c in found for row in _contest_rows(c, local_ids=False)], CONTEST_COLUMNS, fmt="tsv")
    elif not found:
        stdout_console().print("no contested relations")
    else:
        for contest in found:
            _print_contest(contest, sentences)


def _weight_row(weight: EdgeWeight) -> list[Any]:
    return [weight.subject, weight.predicate, weight.object, weight.claims, len(weight.sources), len(weight.claimants),
            weight.first or "", weight.last or "", "yes" if weight.contested else "", weight.denials,
            f"{weight.confidence:.3f}"]


@click.command("weights")
@click.option("--min-sources", default=0, show_default=True, type=click.IntRange(min=0),
              help="Only relations stated by at least N independent sources (publishers).")
@click.option("--predicate", "predicates", multiple=True, help="Only this relation (any spelling; inverses too).")
@click.option("--include-denied", is_flag=True, help="Also list relations that are only denied or negated.")
@click.option("--limit", default=0, type=click.IntRange(min=0), help="At most N rows (0: all).")
@date_options
@origin_option
@format_option
@neo4j_option
@json_option
def weights_command(min_sources: int, predicates: tuple[str, ...], include_denied: bool, limit: int,
                    as_of: str | None, date_from: str | None, date_to: str | None, fmt: str, use_neo4j: bool,
                    as_json: bool) -> None:
    """Edge weights: claims, independent sources, claimants, dates and confidence, most confident first."""
    flt = dated_filter(as_of, date_from, date_to, predicates=predicates)
    with open_store(use_neo4j) as store:
        rows = edge_weights(store, flt, min_sources=min_sources, include_denied=include_denied)
    rows = rows[:limit] if limit else rows
    if as_json or fmt == "json":
        print_json([w.to_dict() for w in rows])
    else:
        print_table([_weight_row(w) for w in rows], WEIGHT_COLUMNS, title=f"{len(rows)} relations", fmt=fmt)


def _claimant_ids(store: Store, names: tuple[str, ...]) -> tuple[str, ...]:
    """Actor ids for `--claimant` values; `article` stands for the article's own voice."""
    return tuple("" if name == ARTICLE_VOICE else resolve_actor(store, name) for name in names)


def _claim_row(sourced: SourcedClaim) -> list[Any]:
    c = sourced.claim
    return [c.id, c.subject, c.predicate, c.object, c.polarity, c.certainty,
            c.claimant or "", ",".join(c.reported_via), c.article_id, sourced.publisher or "", c.date or "",
            sourced.chain]


@click.command("claims")
@click.option("--claimant", "claimants", multiple=True,
              help="Only claims by this actor (id or name; `article` for the article's own voice). Repeatable.")
@click.option("--polarity", "polarities", multiple=True, type=click.Choice(POLARITIES),
              help="Only this polarity (repeatable; default: all).")
@click.option("--certainty", "certainties", multiple=True, type=click.Choice(CERTAINTIES),
              help="Only this certainty (repeatable; default: all).")
@click.option("--predicate", "predicates", multiple=True, help="Only this relation as annotated (any spelling).")
@click.option("--article", default=None, help="Only claims of this article id.")
@date_options
@origin_option
@format_option
@neo4j_option
@json_option
def claims_command(claimants: tuple[str, ...], polarities: tuple[str, ...], certainties: tuple[str, ...],
                   predicates: tuple[str, ...], article: str | None, as_of: str | None, date_from: str | None,
                   date_to: str | None, fmt: str, use_neo4j: bool, as_json: bool) -> None:
    """Claims of every polarity with their attribution chain: who says it, through whom, how sure."""
    terms = tuple(default_vocabulary().term(p).id for p in predicates)
    with open_store(use_neo4j) as store:
        flt = dated_filter(as_of, date_from, date_to, polarities=polarities,
                           claimants=_claimant_ids(store, claimants), predicates=terms)
        found = [s for s in sourced_claims(store, flt, article_id=article)
                 if not certainties or s.claim.certainty in certainties]
    if as_json or fmt == "json":
        print_json([s.to_dict() for s in found])
    elif fmt == "tsv":
        print_table([_claim_row(s) for s in found], CLAIM_COLUMNS, fmt="tsv")
    else:
        rows = [[_local(s.claim.id), s.claim.polarity, s.claim.article_id, s.claim.date or s.published or "", s.chain]
                for s in found]
        print_table(rows, ["claim", "polarity", "article", "date", "attribution"], title=f"{len(found)} claims")


commands = [contested_command, weights_command, claims_command]
