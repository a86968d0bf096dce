"""A secondary span that re-cites a study a better span of its review already cites adds no key of
its own (`restated_citations`, qa.answer.references.restated): real index, questions worded for
these tests. Each test also runs the rule switched off, so it fails if the rule does nothing."""
from __future__ import annotations

import pytest

from qa.answer.answerer import Answerer

from conftest import answerer_with

MIXED_QUESTION = "What papers report mixed results of MSCs in murine arthritis and lupus?"
CXCR4_QUESTION = "Which study showed that SDF-1 and CXCR4 mediate stem cell recruitment to tumors?"


@pytest.fixture(scope="module")
def answerer(settings, index) -> Answerer:
    return answerer_with(settings, index)


def _keys(answer) -> list[set[str]]:
    return [{c.key for c in s.citations} for s in answer.spans]


def test_a_list_sentence_restating_the_asked_studies_adds_none_of_its_others(answerer, settings, index):
    """'Results have been mainly encouraging, but not altogether consistent, ... arthritis
    (Schurgers ...), and lupus mice (Youd ...; Chang ...)' answers; the long sentence listing every
    disease model (EAE, diabetic mice, arthritis, lupus models) cites Youd and Chang among ten: it
    restates them, its eight other studies are not the answer's."""
    answer = answerer.ask(MIXED_QUESTION)
    first, *rest = _keys(answer)
    assert {"Schurgers 2010", "Youd 2010", "Chang 2011"} <= first
    assert rest and all(keys <= first for keys in rest)
    cited = set().union(*_keys(answer))
    assert not cited & {"Lee 2006", "Augello 2007", "Zhou 2008", "Schena 2010"}
    off = answerer_with(settings, index, restated_citations="off").ask(MIXED_QUESTION)
    assert {"Lee 2006", "Augello 2007", "Zhou 2008", "Schena 2010"} <= set().union(*_keys(off))


def test_a_sentence_listing_chemokine_pairs_keeps_only_the_asked_study(answerer, settings, index):
    """'SDF-1 and CXCR4 are important mediators of stem cell recruitment to tumors [54]' answers;
    the sentence listing every chemokine pair ('SDF-1/CXCR4 [54,55], ... HGF/c-Met [56]') is shown
    second, restating [54]: [55] and [56] are not cited."""
    answer = answerer.ask(CXCR4_QUESTION)
    assert _keys(answer)[0] == {"54"} and len(answer.spans) > 1
    assert set().union(*_keys(answer)) == {"54"}
    assert {r.key for r in answer.references} == {"54"}
    off = answerer_with(settings, index, restated_citations="off").ask(CXCR4_QUESTION)
    assert {"55", "56"} <= set().union(*_keys(off))

