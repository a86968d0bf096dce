"""Span-scoring alternatives measured in evals/README.md ("Top span: where the misses come
from"): the second-stage score as passage prior, and a sentence's own-word term coverage.
Both are off by default (neither helped on dev + blind-dev); these tests pin what they do on
the real index so the table's figures stay reproducible."""
from __future__ import annotations

import math

import pytest

from qa.answer.answerer import Answerer
from qa.answer.question import classify
from qa.retrieval.retriever import Retriever

QUESTION = "How long was follow-up in the umbilical cord MSC lupus trial from Nanjing?"


def _answerer(settings, index, **changes) -> Answerer:
    return Answerer(retriever=Retriever(settings.replace(**changes), index=index))


@pytest.fixture(scope="module")
def scored(settings, index):
    a = _answerer(settings, index, span_prior="score")
    query = a.retriever.query_from(QUESTION).with_kind(classify(QUESTION))
    hits = a.retriever.search(query, k=10)
    return a, query, hits


def test_score_prior_follows_the_second_stage_scores(scored):
    a, _, hits = scored
    priors = a.priors(hits, "hybrid")
    best = max(h.score for h in hits)
    assert max(priors.values()) == pytest.approx(1.0)
    for h in hits:
        assert priors[id(h)] == pytest.approx(math.exp(-(best - h.score)))
    ordered = sorted(hits, key=lambda h: -h.score)
    assert [priors[id(h)] for h in ordered] == sorted(priors.values(), reverse=True)
    # not the rank prior: two hits' priors differ by their score gap, not by their ranks
    assert any(abs(priors[id(h)] - 1.0 / math.sqrt(h.rank)) > 0.05 for h in hits)


def test_rank_prior_without_a_second_stage(scored, settings, index):
    a, _, hits = scored
    for mode in ("bm25", "dense"):
        assert a.priors(hits, mode) == {id(h): 1.0 / math.sqrt(h.rank) for h in hits}
    default = _answerer(settings, index)
    assert default.priors(hits, "hybrid") == {id(h): 1.0 / math.sqrt(h.rank) for h in hits}


def test_own_word_coverage_lowers_only_sentences_that_borrow_the_question_words(settings, index):
    base = _answerer(settings, index)
    own = _answerer(settings, index, span_own_lexical_share=1.0)
    query = base.retriever.query_from(QUESTION).with_kind(classify(QUESTION))
    hits = base.retriever.search(query, k=10)
    a_units, b_units = base.units(hits), own.units(hits)
    base.score_units(query, a_units)
    own.score_units(query, b_units)
    terms = base.terms(query)
    lowered = same = 0
    for a, b in zip(a_units, b_units):
        assert (a.start, a.end) == (b.start, b.end)
        mine = a.tokens | base.tokens_of(a.hit.passage.section)
        if base.coverage(terms, a.context) > base.coverage(terms, mine) + 1e-9:
            assert b.score < a.score
            lowered += 1
        else:
            assert b.score == pytest.approx(a.score)
            same += 1
    assert lowered and same  # both cases occur on this question
