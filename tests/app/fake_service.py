"""A fake answering service for the TUI tests: real `Answer` objects from one made-up document,
so failure paths, markup-like corpus text and layouts can be forced deterministically."""
from __future__ import annotations

import asyncio
import threading
import time
from typing import Callable

from qa.errors import QAError
from qa.index.analyzer import tokenize
from qa.models import (Answer, AnswerReference, Citation, Hit, IndexStatus, Passage, Span, Study,
                       StudyCitation, StudyRow)
from qa.retrieval.query import needs_context
from qa.app.tui import QAApp
from qa.app.tui_widgets import Chat, HistoryInput


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
    """Answers every question with spans from one made-up document (a study table too when the
    question says "studies"; a follow-up is read with `previous` by the library's own rule)."""

    def __init__(self, state: str = "ready", fail: Exception | None = None,
                 gate: threading.Event | None = None, delay: float = 0.0) -> None:
        self.state = state
        self.fail = fail
        self.gate = gate  # the build waits for it (to type during a build)
        self.delay = delay  # seconds each answer takes (a loaded machine, a slow library)
        self.asked: list[tuple[str, list[str] | None, str]] = []
        self.previous: list[str | None] = []
        self.progress_calls = 0

    def status(self) -> IndexStatus:
        return IndexStatus(documents=1, passages=1, state=self.state, doc_ids=["fake", "other"])

    def ensure_index(self, progress: Callable[[float, str], None]) -> None:
        for step in range(5):
            progress(step / 4, f"step {step}")
            self.progress_calls += 1
            if self.gate is not None:
                self.gate.wait(10)
        self.state = "ready"

    def ask(self, question: str, *, k: int = 10, docs: list[str] | None = None,
            mode: str = "hybrid", previous: str | None = None) -> Answer:
        time.sleep(self.delay)
        self.asked.append((question, docs, mode))
        self.previous.append(previous)
        # the library's own rule for reading a follow-up with the earlier question
        context = previous if previous and needs_context(question, tokenize(question)) else ""
        if self.fail is not None:
            raise self.fail
        if not question.strip():
            raise QAError("empty question")
        if "dose" in question:
            return long_answer(question)
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
        return Answer(question=question, found=found, kind="sources", context=context,
                      spans=spans if found else [], references=refs if found else [],
                      passages=[hit], studies=studies(spans) if found and "studies" in question else [],
                      message="" if found else "The reviews do not answer this.")

    def passages_citing(self, doc_id: str, key: str) -> list[Passage]:
        return [Passage(id="p1", doc_id="fake", section="Results", text=DOC, start=0,
                        end=len(DOC), citations=CITATIONS)]

    def study_entry(self, study_id: str) -> str | None:
        return None  # no study registry: a reference without an entry is shown as the answer gives it


def studies(spans: list[Span]) -> list[StudyRow]:
    """The study table of the fake sources answer: one study with a full entry, one without."""
    liang = Study(id="liang2010", first_author="Liang", year=2010, journal="Ann Rheum Dis",
                  entry=CITATIONS[0].reference, resolved="entry",
                  cited_by=[StudyCitation(doc_id="fake", key="12", label="[12]", count=1,
                                          reference=CITATIONS[0].reference)])
    sun = Study(id="sun2010", first_author="Sun", year=2010, resolved="author_year",
                reason="this article's reference list is not in the extracted text",
                cited_by=[StudyCitation(doc_id="fake", key="Sun 2010", label="(Sun et al., 2010)",
                                        count=1)])
    return [StudyRow(study=liang, citations=["fake [12]"], support=1.0, spans=[0],
                     sentence=spans[0].text, facts={"Disease": "SLE", "No. of patients": "15"}),
            StudyRow(study=sun, citations=["fake (Sun et al., 2010)"], support=0.7, spans=[1],
                     sentence=spans[1].text)]


FILLER = " ".join(f"Culture condition number {n} was kept the same in every arm of the study."
                  for n in range(1, 31))
DOSE = "Patients received 1x106 cells/kg on day one [12]."
LONG = f"{FILLER} {DOSE} Nothing else changed."


def long_answer(question: str) -> Answer:
    """One span at the end of a long passage (the Evidence pane must scroll to it)."""
    start = LONG.index(DOSE)
    label = LONG.index("[12]")
    cite = Citation(key="12", label="[12]", start=label, end=label + 4, style="numeric",
                    reference=CITATIONS[0].reference)
    passage = Passage(id="p2", doc_id="fake", section="Methods", text=LONG, start=0,
                      end=len(LONG), citations=[cite])
    span = Span(text=DOSE, doc_id="fake", passage_id="p2", start=start, end=start + len(DOSE),
                score=1.0, citations=[cite])
    hit = Hit(passage=passage, rank=1, score=0.5, bm25_rank=1, bm25_score=3.0)
    return Answer(question=question, found=True, kind="number", spans=[span],
                  references=[AnswerReference(doc_id="fake", key="12", label="[12]",
                                              text=cite.reference)], passages=[hit])


async def ask(app: QAApp, pilot, question: str) -> None:
    """Type `question`, press enter and wait until it is answered and the chat has settled. Waits
    on the app's state, not on `pilot.press` having handled the key: on a loaded machine the
    press returns before the question reaches the app, and `workers.wait_for_complete()` then
    found no worker to wait for (a snapshot caught "thinking…")."""
    await settled(pilot)
    await pilot.click("#question")
    app.query_one("#question", HistoryInput).value = question
    chat = app.query_one(Chat)
    shown = len(chat.children)
    await pilot.press("enter")
    # every submission shows something in the chat (the question, an error, "Queued: ...")
    await settled(pilot, reached=lambda: len(chat.children) > shown)


async def opened(pilot, window: type) -> None:
    """Wait until a `window` screen (CitingScreen, StudyScreen) is on top with its look-up shown:
    after `press("enter")` the screen may not be pushed yet, nor its worker started, so
    `workers.wait_for_complete()` alone could return before either (the race of `ask`)."""
    await settled(pilot, reached=lambda: isinstance(pilot.app.screen, window))


async def settled(pilot, frames: int = 3, timeout: float = 120.0,
                  reached: Callable[[], bool] = lambda: True) -> None:
    """Wait until the app has nothing in hand and its views have stopped scrolling: `reached()`,
    no worker running, no question being answered or queued, no scroll queued until after layout
    (`layout_pending`), no message waiting in any widget's queue, and every scrollable view's offset unchanged for `frames` pauses in a row
    (a plain scroll waits a refresh or two; a fixed 0.2 s pause once caught the chat one line
    short, in CI). Bounded by time, not by a count of pauses, for a loaded machine."""
    app = pilot.app
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    last, stable = None, 0
    while True:
        await pilot.pause(0.05)  # also lets every widget handle the messages queued so far
        state = tuple((id(w), w.scroll_x, w.scroll_y) for w in app.screen.query("*")
                      if w.is_scrollable)
        busy = (not reached() or any(not worker.is_finished for worker in app.workers)
                or app.busy or app.pending or app.layout_pending > 0
                # a message still on its way (a selection bubbling up to the app, one widget a pause)
                or any(node.message_queue_size for node in (app, *app.screen.walk_children(with_self=True))))
        stable = stable + 1 if state == last and not busy else 0
        if stable >= frames:
            return
        assert loop.time() < deadline, f"the chat did not settle in {timeout:.0f} s"
        last = state
