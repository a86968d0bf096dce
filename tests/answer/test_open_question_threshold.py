"""A question asking for a value is refused by the refusal model below a share of its threshold; a
yes/no question below the whole threshold (`open_question_threshold_share`, Answerer.threshold), on
the real reviews' index. Out of fold by blind-dev round, the model's margin between the two refused
mostly answerable wh-questions, whose weak matches the checks after the quotes read again
(evals/README.md, thirtieth session, 'Do the refusal rules carry over?')."""
from __future__ import annotations

import pytest

from conftest import answerer_with

pytestmark = pytest.mark.slow

CLAIM = "Which references back the claim that MSCs impair B-cell function?"


def test_the_threshold_depends_on_the_question_form(settings, index):
    answerer = answerer_with(settings, index)
    st = answerer.settings.answer
    assert 0 < st.open_question_threshold_share < 1
    assert answerer.threshold("Did MSCs improve survival in the Kuzmina study?") == st.refusal_threshold
    assert answerer.threshold("and were children treated?") == st.refusal_threshold
    assert answerer.threshold(CLAIM) == pytest.approx(st.refusal_threshold * st.open_question_threshold_share)
    assert answerer.threshold("Kuzmina study: phase and number of patients?") < st.refusal_threshold
    same = answerer_with(settings, index, open_question_threshold_share=1.0)
    assert same.threshold(CLAIM) == same.settings.answer.refusal_threshold


def test_a_weak_wh_question_is_answered_with_the_weak_match_caution(settings, index):
    """A sources question in other words than the review's ('impair' for 'suppress') scores between the two
    thresholds: answered from the sentence citing the B-cell studies, said to be a weak match; refused at
    the old threshold."""
    answer = answerer_with(settings, index).ask(CLAIM)
    st = answerer_with(settings, index).settings.answer
    assert st.refusal_threshold * st.open_question_threshold_share <= answer.confidence < st.refusal_threshold
    assert answer.found and "Weak match" in answer.message
    assert "B cell functions [25,27,28]" in answer.spans[0].text
    old = answerer_with(settings, index, open_question_threshold_share=1.0).ask(CLAIM)
    assert not old.found and not old.spans


def test_a_question_naming_a_rare_word_no_article_writes_keeps_the_whole_threshold(settings, index):
    """'sepsis' is in no review: no check after the quotes reads a wh-question's topic word, so the model's
    whole threshold still refuses the weak match (in the band between the two thresholds)."""
    from qa.answer.unreported import rare_unwritten

    answerer = answerer_with(settings, index)
    st = answerer.settings.answer
    question = "MSCs in sepsis - what mortality benefit?"
    assert rare_unwritten(answerer, question, (), st.unreported_frequency) == ["sepsis"]
    assert answerer.threshold(question) == st.refusal_threshold
    answer = answerer.ask(question)
    assert st.refusal_threshold * st.open_question_threshold_share <= answer.confidence < st.refusal_threshold
    assert not answer.found
    assert rare_unwritten(answerer, CLAIM, (), st.unreported_frequency) == []
