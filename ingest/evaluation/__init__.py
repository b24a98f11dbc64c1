"""Scoring annotated articles against gold annotations: `actorgraph evaluate GOLD PRED`.

`evaluate_paths(gold, pred, align_actors=...)` reads both sides with the ingest readers (no
store is written), pairs articles by id or file name, and returns a `Report` whose `to_dict()`
holds every figure: mentions (exact and overlapping spans, with and without the actor), actors
per article, claims (strict, relaxed by inverse/symmetric terms, with claimant), claimant
accuracy, per predicate and per language. `evaluate_documents` scores Documents in memory.
docs/evaluation.md defines each figure.
"""
from actorgraph.ingest.evaluation.report import LEVELS, Report, evaluate_documents, evaluate_paths, evaluate_sides
from actorgraph.ingest.evaluation.sides import EvaluationError

__all__ = ["LEVELS", "EvaluationError", "Report", "evaluate_documents", "evaluate_paths", "evaluate_sides"]
