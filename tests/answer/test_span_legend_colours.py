"""Only a figure legend's sentence keying its image's colours yields to the running text in span selection
(`span_legend_penalty`, `qa.answer.span_order.keys_colours`; evals/README.md, thirty-eighth session): a
legend sentence keying no colour is as often the one place stating what was asked. Real corpus, model and
index."""
from __future__ import annotations

import pytest

from qa.answer.span_order import keys_colours

from conftest import answerer_with


@pytest.mark.parametrize("text, keyed", [
    ("(A) Discs were treated with MMS and stained with DAPI (blue) and an anti-γH2Av antibody (green).", True),
    ("PARP1 (yellow) and UFL1 (red) colocalize to the reversed replication forks.", True),
    ("Foci are shown in red and nuclei in light blue.", True),
    ("Red arrows mark the stalled forks; the dashed grey line is the WT mean.", True),
    ("3) Inhibition of fibrosis: hepatocyte growth factor (HGF), bFGF, adrenomedullin (ADM).", False),
    ("C, F qRT-PCR quantification of the indicated genes relative to gpd-3.", False),
    ("Cells expressing green fluorescent protein (GFP) were sorted.", False),  # a name, not a key
    ("Counts of white blood cells after infusion.", False),
])
def test_a_sentence_keying_colours_is_read_from_the_closed_class_of_colour_words(text, keyed):
    assert keys_colours(text) is keyed


def test_the_legend_listing_what_is_asked_is_the_first_span(settings, index):
    """Figueroa 2012 lists the secreted factors by effect only in its Figure 1 legend ("Inhibition of
    fibrosis: hepatocyte growth factor (HGF), bFGF, adrenomedullin (ADM)"); the running text names the
    factors without saying which inhibit fibrosis. The legend keys no colour: it keeps its score."""
    answer = answerer_with(settings, index).ask("Which MSC-secreted factors are listed as inhibiting fibrosis?")
    assert answer.found
    assert "hepatocyte growth factor (HGF), bFGF, adrenomedullin (ADM)" in answer.spans[0].text, answer.spans[0].text


def test_a_legend_keying_colours_still_yields_to_the_methods(pdf_library):
    """The Figure 2 legend naming the antibody beside its colour ("DAPI (blue)"), without the dilution, comes
    after the Methods sentence stating "1:500 anti-γH2Av antibody" (it led with the penalty on every legend
    off, thirty-seventh session). Since the thirty-ninth session a dilution is an asked value (a ratio to one,
    qa.retrieval.number_units), so the Methods sentence stating it leads with the penalty off too: the legend,
    keying colours, states none; the colour-keyed legend yielding by the penalty alone is
    test_citing_other_statements.py's follow-up (it fails with the penalty off)."""
    settings, index = pdf_library
    question = "What dilution of the gamma-H2Av antibody was used to stain wing discs?"
    answer = answerer_with(settings, index).ask(question)
    assert "1:500 anti-γH2Av antibody" in answer.spans[0].text, answer.spans[0].text
    legend = "stained with DAPI (blue) and an antibody recognizing γ−H2Av (red)."
    assert keys_colours(legend)
    off = answerer_with(settings, index, span_legend_penalty=0.0).ask(question)
    assert "1:500 anti-γH2Av antibody" in off.spans[0].text and not keys_colours(off.spans[0].text)
