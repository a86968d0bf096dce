"""The terminal chat, driven with Textual's Pilot.

Fast tests use a small fake answerer that builds real `Answer` objects (so failure paths and the
literal rendering of markup-like corpus text can be forced); the slow ones run the real
`QAService` on the real index. pytest-asyncio is not installed, so each test runs its coroutine
with `asyncio.run`.
"""
from __future__ import annotations

import asyncio
import importlib.util
import time
from pathlib import Path
from typing import Callable

import pytest
from rich.text import Text
from textual.widgets import Static

from qa.settings import PROJECT_ROOT
from qa.errors import QAError
from qa.models import Answer, AnswerReference, Citation, Hit, IndexStatus, Passage, Span
from qa.app.tui import QAApp, session_screenshot
from qa.app.tui_widgets import (
    AnswerMessage,
    Chat,
    HistoryInput,
    ItemLine,
    citation_label,
    styled_passage,
)

SIZE = (160, 50)
ROOT = PROJECT_ROOT


def shown(app: QAApp, selector: str) -> str:
    """The plain text a Static currently displays."""
    content = app.screen.query_one(selector, Static).content
    return content.plain if isinstance(content, Text) else str(content)


def chat_text(app: QAApp) -> str:
    parts = []
    for widget in app.query_one(Chat).query(Static):
        content = widget.content
        parts.append(content.plain if isinstance(content, Text) else str(content))
    return "\n".join(parts)


# ---- a fake answerer that builds real Answer objects ------------------------------------

DOC = ("MSCs were given to lupus patients [12]. Some cells are [bold]bright[/bold] in "
       "culture (Sun et al., 2010). Others differentiate into chondrocytes.1,2 Done.")


def _cite(label: str, key: str, style: str, reference: str | None = None) -> Citation:
    start = DOC.index(label)
    return Citation(key=key, label=label, start=start, end=start + len(label), style=style,
                    reference=reference)


CITATIONS = [
    _cite("[12]", "12", "numeric", "Liang J, Zhang H, et al. Allogenic MSC transplantation "
          "in refractory SLE. Ann Rheum Dis 2010;69:1423-1429."),
    _cite("(Sun et al., 2010)", "Sun 2010", "author_year"),
    _cite("1,2", "1", "superscript"),
]


def _span(text: str, passage: Passage) -> Span:
    start = DOC.index(text)
    cites = [c for c in passage.citations if start <= c.start and c.end <= start + len(text)]
    return Span(text=text, doc_id="fake", passage_id=passage.id, start=start,
                end=start + len(text), score=1.0, citations=cites)


class FakeAnswerer:
    """Answers every question with spans from one made-up document."""

    def __init__(self, state: str = "ready", fail: Exception | None = None) -> None:
        self.state = state
        self.fail = fail
        self.asked: list[tuple[str, list[str] | None, str]] = []
        self.progress_calls = 0

    def status(self) -> IndexStatus:
        return IndexStatus(documents=1, passages=1, state=self.state, doc_ids=["fake", "other"])

    def ensure_index(self, progress: Callable[[float, str], None]) -> None:
        for step in range(5):
            progress(step / 4, f"step {step}")
            self.progress_calls += 1
        self.state = "ready"

    def ask(self, question: str, *, k: int = 10, docs: list[str] | None = None,
            mode: str = "hybrid") -> Answer:
        self.asked.append((question, docs, mode))
        if self.fail is not None:
            raise self.fail
        if not question.strip():
            raise QAError("empty question")
        passage = Passage(id="p1", doc_id="fake", section="Results", text=DOC, start=0,
                          end=len(DOC), citations=CITATIONS)
        hit = Hit(passage=passage, rank=1, score=0.03, bm25_rank=2, bm25_score=7.5,
                  dense_rank=1, dense_score=0.61)
        spans = [_span("MSCs were given to lupus patients [12].", passage),
                 _span("Some cells are [bold]bright[/bold] in culture (Sun et al., 2010).",
                       passage),
                 _span("Others differentiate into chondrocytes.1,2", passage)]
        refs = [AnswerReference(doc_id="fake", key="12", label="[12]", text=CITATIONS[0].reference),
                AnswerReference(doc_id="fake", key="Sun 2010", label="(Sun et al., 2010)")]
        found = "unanswerable" not in question
        return Answer(question=question, found=found, kind="sources",
                      spans=spans if found else [], references=refs if found else [],
                      passages=[hit],
                      message="" if found else "The reviews do not answer this.")

    def passages_citing(self, doc_id: str, key: str) -> list[Passage]:
        return [Passage(id="p1", doc_id="fake", section="Results", text=DOC, start=0,
                        end=len(DOC), citations=CITATIONS)]


