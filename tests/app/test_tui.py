"""The terminal chat, driven with Textual's Pilot.

Fast tests use a small fake answerer that builds real `Answer` objects (so failure paths and the
literal rendering of markup-like corpus text can be forced); the slow ones run the real
`QAService` on the real index. pytest-asyncio is not installed, so each test runs its coroutine
with `asyncio.run`.
"""
from __future__ import annotations

import asyncio
import html
import importlib.util
import re
import time
from pathlib import Path

import pytest
from rich.text import Text
from textual.widgets import Static

from qa.settings import PROJECT_ROOT
from qa.errors import QAError
from qa.models import IndexStatus
from qa.app.tui import QAApp
from qa.app.tui_session import session_screenshot
from qa.app.tui_widgets import (
    AnswerMessage,
    Chat,
    CitingScreen,
    HistoryInput,
    ItemLine,
    citation_label,
    styled_passage,
)

SIZE = (160, 50)
ROOT = PROJECT_ROOT


from conftest import chat_text, last_answer, last_message, shown, started_app  # noqa: E402
from fake_service import CITATIONS, DOC, FakeAnswerer, ask as _ask, opened  # noqa: E402


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
        async with started_app(FakeAnswerer(), size=SIZE) as (app, pilot):
            await _ask(app, pilot, "Which sources?")
            assert "MSCs were given to lupus patients [12]." in chat_text(app)
            assert "Liang J" in shown(app, "#references")
            first = shown(app, "#evidence")
            assert "Results" in first and "word match: 2" in first and "meaning match: 1" in first
            await pilot.press("tab")  # focus moves from the input to the chat
            assert isinstance(app.focused, Chat)
            await pilot.press("down")
            assert "fake has no reference list entry for it" in shown(app, "#references")
            await pilot.press("down")
            assert "[1]  cited in fake" in shown(app, "#references")  # the entry's number, not the group's
            await pilot.press("up")
            assert app.query_one(Chat).cursor == 1
            await pilot.press("ctrl+y")  # copies the selected quote with its reference
            assert app.clipboard.startswith("“Some cells are [bold]bright[/bold]")
            assert "(Sun et al., 2010)" in app.clipboard and "MSCs were given" not in app.clipboard
            await pilot.press("up", "enter")  # open the citation's citing passages
            await opened(pilot, CitingScreen)
            assert "1 passage of fake cites it" in shown(app, "#citing")
            await pilot.press("escape")
            assert app.query_one(Chat).cursor == 0

    asyncio.run(run())


def test_markup_like_corpus_text_is_literal() -> None:
    async def run() -> None:
        async with started_app(FakeAnswerer(), size=SIZE) as (app, pilot):
            await _ask(app, pilot, "Which sources?")
            assert "[bold]bright[/bold]" in chat_text(app)
            assert "[bold]bright[/bold]" in shown(app, "#evidence")
            assert "[bold]bright[/bold]" in app.export_screenshot().replace("&#160;", " ")

    asyncio.run(run())


def test_errors_become_messages() -> None:
    async def run() -> None:
        answerer = FakeAnswerer(fail=RuntimeError("boom"))
        async with started_app(answerer, size=SIZE) as (app, pilot):
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
        async with started_app(FakeAnswerer(), size=SIZE) as (app, pilot):
            await _ask(app, pilot, "an unanswerable question")
            assert "The reviews do not answer this." in chat_text(app)
            assert "Nearest passages (not an answer)" in chat_text(app)
            assert len(app.query(ItemLine)) == 0  # nothing to select: not an answer
            assert len(app.query(".nearest")) == 1
            assert app.query_one(Chat).cursor == -1
            for pane in ("#references", "#evidence"):
                assert shown(app, pane).startswith("No answer"), shown(app, pane)
            await pilot.press("tab", "down", "ctrl+y")  # arrows select nothing; copy takes the answer
            assert app.query_one(Chat).cursor == -1
            assert "Nearest passages (not an answer)" in app.clipboard

    asyncio.run(run())


def test_history_clear_filter_and_mode() -> None:
    async def run() -> None:
        answerer = FakeAnswerer()
        async with started_app(answerer, docs=["fake"], mode="bm25", size=SIZE) as (app, pilot):
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
            assert app.docs is None and "articles: all" in shown(app, "#status")
            await pilot.press("ctrl+r")
            assert app.mode == "dense" and "search: meaning only" in shown(app, "#status")
            await pilot.press("ctrl+l")
            await pilot.pause()
            assert not app.query(AnswerMessage)
            assert "Select an answer span" in shown(app, "#evidence")

    asyncio.run(run())


