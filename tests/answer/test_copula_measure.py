"""A copular wh-question naming a measure after its modifiers ("What is the maximum tolerated dose of
MSCs ...?", "What was the median age of ...?") asks a value (qa.answer.focus._WH_QUANTITY): before,
only two words were allowed between the wh-word and the measure, so the question was read as asking
a definition and answered with no caution though no quote states a dose (user trial 32 Q14)."""
from __future__ import annotations

from qa.answer.focus import asks_quantity, value_caution

from conftest import answerer_with

MTD = "What is the maximum tolerated dose of MSCs established in the phase I trials?"


def test_a_copula_naming_a_measure_after_its_modifiers_asks_a_value():
    assert asks_quantity(MTD, "definition")
    assert asks_quantity("What was the median age of the breast cancer patients?", "fact")
    assert asks_quantity("Which were the final tumor volumes of the responders?", "fact")
    # a copula naming no measure, or a measure asked of nothing in a copula, stays as it was
    assert not asks_quantity("What is the main mechanism of MSC immunosuppression?", "definition")
    assert not asks_quantity("What is the role of IDO in T cell suppression?", "definition")


def test_a_dose_it_asks_is_cautioned_when_no_quote_states_one():
    quote = "MSC administration was well tolerated and improved liver functions [126]."
    assert "No quote states a dose" in value_caution(MTD, "definition", [quote])
    assert value_caution(MTD, "definition", ["Patients received 2 x 10^6 cells/kg [5]."]) == ""


def test_the_reviews_state_no_maximum_tolerated_dose_and_the_answer_says_so(settings, index):
    answer = answerer_with(settings, index).ask(MTD)
    assert not answer.found or "No quote states a dose" in answer.caution
