"""A "how many X" question asks a count of X: on a near tie, the sentence counting X's head noun comes first
(`qa.answer.counts.asked_count`, `count_focus_first`), not one counting something else ("seven main
patterns" for "how many main clusters") nor one naming a member by number ("the cluster 5 group").
Hand-written questions; the reading, the real ten-PDF library and the CLI through a subprocess."""
from __future__ import annotations

import pytest

from conftest import answerer_with, library_args, run_qa
from qa.answer.counts import asked_count, counted_head, counts_of
from qa.index.analyzer import tokenize

QUESTION = ("After E2 add-back to cells pretreated for 40 h or 72 h without E2, how many main clusters of "
            "ATAC-seq accessibility change were identified?")


@pytest.mark.parametrize(("question", "head"), [
    ("how many mice went into the diet experiment?", "mice"),  # an irregular past ends the phrase
    ("How many SEM images went into the comparison?", "images"),
    ("How many wing discs per genotype were scored?", "discs"),
    ("how many main clusters of accessibility change did they find?", "clusters"),
    ("How many mice ended up as responders?", "mice"),  # a participle ends it
    ("how many monkeys actually got the LNPs?", "monkeys"),  # the first plural word
    ("Trial X - how many pts?", "pts"),
    ("how many of those could it still bind?", None),  # no noun after "how many"
    ("When it was given to children, how many had a complete response?", None),
    ("What dose was used?", None),
])
def test_the_counted_head_is_the_noun_after_how_many(question: str, head: str | None) -> None:
    assert counted_head(question) == head


def test_a_number_after_its_noun_counts_only_across_an_equals_sign_or_colon() -> None:
    clusters = frozenset(tokenize("clusters"))
    assert counts_of("Three main clusters of accessible chromatin dynamics were identified.", clusters)
    assert not counts_of("Genes in the cluster 5 (c5) group presented a less localized hypomutation.", clusters)
    assert not counts_of("clustering identifying seven main patterns of loci accessibility", clusters)
    mice = frozenset(tokenize("mice"))
    assert counts_of("Female BALB/c mice (n = 40) were fed a control diet.", mice)
    assert not counts_of("Tumours of mice 3 and 4 were larger.", mice)
    assert counts_of("Disease: SLE; No. of patients: 2; Outcome: No change.", frozenset(tokenize("patients")))
    assert counts_of("the number of pre-mRNA observed per cell (from 0 to ~20)", frozenset(tokenize("cell")))
    # a superscript reference mark glued to the noun is no part of it
    assert counts_of("from a concatenation of 29 universally conserved proteins³.", frozenset(tokenize("proteins")))


def test_only_a_count_question_with_a_head_asks_a_count() -> None:
    test = asked_count("how many main clusters did they find?", "number")
    assert test is not None and test("They found three main clusters.") and not test("They found seven patterns.")
    assert asked_count("how many days did it take?", "number") is None  # a unit, not a count
    assert asked_count("how many of those were bound?", "number") is None
    assert asked_count("What dose of MSCs was given?", "number") is None


@pytest.mark.slow
def test_the_sentence_counting_the_head_comes_first_in_the_pdfs(pdf_library) -> None:
    settings, index = pdf_library
    first = answerer_with(settings, index).ask(QUESTION).spans[0].text
    assert first.startswith("Three main clusters of accessible chromatin dynamics")
    # off: the near-tie sentence counting "seven main patterns" stays first
    off = answerer_with(settings, index, count_focus_first=False).ask(QUESTION).spans[0].text
    assert "seven main patterns" in off


@pytest.mark.slow
def test_the_cli_quotes_the_count_first(pdf_library) -> None:
    settings, _ = pdf_library
    on = run_qa(*library_args(settings), "ask", QUESTION, "--brief")
    assert on.returncode == 0, on.stderr
    assert on.stdout.splitlines()[0].split(": ", 1)[1].startswith("Three main clusters")
    off = run_qa(*library_args(settings), "ask", QUESTION, "--brief", env={"QA_COUNT_FOCUS_FIRST": "false"})
    assert off.returncode == 0, off.stderr
    assert "seven main patterns" in off.stdout.splitlines()[0]
