"""Widgets and text rendering for the terminal chat (`qa/tui.py`).

Everything that comes from the corpus is turned into `rich.text.Text` here and shown with
`markup=False`, so a passage containing `[116]` or `[bold]` is displayed as printed and never
read as markup. The rendering functions are pure so they can be tested without an app.
"""
from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Input, Static

from qa.app.render import citation_label
from qa.models import NOT_FOUND_MESSAGE, Answer, Citation, Hit, Passage, Span

CITATION_STYLE = "bold cyan"
SELECTED_CITATION_STYLE = "bold black on cyan"
HIGHLIGHT_STYLE = "bold black on yellow"


@dataclass(frozen=True)
class AnswerItem:
    """One selectable line of an answer: an answer span, or a nearest passage when not found."""

    answer: Answer
    span: Span | None = None
    hit: Hit | None = None  # the retrieved hit the item comes from, if it was retrieved
    passage: Passage | None = None  # the passage around the item, even when not a hit

    @property
    def doc_id(self) -> str:
        if self.span is not None:
            return self.span.doc_id
        return self.hit.passage.doc_id if self.hit is not None else ""

    @property
    def citations(self) -> list[Citation]:
        """The item's citations, one per key (first label wins), in reading order."""
        raw = self.span.citations if self.span is not None else (
            self.hit.passage.citations if self.hit is not None else []
        )
        seen: set[str] = set()
        unique: list[Citation] = []
        for citation in sorted(raw, key=lambda c: (c.start, c.end)):
            if citation.key not in seen:
                seen.add(citation.key)
                unique.append(citation)
        return unique


def hit_for_span(answer: Answer, span: Span) -> Hit | None:
    """The retrieved passage an answer span was cut from."""
    return next((h for h in answer.passages if h.passage.id == span.passage_id), None)


def answer_items(answer: Answer) -> list[AnswerItem]:
    """The selectable lines of an answer: its spans, or up to 3 nearest passages if not found.

    (`Answer.passages` holds every passage a span was cut from, so each span has its passage.)
    """
    if answer.found and answer.spans:
        items = []
        for span in answer.spans:
            hit = hit_for_span(answer, span)
            passage = hit.passage if hit is not None else None
            items.append(AnswerItem(answer, span=span, hit=hit, passage=passage))
        return items
    return [AnswerItem(answer, hit=hit, passage=hit.passage) for hit in answer.passages[:3]]


def flat(text: str) -> str:
    """Newlines to spaces: same length, so offsets into the text stay valid."""
    return text.replace("\r", " ").replace("\n", " ")


def styled_passage(
    text: str, offset: int, citations: list[Citation], *, highlight: tuple[int, int] | None = None
) -> Text:
    """`text` (which starts at document offset `offset`) with citation labels styled.

    Labels are shown as printed, superscripts as `[n]`; `highlight` (document offsets) is
    painted over the result. The output is a `Text`, so nothing in it is markup.
    """
    labels: dict[tuple[int, int], Citation] = {}
    for citation in citations:
        start, end = citation.start - offset, citation.end - offset
        if 0 <= start < end <= len(text):
            labels.setdefault((start, end), citation)
    out = Text()
    position = 0
    mapping: list[tuple[int, int]] = []  # (source offset, output offset) anchors
    for (start, end), citation in sorted(labels.items()):
        if start < position:
            continue  # overlapping labels: keep the first
        mapping.append((position, len(out)))
        out.append(flat(text[position:start]))
        mapping.append((start, len(out)))
        if citation.style == "superscript":
            out.append(citation_label(citation), style=CITATION_STYLE)
        else:
            out.append(flat(text[start:end]), style=CITATION_STYLE)
        position = end
    mapping.append((position, len(out)))
    out.append(flat(text[position:]))
    mapping.append((len(text), len(out)))
    if highlight is not None:
        lo, hi = highlight[0] - offset, highlight[1] - offset
        lo, hi = max(lo, 0), min(hi, len(text))
        if lo < hi:
            out.stylize(HIGHLIGHT_STYLE, _map(mapping, lo), _map(mapping, hi))
    return out


