"""The chat's promises about typing and rapid input (user trial 8, A6, A7, A10, C1, D): typing
always goes to the question box, questions sent straight after each other are all asked in turn,
`--question` is asked first, superscripts look as in the CLI, Esc closes the keys panel, the
footer says how to quit, a huge question is echoed short, a resize keeps the selection in view.
Pilot with the fake service; keys are sent without pauses, as a paste or tmux sends them."""
from __future__ import annotations

import asyncio
import threading

import pytest
from textual import events
from textual.keys import _character_to_key

from conftest import started_app
from fake_service import FakeAnswerer, ask, opened
from test_tui_behaviour import NARROW, WIDE, chat_text, screen_text
from qa.models import Answer
from qa.app import tui_cli
from qa.app.tui import QAApp
from qa.app.tui_widgets import Chat, CitingScreen, HistoryInput


def run(coroutine) -> None:
    asyncio.run(coroutine)


async def settle(app: QAApp, pilot, timeout: float = 120.0, asked: tuple[FakeAnswerer, int] | None = None) -> None:
    """Wait until every queued question has been answered. Bounded by time, not by a count of
    pauses: on a loaded machine 200 short pauses once ran out while the second of two questions
    typed together was still being answered (CI-like run of 27 min). `asked` (answerer, count):
    also wait until that many questions reached the answerer; keys sent in a burst may still sit
    in the message queue when the first answer ends (a CI run under load, 45 min, once saw the
    chat idle between the two questions)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        await app.workers.wait_for_complete()
        await pilot.pause(0.02)
        enough = asked is None or len(asked[0].asked) >= asked[1]
        if enough and not app.busy and not getattr(app, "pending", None):
            break
        assert loop.time() < deadline, f"the chat did not settle in {timeout:.0f} s"
    await pilot.pause(0.1)


def burst(app: QAApp, *keys: str) -> None:
    """Send keys the way a paste or `tmux send-keys` does: all at once, no waiting in between
    (Pilot's `press` waits until each key is handled, which hides races)."""
    for key in keys:
        name = _character_to_key(key) if len(key) == 1 and not key.isalnum() else key
        event = events.Key(name, key if len(key) == 1 else None)
        event.set_sender(app)
        app._driver.send_message(event)


def headings(app: QAApp) -> list[str]:
    return [line[2:] for line in chat_text(app).splitlines() if line.startswith("❯ ")]


# ---- A6: typing always goes to the question box ----------------------------------------------

def test_typing_while_the_answers_have_focus_goes_to_the_question_box() -> None:
    async def go() -> None:
        answerer = FakeAnswerer()
        async with started_app(answerer, size=WIDE) as (app, pilot):
            await ask(app, pilot, "Which sources?")
            await pilot.press("tab")
            assert isinstance(app.focused, Chat)
            question = "How many patients were in the Yang et al. myocardial infarction trial?"
            burst(app, *question, "enter")  # o, c, y, j, k: all text now
            await settle(app, pilot)
            assert len(app.screen_stack) == 1  # no citing-passages window opened
            assert not app.clipboard  # nothing copied
            assert headings(app) == ["Which sources?", question]
            assert answerer.asked[-1][0] == question
            assert app.focused is app.query_one("#question", HistoryInput)

    run(go())


def test_typing_in_a_citing_passages_window_closes_it_and_types_into_the_box() -> None:
    async def go() -> None:
        async with started_app(FakeAnswerer(), size=WIDE) as (app, pilot):
            await ask(app, pilot, "Which sources?")
            await pilot.press("tab", "enter")
            await opened(pilot, CitingScreen)
            assert isinstance(app.screen, CitingScreen)
            await pilot.press(*"xyz tumour")
            await pilot.pause()
            field = app.query_one("#question", HistoryInput)
            assert len(app.screen_stack) == 1 and field.value == "xyz tumour"
            assert app.focused is field

    run(go())


def test_opening_the_citing_passages_twice_gives_one_window() -> None:
    async def go() -> None:
        async with started_app(FakeAnswerer(), size=WIDE) as (app, pilot):
            await ask(app, pilot, "Which sources?")
            chat = app.query_one(Chat)
            chat.action_open()  # two opens before the first window is drawn
            chat.action_open()
            await opened(pilot, CitingScreen)
            assert len(app.screen_stack) == 2
            await pilot.press("escape")
            assert len(app.screen_stack) == 1

    run(go())


# ---- A7: a second question straight away is asked, in turn ------------------------------------

def test_two_questions_typed_without_a_pause_are_both_asked_in_order() -> None:
    async def go() -> None:
        answerer = FakeAnswerer()
        async with started_app(answerer, size=WIDE) as (app, pilot):
            await ask(app, pilot, "Which sources?")
            first, second = "Were MSCs used in multiple sclerosis?", "Were MSCs used in diabetes?"
            before = len(answerer.asked)
            burst(app, *first, "enter", *second, "enter")
            await settle(app, pilot, asked=(answerer, before + 2))
            assert headings(app)[-2:] == [first, second]
            assert [q for q, _, _ in answerer.asked[-2:]] == [first, second]
            assert app.query_one("#question", HistoryInput).value == ""

    run(go())


class GatedAnswerer(FakeAnswerer):
    """Answers only when `release` is set (a slow answer)."""

    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()

    def ask(self, question: str, **kwargs) -> Answer:  # type: ignore[override]
        self.release.wait(10)
        return super().ask(question, **kwargs)


def test_a_question_sent_while_one_is_answered_is_queued_and_asked_next() -> None:
    async def go() -> None:
        answerer = GatedAnswerer()
        app = QAApp(answerer=answerer)
        async with app.run_test(size=WIDE) as pilot:
            await pilot.pause()
            field = app.query_one("#question", HistoryInput)
            while not app.ready:
                await pilot.pause(0.02)
            await pilot.press(*"Which sources were used for lupus?", "enter")
            await pilot.pause()
            assert app.busy
            await pilot.press(*"and in children?", "enter")
            await pilot.pause()
            assert "Queued: “and in children?” is asked when the current answer is done." \
                in chat_text(app)
            assert field.value == "" and app.pending == ["and in children?"]
            answerer.release.set()
            await settle(app, pilot)
            assert headings(app) == ["Which sources were used for lupus?", "and in children?"]
            # asked after the first answer: read as its follow-up
            assert answerer.previous[-1] == "Which sources were used for lupus?"

    run(go())


def test_a_pasted_text_of_two_lines_is_two_questions() -> None:
    async def go() -> None:
        answerer = FakeAnswerer()
        async with started_app(answerer, size=WIDE) as (app, pilot):
            await ask(app, pilot, "Which sources?")
            field = app.query_one("#question", HistoryInput)
            before = len(answerer.asked)
            field.post_message(events.Paste("Were MSCs used in diabetes?\nWere MSCs used in "
                                            "lupus?\nand in"))
            await settle(app, pilot, asked=(answerer, before + 2))
            assert headings(app)[-2:] == ["Were MSCs used in diabetes?", "Were MSCs used in lupus?"]
            assert field.value == "and in"  # the unfinished last line stays in the box
            await pilot.press("tab")  # a paste while the answers have focus goes to the box too
            app.post_message(events.Paste(" children?"))
            await pilot.pause()
            assert field.value == "and in children?" and app.focused is field

    run(go())


# ---- A10: --question -------------------------------------------------------------------------

def test_question_option_is_asked_first_when_the_app_starts() -> None:
    async def go() -> None:
        answerer = FakeAnswerer(state="missing")
        app = QAApp(answerer=answerer, question="Which sources were used for SLE?")
        async with app.run_test(size=WIDE) as pilot:
            await settle(app, pilot)
            assert headings(app) == ["Which sources were used for SLE?"]
            assert answerer.asked[0][0] == "Which sources were used for SLE?"

    run(go())


def test_question_option_without_a_terminal_says_so_instead_of_taking_the_screen(
        monkeypatch, capsys) -> None:
    def never(self) -> None:  # the app must not start: it would take over the session
        raise AssertionError("the full-screen app was started")

    monkeypatch.setattr(tui_cli.QAApp, "run", never)
    assert tui_cli.main(["--question", "x"]) == 2
    assert "needs a terminal" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        tui_cli.main(["--help"])
    assert "ask TEXT first" in capsys.readouterr().out


# ---- C1: superscripts as in the CLI ------------------------------------------------------------

class AlsoPrintedAnswerer(FakeAnswerer):
    """The superscript citation of the third quote is only "also printed" (not its source)."""

    def ask(self, question: str, **kwargs) -> Answer:  # type: ignore[override]
        answer = super().ask(question, **kwargs)
        spans = [s.model_copy(update={"citations": [], "also_cited": s.citations})
                 if s.citations and s.citations[0].style == "superscript" else s
                 for s in answer.spans]
        return answer.model_copy(update={"spans": spans})


def test_a_superscript_only_printed_in_a_quote_is_bracketed_as_in_the_cli() -> None:
    async def go() -> None:
        async with started_app(AlsoPrintedAnswerer(), size=WIDE) as (app, pilot):
            await ask(app, pilot, "Which sources?")
            assert "Others differentiate into chondrocytes.[1,2]" in chat_text(app)
            assert "chondrocytes.1,2" not in chat_text(app)

    run(go())


def test_a_number_only_printed_in_a_quote_can_be_chosen_and_opened() -> None:
    """A9: "Also printed" numbers are reached with ←/→ and enter opens every passage citing
    them, like the quote's own sources."""
    async def go() -> None:
        async with started_app(AlsoPrintedAnswerer(), size=WIDE) as (app, pilot):
            await ask(app, pilot, "Which sources?")
            await pilot.press("tab", "down", "down")
            references = app.query_one("#references").content.plain
            assert "Also printed in this quote" in references and "▶ [1]" in references
            await pilot.press("enter")
            await opened(pilot, CitingScreen)
            assert isinstance(app.screen, CitingScreen) and app.screen.citation.key == "1"

    run(go())


# ---- D: keys panel, footer, long question, resize ----------------------------------------------

def test_escape_closes_the_keys_panel_and_the_footer_says_how_to_quit() -> None:
    async def go() -> None:
        async with started_app(FakeAnswerer(), size=NARROW) as (app, pilot):
            await ask(app, pilot, "Which sources?")
            assert "^q Quit" in screen_text(app)
            app.action_show_help_panel()
            await pilot.pause()
            assert app.screen.query("HelpPanel")
            await pilot.press("escape")
            await pilot.pause()
            assert not app.screen.query("HelpPanel")

    run(go())


def test_a_huge_question_is_echoed_shortened() -> None:
    async def go() -> None:
        async with started_app(FakeAnswerer(), size=WIDE) as (app, pilot):
            question = "Which cells " + "and which cells " * 350 + "were used?"
            await ask(app, pilot, question)
            (echo,) = headings(app)
            assert len(echo) < 400 and echo.endswith(f"… ({len(question):,} characters)")

    run(go())


def test_resize_keeps_the_selected_quote_of_the_latest_answer_in_view() -> None:
    async def go() -> None:
        async with started_app(FakeAnswerer(), size=(160, 50)) as (app, pilot):
            for n in range(4):
                await ask(app, pilot, f"What dose was given, question {n}?")
                await ask(app, pilot, f"Which sources, question {n}?")
            chat = app.query_one(Chat)
            await pilot.press("tab", "down")
            selected = chat.items()[chat.cursor]
            await pilot.resize_terminal(*NARROW)
            await pilot.pause(0.5)
            assert chat.can_view_entire(selected), (chat.scroll_y, selected.region)

    run(go())


def test_moving_from_the_study_table_to_a_quote_keeps_the_quote_in_view_at_80x24() -> None:
    """D6: leaving the last study line brings the side pane back (the chat gets shorter); the
    quote then selected must still be on screen."""
    async def go() -> None:
        async with started_app(FakeAnswerer(), size=NARROW) as (app, pilot):
            await ask(app, pilot, "Which studies were used for lupus?")
            chat = app.query_one(Chat)
            await pilot.press("tab", "down", "down")
            assert chat.selected is not None and chat.selected.span is not None
            await pilot.pause(0.3)
            assert chat.can_view_entire(chat.items()[chat.cursor]), chat.scroll_y

    run(go())


def test_the_study_window_is_wrapped_once_at_its_own_width() -> None:
    """D2: the "every sentence citing this study" text came wrapped at 100 columns and was
    wrapped again at 80 (ragged lines); it is now wrapped at the window's width."""
    async def go() -> None:
        async with started_app(FakeAnswerer(), size=NARROW) as (app, pilot):
            await ask(app, pilot, "Which studies were used for lupus?")
            await pilot.press("tab", "enter")
            await pilot.pause(0.3)
            listing = app.screen.query_one("#citing")
            width = listing.content_region.width
            lines = listing.content.plain.splitlines()
            assert 20 < width < 100 and max(len(line) for line in lines) <= width
            assert any(len(line) > width - 15 for line in lines)  # filled, not cut short

    run(go())
