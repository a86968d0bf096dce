"""A question asking whether, in its last clause: "In the lupus trials, did MSCs help?" is read as the
yes/no question its clause asks, by the classifier and by every stage that reads the yes/no form
(own phrasings; none of them evaluation questions)."""
from __future__ import annotations

import pytest

from qa.answer.focus import asks_quantity, echo
from qa.answer.findings import asks_result, reports_outcome
from qa.retrieval.question import asks_whether, classify
from qa.retrieval.rerank import requires

from tests.conftest import answerer_with

WHETHER = [
    # an auxiliary first, as before
    "Do MSCs suppress T cells?",
    "and did it help the children?",
    # a scene-setting phrase, then the clause asking whether
    "In the Crohn's fistula trials, were the cells autologous?",
    "After infusion into mice, do MSCs reach the lungs?",
    "When the cells were primed with interferon, did they suppress T cells better?",
    "Regardless of the donor's age, can marrow MSCs form bone?",
    "cord blood MSCs - do they engraft?",
    "GVHD trials: was anyone harmed by the infusion?",
    # a wh-word inside the scene-setting phrase, after a word of it, is a relative pronoun: it asks nothing
    "The mice whose tumours shrank - did they live longer?",
    "In the patients who received cord blood, was engraftment faster?",
    "Those donors from which the cells were taken, were they related?",
]
NOT_WHETHER = [
    # a wh-word asks the question; the phrase set off by commas is an aside
    "Which label, e.g. iron oxide, was used to track the cells?",
    "What dose, in cells per kg, was given?",
    "In the lupus trials, what dose was given?",
    "When the cells were primed, how many patients responded?",
    # ... and one opening a clause of its own asks, whatever follows
    "In the mouse trials, which dose, e.g. the highest, was safe?",
    "cord blood or marrow - which engrafts faster, and is it safe?",
    # no clause asking whether: a noun phrase, a statement, a wh-question
    "MSC homing to the lungs?",
    "MSCs, bone marrow and fat.",
    "Why do MSCs fail to engraft?",
]


@pytest.mark.parametrize("question", WHETHER)
def test_asks_whether(question: str):
    assert asks_whether(question)


@pytest.mark.parametrize("question", NOT_WHETHER)
def test_does_not_ask_whether(question: str):
    assert not asks_whether(question)


@pytest.mark.parametrize("question,kind", [
    ("In the Crohn's fistula trials, were the cells autologous?", "yesno"),
    ("After infusion into mice, do MSCs reach the lungs?", "yesno"),
    ("cord blood MSCs - do they engraft?", "yesno"),
    # the kinds read before the yes/no form keep their place
    ("In the GVHD trials, did children do better than adults?", "comparison"),
    ("In the lupus trials, what dose was given?", "number"),
    ("Which label, e.g. iron oxide, was used to track the cells?", "fact"),
    ("In the patients who received cord blood, was engraftment faster?", "yesno"),
    # the literature noun after the asked noun and an auxiliary is the verb's subject: no sources question
    # (a plural head asks a list)
    ("Which strategies do the authors put forward to improve engraftment?", "list"),
    ("What doses did the trials use?", "list"),
    # ... while one asked for itself still is
    ("Which studies do the authors cite for MSC homing?", "sources"),
    ("Which references does the review give for T-cell suppression?", "sources"),
    # "what kind of study" asks the study's design, a category, not a citation
    ("What kind of study was the company running to test MSCs in Crohn's disease?", "fact"),
    ("Which types of trials tested MSCs in lupus?", "list"),
    ("Which trials tested MSCs in lupus?", "sources"),
])
def test_classify_reads_the_last_clause(question: str, kind: str):
    assert classify(question) == kind


def test_clause_whether_is_read_like_an_opening_auxiliary():
    """The stages reading the yes/no form read it in the last clause too: a yes/no question restates
    its claim (no echo penalty), asks no number by its measure alone, and asks about harm."""
    clause = "In the children given MSCs, were response rates as good as in adults?"
    opening = "Were response rates as good as in adults in the children given MSCs?"
    terms = {"response": 1.0, "rate": 1.0, "children": 1.0, "adult": 1.0}
    tokens = {"response", "rate", "children", "adult"}
    for q in (clause, opening):
        assert echo(terms, tokens, lambda t: 1.0, "number", q) == 0.0
        assert not asks_quantity(q, "number")
        assert not requires("number", q)
    assert asks_result("After the infusion, were there any side effects?", "yesno") == "harm"
    # a wh-question keeps its echo penalty and its number requirement
    wh = "In the children given MSCs, what were the response rates?"
    assert echo(terms, tokens, lambda t: 1.0, "number", wh) > 0.0
    assert requires("number", wh)


def test_answer_kind_on_the_real_index(settings, index):
    """On the real reviews' index the answer reads a clause-form question as yes/no, as it reads the same
    question with its auxiliary first, and quotes first a sentence reporting what was seen."""
    answerer = answerer_with(settings, index)
    clause = answerer.ask("In the steroid-resistant acute GVHD patients, did MSCs produce complete responses?")
    opening = answerer.ask("Did MSCs produce complete responses in the steroid-resistant acute GVHD patients?")
    assert clause.kind == opening.kind == "yesno"
    assert clause.found and opening.found
    assert clause.spans and reports_outcome(clause.spans[0].text)


def test_a_kind_of_study_is_answered_from_the_prose_on_the_real_index(settings, index):
    """Read as a sources question, "What kind of study was Osiris running ...?" was answered by a trial-table
    row (Garcia-Olmo's phase I); read as asking a category, the prose naming the phase III design comes first."""
    answer = answerer_with(settings, index).ask(
        "What kind of study was Osiris running to test donor stem cells in Crohn's disease?")
    assert answer.kind == "fact" and answer.found
    assert "phase III, multicenter, placebo-controlled" in answer.spans[0].text
