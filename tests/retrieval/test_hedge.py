"""A yes/no or comparison question asks for a finding (`qa.retrieval.hedge`): which sentences
speculate, the prior by hand, and on the real reviews and ten-PDF library the passage stating the
finding it lifts above one whose best sentence speculates."""
from __future__ import annotations

import pytest

from qa.retrieval.question import classify
from qa.retrieval.hedge import asks_finding, hedged, is_hedged
from qa.retrieval.rerank import Evidence, combine
from qa.retrieval.retriever import Retriever


@pytest.mark.parametrize("text, hedge", [
    # the articles' own sentences: conjecture, proposals, work still to do ...
    ("By analogy to this, speculatively, an increased activity of APOBEC at 5′ gene ends might contribute "
     "to reduced DNA methylation", True),
    ("Future research aimed at determining the susceptibility of ADAR mutants in other model systems ... "
     "are critical to improving our understanding", True),
    ("The MMS sensitivity observed in Rev1∆CTD mutants could be due to an inability to recruit one or more "
     "translesion polymerases", True),
    ("However, it is also possible that adr mutant animals exhibit enhanced susceptibility", True),
    ("The reproducibility and clinical significance of these findings remains to be confirmed.", True),
    # ... and findings, denied ones and observed inabilities included
    ("Engineered MSCs for cancer therapy have not yet been reported in clinical trials.", False),
    ("As expected, most ER-HOXB8 cells could not be reverted to the progenitor state after 72 h", False),
    ("Surprisingly, wild-type and rev1 mutant S2 cells showed similar sensitivity to increasing "
     "concentrations of MMS", False),
    ("Whether umbilical cord blood contains MSCs or not has been a great interest", False),
])
def test_hedged_sentences(text, hedge):
    assert is_hedged(text) is hedge


def test_the_best_covering_sentence_is_read():
    texts = ["This might explain the effect.", "The effect was not seen in mutants."]
    assert hedged([0.2, 0.7], texts) is False
    assert hedged([0.7, 0.2], texts) is True
    assert hedged([], []) is False


def test_kinds_asking_a_finding():
    assert asks_finding(classify("Have genetically engineered MSCs been tested on cancer patients yet?"))
    assert asks_finding("comparison")
    assert not asks_finding(classify("What dose of MSCs was infused?"))
    assert not asks_finding(None)


EVIDENCE = [Evidence(3.0, 0.1, 0.0, 1.0), Evidence(2.0, 0.5, 0.0, 0.0), Evidence(1.0, 0.3, 0.0, 0.0)]


def test_hedge_penalty_by_hand():
    """The fourth prior, like the others: z units after standardising, only on `hedged` candidates."""
    marked = [Evidence(*e.values(), hedged=(i == 0)) for i, e in enumerate(EVIDENCE)]
    weights = [1.0, 0.5, 2.0, 1.0, 0.0]
    plain = combine(EVIDENCE, weights)
    assert combine(marked, weights, hedge_penalty=3.0) == pytest.approx([plain[0] - 3.0, *plain[1:]])
    assert combine(marked, weights, 3.0, 5.0, 3.0) == pytest.approx(plain)  # the other priors leave it


def first_passages(settings, index, question: str, penalty: float) -> list[str]:
    r = Retriever(settings.replace(rerank_hedge_penalty=penalty), index=index)
    return [h.passage.text for h in r.search(question, k=3)]


def test_a_finding_outranks_a_passage_weighing_the_topic(settings, index):
    """Kim 2013: the Cancer section's closing passage on safety mechanisms ("... may ...") names
    engineered MSCs and patients most often; the passage saying engineered MSCs "have not yet been
    reported" in clinical trials answers whether they were tried."""
    question = "Have engineered MSCs been tried in cancer patients?"
    assert "have not yet been reported" not in first_passages(settings, index, question, 0.0)[0]
    assert "have not yet been reported" in first_passages(settings, index, question,
                                                           settings.retrieval.rerank_hedge_penalty)[0]


def test_a_result_outranks_speculation_in_the_discussion(pdf_library):
    """NAR 2024: the Discussion's "speculatively, ... might contribute" passage names APOBEC and
    methylation; the Results passage with the signatures' increase at unmethylated regions states
    whether they rise there."""
    settings, index = pdf_library
    question = "Do APOBEC signatures rise in unmethylated regions?"
    assert "speculatively" in first_passages(settings, index, question, 0.0)[0]
    first = first_passages(settings, index, question, settings.retrieval.rerank_hedge_penalty)[0]
    assert "SBS2 and SBS13" in first and "speculatively" not in first


def test_other_questions_are_not_read_for_hedges(settings, index):
    """A fact question's ranking is the same with and without the prior."""
    question = "What did the phase II Le Blanc study report as the initial response rate?"
    assert first_passages(settings, index, question, 0.0) == first_passages(settings, index, question, 3.0)
