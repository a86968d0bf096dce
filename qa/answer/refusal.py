"""Deciding "the corpus does not answer this" from the evidence itself.

No word lists and no vocabulary thresholds: the decision reads how well the best evidence
covers the question and how strong the best evidence is, through a logistic model whose
coefficients are settings (`AnswerSettings.refusal_*`) fitted on the dev splits by
`qa.evaluation.calibrate` (a reliability curve is in evals/README.md). The probability it
gives is the estimated chance that the answer is in the corpus.

Features (all in [0, 1] or cosine units, so the model transfers to new articles):
- `best_score`: the best answer unit's score (dense + lexical + rank mix of the span scorer);
- `best_dense`: the best cosine between the question and one answer unit;
- `unit_coverage`: idf-weighted share of the question's content terms present in the best
  unit's context (the unit, its section title and the sentence before);
- `passage_coverage`: the same share over the top three passages together;
- `dense_margin`: best unit cosine minus the median cosine of all candidate units (how much
  the best evidence stands out from the retrieved background).
"""
from __future__ import annotations

import math
from collections.abc import Sequence

FEATURES = ("best_score", "best_dense", "unit_coverage", "passage_coverage", "dense_margin", "missing_term")


def probability(features: Sequence[float], coefficients: Sequence[float], intercept: float) -> float:
    """Logistic model: P(answer in corpus) = sigmoid(intercept + coefficients . features)."""
    if len(features) != len(coefficients):
        raise ValueError(f"{len(coefficients)} coefficients for {len(features)} features")
    z = intercept + sum(c * f for c, f in zip(coefficients, features))
    if z < -60:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z))


def median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2
