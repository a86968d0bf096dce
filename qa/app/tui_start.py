"""Start-up of the terminal chat: load (or build) the index in a worker thread, with progress.

A mixin of `QAApp` (qa/app/tui.py), kept apart so that the app module holds the chat itself. The
service is created in the thread, so the heavy imports stay off the UI's start-up; a broken
index becomes a message in the chat, never a crash. `AnswerService` is what the app needs from
the service (`qa.app.service.QAService`, or a fake in tests).
"""
from __future__ import annotations

from typing import Callable, Protocol

from rich.text import Text
from textual import work
from textual.widgets import ProgressBar, Static

from qa.app.cli_support import OPTION_NAMES
from qa.errors import QAError
from qa.models import Answer, IndexStatus, Passage


class AnswerService(Protocol):
    """What the chat needs from the question-answering service (`qa.app.service.QAService`)."""

    def status(self) -> IndexStatus: ...

    def ensure_index(self, progress: Callable[[float, str], None]) -> None: ...

    def ask(self, question: str, *, k: int = 10, docs: list[str] | None = None,
            mode: str = "hybrid", previous: str | None = None) -> Answer: ...

    def passages_citing(self, doc_id: str, key: str) -> list[Passage]: ...

    def study_entry(self, study_id: str) -> str | None: ...


class IndexStartup:
    """The start-up half of `QAApp`: it expects the app's widgets (#build, #progress, ...)."""

    answerer: AnswerService | None
    docs: list[str] | None
    doc_ids: list[str]
    ready: bool
    failure: str
    pending: list[str]

    @work(thread=True, exclusive=True, group="start", exit_on_error=False)
    def start(self) -> None:
        try:
            if self.answerer is None:
                from qa.app.service import QAService  # heavy imports stay off the UI's start-up

                self.answerer = QAService()
            status = self.answerer.status()
            if status.state == "unavailable":  # unreadable, not damaged: no build is announced
                self.call_from_thread(self._index_failed, status.reason)
                return
            if status.state != "ready":
                self.call_from_thread(self._show_build, status)
            self.answerer.ensure_index(self._progress_from_thread)  # builds or just loads
            status = self.answerer.status()
            self.call_from_thread(self._index_ready, status)
        except Exception as error:  # noqa: BLE001 - a broken index is shown, not raised
            # the chat is started with the command line's options (`qa tui --index-dir`): named so
            text = error.worded(OPTION_NAMES) if isinstance(error, QAError) else f"{type(error).__name__}: {error}"
            self.call_from_thread(self._index_failed, text)

    def _progress_from_thread(self, fraction: float, message: str) -> None:
        self.call_from_thread(self._show_progress, fraction, message)

    def _show_build(self, status: IndexStatus) -> None:
        self.query_one("#build").display = True
        self.sub_title = f"index {status.state}: building it…"
        reason = f" ({status.reason})" if status.reason else ""
        self._post_info(f"The index is {status.state}{reason}; building it now.")

    def _show_progress(self, fraction: float, message: str) -> None:
        self.query_one("#progress", ProgressBar).update(progress=max(0.0, min(fraction, 1.0)) * 100)
        self.query_one("#build-message", Static).update(Text(message or "Building the index…"))

    def _index_ready(self, status: IndexStatus) -> None:
        self.query_one("#build").display = False
        self.doc_ids = list(status.doc_ids)
        unknown = [d for d in self.docs or [] if d not in self.doc_ids]
        if unknown:
            self._post_error(f"unknown document {', '.join(unknown)}; showing all documents "
                             f"({', '.join(self.doc_ids)})")
            self.docs = None
        self.sub_title = (f"{status.documents} article{'s' if status.documents != 1 else ''} · "
                          f"{status.passages} passages · index {status.state}")
        self.ready = True
        self._update_status()
        self._post_info(f"Ready: {len(self.doc_ids)} articles ({', '.join(self.doc_ids)}). Type a "
                        "question and press enter. Tab moves to the answers: ↑↓ choose a quote, "
                        "←→ a citation, enter lists every passage citing it, ctrl+y copies the "
                        "quote with its references, ctrl+o the whole answer; typing comes back here. F2 saves a "
                        "screenshot, ctrl+q quits.")
        self._ask_next()  # questions sent during the start (and tui.py --question)

    def _index_failed(self, message: str) -> None:
        self.query_one("#build").display = False
        self.sub_title = "index unavailable"
        self.failure = message
        self._post_error(f"The index could not be loaded or built: {message}")
        if self.pending:
            n = len(self.pending)
            self._post_error(f"{n} queued question{'s are' if n != 1 else ' is'} not asked.")
            self.pending.clear()

