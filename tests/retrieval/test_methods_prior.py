"""The Methods prior of the second stage: for a question asking how an experiment was done or with what
amounts, a candidate in its research article's own Methods part gains `rerank_methods_bonus` z units.
By hand in `combine`, and on the real ten-PDF library: a protocol question answered from the Methods
instead of the Results paragraph restating the experiment, and a finding question left as it was."""
from __future__ import annotations

import pytest

from qa.retrieval.section_role import in_methods
from qa.retrieval.rerank import Evidence, combine
from qa.retrieval.retriever import Retriever

EVIDENCE = [Evidence(3.0, 0.1, 0.0, 1.0), Evidence(2.0, 0.5, 0.0, 0.0), Evidence(1.0, 0.3, 0.0, 0.0)]
WEIGHTS = [1.0, 0.5, 2.0, 1.0, 0.0]


def test_a_methods_candidate_gains_the_bonus():
    """z-scores by hand: first (3, 2, 1) -> (1.2247, 0, -1.2247); cosine (0.1, 0.5, 0.3) -> (-1.2247, 1.2247, 0);
    sentence all 0 -> 0; context (1, 0, 0) -> (1.4142, -0.7071, -0.7071). Weighted 1, 0.5, 2, 1: the
    third candidate, in the Methods, gains 3."""
    plain = [1.2247449 - 0.6123724 + 1.4142136, 0.6123724 - 0.7071068, -1.2247449 - 0.7071068]
    assert combine(EVIDENCE, WEIGHTS) == pytest.approx(plain)
    marked = [EVIDENCE[0], EVIDENCE[1], Evidence(*EVIDENCE[2].values(), methods=True)]
    assert combine(marked, WEIGHTS, methods_bonus=3.0) == pytest.approx([plain[0], plain[1], plain[2] + 3.0])
    assert combine(marked, WEIGHTS) == pytest.approx(plain)  # no bonus set: the flag changes nothing


def ranking(pdf_library, question: str, bonus: float) -> list:
    settings, index = pdf_library
    retriever = Retriever(settings.replace(rerank_methods_bonus=bonus), index=index)
    return [h.passage for h in retriever.search(question, k=10)]


def test_a_protocol_question_is_answered_from_the_methods(pdf_library):
    """The retina article states how the macaque was injected in its Methods ("NHP in vivo delivery and
    imaging"); its Results paragraph on the macaque restates the experiment with more of the question's
    words and came first without the prior."""
    _, index = pdf_library
    question = "Which instrument and surgical route were used to inject the nanoparticles subretinally in the macaque?"
    off, on = ranking(pdf_library, question, 0.0), ranking(pdf_library, question, 3.0)
    assert not in_methods(index, off[0])
    assert in_methods(index, on[0]) and on[0].section == "NHP in vivo delivery and imaging"


def test_the_dose_question_of_the_procedure_signal_needs_no_signal(pdf_library):
    """test_protocol.py's question, written for the procedure share: with the prior alone (share off) the
    Methods passage giving "2.5 mg/kg of IV-doxorubicin was injected into the tail veins" is first, not the
    Results passage on doxorubicin-treated mice that shares more of its words."""
    question = "Dox treatment of the 4T1 mice: which dose and route?"
    assert "2.5 mg/kg of IV-doxorubicin" not in ranking(pdf_library, question, 0.0)[0].text
    assert "2.5 mg/kg of IV-doxorubicin" in ranking(pdf_library, question, 3.0)[0].text


def test_a_methods_passage_rises_for_a_how_was_it_measured_question(pdf_library):
    """"How was ... determined?" asks a procedure: the Methods section that states the particle sizing
    ("LNP formulation, conjugation, and characterization") ranks higher with the prior than without."""
    question = "How was the size and polydispersity of the lipid nanoparticles determined?"

    def place(passages) -> int:
        return next((i for i, p in enumerate(passages) if p.section.startswith("LNP formulation")), 99)

    assert place(ranking(pdf_library, question, 3.0)) < place(ranking(pdf_library, question, 0.0))


def test_a_question_asking_a_finding_is_ranked_as_before(pdf_library):
    """A yes/no question on what LPS did asks no procedure: the prior does not apply, whatever its value."""
    question = "Did LPS-induced inflammation change how the tumours responded to doxorubicin?"
    assert [p.id for p in ranking(pdf_library, question, 3.0)] == [p.id for p in ranking(pdf_library, question, 0.0)]


@pytest.mark.parametrize("question, section", [
    # an amount per unit of a step: the Methods' "To generate ATAC-seq libraries, 50,000 cells were used"
    ("In the ER-HOXA9 ATAC-seq, how many cells went into each library?", "ATAC-seq"),
    # the thing used named in four words, before the Figure 1 legend on the same survival assay
    ("Which rad51 and brca2 alleles were used in the MMS survival comparison?", "Drosophila husbandry"),
])
def test_a_condition_question_is_read_as_asking_the_procedure(pdf_library, question, section):
    """Questions the procedure reading missed before the thirty-seventh session (no "how was", no
    measure word, or the thing used named in more than three words): read now, they get the Methods
    passage stating the step first, where a Results passage or a legend came first without the prior."""
    _, index = pdf_library
    off, on = ranking(pdf_library, question, 0.0), ranking(pdf_library, question, 3.0)
    assert not in_methods(index, off[0])
    assert in_methods(index, on[0]) and on[0].section.startswith(section)