async def _ask(app: QAApp, pilot, question: str) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.click("#question")
    app.query_one("#question", HistoryInput).value = question
    await pilot.press("enter")
    await app.workers.wait_for_complete()
    await pilot.pause()


# ---- pure rendering ---------------------------------------------------------------------

def test_styled_passage_keeps_text_and_brackets_superscripts() -> None:
    text = styled_passage(DOC, 0, CITATIONS)
    assert "[12]" in text.plain and "(Sun et al., 2010)" in text.plain
    assert "chondrocytes.[1,2]" in text.plain  # glued superscript shown as [1,2]
    assert "[bold]bright[/bold]" in text.plain  # never parsed as markup
    highlighted = styled_passage(DOC, 0, CITATIONS, highlight=(DOC.index("Others"), len(DOC)))
    spans = [s for s in highlighted.spans if "yellow" in str(s.style)]
    assert highlighted.plain[spans[0].start:spans[0].end].startswith("Others differentiate")
    assert highlighted.plain[spans[0].start:spans[0].end].endswith("[1,2] Done.")


# ---- the app with the fake answerer ------------------------------------------------------

def test_answer_references_evidence_and_navigation() -> None:
    async def run() -> None:
        app = QAApp(answerer=FakeAnswerer())
        async with app.run_test(size=SIZE) as pilot:
            await _ask(app, pilot, "Which sources?")
            assert "MSCs were given to lupus patients [12]." in chat_text(app)
            assert "Liang J" in shown(app, "#references")
            first = shown(app, "#evidence")
            assert "Results" in first and "BM25 #2" in first and "dense #1" in first
            await pilot.press("tab")  # focus moves from the input to the chat
            assert isinstance(app.focused, Chat)
            await pilot.press("down")
            assert "Sun 2010: not in the reference list" in shown(app, "#references")
            await pilot.press("j")
            assert "[1,2]" in shown(app, "#references")
            await pilot.press("up")
            assert app.query_one(Chat).cursor == 1
            await pilot.press("c")
            assert app.clipboard.startswith("Q: Which sources?")
            assert "Liang J" in app.clipboard and "MSCs were given" in app.clipboard
            await pilot.press("k", "enter")  # open the citation's citing passages
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert "1 passage(s) cite it" in shown(app, "#citing")
            await pilot.press("escape")
            assert app.query_one(Chat).cursor == 0

    asyncio.run(run())


def test_markup_like_corpus_text_is_literal() -> None:
    async def run() -> None:
        app = QAApp(answerer=FakeAnswerer())
        async with app.run_test(size=SIZE) as pilot:
            await _ask(app, pilot, "Which sources?")
            assert "[bold]bright[/bold]" in chat_text(app)
            assert "[bold]bright[/bold]" in shown(app, "#evidence")
            assert "[bold]bright[/bold]" in app.export_screenshot().replace("&#160;", " ")

    asyncio.run(run())


def test_errors_become_messages() -> None:
    async def run() -> None:
        answerer = FakeAnswerer(fail=RuntimeError("boom"))
        app = QAApp(answerer=answerer)
        async with app.run_test(size=SIZE) as pilot:
            await _ask(app, pilot, "   ")
            assert "Type a question first." in chat_text(app)
            assert answerer.asked == []
            await _ask(app, pilot, "Which sources?")
            assert "Unexpected error: RuntimeError: boom" in chat_text(app)
            answerer.fail = QAError("question too long")
            await _ask(app, pilot, "Which sources?")
            assert "question too long" in chat_text(app)
            assert not app.query_one("#question", HistoryInput).disabled
            assert app.is_running

    asyncio.run(run())


def test_not_found_shows_message_and_nearest_passages() -> None:
    async def run() -> None:
        app = QAApp(answerer=FakeAnswerer())
        async with app.run_test(size=SIZE) as pilot:
            await _ask(app, pilot, "an unanswerable question")
            assert "The reviews do not answer this." in chat_text(app)
            assert "Nearest passages" in chat_text(app)
            assert len(app.query(ItemLine)) == 1
            assert "fused #1" in shown(app, "#evidence")

    asyncio.run(run())


def test_history_clear_filter_and_mode() -> None:
    async def run() -> None:
        answerer = FakeAnswerer()
        app = QAApp(answerer=answerer, docs=["fake"], mode="bm25")
        async with app.run_test(size=SIZE) as pilot:
            await _ask(app, pilot, "first question")
            await _ask(app, pilot, "second question")
            assert answerer.asked[0] == ("first question", ["fake"], "bm25")
            field = app.query_one("#question", HistoryInput)
            await pilot.press("up")
            assert field.value == "second question"
            await pilot.press("up")
            assert field.value == "first question"
            await pilot.press("down", "down")
            assert field.value == ""
            await pilot.press("ctrl+d")
            assert app.docs == ["other"]
            await pilot.press("ctrl+d")
            assert app.docs is None and "documents: all" in shown(app, "#status")
            await pilot.press("ctrl+r")
            assert app.mode == "dense" and "mode: dense" in shown(app, "#status")
            await pilot.press("ctrl+l")
            await pilot.pause()
            assert not app.query(AnswerMessage)
            assert "Select an answer span" in shown(app, "#evidence")

    asyncio.run(run())


