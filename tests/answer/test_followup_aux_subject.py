"""A wh-question whose subject, straight after its auxiliary, is a pronoun ("what is it given for?",
"which cells did that expand?") takes its subject from the earlier question
(qa.retrieval.query.POINTS_BACK, `subject_from_earlier`). Before, only a pronoun ending the question
("which E3 ligase does it?") or opening it ("does it work ...?") was read so: "and what is it
supposed to do before the operation?" after a neoadjuvant chemotherapy question was read as naming a
subject of its own, matched "supposed" in another article and was refused as off the earlier topic.
The parser, the real ten-PDF library, the CLI through a subprocess and the TUI through Pilot."""
from __future__ import annotations

import asyncio

import pytest

from conftest import answerer_with, ask_json, last_answer, library_args, typed_and_answered
from qa.retrieval.query import POINTS_BACK, subject_from_earlier

EARLIER = "Which drug classes make up neoadjuvant chemotherapy for breast cancer?"
FOLLOW = "what is it given for before surgery?"


@pytest.mark.parametrize("question", [
    "and what is it supposed to do before the operation?",
    "what is it given for before surgery?",
    "how does it work?",
    "and which cell population did that expand?",
    "what does this mean?",
])
def test_a_pronoun_after_the_auxiliary_is_the_earlier_subject(question: str) -> None:
    assert subject_from_earlier(question)


@pytest.mark.parametrize("question", [
    "is that CHK1 defect seen right away or only with longer HU exposure?",  # 'that' + a noun: its own subject
    "why is it important to match the donor?",  # the empty subject of an extraposed clause
    "how is it possible that MSCs home to the marrow?",
    "How many patients were in that study?",
    "what was that dose based on?",
])
def test_a_determiner_or_an_empty_subject_is_not(question: str) -> None:
    assert not POINTS_BACK.search(question)


def _first_span_text(answer) -> str:
    assert answer.found, answer.message
    return answer.spans[0].text


def test_library_reads_it_as_the_earlier_treatment(pdf_library) -> None:
    settings, index = pdf_library
    answer = answerer_with(settings, index).ask(FOLLOW, previous=EARLIER)
    assert answer.context == EARLIER
    first = _first_span_text(answer)
    # before: "Patients with breast cancer who undergo mastectomy ... are prescribed prophylactic
    # antibiotics": the words "given ... before surgery" matched, the earlier treatment was lost
    assert "neoadjuvant" in first and "prophylactic antibiotics" not in first


def test_cli_reads_it_as_the_library_does(pdf_library) -> None:
    settings, _ = pdf_library
    answer = ask_json(FOLLOW, "--previous", EARLIER, *library_args(settings))
    assert answer["context"] == EARLIER and answer["found"]
    assert "neoadjuvant" in answer["spans"][0]["text"]


@pytest.mark.slow
def test_tui_reads_it_as_the_library_does(pdf_library) -> None:
    from qa.answer.answerer import Answerer
    from qa.app.tui import QAApp

    settings, _ = pdf_library

    async def go() -> None:
        app = QAApp(answerer=Answerer(settings))
        async with app.run_test(size=(120, 40)) as pilot:
            await typed_and_answered(app, pilot, EARLIER)
            await typed_and_answered(app, pilot, FOLLOW)
            answer = last_answer(app)
            assert answer.context == EARLIER
            assert "neoadjuvant" in _first_span_text(answer)

    asyncio.run(go())
