"""A legend holding a question word no running-text candidate of its article holds keeps its score
(`rerank_legend_new_terms`, `qa.retrieval.priors.stating_more`): by hand, and on the real ten-PDF
library with questions worded for these tests (not the evaluation's)."""
from __future__ import annotations

import pytest

from qa.retrieval.priors import stating_more
from qa.retrieval.retriever import Retriever


def test_stating_more_by_hand():
    held = [{"discs", "foci", "genotype"}, {"discs", "foci"}, {"foci"}, {"genotype"}, set()]
    legend = [True, False, True, True, True]
    docs = ["a", "a", "a", "b", "a"]
    # 'genotype' is in no running text of article a; the second legend's words are; article b has no
    # running text among the candidates; a legend holding none of the question's words is demoted
    assert stating_more(held, legend, docs) == [True, False, False, True, False]
    assert stating_more(held, [False] * 5, docs) == [False] * 5  # running text is never a legend


def test_the_running_text_of_another_article_does_not_count():
    held = [{"limit", "detection"}, {"limit", "detection"}]
    assert stating_more(held, [True, False], ["jb", "pnas"]) == [True, False]
    assert stating_more(held, [True, False], ["jb", "jb"]) == [False, False]


def first_sections(settings, index, question: str, on: bool, previous: str | None = None) -> list[str]:
    retriever = Retriever(settings.replace(rerank_legend_new_terms=on), index=index)
    return [h.passage.section for h in retriever.search(question, k=3, previous=previous)]


@pytest.mark.parametrize("question, legend", [
    # the n per genotype is stated only in the Figure 2 legend (rev1 preprint)
    ("How many imaginal discs of each genotype were scored for gamma-H2Av foci?", "Figure 2"),
    # "The detection limit is 200 cells." only in the J. Bacteriology legends
    ("What is the detection limit of the filter desiccation assay?", "FIG 1"),
    # the PNAS Fig. 2 legend says how the FLAG-UFM1 conjugates were eluted; the Results do not
    ("How were the FLAG-UFM1 conjugates eluted after the denatured IP?", "Fig. 2"),
])
def test_a_legend_stating_what_the_text_does_not_comes_first(pdf_library, question, legend):
    settings, index = pdf_library
    assert settings.retrieval.rerank_legend_new_terms  # the default
    assert first_sections(settings, index, question, True)[0] == legend
    off = first_sections(settings, index, question, False)
    assert off[0] != legend and legend in off  # demoted below the running text without the reading


def test_a_legend_restating_the_running_text_stays_demoted(pdf_library):
    """Every word of this question is in the Results too: the ranking is the same either way."""
    settings, index = pdf_library
    question = "Do rev1 mutant larvae survive MMS?"
    on = first_sections(settings, index, question, True)
    assert on == first_sections(settings, index, question, False)
    assert not any(s.startswith("Figure") for s in on)


def test_the_reviews_first_passages_are_unchanged(settings, index):
    """The reviews hold few legends: a question on the running text ranks alike on and off."""
    question = "What did the phase II Le Blanc study report as the initial response rate?"
    assert first_sections(settings, index, question, True) == first_sections(settings, index, question, False)
