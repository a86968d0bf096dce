"""Typing always goes to the question box (a mixin of `QAApp`, qa/app/tui.py).

A printable key pressed while something else has focus (the answers, a side pane, a citing-
passages window) is typed into the question box, and the focus moves there. The key is routed
where the app receives it, before it is forwarded to the focused widget, so keys typed faster
than the screen updates (a paste, a terminal multiplexer) keep their order and none of them is
read as a shortcut: the answers bind no printable key at all (arrows, enter, tab, escape, ctrl+y).
"""
from __future__ import annotations

from textual import events
from textual.actions import SkipAction
from textual.screen import ModalScreen
from textual.widgets import Input

from qa.app.tui_widgets import CitingScreen, HistoryInput, StudyScreen

WINDOWS = (CitingScreen, StudyScreen)  # the app's own windows: typing closes them


class TypingRouter:
    """The key-routing half of `QAApp`: it expects the app's `#question` HistoryInput."""

    question_field: HistoryInput | None = None

    async def on_event(self, event: events.Event) -> None:
        if (isinstance(event, events.Key) and not event.is_forwarded and event.is_printable
                and event.character and self._typed_elsewhere()):
            self._type_into_question(event.character)
            return
        if isinstance(event, events.Paste) and not event.is_forwarded and self._typed_elsewhere():
            self._type_into_question("")
            assert self.question_field is not None
            self.question_field.post_message(events.Paste(event.text))  # one question a line
            return
        await super().on_event(event)  # type: ignore[misc]

    def _typed_elsewhere(self) -> bool:
        """True when a printable key would not reach a text field of the chat: the focus is on
        the answers, a pane or one of the app's windows (the command palette keeps its keys)."""
        screen = self.screen  # type: ignore[attr-defined]
        if isinstance(screen, ModalScreen) and not isinstance(screen, WINDOWS):
            return False
        if self.question_field is None or not self.question_field.is_attached:
            return False
        return not isinstance(self.focused, Input)  # type: ignore[attr-defined]

    def _type_into_question(self, character: str) -> None:
        while isinstance(self.screen, WINDOWS):  # type: ignore[attr-defined]
            self.pop_screen()  # type: ignore[attr-defined]
        field = self.question_field
        assert field is not None
        self.screen.set_focus(field)  # type: ignore[attr-defined]  # now: the next key goes there
        if character:
            field.insert_text_at_cursor(character)

    def action_close_help(self) -> None:
        """Escape closes the keys panel (ctrl+p → Keys) when it is open; otherwise the key does
        what it does where the focus is."""
        panels = self.screen.query("HelpPanel")  # type: ignore[attr-defined]
        if not panels:
            raise SkipAction()
        panels.remove()
