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


def test_it_pointing_back_reads_a_follow_up_and_an_empty_it_does_not():
    """User trial 7: "what surface density of it was used in the monkey?" was not read with the
    question before it. "it" as an object or as the subject of what it does points back; the empty
    "it" of "Is it safe to ...", and "its" inside a question's own words, do not."""
    for q in ("what surface density of it was used in the monkey?", "Does it work in children with GVHD?",
              "Were the results with it better in adults with Crohn's disease?"):
        assert needs_context(q, tokenize(q)), q
    for q in ("Is it safe to give bone marrow stem cells to people with lupus?",
              "Is it true that MSCs can transform malignantly in culture?",
              "Did the antibiotic cocktail on its own slow 4T1 tumor growth?"):
        assert not needs_context(q, tokenize(q)), q
