"""A follow-up's answer often goes on from the earlier question's: the sentence after the one that
answered it wins the first span on a near tie (`followup_after_weight`, qa.answer.followup
.goes_on_from_earlier). Real reviews' index; questions worded for these tests, each also asked with
the setting off."""
from __future__ import annotations

from conftest import answerer_with
from qa.answer.followup import earlier_first_span, goes_on_from_earlier

CONNICK = "In Connick's MS study, how were the patients' own MSCs given?"
VISION = "did their vision get better?"


def test_the_sentence_going_on_from_the_earlier_answer_is_quoted_first(settings, index):
    answer = answerer_with(settings, index).ask(VISION, previous=CONNICK)
    assert answer.found and answer.context == CONNICK
    assert answer.spans[0].text.startswith("Patients improved on measures of visual function")
    off = answerer_with(settings, index, followup_after_weight=0.0).ask(VISION, previous=CONNICK)
    assert off.spans[0].text.startswith("Connick et al. recently reported")  # the earlier answer again


def test_goes_on_marks_the_sentences_after_the_earlier_answer_in_its_passage(settings, index):
    answerer = answerer_with(settings, index)
    pid, start, end = earlier_first_span(answerer, CONNICK)
    query = answerer.retriever.query_from(VISION, CONNICK)
    units = answerer.units(answerer.retriever.search(query, k=10))
    marked = goes_on_from_earlier(answerer, query, units, reach=1)
    assert marked and all(units[i].hit.passage.id == pid and units[i].start > start for i in marked)
    assert any(units[i].text.startswith("Patients improved") for i in marked)
    # the earlier answer's own sentence is not marked, nor anything of another passage
    assert not any(units[i].start <= start < units[i].end for i in marked)
    assert goes_on_from_earlier(answerer, answerer.retriever.query_from(VISION), units, reach=1) == set()


def test_a_sources_follow_up_keeps_the_earlier_answers_own_sentence(settings, index):
    """'which ref is that?' asks who reported what was just quoted, not what comes after it."""
    earlier = "Which study gave MS patients an intravenous infusion of their own MSCs?"
    answer = answerer_with(settings, index).ask("which ref is that?", previous=earlier)
    off = answerer_with(settings, index, followup_after_weight=0.0).ask("which ref is that?", previous=earlier)
    assert answer.found and [s.text for s in answer.spans] == [s.text for s in off.spans]


def test_the_going_on_sentence_carries_the_study_cited_before_it(settings, index):
    """'Patients improved on measures of visual function' has no citation of its own; it goes on with
    Connick et al.'s study, cited in the sentence before (qa.answer.inherited, bare subjects and a past
    tense verb), so the follow-up's first quote names it."""
    span = answerer_with(settings, index).ask(VISION, previous=CONNICK).spans[0]
    assert span.text.startswith("Patients improved")
    assert [c.key for c in span.citations] == ["Connick 2012"], span.citations
    off = answerer_with(settings, index, inherit_citations="off").ask(VISION, previous=CONNICK).spans[0]
    assert not off.citations
