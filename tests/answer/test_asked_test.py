"""A question asking which statistical test was applied, answered by the figure legend stating it.

"Which statistical test was applied to the percentage of chromosomal abnormalities in the HU-treated
metaphase spreads?" asks for a test; the percentage it names is the test's object. Read as asking a
percentage (`focus.asks_quantity`), the legend of the panel ("(B) Bar chart of the % chromosomal
abnormalities.") lost the legend penalty for stating no percentage and another article's Methods sentence
was the first span, with a caution asking for a percentage. The legend's test follows the panel's description
("Two-way ANOVA (Tukey's multiple comparisons test): ****P < 0.0001."), and the first span, shown with its
panel's title, now takes that follower too (`join_title_and_follower`; evals/README.md, forty-first
session, helper h2). The real PARP1 article in the ten-PDF evaluation library.
"""
from __future__ import annotations

import pytest

from conftest import answerer_with

QUESTION = ("Which statistical test was applied to the percentage of chromosomal abnormalities in the "
            "HU-treated metaphase spreads?")
ARTICLE = "10.1073_pnas.2322520121"


def test_a_question_asking_which_test_asks_no_quantity() -> None:
    from qa.answer.focus import asked_value, asks_quantity

    assert not asks_quantity(QUESTION, "number")
    assert asked_value(QUESTION, "number") is None
    assert not asks_quantity("What statistical methods were used to compare the groups?", "fact")
    # a test's concentration or a percentage is still a quantity
    assert asks_quantity("What test concentration of HU was used?", "number")
    assert asks_quantity("What percentage of metaphase spreads had chromosomal abnormalities?", "number")


@pytest.fixture(scope="module")
def answer(pdf_library):
    settings, index = pdf_library
    return answerer_with(settings, index).ask(QUESTION)


def test_the_legend_stating_the_test_is_the_first_span(answer) -> None:
    first = answer.spans[0]
    assert first.doc_id == ARTICLE
    assert "Bar chart of the % chromosomal abnormalities." in first.text
    assert "Two-way ANOVA (Tukey’s multiple comparisons test)" in first.text
    assert "percentage" not in answer.caution


def test_without_the_follower_join_the_title_joined_span_lacks_the_test(pdf_library) -> None:
    settings, index = pdf_library
    first = answerer_with(settings, index, join_title_and_follower=False).ask(QUESTION).spans[0]
    assert "Bar chart of the % chromosomal abnormalities." in first.text
    assert "Two-way ANOVA" not in first.text
