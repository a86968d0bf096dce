"""BM25Okapi's idf, and the repair of its floor, computed bit-for-bit as rank-bm25 does.

Two forms of one computation: `okapi_idf` over a Python list (a build), `okapi_idf_array` with
array operations and the same floating-point results (merging segments, qa.index.bm25_segments).
"""
from __future__ import annotations

import math

import numpy as np


def okapi_idf(doc_freqs: list[int], n_rows: int, epsilon: float) -> list[float]:
    """BM25Okapi's idf for terms given in its dict order (first occurrence), then `floor_idf`.

    Computed with `math.log` and summed in the same order as rank-bm25, so every value is
    bit-for-bit the one BM25Okapi (plus the floor repair) would hold.
    """
    idf: list[float] = []
    idf_sum = 0
    negative: list[int] = []
    by_df: dict[int, float] = {}
    for i, freq in enumerate(doc_freqs):
        value = by_df.get(freq)
        if value is None:
            value = by_df[freq] = math.log(n_rows - freq + 0.5) - math.log(freq + 0.5)
        idf.append(value)
        idf_sum += value
        if value < 0:
            negative.append(i)
    average = idf_sum / len(idf)
    eps = epsilon * average
    for i in negative:
        idf[i] = eps
    return floor_idf(idf, average, epsilon)


def floor_idf(idf: list[float], average: float, epsilon: float) -> list[float]:
    """Make BM25Okapi's idf floor monotone and positive.

    BM25Okapi floors *negative* idfs (terms in more than half the rows) at epsilon times the
    average idf, but leaves a term in exactly half the rows at idf 0, so it scores below a
    commoner term; and in a corpus of one or two passages the average idf is itself <= 0, so
    nothing can be retrieved. Here every idf below the floor is raised to it, and the floor
    uses the average absolute idf when the average is not positive.
    """
    if average <= 0:
        average = sum(abs(v) for v in idf) / len(idf)
    floor = epsilon * average if average > 0 else epsilon
    return [floor if v < floor else v for v in idf]


def okapi_idf_array(doc_freqs: np.ndarray, n_rows: int, epsilon: float) -> np.ndarray:
    """`okapi_idf` with array operations and the same floating-point results: each
    distinct df's idf by `math.log` as there, the sum for the average accumulated in the same
    order (cumsum adds left to right, as the Python loop does), then the same floor."""
    distinct, inverse = np.unique(doc_freqs, return_inverse=True)
    values = np.array([math.log(n_rows - f + 0.5) - math.log(f + 0.5) for f in distinct.tolist()],
                      dtype=np.float64)
    idf = values[inverse.ravel()]
    average = float(np.cumsum(idf)[-1]) / len(idf)
    idf[idf < 0] = epsilon * average
    if average <= 0:  # the rare tiny-corpus case: floor_idf's own rule, on a list
        return np.array(floor_idf(idf.tolist(), average, epsilon), dtype=np.float64)
    floor = epsilon * average
    return np.where(idf < floor, floor, idf)
