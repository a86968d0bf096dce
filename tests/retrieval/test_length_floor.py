"""BM25's length normalisation with a floor (`retrieval.bm25_length_floor`): a passage shorter than
the floor times the average length is normalised as that long, so a short passage holding the
question's words gains nothing for its shortness; by hand, on the real index's postings, and on a
real question whose short neighbour had outranked the passage stating the answer."""
from __future__ import annotations

import numpy as np
import pytest

from qa.index.bm25 import BM25
from qa.retrieval.retriever import Retriever

FLOOR = 0.9  # a floor above the default (0.75), where this question's short neighbour is floored too

# row 0 is short (2 tokens), rows 1-2 long (8 tokens): average length 6
ROWS = [["marker", "cd105"],
        ["marker", "cd105", "a", "b", "c", "d", "e", "f"],
        ["other", "words", "a", "b", "c", "d", "e", "f"]]


def okapi(bm: BM25, tf: int, token: str, length: float) -> float:
    return bm.idf(token) * tf * (bm.k1 + 1) / (tf + bm.k1 * (1 - bm.b + bm.b * length / bm.avgdl))


def test_floor_by_hand():
    bm = BM25.build(ROWS)
    assert bm.avgdl == 6.0
    plain = dict(bm.top(["cd105"], 3))
    floor1 = bm.floored_lengths(1.0)
    assert floor1.tolist() == [6.0, 8.0, 8.0]
    assert bm.floored_lengths(1.0, keep=np.array([True, False, False])).tolist() == [2.0, 8.0, 8.0]
    assert plain[0] > plain[1]  # the short row wins on its length alone
    floored = dict(bm.top(["cd105"], 3, lengths=floor1))
    # the short row is normalised as an average one; the long row keeps its stored score
    assert floored[0] == pytest.approx(okapi(bm, 1, "cd105", 6.0))
    assert floored[1] == pytest.approx(plain[1]) == pytest.approx(okapi(bm, 1, "cd105", 8.0))
    assert floored[0] > floored[1]  # still ahead, by less: it is shorter than the long one
    assert floored[0] < plain[0]
    # a floor above every row's length normalises them all alike: equal tf, equal score
    high = dict(bm.top(["cd105"], 3, lengths=bm.floored_lengths(2.0)))
    assert high[0] == pytest.approx(high[1])
    # scores() reads the same postings
    assert bm.scores(["cd105"], lengths=floor1)[0] == pytest.approx(floored[0])
    # the stored lengths give the stored weights
    assert np.allclose(bm.scores(["cd105"]), bm.scores(["cd105"], lengths=bm.row_lengths().astype(float)))


def test_floor_on_the_real_index(index):
    """Rows at least floor x average long score as stored; shorter rows never score more."""
    bm = index.bm25
    tokens = ["mesenchymal", "lung", "infusion"]
    plain, floored = bm.scores(tokens), bm.scores(tokens, lengths=bm.floored_lengths(0.9))
    lengths = np.asarray(bm._lengths, dtype=float)
    long_rows = lengths >= 0.9 * bm.avgdl
    assert long_rows.any() and (~long_rows).any()
    assert np.allclose(plain[long_rows], floored[long_rows])
    assert (floored[~long_rows] <= plain[~long_rows] + 1e-12).all()
    assert (floored[~long_rows] < plain[~long_rows] - 1e-9).any()


def test_a_short_neighbour_no_longer_outranks_the_answer(settings, index):
    """"Where do intravenously infused MSCs go according to imaging studies?": a 53-word passage of
    the same section ranked first on BM25's length bonus; the 187-word passage stating "mainly
    distributed in the lungs and liver" comes first with a floor of 0.9 (at the default 0.75 the
    53-word passage, 0.73 of the reviews' average, keeps its bonus)."""
    question = "Where do intravenously infused MSCs go according to imaging studies?"
    answer = "mainly distributed in the lungs and liver"
    off = Retriever(settings.replace(bm25_length_floor=0.0), index=index)
    on = Retriever(settings.replace(bm25_length_floor=FLOOR), index=index)
    before, after = off.search(question, k=3), on.search(question, k=3)
    assert answer not in before[0].passage.text and len(before[0].passage.text.split()) < 0.9 * index.bm25.avgdl
    assert answer in after[0].passage.text


def test_segmented_index_floors_as_one_index(tmp_path):
    """An index of several segments recomputes its weights from the stored lengths with the global
    average (`SegmentedBM25._norm`): with a floor it scores as one index built from the same rows."""
    from qa.index.bm25_segments import SegmentedBM25, global_stats, save_stats

    rows = ROWS * 3 + [["cd105", "marker", "a"], ["cd105"]]
    parts = [rows[:5], rows[5:]]
    built = [BM25.build(p) for p in parts]
    arrays, stats = global_stats(built, [None, None], k1=1.5, b=0.75)
    save_stats(tmp_path, arrays, stats)
    seg = SegmentedBM25(tmp_path, built, [0, 5], None)
    whole = BM25.build(rows)
    assert np.array_equal(seg.row_lengths(), whole.row_lengths())
    for floor in (0.9, 1.0):
        lengths = whole.floored_lengths(floor)
        np.testing.assert_allclose(seg.floored_lengths(floor), lengths)
        np.testing.assert_allclose(seg.scores(["cd105", "marker"], lengths=lengths),
                                   whole.scores(["cd105", "marker"], lengths=lengths), rtol=1e-12)
    assert not np.allclose(whole.scores(["cd105"], lengths=whole.floored_lengths(1.0)), whole.scores(["cd105"]))


def test_table_rows_keep_their_own_length(settings, index):
    """A table row is one record, short by its nature: the retriever floors text passages only."""
    lengths = Retriever(settings.replace(bm25_length_floor=FLOOR), index=index).bm25_lengths()
    stored = index.bm25.row_lengths()
    table = np.array([p.kind == "table_row" for p in index.passages])
    assert table.any() and (stored[table] < FLOOR * index.bm25.avgdl).any()
    assert np.array_equal(lengths[table], stored[table])
    assert (lengths[~table] >= FLOOR * index.bm25.avgdl - 1e-9).all()
    assert Retriever(settings.replace(bm25_length_floor=0.0), index=index).bm25_lengths() is None
    assert settings.retrieval.bm25_length_floor > 0  # on by default
