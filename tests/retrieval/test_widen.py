"""The second stage's head widened by sentence vectors (`qa.retrieval.rerank.widen`): by hand, then
on the real index (the stored sentence vectors) and on the research articles' library."""
from __future__ import annotations

import numpy as np
import pytest

from qa.retrieval.evidence import EvidenceReader
from qa.retrieval.rerank import lifted, widen
from qa.retrieval.retriever import Retriever

RANKED = [(10, 5.0), (11, 4.0), (12, 3.0), (13, 2.0), (14, 1.0), (15, 0.5)]
COSINES = {10: 0.2, 11: 0.3, 12: 0.1, 13: 0.05, 14: 0.9, 15: 0.4}


@pytest.fixture(scope="module")
def retriever(settings, index) -> Retriever:
    return Retriever(settings, index=index)


def cosines(rows):
    return np.array([COSINES[r] for r in rows])


def test_widen_by_hand():
    """Head of 2; the 2 nearest sentences of the whole list are rows 14 and 15, both below the head:
    they follow it in first-stage order, the rest keep theirs, every item once."""
    got, depth = widen(RANKED, 2, cosines, 2)
    assert depth == 4
    assert got == [(10, 5.0), (11, 4.0), (14, 1.0), (15, 0.5), (12, 3.0), (13, 2.0)]
    # one of the nearest already in the head: only the other joins
    got, depth = widen(RANKED, 2, cosines, 3)  # nearest: 14, 15, 11
    assert depth == 4 and [r for r, _ in got[:depth]] == [10, 11, 14, 15]


def test_lifted_moves_the_given_positions_after_the_head():
    """What `widen` and the table rows of `Retriever.asked_rows` share: the positions given join the
    head in their order, the rest keep theirs, every item once."""
    assert lifted(RANKED, 2, [3, 5]) == ([(10, 5.0), (11, 4.0), (13, 2.0), (15, 0.5), (12, 3.0), (14, 1.0)], 4)
    assert lifted(RANKED, 2, []) == (RANKED, 2)


def test_widen_leaves_the_list_alone_when_off_or_nothing_is_below():
    assert widen(RANKED, 2, cosines, 0) == (RANKED, 2)
    assert widen(RANKED, 6, cosines, 3) == (RANKED, 6)
    assert widen(RANKED, 10, cosines, 3) == (RANKED, 10)
    near_head = {**COSINES, 14: 0.0, 15: 0.0}  # the nearest sentences are all in the head
    assert widen(RANKED, 2, lambda rows: np.array([near_head[r] for r in rows]), 2) == (RANKED, 2)


def test_best_cosines_match_the_unit_vectors(index, retriever):
    """The best cosine of a row is the largest dot product of the question vector with that row's
    stored unit vectors (the same number the `cosine` signal reads)."""
    reader = EvidenceReader(index)
    query = retriever.query_from("Which sources were used for SLE?")
    vector = retriever.query_vector(query)
    rows = [index.rows[h.passage.id] for h in retriever.search(query, k=5)]
    got = reader.best_cosines(rows, vector)
    for row, value in zip(rows, got):
        a, z = int(index.sentences.indptr[row]), int(index.sentences.indptr[row + 1])
        expected = max(float(np.asarray(index.sentence_vectors[u], dtype=np.float32) @ vector) for u in range(a, z))
        assert abs(value - expected) < 1e-5
    read = reader.read(rows, [0.0] * len(rows), vector, {})
    assert [e.cosine for e in read] == list(got)


def test_a_protocol_sentence_worded_unlike_the_question_is_re_scored(pdf_library):
    """'What antibiotics made up the cocktail used to deplete the gut microbiota ...?' (cancers,
    blind-dev): the Methods passage stating it ('... a mixture of ampicillin (1 mg/mL), colistin
    (1 mg/mL), and streptomycin ...', under 'In Vivo TNBC Tumor Murine Model') is fused below the
    re-scored head (BM25 21st, dense 39th) and never reaches the top 10; its sentence is among the
    ten nearest the question, so it is re-scored and comes second (with the procedure signal on, as it
    was by default until the twenty-second session's audit turned it off)."""
    settings, index = pdf_library
    settings = settings.replace(rerank_procedure_weight=1.0)
    question = ("What antibiotics made up the cocktail used to deplete the gut microbiota, "
                "and at what concentrations?")
    off = Retriever(settings.replace(rerank_sentence_pool=0), index=index).search(question, k=10)
    on = Retriever(settings, index=index).search(question, k=10)
    assert not any("ampicillin (1 mg/mL)" in h.passage.text for h in off)
    assert any("ampicillin (1 mg/mL)" in h.passage.text for h in on[:3])


def test_a_questions_cosines_are_computed_once_per_row(retriever, index):
    """The sentence pool reads the best cosines of every candidate and the second stage those of
    its head again: `cosines_of` gives the same values as `best_cosines`, each row computed once."""
    reader = EvidenceReader(index)
    vector = retriever.query_vector(retriever.query_from("MSC dose for GVHD", None))
    rows = list(range(0, len(index.passages), 7))
    computed: list[int] = []
    real = reader.best_cosines

    def counting(asked, v):
        computed.extend(asked)
        return real(asked, v)

    reader.best_cosines = counting
    best = reader.cosines_of(vector)
    assert np.array_equal(best(rows), real(rows, vector))
    assert np.array_equal(best(rows[::-1][:5]), real(rows[::-1][:5], vector))  # from memory
    assert sorted(computed) == sorted(rows)
    assert real(rows, vector).max() > 0.3  # real sentence vectors, not zeros
