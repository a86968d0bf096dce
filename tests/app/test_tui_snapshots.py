"""Snapshot tests of the terminal chat (pytest-textual-snapshot) at 80×24 and 160×45, with the
fake service so that they are deterministic. After an intended change of the screen, review
the new pictures (`pytest tests/app/test_tui_snapshots.py --snapshot-report`) and accept them
with `--snapshot-update`; they are committed under tests/app/__snapshots__/."""
from __future__ import annotations

import pytest

from fake_service import FakeAnswerer, ask
from qa.app.tui import QAApp

NARROW, WIDE = (80, 24), (160, 45)


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


async def settled(pilot, frames: int = 3, limit: int = 600) -> None:
    """Wait until every scrollable view has kept its offset for `frames` pauses in a row: the chat
    and the Evidence pane scroll after one or two refreshes, which a loaded machine delays (a
    fixed 0.2 s pause once caught the chat one line short of where it settles, in CI). A scroll
    the app has queued until after layout (`layout_pending`) counts as not settled: under load
    the offsets could stay still for a few pauses before it ran (the Evidence pane, once in CI)."""
    last, stable = None, 0
    for _ in range(limit):
        await pilot.pause(0.05)
        state = tuple((id(w), w.scroll_x, w.scroll_y) for w in pilot.app.screen.query("*")
                      if w.is_scrollable)
        queued = pilot.app.layout_pending > 0
        stable = stable + 1 if state == last and not queued else 0
        if stable >= frames:
            return
        last = state


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
