"""The terminal chat: ask questions, read answer spans with their citations, follow references.

The app gets its answerer through the constructor (anything satisfying `AnswerService`; None means
the real `qa.app.service.QAService`), so it can be driven by a fake in tests. All slow work (loading
or building the index, answering, looking up citing passages) runs in worker threads and comes
back through `call_from_thread`; every failure becomes a message in the chat, never a crash.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Protocol

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Header, LoadingIndicator, ProgressBar, Static

from qa.errors import QAError
from qa.models import Answer, Citation, IndexStatus, Passage
from qa.app.render import answer_text
from qa.app.tui_widgets import (
    AnswerItem,
    AnswerMessage,
    Chat,
    HistoryInput,
    citing_text,
    evidence_text,
    reference_entry,
    references_text,
)

MODES = ("hybrid", "bm25", "dense")


class AnswerService(Protocol):
    """What the chat needs from the question-answering service (`qa.app.service.QAService`)."""

    def status(self) -> IndexStatus: ...

    def ensure_index(self, progress: Callable[[float, str], None]) -> None: ...

    def ask(self, question: str, *, k: int = 10, docs: list[str] | None = None,
            mode: str = "hybrid") -> Answer: ...

    def passages_citing(self, doc_id: str, key: str) -> list[Passage]: ...


class CitingScreen(ModalScreen[None]):
    """Every passage of the corpus that cites one reference."""

    BINDINGS = [Binding("escape,q,enter", "dismiss", "Close")]

    def __init__(self, item: AnswerItem, citation: Citation, answerer: AnswerService) -> None:
        super().__init__()
        self.item, self.citation, self.answerer = item, citation, answerer

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="citing-box") as box:
            box.border_title = "Passages citing this reference (esc to close)"
            yield Static(Text("looking up…", style="dim"), id="citing", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.lookup()

    @work(thread=True, exit_on_error=False)
    def lookup(self) -> None:
        doc_id, citation = self.item.doc_id, self.citation
        entry = reference_entry(self.item.answer, doc_id, citation)
        try:
            passages = self.answerer.passages_citing(doc_id, citation.key)
            content = citing_text(doc_id, citation, entry, passages)
        except Exception as error:  # noqa: BLE001 - shown to the user, never a crash
            content = Text(f"Could not look up citing passages: {error}", style="bold red")
        self.app.call_from_thread(self.query_one("#citing", Static).update, content)


class QAApp(App[None]):
    """Chat over the reviews, with References and Evidence panes following the selection."""

    TITLE = "qa"
    CSS = """
    #main { height: 1fr; }
    #left { width: 3fr; }
    #side { width: 2fr; }
    #chat { height: 1fr; border: round $primary-darken-2; padding: 0 1; }
    #chat:focus { border: round $accent; }
    #side VerticalScroll { height: 1fr; border: round $primary-darken-2; padding: 0 1; }
    .question { color: $text; text-style: bold; margin-top: 1; }
    .answer { height: auto; }
    .item { padding: 0 1; margin-bottom: 1; }
    .item.-selected { background: $boost; border-left: thick $accent; }
    .not-found { color: $warning; }
    .error { color: $error; margin-top: 1; }
    .info { color: $text-muted; margin-top: 1; }
    #thinking { height: 1; }
    #thinking LoadingIndicator { width: 8; height: 1; }
    #build { height: auto; border: round $accent; padding: 0 1; display: none; }
    #status { height: 1; color: $text-muted; padding: 0 1; }
    CitingScreen { align: center middle; }
    #citing-box { width: 90%; height: 85%; border: round $accent; background: $surface;
                  padding: 0 1; }
    """
    BINDINGS = [
        Binding("ctrl+l", "clear", "Clear", priority=True),
        Binding("ctrl+y", "copy_answer", "Copy", priority=True),
        Binding("ctrl+d", "cycle_doc", "Doc filter", priority=True),
        Binding("ctrl+r", "cycle_mode", "Mode", priority=True),
    ]

    def __init__(self, answerer: AnswerService | None = None, docs: list[str] | None = None,
                 mode: str = "hybrid") -> None:
        super().__init__()
        if mode not in MODES:
            raise QAError(f"unknown mode {mode!r} (choose from {', '.join(MODES)})")
        self.answerer = answerer
        self.docs = list(docs) if docs else None
        self.mode = mode
        self.doc_ids: list[str] = []
        self.ready = False
        self.busy = False
        self.failure = ""
        self.question_line: Static | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            with Vertical(id="left"):
                with Vertical(id="build") as build:
                    build.border_title = "Building the index"
                    yield Static("Building the index…", id="build-message", markup=False)
                    yield ProgressBar(total=100, show_eta=False, id="progress")
                chat = Chat(id="chat")
                chat.border_title = "Chat (tab: focus · ↑↓ spans · ←→ citations)"
                yield chat
                yield Static("", id="status", markup=False)
                yield HistoryInput(placeholder="Ask about the reviews and press enter",
                                   id="question", disabled=True)
            with Vertical(id="side"):
                with VerticalScroll(id="references-box") as box:
                    box.border_title = "References"
                    yield Static(references_text(None, 0), id="references", markup=False)
                with VerticalScroll(id="evidence-box") as box:
                    box.border_title = "Evidence"
                    yield Static(evidence_text(None), id="evidence", markup=False)
        yield Footer()

    # ---- start-up: load (or build) the index in a thread -------------------------------

    def on_mount(self) -> None:
        self.sub_title = "loading index…"
        self._update_status()
        self.start()

    @work(thread=True, exclusive=True, group="start", exit_on_error=False)
    def start(self) -> None:
        try:
            if self.answerer is None:
                from qa.app.service import QAService  # heavy imports stay off the UI's start-up

                self.answerer = QAService()
            status = self.answerer.status()
            if status.state != "ready":
                self.call_from_thread(self._show_build, status)
            self.answerer.ensure_index(self._progress_from_thread)  # builds or just loads
            status = self.answerer.status()
            self.call_from_thread(self._index_ready, status)
        except Exception as error:  # noqa: BLE001 - a broken index is shown, not raised
            text = str(error) if isinstance(error, QAError) else f"{type(error).__name__}: {error}"
            self.call_from_thread(self._index_failed, text)

    def _progress_from_thread(self, fraction: float, message: str) -> None:
        self.call_from_thread(self._show_progress, fraction, message)

    def _show_build(self, status: IndexStatus) -> None:
        self.query_one("#build").display = True
        self.sub_title = f"index {status.state}: building…"
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
        self.sub_title = (f"{status.documents} documents · "
                          f"{status.passages} passages · index {status.state}")
        self.ready = True
        self._update_status()
        self._post_info(f"Ready: {len(self.doc_ids)} reviews ({', '.join(self.doc_ids)}). Ask a "
                        "question; tab moves to the answers, ↑↓ choose a span, ←→ a citation, "
                        "enter lists every passage citing it.")
        field = self.query_one("#question", HistoryInput)
        field.disabled = False
        field.focus()

    def _index_failed(self, message: str) -> None:
        self.query_one("#build").display = False
        self.sub_title = "index unavailable"
        self.failure = message
        self._post_error(f"The index could not be loaded or built: {message}")
        self.query_one("#question", HistoryInput).disabled = False

    # ---- asking ------------------------------------------------------------------------

    def on_input_submitted(self, event: HistoryInput.Submitted) -> None:
        field = self.query_one("#question", HistoryInput)
        question = event.value.strip()
        field.remember(question)
        if not question:
            self._post_error("Type a question first.")
            return
        if self.failure:
            self._post_error(f"Cannot answer: the index is not available ({self.failure}). "
                             "Rebuild it with `qa index`, then restart.")
            return
        if not self.ready or self.busy:
            self._post_error("Please wait: the index is not ready yet." if not self.ready
                             else "Please wait for the current answer.")
            return
        field.value = ""
        chat = self.query_one(Chat)
        self.question_line = Static(Text(f"❯ {question}"), classes="question", markup=False)
        chat.mount(self.question_line)
        thinking = Horizontal(LoadingIndicator(), Static(Text(" thinking…", style="dim"),
                                                         markup=False), id="thinking")
        chat.mount(thinking)
        chat.scroll_end(animate=False)
        self.busy = True
        field.disabled = True
        self.ask(question, self.docs, self.mode)

    @work(thread=True, exclusive=True, group="ask", exit_on_error=False)
    def ask(self, question: str, docs: list[str] | None, mode: str) -> None:
        try:
            assert self.answerer is not None
            answer = self.answerer.ask(question, docs=docs, mode=mode)
            self.call_from_thread(self._show_answer, answer)
        except QAError as error:
            self.call_from_thread(self._post_error, str(error))
        except Exception as error:  # noqa: BLE001 - an answerer bug must not kill the chat
            self.call_from_thread(self._post_error,
                                  f"Unexpected error: {type(error).__name__}: {error}")
        finally:
            self.call_from_thread(self._end_busy)

    async def _show_answer(self, answer: Answer) -> None:
        chat = self.query_one(Chat)
        before = len(chat.items())
        await chat.mount(AnswerMessage(answer))
        items = chat.items()
        if len(items) > before:
            chat.select(before)
            self.call_after_refresh(self._reveal, self.question_line, items[before])
        else:
            chat.scroll_end(animate=False)

    def _reveal(self, question: Static | None, item: Static) -> None:
        """Scroll the question to the top, as long as the selected span stays in view."""
        chat = self.query_one(Chat)
        if question is not None and question.is_attached:
            chat.scroll_to_widget(question, top=True, animate=False)
        if item.is_attached:
            chat.scroll_to_widget(item, animate=False)

    def _end_busy(self) -> None:
        for widget in self.query("#thinking"):
            widget.remove()
        self.busy = False
        field = self.query_one("#question", HistoryInput)
        field.disabled = False
        field.focus()

    def _post_error(self, message: str) -> None:
        self._post(message, "error")

    def _post_info(self, message: str) -> None:
        self._post(message, "info")

    def _post(self, message: str, kind: str) -> None:
        chat = self.query_one(Chat)
        chat.mount(Static(Text(message), classes=kind, markup=False))
        chat.scroll_end(animate=False)

    # ---- panes follow the selection ----------------------------------------------------

    def on_chat_selection_changed(self, event: Chat.SelectionChanged) -> None:
        self.query_one("#references", Static).update(references_text(event.item, event.citation))
        self.query_one("#evidence", Static).update(evidence_text(event.item))
        self.query_one("#evidence-box").scroll_home(animate=False)

    def on_chat_citation_opened(self, event: Chat.CitationOpened) -> None:
        if self.answerer is not None:
            self.push_screen(CitingScreen(event.item, event.citation, self.answerer))

    # ---- actions -----------------------------------------------------------------------

    def action_clear(self) -> None:
        chat = self.query_one(Chat)
        chat.remove_children()
        chat.clear_selection()

    def action_copy_answer(self) -> None:
        chat = self.query_one(Chat)
        item = chat.selected
        answers = [m.answer for m in chat.query(AnswerMessage)]
        answer = item.answer if item is not None else (answers[-1] if answers else None)
        if answer is None:
            self.notify("Nothing to copy yet.", severity="warning")
            return
        self.copy_to_clipboard(answer_text(answer))
        self.notify(f"Copied the answer to “{answer.question}” with its references.")

    def action_cycle_doc(self) -> None:
        choices: list[list[str] | None] = [None] + [[d] for d in self.doc_ids]
        current = choices.index(self.docs) if self.docs in choices else 0
        self.docs = choices[(current + 1) % len(choices)]
        self._update_status()

    def action_cycle_mode(self) -> None:
        self.mode = MODES[(MODES.index(self.mode) + 1) % len(MODES)]
        self._update_status()

    def _update_status(self) -> None:
        docs = ", ".join(self.docs) if self.docs else "all"
        self.query_one("#status", Static).update(
            Text(f"mode: {self.mode} (ctrl+r) · documents: {docs} (ctrl+d)")
        )


async def session_screenshot(
    app: QAApp, question: str, path: Path, size: tuple[int, int] = (160, 50)
) -> tuple[Path, AnswerItem | None]:
    """Run `app` headless, ask one question, select a span, save an SVG screenshot.

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
        resolved = [i for i, item in enumerate(items)  # show a span with a full reference entry
                    if any(reference_entry(item.answer, item.doc_id, c) for c in item.citations)]
        chat.select(resolved[0] if resolved else min(1, len(items) - 1))
        await pilot.pause()
        path.parent.mkdir(parents=True, exist_ok=True)
        return Path(app.save_screenshot(path.name, path=str(path.parent))), chat.selected
