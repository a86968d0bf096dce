"""A table row whose cell contradicts a number the question gives for its column yields to the row
that holds it (qa/answer/row_match.py), on rows rendered as the text pipeline renders them."""
from __future__ import annotations

import pytest

from conftest import answerer_with
from qa.answer.row_match import contradicts, other_phase
from qa.retrieval.statements import row_cells
from qa.index.analyzer import tokenize

ROW = ("Table 2 (Clinical trials of mesenchymal stem cell therapy). Reference: Garcia-Olmo et al. [109]; "
       "Disease: Crohn disease; Phase: I; No. of patients: 10; MSC source: Allo-BM; Route: Intrafistula.")


def test_row_cells_read_the_rendered_pairs():
    assert row_cells(ROW)[:3] == [("Reference", "Garcia-Olmo et al. [109]"), ("Disease", "Crohn disease"), ("Phase", "I")]
    long = "TABLE 1 (Genes (of AB5075)). Gene: ABUW_2437; Loss of viability at day 6 relative to WT: 150."
    assert row_cells(long) == [("Gene", "ABUW_2437"), ("Loss of viability at day 6 relative to WT", "150")]


@pytest.mark.parametrize("question, row, expected", [
    ("the Garcia-Olmo phase II Crohn trial", ROW, True),                      # II against I
    ("the Garcia-Olmo phase II Crohn trial", ROW.replace("Phase: I;", "Phase: II;"), False),
    ("the Garcia-Olmo phase II Crohn trial", ROW.replace("Phase: I;", "Phase: I/II;"), False),
    ("the Crohn trial with 14 patients", ROW, True),                          # the number before the word
    ("the Crohn trial with 10 patients", ROW, False),
    ("which route in the phase of the Crohn trial", ROW, False),              # no number asked
    ("which source was used for Crohn disease in phase 1", ROW, False),
])
def test_contradicts(question, row, expected):
    assert contradicts(tokenize(question), row, tokenize) is expected


def test_the_row_of_the_asked_phase_comes_first(settings, index):
    """User trial 13 (V3): the phase I row of the same authors came before the phase II row asked for."""
    question = "What MSC source and route were used in the Garcia-Olmo phase II Crohn disease trial?"
    first = answerer_with(settings, index).ask(question).spans[0].text
    assert "Phase: II;" in first and "Auto adipose-tissue" in first
    before = answerer_with(settings, index, row_mismatch_penalty=0.0).ask(question).spans[0].text
    assert "Phase: I;" in before


@pytest.mark.parametrize("question,sentence,expected", [
    ("How many patients were in the phase III Crohn's trial?", "... in a phase II multicenter trial of 49 patients", True),
    ("How many patients were in the phase III Crohn's trial?", "Currently, there is a phase III, multicenter study", False),
    ("Which phase I/II MS studies were done?", "Further phase I/II studies involving 10-15 patients", False),
    ("Which phase 2 trial?", "In another phase I to II clinical trial, eight patients", False),
    ("What fraction of cells enter S phase during the 5 h culture?", "a phase 1 trial", False),  # no phase asked
    ("How many patients in the phase II trial?", "MSCs were infused in 12 patients", False),  # no phase said
])
def test_other_phase(question, sentence, expected):
    assert other_phase(question, sentence) is expected


def test_a_sentence_about_a_trial_of_another_phase_does_not_come_first(pdf_library):
    """User trial 27: "... randomized to placebo in the Osiris phase III Crohn's trial?" quoted first
    the phase II Garcia-Olmo trial's "including 49 patients", offering that study; the phase III
    sentence (which gives no count) now comes first (in the reviews + ten PDFs library of the trial)."""
    settings, index = pdf_library
    question = "How many patients were randomized to placebo in the Osiris phase III Crohn's trial?"
    first = answerer_with(settings, index).ask(question).spans[0].text
    assert "phase III" in first and "49 patients" not in first
    before = answerer_with(settings, index, row_mismatch_penalty=0.0).ask(question).spans[0].text
    assert "49 patients" in before