def _map(anchors: list[tuple[int, int]], source: int) -> int:
    """Source offset to output offset (anchors are ascending; labels may change length)."""
    result = 0
    for src, dst in anchors:
        if src <= source:
            result = dst + (source - src)
        else:
            break
    return result


def reference_entry(answer: Answer, doc_id: str, citation: Citation) -> str | None:
    """The full reference entry for a citation: its own, or the answer's grouped list."""
    if citation.reference:
        return citation.reference
    for reference in answer.references:
        if reference.doc_id == doc_id and reference.key == citation.key and reference.text:
            return reference.text
    return None


def span_line(number: int, item: AnswerItem) -> Text:
    """A chat line: number, text with labels, then where it comes from."""
    line = Text(f"{number}. ", style="bold")
    if item.span is not None:
        line.append_text(styled_passage(item.span.text, item.span.start, item.span.citations))
    elif item.passage is not None:
        passage = item.passage
        line.append_text(styled_passage(passage.text, passage.start, passage.citations))
    where = f"\n   — {item.doc_id}"
    if item.passage is not None and item.passage.section:
        where += f" · {flat(item.passage.section)}"
    line.append(where, style="dim")
    return line


def references_text(item: AnswerItem | None, selected: int) -> Text:
    """The References pane: every key the item cites, with its full entry where known."""
    if item is None:
        return Text("Select an answer span to see its references.", style="dim")
    citations = item.citations
    if not citations:
        return Text("This passage cites no references.", style="dim")
    out = Text()
    for index, citation in enumerate(citations):
        if index:
            out.append("\n\n")
        style = SELECTED_CITATION_STYLE if index == selected else CITATION_STYLE
        out.append(("▶ " if index == selected else "  "))
        out.append(citation_label(citation), style=style)
        out.append(f"  {item.doc_id} · key {citation.key}\n", style="dim")
        entry = reference_entry(item.answer, item.doc_id, citation)
        if entry:
            out.append("  " + flat(entry))
        else:
            out.append(f"  {citation.key}: not in the reference list", style="italic")
    out.append("\n\n←/→ choose a citation · enter: passages citing it", style="dim")
    return out


def _rank(rank: int | None, score: float | None) -> str:
    if rank is None:
        return "—"
    return f"#{rank}" + (f" ({score:.3g})" if score is not None else "")


def evidence_text(item: AnswerItem | None) -> Text:
    """The Evidence pane: the passage with the span highlighted, its place and its ranks."""
    if item is None:
        return Text("Select an answer span to see its passage.", style="dim")
    hit, passage, span = item.hit, item.passage, item.span
    out = Text()
    if passage is None:
        assert span is not None
        out.append(f"{span.doc_id} · the passage is not among the retrieved hits\n\n", style="dim")
        out.append_text(styled_passage(span.text, span.start, span.citations,
                                       highlight=(span.start, span.end)))
        return out
    out.append(f"{passage.doc_id}", style="bold")
    out.append(f" · {flat(passage.section) or '(no section)'} · {passage.kind}\n")
    if hit is not None:
        out.append(f"fused {_rank(hit.rank, hit.score)}"
                   f" · BM25 {_rank(hit.bm25_rank, hit.bm25_score)}"
                   f" · dense {_rank(hit.dense_rank, hit.dense_score)}\n\n", style="dim")
    else:
        out.append("not among the retrieved hits: no ranks\n\n", style="dim")
    highlight = (span.start, span.end) if span is not None else None
    out.append_text(styled_passage(passage.text, passage.start, passage.citations,
                                   highlight=highlight))
    return out


