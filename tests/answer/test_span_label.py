"""A figure's label cut off as a sentence ("Fig. 7.") is never a quote on its own: the span
carries the sentence after it, the legend's title (qa.answer.joins.BARE_LABEL; docs audit 25)."""
from __future__ import annotations

import pytest

from qa.answer.joins import BARE_LABEL

from conftest import answerer_with

RETINA = "10.1126_sciadv.add4623"


@pytest.mark.parametrize("text, bare", [
    ("Fig. 7.", True), ("Figure S2", True), ("FIG 3.", True), ("Table 1:", True),
    ("Supplementary Figure 4B.", True), ("Extended Data Fig. 2", True),
    ("Fig. 7. MH42-conjugated LNPs mediate expression in the neural retina.", False),
    ("Figure 2 shows that the peaks are lost.", False), ("Tables are data.", False),
])
def test_a_bare_label_is_read_as_the_label_alone(text, bare):
    assert (BARE_LABEL.match(text) is not None) is bare


def test_a_named_figures_answer_carries_its_legends_title(pdf_library):
    settings, index = pdf_library
    answer = answerer_with(settings, index).ask("What does Figure 7 show?", docs=[RETINA])
    first = answer.spans[0]
    assert first.doc_id == RETINA
    assert first.text.startswith("Fig. 7.")
    assert "MH42-conjugated LNPs mediate expression in the neural retina" in first.text
