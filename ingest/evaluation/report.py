"""Scoring whole corpora: per-article comparisons summed into corpus figures, overall and per language.

`evaluate_paths(gold, pred)` is what `actorgraph evaluate` and an extractor's own scripts call;
`Report.to_dict()` holds every figure under stable keys (see docs/evaluation.md).

Articles found on one side only still count unless `only_common` is set: a gold article with no
prediction is all misses (the extractor produced nothing for it), and a predicted article with no
gold is all false positives (nothing in it can be confirmed). With `only_common` they are listed
but left out of the figures, for scoring a partial run.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from actorgraph.graph.errors import InputError
from actorgraph.graph.model import Document
from actorgraph.graph.vocabulary import Vocabulary
from actorgraph.ingest.evaluation.alignment import (
    ALIGN_MODES,
    ActorAlignment,
    align_actors,
    apply_alignment,
    outside_gazetteer,
)
from actorgraph.ingest.evaluation.claims import CLAIM_LEVELS, compare_claims
from actorgraph.ingest.evaluation.counts import Accuracy, Counts
from actorgraph.ingest.evaluation.discrepancy import Discrepancy
from actorgraph.ingest.evaluation.mentions import MENTION_LEVELS, compare_actors, compare_mentions
from actorgraph.ingest.evaluation.sides import (
    EvaluationError,
    Pairing,
    Progress,
    Side,
    pair_articles,
    read_context,
    read_side,
)
from actorgraph.ingest.registry import ReadOptions

#: Every level of the summary, in the order tables print them.
LEVELS = (*MENTION_LEVELS, "actors", *CLAIM_LEVELS)
STATUSES = ("matched", "only_gold", "only_pred")


@dataclass
class Figures:
    """Counts summed over some articles: every level, every predicate, claimant accuracy."""

    articles: int = 0
    levels: dict[str, Counts] = field(default_factory=lambda: {level: Counts() for level in LEVELS})
    predicates: dict[str, Counts] = field(default_factory=dict)
    claimants: Accuracy = field(default_factory=Accuracy)

    def add(self, other: Figures) -> None:
        self.articles += other.articles
        for level, counts in other.levels.items():
            self.levels[level].add(counts)
        for predicate, counts in other.predicates.items():
            self.predicates.setdefault(predicate, Counts()).add(counts)
        self.claimants.add(other.claimants)

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            **{level: self.levels[level].to_dict() for level in LEVELS},
            "claimant_accuracy": self.claimants.to_dict(),
            "predicates": {p: {**c.to_dict(), "support": c.gold} for p, c in sorted(self.predicates.items())},
        }


@dataclass
class ArticleResult:
    """One article's comparison: its figures, its discrepancies, the alignment applied to it."""

    key: str  # the gold id, or the predicted id of an article with no gold
    language: str
    status: str  # one of STATUSES
    figures: Figures
    discrepancies: list[Discrepancy]
    alignments: list[ActorAlignment]
    gold_source: str | None = None
    pred_source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"language": self.language, "status": self.status, "gold_source": self.gold_source,
                "pred_source": self.pred_source, **self.figures.to_dict()}


def _empty_like(document: Document) -> Document:
    """The same article with nothing annotated: the missing side of a one-sided article."""
    return Document(document.article, ())


def compare_documents(key: str, gold: Document | None, pred: Document | None, vocabulary: Vocabulary,
                      mappable: Callable[[str], bool] | None = None) -> ArticleResult:
    """Compare one gold article with its prediction (either may be None: one-sided article).

    `mappable(actor_id)` enables actor alignment (see `ingest.evaluation.alignment`).
    """
    status = "matched" if gold and pred else "only_gold" if gold else "only_pred"
    present = gold or pred
    assert present is not None
    gold_doc, pred_doc = gold or _empty_like(present), pred or _empty_like(present)
    alignments = align_actors(key, gold_doc, pred_doc, mappable) if mappable and status == "matched" else []
    pred_doc = apply_alignment(pred_doc, alignments)
    gold_text, pred_text = gold_doc.article.text, pred_doc.article.text
    figures = Figures(articles=1)
    mention_levels, mention_errors = compare_mentions(key, gold_doc.mentions, pred_doc.mentions, gold_text, pred_text)
    actor_counts, actor_errors = compare_actors(key, gold_doc.mentions, pred_doc.mentions, gold_text, pred_text)
    claim_levels, figures.predicates, figures.claimants, claim_errors = compare_claims(
        key, gold_doc.claims, pred_doc.claims, vocabulary)
    figures.levels = {**mention_levels, "actors": actor_counts, **claim_levels}
    return ArticleResult(key, present.article.language, status, figures, mention_errors + actor_errors + claim_errors,
                         alignments, gold.article.source if gold else None, pred.article.source if pred else None)


