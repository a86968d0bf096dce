"""Follow-ups in the chat are read once, by the library (`previous=`, `Answer.context`); the chat
only passes the last question answered on its own and shows what a follow-up was read with."""
from __future__ import annotations

import asyncio

import pytest

from conftest import started_app
from fake_service import ask
from test_tui_behaviour import chat_text

TOPIC = "Which sources were used for SLE?"


@pytest.mark.slow
def test_real_service_reads_a_follow_up_with_the_previous_question(index) -> None:
    from qa.app.service import QAService

    service = QAService()
    follow = service.ask("and in children?", previous=TOPIC)
    assert follow.context == TOPIC
    alone = service.ask("How are MSCs isolated from bone marrow?", previous=TOPIC)
    assert alone.context == ""  # enough words of its own: not read as a follow-up


@pytest.mark.slow
def test_real_chat_shows_how_a_follow_up_was_read(index) -> None:
    async def go() -> None:
        async with started_app(size=(160, 45)) as (app, pilot):
            await ask(app, pilot, TOPIC)
            await ask(app, pilot, "and in children?")
            assert f"(taken as a follow-up of: {TOPIC})" in chat_text(app)
            assert app.topic == TOPIC

    asyncio.run(go())


@pytest.mark.slow
def test_real_chat_says_once_how_a_refused_follow_up_was_read(index) -> None:
    """User trial 4: a follow-up the corpus does not answer showed both the chat's "(taken as a
    follow-up of: ...)" and the library's "Read as a follow-up of: ..."; and a new question
    naming its own subject was read as a follow-up."""
    async def go() -> None:
        async with started_app(size=(160, 45)) as (app, pilot):
            await ask(app, pilot, TOPIC)
            await ask(app, pilot, "and in tinnitus?")
            text = chat_text(app)
            assert text.count(f"follow-up of: {TOPIC}") == 1, text
            await ask(app, pilot, "What is the capital of Australia?")
            assert chat_text(app).count("follow-up of:") == 1

    asyncio.run(go())


def test_a_brief_follow_up_says_which_question_it_followed() -> None:
    """Docs audit: `--brief` printed the quotes of a follow-up without its "Read as a follow-up of:"
    line, so a script could not tell it had been read with the earlier question."""
    from conftest import run_qa_here

    brief = run_qa_here("ask", "and in children?", "--previous", "Were MSCs tried for GVHD in adults?", "--brief")
    lines = brief.stdout.splitlines()
    assert brief.returncode == 0 and lines[0] == "Read as a follow-up of: Were MSCs tried for GVHD in adults?"
    assert lines[1].startswith("1. kim2013 [89]")
    alone = run_qa_here("ask", "Were MSCs tried for GVHD in adults?", "--brief").stdout
    assert "Read as a follow-up" not in alone


def test_a_brief_answer_keeps_every_note_saying_what_the_question_was_read_as() -> None:
    """Docs audit 22: `--brief` kept the follow-up line but dropped "Read 'HSCT' as the article
    pmc3782548." and "Asked of kim2013 and figueroa2012, ...", so a brief answer asked of one
    article did not say so; only the '+N more (raise --k ...)' line is left out."""
    from conftest import run_qa_here

    named = run_qa_here("ask", "Which cells were infused according to the HSCT review?", "--brief", "--k", "1")
    lines = named.stdout.splitlines()
    assert named.returncode == 0 and lines[0] == "Read 'HSCT' as the article pmc3782548."
    assert lines[1].startswith("1. pmc3782548") and "strongest of" not in named.stdout
    ids = run_qa_here("ask", "what response rate do kim2013 and figueroa2012 report for GVHD?", "--brief", "--k", "1")
    assert ids.stdout.splitlines()[0] == "Asked of kim2013 and figueroa2012, which the question names."
