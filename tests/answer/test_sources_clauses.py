"""In a sources answer, a citation group whose own words do not name the asked finding backs
another finding of the sentence and does not cite (`sources_clause_share`,
qa/answer/references.py): "MSCs suppress T cell proliferation [24-26], B cell functions [25,27,28],
..., and prevent the differentiation, maturation, and activation of dendritic cells [30-37]"."""
from __future__ import annotations

import pytest

from conftest import answerer_with

pytestmark = pytest.mark.slow

DENDRITIC = {str(k) for k in range(30, 38)}


def _cited(answer) -> set[str]:
    return {c.key for s in answer.spans for c in s.citations if s.doc_id == "kim2013"}


@pytest.mark.parametrize("question", [
    "Which studies show that MSCs prevent dendritic cell differentiation?",
    "Which references report that MSCs block the maturation of dendritic cells?",
])
def test_only_the_group_naming_the_asked_finding_cites(settings, index, question):
    on = answerer_with(settings, index).ask(question)
    off = answerer_with(settings, index, sources_clause_share=0.0).ask(question)
    assert on.kind == "sources"
    assert _cited(on) == DENDRITIC  # the T cell group [24-26] backs another finding
    assert {"24", "25", "26"} <= _cited(off)
    span = next(s for s in on.spans if "dendritic cells [30-37]" in s.text)
    assert {"24", "26"} <= {c.key for c in span.also_cited}  # printed, listed, not offered


def test_a_group_naming_the_asked_pair_keeps_its_citations(settings, index):
    """'... chemokine and receptor interactions, such as SDF-1/CXCR4 [54,55], stem cell factor/c-kit,
    HGF/c-Met [56], ...': asked about SDF-1/CXCR4, its group cites, HGF/c-Met's does not."""
    answer = answerer_with(settings, index).ask("Which papers are cited for SDF-1/CXCR4 in MSC migration?")
    assert answer.kind == "sources"
    assert {"54", "55"} <= _cited(answer) and "56" not in _cited(answer)