def citing_text(doc_id: str, citation: Citation, entry: str | None,
                passages: list[Passage]) -> Text:
    """Every passage citing one reference, the citation highlighted in each."""
    out = Text()
    out.append(citation_label(citation), style=CITATION_STYLE)
    out.append(f"  {doc_id} · key {citation.key}\n", style="dim")
    out.append((flat(entry) if entry else f"{citation.key}: not in the reference list") + "\n")
    out.append(f"\n{len(passages)} passage(s) cite it:\n", style="bold")
    for passage in passages:
        marks = [(c.start, c.end) for c in passage.citations if c.key == citation.key]
        body = styled_passage(passage.text, passage.start, passage.citations,
                              highlight=marks[0] if marks else None)
        out.append(f"\n{passage.doc_id} · {flat(passage.section)}\n", style="dim")
        out.append_text(body)
        out.append("\n")
    return out


class ItemLine(Static, can_focus=False):
    """One selectable answer span (or nearest passage) in the chat."""

    def __init__(self, number: int, item: AnswerItem) -> None:
        super().__init__(span_line(number, item), markup=False, classes="item")
        self.item = item

    def on_click(self) -> None:
        chat = next((a for a in self.ancestors if isinstance(a, Chat)), None)
        if chat is not None:
            chat.select(chat.items().index(self))
            chat.focus()


class AnswerMessage(Vertical):
    """The answer to one question: its spans, or the not-found message and nearest passages."""

    def __init__(self, answer: Answer) -> None:
        super().__init__(classes="answer")
        self.answer = answer
        self.items = answer_items(answer)

    def compose(self):  # type: ignore[override]
        answer = self.answer
        if answer.found and answer.spans:
            yield Static(Text(f"{len(answer.spans)} span(s) · {answer.kind}", style="dim"),
                         markup=False)
            for number, item in enumerate(self.items, 1):
                yield ItemLine(number, item)
            return
        yield Static(Text(answer.message or NOT_FOUND_MESSAGE, style="bold"), markup=False,
                     classes="not-found")
        if answer.passages:
            yield Static(Text("Nearest passages:", style="dim"), markup=False)
            for number, item in enumerate(self.items, 1):
                yield ItemLine(number, item)


class Chat(VerticalScroll, can_focus=True):
    """The scroll of messages, with a cursor over answer spans and their citations."""

    BINDINGS = [
        Binding("down,j", "move(1)", "Next span", show=False),
        Binding("up,k", "move(-1)", "Prev span", show=False),
        Binding("right,right_square_bracket", "cite(1)", "Next citation", show=False),
        Binding("left,left_square_bracket", "cite(-1)", "Prev citation", show=False),
        Binding("enter,o", "open", "Citing passages"),
        Binding("c", "app.copy_answer", "Copy", show=False),
    ]

    class SelectionChanged(Message):
        def __init__(self, item: AnswerItem | None, citation: int) -> None:
            super().__init__()
            self.item = item
            self.citation = citation

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

    def clear_selection(self) -> None:
        self.cursor = -1
        self.citation = 0
        self.post_message(self.SelectionChanged(None, 0))

    def action_move(self, step: int) -> None:
        self.select(self.cursor + step if self.cursor >= 0 else 0)

    def action_cite(self, step: int) -> None:
        item = self.selected
        if item is None or not item.citations:
            return
        self.citation = (self.citation + step) % len(item.citations)
        self.post_message(self.SelectionChanged(item, self.citation))

    def action_open(self) -> None:
        item = self.selected
        if item is not None and item.citations:
            self.post_message(self.CitationOpened(item, item.citations[self.citation]))


class HistoryInput(Input):
    """An Input that recalls earlier questions with up/down."""

    BINDINGS = [
        Binding("up", "history(-1)", "Previous question", show=False),
        Binding("down", "history(1)", "Next question", show=False),
        Binding("tab", "app.focus('chat')", "Focus chat", show=False),
    ]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.history: list[str] = []
        self._position = 0

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
