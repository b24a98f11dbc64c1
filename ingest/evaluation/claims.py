"""Claims: what each article says about whom, compared as sets of (subject, predicate, object, polarity).

- `claims`: the strict set. Polarity is part of the key because "X denies attacking Y" and "X
  attacked Y" are opposite facts; claimant is not, so that finding a relation and finding who
  says it are measured apart. Two claims with the same key (the same relation in two voices)
  count once: the figure is about relations, the claimant figures are about voices.
- `claims_relaxed`: the same sets after reading every triple in its canonical direction
  (`Vocabulary.canonical`): `B supported-by A` == `A supports B`, and a symmetric term
  (`fights`, `meets-with`) in either direction. An extractor that picks the passive form the
  gold did not is right about the fact; this figure says so, the strict one does not.
- `claims_claimant`: strict keys plus the claimant (None = the article's own voice).
- claimant accuracy: on the strict keys both sides have, gold and predicted claims are paired one
  to one, equal claimants first; accuracy = pairs with equal claimants / pairs. With one claim
  per key on each side (the usual case) that is "is the claimant the same".
- per predicate: the strict figure restricted to one vocabulary term, with its gold support.
"""
from __future__ import annotations

from collections.abc import Sequence

from actorgraph.graph.model import Claim
from actorgraph.graph.vocabulary import Vocabulary
from actorgraph.ingest.evaluation.counts import Accuracy, Counts, set_counts
from actorgraph.ingest.evaluation.discrepancy import Discrepancy

CLAIM_LEVELS = ("claims", "claims_relaxed", "claims_claimant")
ClaimKey = tuple[str, str, str, str]


def claim_key(claim: Claim) -> ClaimKey:
    """(subject, predicate, object, polarity): what the strict figure compares."""
    return (claim.subject, claim.predicate, claim.object, claim.polarity)


def relaxed_key(key: ClaimKey, vocabulary: Vocabulary) -> ClaimKey:
    """The key read in the vocabulary's canonical direction (inverse and symmetric terms folded)."""
    subject, predicate, obj = vocabulary.canonical(key[0], key[1], key[2])
    return (subject, predicate, obj, key[3])


def by_key(claims: Sequence[Claim]) -> dict[ClaimKey, list[Claim]]:
    """Claims grouped by strict key, in file order (the first one's evidence represents the key)."""
    grouped: dict[ClaimKey, list[Claim]] = {}
    for claim in claims:
        grouped.setdefault(claim_key(claim), []).append(claim)
    return grouped


def describe_key(key: ClaimKey) -> str:
    """`sdf supported-by international-coalition`, with the polarity when it is not `asserted`."""
    text = f"{key[0]} {key[1]} {key[2]}"
    return text if key[3] == "asserted" else f"{text} [{key[3]}]"


def voice(claimant: str | None) -> str:
    return claimant if claimant is not None else "(article)"


def voices(claims: Sequence[Claim]) -> set[str | None]:
    return {claim.claimant for claim in claims}


def said_by(claims: Sequence[Claim]) -> str:
    """The distinct voices of claims sharing a key: 'said by (article), local-sources'."""
    return "said by " + ", ".join(sorted(voice(claimant) for claimant in voices(claims)))


def compare_claims(article: str, gold_claims: Sequence[Claim], pred_claims: Sequence[Claim],
                   vocabulary: Vocabulary) -> tuple[dict[str, Counts], dict[str, Counts], Accuracy, list[Discrepancy]]:
    """(level figures, per-predicate figures, claimant accuracy, discrepancies) of one article."""
    gold, pred = by_key(gold_claims), by_key(pred_claims)
    gold_relaxed = {relaxed_key(key, vocabulary) for key in gold}
    pred_relaxed = {relaxed_key(key, vocabulary) for key in pred}
    levels = {
        "claims": set_counts(set(gold), set(pred)),
        "claims_relaxed": set_counts(gold_relaxed, pred_relaxed),
        "claims_claimant": set_counts({(*key, c.claimant) for key, cs in gold.items() for c in cs},
                                      {(*key, c.claimant) for key, cs in pred.items() for c in cs}),
    }
    predicates: dict[str, Counts] = {}
    for predicate in sorted({key[1] for key in gold} | {key[1] for key in pred}):
        predicates[predicate] = set_counts({k for k in gold if k[1] == predicate},
                                           {k for k in pred if k[1] == predicate})
    claimants = Accuracy()
    for key in gold.keys() & pred.keys():
        gold_voices, pred_voices = voices(gold[key]), voices(pred[key])
        claimants.add(Accuracy(len(gold_voices & pred_voices), min(len(gold_voices), len(pred_voices))))
    errors = _claim_errors(article, gold, pred, gold_relaxed, pred_relaxed, vocabulary)
    return levels, predicates, claimants, errors


def _claim_errors(article: str, gold: dict[ClaimKey, list[Claim]], pred: dict[ClaimKey, list[Claim]],
                  gold_relaxed: set[ClaimKey], pred_relaxed: set[ClaimKey],
                  vocabulary: Vocabulary) -> list[Discrepancy]:
    """Missed and false-positive keys (noting a relaxed match), and matched keys with other voices."""
    errors: list[Discrepancy] = []
    relaxed_note = "matches when read as inverse/symmetric (claims_relaxed)"
    for key, claims in gold.items():
        if key not in pred:
            note = relaxed_note if relaxed_key(key, vocabulary) in pred_relaxed else ""
            errors.append(Discrepancy("claim", "missed", article, f"{describe_key(key)}; {said_by(claims)}", "",
                                      claims[0].evidence.text, note))
        elif voices(claims) != voices(pred[key]):
            errors.append(Discrepancy("claim", "claimant", article, f"{describe_key(key)}; {said_by(claims)}",
                                      f"{describe_key(key)}; {said_by(pred[key])}", claims[0].evidence.text))
    for key, claims in pred.items():
        if key not in gold:
            note = relaxed_note if relaxed_key(key, vocabulary) in gold_relaxed else ""
            errors.append(Discrepancy("claim", "false positive", article, "", f"{describe_key(key)}; {said_by(claims)}",
                                      claims[0].evidence.text, note))
    return errors