def test_missing_index_is_built_with_progress() -> None:
    async def run() -> None:
        answerer = FakeAnswerer(state="missing")
        async with started_app(answerer, size=SIZE) as (app, pilot):
            assert answerer.progress_calls == 5
            assert app.ready and "index ready" in app.sub_title
            assert "building it now" in chat_text(app)

    asyncio.run(run())


def test_broken_index_is_reported_not_raised() -> None:
    class Broken(FakeAnswerer):
        def status(self) -> IndexStatus:
            raise QAError("index is corrupt: bad header")

    async def run() -> None:
        async with started_app(Broken(), size=SIZE) as (app, pilot):
            assert "bad header" in chat_text(app)
            await _ask(app, pilot, "Which sources?")
            assert "Cannot answer “Which sources?”: the index is not available" in chat_text(app)

    asyncio.run(run())


def _entry_point():
    spec = importlib.util.spec_from_file_location("tui_entry", ROOT / "tui.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("argv", [["--doc", "no-such-review"], ["--mode", "fuzzy"], ["--bogus"],
                                  ["--screenshot", "x.svg", "--size", "10x4"], ["--size", "wide"]])
def test_bad_arguments_give_one_line_and_nonzero_exit(argv: list[str], capsys) -> None:
    try:
        code = _entry_point().main(argv)
    except SystemExit as exit_:
        code = exit_.code
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("tui.py: ") and err.count("\n") == 1


@pytest.mark.slow
def test_screenshot_size_is_an_option(tmp_path, capsys) -> None:
    """User trial 21: `tui.py --screenshot` ignored COLUMNS=100; a narrower picture needed Pilot."""
    import re

    shots = {}
    for size in ("100x40", "160x50"):
        path = tmp_path / f"{size}.svg"
        assert _entry_point().main(["--screenshot", str(path), "--size", size, "--question",
                                    "Were MSCs tried in multiple sclerosis?"]) == 0
        shots[size] = float(re.search(r'viewBox="0 0 ([\d.]+)', path.read_text(encoding="utf-8")).group(1))
    assert shots["100x40"] < shots["160x50"] * 0.7


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
            # walk every span and citation (after the study table): the panes follow, and [116]
            # shows its entry
            await pilot.press("tab")
            studies = sum(1 for line in app.query_one(Chat).items() if line.item.study is not None)
            assert studies  # a sources answer leads with its studies
            for _ in range(studies):
                await pilot.press("down")
            assert app.query_one(Chat).selected.span is answer.spans[0]
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
            await opened(pilot, CitingScreen)
            listing = shown(app, "#citing")
            assert re.search(r"\n[1-9]\d* passages? of \w+ cites? it", listing), listing
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
    assert selected is not None and selected.study is not None  # a sources answer: its first study
    study = selected.study.study
    assert f"{study.first_author}&#160;{study.year}" in svg and "Studies&#160;the&#160;answer" in svg
    opening = study.entry.split()[:3]  # the selected study's full entry is on screen
    assert "&#160;".join(html.escape(w, quote=False) for w in opening) in svg


@pytest.mark.slow
def test_real_answer_readable_at_80x24() -> None:
    """At 80×24 the first quote and its reference entry are on screen without scrolling."""
    from test_tui_behaviour import folded, screen_text

    async def run() -> None:
        async with started_app(size=(80, 24)) as (app, pilot):
            await _ask(app, pilot, "How many patients were in the Yang et al. myocardial "
                                   "infarction trial, and how were the cells delivered?")
            await pilot.pause(0.2)
            answer = app.query_one(AnswerMessage).answer
            first = answer.spans[0]
            screen = folded(screen_text(app))
            shown_span = styled_passage(first.text, first.start, first.citations).plain
            assert " ".join(shown_span.split()) in screen
            entries = [c.reference for c in first.citations if c.reference]
            assert entries and " ".join(entries[0].split()) in screen

    asyncio.run(run())


# The SLE trials of issue 12: (first author, journal, the review key that has the full entry)
SLE_TRIALS = [("Liang", "Ann Rheum Dis", "kim2013 [116]"), ("Sun", "Arthritis Rheum", "kim2013 [117]"),
              ("Carrion", "Lupus", "kim2013 [119]")]


