"""A superlative over a table puts first the row holding the extreme value of the column the
question names (qa/answer/table_extremes.py): on rows rendered as ingestion renders them, on the
real reviews' index and on the real ten-PDF library."""
from __future__ import annotations

import pytest

from conftest import answerer_with, table_row as row
from qa.answer.table_extremes import SUPERLATIVE, extreme_rows, value_of
from qa.index.analyzer import tokenize
from qa.models import Hit, Passage

ROWS = [row(0, "Trial: Alpha; Disease: MI; No. of patients: 12; Dose (cells/kg): 2,000,000; Follow-up: 6 months"),
        row(1, "Trial: Beta; Disease: MI; No. of patients: 40; Dose (cells/kg): 1,000,000; Follow-up: 12 months"),
        row(2, "Trial: Gamma; Disease: SLE; No. of patients: 87; Dose (cells/kg): 500,000; Follow-up: 3 months"),
        row(3, "Trial: Delta; Disease: SLE; No. of patients: 5; Dose (cells/kg): 3,000,000; Follow-up: 24 months")]


def extreme(question: str, rows: list[Passage] = ROWS, first: int = 0):
    hits = [Hit(passage=rows[first], rank=1, score=1.0)]
    return extreme_rows(question, tokenize(question), hits, lambda _: rows, tokenize)


@pytest.mark.parametrize("question, largest", [
    ("Which trial had the most patients?", True), ("the largest trial", True), ("highest dose", True),
    ("Which trial had the fewest patients?", False), ("the lowest dose given", False), ("least", False)])
def test_superlatives_and_their_direction(question: str, largest: bool):
    m = SUPERLATIVE.search(question)
    assert m is not None and (m.group("max") is not None) is largest


@pytest.mark.parametrize("question", ["at least 10 patients", "most of the patients", "most likely safe",
                                      "at most three doses", "Which trial enrolled patients?",
                                      "the maximum tolerated dose", "the minimal criteria"])
def test_hedges_are_no_superlatives(question: str):
    assert SUPERLATIVE.search(question) is None


def test_cell_values():
    assert [value_of(v) for v in ("69", "1.5", "2,000,000", "~20", "150×", "I/II", "Allo-BM", "[100]", "6 months")] \
        == [69, 1.5, 2e6, 20, 150, None, None, None, 6]


def test_the_named_column_decides_and_the_direction_picks_the_row():
    assert [p.id for p in extreme("Which trial had the most patients?").rows] == ["r2"]
    assert [p.id for p in extreme("Which trial had the fewest patients?").rows] == ["r3"]
    assert [p.id for p in extreme("Which trial gave the highest dose?").rows] == ["r3"]
    assert [p.id for p in extreme("Which trial had the longest follow-up?").rows] == ["r3"]
    found = extreme("Which trial had the most patients?")
    assert found.column == "No. of patients" and found.value == "87" and found.among == 4
    assert "No. of patients" in found.note() and "largest value is 87" in found.note()


def test_the_question_s_other_words_select_rows_and_exclusions_drop_them():
    assert [p.id for p in extreme("Which MI trial had the most patients?").rows] == ["r1"]
    assert [p.id for p in extreme("Besides Gamma, which trial had the most patients?").rows] == ["r1"]
    assert [p.id for p in extreme("Other than the Gamma trial, which had the most patients?").rows] == ["r1"]


def test_no_answer_without_a_named_numeric_column_a_standout_or_a_table():
    assert extreme("Which trial was the most effective?") is None       # no column named
    assert extreme("Which trial had the most patients", ROWS[:1]) is None  # nothing to compare
    ties = [row(i, f"Trial: T{i}; No. of patients: 1") for i in range(5)] + [row(9, "Trial: X; No. of patients: 9")]
    assert extreme("Which trial had the fewest patients?", ties) is None  # five rows share it
    text = Passage(id="t", doc_id="d", section="Results", kind="text", text="A sentence.", start=0, end=11)
    assert extreme_rows("Which trial had the most patients?", tokenize("most patients"),
                        [Hit(passage=text, rank=1, score=1.0)], lambda _: ROWS, tokenize) is None


def test_the_largest_trial_of_the_review_s_table(settings, index):
    """Blind question b-kim2013-021: the row of the largest trial was not among the retrieved rows."""
    question = "Which trial in the review's table had the most patients?"
    answer = answerer_with(settings, index).ask(question)
    assert "Chen et al. [100]" in answer.spans[0].text and "No. of patients: 69" in answer.spans[0].text
    assert [c.label for c in answer.spans[0].citations] == ["[100]"]
    assert "'No. of patients'" in answer.message and "largest value is 69" in answer.message
    assert any(h.passage.id == answer.spans[0].passage_id for h in answer.passages)
    before = answerer_with(settings, index, table_extremes=False).ask(question)
    assert "No. of patients: 69" not in before.spans[0].text
    crohn = answerer_with(settings, index).ask("Which Crohn disease trial enrolled the most patients?")
    assert "Garcia-Olmo et al. [110]" in crohn.spans[0].text and "No. of patients: 14" in crohn.spans[0].text


def test_a_superlative_the_corpus_never_writes_is_no_missing_word(settings, index):
    """'fewest' is in no article: the evidence states the values, not the comparison, so the word
    is a form word of the question (question.QUESTION_FORM) and the question is answered."""
    answer = answerer_with(settings, index).ask("Which MI trial in the table had the fewest patients?")
    assert answer.found
    assert {s.text.split("Reference: ")[1].split(";")[0] for s in answer.spans[:2]} == \
        {"Zeinaloo et al. [105]", "Ichim et al. [107]"}  # the two MI trials of one patient
    assert all("Disease: MI;" in s.text and "No. of patients: 1;" in s.text for s in answer.spans[:2])


def test_an_excluded_gene_over_a_pdf_table(pdf_library):
    """User trial 16 (P5): 'Besides csrA, which mutant lost most viability?' returned the csrA sentence."""
    settings, index = pdf_library
    answer = answerer_with(settings, index).ask("Besides csrA, which mutant lost most viability?")
    first = answer.spans[0].text
    assert "ABUW_2437" in first and "relative to WT: 150" in first
    assert "Loss of viability at day 6 relative to WT" in answer.message
