"""Retrieval on the real index: three modes, doc filter, resolved citations, a torch-free and
deterministic query path that really uses the ONNX query vector."""
from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from conftest import ROOT
from qa.errors import QAError
from qa.retrieval.retriever import Retriever

QUESTION = "Which MSC sources were used in clinical trials for lupus nephritis?"


@pytest.fixture(scope="module")
def retriever(settings, index) -> Retriever:
    return Retriever(settings, index=index)


@pytest.mark.parametrize("mode", ["bm25", "dense", "hybrid"])
@pytest.mark.parametrize("k", [1, 5, 12])
def test_each_mode_returns_k_ranked_hits(retriever, mode: str, k: int):
    hits = retriever.search(QUESTION, k=k, mode=mode)
    assert [h.rank for h in hits] == list(range(1, k + 1))
    assert len({h.passage.id for h in hits}) == k
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)
    if mode == "bm25":
        assert [h.bm25_rank for h in hits] == list(range(1, k + 1))
        assert all(h.dense_rank is None and h.bm25_score > 0 for h in hits)
    elif mode == "dense":
        assert [h.dense_rank for h in hits] == list(range(1, k + 1))
        assert all(h.bm25_rank is None and -1.0 <= h.dense_score <= 1.0 + 1e-5 for h in hits)
    else:
        # a hit comes from at least one retriever's candidates (the top `depth` of each)
        assert all(h.bm25_rank is not None or h.dense_rank is not None for h in hits)


def test_hybrid_carries_the_ranks_each_retriever_gave(retriever):
    hybrid = retriever.search(QUESTION, k=10, mode="hybrid")
    bm25 = {h.passage.id: h.bm25_rank for h in retriever.search(QUESTION, k=100, mode="bm25")}
    dense = {h.passage.id: h.dense_rank for h in retriever.search(QUESTION, k=100, mode="dense")}
    depth = retriever.settings.retrieval.depth

    def within_depth(rank: int | None) -> int | None:  # hybrid fuses the top `depth` of each list
        return rank if rank is not None and rank <= depth else None

    for h in hybrid:
        assert h.bm25_rank == within_depth(bm25.get(h.passage.id))
        assert h.dense_rank == within_depth(dense.get(h.passage.id))


@pytest.mark.parametrize("mode", ["bm25", "dense", "hybrid"])
def test_doc_filter_returns_only_that_document(retriever, index, mode: str):
    for doc_id in index.doc_ids:
        hits = retriever.search(QUESTION, k=8, mode=mode, docs=[doc_id])
        assert len(hits) == 8 and {h.passage.doc_id for h in hits} == {doc_id}
    two = retriever.search(QUESTION, k=20, mode=mode, docs=["kim2013", "pmc3782548"])
    assert {h.passage.doc_id for h in two} <= {"kim2013", "pmc3782548"}
    assert retriever.search(QUESTION, k=3, mode=mode, docs="figueroa2012")[0].passage.doc_id == "figueroa2012"


def test_doc_filter_is_a_filter_not_a_new_ranking(retriever):
    """Within one document, the filtered ranking keeps the unfiltered order."""
    everything = retriever.search(QUESTION, k=200, mode="bm25")
    only = retriever.search(QUESTION, k=5, mode="bm25", docs=["pmc3782548"])
    expected = [h.passage.id for h in everything if h.passage.doc_id == "pmc3782548"][:5]
    assert [h.passage.id for h in only] == expected


def test_k_larger_than_a_document_gives_all_its_passages(retriever, index):
    n = sum(p.doc_id == "pmc3782548" for p in index.passages)
    hits = retriever.search(QUESTION, k=500, mode="dense", docs=["pmc3782548"])
    assert len(hits) == n


def test_hits_carry_resolved_citations(retriever):
    hits = retriever.search("allogeneic MSC transplantation in refractory systemic lupus erythematosus",
                            k=10, docs=["kim2013"])
    citations = [c for h in hits for c in h.passage.citations]
    assert citations and all(c.reference for c in citations)
    assert any(c.key == "116" and c.reference.startswith("Liang J") for c in citations)
    for h in hits:
        for c in h.passage.citations:
            assert h.passage.start <= c.start < c.end <= h.passage.end
            assert h.passage.text[c.start - h.passage.start:c.end - h.passage.start] == c.label


def test_same_question_twice_gives_identical_hits(settings, index, retriever):
    first = retriever.search(QUESTION, k=10)
    again = retriever.search(QUESTION, k=10)
    fresh = Retriever(settings, index=index).search(QUESTION, k=10)
    dump = lambda hits: [h.model_dump() for h in hits]  # noqa: E731
    assert dump(first) == dump(again) == dump(fresh)


def test_dense_scores_are_the_onnx_query_vector_against_the_stored_vectors(retriever, index):
    vector = retriever.query_vector(retriever.parse(QUESTION))
    assert vector.dtype == np.float32 and vector.ndim == 1
    assert abs(float(np.linalg.norm(vector)) - 1.0) < 1e-3
    text = retriever.expander.expand_text(QUESTION) if retriever.settings.retrieval.expand_queries else QUESTION
    assert np.allclose(vector, index.encoder.encode([text])[0], atol=1e-6)
    rows = index.rows
    for h in retriever.search(QUESTION, k=5, mode="dense"):
        stored = index.dense.reconstruct(rows[h.passage.id])
        assert abs(float(stored @ vector) - h.dense_score) < 1e-4


def test_library_retrieve_matches_the_retriever(retriever):
    import qa

    assert ([h.passage.id for h in qa.retrieve(QUESTION, k=6)]
            == [h.passage.id for h in retriever.search(QUESTION, k=6)])


@pytest.mark.parametrize("kwargs,phrase", [
    ({"question": ""}, "empty"),
    ({"question": "x" * 5000}, "too long"),
    ({"question": 42}, "text"),
    ({"k": 0}, "at least 1"),
    ({"k": True}, "whole number"),
    ({"k": 2.0}, "whole number"),
    ({"mode": "sparse"}, "unknown mode"),
    ({"docs": ["nosuchdoc"]}, "unknown document"),
])
def test_bad_arguments_raise_one_clear_error(retriever, kwargs, phrase):
    args = {"question": QUESTION, **kwargs}
    with pytest.raises(QAError, match=phrase):
        retriever.search(args.pop("question"), **args)


def test_index_matches_a_fresh_ingestion_of_the_corpus(index, corpus):
    """The index must answer for the corpus as the current code ingests it (never silently stale)."""
    built = [(p.doc_id, p.start, p.end, p.text) for p in index.passages]
    fresh = [(p.doc_id, p.start, p.end, p.text) for p in corpus.passages]
    assert built == fresh


@pytest.mark.slow
def test_query_path_does_not_import_torch():
    code = ("import qa, sys; qa.retrieve('x'); qa.ask('Which sources were used for SLE?'); "
            "print('torch' in sys.modules, 'sentence_transformers' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                         timeout=600)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["False", "False"]


def test_library_calls_survive_importing_every_subpackage():
    """`qa.retrieve` / `qa.ask` stay functions: no subpackage may shadow them."""
    import importlib
    import pkgutil

    import qa

    for module in pkgutil.walk_packages(qa.__path__, "qa."):
        if not module.name.endswith("__main__"):  # __main__ runs the command line
            importlib.import_module(module.name)
    assert callable(qa.retrieve) and callable(qa.ask)
    assert qa.retrieve.__module__ == "qa.retrieval.retriever"
