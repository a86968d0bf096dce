"""A question asking several things or comparing two takes a second span further below the best
than the spans after it (`several_margin`, qa.answer.selection.select): its best sentence names one
item or one side, the next one the rest. On the real reviews and the real PDF library."""
from __future__ import annotations

import pytest

from qa.answer.focus import asks_plural

from conftest import answerer_with

NICHE = "Which cells comprise the HSC niche in animal models according to the review?"
GROWTH = "A. baumannii in stationary phase versus exponential growth: which survives desiccation better?"


def test_a_list_question_quotes_the_second_kind_of_cell(settings, index):
    """The first span enumerates osteoblasts, CD146+ and CXCL12+ cells; the nestin-positive MSCs
    are in a sentence of their own, 0.15-0.2 below it."""
    # (read as asking several things by its plural head, not by a list of nouns; no other span margin)
    on = answerer_with(settings, index, span_margin=0.0).ask(NICHE)
    assert asks_plural(NICHE, on.kind) and "Osteoblasts" in on.spans[0].text
    assert any("nestin-positive cells" in s.text for s in on.spans[1:]), [s.text[:80] for s in on.spans]
    off = answerer_with(settings, index, span_margin=0.0, several_margin=0.0).ask(NICHE)
    assert off.spans[0].text == on.spans[0].text and len(off.spans) == 1


def test_a_comparison_quotes_the_finding_beside_its_restatement(pdf_library):
    """The first span restates the comparison as 'the observation made by many'; the second
    states the article's own finding."""
    settings, index = pdf_library
    on = answerer_with(settings, index).ask(GROWTH)
    assert on.kind == "comparison"
    assert any("much more tolerant to desiccation than actively growing cells" in s.text for s in on.spans[1:])
    off = answerer_with(settings, index, several_margin=settings.answer.span_margin).ask(GROWTH)
    assert off.spans[0].text == on.spans[0].text and len(off.spans) == 1


@pytest.mark.parametrize("question", ["What is the mechanism by which MSCs suppress T cells?",
                                      "How long was the follow-up in the Liang lupus trial?"])
def test_a_question_asking_one_thing_keeps_the_span_margin(settings, index, question):
    """The wider margin is for questions asking several things only."""
    on = answerer_with(settings, index, several_margin=2.0).ask(question)
    off = answerer_with(settings, index).ask(question)
    assert [s.text for s in on.spans] == [s.text for s in off.spans]
