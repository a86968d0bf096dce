"""The terminal chat: ask questions, read answer spans with their citations, follow references.

The app gets its answerer through the constructor (anything satisfying `AnswerService`; None means
the real `qa.app.service.QAService`), so it can be driven by a fake in tests. All slow work (loading
or building the index, answering, looking up citing passages) runs in worker threads and comes
back through `call_from_thread`; every failure becomes a message in the chat, never a crash.
"""
from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Header, LoadingIndicator, ProgressBar, Static

from qa.errors import QAError
from qa.models import Answer
from qa.app.tui_start import AnswerService, IndexStartup  # noqa: F401 - AnswerService re-exported
from qa.app.tui_typing import WINDOWS, TypingRouter
from qa.app.tui_copy import CopyActions
from qa.app.tui_text import highlight_start, with_linked_entries
from qa.app.tui_widgets import (  # noqa: F401 - CitingScreen re-exported
    AnswerItem,
    CitingScreen,
    AnswerMessage,
    EvidenceText,
    Chat,
    HistoryInput,
    StudyScreen,
    citing_text,
    evidence_text,
    reference_entry,
    references_text,
)

MODES = ("hybrid", "bm25", "dense")
MODE_WORDS = {"hybrid": "words + meaning", "bm25": "words only", "dense": "meaning only"}
NARROW = 100  # below this many columns: one column (chat above, references below)
NOT_AN_ANSWER = "No answer: the nearest passages are shown for orientation only."
ECHO = 300  # characters of a question echoed in the chat (a longer one is shortened)


def echoed(question: str, limit: int = ECHO) -> str:
    """The question as the chat repeats it: in full up to `limit` characters, else its start and
    its length (a 5,000-character paste must not bury what the chat says about it); normalised as the
    library reads it, so a pasted escape sequence is neither echoed raw nor sent to the terminal (sweep 28)."""
    from qa.validate import normalise

    question = normalise(question)
    if len(question) <= limit:
        return question
    return f"{question[:limit].rstrip()}… ({len(question):,} characters)"


def as_service(answerer: object) -> AnswerService | None:
    """The chat's service: given as one (`qa.app.service.QAService`, a test's stub), or made over
    the settings of a library's `qa.Answerer` (user trial 21: passing `qa.Answerer(...)` for one's
    own library failed on a missing `status`)."""
    if answerer is None or hasattr(answerer, "status"):
        return answerer  # type: ignore[return-value]
    settings = getattr(getattr(answerer, "retriever", None), "settings", None)
    if settings is None:
        raise QAError(f"the chat needs a qa.Answerer or a qa.app.service.QAService, not {type(answerer).__name__}")
    from qa.app.service import QAService

    return QAService(settings)


