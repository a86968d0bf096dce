"""A sources follow-up that points back and asks nothing of its own ("who found that?") asks the
sources of the statement the earlier answer quoted first (qa.answer.followup.earlier_statement_first).
User trial 43: after "do stem cell shots help knee arthritis?" (kim2013's knee-joint sentence, [73-76]),
"who found that?" quoted figueroa2012's "228 MSC registered human trials were found at the NIH
website": the question's verb was matched as a word. Real reviews' index, library, CLI and TUI."""
from __future__ import annotations

import asyncio

import pytest

from conftest import answerer_with, last_answer, run_qa, typed_and_answered
from qa.answer.followup import earlier_first_span

KNEE = "do stem cell shots help knee arthritis?"
WHO = "who found that?"
KNEE_SENTENCE = "Similar to studies on genetic bone disorders"


def test_who_found_that_quotes_the_earlier_answers_cited_sentence_first(settings, index) -> None:
    answerer = answerer_with(settings, index)
    earlier = answerer.ask(KNEE)
    assert earlier.spans[0].text.startswith(KNEE_SENTENCE)
    answer = answerer.ask(WHO, previous=KNEE)
    assert answer.found and answer.kind == "sources" and answer.context == KNEE
    first = answer.spans[0]
    assert first.text.startswith(KNEE_SENTENCE)
    assert [c.key for c in first.citations] == ["73", "74", "75", "76"]
    assert first.citations[0].reference.startswith("Wakitani S, Mitsuoka T")
    assert not any("228 MSC registered" in s.text for s in answer.spans[:1])


def test_a_follow_up_with_words_of_its_own_is_left_to_them(settings, index) -> None:
    """'which refs report cartilage defects in athletes?' names its own subject: not moved (its
    first quote is not required to be the earlier answer's sentence); a non-sources follow-up
    ('how many people?') is never moved by this rule."""
    from qa.answer.followup import earlier_statement_first

    answerer = answerer_with(settings, index)
    own = answerer.retriever.query_from("who found that in athletes with femoral condyle defects?", KNEE)
    assert earlier_statement_first(answerer, own, "sources", [], []) == []
    count = answerer.retriever.query_from("how many people?", KNEE)
    assert earlier_statement_first(answerer, count, "number", [], []) == []
    assert earlier_first_span(answerer, KNEE) is not None


def test_cli_who_found_that_prints_the_knee_sentence_and_its_entries() -> None:
    result = run_qa("ask", WHO, "--previous", KNEE)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert f"Read as a follow-up of: {KNEE}" in out
    assert out.index(KNEE_SENTENCE) < out.index("228 MSC registered") if "228 MSC registered" in out else True
    assert "Wakitani S, Mitsuoka T" in out and "Kuroda R, Ishida K" in out


@pytest.mark.slow
def test_tui_who_found_that_after_the_knee_question(index) -> None:
    from qa.app.tui import QAApp

    async def go() -> None:
        app = QAApp()
        async with app.run_test(size=(120, 40)) as pilot:
            await typed_and_answered(app, pilot, KNEE)
            await typed_and_answered(app, pilot, WHO)
            answer = last_answer(app)
            assert answer.context == KNEE and answer.spans[0].text.startswith(KNEE_SENTENCE)
            await pilot.press("ctrl+o")
            await pilot.pause()
            assert KNEE_SENTENCE in app.clipboard and "Wakitani S" in app.clipboard

    asyncio.run(go())
