"""The question forms that ask a value (qa.answer.focus): a topic then its asked measures after a dash
("4T1 mice - dox dose & schedule?", user trial 16 P1), a regimen or schedule, 'how quickly'; the sentence
stating the asked value put first on a near tie (`value_first_margin`); and user trial 16's class 1, a
follow-up asking how long a cited trial followed its patients, quoted with the finding two uncited
sentences on (the bridge join, `span_bridge`, with the credit for 'followed' written 'Follow-up').
The asked-value join (`span_value_reach`) that reached it too was removed in the thirty-ninth session:
it changed no span of any dev, test or blind-dev question (evals/README.md)."""
from __future__ import annotations

import pytest

from qa.answer import focus
from qa.retrieval.question import asked_unit, classify

from conftest import answerer_with
from test_span_bridge import passage, scored

STUDY = ["A trial treated 16 lupus patients with cord MSCs [7].",
         "Cells were grown to passage 3 in 10% serum.",
         "Follow-up was 8 months and proteinuria fell.",
         "Another trial used marrow MSCs [9]."]
HOW_LONG = "How long were the lupus patients followed?"


def test_a_sentence_states_the_asked_time_only_with_a_time():
    what = "What did the lupus trial find?"
    assert focus.states_asked(what, classify(what), STUDY[2]) is None
    many = "How many lupus patients were treated?"  # any number is a count: nothing to reach for
    assert focus.states_asked(many, classify(many), STUDY[2]) is None
    assert focus.states_asked(HOW_LONG, classify(HOW_LONG), STUDY[2]) is True
    assert focus.states_asked(HOW_LONG, classify(HOW_LONG), STUDY[1]) is False


def test_the_follow_up_of_a_cited_trial_is_quoted_with_it(settings, index):
    """Asked as a follow-up, the Nanjing cord-blood trial's span was its introduction with its
    citation and the next sentence (renal cases, cyclophosphamide); "Follow-up was only 8.25 months"
    comes two sentences on."""
    question, previous = ("How long were the patients followed?",
                          "How many lupus patients received umbilical cord MSCs in the Nanjing trial?")
    first = answerer_with(settings, index).ask(question, previous=previous).spans[0]
    assert "(Sun et al., 2010)" in first.text and "Follow-up was only 8.25 months" in first.text
    # the bridge over the two uncited sentences reaches it (with the credit for 'followed' written
    # as 'Follow-up', qa.answer.forms); without either, the finding is not in the first span
    without = answerer_with(settings, index, span_bridge=0, span_form_credit=0.0).ask(
        question, previous=previous).spans[0]
    assert "(Sun et al., 2010)" in without.text and "8.25 months" not in without.text


@pytest.mark.parametrize("question, quantity", [
    ("4T1 TNBC mice - dox dose & schedule?", True),  # user trial 16, P1
    ("Dox regimen in the 4T1 mice - dose, route, schedule?", True),
    ("What mycophenolate regimen had the patients failed?", True),
    ("How quickly did the suicide switch kill the MSCs?", True),
    ("Karussis MS trial: phase, n, route?", False),  # a table's fields, no measure
    ("Is MSC therapy safe - a review?", False),
])
def test_a_value_is_asked_after_a_dash_or_as_a_regimen_or_how_quickly(question, quantity):
    assert focus.asks_quantity(question, classify(question)) is quantity


def test_how_quickly_asks_a_time():
    assert asked_unit("How quickly did the switch kill the cells?") == "time"


def test_the_dose_sentence_answers_a_topic_then_dash_question(pdf_library):
    """User trial 16, P1: "4T1 TNBC mice - dox dose & schedule?" quoted the results narrative on
    antibiotics and Dox; the methods sentence stating the dose is quoted first."""
    settings, index = pdf_library
    first = answerer_with(settings, index).ask("4T1 TNBC mice - dox dose & schedule?").spans[0].text
    assert "2.5 mg/kg of IV-doxorubicin" in first, first[:200]


def test_on_a_near_tie_the_sentence_stating_the_asked_value_comes_first(settings, index):
    """`value_first_margin`: "... number of patients and response rate?" asks a percentage (a rate); the
    trial table's row (no percentage) scored a hair above the sentence giving the response rates."""
    question = "Le Blanc phase II trial in steroid-resistant acute GVHD: number of patients and response rate?"
    first = answerer_with(settings, index).ask(question).spans[0].text
    assert focus.states_asked(question, classify(question), first) and "%" in first, first[:160]
    off = answerer_with(settings, index, value_first_margin=0.0).ask(question).spans[0].text
    assert off.startswith("Table 2") and "%" not in off


def test_value_first_moves_only_a_near_tie_stating_the_value():
    from qa.answer.units import value_first

    p, spans = passage(["Seven of 12 children responded.", "The response rate was 70%.", "It was 60% in adults."])
    units = sorted(scored(p, spans, [0.62, 0.60, 0.50]).values(), key=lambda u: -u.score)
    states = focus.asked_value("What response rate?", "number")
    assert [u.text for u in value_first(units, states, 0.03)][:2] == [spans_text(p, spans, 1), spans_text(p, spans, 0)]
    assert value_first(units, states, 0.01) == units  # not within the margin
    assert value_first(units[1:], states, 0.03) == units[1:]  # the best states it already


def spans_text(p, spans, i: int) -> str:
    return p.text[spans[i][1]:spans[i][2]]


def test_on_a_near_tie_a_question_asking_several_things_gets_the_sentence_naming_them(pdf_library):
    """`value_first_margin` with `focus.asked_items`: "what AML differentiation therapies exist?" led
    with "Unfortunately, differentiation therapy has not been available for patients of other AML
    subtypes." (no therapy named) a hair above the sentence naming ATRA and arsenic trioxide."""
    settings, index = pdf_library
    question = "what AML differentiation therapies exist?"
    first = answerer_with(settings, index).ask(question).spans[0].text
    assert "all-trans retinoic acid (ATRA) and arsenic trioxide" in first, first[:160]
    off = answerer_with(settings, index, value_first_margin=0.0).ask(question).spans[0].text
    assert off.startswith("Unfortunately, differentiation therapy has not been available")
    has = focus.asked_items(question)
    assert has(first) and not has(off)