@pytest.mark.slow
@pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=["80x24", "160x45"])
def test_real_sources_answer_leads_with_the_study_table_on_the_first_screen(size) -> None:
    """On the first screen, without scrolling: the SLE trials with their full entries and the
    reviews citing each (as `qa ask` leads with); the verbatim quotes follow in the chat."""
    from test_tui_behaviour import folded, screen_text

    async def run() -> None:
        async with started_app(size=size) as (app, pilot):
            await _ask(app, pilot, "Which sources were used for SLE?")
            await pilot.pause(0.2)
            answer = app.query_one(AnswerMessage).answer
            chat = app.query_one(Chat)
            region = chat.region  # the chat's part of the screen only (two columns at 160)
            lines = screen_text(app).splitlines()[region.y:region.bottom]
            screen = folded("\n".join(line[region.x:region.right] for line in lines))
            for author, journal, key in SLE_TRIALS:
                row = next(r for r in answer.studies
                           if r.study.first_author == author and r.study.journal == journal)
                assert row.study.entry and " ".join(row.study.entry.split()) in screen, (author, screen)
                citing = " — " + ", ".join(row.citations)
                assert key in row.citations
                assert f"{author} {row.study.year}{citing}" in screen, (author, screen)
            for author in ("Sun", "Carrion"):  # the author-year review's key merged into the study
                row = next(r for r in answer.studies if r.study.first_author == author and r.study.entry)
                assert any(c.startswith("figueroa2012 (") for c in row.citations)
            # the first study is selected; the quotes stay available below it
            assert chat.selected is not None and chat.selected.study is answer.studies[0]
            assert len(chat.items()) == min(len(answer.studies), 8) + len(answer.spans)
            await pilot.press("tab", "enter")  # every sentence citing the selected study
            await pilot.pause()
            assert answer.studies[0].study.id in shown(app, "#citing")
            await pilot.press("escape")

    asyncio.run(run())


def test_real_answer_lists_the_numbers_a_quote_prints_but_does_not_offer() -> None:
    """User trial 4: a quote printing "[126]" that it does not offer as a source showed no entry
    for it anywhere. The References pane of such a quote lists it under "Also printed in this
    quote", with its full entry, apart from the quote's own citations."""
    async def run() -> None:
        async with started_app(size=SIZE) as (app, pilot):
            assert app.ready, chat_text(app)
            await _ask(app, pilot, "Which studies reported MSCs for liver cirrhosis and how many patients?")
            answer = app.query_one(AnswerMessage).answer
            assert answer.found and any(span.also_cited for span in answer.spans)
            await pilot.press("tab")
            panes = []
            for _ in answer.spans:
                panes.append((app.query_one(Chat).selected.span, shown(app, "#references")))
                await pilot.press("down")
            others = {(r.doc_id, r.key): r.text for r in answer.other_references}
            for span, pane in panes:
                if span is None or not span.also_cited:
                    continue
                own, _, also = pane.partition("Also printed in this quote")
                assert also, pane
                for citation in span.also_cited:
                    assert citation.label in also, (citation.label, pane)
                    entry = others.get((span.doc_id, citation.key))
                    if entry:
                        assert " ".join(entry.split())[:40] in " ".join(also.split())

    asyncio.run(run())


@pytest.mark.slow
def test_real_weak_match_is_said_above_its_quotes() -> None:
    """User trial 6: near misses were answered with confident-looking quotes. In the chat, as in
    the CLI, an answer in the refusal model's weakest reliability bin says so above its quotes;
    a strong answer does not."""
    from qa.answer.refusal import caution
    from qa.settings import Settings

    share = Settings.from_env().answer.caution_share
    said: list[bool] = []

    async def run() -> None:
        async with started_app(size=SIZE) as (app, pilot):
            for question in ("What is the recommended IV MSC dose for Crohn's disease?",
                             "How many patients were in the Yang et al. myocardial infarction trial?"):
                await _ask(app, pilot, question)
                await pilot.pause(0.2)
                message = last_message(app)
                expected = caution(message.answer.confidence, share)
                notes = [w for w in message.query(Static) if "caution" in w.classes]
                assert bool(notes) == bool(expected), (question, message.answer.confidence)
                if expected:  # (other cautions may follow: "No quote states a dose", user trial 32)
                    assert notes[0].content.plain.startswith(expected)
                said.append(bool(notes))

    asyncio.run(run())
    assert said == [True, False]  # the Crohn's dose is a near miss (0.29 at the last fit); Yang is not


