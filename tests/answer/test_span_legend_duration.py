"""A figure legend stating the duration a question asks keeps its score (`span_legend_keeps_measure`,
`focus.legend_keeps`): many articles give a protocol's step times in the legend only ("the PAR was
detected with IF after 24 h transfection"), as they give its doses (evals/README.md, twenty-eighth
session, "The first span"). A share or a change a legend states is its panel's result, which the
running text states too, and a question asking several durations (two assays') is answered by the
running text naming them together: those legends keep the penalty."""
from __future__ import annotations

import pytest

from qa.answer.focus import LEGEND_MEASURES, UNIT_SHAPED, asked_value, asks_plural, legend_keeps
from qa.retrieval.question import asked_unit
from qa.retrieval.section_role import is_figure_legend

from conftest import answerer_with


@pytest.mark.parametrize("question, kept", [
    ("How long after transfection were the cells stained?", True),  # a step's duration
    ("For how long were the larval brains exposed to MMS?", True),
    ("What HU dose did the mice receive?", True),  # a measure, as before
    ("What percentage of spreads showed chromosomal abnormalities?", False),  # a result's share
    ("By how much did the treatment raise the mutation rate?", False),  # a result's change
])
def test_the_asked_units_a_legend_keeps(question, kept):
    assert UNIT_SHAPED < LEGEND_MEASURES
    assert legend_keeps(asked_unit(question), asks_plural(question, "number")) is kept


def test_several_durations_asked_are_left_to_the_running_text():
    question = "Which HU doses and durations did the fork degradation and the fork restart assays use?"
    assert asked_unit(question) == "time" and asks_plural(question, "number")
    assert not legend_keeps("time", several=True)
    assert legend_keeps("dose", several=True)  # a measure, as before


def test_a_duration_is_read_from_a_legend_sentence():
    states = asked_value("How long after transfection was PAR detected?", "number")
    assert states is not None
    assert states("The cells were transfected with GFP-PARP1, and the PAR was detected with IF after 24 h transfection.")
    assert not states("The cells were transfected with GFP-PARP1 WT, K548R, F553L, or R591K.")


QUESTION = ("How long after transfecting the GFP-PARP1 mutants into PARP1-knockdown HeLa cells was PAR "
            "detected by immunofluorescence?")


def _legend_score(settings, index, **changes) -> tuple[float, float]:
    """(score before, score after span selection) of the PNAS legend sentence stating the 24 h."""
    answerer = answerer_with(settings, index, **changes)
    query = answerer.retriever.parse(QUESTION, None)
    from qa.retrieval.question import kind_of
    query = query.with_kind(kind_of(query, answerer.index))
    hits = answerer.retriever.search(query, k=10, mode="hybrid")
    units = answerer.units(hits)
    answerer.score_units(query, units)
    legend = [u for u in units if "after 24 h transfection" in u.text
              and is_figure_legend(u.hit.passage.kind, u.hit.passage.section, u.hit.passage.text)]
    assert legend, "the legend sentence was not among the candidates"
    before = legend[0].score
    answerer.select(query, sorted(units, key=lambda u: -u.score))
    return before, legend[0].score


def test_a_legend_stating_the_asked_duration_keeps_its_score(pdf_library):
    settings, index = pdf_library
    before, after = _legend_score(settings, index)
    assert after == pytest.approx(before, abs=0.05)  # no legend penalty (other credits may add a little)
    # the sentence keys no colour (`keys_colours`): since the thirty-eighth session the legend prior leaves
    # it alone with the exemption off too (it lost span_legend_penalty before)
    before_off, after_off = _legend_score(settings, index, span_legend_keeps_measure=False)
    assert after_off == pytest.approx(before_off, abs=0.05)
    answer = answerer_with(settings, index).ask(QUESTION)
    assert "after 24 h transfection" in answer.spans[0].text
