"""BM25 inverted index: scores identical to rank-bm25 on the real corpus, hand-computed scores,
masking, weights, memory-mapped round trip and corruption."""
from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from qa.settings import PROJECT_ROOT
from rank_bm25 import BM25Okapi

from qa.index.bm25 import FILES, PARAMS_FILE, BM25
from qa.index.bm25_idf import floor_idf
from qa.errors import QAError
from qa.index.analyzer import TOKENIZER_VERSION, tokenize

CORPUS = PROJECT_ROOT / "corpus"


@pytest.fixture(scope="module")
def corpus_rows() -> list[list[str]]:
    """The three real texts cut into 120-word windows and tokenised."""
    words = " ".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))).split()
    return [tokenize(" ".join(words[i : i + 120])) for i in range(0, len(words), 120)]


def test_score_matches_hand_computation() -> None:
    rows = [["msc", "gvhd"], ["msc", "lupus", "lupus"], ["bone"], ["cartilage", "bone"], ["liver"]]
    bm25 = BM25.build(rows, k1=1.5, b=0.75)
    # N = 5, avgdl = (2+3+1+2+1)/5 = 1.8; "lupus" is in 1 row: idf = ln((5-1+0.5)/(1+0.5)) = ln 3
    # row 1: tf = 2, dl = 3: 2*(1.5+1) / (2 + 1.5*(1 - 0.75 + 0.75*3/1.8)) = 5 / 3.25
    expected = math.log(3) * 5 / (2 + 1.5 * (0.25 + 0.75 * 3 / 1.8))
    scores = bm25.scores(["lupus"])
    assert scores[1] == pytest.approx(expected, rel=1e-12)
    assert scores[[0, 2, 3, 4]].tolist() == [0.0, 0.0, 0.0, 0.0]
    # "bone" is in 2 rows: idf = ln(3.5/2.5); row 2 has tf 1, dl 1: 2.5 / (1 + 1.5*(0.25+0.75/1.8))
    bone = bm25.scores(["bone"])
    assert bone[2] == pytest.approx(math.log(3.5 / 2.5) * 2.5 / (1 + 1.5 * (0.25 + 0.75 / 1.8)))


def test_top_keeps_positive_scores_best_first_and_respects_mask() -> None:
    rows = [["a1", "x"], ["a1"], ["y"], ["a1", "a1"], ["z"], ["w"]]
    bm25 = BM25.build(rows)
    top = bm25.top(["a1"], 10)
    assert [r for r, _ in top] == [3, 1, 0]  # tf 2 > short tf 1 > longer tf 1; rows 2,4,5 absent
    assert all(s > 0 for _, s in top)
    assert bm25.top(["a1"], 2) == top[:2]
    # "a1" is in 3 of 6 rows: BM25Okapi's idf ln(3.5/3.5) = 0 is raised to the floor
    # 0.25 * average idf; x, y, z, w have idf ln(5.5/1.5), a1 has 0: average = 4*ln(5.5/1.5)/5.
    # row 1: tf 1, dl 1, avgdl 8/6 -> floor * 2.5 / (1 + 1.5*(0.25 + 0.75*1/(8/6)))
    floor = 0.25 * 4 * math.log(5.5 / 1.5) / 5
    assert dict(top)[1] == pytest.approx(floor * 2.5 / (1 + 1.5 * (0.25 + 0.75 * 6 / 8)))
    mask = np.array([True, False, True, False, True, True])
    assert [r for r, _ in bm25.top(["a1"], 10, allowed=mask)] == [0]
    assert bm25.top(["nothing"], 10) == []
    assert bm25.top(["a1"], 0) == []


def test_ties_are_broken_by_row() -> None:
    bm25 = BM25.build([["q"], ["r"], ["q"], ["s"], ["q"], ["t"], ["u"]])
    assert [r for r, _ in bm25.top(["q"], 3)] == [0, 2, 4]


def test_weights() -> None:
    bm25 = BM25.build([["msc", "lupus"], ["msc"], ["lupus", "kidney"], ["bone"], ["liver"]])
    q = ["msc", "lupus"]
    np.testing.assert_array_equal(bm25.scores(q, [1.0, 1.0]), bm25.scores(q))
    np.testing.assert_allclose(bm25.scores(q, [1.0, 0.0]), bm25.scores(["msc"]))
    np.testing.assert_allclose(bm25.scores(q, [1.0, 2.0]), bm25.scores(["msc", "lupus", "lupus"]))
    np.testing.assert_allclose(
        bm25.scores(q, [1.0, 0.5]), bm25.scores(["msc"]) + 0.5 * bm25.scores(["lupus"])
    )
    with pytest.raises(ValueError):
        bm25.scores(q, [1.0])


def test_empty_and_tiny_corpora() -> None:
    assert BM25.build([]).top(["x"], 5) == []
    assert BM25.build([[], []]).scores(["x"]).tolist() == [0.0, 0.0]
    # one or two passages: BM25Okapi's idf floor would be negative and hide everything
    assert [r for r, _ in BM25.build([["lupus", "msc"]]).top(["lupus"], 5)] == [0]
    assert [r for r, _ in BM25.build([["lupus"], ["msc"]]).top(["msc"], 5)] == [1]


def reference(rows: list[list[str]], k1: float = 1.5, b: float = 0.75) -> BM25Okapi:
    """rank-bm25's BM25Okapi with the same monotone idf floor (`floor_idf`) applied."""
    okapi = BM25Okapi(rows, k1=k1, b=b)
    floored = floor_idf(list(okapi.idf.values()), okapi.average_idf, okapi.epsilon)
    okapi.idf = dict(zip(okapi.idf, floored))
    return okapi


