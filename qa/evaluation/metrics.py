"""Evaluation metrics: pure functions over ranked relevance lists, strings and key sets.

Kept free of any project state so that every number the evaluation reports can be checked
by hand (see tests/test_metrics.py).
"""
from __future__ import annotations

import math
import re
import string
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple


class PRF(NamedTuple):
    precision: float
    recall: float
    f1: float


# --- ranking ---------------------------------------------------------------------------------


def hit_at_k(ranked_relevance: Sequence[bool], k: int) -> float:
    """1.0 if any of the first k results is relevant, else 0.0."""
    return 1.0 if any(ranked_relevance[:k]) else 0.0


def first_relevant_rank(ranked_relevance: Sequence[bool]) -> int | None:
    """1-based rank of the first relevant result, or None."""
    for index, relevant in enumerate(ranked_relevance):
        if relevant:
            return index + 1
    return None


def mrr_at_k(ranked_relevance: Sequence[bool], k: int) -> float:
    """Reciprocal rank of the first relevant result within the first k (0.0 if none)."""
    rank = first_relevant_rank(ranked_relevance[:k])
    return 0.0 if rank is None else 1.0 / rank


def ndcg_at_k(ranked_relevance: Sequence[bool], k: int, n_relevant: int | None = None) -> float:
    """Binary-relevance nDCG@k.

    The ideal ranking puts `n_relevant` relevant results first; when the number of relevant
    passages in the whole corpus is unknown (the usual case here) it defaults to the number of
    relevant results seen in the ranked list, so the score measures how high they sit.
    """
    top = ranked_relevance[:k]
    dcg = sum(1.0 / math.log2(i + 2) for i, relevant in enumerate(top) if relevant)
    ideal_count = sum(1 for r in ranked_relevance if r) if n_relevant is None else n_relevant
    ideal_count = min(ideal_count, k)
    if ideal_count == 0:
        return 0.0
    idcg = sum(1.0 / math.log2(i + 2) for i in range(ideal_count))
    return dcg / idcg


def hit_within_words(
    ranked_passages_word_counts: Sequence[int], ranked_relevance: Sequence[bool], budget: int
) -> float:
    """1.0 if a relevant passage starts before `budget` words of reading are used up.

    Models a reader going down the ranked list: passage i starts after the words of
    passages 0..i-1, so a long irrelevant first passage can push the answer out of reach.
    """
    words_read = 0
    for count, relevant in zip(ranked_passages_word_counts, ranked_relevance):
        if words_read >= budget:
            break
        if relevant:
            return 1.0
        words_read += count
    return 0.0


# --- text ------------------------------------------------------------------------------------

_ARTICLES = re.compile(r"\b(a|an|the)\b")
_PUNCT = str.maketrans("", "", string.punctuation)


def squad_normalise(text: str) -> str:
    """SQuAD answer normalisation: lowercase, drop punctuation and articles, squeeze spaces."""
    text = text.lower().translate(_PUNCT)
    text = _ARTICLES.sub(" ", text)
    return " ".join(text.split())


def token_f1(prediction: str, reference: str) -> float:
    """SQuAD token-overlap F1 between a predicted and a reference answer."""
    pred_tokens = squad_normalise(prediction).split()
    ref_tokens = squad_normalise(reference).split()
    if not pred_tokens or not ref_tokens:
        return 1.0 if pred_tokens == ref_tokens else 0.0
    common = Counter(pred_tokens) & Counter(ref_tokens)
    overlap = sum(common.values())
    if overlap == 0:
        return 0.0
    precision = overlap / len(pred_tokens)
    recall = overlap / len(ref_tokens)
    return 2 * precision * recall / (precision + recall)


def alnum_fold(text: str) -> str:
    """Lowercased letters and digits only (NFKC, so 'Ⅰ' -> 'i' and 'ﬁ' -> 'fi').

    Dropping spaces and punctuation makes matching immune to PDF artifacts such as
    ligature splits ('infl ammatory'), line-break hyphens ('poten-\\ntial') and spacing.
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in text if ch.isalnum())


def phrase_in(phrase: str, text: str) -> bool:
    """Robust containment: `phrase` occurs in `text` after `alnum_fold` of both."""
    needle = alnum_fold(phrase)
    return bool(needle) and needle in alnum_fold(text)


# --- sets ------------------------------------------------------------------------------------


def prf(tp: int, fp: int, fn: int) -> PRF:
    """Precision, recall and F1 from counts; 0.0 where a denominator is zero."""
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PRF(precision, recall, f1)


def set_counts(predicted: Iterable[str], gold: Iterable[str]) -> tuple[int, int, int]:
    """(true positives, false positives, false negatives) of two key sets."""
    pred, ref = set(predicted), set(gold)
    return len(pred & ref), len(pred - ref), len(ref - pred)


def set_prf(predicted: Iterable[str], gold: Iterable[str]) -> PRF:
    """Precision/recall/F1 of a predicted key set against a gold key set."""
    return prf(*set_counts(predicted, gold))


# --- aggregation -----------------------------------------------------------------------------


def mean(values: Iterable[float | None]) -> float | None:
    """Mean of the non-None values, or None when there are none."""
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def mean_by_group(
    rows: Sequence[tuple[Sequence[str], Mapping[str, float | None]]],
) -> dict[str, dict[str, float]]:
    """Mean of each metric per group; a row may belong to several groups (e.g. two docs).

    None values mean "not applicable to this row" and are left out of that metric's mean.
    """
    grouped: dict[str, dict[str, list[float]]] = {}
    for groups, metrics in rows:
        for group in groups:
            bucket = grouped.setdefault(group, {})
            for name, value in metrics.items():
                if value is not None:
                    bucket.setdefault(name, []).append(value)
    return {
        group: {name: sum(vals) / len(vals) for name, vals in bucket.items()}
        for group, bucket in sorted(grouped.items())
    }
