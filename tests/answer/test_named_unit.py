"""A question naming the unit of its answer ("... in minutes?", "(in kb/min)", "what %", "how many fold")
none of whose quotes states a value in that unit is refused (`qa.answer.named_unit`,
`named_unit_refusal_below`); a slashed pair's parts are read as names of their own by
`refusal.absent_names` ("DBA/1", "BALB/c"). evals/README.md, twenty-eighth session, "Near misses asking
in a named unit". Every question below is hand-written, none from the evaluation sets."""
from __future__ import annotations

import pytest

from conftest import answerer_with
from qa.answer.named_unit import named_unit, states_in, unit_unstated
from qa.answer.refusal import absent_names

pytestmark = pytest.mark.slow


def test_the_unit_the_question_names():
    assert named_unit("How long did the incubation last, in hours?", "number") == "hours"
    assert named_unit("What flow rate (in ml/min) was used for mixing?", "fact") == "ml/min"
    assert named_unit("What titre (PFU/ml) did the virus stock reach?", "fact") == "PFU/ml"
    assert named_unit("What radiation dose in grays did the cells get?", "fact") == "grays"
    assert named_unit("What % of the patients responded?", "number") == "%"
    assert named_unit("By how many fold did the cells expand?", "number") == "fold"
    # no unit named: 'how long' alone, a slashed name, 'in vivo', a place after 'in'
    assert named_unit("How long did the incubation last?", "number") == ""
    assert named_unit("Which studies show MSCs restore Tregs in MRL/lpr lupus mice?", "fact") == ""
    assert named_unit("What did the MSCs do in vivo/in vitro?", "fact") == ""
    assert named_unit("What changed in days 1-7?", "fact") == ""
    # a yes/no question asks whether, and a sources question for citations
    assert named_unit("Does the zone form in seconds?", "yesno") == ""
    assert named_unit("Which trials report the dose in mg/kg?", "sources") == ""


def test_a_value_in_the_unit_or_another_of_its_kind():
    assert states_in("minutes", "in minutes?", "The cells were incubated for 2 h at 37 °C.")
    assert states_in("kb/min", "(in kb/min)?", "Forks moved at 1.2 kb min-1 in wild-type cells.")
    assert states_in("TU/ml", "(TU/ml)?", "The titre was 5 × 10^6 TU/ml.")
    assert states_in("%", "what %?", "Overall, seven of 12 patients showed complete responses.")
    assert states_in("%", "what %?", "its frequency is around one in 1 × 10^6 mononuclear cells")
    assert states_in("fold", "how many fold?", "CD34+ cells expanded 30-fold.")
    # the method, a verdict or another measure states nothing in the unit; the question's own number neither
    assert not states_in("kb/min", "(in kb/min)?", "DNA fiber analysis was employed to determine fork status.")
    assert not states_in("TU/ml", "(TU/ml)?", "Polybrene was added to a final concentration of 8 μg/ml.")
    assert not states_in("%", "what %?", "The trials did not reach significance for durable complete responses.")
    assert not states_in("minutes", "after 30 minutes, in minutes?", "Cells were fixed after 30 minutes.")
    assert unit_unstated("How long was it, in minutes?", "number", ["It was done in 2004 (Smith et al., 2004)."])


def test_the_reviews_named_unit(settings, index):
    question = "What was the infusion rate (in ml/min) of the MSCs given to the children with osteogenesis imperfecta?"
    answerer = answerer_with(settings, index)
    assert settings.answer.named_unit_refusal_below > 1.0  # at any confidence
    refused = answerer.ask(question)
    assert not refused.found and "none states a value in ml/min" in refused.message
    assert answerer_with(settings, index, named_unit_refusal_below=0.0).ask(question).found
    # answered: the review states the share as "one in 1 × 10^6 to 1 × 10^4 mononuclear cells"
    share = answerer.ask("What share of bone marrow mononuclear cells, in %, are MSCs?")
    assert share.found and "mononuclear cells" in share.spans[0].text


def test_a_slashed_pair_names_two_things(settings, index):
    answerer = answerer_with(settings, index)
    assert absent_names(answerer, "Were BALB/c mice used in the MSC experiments for collagen-induced arthritis?") == ["BALB"]
    assert absent_names(answerer, "Did the MRL/lpr mice given MSCs live longer?") == []  # the reviews write it
    assert absent_names(answerer, "What did MSCs do in the rat 5/6 nephrectomy model?") == []
    assert absent_names(answerer, "Is it given and/or mixed w/v?") == []
    refused = answerer_with(settings, index, absent_name_refusal_below=0.0).ask(
        "Were BALB/c mice used in the MSC experiments for collagen-induced arthritis?")
    assert not refused.found and "No article uses 'BALB'" in refused.message
