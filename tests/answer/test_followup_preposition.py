"""A follow-up whose wh-phrase is the object of a preposition ("and for how long?", "at what
temperature?", "in which cells?") asks an attribute of the earlier question's subject, as "and how
long?" does (qa.retrieval.query._ASKS, `subject_from_earlier`, `attribute_only`). Before, the
preposition hid the wh-phrase: "and for how long?" after "What concentration of pladienolide B was
used to inhibit splicing?" was read as naming a subject of its own, its own words ("long") found a
passage on long dexamethasone exposure first, and it was refused as off the earlier topic, though the
earlier answer's own sentence says "for 4 hr" (user trial 47). The parser, the real ten-PDF library
and the CLI through a subprocess."""
from __future__ import annotations

import pytest

from conftest import answerer_with, ask_json, library_args
from qa.retrieval.query import attribute_only, subject_from_earlier

EARLIER = "What concentration of pladienolide B was used to inhibit splicing?"
FOLLOW = "and for how long?"


@pytest.mark.parametrize("question", [
    "and for how long?",
    "for how long?",
    "and at what temperature?",
    "in which cells?",
    "by how much?",
])
def test_a_wh_phrase_after_a_preposition_asks_an_attribute(question: str) -> None:
    assert subject_from_earlier(question)
    assert attribute_only(question)


@pytest.mark.parametrize("question", [
    "In which cell lines did the authors see dispersed pre-mRNA for CPS1?",  # names its own subject
    "At what temperature were the slow-killing assay plates incubated?",
    "and for the macaques?",  # no wh-phrase: an added element, read elsewhere
])
def test_a_question_with_its_own_subject_is_not(question: str) -> None:
    assert not subject_from_earlier(question)


def test_library_answers_from_the_earlier_answers_sentence(pdf_library) -> None:
    settings, index = pdf_library
    answer = answerer_with(settings, index).ask(FOLLOW, previous=EARLIER)
    assert answer.context == EARLIER
    # before: refused, "its closest passage is not about the earlier question's topic"
    assert answer.found, answer.message
    assert "pladienolide B" in answer.spans[0].text and "for 4 hr" in answer.spans[0].text


def test_cli_answers_it_as_the_library_does(pdf_library) -> None:
    settings, _ = pdf_library
    answer = ask_json(FOLLOW, "--previous", EARLIER, *library_args(settings))
    assert answer["context"] == EARLIER and answer["found"]
    assert "for 4 hr" in answer["spans"][0]["text"]
