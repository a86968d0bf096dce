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


@pytest.mark.parametrize("question,asked,opposed", [
    # "... some studies have suggested that even unmodified MSCs inhibit tumor growth and
    # angiogenesis [128-130], while others report that MSCs promote tumorigenesis and metastasis
    # [131-133]": the first clause is long, but "while others" sets it against the second
    ("Which studies report that MSCs promote tumorigenesis and metastasis?", {"131", "132", "133"},
     {"128", "129", "130"}),
    ("Which studies found that unmodified MSCs inhibit tumor growth?", {"128", "129", "130"},
     {"131", "132", "133"}),
    # "While some studies indicated efficacy of MSCs, even in cGVHD [93], others suggested that
    # MSCs are less effective in cGVHD than aGVHD [87,88,95]" (user trial 18, W2)
    ("Which studies suggest MSCs are less effective in chronic GVHD than in acute GVHD?",
     {"87", "88", "95"}, {"93"}),
])
def test_a_clause_set_against_the_asked_one_does_not_cite(settings, index, question, asked, opposed):
    """User trial 18: a sources answer offered the studies of the opposite finding as its sources
    ('Qiao 2008 ... Suppression of tumorigenesis' for "promote tumorigenesis"). A clause before the
    asked one is its frame only when nothing between them opens against it ('while', 'whereas',
    'but', 'others ...'); set against it, it is another finding and its studies are not offered."""
    answer = answerer_with(settings, index).ask(question)
    assert answer.kind == "sources"
    assert asked <= _cited(answer) and not opposed & _cited(answer), _cited(answer)
    offered = {r.key for r in answer.references if r.doc_id == "kim2013"}
    assert not opposed & offered
