"""Widgets of the terminal chat (`qa/app/tui.py`); what they show is built in `tui_text`.

Everything that comes from the corpus is turned into `rich.text.Text` and shown with
`markup=False`, so a passage containing `[116]` or `[bold]` is displayed as printed and never
read as markup.
"""
from __future__ import annotations

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static

from qa.app.render import citation_label  # noqa: F401 - re-exported for callers and tests
from qa.app.tui_text import (  # noqa: F401 - re-exported
    AnswerItem,
    answer_header,
    answer_items,
    citing_text,
    missing_entry,
    evidence_text,
    nearest_line,
    reference_entry,
    references_text,
    span_line,
    study_items,
    styled_passage,
)
from qa.app.tui_studies import more_studies_line, studies_header, study_line, study_listing_text
from qa.models import NOT_FOUND_MESSAGE, Answer, Citation


class ItemLine(Static, can_focus=False):
    """One selectable answer span (or nearest passage) in the chat."""

    def __init__(self, number: int, item: AnswerItem) -> None:
        if item.study is not None:
            super().__init__(study_line(number, item.study), markup=False, classes="item study")
        else:
            super().__init__(span_line(number, item), markup=False, classes="item")
        self.item = item

    def on_click(self) -> None:
        chat = next((a for a in self.ancestors if isinstance(a, Chat)), None)
        if chat is not None:
            chat.select(chat.items().index(self))
            chat.focus()


class AnswerMessage(Vertical):
    """The answer to one question: a sources answer's study table first, then its quotes; or the
    not-found message and nearest passages."""

    def __init__(self, answer: Answer) -> None:
        super().__init__(classes="answer")
        self.answer = answer
        self.studies = study_items(answer)
        self.items = answer_items(answer)

    def compose(self):  # type: ignore[override]
        answer = self.answer
        if self.studies:
            rows = answer.studies
            yield Static(studies_header(rows, len(self.studies)), markup=False)
            for number, item in enumerate(self.studies, 1):
                yield ItemLine(number, item)
            more = more_studies_line(rows, len(self.studies))
            if more is not None:
                yield Static(more, markup=False, classes="more")
        if answer.found and answer.spans:
            # a weak match says so before its quotes, as the CLI does (qa.answer.refusal.caution)
            if answer.caution:
                yield Static(Text(answer.caution, style="italic"), markup=False, classes="caution")
            yield Static(answer_header(answer), markup=False)
            for number, item in enumerate(self.items, 1):
                yield ItemLine(number, item)
            return
        # the chat says itself, on its own line, when a question was read as a follow-up
        reading = f"Read as a follow-up of: {answer.context}" if answer.context else None
        message = "\n".join(line for line in (answer.message or "").splitlines() if line != reading)
        yield Static(Text(message or NOT_FOUND_MESSAGE, style="bold"), markup=False,
                     classes="not-found")
        if answer.passages:  # shown for orientation only: not numbered, not selectable
            yield Static(Text("Nearest passages (not an answer):", style="dim italic"),
                         markup=False, classes="nearest-title")
            for hit in answer.passages[:3]:
                yield Static(nearest_line(hit), markup=False, classes="nearest")


class Chat(VerticalScroll, can_focus=True):
    """The scroll of messages, with a cursor over answer spans and their citations."""

    BINDINGS = [
        # no printable key: typing always goes to the question box (qa/app/tui_typing.py)
        Binding("down", "move(1)", "Next span", show=False),
        Binding("up", "move(-1)", "Prev span", show=False),
        Binding("right", "cite(1)", "Next citation", show=False),
        Binding("left", "cite(-1)", "Prev citation", show=False),
        Binding("enter", "open", "Citing passages", show=False),  # said in References
        Binding("tab,shift+tab,escape", "app.focus('question')", "Typing", show=False),
    ]

    class SelectionChanged(Message):
        def __init__(self, item: AnswerItem | None, citation: int, empty: str = "") -> None:
            super().__init__()
            self.item = item
            self.citation = citation
            self.empty = empty  # what the panes say when nothing is selected

    class StudyOpened(Message):
        def __init__(self, item: AnswerItem) -> None:
            super().__init__()
            self.item = item

    class CitationOpened(Message):
        def __init__(self, item: AnswerItem, citation: Citation) -> None:
            super().__init__()
            self.item = item
            self.citation = citation

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.cursor = -1
        self.citation = 0

    def items(self) -> list[ItemLine]:
        return list(self.query(ItemLine))

    @property
    def selected(self) -> AnswerItem | None:
        items = self.items()
        return items[self.cursor].item if 0 <= self.cursor < len(items) else None

    def select(self, index: int) -> None:
        items = self.items()
        if not items:
            self.cursor = -1
        else:
            self.cursor = max(0, min(index, len(items) - 1))
            for number, line in enumerate(items):
                line.set_class(number == self.cursor, "-selected")
            self.scroll_to_widget(items[self.cursor], animate=False)
        self.citation = 0
        self.post_message(self.SelectionChanged(self.selected, self.citation))

    def on_resize(self) -> None:
        """The text rewraps (a terminal resize, the one-column layout): keep the selected quote
        in view, not whatever answer now sits at the old scroll offset."""
        self.call_after_refresh(self._keep_selection_in_view)

    def _keep_selection_in_view(self) -> None:
        items = self.items()
        if 0 <= self.cursor < len(items):
            self.scroll_to_widget(items[self.cursor], animate=False)

    def clear_selection(self, empty: str = "") -> None:
        self.cursor = -1
        self.citation = 0
        for line in self.items():
            line.remove_class("-selected")
        self.post_message(self.SelectionChanged(None, 0, empty))

    def action_move(self, step: int) -> None:
        self.select(self.cursor + step if self.cursor >= 0 else 0)

    def action_cite(self, step: int) -> None:
        item = self.selected
        if item is None or not item.selectable:
            return
        self.citation = (self.citation + step) % len(item.selectable)
        self.post_message(self.SelectionChanged(item, self.citation))

    def action_open(self) -> None:
        item = self.selected
        if item is not None and item.study is not None:
            self.post_message(self.StudyOpened(item))
        elif item is not None and item.selectable:
            self.post_message(self.CitationOpened(item, item.selectable[self.citation]))


