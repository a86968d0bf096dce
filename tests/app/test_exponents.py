"""Powers of ten whose superscript exponent was lost in the PDF text are shown with their
likely reading and a marker, for display only (spans keep the verbatim text and offsets)."""
from __future__ import annotations

import pytest

from qa.app.exponents import display_text, find_lost_exponents
from qa.app.render import answer_text
from qa.app.schema import answer_out
from qa.models import Answer, Span


@pytest.mark.parametrize("printed,reading", [
    ("1x106 cells", "1×10⁶"), ("2 × 10 7 cells/kg", "2×10⁷"), ("1.28 × 109 cells", "1.28×10⁹"),
    ("0.5×106/kg", "0.5×10⁶"), ("5 X 1012 particles", "5×10¹²"), ("a 1 × 10-3 M solution", "1×10⁻³"),
])
def test_lost_exponents_are_read_and_marked(printed: str, reading: str):
    [found] = find_lost_exponents(printed)
    shown = display_text(printed)
    assert f"{reading} [printed '{found.printed}']" in shown
    assert printed[found.start:found.end] == found.printed


@pytest.mark.parametrize("text", [
    "1 × 10⁶ cells", "10^6 cells", "a 10-fold rise", "IL-10 6 days", "1 × 100 mg", "2 x 10 mice",
    "96 x 10 mm plates", "1x10 wells", "CD105 and CD73", "3 × 1005 units",
])
def test_correct_or_other_numbers_are_left_alone(text: str):
    assert find_lost_exponents(text) == [] and display_text(text) == text


def test_real_corpus_has_lost_exponents_and_they_stay_verbatim_in_spans(index):
    found = [(p, r) for p in index.passages for r in find_lost_exponents(p.text, p.start)]
    assert found  # the reviews do print doses this way
    for passage, restored in found:
        assert passage.text[restored.start - passage.start:restored.end - passage.start] == restored.printed
    passage, restored = found[0]
    span = Span(text=passage.text, doc_id=passage.doc_id, passage_id=passage.id,
                start=passage.start, end=passage.end, score=1.0)
    answer = Answer(question="q", found=True, kind="number", spans=[span])
    data = answer_out(answer).to_dict()["spans"][0]
    assert data["text"] == passage.text  # verbatim
    assert restored.reading in data["display_text"] and data["notes"]
    assert f"{restored.reading} [printed" in " ".join(answer_text(answer).split())


def test_superscript_citation_after_a_unit_is_shown_as_a_citation(pdf_texts):
    """User trial 5: 'grows optimally at around 20 °C²' (Nature Communications, citation 2) read
    as a power in the CLI. Superscript citations are shown as their bracketed label, in plain
    digits, as the TUI shows them; the span's text and offsets stay verbatim."""
    from qa.evaluation.pdf_citation_eval import ingest_text

    doc = ingest_text("natcomms", pdf_texts["10.1038_s41467-024-44806-1"].text)
    start = doc.text.index("As a control for AncEF-1A")
    end = doc.text.index("The structural model of AncEF-1A", start)
    cites = [c for c in doc.citations if start <= c.start < end]
    span = Span(text=doc.text[start:end], doc_id="natcomms", passage_id="p", start=start, end=end,
                score=1.0, citations=cites)
    assert "20 °C²." in span.text and [c.key for c in cites] == ["2"]
    for brief in (False, True):
        out = " ".join(answer_text(Answer(question="q", found=True, kind="fact", spans=[span]), brief=brief).split())
        assert "grows optimally at around 20 °C[2]." in out, out
        assert "°C²" not in out
    assert answer_out(Answer(question="q", found=True, kind="fact", spans=[span])).to_dict()["spans"][0]["text"] == span.text