@pytest.mark.slow
def test_real_copies_keep_the_caution_and_ctrl_o_copies_the_whole_answer() -> None:
    """User trial 23: a quote is always selected after an answer, so ctrl+y never copied the whole
    answer, and the copied quote dropped the answer's caution (a slide lost the warning)."""
    async def run() -> None:
        async with started_app(size=SIZE) as (app, pilot):
            await _ask(app, pilot, "what dose of MSCs was given in the Hare MI trial?")
            answer = last_answer(app)
            assert "No quote states a dose" in answer.caution and len(answer.spans) > 1
            await pilot.press("ctrl+y")
            quote = app.clipboard
            assert quote.startswith(f"“{' '.join(answer.spans[0].text.split())}”")
            assert "caution: " in quote and "No quote states a dose" in quote
            assert " ".join(answer.spans[1].text.split()) not in quote
            await pilot.press("ctrl+o")
            whole = app.clipboard
            assert whole.startswith("Q: what dose of MSCs was given in the Hare MI trial?")
            assert "No quote states a dose" in " ".join(whole.split())
            for span in answer.spans:  # every quote of the answer, as `qa ask` prints it
                assert " ".join(span.text.split())[:60] in " ".join(whole.split())

    asyncio.run(run())


@pytest.mark.slow
def test_real_quotes_of_an_added_article_name_its_first_author_and_year(pdf_library) -> None:
    """User trial 23: the chat named an added PDF by its file-name id only ('from
    10.3390_cancers14194849'), where the CLI's "Articles quoted" gave "Bawaneh A et al. ... 2022".
    The metadata is what `qa add` reads from the PDF; the reviews' ids already say it (kim2013)."""
    from conftest import PDF_DIR, answerer_with, read_once
    from qa.app.tui_text import AnswerItem, span_copy_text, span_line
    from qa.models import DocumentMeta

    doc_id = "10.3390_cancers14194849"
    pdf = read_once(PDF_DIR / f"{doc_id}.pdf")
    meta = DocumentMeta(id=doc_id, file=f"{doc_id}.txt", authors=pdf.authors, year=pdf.year)
    assert meta.authors[0].startswith("Bawaneh") and meta.year == 2022
    answer = answerer_with(*pdf_library).ask("What dose of doxorubicin was injected into the tumour-bearing mice?",
                                             docs=[doc_id])
    answer = answer.model_copy(update={"documents": [meta]})
    item = AnswerItem(answer=answer, span=answer.spans[0])
    assert span_line(1, item).plain.splitlines()[-1].startswith(f"   — from {doc_id} (Bawaneh et al. 2022)")
    assert f"— from {doc_id} (Bawaneh et al. 2022)" in span_copy_text(item)
    import qa

    review = qa.ask("Which sources were used for SLE?")
    kim = next(s for s in review.spans if s.doc_id == "kim2013")
    assert span_line(1, AnswerItem(answer=review, span=kim)).plain.splitlines()[-1] == "   — from kim2013"


def test_an_unreadable_index_is_not_called_corrupt(tmp_path: Path) -> None:
    """User trial 25: an unreadable `CURRENT` was shown as "The index is corrupt (...); building it
    now." It is not damaged and is not rebuilt: the chat names the file and why it cannot be read.
    (A real service on a real folder; `CURRENT` is a link to itself, which root cannot read either.)"""
    from qa.app.service import QAService
    from qa.settings import Settings

    index_dir = tmp_path / "index"
    index_dir.mkdir()
    (index_dir / "CURRENT").symlink_to("CURRENT")
    service = QAService(Settings(corpus_dir=PROJECT_ROOT / "corpus", index_dir=index_dir))
    assert service.status().state == "unavailable"

    async def run() -> None:
        async with started_app(service, size=SIZE) as (app, pilot):
            text = chat_text(app)
            assert "corrupt" not in text and "building it now" not in text, text
            assert f"cannot read {index_dir / 'CURRENT'} (the index's build pointer)" in text, text
            assert app.sub_title == "index unavailable"

    asyncio.run(run())
