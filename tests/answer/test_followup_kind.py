"""A follow-up that only names a new element ("and for Crohn's disease?") asks what the earlier
question asked (qa.retrieval.question.kind_of / asks_nothing_itself), on the real index."""
from __future__ import annotations

import pytest

from qa.retrieval.question import asks_nothing_itself, kind_of


GVHD_STUDIES = "Which studies used MSCs for GVHD?"


@pytest.mark.parametrize("text", ["and for Crohn's disease?", "And the IQ-tree-only reconstruction?",
                                  "what about stroke?", "same for the yeast controls?", "and in children"])
def test_a_follow_up_naming_only_a_new_element_asks_nothing_itself(text):
    assert asks_nothing_itself(text)


@pytest.mark.parametrize("text", ["and how were they sequenced?", "and did a western blot show the same?",
                                  "what dose?", "Was it randomized?", "and which route was used?"])
def test_a_follow_up_with_its_own_question_word_or_auxiliary_asks_itself(text):
    assert not asks_nothing_itself(text)


def test_the_follow_up_takes_the_earlier_questions_kind(answerer):
    retriever = answerer.retriever
    follow = retriever.query_from("and for Crohn's disease?", GVHD_STUDIES)
    assert kind_of(follow, answerer.index) == "sources"
    alone = retriever.query_from("and for Crohn's disease?")  # no earlier question: its own kind
    assert kind_of(alone, answerer.index) != "sources"
    own = retriever.query_from("and how many patients had Crohn's disease?", GVHD_STUDIES)
    assert kind_of(own, answerer.index) == "number"  # it asks its own question


def test_a_sources_follow_up_lists_the_studies_of_its_new_element(answerer):
    """The answer is the Crohn's disease studies with their reference numbers, as the earlier question
    asked for GVHD's; read as a fact question it quoted a sentence defining Crohn disease first."""
    answer = answerer.ask("and for Crohn's disease?", previous=GVHD_STUDIES)
    assert answer.kind == "sources" and answer.found
    assert "Crohn" in answer.spans[0].text and answer.spans[0].citations
    assert not answer.spans[0].text.startswith("Crohn disease, also known as")
