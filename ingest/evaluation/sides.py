"""The two sides of an evaluation: reading each with the ingest readers, and pairing their articles.

Each side is read with its own `ReadContext`, exactly as `actorgraph ingest` would read it, but
nothing is written to a store: evaluating never touches the user's graph. Separate contexts keep
one side's inline and newly created actors from resolving names on the other side.

Articles pair by article id; the rest pair by file name stem (`gold/a.json` with `pred/a.ann`)
when each file holds exactly one article and the stem is unique on its side, so a prediction
that renamed the article still meets its gold. Anything ambiguous stays unpaired and is reported.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from actorgraph.graph.errors import ActorGraphError, InputError
from actorgraph.graph.gazetteer import default_gazetteer, load_gazetteer
from actorgraph.graph.model import Document
from actorgraph.ingest.pipeline import collect_files, read_documents
from actorgraph.ingest.registry import ReadContext, ReadOptions

Progress = Callable[[int, int, str], None]


class EvaluationError(ActorGraphError):
    """Nothing can be scored: a side is missing, or no article pairs up.

    `read_errors` holds the articles that could not be read: often the reason nothing paired.
    """

    def __init__(self, message: str, read_errors: list[InputError] | None = None) -> None:
        super().__init__(message)
        self.read_errors = read_errors or []


@dataclass
class Side:
    """The articles of one side by article id, the file each came from, and what went wrong."""

    name: str  # "gold" or "pred"
    documents: dict[str, Document] = field(default_factory=dict)
    files: dict[str, Path] = field(default_factory=dict)
    errors: list[InputError] = field(default_factory=list)
    context: ReadContext = field(default_factory=ReadContext)

    def single_article_stems(self) -> dict[str, str]:
        """file stem -> article id, for files holding one article whose stem no other file shares."""
        per_file = Counter(self.files.values())
        stems = Counter(path.stem for path in per_file)
        return {path.stem: article_id for article_id, path in self.files.items()
                if per_file[path] == 1 and stems[path.stem] == 1}


def read_context(gazetteers: Iterable[Path] = (), options: ReadOptions | None = None) -> ReadContext:
    """A fresh context: the shipped gazetteer, extra gazetteer files, reader options (mapping...)."""
    gazetteer = default_gazetteer()
    for path in gazetteers:
        for actor in load_gazetteer(path).actors.values():
            gazetteer.add(actor)
    return ReadContext(gazetteer=gazetteer, options=options or ReadOptions())


def read_side(name: str, paths: Iterable[Path | str], context: ReadContext, forced_format: str | None = None,
              progress: Progress | None = None) -> Side:
    """Read every article under `paths`; a missing path is fatal, a bad article is recorded.

    A duplicate article id keeps the later file, as ingest does, with a warning in the context.
    """
    side = Side(name, context=context)
    files, missing = collect_files(paths, forced_format)
    if missing:
        raise EvaluationError(f"{name}: {missing[0]}")
    done: set[Path] = set()
    for path, document in read_documents(files, context, forced_format, side.errors):
        article_id = document.article.id
        if article_id in side.files and side.files[article_id] != path:
            context.warn(f"{name}: article id {article_id!r} in {path} and in {side.files[article_id]}; "
                         "the later one is scored")
        side.documents[article_id] = document
        side.files[article_id] = path
        if progress and path not in done:
            done.add(path)
            progress(len(done), len(files), f"{name}: {path.name}")
    return side


@dataclass(frozen=True)
class Pairing:
    """Which articles meet: (gold id, pred id) pairs, and the ids present on one side only."""

    pairs: list[tuple[str, str]]
    only_gold: list[str]
    only_pred: list[str]
    by_stem: list[tuple[str, str]]  # the pairs made by file name, not by id


def pair_articles(gold: Side, pred: Side) -> Pairing:
    """Pair by article id, then by file name stem (see the module docstring); sorted by gold id."""
    pairs = {article_id: article_id for article_id in gold.documents if article_id in pred.documents}
    gold_stems = {stem: a for stem, a in gold.single_article_stems().items() if a not in pairs}
    paired_pred = set(pairs.values())
    by_stem = []
    for stem, pred_id in pred.single_article_stems().items():
        gold_id = gold_stems.get(stem)
        if gold_id is not None and pred_id not in paired_pred:
            pairs[gold_id] = pred_id
            paired_pred.add(pred_id)
            by_stem.append((gold_id, pred_id))
    return Pairing(
        pairs=sorted(pairs.items()),
        only_gold=sorted(a for a in gold.documents if a not in pairs),
        only_pred=sorted(a for a in pred.documents if a not in paired_pred),
        by_stem=sorted(by_stem),
    )
