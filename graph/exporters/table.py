"""The claims as a table (CSV), one row per claim with its evidence, for spreadsheets.

Every claim is a row, denied and negated ones too (the `polarity` column says which): a table is
read claim by claim, and a denial is a fact worth a row. The claim id, article, evidence text,
claimant and polarity travel with every row, so a file opened elsewhere can still be traced back
to its sentences.
"""
from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from typing import TextIO

from actorgraph.graph.exporters.source import EVERY_POLARITY, ExportSource
from actorgraph.graph.model import Article, Claim
from actorgraph.graph.rdf.export import RdfExporter

CSV_COLUMNS = ("claim", "subject", "subject_name", "predicate", "object", "object_name", "polarity", "certainty",
               "claimant", "date", "article", "article_title", "publisher", "published", "url", "evidence")
#: Spreadsheet programs run cells that start with these as formulas; such cells get a leading quote.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: object) -> str:
    """The value as text, with a leading quote when a spreadsheet would run it as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def claim_rows(claims: Iterable[Claim], names: Mapping[str, str],
               articles: Mapping[str, Article]) -> list[dict[str, str]]:
    """One dict per claim with the CSV columns (plain values, not formula-guarded); `names` maps
    actor ids to display names (ids stand for themselves when missing)."""
    rows = []
    for claim in claims:
        article = articles.get(claim.article_id)
        rows.append({
            "claim": claim.id, "subject": claim.subject, "subject_name": names.get(claim.subject, claim.subject),
            "predicate": claim.predicate, "object": claim.object,
            "object_name": names.get(claim.object, claim.object), "polarity": claim.polarity,
            "certainty": claim.certainty, "claimant": claim.claimant or "", "date": claim.date or "",
            "article": claim.article_id, "article_title": article.title if article else "",
            "publisher": (article.publisher or "") if article else "",
            "published": (article.published or "") if article else "",
            "url": (article.url or "") if article else "", "evidence": claim.evidence.text,
        })
    return rows


def write_csv(source: ExportSource, out: TextIO, _exporter: RdfExporter) -> int:
    """UTF-8 CSV, one row per claim of every polarity, formula-like cells quoted; returns the rows."""
    names = {a.id: a.name for a in source.actors()}
    articles = {a.id: a for a in source.articles()}
    rows = claim_rows(source.claims(EVERY_POLARITY), names, articles)
    columns: list[str] = list(CSV_COLUMNS)
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: spreadsheet_cell(v) for k, v in row.items()})
    return len(rows)
