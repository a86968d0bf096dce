"""An error about an option's value names the option as the user typed it (thirty-eighth session):
`qa ask --top 0` was told `--k must be at least 1` (`--top` and `--k` are one option, and the map
from the library's parameters to the command line's options has one name per parameter). The real
CLI in a subprocess, on the project's own index."""
from __future__ import annotations

from conftest import run_qa, run_qa_here

SLE = "Which sources were used for SLE?"


def test_top_out_of_range_is_told_top_and_k_is_told_k(index):
    done = run_qa("ask", SLE, "--top", "0")
    assert (done.returncode, done.stdout, done.stderr.strip()) == (2, "", "qa: --top must be at least 1, got 0"), done
    for args, line in ((("search", SLE, "--top=1001"), "qa: --top must be at most 1000, got 1001"),
                       (("ask", SLE, "--k", "0"), "qa: --k must be at least 1, got 0"),
                       (("ask", SLE, "--k", "3", "--top", "0"), "qa: --top must be at least 1, got 0"),
                       (("ask", SLE, "--top", "3", "--k", "0"), "qa: --k must be at least 1, got 0")):
        done = run_qa_here(*args)
        assert (done.returncode, done.stdout, done.stderr.strip()) == (2, "", line), args
