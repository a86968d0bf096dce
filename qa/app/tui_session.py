"""A headless session of the terminal chat saved as an SVG screenshot (`qa tui --screenshot`,
the README's picture, and its test): ask one question, select a span with a full entry."""
from __future__ import annotations

from pathlib import Path

from qa.app.tui import QAApp
from qa.app.tui_widgets import AnswerItem, Chat, HistoryInput, reference_entry

async def session_screenshot(
    app: QAApp, question: str, path: Path, size: tuple[int, int] = (160, 50)
) -> tuple[Path, AnswerItem | None]:
    """Run `app` headless, ask one question, select what a reader looks at first, save an SVG
    screenshot: the first study of a sources answer (its table at the top), else the first
    span with a full reference entry.

    Returns the file and the item the panes show.
    """
    async with app.run_test(size=size) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        field = app.query_one("#question", HistoryInput)
        field.value = question
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("tab")
        chat = app.query_one(Chat)
        items = [line.item for line in chat.items()]
        resolved = [i for i, item in enumerate(items)  # a study, or a span with a full entry
                    if (item.study is not None and item.study.study.entry)
                    or any(reference_entry(item.answer, item.doc_id, c) for c in item.citations)]
        chat.select(resolved[0] if resolved else min(1, len(items) - 1))
        await pilot.pause()
        path.parent.mkdir(parents=True, exist_ok=True)
        return Path(app.save_screenshot(path.name, path=str(path.parent))), chat.selected
