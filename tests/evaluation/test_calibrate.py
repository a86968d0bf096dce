"""The refusal model's refit reads only the rounds it is told to (qa.evaluation.calibrate --rounds)."""
from __future__ import annotations

import subprocess
import sys

from qa.evaluation.calibrate import collect, parse_rounds, selected
from qa.evaluation.question_set import load_all
from qa.settings import PROJECT_ROOT


def test_a_refit_on_the_chosen_rounds_asks_dev_and_those_rounds_only():
    """A session chooses on dev and blind-dev b1-b13 and keeps b14+ as the out-of-sample check: the refit
    must be able to leave the later rounds out (before `--rounds`, `collect` read every blind-dev round)."""
    questions = load_all("all", "all")
    chosen = [q for q in questions if selected(q, ("dev", "blind-dev"), parse_rounds("1-13"))]
    assert {q.split for q in chosen} == {"dev", "blind-dev"}
    assert {q.round for q in chosen if q.split == "blind-dev"} == set(range(1, 14))
    assert len([q for q in chosen if q.split == "dev"]) == len(load_all("dev", "all"))  # dev always kept
    later = [q for q in questions if q.split == "blind-dev" and q.round > 13]
    assert later and not any(selected(q, ("dev", "blind-dev"), (1, 13)) for q in later)
    assert all(q.split != "blind-test" for q in chosen)
    # the real features, on one small round of the reviews' questions
    rows = collect(splits=("blind-dev",), sets=("seeds",), rounds=(13, 13))
    expected = [q.id for q in load_all("blind-dev", "seeds") if q.round == 13]
    assert [q.id for q, _ in rows] == expected and len(expected) == 24
    assert sum(f is not None for _, f in rows) >= 20


def test_a_bad_rounds_range_is_one_line_and_a_non_zero_exit():
    assert parse_rounds("1-13") == (1, 13) and parse_rounds("4") == (4, 4) and parse_rounds(" 2 - 3 ") == (2, 3)
    for bad in ("13-1", "0-3", "b1-b13", "x"):
        done = subprocess.run([sys.executable, "-m", "qa.evaluation.calibrate", "--rounds", bad],
                              capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=120)
        assert done.returncode == 2 and "Traceback" not in done.stderr, bad
        assert done.stderr.strip().splitlines()[-1].startswith("calibrate.py: error: --rounds"), bad