class EvidenceText(Static):
    """The Evidence pane's text. A scrollbar appearing after the pane scrolled to the quote narrows
    the text and rewraps it, leaving the quote a line off: the pane is told to scroll again."""

    class Resized(Message):
        """The text's width changed: the quote's line is found again."""

    def on_resize(self) -> None:
        self.post_message(self.Resized())


class HistoryInput(Input):
    """An Input that recalls earlier questions with up/down, and submits on its own.

    Enter is handled in the field itself, in key order: the value is taken and the field
    emptied before the next key is read, so a second question typed (or pasted) straight after
    the first never merges into it. A pasted text of several lines is several questions: each
    complete line is submitted, the last one stays in the box.
    """

    BINDINGS = [
        Binding("up", "history(-1)", "Previous question", show=False),
        Binding("down", "history(1)", "Next question", show=False),
        Binding("tab", "app.focus('chat')", "Answers", show=False),  # said in the placeholder
    ]

    def __init__(self, **kwargs: object) -> None:
        # coming back to the box never selects its text: the next key would replace it
        kwargs.setdefault("select_on_focus", False)
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.history: list[str] = []
        self._position = 0

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()  # the Input's own enter binding must not submit again
            self.submit_now()

    def _on_paste(self, event: events.Paste) -> None:
        lines = event.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        if len(lines) > 1:
            event.stop()
            event.prevent_default()
            for line in lines[:-1]:
                self.insert_text_at_cursor(line)
                self.submit_now()
            self.insert_text_at_cursor(lines[-1])

    def submit_now(self) -> None:
        """Post the current value as a submission and empty the field (kept in the history)."""
        value = self.value
        self.value = ""
        self.remember(value.strip())
        self.post_message(self.Submitted(self, value))

    def remember(self, question: str) -> None:
        if question and (not self.history or self.history[-1] != question):
            self.history.append(question)
        self._position = len(self.history)

    def action_history(self, step: int) -> None:
        if not self.history:
            return
        self._position = max(0, min(self._position + step, len(self.history)))
        self.value = self.history[self._position] if self._position < len(self.history) else ""
        self.cursor_position = len(self.value)


class CitingScreen(ModalScreen[None]):
    """Every passage of the corpus that cites one reference."""

    BINDINGS = [Binding("escape,enter", "dismiss", "Close")]  # typing closes it too

    def __init__(self, item: AnswerItem, citation: Citation, answerer) -> None:
        super().__init__()
        self.item, self.citation, self.answerer = item, citation, answerer

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="citing-box") as box:
            box.border_title = Text("Passages citing this reference (esc to close)")
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
            content = citing_text(doc_id, citation, entry, passages,
                                  missing_entry(self.item.answer, doc_id, citation))
        except Exception as error:  # noqa: BLE001 - shown to the user, never a crash
            content = Text(f"Could not look up the citing passages: {error}", style="bold red")
        self.app.call_from_thread(self.query_one("#citing", Static).update, content)


class StudyScreen(ModalScreen[None]):
    """One study: its entry, the merge evidence and every sentence of the corpus citing it."""

    BINDINGS = [Binding("escape,enter", "dismiss", "Close")]  # typing closes it too

    def __init__(self, item: AnswerItem) -> None:
        super().__init__()
        self.item = item

    def compose(self) -> ComposeResult:
        assert self.item.study is not None
        with VerticalScroll(id="citing-box") as box:
            box.border_title = Text("Every sentence citing this study (esc to close)")
            yield Static(study_listing_text(self.item.study.study), id="citing", markup=False)
        yield Footer()

    def on_resize(self) -> None:
        self.call_after_refresh(self._rewrap)

    def _rewrap(self) -> None:
        """Wrap the listing at the window's own width (its hanging indents kept)."""
        assert self.item.study is not None
        text = self.query_one("#citing", Static)
        if text.content_region.width > 20:
            text.update(study_listing_text(self.item.study.study, text.content_region.width))
