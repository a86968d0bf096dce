"""BM25 over segments with tombstones, on windows of the real texts: the scores of the live rows
are rank-bm25's BM25Okapi over exactly those rows (and a single BM25 built from them)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

from qa.index.analyzer import tokenize
from qa.index.bm25 import BM25
from qa.index.bm25_idf import floor_idf
from qa.index.bm25_segments import SegmentedBM25, global_stats, save_stats
from qa.settings import PROJECT_ROOT

QUESTIONS = ("steroid-resistant acute GVHD", "MSCs for SLE", "bone marrow mesenchymal stem cells",
             "cells", "the patients were treated", "umbilical cord blood MSC frequency")


@pytest.fixture(scope="module")
def rows() -> list[list[str]]:
    words = " ".join(p.read_text(encoding="utf-8") for p in sorted((PROJECT_ROOT / "corpus").glob("*.txt"))).split()
    return [tokenize(" ".join(words[i:i + 90])) for i in range(0, len(words), 90)]


def okapi(rows: list[list[str]]) -> BM25Okapi:
    ref = BM25Okapi(rows)
    ref.idf = dict(zip(ref.idf, floor_idf(list(ref.idf.values()), ref.average_idf, ref.epsilon)))
    return ref


def segmented(tmp: Path, parts: list[list[list[str]]], deleted: list[np.ndarray | None]) -> SegmentedBM25:
    built = [BM25.build(p) for p in parts]
    arrays, stats = global_stats(built, deleted, k1=1.5, b=0.75)
    save_stats(tmp, arrays, stats)
    offsets = np.cumsum([0] + [len(p) for p in parts])[:-1].tolist()
    live = None if all(d is None for d in deleted) else np.concatenate(
        [np.zeros(len(p), bool) if d is None else d for p, d in zip(parts, deleted)]) == 0
    return SegmentedBM25(tmp, built, offsets, live)


def test_appended_segments_score_bit_for_bit_as_one_index(rows, tmp_path):
    a, b, c = rows[:250], rows[250:420], rows[420:]
    seg = segmented(tmp_path, [a, b, c], [None, None, None])
    whole = BM25.build(rows)
    ref = okapi(rows)
    assert seg.size == whole.size == len(rows) and seg.avgdl == whole.avgdl
    for q in QUESTIONS:
        tokens = tokenize(q)
        np.testing.assert_array_equal(seg.scores(tokens), whole.scores(tokens))
        np.testing.assert_allclose(seg.scores(tokens), ref.get_scores(tokens), rtol=1e-12, atol=0)
        assert seg.top(tokens, 10) == whole.top(tokens, 10)
    for token in {t for r in rows[:30] for t in r}:
        assert (seg.idf(token), seg.df(token)) == (whole.idf(token), whole.df(token))


def test_tombstoned_rows_leave_every_statistic(rows, tmp_path):
    a, b = rows[:300], rows[300:]
    gone = np.zeros(len(a), dtype=bool)
    gone[40:140] = True  # a removed document in the middle of the first segment
    seg = segmented(tmp_path, [a, b], [gone, None])
    live_rows = [r for i, r in enumerate(a) if not gone[i]] + b
    ref, whole = okapi(live_rows), BM25.build(live_rows)
    live = np.flatnonzero(np.concatenate([~gone, np.ones(len(b), bool)]))
    assert seg.size == len(live_rows) and seg.avgdl == whole.avgdl
    for q in QUESTIONS:
        tokens = tokenize(q)
        scores = seg.scores(tokens)
        assert not scores[40:140].any()
        np.testing.assert_allclose(scores[live], ref.get_scores(tokens), rtol=1e-12, atol=0)
        np.testing.assert_allclose(scores[live], whole.scores(tokens), rtol=1e-12, atol=0)
        assert [live.tolist().index(r) for r, _ in seg.top(tokens, 10)] == [r for r, _ in whole.top(tokens, 10)]
    for token in {t for r in rows[40:60] for t in r}:
        assert seg.df(token) == whole.df(token)
        assert seg.idf(token) == pytest.approx(whole.idf(token), rel=1e-12)


def reference_stats(parts: list[BM25], deleted: list[np.ndarray | None], epsilon: float = 0.25):
    """global_stats as it was written first (commit 948a749): a Python dict over every term."""
    from qa.index.bm25_idf import okapi_idf

    df: dict[str, int] = {}
    live = 0
    for part, gone in zip(parts, deleted):
        counts = np.asarray(part._df, dtype=np.int64)
        lengths = np.asarray(part._lengths, dtype=np.int64)
        if gone is not None and gone.any():
            term_of = np.repeat(np.arange(len(counts)), np.diff(np.asarray(part._indptr)))
            counts = counts - np.bincount(term_of[gone[np.asarray(part._indices)]], minlength=len(counts))
            lengths = lengths[~gone]
        live += int(lengths.size)
        blob, offsets = bytes(np.asarray(part._terms)), np.asarray(part._offsets).tolist()
        words = [blob[a:z].decode("utf-8") for a, z in zip(offsets[:-1], offsets[1:])]
        for column in np.argsort(np.asarray(part._order), kind="stable").tolist():
            if counts[column]:
                df[words[column]] = df.get(words[column], 0) + int(counts[column])
    words = list(df)
    idf_first = okapi_idf(list(df.values()), live, epsilon)
    order = sorted(range(len(words)), key=lambda i: words[i].encode("utf-8"))
    return ([words[i] for i in order], [df[words[i]] for i in order], [idf_first[i] for i in order])


@pytest.mark.parametrize("cuts,removed", [
    ((250, 420), {}),  # appended segments
    ((300,), {0: (40, 140)}),  # a removed document in the first segment
    ((100, 380, 500), {1: (0, 10**6), 2: (5, 60)}),  # a whole segment removed, and part of another
    ((10, 20, 400), {0: (0, 3), 3: (0, 50)}),  # small segments before a big one
])
def test_global_statistics_equal_the_first_implementation_bit_for_bit(rows, cuts, removed):
    bounds = [0, *cuts, len(rows)]
    parts = [rows[a:z] for a, z in zip(bounds[:-1], bounds[1:])]
    deleted = []
    for i, p in enumerate(parts):
        gone = None
        if i in removed:
            gone = np.zeros(len(p), dtype=bool)
            gone[removed[i][0]:removed[i][1]] = True
        deleted.append(gone)
    built = [BM25.build(p) for p in parts]
    arrays, _ = global_stats(built, deleted, k1=1.5, b=0.75)
    blob, offsets = bytes(arrays["bm25.terms.npy"]), arrays["bm25.term_offsets.npy"].tolist()
    words = [blob[a:z].decode("utf-8") for a, z in zip(offsets[:-1], offsets[1:])]
    want_words, want_df, want_idf = reference_stats(built, deleted)
    assert words == want_words
    assert arrays["bm25.df.npy"].tolist() == want_df
    assert arrays["bm25.idf.npy"].tolist() == want_idf  # the same floats, not approximately
