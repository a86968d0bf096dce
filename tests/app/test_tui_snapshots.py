"""Snapshot tests of the terminal chat (pytest-textual-snapshot) at 80×24 and 160×45, with the
fake service so that they are deterministic. After an intended change of the screen, review
the new pictures (`pytest tests/app/test_tui_snapshots.py --snapshot-report`) and accept them
with `--snapshot-update`; they are committed under tests/app/__snapshots__/."""
from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import textual.app
from pytest_textual_snapshot import normalize_svg
from textual._doc import take_svg_screenshot

from fake_service import FakeAnswerer, ask, settled
from qa.app.tui import QAApp

NARROW, WIDE = (80, 24), (160, 45)
STORED = Path(__file__).parent / "__snapshots__" / "test_tui_snapshots"


def session(*questions: str, keys: tuple[str, ...] = ()):
    async def run_before(pilot) -> None:
        field = pilot.app.query_one("#question")
        field.cursor_blink = False  # a blinking cursor is not stable
        field._cursor_visible = True
        for question in questions:
            await ask(pilot.app, pilot, question)
        for key in keys:
            await pilot.press(key)
        await settled(pilot)

    return run_before


SCENES = {
    "answer": session("Which sources were used for lupus?"),
    "studies": session("Which studies were used for lupus?"),
    "second_quote": session("Which sources were used for lupus?", keys=("tab", "down")),
    "not_found": session("an unanswerable question"),
    "follow_up": session("Which sources were used for lupus?", "and in children?"),
    "evidence": session("What dose was given?", keys=("ctrl+e",)),
}


@pytest.mark.parametrize("size", [NARROW, WIDE], ids=["80x24", "160x45"])
@pytest.mark.parametrize("scene", sorted(SCENES))
def test_screen(snap_compare, scene: str, size: tuple[int, int]) -> None:
    assert snap_compare(QAApp(answerer=FakeAnswerer()), terminal_size=size,
                        run_before=SCENES[scene])


async def _unwaited(min_sleep: float = 0.0, max_sleep: float = 1.0) -> None:
    await asyncio.sleep(0)


@pytest.mark.parametrize("size", [NARROW, WIDE], ids=["80x24", "160x45"])
@pytest.mark.parametrize("scene", sorted(SCENES))
def test_screen_when_loaded(monkeypatch, scene: str, size: tuple[int, int]) -> None:
    """A loaded machine draws the screen `test_screen` stored: each answer takes 0.3 s and a key
    press returns before the app has handled it (as Textual's idle wait does when the process
    is starved of CPU). `follow_up-80x24` failed now and then: the chat's scroll after an answer
    depended on how long the answer took (qa.app.tui._reveal), and the test's wait for the
    answer found no worker when the question had not yet reached the app. The Evidence pane
    stopped a line short when its scrollbar appeared after it had scrolled to the quote (the wrap
    width changed): it scrolls again when its text is resized (qa.app.tui_widgets.EvidenceText)."""
    monkeypatch.setattr(textual.app, "wait_for_idle", _unwaited)  # what pilot.press waits with
    screen = take_svg_screenshot(app=QAApp(answerer=FakeAnswerer(delay=0.3)), terminal_size=size,
                                 run_before=SCENES[scene])
    stored = STORED / f"test_screen[{scene}-{size[0]}x{size[1]}].svg"
    assert normalize_svg(screen) == stored.read_text(encoding="utf-8")
