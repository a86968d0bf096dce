"""Metrics against values computed by hand."""
from __future__ import annotations

import math

import pytest

from qa.evaluation.metrics import (
    alnum_fold,
    first_relevant_rank,
    hit_at_k,
    hit_within_words,
    mean,
    mean_by_group,
    mrr_at_k,
    ndcg_at_k,
    phrase_in,
    prf,
    set_counts,
    set_prf,
    squad_normalise,
    token_f1,
)

RANKED = [False, False, True, False, True]  # relevant at ranks 3 and 5


def test_hit_at_k() -> None:
    assert hit_at_k(RANKED, 1) == 0.0
    assert hit_at_k(RANKED, 2) == 0.0
    assert hit_at_k(RANKED, 3) == 1.0
    assert hit_at_k(RANKED, 10) == 1.0
    assert hit_at_k([], 10) == 0.0


def test_mrr_at_k() -> None:
    assert first_relevant_rank(RANKED) == 3
    assert mrr_at_k(RANKED, 10) == pytest.approx(1 / 3)
    assert mrr_at_k(RANKED, 2) == 0.0
    assert mrr_at_k([True], 1) == 1.0
    assert first_relevant_rank([False, False]) is None


def test_ndcg_at_k_by_hand() -> None:
    # DCG = 1/log2(4) + 1/log2(6) = 0.5 + 0.386853 = 0.886853; IDCG(2) = 1 + 0.630930 = 1.630930
    expected = (0.5 + 1 / math.log2(6)) / (1 + 1 / math.log2(3))
    assert ndcg_at_k(RANKED, 5) == pytest.approx(expected)
    assert ndcg_at_k(RANKED, 5) == pytest.approx(0.54377, abs=1e-5)
    # Cut at 3: DCG = 0.5, ideal still has 2 relevant results among the 5 seen.
    assert ndcg_at_k(RANKED, 3) == pytest.approx(0.5 / (1 + 1 / math.log2(3)))
    # Known total of 4 relevant passages: IDCG over min(4, k=5) positions.
    idcg4 = sum(1 / math.log2(i + 2) for i in range(4))
    assert ndcg_at_k(RANKED, 5, n_relevant=4) == pytest.approx((0.5 + 1 / math.log2(6)) / idcg4)
    assert ndcg_at_k([True, True], 10) == pytest.approx(1.0)
    assert ndcg_at_k([False, False], 10) == 0.0


def test_hit_within_words() -> None:
    counts = [80, 150, 60]
    # Passage starts: 0, 80, 230.
    assert hit_within_words(counts, [False, True, False], 100) == 1.0  # starts at 80 < 100
    assert hit_within_words(counts, [False, False, True], 100) == 0.0  # starts at 230
    assert hit_within_words(counts, [False, False, True], 300) == 1.0
    assert hit_within_words([100, 50], [False, True], 100) == 0.0  # starts exactly at budget
    assert hit_within_words([500], [True], 100) == 1.0  # a long first passage still starts at 0
    assert hit_within_words([], [], 100) == 0.0


def test_squad_normalise_and_token_f1() -> None:
    assert squad_normalise("The  Cells, an MSC!") == "cells msc"
    assert token_f1("Sixteen patients, intracoronary", "16 patients intracoronary") == pytest.approx(
        2 * (2 / 3) * (2 / 3) / (4 / 3)
    )
    # pred: [bone, marrow, msc] ref: [allogeneic, bone, marrow] -> overlap 2, P=R=2/3.
    assert token_f1("the bone marrow MSC", "allogeneic bone marrow") == pytest.approx(2 / 3)
    # Duplicates count once per occurrence: pred [iv, iv] ref [iv] -> P=1/2, R=1, F1=2/3.
    assert token_f1("IV IV", "IV") == pytest.approx(2 / 3)
    assert token_f1("nothing shared", "entirely different") == 0.0
    assert token_f1("", "") == 1.0
    assert token_f1("", "x") == 0.0


def test_phrase_in_is_robust_to_pdf_artifacts() -> None:
    text = "exert potent immunosuppressive and anti-inflam-\nmatory eff ects through"
    assert phrase_in("anti-inflammatory effects", text)
    assert phrase_in("ANTI INFLAMMATORY effects", text)
    assert not phrase_in("anti-inflammatory defects", text)
    assert phrase_in("Phase Ⅰ trial", "phase I trial")  # NFKC folds the Roman numeral
    assert not phrase_in("", text)
    assert alnum_fold("CD73+ CD90+, IFN-γ") == "cd73cd90ifnγ"


def test_prf_and_sets() -> None:
    assert prf(3, 1, 2) == pytest.approx((0.75, 0.6, 2 * 0.75 * 0.6 / 1.35))
    assert prf(0, 0, 0) == (0.0, 0.0, 0.0)
    assert prf(0, 2, 1) == (0.0, 0.0, 0.0)
    assert set_counts({"116", "117", "9"}, {"116", "117", "118", "119"}) == (2, 1, 2)
    p, r, f = set_prf({"116", "117", "9"}, {"116", "117", "118", "119"})
    assert (p, r) == pytest.approx((2 / 3, 0.5))
    assert f == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))
    assert set_prf(set(), {"1"}) == (0.0, 0.0, 0.0)


def test_aggregation() -> None:
    assert mean([1.0, None, 0.0]) == 0.5
    assert mean([None]) is None
    rows = [
        (["kim2013"], {"hit": 1.0, "f1": 0.5}),
        (["kim2013", "pmc3782548"], {"hit": 0.0, "f1": None}),
        (["pmc3782548"], {"hit": 1.0, "f1": 1.0}),
    ]
    assert mean_by_group(rows) == {
        "kim2013": {"hit": 0.5, "f1": 0.5},
        "pmc3782548": {"hit": 0.5, "f1": 1.0},
    }
