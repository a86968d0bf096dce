"""BM25 wrapper: hand-computed scores, masking, weights, JSON round trip and corruption."""
from __future__ import annotations

import json
import math
import time
from pathlib import Path

import numpy as np
import pytest

from qa.settings import PROJECT_ROOT
from qa.index.bm25 import PARAMS_FILE, TOKENS_FILE, BM25
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


def test_save_load_round_trip_gives_identical_scores(tmp_path: Path, corpus_rows) -> None:
    bm25 = BM25.build(corpus_rows, k1=1.2, b=0.6)
    bm25.save(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [PARAMS_FILE, TOKENS_FILE]
    params = json.loads((tmp_path / PARAMS_FILE).read_text())
    assert params == {"k1": 1.2, "b": 0.6, "epsilon": 0.25,
                      "tokenizer_version": TOKENIZER_VERSION, "rows": len(corpus_rows)}
    loaded = BM25.load(tmp_path)
    assert loaded.size == bm25.size and (loaded.k1, loaded.b) == (1.2, 0.6)
    for question in ("steroid-resistant acute GVHD", "MSCs for SLE", "phase I/II Crohn´s disease"):
        q = tokenize(question)
        np.testing.assert_array_equal(loaded.scores(q), bm25.scores(q))
        assert loaded.top(q, 20) == bm25.top(q, 20)
        assert bm25.top(q, 20), question


def test_load_of_a_thousand_rows_is_fast(tmp_path: Path, corpus_rows) -> None:
    rows = (corpus_rows * (1000 // len(corpus_rows) + 1))[:1000]
    BM25.build(rows).save(tmp_path)
    started = time.perf_counter()
    BM25.load(tmp_path)
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize(
    "file, content",
    [
        (TOKENS_FILE, "[[\"a\", \"b\"], [\"c\""),  # truncated JSON
        (TOKENS_FILE, "{\"a\": 1}"),  # wrong shape
        (TOKENS_FILE, "[[\"a\"], [1, 2]]"),  # tokens that are not strings
        (TOKENS_FILE, "[[\"a\"]]"),  # row count differs from params
        (PARAMS_FILE, "[1.5, 0.75]"),
        (PARAMS_FILE, "{\"k1\": \"high\", \"b\": 0.75, \"epsilon\": 0.25}"),
        (PARAMS_FILE, "{\"k1\": 1.5, \"b\": 0.75, \"epsilon\": 0.25, \"tokenizer_version\": \"old\"}"),
        (TOKENS_FILE, b"\xff\xfe[]"),  # not UTF-8
    ],
)
def test_corrupt_files_raise_one_line_qaerror(tmp_path: Path, file: str, content) -> None:
    BM25.build([["a", "b"], ["c"]]).save(tmp_path)
    path = tmp_path / file
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(QAError) as info:
        BM25.load(tmp_path)
    assert "\n" not in str(info.value) and str(info.value)


def test_missing_file_raises_qaerror(tmp_path: Path) -> None:
    BM25.build([["a"]]).save(tmp_path)
    (tmp_path / TOKENS_FILE).unlink()
    with pytest.raises(QAError, match="missing"):
        BM25.load(tmp_path)
