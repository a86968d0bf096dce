"""Question words weighted by how their occurrences cluster (`qa.retrieval.burst`, residual idf):
the statistic by hand, the weights on the real library's BM25, and the passage it lifts there."""
from __future__ import annotations

import math

import pytest

from qa.retrieval.burst import multiplier, residual_idf, weights
from qa.retrieval.retriever import Retriever


def test_residual_idf_by_hand():
    # ten occurrences in ten rows of 1000: what a Poisson spread gives, nothing left over
    assert residual_idf(10, 10, 1000) == pytest.approx(math.log2(1000 / 10) + math.log2(1 - math.exp(-0.01)))
    assert abs(residual_idf(10, 10, 1000)) < 0.01
    # forty occurrences packed into the same ten rows cluster: about two bits left over
    assert residual_idf(10, 40, 1000) == pytest.approx(1.97, abs=0.01)
    assert residual_idf(0, 0, 1000) == 0.0


def test_multiplier_clips():
    assert multiplier(0.0, 0.3) == pytest.approx(0.7)
    assert multiplier(-0.4, 0.3) == pytest.approx(0.7)
    assert multiplier(0.5, 0.3) == pytest.approx(0.85)
    assert multiplier(2.0, 0.3) == 1.0
    assert multiplier(0.0, 0.0) == 1.0


def test_framing_words_weigh_less_than_an_articles_entities(pdf_library):
    """In the ten-article library "lps" repeats within the passages about it, "used" and "roughly"
    occur once wherever they occur; strength 0 leaves the weights as they were."""
    _, index = pdf_library
    bm25 = index.bm25
    lps, used, roughly = weights(bm25, ["lps", "used", "roughly"], None, 0.3)
    assert lps == pytest.approx(1.0)
    assert used < 0.85 and roughly < 0.75
    assert weights(bm25, ["lps", "used"], [0.5, 1.0], 0.0) == [0.5, 1.0]
    assert weights(bm25, ["neverusedword"], [0.5], 0.3) == [0.5]


def test_the_passage_giving_the_dose_comes_first(pdf_library):
    """"What LPS dose and schedule were used to mimic endotoxemia in the tumor-bearing mice?" (cancers,
    blind-dev): without the weighting a Discussion passage on plasma LPS and endotoxemia ranks above
    the Methods passage giving "5 mg/kg lipopolysaccharide ... once a week"; with it at 0.3 ("used",
    "schedule", "mimic" count less) the Methods passage is first. Measured with the procedure signal
    on, as it was by default until the twenty-second session's audit turned it off, and without the Methods
    prior (`rerank_methods_bonus`), which puts the Methods passage first by itself."""
    settings, index = pdf_library
    settings = settings.replace(rerank_procedure_weight=1.0, rerank_methods_bonus=0.0)
    question = "What LPS dose and schedule were used to mimic endotoxemia in the tumor-bearing mice?"
    off = Retriever(settings, index=index).search(question, k=10)
    on = Retriever(settings.replace(bm25_burstiness=0.3), index=index).search(question, k=10)
    assert "5 mg/kg lipopolysaccharide" not in off[0].passage.text
    assert "5 mg/kg lipopolysaccharide" in on[0].passage.text
    assert off[0].passage.id in {h.passage.id for h in on}
