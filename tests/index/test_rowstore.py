"""Lazy passage and answer-unit stores over the real index: same content as ingestion, read by row."""
from __future__ import annotations

import numpy as np
import pytest

from qa.errors import QAError
from qa.index import rowstore
from qa.index.build import answer_units


def test_passages_are_read_lazily_and_equal_ingestion(index, corpus):
    store = index.passages
    assert isinstance(store, rowstore.PassageStore)
    assert len(store) == len(corpus.passages)
    assert not store._cache or len(store._cache) <= rowstore.CACHE_SIZE
    for row in (0, len(store) // 2, len(store) - 1, -1):
        assert store[row] == corpus.passages[row]
    assert [p.id for p in store] == [p.id for p in corpus.passages]
    for row, p in enumerate(corpus.passages):
        assert index.rows[p.id] == row
        assert index.doc_of_row[row] == p.doc_id
    assert "not-a-passage-id" not in index.rows
    with pytest.raises(IndexError):
        store[len(store)]


def test_doc_mask_and_rows_of_doc(index, corpus):
    mask = index.doc_mask(["kim2013"])
    assert mask.dtype == bool and mask.shape == (len(corpus.passages),)
    assert mask.tolist() == [p.doc_id == "kim2013" for p in corpus.passages]
    assert index.rows_of_doc("kim2013").tolist() == np.flatnonzero(mask).tolist()
    assert index.rows_of_doc("no-such-doc").size == 0


def test_answer_units_round_trip(index, corpus):
    units = answer_units(corpus)
    assert index.sentence_vectors.dtype == np.float16
    assert index.sentence_vectors.shape == (len(units), index.dense.d)
    norms = np.linalg.norm(index.sentence_vectors.astype(np.float32), axis=1)
    assert np.allclose(norms, 1.0, atol=2e-3)  # float16 keeps unit length to ~1e-3
    got = [(row, s, e) for row in range(len(index.passages)) for _, s, e in index.sentences.spans(row)]
    assert got == [(r, s, e) for r, s, e, _ in units]


def test_a_corrupt_line_raises_index_error(tmp_path, corpus):
    rowstore.write_passages(tmp_path, corpus.passages[:5], sorted({p.doc_id for p in corpus.passages}))
    raw = bytearray((tmp_path / rowstore.PASSAGES).read_bytes())
    raw[3] = ord("#")
    (tmp_path / rowstore.PASSAGES).write_bytes(bytes(raw))
    store = rowstore.PassageStore(tmp_path, sorted({p.doc_id for p in corpus.passages}))
    with pytest.raises(QAError, match="corrupt"):
        store[0]
    assert store[1] == corpus.passages[1]
    (tmp_path / rowstore.PASSAGES).write_bytes(bytes(raw[:-10]))  # truncated: offsets disagree
    with pytest.raises(QAError):
        rowstore.PassageStore(tmp_path, sorted({p.doc_id for p in corpus.passages}))
