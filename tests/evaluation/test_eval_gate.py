"""The evaluation gate: `qa eval --check` passes on the real system and fails, with a
'below threshold' line, when retrieval or answering is deliberately degraded."""
from __future__ import annotations

import random

import pytest

from conftest import run_qa
from qa.answer.answerer import Answerer
from qa.evaluation.evaluate import run_eval
from qa.evaluation.report import THRESHOLDS_PATH, check_suite, check_thresholds, load_thresholds
from qa.models import Hit
from qa.retrieval.retriever import Retriever

needs_thresholds = pytest.mark.skipif(
    not THRESHOLDS_PATH.exists(), reason=f"{THRESHOLDS_PATH} does not exist yet (the lead writes it)")


class ReversedRetriever(Retriever):
    """The worst passages first: the real ranking of the whole index, read backwards."""

    def search(self, question, k=10, mode="hybrid", docs=None) -> list[Hit]:
        everything = super().search(question, k=len(self.index.passages), mode=mode, docs=docs)
        worst = list(reversed(everything))[:k]
        return [h.model_copy(update={"rank": i}) for i, h in enumerate(worst, 1)]


class RandomRetriever(Retriever):
    """Passages drawn at random (seeded per question, so runs are repeatable)."""

    def search(self, question, k=10, mode="hybrid", docs=None) -> list[Hit]:
        rng = random.Random(getattr(question, "text", question))  # a Query or a string
        rows = rng.sample(range(len(self.index.passages)), k)
        return [Hit(passage=self.index.passages[r], rank=i, score=1.0 / i) for i, r in enumerate(rows, 1)]


def evaluate(retriever: Retriever):
    answerer = Answerer(retriever=retriever)
    return run_eval(split="test", retrieve_fn=retriever.search, ask_fn=answerer.ask)


@pytest.fixture(scope="module")
def real_report(settings, index):
    return evaluate(Retriever(settings, index=index))


def hybrid(report, name: str) -> float:
    return report.retrieval["hybrid"].overall.metrics[name]


def gate_for(report) -> dict:
    """Thresholds at the real system's own numbers: what any honest gate asks at most."""
    return {"retrieval": {"hybrid": {"hit@10": hybrid(report, "hit@10"), "mrr@10": hybrid(report, "mrr@10")}},
            "answers": {"answer_hit": report.answers.overall.metrics["answer_hit"]}}


def test_real_system_passes_a_gate_at_its_own_numbers(real_report):
    assert real_report.n_questions > 0 and real_report.answers is not None
    assert check_thresholds(real_report, gate_for(real_report)) == []


@needs_thresholds
def test_real_system_passes_the_project_thresholds(real_report):
    assert "test-seeds" in load_thresholds()
    assert check_suite([real_report], load_thresholds()) == []


@pytest.mark.parametrize("degraded_class", [ReversedRetriever, RandomRetriever])
def test_degraded_retrieval_fails_the_gate(settings, index, real_report, degraded_class):
    degraded = evaluate(degraded_class(settings, index=index))
    for name in ("hit@1", "hit@10", "mrr@10", "ndcg@10"):
        assert hybrid(degraded, name) < hybrid(real_report, name) - 0.2, name
    failures = check_thresholds(degraded, gate_for(real_report))
    assert any(line.startswith("hybrid hit@10 ") for line in failures), failures
    assert any(line.startswith("hybrid mrr@10 ") for line in failures), failures
    assert any(line.startswith("answers answer_hit ") for line in failures), failures
    if THRESHOLDS_PATH.exists():
        project = check_suite([degraded], load_thresholds())
        assert any(line.startswith("test-seeds hybrid ") and "< threshold" in line for line in project), project


# --- the CLI gate ------------------------------------------------------------------------------


def below_threshold_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "below threshold" in line]


@pytest.mark.slow
@needs_thresholds
def test_qa_eval_check_passes_on_the_real_system():
    result = run_qa("eval", "--split", "all", "--check", "--no-write")
    assert result.returncode == 0, below_threshold_lines(result.stderr) or result.stderr[-2000:]
    assert not below_threshold_lines(result.stderr)
    assert "Retrieval [hybrid]" in result.stdout and "Answers [ask]" in result.stdout
    for key in ("'test', set 'seeds'", "'blind-dev', set 'seeds'", "'blind-dev', set 'pdfs'",
                "'blind-test', set 'seeds'", "'blind-test', set 'pdfs'"):
        assert f"Evaluation on split {key}" in result.stdout, key


@pytest.mark.slow
@needs_thresholds
@pytest.mark.parametrize("env,expected", [
    # hybrid with all weight on the dense score is dense retrieval alone
    ({"QA_CONVEX_WEIGHT": "1.0"}, "hybrid "),
    # a refusal bar no evidence can clear: every answerable question is refused
    ({"QA_REFUSAL_THRESHOLD": "1.0"}, "answers false_refusal_rate"),
])
def test_qa_eval_check_fails_when_degraded_by_settings(env: dict[str, str], expected: str):
    result = run_qa("eval", "--split", "test", "--set", "seeds", "--check", "--no-write", env=env)
    assert result.returncode == 1, result.stderr[-2000:]
    lines = below_threshold_lines(result.stderr)
    assert lines and all(line.startswith("qa eval: below threshold: ") for line in lines)
    assert any(expected in line for line in lines), lines
    assert "Traceback" not in result.stderr