QUESTIONS = ("steroid-resistant acute GVHD", "MSCs for SLE", "phase I/II Crohn´s disease",
             "Which sources were used for SLE?", "bone marrow mesenchymal stem cells in lupus nephritis",
             "How many patients were in the Yang et al. myocardial infarction trial?")


def test_scores_equal_rank_bm25_on_the_real_index(index) -> None:
    """The index's own passages (as the build tokenises them), the real questions' tokens."""
    from qa.index.build import index_text

    rows = [tokenize(index_text(p)) for p in index.passages]
    okapi = reference(rows)
    bm25 = index.bm25
    assert bm25.size == len(rows)
    for question in QUESTIONS:
        q = tokenize(question)
        np.testing.assert_allclose(bm25.scores(q), okapi.get_scores(q), rtol=1e-9, atol=1e-12)
        weights = [1.0 if i % 2 else 0.5 for i in range(len(q))]
        expected = sum(w * okapi.get_scores([t]) for t, w in zip(q, weights))
        np.testing.assert_allclose(bm25.scores(q, weights), expected, rtol=1e-9, atol=1e-12)
        top = bm25.top(q, 10, weights=weights)
        assert top and [r for r, _ in top] == sorted(
            np.flatnonzero(expected > 0), key=lambda r: (-expected[r], r))[:10]
    for token in set(t for row in rows[:20] for t in row):
        assert bm25.idf(token) == pytest.approx(okapi.idf[token], rel=1e-12)
        assert bm25.df(token) == sum(token in row for row in rows)


def test_scores_equal_rank_bm25_on_windows(corpus_rows) -> None:
    okapi = reference(corpus_rows, k1=1.2, b=0.6)
    bm25 = BM25.build(corpus_rows, k1=1.2, b=0.6)
    for question in QUESTIONS:
        q = tokenize(question)
        np.testing.assert_allclose(bm25.scores(q), okapi.get_scores(q), rtol=1e-9, atol=1e-12)
    assert bm25.idf("never-seen-token") == 0.0 and bm25.df("never-seen-token") == 0
    assert bm25.has_prefix("mesenchym") and not bm25.has_prefix("zzzzqq")


def test_save_load_round_trip_gives_identical_scores(tmp_path: Path, corpus_rows) -> None:
    bm25 = BM25.build(corpus_rows, k1=1.2, b=0.6)
    bm25.save(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(FILES)
    params = json.loads((tmp_path / PARAMS_FILE).read_text())
    assert {k: params[k] for k in ("k1", "b", "epsilon", "tokenizer_version", "rows")} == {
        "k1": 1.2, "b": 0.6, "epsilon": 0.25, "tokenizer_version": TOKENIZER_VERSION,
        "rows": len(corpus_rows)}
    loaded = BM25.load(tmp_path)
    assert isinstance(loaded._weights, np.memmap)  # memory-mapped, not read into RAM
    assert loaded.size == bm25.size and (loaded.k1, loaded.b) == (1.2, 0.6)
    for question in QUESTIONS:
        q = tokenize(question)
        np.testing.assert_array_equal(loaded.scores(q), bm25.scores(q))
        assert loaded.top(q, 20) == bm25.top(q, 20)
        assert bm25.top(q, 20), question
    assert loaded.doc_freqs == bm25.doc_freqs
    assert loaded.matrix.shape == (loaded.vocabulary_size, len(corpus_rows))


@pytest.mark.parametrize(
    "file, content",
    [
        (PARAMS_FILE, "[1.5, 0.75]"),
        (PARAMS_FILE, "{\"k1\": \"high\", \"b\": 0.75, \"epsilon\": 0.25}"),
        (PARAMS_FILE, "{\"k1\": 1.5, \"b\": 0.75, \"epsilon\": 0.25}"),  # counts missing
        (PARAMS_FILE, b"\xff\xfe{}"),  # not UTF-8
        ("bm25.weights.npy", b"\x93NUMPY garbage"),
        ("bm25.indices.npy", "not an array"),
    ],
)
def test_corrupt_files_raise_one_line_qaerror(tmp_path: Path, file: str, content) -> None:
    BM25.build([["a", "b"], ["c"]]).save(tmp_path)
    path = tmp_path / file
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(QAError) as info:
        BM25.load(tmp_path)
    assert "\n" not in str(info.value) and str(info.value)


def test_arrays_that_disagree_with_params_are_corrupt(tmp_path: Path, corpus_rows) -> None:
    BM25.build(corpus_rows).save(tmp_path)
    np.save(tmp_path / "bm25.weights.npy", np.zeros(5))  # a valid array of the wrong length
    with pytest.raises(QAError, match="corrupt"):
        BM25.load(tmp_path)
    BM25.build(corpus_rows).save(tmp_path)
    params = json.loads((tmp_path / PARAMS_FILE).read_text())
    (tmp_path / PARAMS_FILE).write_text(json.dumps({**params, "tokenizer_version": "old"}))
    with pytest.raises(QAError, match="tokenizer"):
        BM25.load(tmp_path)


@pytest.mark.parametrize("name", sorted(FILES))
def test_missing_file_raises_qaerror(tmp_path: Path, name: str) -> None:
    BM25.build([["a"]]).save(tmp_path)
    (tmp_path / name).unlink()
    with pytest.raises(QAError, match="missing"):
        BM25.load(tmp_path)
