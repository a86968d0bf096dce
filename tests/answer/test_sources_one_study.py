"""A sources question asking for one study in the singular offers the citations of its best citing
span only, and of that span the clause naming what is asked (`sources_one_study`,
qa.answer.references.one_study; the question form: qa.retrieval.question.asks_one_source). Real index,
questions worded for these tests; each is also asked with the rule off, so it fails if the rule does
nothing."""
from __future__ import annotations

import pytest

from qa.answer.answerer import Answerer
from qa.retrieval.question import asks_one_source

from conftest import answerer_with

CONDITIONED = "What paper is cited for conditioned medium reproducing the effects of MSC therapy?"
CORD_BLOOD = "Were third-party MSCs infused in pediatric cord blood transplantation to speed hematopoietic recovery?"
VIABLE = "Which study showed MSCs were still viable 3 months after transplantation in heart attack patients?"


@pytest.fixture(scope="module")
def off(settings, index) -> Answerer:
    return answerer_with(settings, index, sources_one_study="off")


def _keys(answer) -> list[set[str]]:
    return [{c.key for c in s.citations} for s in answer.spans]


def test_the_question_form_names_one_study():
    assert asks_one_source("which ref is that?")
    assert asks_one_source("What GVHD model study showed MSCs fail?")
    assert asks_one_source("Which reference reports co-infusing MSCs in a salvage transplant?")
    assert asks_one_source("lipid A acetylation needed to survive drying - which ref?")
    assert not asks_one_source("Which studies tested MSCs in lupus mice?")
    assert not asks_one_source("risk of MSCs turning malignant - refs?")
    assert not asks_one_source("What evidence is cited for EPO boosting MSC function?")


def test_one_study_asked_cites_the_clause_stating_it(answerer, off):
    """'Even if MSCs protect ... (Humphreys and Bonventre, 2008; Choi et al., 2009), ... since
    conditioned medium from MSCs has been able to mimic the beneficial effects ... (Bi et al., 2007).'"""
    answer = answerer.ask(CONDITIONED)
    assert answer.kind == "sources"
    assert set().union(*_keys(answer)) == {"Bi 2007"}
    assert {"Humphreys 2008", "Choi 2009"} <= {c.key for s in answer.spans for c in s.also_cited}
    assert {"Bi 2007", "Humphreys 2008", "Choi 2009"} <= set().union(*_keys(off.ask(CONDITIONED)))


def test_a_follow_up_asking_which_ref_cites_the_best_span_only(answerer, off):
    """'which ref is that?' after a question on cord blood transplantation: the sentence stating it
    ([83]); the other sentences shown about co-transplantation and other reviews cite nothing."""
    answer = answerer.ask("which ref is that?", previous=CORD_BLOOD)
    assert answer.kind == "sources" and len(answer.spans) > 1
    assert _keys(answer)[0] == {"83"} and not any(_keys(answer)[1:])
    assert len(set().union(*_keys(off.ask("which ref is that?", previous=CORD_BLOOD)))) > 1


def test_when_score_and_asked_words_disagree_both_spans_cite(answerer):
    """The sentence scoring first ('Following this study, ... [101-105]') names less of the question
    than 'The results indicated that MSCs were still viable 3 months ...' ([100], its study cited
    before it): both cite, rather than offering only a study that did not find what was asked."""
    keys = set().union(*_keys(answerer.ask(VIABLE)))
    assert "100" in keys
