"""Dense search: flat below the threshold, HNSW above, an exact document filter either way,
memory-mapped round trip; on the real passages' vectors and real question vectors."""
from __future__ import annotations

import numpy as np
import pytest

from qa.errors import QAError
from qa.index import dense

QUESTIONS = ["Which sources were used for SLE?", "intracoronary injection myocardial infarction",
             "nitric oxide T cell proliferation", "umbilical cord blood MSC frequency",
             "What is graft-versus-host disease?", "How were MSCs delivered in Crohn's disease?"]


@pytest.fixture(scope="module")
def vectors_and_queries(index):
    stored = np.array(dense.vectors(index.dense))
    queries = index.encoder.encode(QUESTIONS)
    return stored, queries


def test_threshold_picks_flat_or_hnsw(vectors_and_queries):
    stored, _ = vectors_and_queries
    assert dense.kind(dense.build_index(stored, len(stored), 16, 40)) == "flat"
    hnsw = dense.build_index(stored, len(stored) - 1, 16, 40)
    assert dense.kind(hnsw) == "hnsw" and hnsw.ntotal == len(stored)
    np.testing.assert_array_equal(dense.vectors(hnsw), stored)


def test_hnsw_finds_what_exact_search_finds(vectors_and_queries):
    stored, queries = vectors_and_queries
    exact = dense.build_index(stored, len(stored), 16, 40)
    hnsw = dense.build_index(stored, 0, 16, 40)
    assert dense.recall_at(hnsw, exact, queries, 10, ef_search=64) >= 0.95
    for q in queries:
        top = dense.search(hnsw, q, 10)
        assert [s for _, s in top] == sorted((s for _, s in top), reverse=True)
        assert all(s == pytest.approx(float(stored[r] @ q), abs=1e-5) for r, s in top)


def test_document_filter_is_exact_on_both_kinds(index, vectors_and_queries):
    stored, queries = vectors_and_queries
    allowed = index.doc_mask(["figueroa2012"])
    assert 0 < allowed.sum() < len(allowed)
    for built in (dense.build_index(stored, len(stored), 16, 40), dense.build_index(stored, 0, 16, 40)):
        for q in queries:
            got = dense.search(built, q, 5, allowed)
            scores = stored @ q
            rows = np.flatnonzero(allowed)
            expected = rows[np.argsort(-scores[rows], kind="stable")][:5]
            assert [r for r, _ in got] == expected.tolist()
            assert all(allowed[r] for r, _ in got)
    assert dense.search(dense.build_index(stored, 0, 16, 40), queries[0], 5, np.zeros(len(stored), bool)) == []


def test_saved_index_is_memory_mapped_and_corruption_is_reported(tmp_path, vectors_and_queries):
    import faiss

    stored, queries = vectors_and_queries
    for exact_max in (len(stored), 0):
        built = dense.build_index(stored, exact_max, 16, 40)
        path = tmp_path / f"dense-{exact_max}.faiss"
        faiss.write_index(built, str(path))
        loaded = dense.read_index(path)
        assert dense.kind(loaded) == dense.kind(built)
        assert dense.search(loaded, queries[0], 10) == dense.search(built, queries[0], 10)
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 3])
        with pytest.raises(QAError, match="corrupt"):
            dense.read_index(path)


def test_an_appending_build_extends_the_previous_hnsw_graph(tmp_path, vectors_and_queries):
    import faiss

    stored, queries = vectors_and_queries
    faiss.write_index(dense.build_index(stored[:100], 0, 16, 40), str(tmp_path / "dense.faiss"))
    grown = dense.extend(tmp_path, stored, 0, 16)
    assert grown is not None and grown.ntotal == len(stored)
    np.testing.assert_array_equal(dense.vectors(grown), stored)
    exact = dense.build_index(stored, len(stored), 16, 40)
    assert dense.recall_at(grown, exact, queries, 10, ef_search=64) >= 0.95
    changed = stored.copy()
    changed[5] = changed[6]  # a row in the middle changed: no reuse
    assert dense.extend(tmp_path, changed, 0, 16) is None
    assert dense.extend(tmp_path, stored, len(stored), 16) is None  # flat below the threshold
    assert dense.extend(tmp_path, stored, 0, 32) is None  # another graph degree
