"""A question asking a quantity whose head noun the quoted articles write but whose other word they never
write in any form ('median' age, 'hazard' ratio) is refused below `unwritten_measure_refusal_below`
(qa.answer.unreported.unwritten_measure; evals/README.md, thirty-first session, "Near misses on the PDFs;
abbreviations written out in mixed case"). Real reviews' index; the questions are written for these tests."""
from __future__ import annotations

from conftest import answerer_with

from qa.answer.unreported import unwritten_measure

MEDIAN_AGE = "What median age did the Le Blanc steroid-refractory GVHD patients have?"


def test_the_word_making_the_measure_is_read_only_when_the_head_is_written(settings, index):
    answerer = answerer_with(settings, index)
    reviews = set(index.passages.doc_ids)
    # the reviews write of ages, never of a 'median' one
    assert unwritten_measure(answerer, MEDIAN_AGE, "fact", [], reviews) == ["median"]
    # the head itself unwritten ('half-life'): the article may put the whole measure otherwise
    assert unwritten_measure(answerer, "What half-life did the infused MSCs have in the lungs?", "fact", [],
                             reviews) == []
    # one word, a term asked (a definition), a yes/no, no quoted article: not read
    assert unwritten_measure(answerer, "What age did the Le Blanc patients have?", "fact", [], reviews) == []
    assert unwritten_measure(answerer, "What is the median age?", "definition", [], reviews) == []
    assert unwritten_measure(answerer, "Was the median age above 40?", "yesno", [], reviews) == []
    assert unwritten_measure(answerer, MEDIAN_AGE, "fact", [], set()) == []
    # a quote naming the attribute, or stating a value in the asked unit, answers it
    assert unwritten_measure(answerer, MEDIAN_AGE, "fact", ["Their median age was 22 years."], reviews) == []


def test_a_confident_answer_asking_an_unwritten_measure_is_refused(settings, index):
    """Above the other bands (confidence about 0.55): refused naming the word, answered with the setting at 0."""
    answer = answerer_with(settings, index).ask(MEDIAN_AGE)
    assert not answer.found and "No article writes of 'median'" in answer.message
    assert 0.5 <= answer.confidence < settings.answer.unwritten_measure_refusal_below
    off = answerer_with(settings, index, unwritten_measure_refusal_below=0.0).ask(MEDIAN_AGE)
    assert off.found and off.spans
