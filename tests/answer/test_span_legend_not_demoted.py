"""A figure legend's sentence keeps its score in span selection (evals/README.md, thirty-seventh session):
the second stage already ranks a legend passage below the running text (`rerank_legend_penalty`), and the
span penalty that also demoted its sentences (`span_legend_penalty`, removed) lost more answers stated only
in a legend than it gained on the blind rounds. Real corpus, model and index."""
from __future__ import annotations

from qa.settings import Settings

from conftest import answerer_with


def test_the_legend_listing_what_is_asked_is_the_first_span(settings, index):
    """Figueroa 2012 lists the secreted factors by effect only in its Figure 1 legend ("5) Inhibition of
    fibrosis: hepatocyte growth factor (HGF), bFGF, adrenomedullin (ADM)"); the running text names the
    factors without saying which inhibit fibrosis."""
    answer = answerer_with(settings, index).ask("Which MSC-secreted factors are listed as inhibiting fibrosis?")
    assert answer.found
    assert "hepatocyte growth factor (HGF), bFGF, adrenomedullin (ADM)" in answer.spans[0].text, answer.spans[0].text


def test_a_value_only_the_legend_states_is_the_first_span(pdf_library):
    """The PNAS article states what its iPOND signals were normalised to only in the figure legend
    ("ratios of PARP1 (Top) or MRE11 (Bottom) to H3")."""
    settings, index = pdf_library
    answer = answerer_with(settings, index).ask(
        "In the iPOND quantification, what were the PARP1 and MRE11 signals at forks normalised to?")
    assert "to H3" in answer.spans[0].text, answer.spans[0].text


def test_the_span_penalty_setting_is_gone():
    assert "span_legend_penalty" not in type(Settings().answer).model_fields
    assert "span_legend_keeps_measure" not in type(Settings().answer).model_fields
