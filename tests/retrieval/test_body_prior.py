"""The body prior of the second stage: for a yes/no or comparison question (one asking a finding), a
candidate in its research article's Results or Methods part gains `rerank_body_bonus` z units; the
Introduction, Discussion and abstract restate or weigh the finding with the question's words. By hand
in `combine`, and on the real libraries: a finding question on the ten PDFs answered from the Results
instead of the Discussion's hypothesis, and the reviews (no parts) ranked as before."""
from __future__ import annotations

import pytest

from qa.retrieval.rerank import Evidence, combine
from qa.retrieval.retriever import Retriever
from qa.retrieval.section_role import article_part, in_body

EVIDENCE = [Evidence(3.0, 0.1, 0.0, 1.0), Evidence(2.0, 0.5, 0.0, 0.0), Evidence(1.0, 0.3, 0.0, 0.0)]
WEIGHTS = [1.0, 0.5, 2.0, 1.0, 0.0]


def test_a_body_candidate_gains_the_bonus():
    """Only the marked candidate moves, by the bonus; no bonus set, the mark changes nothing."""
    plain = combine(EVIDENCE, WEIGHTS)
    marked = [EVIDENCE[0], Evidence(*EVIDENCE[1].values(), body=True), EVIDENCE[2]]
    assert combine(marked, WEIGHTS, body_bonus=2.0) == pytest.approx([plain[0], plain[1] + 2.0, plain[2]])
    assert combine(marked, WEIGHTS) == pytest.approx(plain)


def ranking(settings, index, question: str, bonus: float) -> list:
    retriever = Retriever(settings.replace(rerank_body_bonus=bonus), index=index)
    return [h.passage for h in retriever.search(question, k=10)]


def test_a_finding_question_is_answered_from_the_results(pdf_library):
    """The retina article's Discussion opens on what the authors hypothesised about the peptide-conjugated
    nanoparticles ("would possibly offer cell-specific expression") with the question's words; its Results
    state where MH42 went after a subretinal injection ("localized to PRs")."""
    settings, index = pdf_library
    question = "Were photoreceptors transfected after subretinal injection of the MH42 nanoparticles?"
    off, on = ranking(settings, index, question, 0.0), ranking(settings, index, question, 2.0)
    assert article_part(index, off[0]) == "discussion" and not in_body(index, off[0])
    assert article_part(index, on[0]) == "results" and "localized to PRs" in on[0].text


def test_a_review_has_no_body(settings, index):
    """The reviews print no Results part: a yes/no question on them ranks the same at any bonus."""
    question = "Have engineered MSCs been tried in cancer patients?"
    off, on = ranking(settings, index, question, 0.0), ranking(settings, index, question, 2.0)
    assert [p.id for p in off] == [p.id for p in on]
    assert not any(in_body(index, p) for p in on)


def test_a_fact_question_is_ranked_as_before(pdf_library):
    """A question asking a value, not whether something is so, is not read for the body."""
    settings, index = pdf_library
    question = "By how much did expansion microscopy enlarge the cells?"
    assert [p.id for p in ranking(settings, index, question, 0.0)] == \
        [p.id for p in ranking(settings, index, question, 2.0)]
