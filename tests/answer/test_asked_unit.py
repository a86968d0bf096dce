"""The kind of number a question asks (`qa.retrieval.question.asked_unit`), read from its grammar: a
"when" joining a clause asks no time, "how much of" asks a share, "proportional abundance" names no
share; genome lengths in Mb / kb
as lengths, and a centrifugal force or a temperature in its lab spellings ("1000 g", "22-degrees")
(evals/README.md, "PDF numbers and lists helper")."""
from __future__ import annotations

import pytest

from qa.answer.focus import value_caution
from qa.retrieval.question import asked_unit, has_number

from conftest import answerer_with


@pytest.mark.parametrize("question, unit", [
    # a "when" joining a clause: the question's own wh-word decides
    ("In human blood cells, how many peaks are gained when a GMP turns into a monocyte?", "count"),
    ("How many trials were registered when this review was written?", "count"),
    ("Which co-factor, when expressed constitutively, let the cells come back?", None),
    ("What happens to flies lacking the domain when exposed to MMS?", None),
    # a "when" asking: opening, after 'and', closing, or after a scene-setting phrase before a verb
    ("When was the first patient treated?", "time"),
    ("and when did they relapse?", "time"),
    ("how many of those patients had donor chimerism, and when?", "time"),
    ("In the phase II trial, when did the responses occur?", "time"),
    # 'how much'
    ("How much of the protein do the AT-hook motifs cover?", "percent"),
    ("and how much NAD+ was then added?", "dose"),
    ("how much EF-1A protein goes into each reaction?", "dose"),
    ("How much more sensitive were the mutants?", "change"),
    # a share named, and a word that only starts like one
    ("What proportion of the mice survived?", "percent"),
    ("Which bacterial groups increased in proportional abundance after treatment?", None),
])
def test_the_asked_unit_is_read_from_the_question_grammar(question, unit):
    assert asked_unit(question) == unit


@pytest.mark.parametrize("text, states", [
    ("UMRs spanned 41Mbp, similar to previous reports", True),
    ("LMRs covered a total of 25 Mb", True),
    ("the gene ends were extended inward for 5 kb", True),
    ("a 2 Gb genome", True),
    ("the MB and KB cell lines", False),
])
def test_genome_lengths_are_lengths(text, states):
    assert has_number(text, "length") is states


@pytest.mark.parametrize("text, unit, states", [
    ("transduced via spinoculation (1000 g, 90 min, 22-degrees)", "speed", True),
    ("transduced via spinoculation (1000 g, 90 min, 22-degrees)", "temperature", True),
    ("cells were spun at 500 g for 5 min", "speed", True),
    ("lysates were cleared at 16,000×g for 10 min", "speed", True),
    ("M9 buffer (3 g KH2PO4, 6 g Na2HPO4, 5 g NaCl)", "speed", False),  # grams of a salt
    ("a 37-degree incubator", "temperature", True),
])
def test_lab_spellings_of_a_centrifugal_force_and_a_temperature(text, unit, states):
    assert has_number(text, unit) is states


def test_a_clause_when_no_longer_cautions_that_no_time_is_stated():
    """The quote states the counts asked; read as asking a time it drew "No quote states a time"."""
    question = "In human blood cells, how many ATAC-seq peaks are gained when GMPs become monocytes?"
    quote = ("Consistent with our data, 130,325 ATAC-seq peaks are lost/reduced in the transition from "
             "human GMPs to monocytes, while only 25,758 peaks (~5-fold fewer) are gained/increased.")
    assert value_caution(question, "number", [quote]) == ""
    assert "time" in value_caution("When were the peaks gained?", "number", [quote])


def test_counts_asked_with_a_clause_when_are_answered_on_the_real_articles(pdf_library):
    settings, index = pdf_library
    answer = answerer_with(settings, index).ask(
        "In human blood cells, how many ATAC-seq peaks are gained when GMPs become monocytes?")
    assert answer.found and "No quote states" not in answer.caution
    assert "25,758" in answer.spans[0].text


def test_a_spin_asked_by_speed_time_and_temperature_is_answered_with_its_values(pdf_library):
    """"(1000 g, 90 min, 22-degrees)" stated no speed and no temperature before the lab spellings."""
    settings, index = pdf_library
    answer = answerer_with(settings, index).ask(
        "What centrifugation speed and temperature were used to spinoculate the bone marrow cells with the retrovirus?")
    assert answer.found and "1000 g" in answer.spans[0].text


def test_a_share_asked_as_how_much_of_is_answered_by_a_percentage(pdf_library):
    settings, index = pdf_library
    answer = answerer_with(settings, index).ask("How much of the ABUW_2433 protein do its AT-hook motifs cover?")
    assert answer.found and "70%" in answer.spans[0].text
