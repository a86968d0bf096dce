"""User trial 51 (a neurologist through the TUI and the CLI, the default library): two follow-ups
answered with another study's sentence while the one stating what they asked came second or third.

1. A question's name that the first quote's article never writes, while a chosen quote writes it
   (qa.answer.abbreviations.name_writer_first): "and did their MRI change?" after a question on the
   first MS pilot study quoted that study's intrathecal sentence, from a review that never writes
   'MRI', above the other review's "... no differences in MRI assessments after 12 months" [111].
2. A follow-up pointing back at a study whose earlier answer was its table row, asking a field of that
   row (qa.answer.followup.earlier_row_first): "and how many patients did it include?" after "Which MS
   study used cells from adipose tissue?" (the Riordan et al. [114] row) quoted Connick's "including 10
   patients" above the row's "No. of patients: 3"."""
from __future__ import annotations

import asyncio

from conftest import ask_json, last_answer, started_app, typed_and_answered

# my own wording (user trial 51), not evaluation questions
PILOT = "In the first pilot study in MS, were the cells given intrathecally or intravenously?"
MRI = "and did their MRI change?"
ADIPOSE = "Which MS study used cells from adipose tissue?"
HOW_MANY = "and how many patients did it include?"


def _keys(span) -> set[str]:
    return {c["key"] if isinstance(c, dict) else c.key for c in (span["citations"] if isinstance(span, dict)
                                                                 else span.citations)}


def test_the_chat_quotes_the_sentence_writing_the_followups_name_first() -> None:
    """Through Pilot, as the neurologist typed it: the MRI follow-up is read with the pilot study
    question and its first quote is the MRI sentence, citing [111] (the pilot study)."""
    async def run() -> None:
        async with started_app(size=(160, 50)) as (app, pilot):
            await typed_and_answered(app, pilot, PILOT, timeout=600)
            await typed_and_answered(app, pilot, MRI, timeout=600)
            answer = last_answer(app)
            assert answer.found and answer.context == PILOT, answer.message
            assert "MRI assessments" in answer.spans[0].text, answer.spans[0].text
            assert "111" in _keys(answer.spans[0])
            assert "never writes 'MRI'" not in answer.caution

    asyncio.run(run())


def test_the_chat_answers_a_count_followup_from_the_earlier_answers_row() -> None:
    """Through Pilot: after the adipose question (answered by the Riordan row), the count follow-up's
    first quote is that row, stating 3 patients and citing [114]."""
    async def run() -> None:
        async with started_app(size=(160, 50)) as (app, pilot):
            await typed_and_answered(app, pilot, ADIPOSE, timeout=600)
            assert "Riordan" in last_answer(app).spans[0].text
            await typed_and_answered(app, pilot, HOW_MANY, timeout=600)
            answer = last_answer(app)
            assert answer.found and answer.context == ADIPOSE, answer.message
            assert "Riordan" in answer.spans[0].text and "No. of patients: 3" in answer.spans[0].text
            assert _keys(answer.spans[0]) == {"114"}

    asyncio.run(run())


def test_the_cli_moves_the_name_writing_quote_first_and_the_setting_turns_it_off() -> None:
    on = ask_json("--k", "3", "--previous", PILOT, MRI)
    assert "MRI assessments" in on["spans"][0]["text"] and "111" in _keys(on["spans"][0])
    off = ask_json("--k", "3", "--previous", PILOT, MRI, env={"QA_NAME_WRITER_FIRST": "0"})
    assert "MRI" not in off["spans"][0]["text"]  # the pilot study's own sentence, as before the change
    assert any("MRI assessments" in s["text"] for s in off["spans"])


def test_the_cli_quotes_the_earlier_row_for_a_field_it_holds_and_the_setting_turns_it_off() -> None:
    on = ask_json("--k", "3", "--previous", ADIPOSE, HOW_MANY)
    assert "Riordan" in on["spans"][0]["text"] and "No. of patients: 3" in on["spans"][0]["text"]
    off = ask_json("--k", "3", "--previous", ADIPOSE, HOW_MANY, env={"QA_FOLLOWUP_ROW_FIRST": "0"})
    assert "Riordan" not in off["spans"][0]["text"]  # another study's "including 10 patients", as before
