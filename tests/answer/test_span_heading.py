"""A sentence naming the question's words itself over one under a heading that names them
(`span_heading_discount`, qa.answer.span_order.coverages), on the real PDF library: the sentence
attributing the growth-temperature discrepancy to horizontal gene transfer, against a methods
sentence on the prediction model whose words 'prediction', 'growth' and 'temperature' come from
its section title."""
from __future__ import annotations

import pytest

from qa.answer.span_order import coverages
from qa.retrieval.question import classify
from qa.retrieval.evidence import coverage

from conftest import answerer_with

QUESTION = "Which references say horizontal gene transfer can bias growth temperature predictions from genomes?"
NAMES_IT = "caused by extensive horizontal gene transfer"
UNDER_HEADING = "The machine learning model Tome (v1.0) was used to predict OGT values"


def scored(answerer):
    query = answerer.retriever.query_from(QUESTION).with_kind(classify(QUESTION))
    hits = answerer.retriever.search(query, k=answerer.settings.answer.sources_depth)
    units = answerer.units(hits)
    answerer.score_units(query, units)
    return {text: next(u for u in units if text in u.text) for text in (NAMES_IT, UNDER_HEADING)}


@pytest.fixture(scope="module")
def both(pdf_library):
    settings, index = pdf_library
    return scored(answerer_with(settings, index)), scored(answerer_with(settings, index, span_heading_discount=0.0))


def test_the_heading_gives_the_methods_sentence_words_it_does_not_say(both):
    on, _ = both
    heading = on[UNDER_HEADING].heading
    assert {"growth", "temperature"} & heading, sorted(heading)
    assert not {"horizontal", "gene", "transfer"} & on[NAMES_IT].heading


def test_the_sentence_naming_the_words_gains_on_the_one_under_the_heading(both):
    on, off = both
    margin_on = on[NAMES_IT].score - on[UNDER_HEADING].score
    margin_off = off[NAMES_IT].score - off[UNDER_HEADING].score
    assert margin_on > margin_off + 0.005, (margin_on, margin_off)


def test_no_discount_reads_the_coverage_as_before(both):
    _, off = both
    unit = off[UNDER_HEADING]
    terms = {"growth": 1.0, "temperature": 1.0, "horizontal": 2.0}
    full, lexical = coverages(lambda words: coverage(terms, words), unit, 0.0)
    assert full == lexical == coverage(terms, unit.context)
    full, lexical = coverages(lambda words: coverage(terms, words), unit, 0.5)
    assert lexical < full  # the heading's words count half