class QAApp(TypingRouter, IndexStartup, CopyActions, App[None]):
    """Chat over the library's articles, with References and Evidence panes following the selection."""

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
    .item.study { margin-bottom: 0; }
    .more { color: $text-muted; padding: 0 1; margin-bottom: 1; }
    .not-found { color: $warning; }
    .nearest-title { color: $text-muted; margin-top: 1; }
    .nearest { color: $text-muted; padding: 0 1 0 2; margin-bottom: 1; }
    .reading { color: $text-muted; text-style: italic; }
    Screen.-narrow #main { layout: vertical; }
    Screen.-narrow #left { width: 1fr; height: 1fr; }
    Screen.-narrow #side { width: 1fr; height: 8; }
    Screen.-narrow #status { display: none; }
    Screen.-narrow #evidence-box { display: none; }
    Screen.-narrow.-evidence #references-box { display: none; }
    Screen.-narrow.-evidence #evidence-box { display: block; }
    Screen.-narrow.-study #side { display: none; }
    Screen.-narrow.-study.-evidence #side { display: block; }
    .error { color: $error; margin-top: 1; }
    .info { color: $text-muted; margin-top: 1; }
    .thinking { height: 1; }
    .thinking LoadingIndicator { width: 8; height: 1; }
    #build { height: auto; border: round $accent; padding: 0 1; display: none; }
    #status { height: 1; color: $text-muted; padding: 0 1; }
    CitingScreen { align: center middle; }
    #citing-box { width: 90%; height: 85%; border: round $accent; background: $surface;
                  padding: 0 1; }
    """
    BINDINGS = [
        Binding("ctrl+y", "copy_answer", "Copy", priority=True),
        Binding("ctrl+o", "copy_whole_answer", "Copy all", show=False, priority=True),  # footer full at 80 columns
        Binding("ctrl+e", "toggle_evidence", "Refs/Evidence", priority=True),
        Binding("ctrl+d", "cycle_doc", "Docs", priority=True),
        Binding("ctrl+r", "cycle_mode", "Search", priority=True),
        Binding("ctrl+l", "clear", "Clear", priority=True),
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("escape", "close_help", "Close the keys panel", show=False, priority=True),
        Binding("f2", "screenshot", "Screenshot", show=False),
    ]

    def __init__(self, answerer: AnswerService | None = None, docs: list[str] | None = None,
                 mode: str = "hybrid", question: str | None = None) -> None:
        super().__init__()
        if mode not in MODES:
            raise QAError(f"unknown mode {mode!r} (choose from {', '.join(MODES)})")
        self.answerer = as_service(answerer)
        self.docs = list(docs) if docs else None
        self.mode = mode
        self.doc_ids: list[str] = []
        self.ready = False
        self.busy = False
        self.failure = ""
        self.layout_pending = 0  # scrolls queued until the layout settles (tests wait for 0)
        self.evidence_shown: Text | None = None  # what the Evidence pane shows (scrolled again on resize)
        self.question_line: Static | None = None
        self.thinking: Horizontal | None = None
        self.topic: str | None = None  # the last question read on its own (not a follow-up); when the
        # library refuses it, the next question is read on its own unless elliptic (followup.without_refused_earlier)
        # questions sent before the index was ready or while one was answered, asked in turn;
        # `question` (tui.py --question) is the first
        self.pending: list[str] = [question.strip()] if question and question.strip() else []

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            with Vertical(id="left"):
                with Vertical(id="build") as build:
                    build.border_title = "Building the index"
                    yield Static("Building the index…", id="build-message", markup=False)
                    yield ProgressBar(total=100, show_eta=False, id="progress")
                chat = Chat(id="chat")
                chat.border_title = Text("Answers (tab: here · ↑↓ quotes · ←→ citations)")
                yield chat
                yield Static("", id="status", markup=False)
                yield HistoryInput(placeholder="Type a question, press enter (↑↓ earlier "
                                   "questions, tab: answers)", id="question")
            with Vertical(id="side"):
                with VerticalScroll(id="references-box") as box:
                    box.border_title = Text("References (ctrl+e: evidence)")
                    yield Static(references_text(None, 0), id="references", markup=False)
                with VerticalScroll(id="evidence-box") as box:
                    box.border_title = Text("Evidence: the quote in its passage")
                    yield EvidenceText(evidence_text(None), id="evidence", markup=False)
        yield Footer()

    # ---- layout ----------------------------------------------------------------------

    def on_mount(self) -> None:
        self.sub_title = "loading the index…"
        self._update_status()
        self._apply_width(self.size.width)
        self.question_field = self.query_one("#question", HistoryInput)
        self.question_field.focus()  # typing goes to the input, always (tui_typing)
        self.start()

    def on_resize(self, event) -> None:
        self._apply_width(event.size.width)

    def _apply_width(self, width: int) -> None:
        self.screen.set_class(width < NARROW, "-narrow")

    # ---- asking ------------------------------------------------------------------------

    def on_input_submitted(self, event: HistoryInput.Submitted) -> None:
        """The field has already been emptied (HistoryInput.submit_now): a question sent before
        the index is ready, or while one is answered, is queued and asked in turn."""
        question = event.value.strip()
        if not question:
            self._post_error("Type a question first.")
            return
        if self.failure:
            self._post_error(f"Cannot answer “{echoed(question, 80)}”: the index is not available "
                             f"({self.failure}). Rebuild it with `qa index`, then restart.")
            return
        if not self.ready or self.busy:
            self.pending.append(question)
            when = "the index is ready" if not self.ready else "the current answer is done"
            self._post_info(f"Queued: “{echoed(question, 80)}” is asked when {when}.")
            return
        self._ask_now(question)

    def _ask_next(self) -> None:
        """Ask the first queued question, if the app is free to."""
        if self.pending and self.ready and not self.busy and not self.failure:
            self._ask_now(self.pending.pop(0))

    def _ask_now(self, question: str) -> None:
        chat = self.query_one(Chat)
        self.question_line = Static(Text(f"❯ {echoed(question)}"), classes="question", markup=False)
        chat.mount(self.question_line)
        self.thinking = Horizontal(LoadingIndicator(), Static(Text(" thinking…", style="dim"),
                                                              markup=False), classes="thinking")
        chat.mount(self.thinking)
        chat.scroll_end(animate=False)
        self.busy = True  # the input stays usable: typing never turns into shortcuts
        self.ask(question, self.docs, self.mode, self.topic)

    @work(thread=True, group="ask", exit_on_error=False)  # one at a time: `busy`
    def ask(self, question: str, docs: list[str] | None, mode: str, previous: str | None) -> None:
        """Answer in a thread; `previous` (the last question answered on its own) is the context
        the library reads a follow-up with (`Answer.context` says when it did)."""
        try:
            assert self.answerer is not None
            answer = self.answerer.ask(question, docs=docs, mode=mode, previous=previous)
            answer = with_linked_entries(answer, self.answerer.study_entry)
            self.call_from_thread(self._show_answer, answer)
        except QAError as error:
            self.call_from_thread(self._post_error, str(error))
        except Exception as error:  # noqa: BLE001 - an answerer bug must not kill the chat
            self.call_from_thread(self._post_error,
                                  f"Unexpected error: {type(error).__name__}: {error}")
        finally:
            self.call_from_thread(self._end_busy)

    async def _show_answer(self, answer: Answer) -> None:
        from qa.answer.followup import READ_ALONE  # loaded by now: the answer came from it

        chat = self.query_one(Chat)
        alone = next((n for n in answer.message.splitlines() if n.startswith(READ_ALONE)), "")
        if answer.context and not answer.too_vague:  # a follow-up: say with what ('💉' after one is none)
            await chat.mount(Static(Text(f"(taken as a follow-up of: {answer.context})"),
                                    classes="reading", markup=False))
        elif not answer.too_vague:  # a refused 'lupus' is no topic: '?!' after it re-asked it (sweep 28)
            if alone:  # short, so taken as a follow-up, but asked on its own: said as the CLI says it
                await chat.mount(Static(Text(alone), classes="reading", markup=False))
            self.topic = answer.question
        before = len(chat.items())
        await chat.mount(AnswerMessage(answer))
        items = chat.items()
        if len(items) > before:
            chat.select(before)
            self._after_layout(self._reveal, self.question_line, items[before])
        else:  # not an answer: nothing selected, nothing in References or Evidence
            chat.clear_selection(NOT_AN_ANSWER if answer.passages else "")
            self.call_after_refresh(self._reveal, self.question_line, None)

    def _after_layout(self, callback, *args) -> None:
        """Run `callback` once the new content is laid out (two refreshes: the first one may
        add a scrollbar, which changes the width and so the wrapping). `layout_pending` counts
        the callbacks still queued, so that a screenshot can wait for them, however loaded."""
        self.layout_pending += 1

        def run() -> None:
            try:
                callback(*args)
            finally:
                self.layout_pending -= 1

        self.call_after_refresh(lambda: self.call_after_refresh(run))

    def _reveal(self, question: Static | None, item: Static | None) -> None:
        """Scroll the question to the top, as long as the selected span stays in view. Both
        scrolls are immediate (the layout has settled): a deferred scroll is a delta from the
        offset at the time of the call, so the second was computed from where the chat happened to
        be before the first, and a slow answer (the chat at its end, scrolled there while thinking)
        left the question two lines down, where a quick one put it at the top."""
        chat = self.query_one(Chat)
        if question is not None and question.is_attached:
            chat.scroll_to_widget(question, top=True, animate=False, immediate=True)
        if item is not None and item.is_attached:
            chat.scroll_to_widget(item, animate=False, immediate=True)

    def _end_busy(self) -> None:
        if self.thinking is not None:  # this one: the next question's may be mounted right after
            self.thinking.remove()
            self.thinking = None
        self.busy = False
        self._ask_next()

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
        if not self.is_running or not self.screen_stack:
            return  # a selection posted while the app closes (two answers landing at its exit)
        # one column: a study row shows its entry itself, so the chat gets the side pane's room
        self.screen.set_class(event.item is not None and event.item.study is not None, "-study")
        self.query_one("#references", Static).update(
            references_text(event.item, event.citation, event.empty))
        evidence = evidence_text(event.item, event.empty)
        self.query_one("#evidence", Static).update(evidence)
        self.evidence_shown = evidence
        # after the layout has settled (a scrollbar appearing changes the width and the wrap)
        self._after_layout(self._scroll_evidence, evidence)

    def on_evidence_text_resized(self, _: EvidenceText.Resized) -> None:
        """The Evidence text rewrapped after the pane scrolled (a scrollbar came late, a resize):
        the quote's line is found again at the new width."""
        if self.evidence_shown is not None:
            self._after_layout(self._scroll_evidence, self.evidence_shown)

    def _scroll_evidence(self, evidence: Text) -> None:
        """Scroll the Evidence pane so that the highlighted quote is in view (one line above)."""
        from textual.content import Content

        box = self.query_one("#evidence-box", VerticalScroll)
        start = highlight_start(evidence)
        width = self.query_one("#evidence", Static).content_region.width
        if start is None or width <= 0:
            box.scroll_home(animate=False)
            return
        line = len(Content.from_rich_text(evidence[:start]).wrap(width)) - 1
        box.scroll_to(y=max(0, line - 1), animate=False, immediate=True)

    def on_chat_study_opened(self, event: Chat.StudyOpened) -> None:
        if not isinstance(self.screen, WINDOWS):  # enter pressed twice: one window, not two
            self.push_screen(StudyScreen(event.item))

    def on_chat_citation_opened(self, event: Chat.CitationOpened) -> None:
        if self.answerer is not None and not isinstance(self.screen, WINDOWS):
            self.push_screen(CitingScreen(event.item, event.citation, self.answerer))

    # ---- actions (copying and screenshots: qa.app.tui_copy) ----------------------------

    def action_clear(self) -> None:
        """A cleared chat starts a new conversation: the next question is not a follow-up."""
        chat = self.query_one(Chat)
        chat.remove_children()
        chat.clear_selection()
        self.topic = None

    def action_toggle_evidence(self) -> None:
        """One column: show Evidence instead of References (or back)."""
        self.screen.toggle_class("-evidence")

    def action_cycle_doc(self) -> None:
        choices: list[list[str] | None] = [None] + [[d] for d in self.doc_ids]
        current = choices.index(self.docs) if self.docs in choices else 0
        self.docs = choices[(current + 1) % len(choices)]
        self._update_status(announce=True)

    def action_cycle_mode(self) -> None:
        self.mode = MODES[(MODES.index(self.mode) + 1) % len(MODES)]
        self._update_status(announce=True)

    def _update_status(self, announce: bool = False) -> None:
        docs = ", ".join(self.docs) if self.docs else "all"
        status = f"search: {MODE_WORDS[self.mode]} (ctrl+r) · articles: {docs} (ctrl+d)"
        self.query_one("#status", Static).update(Text(status))
        if announce and self.screen.has_class("-narrow"):  # one column: no status line
            self.notify(status, markup=False, timeout=3)


