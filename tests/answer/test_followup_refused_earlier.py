"""A refused question is not a follow-up's topic (qa.answer.followup.without_refused_earlier).
User trial 43: after "do stem cells help autism?" (refused: not in the corpus), "what are the side
effects?" was read as autism's follow-up, in the chat (the refused question stayed the topic), and so
with `qa ask --previous` and `previous=`. Now a question read as the follow-up of an earlier question
the library refuses is read on its own; an elliptic one ("and in children?", which names no subject)
is still read with it, with a caution saying so. Real reviews' index; library, CLI and TUI."""
from __future__ import annotations

import asyncio

import pytest

from conftest import answerer_with, last_answer, run_qa, typed_and_answered
from qa.answer.followup import REFUSED_EARLIER, earlier_refused

AUTISM = "do stem cells help autism?"
SIDE = "what are the side effects?"
HEART = "can stem cells help after a heart attack?"


def test_a_question_after_a_refused_one_is_read_on_its_own(settings, index) -> None:
    answerer = answerer_with(settings, index)
    earlier = answerer.ask(AUTISM)
    assert not earlier.found and not earlier.too_vague
    assert earlier_refused(answerer, AUTISM) and not earlier_refused(answerer, HEART)
    after = answerer.ask(SIDE, previous=AUTISM)
    alone = answerer.ask(SIDE)
    assert after.found and after.context == ""
    assert "Read as a follow-up" not in after.message
    assert [s.text for s in after.spans] == [s.text for s in alone.spans]
    assert REFUSED_EARLIER not in (after.caution or "")


def test_an_answered_earlier_question_still_makes_it_a_follow_up(settings, index) -> None:
    answerer = answerer_with(settings, index)
    after = answerer.ask(SIDE, previous=HEART)
    assert after.context == HEART and REFUSED_EARLIER not in (after.caution or "")


def test_the_setting_off_reads_it_with_the_refused_question(settings, index) -> None:
    off = settings.model_copy(update={"answer": settings.answer.model_copy(
        update={"followup_refused_earlier_alone": False})})
    answerer = answerer_with(off, index)
    assert answerer.ask(SIDE, previous=AUTISM).context == AUTISM


def test_an_elliptic_follow_up_is_read_with_it_and_says_so(settings, index) -> None:
    """'and in children?' names no subject of its own (too vague alone): only the earlier question
    gives it one, so it is read with it, and the caution says that question was not answered."""
    answerer = answerer_with(settings, index)
    assert answerer.ask("and in children?").too_vague
    answer = answerer.ask("and in children?", previous=AUTISM)
    assert answer.context == AUTISM
    if answer.found:
        assert REFUSED_EARLIER in answer.caution and REFUSED_EARLIER in answer.message


def test_cli_previous_refused_reads_the_question_on_its_own() -> None:
    result = run_qa("ask", SIDE, "--previous", AUTISM, "--k", "1")
    assert result.returncode == 0, result.stderr
    assert "Read as a follow-up" not in result.stdout
    assert "side effects" in result.stdout
    elliptic = run_qa("ask", "and in children?", "--previous", AUTISM, "--k", "1")
    assert elliptic.returncode == 0, elliptic.stderr
    assert f"Read as a follow-up of: {AUTISM}" in elliptic.stdout
    assert "The earlier question is not answered on its own" in " ".join(elliptic.stdout.split())


@pytest.mark.slow
def test_tui_a_refused_question_is_not_the_next_ones_topic(index) -> None:
    from qa.app.tui import QAApp

    async def go() -> None:
        app = QAApp()
        async with app.run_test(size=(120, 40)) as pilot:
            await typed_and_answered(app, pilot, AUTISM)
            assert not last_answer(app).found
            await typed_and_answered(app, pilot, SIDE)
            answer = last_answer(app)
            assert answer.found and answer.context == ""
            assert not [w for w in app.query(".reading") if AUTISM in str(w.render())]
            assert app.topic == SIDE  # read on its own: the topic of the next follow-up

    asyncio.run(go())
