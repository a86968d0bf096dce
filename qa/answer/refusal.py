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
  the best evidence stands out from the retrieved background);
- `missing_specific`: the smoothed-idf weight (relative to a word the corpus never uses) of the
  heaviest *specific* question word that the top three passages lack. Specific = written as a
  name or code in the question (capitalised after the first word, two or more capitals, or a
  digit: "Alzheimer's", "EBMT", "K164R") or not a whole word of the packaged embedding model's
  general-English WordPiece vocabulary ("busulfan", "carbapenemase"). An everyday word the
  corpus happens not to use ("enroll", "turning") is not evidence of absence; a missing name,
  number or technical term is. The vocabulary is the model's, fixed and versioned with it, not
  a list written for any question; the weight the feature gets is fitted like the others;
- `specific_coverage`: the idf-weighted share of the question's specific words that the top three
  passages contain (1 when the question has none): a near-miss question names things the
  corpus has and things it lacks, an answerable one mostly things it has.
"""
from __future__ import annotations

import math
import re
from collections.abc import Sequence

FEATURES = ("best_score", "best_dense", "unit_coverage", "passage_coverage", "dense_margin", "missing_term",
            "missing_specific", "specific_coverage")
NAME_WORD = re.compile(r"[^\s,;:?!()\[\]\"]+")


def specific_tokens(question: str) -> set[str]:
    """The index tokens of the question's words written as names or codes (see `missing_specific`)
    and of its words outside the model's general vocabulary."""
    from qa.index.analyzer import tokenize
    from qa.ingest.clean.lexicon import model_vocabulary

    vocabulary = model_vocabulary()
    out: set[str] = set()
    for i, word in enumerate(NAME_WORD.findall(question)):
        named = (i > 0 and word[:1].isupper()) or any(c.isdigit() for c in word) \
            or sum(c.isupper() for c in word) >= 2
        out.update(t for t in tokenize(word) if named or t not in vocabulary)
    return out


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
