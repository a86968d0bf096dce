"""A first quote offering no number, whose own sentence cites nothing, offers the number of the sentence joined
before it as its topic when that sentence names at least as much of what is asked (qa.answer.secondary.
joined_before_answers, under `cite_sentence_before`). In a research article the quote "As a positive control, we
observed that SBS9 ... localized at active promoters (Figure 1B) as expected (54). However, when considering the
central section of the gene ..." printed (54) without offering it: the joined sentence scored below
`citation_margin`, and the own sentence ("However, ...") is the authors' finding. The ten-PDF evaluation library
(real PDFs, real index); the question my own wording, not an evaluation question."""
from __future__ import annotations

from conftest import answerer_with

ASKED = "What served as a positive control for detecting localized mutation processes within genes?"


def test_the_joined_sentence_before_offers_its_number(pdf_library) -> None:
    settings, index = pdf_library
    answer = answerer_with(settings, index).ask(ASKED, k=10)
    first = answer.spans[0]
    assert first.text.startswith("As a positive control, we observed that SBS9"), first.text
    assert "However, when considering the central section" in first.text  # the quote's own sentence, uncited
    assert [c.key for c in first.citations] == ["54"]
    assert any(r.key == "54" for r in answer.references)
    # without the rule (cite_sentence_before off) the number is printed in the quote, not offered
    off = answerer_with(settings, index, cite_sentence_before=False).ask(ASKED, k=10)
    assert off.spans[0].text == first.text and not off.spans[0].citations
    assert "54" in [c.key for c in off.spans[0].also_cited]
