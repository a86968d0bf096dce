"""What the chat hands out: a quote, a study or a whole answer to the clipboard, a screenshot to a
file (a mixin of `QAApp`, qa/app/tui.py). Apart from the app because each is one action that reads
the chat's selection and tells the user where the result went, nothing the chat shows depends on it.
"""
from __future__ import annotations

import os

from qa.app.render import answer_text
from qa.app.tui_text import span_copy_text
from qa.app.tui_widgets import AnswerMessage, Chat


class CopyActions:
    """The copy and screenshot actions of `QAApp` (it expects the app's `Chat`)."""

    def action_copy_answer(self) -> None:
        """Copy the selected study or quote with its references (the whole last answer if none)."""
        chat = self.query_one(Chat)
        item = chat.selected
        if item is not None and item.study is not None:
            self.copy_to_clipboard(span_copy_text(item))
            self.notify(f"Copied the study {item.study.study.id} with its entry and citing "
                        "reviews.", markup=False)
            return
        if item is not None and item.span is not None:
            self.copy_to_clipboard(span_copy_text(item))
            n = len(item.citations)
            self.notify(f"Copied quote {chat.cursor + 1} ({item.doc_id}) with its {n} "
                        f"reference{'s' if n != 1 else ''}.", markup=False)
            return
        self.action_copy_whole_answer()

    def action_copy_whole_answer(self) -> None:
        """Copy the selected quote's whole answer (the last one if none is selected), its caution
        and references included (user trial 23: a quote is always selected after an answer, so
        the whole answer could not be copied)."""
        chat = self.query_one(Chat)
        item = chat.selected
        answers = [m.answer for m in chat.query(AnswerMessage)]
        answer = item.answer if item is not None else (answers[-1] if answers else None)
        if answer is None:
            self.notify("Nothing to copy yet.", severity="warning", markup=False)
            return
        self.copy_to_clipboard(answer_text(answer))
        self.notify(f"Copied the answer to “{answer.question}” with its references.", markup=False)

    def deliver_screenshot(self, filename: str | None = None, path: str | None = None,
                           time_format: str | None = None) -> str | None:
        """Screenshots (F2, the command palette) go to the working folder; the path is shown."""
        try:
            saved = self.save_screenshot(filename, path or os.getcwd(), time_format)
        except OSError as error:
            self.notify(f"Could not save the screenshot: {error}", severity="error", markup=False)
            return None
        self.notify(f"Screenshot saved to {os.path.abspath(saved)}", title="Screenshot",
                    markup=False)
        return saved
