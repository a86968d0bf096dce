"""qa.evaluation.compare: metrics recomputed from per-question results (checked by hand and
against the real reports' aggregates), paired differences, bootstrap intervals, the sealed split."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from qa.evaluation.compare import compare

RESULTS = ROOT / "evals" / "results"


def question(qid: str, rank: int | None, top: bool, found: bool = True,
             pred: list[str] | None = None, gold: list[str] | None = None) -> dict:
    return {"id": qid, "kind": "fact", "docs": ["d"], "first_relevant_rank": {"hybrid": rank},
            "found": found, "top_span_hit": top, "answer_hit": top, "token_f1": 0.0,
            "citations_predicted": pred or [], "citations_gold": gold or []}


def unanswerable(qid: str, found: bool) -> dict:
    return {"id": qid, "kind": "unanswerable", "docs": [], "first_relevant_rank": {}, "found": found,
            "top_span_hit": None, "answer_hit": None, "token_f1": None,
            "citations_predicted": [], "citations_gold": []}


BEFORE = {"split": "dev", "set": "seeds", "questions": [
    question("q1", 1, True, pred=["1", "3"], gold=["1", "2"]),
    question("q2", 2, False),
    question("q3", None, False, found=False),
    unanswerable("u1", True),
]}
AFTER = {"split": "dev", "set": "seeds", "questions": [
    question("q1", 2, False, pred=["1", "2"], gold=["1", "2"]),
    question("q2", 1, True),
    question("q3", 1, True),
    unanswerable("u1", False),
]}


def by_metric(rows):
    return {r.metric: r for r in rows}


def test_metrics_by_hand():
    rows, worse = compare(BEFORE, AFTER)
    m = by_metric(rows)
    assert (m["hit@1"].before, m["hit@1"].after) == pytest.approx((1 / 3, 2 / 3))
    assert (m["hit@1"].up, m["hit@1"].down) == (2, 1) and worse["hit@1"] == ["q1"]
    assert (m["mrr@10"].before, m["mrr@10"].after) == pytest.approx(((1 + 0.5 + 0) / 3, (0.5 + 1 + 1) / 3))
    assert (m["false_refusal_rate"].before, m["false_refusal_rate"].after) == pytest.approx((1 / 3, 0.0))
    assert m["false_refusal_rate"].up == 1 and m["false_refusal_rate"].down == 0  # fewer refusals is better
    assert (m["unanswerable_accuracy"].n, m["unanswerable_accuracy"].before, m["unanswerable_accuracy"].after) == (1, 0.0, 1.0)
    # q1 only has gold citations: {1,3} vs {1,2} -> tp 1 fp 1 fn 1; then {1,2} -> tp 2
    assert (m["citation_precision"].before, m["citation_precision"].after) == pytest.approx((0.5, 1.0))
    assert (m["citation_recall"].before, m["citation_recall"].after) == pytest.approx((0.5, 1.0))
    for r in rows:
        assert r.low <= r.delta + 1e-9 and r.delta - 1e-9 <= r.high or r.n < 3


def test_identical_reports_give_zero_intervals():
    rows, _ = compare(BEFORE, BEFORE)
    assert all(r.delta == 0 and r.low == 0 and r.high == 0 and r.up == r.down == 0 for r in rows)


@pytest.mark.parametrize("name", ["dev-seeds", "blind-dev-seeds", "blind-dev-pdfs"])
def test_recomputes_the_real_reports_aggregates(name):
    report = json.loads((RESULTS / f"{name}.json").read_text())
    m = by_metric(compare(report, report)[0])
    retrieval = report["retrieval"]["hybrid"]["overall"]["metrics"]
    answers = report["answers"]["overall"]["metrics"]
    for metric in ("hit@1", "mrr@10"):
        assert m[metric].before == pytest.approx(retrieval[metric])
    for metric in ("top_span_hit", "answer_hit", "false_refusal_rate", "unanswerable_accuracy",
                   "citation_precision", "citation_recall"):
        assert m[metric].before == pytest.approx(answers[metric])


def run_compare(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "qa.evaluation.compare", *args],
                          capture_output=True, text=True, cwd=ROOT)


def test_cli_prints_a_table_and_keeps_the_sealed_split_sealed(tmp_path: Path):
    out = run_compare(str(RESULTS / "dev-seeds.json"), str(RESULTS / "dev-seeds.json"), "--list")
    assert out.returncode == 0 and "hit@1" in out.stdout and "95% interval" in out.stdout
    sealed = run_compare(str(RESULTS / "blind-test-pdfs.json"), str(RESULTS / "blind-test-pdfs.json"), "--list")
    assert sealed.returncode == 2 and "sealed" in sealed.stderr and "Traceback" not in sealed.stderr
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    broken = run_compare(str(bad), str(RESULTS / "dev-seeds.json"))
    assert broken.returncode != 0 and broken.stderr.count("\n") == 1 and "Traceback" not in broken.stderr
