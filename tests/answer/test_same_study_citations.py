"""A question asking what several reviews say offers, in another review's quote, the number of the study
the first quote offers (qa.answer.secondary.same_study_citations, `cite_same_study`): the study registry
resolves both reviews' keys to one study. Blind-dev b18-figueroa2012-06 and b19-kim2013-05 printed the
second review's key without offering it (thirty-seventh session); the real-index questions below are
worded for this test."""
from __future__ import annotations

from conftest import answerer_with
from qa.answer.asked_studies import names_several_documents

SUN = "What MSC source did Sun's lupus trial of 16 patients use, according to the two reviews?"


def test_documents_named_in_the_plural_or_twice_are_several():
    assert names_several_documents("do the two reviews agree?")
    assert names_several_documents("What do all three papers say about dosing?")
    assert names_several_documents("Does the HSCT review say what the autoimmune review says?")
    assert not names_several_documents("What is the more accurate name for MSCs according to this review?")
    assert not names_several_documents("Which studies reported MSCs in lupus?")


def offered(answer, doc_id: str) -> set[str]:
    return {c.key for s in answer.spans if s.doc_id == doc_id for c in s.citations}


def test_the_second_reviews_number_for_the_same_study_is_offered(settings, index):
    answer = answerer_with(settings, index).ask(SUN)
    assert answer.spans[0].doc_id == "kim2013" and "117" in offered(answer, "kim2013")
    assert "Sun 2010" in offered(answer, "figueroa2012")
    assert ("figueroa2012", "Sun 2010") in {(r.doc_id, r.key) for r in answer.references}


def test_only_the_shared_studys_key_and_only_when_several_reviews_are_asked(settings, index):
    a = answerer_with(settings, index)
    # the same question without naming the reviews: the other review's quote stays context
    single = a.ask(SUN.replace(", according to the two reviews", ""))
    assert "Sun 2010" not in offered(single, "figueroa2012")
    # and the rule adds no key of a study the first quote does not offer
    both = a.ask(SUN)
    assert offered(both, "figueroa2012") == {"Sun 2010"}


def test_two_reviews_named_by_subject_offer_the_same_studys_number(settings, index):
    # the reviews named by subject are taken out of the question and each quoted (qa.retrieval.named_article)
    q = ("How many patients were in Yamout's multiple sclerosis study - do the clinical-applications review "
         "and the autoimmune review agree?")
    answer = answerer_with(settings, index).ask(q)
    assert "112" in offered(answer, "kim2013")
    assert offered(answer, "figueroa2012") == {"Yamout 2010"}  # not Karussis 2010, another study of the group