@dataclass
class Report:
    """Everything `actorgraph evaluate` shows; `to_dict()` is its `--json`."""

    results: list[ArticleResult]
    pairing: Pairing
    align: str = "none"
    only_common: bool = False
    gold_articles: int = 0
    pred_articles: int = 0
    gold_paths: list[str] = field(default_factory=list)
    pred_paths: list[str] = field(default_factory=list)
    read_errors: list[InputError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def scored(self) -> list[ArticleResult]:
        """The articles the figures are computed over (all, or the paired ones with only_common)."""
        return [r for r in self.results if r.status == "matched" or not self.only_common]

    def total(self) -> Figures:
        figures = Figures()
        for result in self.scored():
            figures.add(result.figures)
        return figures

    def by_language(self) -> dict[str, Figures]:
        languages: dict[str, Figures] = {}
        for result in sorted(self.scored(), key=lambda r: r.language):
            languages.setdefault(result.language, Figures()).add(result.figures)
        return languages

    def discrepancies(self) -> list[Discrepancy]:
        return [d for r in self.scored() for d in r.discrepancies]

    def alignments(self) -> list[ActorAlignment]:
        return [a for r in self.results for a in r.alignments]

    def to_dict(self, include_errors: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {
            "gold": self.gold_paths,
            "pred": self.pred_paths,
            "options": {"align_actors": self.align, "only_common": self.only_common},
            "articles": {
                "gold": self.gold_articles, "pred": self.pred_articles, "matched": len(self.pairing.pairs),
                "scored": len(self.scored()), "only_gold": self.pairing.only_gold, "only_pred": self.pairing.only_pred,
                "paired_by_file_name": [list(p) for p in self.pairing.by_stem],
            },
            "total": self.total().to_dict(),
            "languages": {language: figures.to_dict() for language, figures in self.by_language().items()},
            "per_article": {r.key: r.to_dict() for r in self.results},
            "alignment": [a.to_dict() for a in self.alignments()],
            "read_errors": [str(e) for e in self.read_errors],
            "warnings": self.warnings,
        }
        if include_errors:
            data["errors"] = [d.to_dict() for d in self.discrepancies()]
        return data


def evaluate_sides(gold: Side, pred: Side, *, align_actors: str | bool = "none", only_common: bool = False) -> Report:
    """Pair the two sides' articles and compare every pair (and every one-sided article)."""
    align = _align_mode(align_actors)
    pairing = pair_articles(gold, pred)
    if not pairing.pairs:
        raise EvaluationError(f"no article in common: {len(gold.documents)} gold and {len(pred.documents)} predicted "
                              "articles, none with the same article id or file name", [*gold.errors, *pred.errors])
    mappable = {"none": None, "new": outside_gazetteer(pred.context.gazetteer), "all": lambda _: True}[align]
    vocabulary = gold.context.vocabulary
    results = [compare_documents(g, gold.documents[g], pred.documents[p], vocabulary, mappable)
               for g, p in pairing.pairs]
    results += [compare_documents(g, gold.documents[g], None, vocabulary) for g in pairing.only_gold]
    results += [compare_documents(p, None, pred.documents[p], vocabulary) for p in pairing.only_pred]
    warnings = [*gold.context.warnings, *pred.context.warnings, *_text_warnings(gold, pred, pairing)]
    return Report(results, pairing, align, only_common, len(gold.documents), len(pred.documents),
                  read_errors=[*gold.errors, *pred.errors], warnings=warnings)


def _text_warnings(gold: Side, pred: Side, pairing: Pairing) -> list[str]:
    """Paired articles whose texts differ: their offsets may not point at the same words."""
    return [f"article {g!r}: the predicted text differs from the gold text; spans are compared by offsets"
            for g, p in pairing.pairs if gold.documents[g].article.text != pred.documents[p].article.text]


def _align_mode(align_actors: str | bool | None) -> str:
    """The alignment mode: True means "new", False or None "none"; a string must be in ALIGN_MODES."""
    if align_actors is True:
        return "new"
    if align_actors is False or align_actors is None:
        return "none"
    if align_actors not in ALIGN_MODES:
        raise ValueError(f"align_actors must be one of {', '.join(ALIGN_MODES)}, not {align_actors!r}")
    return align_actors


def evaluate_paths(gold: Path | str | Iterable[Path | str], pred: Path | str | Iterable[Path | str], *,
                   align_actors: str | bool = "none", only_common: bool = False, forced_format: str | None = None,
                   gold_format: str | None = None, pred_format: str | None = None,
                   gazetteers: Iterable[Path] = (), options: ReadOptions | None = None,
                   progress: Progress | None = None) -> Report:
    """Score the predicted articles under `pred` against the gold ones under `gold`.

    Files or folders, in any format ingest reads (`forced_format` for both sides, or
    `gold_format` / `pred_format`); `options` are the reader options of ingest (mapping,
    publisher, date, language). `align_actors`: "none" (strict ids), "new" (or True) or "all".
    Unreadable articles are in `Report.read_errors`; a missing path or no common article
    raises EvaluationError.
    """
    align_actors = _align_mode(align_actors)  # a bad mode fails before any file is read
    gold_paths, pred_paths = _paths(gold), _paths(pred)
    gazetteers = list(gazetteers)
    gold_side = read_side("gold", gold_paths, read_context(gazetteers, options), gold_format or forced_format, progress)
    pred_side = read_side("pred", pred_paths, read_context(gazetteers, options), pred_format or forced_format, progress)
    report = evaluate_sides(gold_side, pred_side, align_actors=align_actors, only_common=only_common)
    report.gold_paths, report.pred_paths = [str(p) for p in gold_paths], [str(p) for p in pred_paths]
    return report


def evaluate_documents(gold: Iterable[Document], pred: Iterable[Document], *, align_actors: str | bool = "none",
                       only_common: bool = False) -> Report:
    """Score documents already in memory (an extractor's output before it is written), paired by id.

    Alignment mode "new" treats every id outside the shipped gazetteer as the extractor's own.
    """
    align_actors = _align_mode(align_actors)
    sides = []
    for name, documents in (("gold", gold), ("pred", pred)):
        side = Side(name, context=read_context())
        for document in documents:
            side.documents[document.article.id] = document
            side.files[document.article.id] = Path(document.article.source or f"{document.article.id}.json")
        sides.append(side)
    return evaluate_sides(sides[0], sides[1], align_actors=align_actors, only_common=only_common)


def _paths(value: Path | str | Iterable[Path | str]) -> list[Path]:
    if isinstance(value, (str, Path)):
        return [Path(value)]
    return [Path(v) for v in value]
