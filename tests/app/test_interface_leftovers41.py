"""The interface leftovers of earlier sessions (forty-first session, helper h4), each found by a user trial or
a docs audit and left open; each test runs the real CLI (a subprocess), the library or the TUI (Pilot)."""
from __future__ import annotations

import json

from conftest import run_qa


def test_words_after_an_option_are_part_of_the_question() -> None:
    """`qa ask GVHD --k 3 trials` asks "GVHD trials" (it was "unrecognized arguments: trials"): a command's
    words and options may come in any order, as GNU tools read them; an option still takes its value."""
    done = run_qa("ask", "GVHD", "--k", "3", "trials", "--json")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["question"] == "GVHD trials"
    assert 0 < len(out["spans"]) <= 3
    # the same in `qa search`, a flag between the words; an option's value is still its own (`--top 2`)
    listed = run_qa("search", "--top", "2", "GVHD", "--json", "trials")
    assert listed.returncode == 0, listed.stderr
    assert json.loads(listed.stdout)["question"] == "GVHD trials"
    assert len(json.loads(listed.stdout)["hits"]) == 2
    # a word no option takes is still refused where no words are read
    assert run_qa("show", "abc", "def").stderr == "qa: unrecognized arguments: def (see 'qa show --help')\n"
