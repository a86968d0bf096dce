"""User trial 35: a quote of a review that prints no reference list (figueroa2012) showed "has no
reference list entry for it" in the chat's References pane, its copy and its citing window, while
the CLI names the other review's entry of the same study ("the same study as kim2013 [86]") and
the library's study registry holds that entry. The chat now shows the reason and the linked entry.
Pilot on the real index for what a person sees; the pure helpers on hand-made answers."""
from __future__ import annotations

import asyncio

from conftest import last_answer, shown, started_app
from fake_service import FakeAnswerer, ask, opened
from qa.app.tui_text import missing_entry, with_linked_entries
from qa.app.tui_widgets import Chat, CitingScreen
from qa.models import Answer, AnswerReference, Citation

SIZE = (160, 50)
LE_BLANC = "Le Blanc K, Frassoni F, Ball L, et al. Mesenchymal stem cells for treatment of steroid-resistant"


def test_real_author_year_citation_shows_the_linked_entry_of_another_review() -> None:
    """figueroa2012's (Le Blanc et al., 2008) is kim2013 [86] (author and year agree): the pane,
    the copied quote and the citing window give that entry, not 'no reference list entry'."""
    async def run() -> None:
        async with started_app(size=SIZE) as (app, pilot):
            await ask(app, pilot, "What response rate did Le Blanc's phase II GVHD trial report?")
            answer = last_answer(app)
            assert answer.spans[0].doc_id == "figueroa2012" and "70% initial response" in answer.spans[0].text
            pane = " ".join(shown(app, "#references").split())
            assert "(Le Blanc et al., 2008) cited in figueroa2012" in pane
            assert "the same study as kim2013 [86]: " + LE_BLANC in pane
            assert "has no reference list entry" not in pane
            await pilot.press("ctrl+y")
            assert "the same study as kim2013 [86]: " + LE_BLANC in " ".join(app.clipboard.split())
            await pilot.press("tab", "enter")  # every passage of figueroa2012 citing it
            await opened(pilot, CitingScreen)
            citing = " ".join(shown(app, "#citing").split())
            assert LE_BLANC in citing and "of figueroa2012 cite" in citing

    asyncio.run(run())


def test_real_key_without_any_entry_says_why() -> None:
    """A study no review lists (figueroa2012's Sun et al., 2009) says why there is no entry,
    as the CLI does, instead of the bare 'no reference list entry'."""
    async def run() -> None:
        async with started_app(size=SIZE) as (app, pilot):
            await ask(app, pilot, "What happened to disease activity in the first four lupus patients "
                                  "Sun treated with MSCs?")
            pane = " ".join(shown(app, "#references").split())
            assert pane.startswith("▶ Sun et al. cited in figueroa2012")
            assert "no full entry: this article's reference list is not in the extracted text" in pane

    asyncio.run(run())


def _answer(reference: AnswerReference) -> Answer:
    return Answer(question="q?", found=True, kind="fact", references=[reference])


def test_with_linked_entries_adds_the_registry_entry_only_where_there_is_none() -> None:
    linked = AnswerReference(doc_id="a", key="Sun 2010", label="Sun et al., 2010", study="sun2010",
                             reason="no entry in this article's text; the same study as b [117]")
    listed = AnswerReference(doc_id="b", key="117", label="[117]", text="Sun L. Entry.", study="sun2010")
    answer = Answer(question="q?", found=True, kind="fact", references=[linked, listed])
    out = with_linked_entries(answer, lambda study: "Sun L, Wang D. Umbilical\ncord. 2010." if study == "sun2010" else None)
    assert out.references[0].reason == ("no entry in this article's text; the same study as b [117]: "
                                         "Sun L, Wang D. Umbilical cord. 2010.")
    assert out.references[1] == listed  # an entry of its own stays as it is
    assert with_linked_entries(answer, lambda study: None) is answer  # nothing linked: unchanged
    unlinked = _answer(AnswerReference(doc_id="a", key="X 2001", label="X, 2001"))
    assert with_linked_entries(unlinked, lambda study: "entry") is unlinked


def test_missing_entry_falls_back_to_the_plain_sentence() -> None:
    citation = Citation(key="Sun 2010", label="(Sun et al., 2010)", start=0, end=18, style="author_year")
    with_reason = _answer(AnswerReference(doc_id="a", key="Sun 2010", label="Sun et al., 2010",
                                          reason="why\nnot"))
    assert missing_entry(with_reason, "a", citation) == "no full entry: why not"
    assert missing_entry(_answer(AnswerReference(doc_id="a", key="Y 1999", label="Y")), "a", citation) \
        == "a has no reference list entry for it"


def test_a_service_without_study_entries_still_answers() -> None:
    """A service whose registry gives no entry (the stub's `study_entry` gives None) answers as
    before: the references are shown as the answer gives them."""
    async def run() -> None:
        async with started_app(FakeAnswerer(), size=(160, 45)) as (app, pilot):
            await ask(app, pilot, "Which sources were used for lupus?")
            assert app.query_one(Chat).selected is not None
            assert "[12]" in shown(app, "#references")

    asyncio.run(run())
