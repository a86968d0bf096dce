"""A sentence opening with a connective of elaboration ("More specifically, ...", "In particular, ...") gives
the particulars of the one before it, so a first span is shown with it (`joins.ELABORATION`, part of
`joins.CONTINUATION`; evals/README.md, thirtieth session, "The PDFs' first span: sibling findings and
Methods neighbours")."""
from __future__ import annotations

from qa.answer.joins import CONTINUATION

from conftest import answerer_with


def test_specifying_connectives_continue_the_sentence_before():
    for text in ("More specifically, there was a loss of inner segments.", "Specifically, 6 of 15 genes overlap.",
                 "In particular, the reconstructed protein was thermostable.", "In other words, nothing changed.",
                 "Namely, the two strains differed.", "That is, the cells were not reverted."):
        assert CONTINUATION.match(text), text


def test_the_same_words_opening_a_sentence_of_its_own_do_not():
    for text in ("Specifically designed probes were used.", "In particular cases the dose was lowered.",
                 "That is consistent with earlier work.", "More precise estimates came later."):
        assert not CONTINUATION.match(text), text


def test_a_summary_finding_is_shown_with_its_particulars(pdf_library):
    """"Areas of MH42 LNP-injected retinas contained disrupted retinal morphology corresponding with the loss
    of the PRs" names the damage in the question's words; the next sentence, opening "More specifically,",
    says what it was, and scores too far below it to be joined by its score."""
    settings, index = pdf_library
    question = "Which retinal damage was seen in the mouse retina areas reached by subretinal MH42-LNP injection?"
    first = answerer_with(settings, index).ask(question).spans[0].text
    assert first.startswith("Areas of MH42 LNP")
    assert "loss of PR inner/outer segments" in first
