"""Follow-up questions borrow the topic of the last standalone question, and say so."""
from __future__ import annotations

import pytest

from qa.app.followup import is_followup, read_question

TOPIC = "Which sources were used for SLE?"


def subjects(text: str) -> list[str]:
    known = {"sle", "gvhd", "lupus", "nephritis"}
    return [w for w in text.lower().replace("?", " ").replace(",", " ").split() if w in known]


@pytest.mark.parametrize("question", ["and in children?", "What about in mice?", "in children?",
                                      "Do they work?", "also the doses?", "How about those?"])
def test_short_continuations_are_follow_ups(question: str):
    assert is_followup(question)
    reading = read_question(question, TOPIC, subjects)
    assert reading.asked == f"Which sources were used for SLE, {question}"
    assert reading.note == f"(taken as: {reading.asked})" and not reading.standalone


@pytest.mark.parametrize("question", [TOPIC, "In which diseases were MSCs used?",
                                      "How were the cells delivered in the Yang et al. trial?",
                                      "GVHD trials"])
def test_standalone_questions_are_left_alone(question: str):
    reading = read_question(question, TOPIC, subjects)
    assert reading.asked == question and reading.note == "" and reading.standalone


def test_own_subject_replaces_the_earlier_one_or_is_asked_alone():
    assert read_question("What about GVHD?", TOPIC, subjects).asked == "Which sources were used for GVHD?"
    assert read_question("and lupus nephritis?", TOPIC, subjects).asked == \
        "Which sources were used for lupus nephritis?"
    two = read_question("what about GVHD?", "Is SLE like lupus?", subjects)  # ambiguous: alone
    assert two.asked == "what about GVHD?" and "answered on its own" in two.note


def test_follow_up_without_an_earlier_question_says_so():
    reading = read_question("and in children?", None, subjects)
    assert reading.asked == "and in children?" and "no earlier question" in reading.note


@pytest.mark.slow
def test_real_service_tells_subject_words_from_everyday_words(index):
    from qa.app.service import QAService

    service = QAService()
    assert service.subject_words("and in children?") == []
    assert service.subject_words("What about GVHD?") == ["gvhd"]
    assert read_question("What about GVHD?", TOPIC, service.subject_words).asked == \
        "Which sources were used for GVHD?"
