"""Fusing ranked lists from different retrievers (BM25, dense) into one ranking.

Pure functions over passage row ids. Ties are broken deterministically so the same question
always gives the same order: by fused score, then by best single rank (rrf) or id (convex).
"""
from __future__ import annotations

import math

_DIGITS = 12  # fused scores are compared after rounding, so summation order cannot split ties


def rrf(
    rankings: list[list[int]], k: float = 60.0, weights: list[float] | None = None
) -> list[tuple[int, float]]:
    """Reciprocal rank fusion: score(id) = sum_i weights[i] / (k + rank_i(id)), ranks 1-based.

    An id absent from a list contributes nothing from it; a repeated id counts at its first
    (best) position only. Sorted by fused score desc, then best rank in any list, then id.
    """
    if weights is None:
        weights = [1.0] * len(rankings)
    if len(weights) != len(rankings):
        raise ValueError(f"{len(weights)} weights for {len(rankings)} rankings")
    if k < 0:
        raise ValueError("k must be >= 0")
    fused: dict[int, float] = {}
    best: dict[int, int] = {}
    for ranking, weight in zip(rankings, weights):
        seen: set[int] = set()
        for rank, item in enumerate(ranking, start=1):
            if item in seen:
                continue
            seen.add(item)
            fused[item] = fused.get(item, 0.0) + weight / (k + rank)
            best[item] = min(best.get(item, rank), rank)
    return sorted(fused.items(), key=lambda kv: (-round(kv[1], _DIGITS), best[kv[0]], kv[0]))


def _normalise(scores: dict[int, float], norm: str) -> tuple[dict[int, float], float]:
    """Normalised scores of one list and the value an id missing from it gets."""
    if not scores:
        return {}, 0.0
    values = list(scores.values())
    if norm == "minmax":
        low, high = min(values), max(values)
        if high == low:  # one result or all equal: all present ids are equally "best"
            return {i: 1.0 for i in scores}, 0.0
        return {i: (s - low) / (high - low) for i, s in scores.items()}, 0.0
    if norm == "zscore":
        mean = sum(values) / len(values)
        std = math.sqrt(sum((v - mean) ** 2 for v in values) / len(values))
        if std == 0:
            return {i: 0.0 for i in scores}, 0.0
        z = {i: (s - mean) / std for i, s in scores.items()}
        return z, min(z.values())  # missing = as bad as the worst retrieved one
    if norm == "none":
        return dict(scores), 0.0
    raise ValueError(f"unknown normalisation {norm!r}: use 'minmax', 'zscore' or 'none'")


def convex(
    scores: list[dict[int, float]], weights: list[float], norm: str = "minmax"
) -> list[tuple[int, float]]:
    """Convex combination sum_i weights[i] * norm_i(score_i(id)) over the union of ids.

    'minmax' maps each list to [0, 1] (an id missing from a list gets 0 for it; a list whose
    scores are all equal gives its ids 1). 'zscore' standardises each list (population std;
    a missing id gets that list's lowest z). Sorted by fused score desc, then id.
    """
    if len(weights) != len(scores):
        raise ValueError(f"{len(weights)} weights for {len(scores)} score lists")
    normalised = [_normalise(s, norm) for s in scores]
    ids = sorted({i for s in scores for i in s})
    fused = {
        i: sum(w * n.get(i, missing) for w, (n, missing) in zip(weights, normalised)) for i in ids
    }
    return sorted(fused.items(), key=lambda kv: (-round(kv[1], _DIGITS), kv[0]))


def diversify(
    ranked: list[tuple[int, float]], group_of: dict[int, str] | list[str], k: int, ratio: float = 0.9
) -> list[tuple[int, float]]:
    """Give a group (a review) absent from the top k one place when it has a near-tie.

    A group none of whose items is in the top `k` gets its best item moved to the end of the
    top k when that item's score is at least `ratio` times the k-th score; it takes the place
    of the lowest-ranked item of the group with the most items in the top k. One review then
    cannot crowd another out of the first page on a near-tie; a clearly weaker item stays out.
    Scores are left unchanged, so the list is no longer strictly sorted by score.
    """
    if ratio <= 0 or len(ranked) <= k or k <= 0:
        return list(ranked)
    top = list(ranked[:k])
    rest = list(ranked[k:])
    floor = ratio * top[-1][1]
    for item in list(rest):
        present = {group_of[i] for i, _ in top}
        group = group_of[item[0]]
        if group in present or item[1] < floor:
            continue
        counts: dict[str, int] = {}
        for i, _ in top:
            counts[group_of[i]] = counts.get(group_of[i], 0) + 1
        crowded = max(counts, key=lambda g: (counts[g], -min(n for n, (i, _) in enumerate(top) if group_of[i] == g)))
        if counts[crowded] < 2:
            break  # every place is already a different group
        victim = max(n for n, (i, _) in enumerate(top) if group_of[i] == crowded)
        displaced = top.pop(victim)
        top.append(item)
        rest.remove(item)
        rest.insert(0, displaced)
    return top + rest
