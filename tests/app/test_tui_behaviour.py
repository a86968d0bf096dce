"""The terminal chat's behaviour as a person meets it (Pilot, fake service, so fast and exact):
layout by width, focus rules, scrolling to the evidence, not-found answers, copy, follow-ups,
screenshots, lost exponents, and markup or action strings shown literally everywhere."""
from __future__ import annotations

import asyncio
import io
import threading
from pathlib import Path

import pytest
from rich.console import Console
from textual.containers import VerticalScroll

from conftest import chat_text, shown, started_app
from fake_service import DOSE, FakeAnswerer, ask, opened
from qa.errors import QAError
from qa.models import AnswerReference, Passage
from qa.app.tui import QAApp
from qa.app.tui_widgets import Chat, CitingScreen, HistoryInput, ItemLine

NARROW, WIDE = (80, 24), (160, 45)


def screen_text(app: QAApp) -> str:
    """What a person sees: the composed screen as plain text."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True,
                      force_terminal=True, color_system="truecolor", legacy_windows=False)
    console.print(app.screen._compositor.render_update(full=True,
                                                       screen_stack=app._background_screens))
    return console.export_text()


def folded(text: str) -> str:
    """Screen text with the box borders and line breaks removed, words single-spaced."""
    for ch in "│╭╮╰╯─▊▎▔▁█▇▅▃▄▂▆":
        text = text.replace(ch, " ")
    return " ".join(text.split())


def run(coroutine) -> None:
    asyncio.run(coroutine)


# ---- layout -------------------------------------------------------------------------------

def test_one_column_below_100_columns_with_first_quote_and_reference_readable() -> None:
    async def go() -> None:
        async with started_app(FakeAnswerer(), size=NARROW) as (app, pilot):
            await ask(app, pilot, "Which sources were used for lupus?")
            assert app.screen.has_class("-narrow")
            left, side = app.query_one("#left"), app.query_one("#side")
            assert side.region.y >= left.region.bottom  # References below the chat
            assert side.region.width == left.region.width == 80
            screen = folded(screen_text(app))
            assert "1. MSCs were given to lupus patients [12]." in screen
            assert ("Liang J, Zhang H, et al. Allogenic MSC transplantation in refractory SLE. "
                    "Ann Rheum Dis 2010;69:1423-1429.") in screen
            assert not app.query_one("#evidence-box").display
            await pilot.press("ctrl+e")  # the evidence takes the References' place
            assert app.query_one("#evidence-box").display
            assert not app.query_one("#references-box").display
            await pilot.resize_terminal(*WIDE)
            await pilot.pause()
            assert not app.screen.has_class("-narrow")
            assert app.query_one("#side").region.x >= app.query_one("#left").region.right

    run(go())


def test_study_table_leads_a_sources_answer_and_takes_the_side_panes_room_at_80() -> None:
    async def go() -> None:
        async with started_app(FakeAnswerer(), size=NARROW) as (app, pilot):
            await ask(app, pilot, "Which studies were used for lupus?")
            chat = app.query_one(Chat)
            assert chat.selected is not None and chat.selected.study is not None
            assert not app.query_one("#side").region.width  # the study line has its entry
            screen = folded(screen_text(app))
            assert ("1. Liang 2010 — fake [12] Liang J, Zhang H, et al. Allogenic MSC "
                    "transplantation in refractory SLE. Ann Rheum Dis 2010;69:1423-1429.") in screen
            assert "2. Sun 2010 — fake (Sun et al., 2010) · no full entry" in screen
            await pilot.press("ctrl+e")  # the supporting sentence in its passage
            assert app.query_one("#evidence-box").region.height
            assert "MSCs were given to lupus patients" in shown(app, "#evidence")
            await pilot.press("ctrl+e", "tab", "down")
            assert "this article's reference list is not in the extracted text" in shown(app, "#references")
            await pilot.press("ctrl+y")
            assert app.clipboard.startswith("Sun 2010\nCited by: fake (Sun et al., 2010)")
            await pilot.press("enter")  # every sentence citing the study
            await pilot.pause()
            assert "sun2010: Sun 2010" in shown(app, "#citing")
            await pilot.press("escape", "down")  # the first quote: the panes come back
            assert chat.selected.study is None and chat.selected.span is not None
            assert app.query_one("#side").region.height and "[12]" in shown(app, "#references")

    run(go())


def test_two_columns_at_160() -> None:
    async def go() -> None:
        async with started_app(FakeAnswerer(), size=WIDE) as (app, pilot):
            await ask(app, pilot, "Which sources?")
            assert not app.screen.has_class("-narrow")
            assert app.query_one("#references-box").display and app.query_one("#evidence-box").display

    run(go())


# ---- the Evidence pane scrolls to the highlight --------------------------------------------

def test_evidence_pane_scrolls_to_the_highlighted_quote() -> None:
    async def go() -> None:
        async with started_app(FakeAnswerer(), size=WIDE) as (app, pilot):
            await ask(app, pilot, "What dose was given?")
            await pilot.pause(0.1)
            box = app.query_one("#evidence-box", VerticalScroll)
            assert box.max_scroll_y > 0 and box.scroll_y > 0  # the quote is deep in its passage
            assert "1×10⁶ [printed '1x106'] cells/kg" in folded(screen_text(app))

    run(go())


# ---- not found -------------------------------------------------------------------------------

def test_nearest_passages_are_not_an_answer() -> None:
    async def go() -> None:
        async with started_app(FakeAnswerer(), size=WIDE) as (app, pilot):
            await ask(app, pilot, "Which sources?")  # an answer first: its selection must go
            await ask(app, pilot, "an unanswerable question")
            assert app.query_one(Chat).cursor == -1
            assert not app.query(".item.-selected")
            nearest = app.query(".nearest")
            assert len(nearest) == 1 and not isinstance(nearest.first(), ItemLine)
            line = nearest.first().content
            assert not line.plain.lstrip().startswith("1.")  # no numbers
            assert any("dim" in str(span.style) for span in line.spans)  # dimmed
            assert "Liang" not in shown(app, "#references")  # nothing in References

    run(go())


# ---- focus rules --------------------------------------------------------------------------

def test_typing_during_the_first_build_goes_into_the_input() -> None:
    async def go() -> None:
        gate = threading.Event()
        app = QAApp(answerer=FakeAnswerer(state="missing", gate=gate))
        async with app.run_test(size=WIDE) as pilot:
            await pilot.pause()
            await pilot.press(*"jkco")  # each is a chat shortcut; while building they are text
            field = app.query_one("#question", HistoryInput)
            assert field.value == "jkco" and app.focused is field
            assert app.query_one(Chat).cursor == -1 and not app.clipboard
            gate.set()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert app.ready and field.value == "jkco"

    run(go())


def test_arrows_move_quotes_only_when_the_answers_have_focus() -> None:
    async def go() -> None:
        async with started_app(FakeAnswerer(), size=WIDE) as (app, pilot):
            await ask(app, pilot, "Which sources?")
            chat, field = app.query_one(Chat), app.query_one("#question", HistoryInput)
            assert app.focused is field and chat.cursor == 0
            await pilot.press("down", "down")  # in the input: history, not quotes
            assert chat.cursor == 0
            await pilot.press("up")
            assert field.value == "Which sources?"
            await pilot.press("tab")
            assert app.focused is chat
            await pilot.press("down")
            assert chat.cursor == 1
            await pilot.press("tab")  # and back to typing
            assert app.focused is field

    run(go())


def test_input_stays_usable_while_an_answer_is_computed() -> None:
    async def go() -> None:
        async with started_app(FakeAnswerer(), size=WIDE) as (app, pilot):
            field = app.query_one("#question", HistoryInput)
            app.busy = True  # as while a worker answers
            field.value = "next question"
            await pilot.press("enter")  # queued, asked when the current answer is done
            assert "Queued: “next question” is asked when the current answer is done." \
                in chat_text(app)
            assert app.pending == ["next question"] and not field.disabled
            await pilot.press(*"typing goes on")
            assert field.value == "typing goes on"

    run(go())


# ---- copy, screenshots ---------------------------------------------------------------------

def test_copy_takes_the_selected_quote_with_its_formatted_reference() -> None:
    async def go() -> None:
        async with started_app(FakeAnswerer(), size=WIDE) as (app, pilot):
            await ask(app, pilot, "Which sources?")
            await pilot.press("ctrl+y")
            assert app.clipboard.splitlines()[0] == "“MSCs were given to lupus patients [12].”"
            assert "— from fake, section “Results”" in app.clipboard
            assert ("[12] Liang J, Zhang H, et al. Allogenic MSC transplantation in refractory "
                    "SLE. Ann Rheum Dis 2010;69:1423-1429.") in app.clipboard
            assert "Some cells" not in app.clipboard
            notes = [n.message for n in app._notifications]
            assert any("Copied quote 1 (fake) with its 1 reference." == m for m in notes)

    run(go())


def test_screenshot_goes_to_the_working_folder(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "no-such-home"))  # no ~/Downloads

    async def go() -> None:
        async with started_app(FakeAnswerer(), size=WIDE) as (app, pilot):
            await ask(app, pilot, "Which sources?")
            await pilot.press("f2")
            await pilot.pause()
            saved = list(tmp_path.glob("*.svg"))
            assert len(saved) == 1 and saved[0].read_text(encoding="utf-8").startswith("<svg")
            assert any(str(saved[0]) in n.message for n in app._notifications)
            app.deliver_screenshot()  # what the command palette's "Screenshot" calls
            assert len(list(tmp_path.glob("*.svg"))) >= 1 and not (tmp_path / "no-such-home").exists()

    run(go())


# ---- follow-up questions -------------------------------------------------------------------

def test_follow_up_is_read_by_the_library_with_the_previous_question_and_says_so() -> None:
    """The chat passes the last question answered on its own as `previous=`; the library
    decides (Answer.context) and the chat shows what it was read with."""
    async def go() -> None:
        answerer = FakeAnswerer()
        async with started_app(answerer, size=WIDE) as (app, pilot):
            await ask(app, pilot, "Which sources were used for lupus?")
            assert answerer.previous[-1] is None and "taken as" not in chat_text(app)
            await ask(app, pilot, "and in children?")
            assert answerer.asked[-1][0] == "and in children?"  # sent as typed
            assert answerer.previous[-1] == "Which sources were used for lupus?"
            assert "(taken as a follow-up of: Which sources were used for lupus?)" in chat_text(app)
            await ask(app, pilot, "and in adults?")  # the topic stays the standalone question
            assert answerer.previous[-1] == "Which sources were used for lupus?"
            await ask(app, pilot, "How are MSCs isolated from bone marrow in culture?")
            assert chat_text(app).count("taken as a follow-up") == 2  # not read as a follow-up
            await ask(app, pilot, "and in children?")
            assert answerer.previous[-1] == "How are MSCs isolated from bone marrow in culture?"
            # user trial 4: a cleared chat starts a new conversation, so nothing is a follow-up
            await pilot.press("ctrl+l")
            await ask(app, pilot, "and in adults?")
            assert answerer.previous[-1] is None and "taken as" not in chat_text(app)

    run(go())


# ---- markup and action strings are literal everywhere --------------------------------------

MARKUP = "[/bold] Which sources [@click=app.quit]quit[/] [b]x"


class MarkupAnswerer(FakeAnswerer):
    """Corpus text, section names, reference entries and errors full of markup and actions."""

    def ask(self, question, **kwargs):
        answer = super().ask(question, **kwargs).model_copy(deep=True)  # shared citations
        for hit in answer.passages:
            hit.passage.section = MARKUP
        answer.references = [AnswerReference(doc_id="fake", key="12", label="[12]",
                                             text=f"Entry {MARKUP}")]
        for span in answer.spans:
            for c in span.citations:
                c.reference = f"Entry {MARKUP}" if c.key == "12" else None
        return answer

    def passages_citing(self, doc_id: str, key: str) -> list[Passage]:
        passages = super().passages_citing(doc_id, key)
        for p in passages:
            p.section = MARKUP
        return passages


def test_markup_and_actions_are_shown_literally_everywhere() -> None:
    async def go() -> None:
        answerer = MarkupAnswerer()
        async with started_app(answerer, size=NARROW) as (app, pilot):
            await ask(app, pilot, MARKUP)  # question echo
            assert app.is_running and f"❯ {MARKUP}" in chat_text(app)
            assert MARKUP in shown(app, "#references") and MARKUP in shown(app, "#evidence")
            assert MARKUP in chat_text(app)  # the chat line's section
            await pilot.press("ctrl+y")  # copy + notification
            await pilot.press("tab", "ctrl+y")
            await pilot.pause()
            assert MARKUP in app.clipboard and app.is_running
            await ask(app, pilot, f"and {MARKUP}")  # a follow-up note repeats the question
            assert f"(taken as a follow-up of: {MARKUP})" in chat_text(app)
            await pilot.press("tab", "enter")  # the citing-passages screen
            await opened(pilot, CitingScreen)
            assert MARKUP in shown(app, "#citing") and app.is_running
            await pilot.press("escape")
            answerer.fail = QAError(MARKUP)  # an error message
            await ask(app, pilot, "Which sources?")
            assert MARKUP in chat_text(app)
            app.notify(MARKUP, markup=False)
            app.sub_title = MARKUP  # titles are literal
            app.title = MARKUP
            await pilot.pause()
            assert MARKUP in screen_text(app)
            assert app.is_running  # no action ran, nothing crashed

    run(go())


@pytest.mark.parametrize("size", [NARROW, WIDE])
def test_lost_exponent_is_shown_with_its_reading_never_silently(size) -> None:
    async def go() -> None:
        async with started_app(FakeAnswerer(), size=size) as (app, pilot):
            await ask(app, pilot, "What dose was given?")
            text = chat_text(app)
            assert "1×10⁶ [printed '1x106']" in text and DOSE not in text
            assert "1×10⁶ [printed '1x106']" in shown(app, "#evidence")
            await pilot.press("ctrl+y")
            assert DOSE in app.clipboard  # copied verbatim, with a note
            assert "read as 1×10⁶" in app.clipboard

    run(go())