def test_missing_index_is_built_with_progress() -> None:
    async def run() -> None:
        answerer = FakeAnswerer(state="missing")
        app = QAApp(answerer=answerer)
        async with app.run_test(size=SIZE) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert answerer.progress_calls == 5
            assert app.ready and "index ready" in app.sub_title
            assert "building it now" in chat_text(app)

    asyncio.run(run())


def test_broken_index_is_reported_not_raised() -> None:
    class Broken(FakeAnswerer):
        def status(self) -> IndexStatus:
            raise QAError("index is corrupt: bad header")

    async def run() -> None:
        app = QAApp(answerer=Broken())
        async with app.run_test(size=SIZE) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert "bad header" in chat_text(app)
            await _ask(app, pilot, "Which sources?")
            assert "Cannot answer: the index is not available" in chat_text(app)

    asyncio.run(run())


def _entry_point():
    spec = importlib.util.spec_from_file_location("tui_entry", ROOT / "tui.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("argv", [["--doc", "no-such-review"], ["--mode", "fuzzy"], ["--bogus"]])
def test_bad_arguments_give_one_line_and_nonzero_exit(argv: list[str], capsys) -> None:
    try:
        code = _entry_point().main(argv)
    except SystemExit as exit_:
        code = exit_.code
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("tui.py: ") and err.count("\n") == 1


# ---- the real answerer on the real index --------------------------------------------------

def _rendered(app: QAApp, selector: str) -> tuple[str, list[tuple[int, int, str]]]:
    """A pane's text and styling, so a moved highlight counts as a change."""
    content = app.screen.query_one(selector, Static).content
    assert isinstance(content, Text)
    return content.plain, [(s.start, s.end, str(s.style)) for s in content.spans]


@pytest.mark.slow
def test_real_answer_with_citations_references_and_navigation() -> None:
    async def run() -> None:
        app = QAApp()
        async with app.run_test(size=SIZE) as pilot:
            started = time.perf_counter()
            await app.workers.wait_for_complete()
            await pilot.pause()
            print(f"\nstart-up until ready: {time.perf_counter() - started:.2f}s")
            assert app.ready, chat_text(app)
            asked = time.perf_counter()
            await _ask(app, pilot, "Which sources were used for SLE?")
            print(f"answer: {time.perf_counter() - asked:.2f}s")
            answer = app.query_one(AnswerMessage).answer
            assert answer.found and answer.spans
            on_screen = chat_text(app)
            for span in answer.spans:  # every span is shown, with its labels as printed
                shown_span = styled_passage(span.text, span.start, span.citations).plain
                assert " ".join(shown_span.split()) in " ".join(on_screen.split())
                assert all(citation_label(c) in shown_span for c in span.citations)
            # walk every span and citation: the panes follow, and [116] shows its entry
            await pilot.press("tab")
            seen_references, seen_evidence = [], []
            for _ in answer.spans:
                seen_evidence.append(_rendered(app, "#evidence"))
                for _ in range(max(1, len(app.query_one(Chat).selected.citations))):
                    seen_references.append(shown(app, "#references"))
                    await pilot.press("right")
                await pilot.press("down")
            assert len(set(map(str, seen_evidence))) > 1  # down changes the Evidence pane
            await pilot.press("up")
            assert _rendered(app, "#evidence") == seen_evidence[-2]
            with_116 = [r for r in seen_references if "▶ [116]" in r]
            assert with_116 and all("Liang" in r for r in with_116)
            # open the selected citation: every passage citing it is listed
            chat = app.query_one(Chat)
            citation = chat.selected.citations[chat.citation]
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            listing = shown(app, "#citing")
            assert "passage(s) cite it" in listing and not listing.startswith("0 ")
            assert citation.key in listing
            await pilot.press("escape")

    asyncio.run(run())


@pytest.mark.slow
def test_real_session_screenshot(tmp_path: Path) -> None:
    """The screenshot path used for docs/tui.svg renders a real answered session."""
    app = QAApp()
    path, selected = asyncio.run(session_screenshot(app, "Which sources were used for SLE?",
                                                    tmp_path / "tui.svg"))
    svg = path.read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "References" in svg and "Evidence" in svg
    assert "index&#160;ready" in svg
    assert selected is not None and selected.span is not None
    opening = [w for w in selected.span.text.split() if w.isalpha()][:3]
    assert "&#160;".join(opening) in svg  # the selected span is on screen
