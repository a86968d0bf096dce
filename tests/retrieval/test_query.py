"""When a follow-up is read with the question before it."""
from __future__ import annotations

from qa.index.analyzer import tokenize
from qa.retrieval.query import needs_context


def test_short_or_backward_pointing_questions_need_the_previous_one():
    for q in ("and in children?", "what about the dose?", "how many of those sites are still bound?"):
        assert needs_context(q, tokenize(q)), q
    q = "What surface markers do human bone marrow MSCs express in culture?"
    assert not needs_context(q, tokenize(q))


def test_a_short_question_naming_its_subject_is_a_new_question():
    """User trial 4: "Which sources were used for SLE?" and "What is the capital of Australia?"
    after a GVHD question were read as its follow-ups (three content words or fewer was enough).
    A short question that names what it is about stands alone; one that names nothing, or points
    back, still takes the earlier question."""
    for q in ("Which sources were used for SLE?", "What is the capital of Australia?", "What is GVHD?",
              "How many had CD34+ cells?"):
        assert not needs_context(q, tokenize(q)), q
    for q in ("How many patients?", "What dose?", "Were they adults?", "Which ones used the bone marrow?",
              "and in SLE?", "What about IL-6?", "Any deaths?"):
        assert needs_context(q, tokenize(q)), q
