"""qa.evaluation.sweep: the retrieval-only sweep gives what `run_eval` gives, its in-memory BM25
is the built one at the built parameters, the sealed split is refused, and bad input is one line."""
from __future__ import annotations

import subprocess
import sys

import pytest

from qa.evaluation.evaluate import load_all, run_eval
from qa.evaluation.sweep import Sweep, bm25_with


@pytest.fixture(scope="module")
def sweep():
    return Sweep([("dev", "seeds")])


def test_sweep_reproduces_run_eval(sweep, settings, index):
    from qa.retrieval.retriever import Retriever

    questions = [q for q in load_all("dev", "seeds")]
    report = run_eval("dev", modes=("hybrid",), answers=False, questions=questions,
                      retrieve_fn=Retriever(settings, index=index).search)
    expected = report.retrieval["hybrid"].overall.metrics
    got = sweep.measure()["dev seeds"]
    assert got.keys() == {"hit@1", "mrr@10", "hit@300w"}
    for metric, value in got.items():
        assert value == pytest.approx(expected[metric])


def test_settings_change_the_ranking(sweep):
    """A sweep row really uses its settings: BM25 alone (dense weight 0, no second stage) ranks
    worse than the hybrid with its second stage on the dev questions."""
    hybrid = sweep.measure()["dev seeds"]
    bm25_only = sweep.measure({"convex_weight": 0.0, "rerank_depth": 0})["dev seeds"]
    assert bm25_only["hit@1"] < hybrid["hit@1"]


def test_bm25_rebuilt_at_built_parameters_is_the_built_one(sweep, settings):
    index = sweep.indexes["seeds"]
    built = index.bm25
    rebuilt = bm25_with(index, settings, settings.index.bm25_k1, settings.index.bm25_b)
    for tokens in (["mesenchymal", "stem", "cells", "gvhd"], ["trial", "patients", "dose"]):
        ours, theirs = rebuilt.top(tokens, 20), built.top(tokens, 20)
        assert [r for r, _ in ours] == [r for r, _ in theirs]
        assert [s for _, s in ours] == pytest.approx([s for _, s in theirs], rel=1e-5)


def test_use_bm25_swaps_and_restores(sweep):
    index = sweep.indexes["seeds"]
    built = index.bm25
    sweep.use_bm25(1.2, 0.3)
    try:
        assert index.bm25 is not built and (index.bm25.k1, index.bm25.b) == (1.2, 0.3)
    finally:
        sweep.use_bm25()
    assert index.bm25 is built


def test_sealed_split_is_refused():
    with pytest.raises(ValueError, match="sealed"):
        Sweep([("blind-test", "seeds")])
    with pytest.raises(ValueError):
        Sweep([("test", "seeds")])


@pytest.mark.parametrize("args, says", [
    (["nojson"], "are not JSON"),
    (["[1]"], "must be a JSON object"),
    (['{"convex_weight": "x"}'], "invalid setting convex_weight='x'"),
    (['{"span_margin": 1}'], "unknown setting 'span_margin'"),  # an answer setting, not a retrieval one (one line since sweep 31)
    (["--bm25", "1,2,3"], "expected two numbers K1,B"),
])
def test_bad_input_is_one_line_and_exit_2_before_any_index_loads(args: list[str], says: str) -> None:
    done = subprocess.run([sys.executable, "-m", "qa.evaluation.sweep", *args],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    errors = [l for l in done.stderr.splitlines() if "error:" in l]
    assert len(errors) == 1 and says in errors[0]
