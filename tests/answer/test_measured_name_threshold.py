"""A rare word no article writes keeps a value question at the whole refusal threshold, unless it names
what the question measures in a unit: "cohort size", "luciferin dose", "how much slurry" name what the
article doses or measures in the writer's own word (`qa.retrieval.number_units.names_measured`,
`measured_name_keeps_share`). A rare word elsewhere ("sepsis", "hydrothermal vents") is still a
condition the articles may never report (evals/README.md, thirty-fourth session, "Number and dose
questions"). The function, the real reviews' index and the CLI through a subprocess."""
from __future__ import annotations

import pytest

from conftest import answerer_with, run_qa
from qa.retrieval.number_units import names_measured

# 'cohort' is in no review: the trials table writes "No. of patients"
QUESTION = "Trials table: Kuzmina et al. - phase, cohort size and GVHD type?"


@pytest.mark.parametrize(("question", "word"), [
    ("luciferin dose and schedule for the imaging?", "luciferin"),
    ("what phase and cohort size?", "cohort"),
    ("FMT protocol: how much slurry, how often?", "slurry"),
    ("At what washout temperature were the cells kept?", "washout"),
])
def test_a_word_before_a_measure_noun_or_after_how_much_names_what_is_measured(question: str, word: str) -> None:
    assert names_measured(question, word)


@pytest.mark.parametrize(("question", "word"), [
    ("were they sampled from hydrothermal vents, and how hot was it there?", "hydrothermal"),
    ("how long did the increase persist through a washout period?", "washout"),  # a time: not a unit's measure
    ("MSCs in sepsis - what mortality benefit?", "sepsis"),
    ("how much did the slurry help?", "help"),
])
def test_a_word_elsewhere_names_no_measured_thing(question: str, word: str) -> None:
    assert not names_measured(question, word)


@pytest.mark.slow
def test_the_measured_things_name_keeps_the_open_threshold(settings, index) -> None:
    from qa.answer.unreported import rare_unwritten

    answerer = answerer_with(settings, index)
    st = answerer.settings.answer
    assert rare_unwritten(answerer, QUESTION, (), st.unreported_frequency) == ["cohort"]
    assert answerer.threshold(QUESTION) == pytest.approx(st.refusal_threshold * st.open_question_threshold_share)
    answer = answerer.ask(QUESTION)
    # a weak match in the band between the two thresholds: answered from the Kuzmina row, said to be weak
    assert st.refusal_threshold * st.open_question_threshold_share <= answer.confidence < st.refusal_threshold
    assert answer.found and "Weak match" in answer.caution
    assert "Kuzmina et al. [96]" in answer.spans[0].text and "Phase: II" in answer.spans[0].text
    old = answerer_with(settings, index, measured_name_keeps_share=False)
    assert old.threshold(QUESTION) == st.refusal_threshold
    refused = old.ask(QUESTION)
    assert not refused.found and not refused.spans
    # a rare word that names no measured thing keeps the whole threshold either way
    assert answerer.threshold("MSCs in sepsis - what mortality benefit?") == st.refusal_threshold


@pytest.mark.slow
def test_the_cli_answers_it_and_refuses_it_with_the_rule_off() -> None:
    on = run_qa("ask", QUESTION, "--brief")
    assert on.returncode == 0, on.stderr
    assert "Kuzmina" in on.stdout and "Weak match" in on.stdout
    off = run_qa("ask", QUESTION, "--brief", env={"QA_MEASURED_NAME_KEEPS_SHARE": "false"})
    assert "The corpus does not answer this question." in off.stdout + off.stderr
    assert "Kuzmina et al. [96]" not in off.stdout
