"""Fusion arithmetic checked against values computed by hand."""
from __future__ import annotations

import math

import pytest

from qa.retrieval.fusion import convex, rrf


def test_rrf_hand_computed() -> None:
    bm25 = [10, 20, 30]
    dense = [20, 40, 10]
    fused = dict(rrf([bm25, dense], k=60))
    # 10: 1/(60+1) + 1/(60+3) = 1/61 + 1/63
    # 20: 1/(60+2) + 1/(60+1) = 1/62 + 1/61
    # 30: 1/(60+3)            = 1/63
    # 40:            1/(60+2) = 1/62
    assert fused[10] == pytest.approx(1 / 61 + 1 / 63)
    assert fused[20] == pytest.approx(1 / 62 + 1 / 61)
    assert fused[30] == pytest.approx(1 / 63)
    assert fused[40] == pytest.approx(1 / 62)
    # 1/61+1/62 = 0.032518 > 1/61+1/63 = 0.032266 > 1/62 = 0.016129 > 1/63 = 0.015873
    assert [i for i, _ in rrf([bm25, dense], k=60)] == [20, 10, 40, 30]


def test_rrf_weights_and_small_k() -> None:
    # k = 1, weights 2 and 1:
    # a: 2/(1+1) + 1/(1+2) = 1 + 1/3 = 4/3;  b: 2/(1+2) + 1/(1+1) = 2/3 + 1/2 = 7/6
    fused = rrf([["a", "b"], ["b", "a"]], k=1, weights=[2.0, 1.0])
    assert fused[0] == ("a", pytest.approx(4 / 3))
    assert fused[1] == ("b", pytest.approx(7 / 6))


def test_rrf_ties_are_deterministic() -> None:
    # 5 and 7 both score 1/61 + 1/62 and both have best rank 1: the lower id comes first
    fused = rrf([[5, 7], [7, 5]], k=60)
    assert fused[0][1] == pytest.approx(fused[1][1])
    assert [i for i, _ in fused] == [5, 7]
    # exact tie with different best ranks: 3 at rank 1 with weight 61/31 -> (61/31)/61 = 1/31;
    # 9 at rank 2 in two lists -> 1/62 + 1/62 = 1/31; the best rank (1 vs 2) decides.
    # 4 and 8 each score 1/61 with best rank 1: the lower id first.
    assert [i for i, _ in rrf([[3], [4, 9], [8, 9]], k=60, weights=[61 / 31, 1, 1])] == [3, 9, 4, 8]
    # same tie with ids swapped: best rank still decides, not the id
    assert [i for i, _ in rrf([[9], [4, 3], [8, 3]], k=60, weights=[61 / 31, 1, 1])] == [9, 3, 4, 8]


def test_rrf_counts_a_repeated_id_once_per_list() -> None:
    assert rrf([[1, 1, 2]], k=0) == [(1, 1.0), (2, 1 / 3)]  # 2 keeps its position 3


def test_rrf_rejects_mismatched_weights() -> None:
    with pytest.raises(ValueError):
        rrf([[1], [2]], weights=[1.0])


def test_convex_minmax_hand_computed() -> None:
    bm25 = {1: 10.0, 2: 6.0, 3: 2.0}
    dense = {2: 0.9, 4: 0.5, 1: 0.7}
    fused = dict(convex([bm25, dense], weights=[0.4, 0.6]))
    # bm25 min-max over [2, 10]: 1 -> 1.0, 2 -> 0.5, 3 -> 0.0, 4 missing -> 0
    # dense min-max over [0.5, 0.9]: 2 -> 1.0, 1 -> 0.5, 4 -> 0.0, 3 missing -> 0
    # 1: 0.4*1.0 + 0.6*0.5 = 0.70;  2: 0.4*0.5 + 0.6*1.0 = 0.80
    # 3: 0.4*0.0 + 0.6*0   = 0.00;  4: 0.4*0   + 0.6*0.0 = 0.00
    assert fused == pytest.approx({1: 0.70, 2: 0.80, 3: 0.0, 4: 0.0})
    assert [i for i, _ in convex([bm25, dense], weights=[0.4, 0.6])] == [2, 1, 3, 4]


def test_convex_degenerate_lists() -> None:
    # a single result (or all-equal scores) normalises to 1; an empty list contributes nothing
    assert convex([{7: 3.2}, {}], weights=[0.5, 0.5]) == [(7, 0.5)]
    assert convex([{1: 2.0, 2: 2.0}], weights=[1.0]) == [(1, 1.0), (2, 1.0)]
    assert convex([{}, {}], weights=[0.5, 0.5]) == []


def test_convex_zscore_hand_computed() -> None:
    a = {1: 1.0, 2: 2.0, 3: 3.0}
    b = {1: 4.0, 4: 8.0}
    # a: mean 2, population std sqrt(2/3) -> z(1) = -sqrt(1.5), z(2) = 0, z(3) = sqrt(1.5);
    #    4 missing -> lowest z = -sqrt(1.5)
    # b: mean 6, std 2 -> z(1) = -1, z(4) = 1; 2 and 3 missing -> -1
    r = math.sqrt(1.5)
    fused = dict(convex([a, b], weights=[0.5, 0.5], norm="zscore"))
    assert fused[1] == pytest.approx(0.5 * -r + 0.5 * -1)
    assert fused[2] == pytest.approx(0.5 * 0 + 0.5 * -1)
    assert fused[3] == pytest.approx(0.5 * r + 0.5 * -1)
    assert fused[4] == pytest.approx(0.5 * -r + 0.5 * 1)


def test_convex_rejects_bad_arguments() -> None:
    with pytest.raises(ValueError):
        convex([{1: 1.0}], weights=[0.5, 0.5])
    with pytest.raises(ValueError):
        convex([{1: 1.0}], weights=[1.0], norm="softmax")


def test_diversify_gives_an_absent_review_one_place_on_a_near_tie():
    from qa.retrieval.fusion import diversify

    ranked = [(0, 1.0), (1, 0.9), (2, 0.5), (3, 0.46), (4, 0.2)]
    group = {0: "a", 1: "a", 2: "b", 3: "c", 4: "c"}
    # k=3: top is a,a,b; c's best scores 0.46 >= 0.9 * 0.5 = 0.45, so it replaces the lowest
    # item of the most represented review (row 1 of "a"), which goes first in the remainder
    assert diversify(ranked, group, k=3, ratio=0.9) == [(0, 1.0), (2, 0.5), (3, 0.46), (1, 0.9), (4, 0.2)]
    # a clearly weaker item stays out: 0.46 < 0.95 * 0.5 = 0.475
    assert diversify(ranked, group, k=3, ratio=0.95) == ranked
    # ratio 0 disables; a list no longer than k is unchanged
    assert diversify(ranked, group, k=3, ratio=0) == ranked
    assert diversify(ranked[:3], group, k=3) == ranked[:3]


def test_diversify_never_removes_a_review_to_add_another():
    from qa.retrieval.fusion import diversify

    ranked = [(0, 1.0), (1, 0.9), (2, 0.89)]
    group = ["a", "b", "c"]
    assert diversify(ranked, group, k=2, ratio=0.5) == ranked
