"""A figure legend's sentence yields to the running text stating the same finding
(`span_legend_penalty` on a legend keying colours, qa.answer.span_order), on the real PDF library: the legend describes
the panel ("(D and E) UFL1 depletion reduces the relocalization of ..."), the Results sentence
states what was found ("Here, we observed that PARP1, MRE11, and RPA32 protein levels were
reduced ..."). Tables are data and keep their scores."""
from __future__ import annotations

import pytest

from qa.retrieval.section_role import is_figure_legend

from conftest import answerer_with

FORKS = "Which HU doses and durations did the fork degradation and the fork restart DNA fiber assays use?"
IPOND = "Which proteins did iPOND show depleted from stalled forks in shUFL1 cells?"


@pytest.mark.parametrize("kind, section, text, expected", [
    ("text", "Fig. 4", "(D and E) UFL1 depletion reduces the relocalization of PARP1.", True),
    ("text", "FIG 2", "(B) Desiccation tolerance of WT and the ΔcsrA mutant.", True),
    ("text", "Figure 1—figure supplement 2", "Expansion factor of the gels.", True),
    ("text", "Results", "Figure 3. Splicing of introns in any order.", True),  # a caption by its opening
    ("text", "Results", "(G) Heatmap of the peaks.", True),
    ("text", "TABLE 1. Genes that contribute", "Genes that contribute to desiccation tolerance.", False),
    ("text", "Results", "Table 2. Clinical trials of MSCs.", False),
    ("table_row", "Fig. 2", "WT | 100 | 12", False),
    ("text", "Results", "Figure 2 shows that the peaks are lost in monocytes.", False),  # running text
    ("text", "Discussion", "Here, we observed that PARP1 levels were reduced.", False),
])
def test_a_figure_legend_is_read_from_its_section_or_its_caption_opening(kind, section, text, expected):
    assert is_figure_legend(kind, section, text) is expected


@pytest.mark.parametrize("question, states", [
    (FORKS, "after 4 h of HU (4 mM) treatment"),
    (IPOND, "PARP1, MRE11, and RPA32 protein levels were reduced at stalled replication forks"),
])
def test_the_results_sentence_comes_before_the_legend_of_its_panel(pdf_library, question, states):
    """The Results sentence is the first span; the panel's legend, keying no colour, keeps its score since the
    thirty-eighth session (`keys_colours`) and may be quoted beside it (it led, before a list answer had to
    name what "which proteins / doses" asks for: qa.retrieval.sentence_focus.names_head, thirty-third session)."""
    settings, index = pdf_library
    first = answerer_with(settings, index).ask(question).spans[0]
    assert states in first.text and not is_figure_legend("text", first.section, first.text), first.text[:160]


def test_the_prior_leaves_refusal_alone(pdf_library):
    """Applied in span selection, after the refusal model read the scores it was fitted on."""
    settings, index = pdf_library
    on = answerer_with(settings, index).ask(IPOND)
    off = answerer_with(settings, index, span_legend_penalty=0.0).ask(IPOND)
    assert on.found and on.confidence == off.confidence
