"""A sentence joined after a span by its score, naming none of the question's words that the span's
own citing sentence lacks while that sentence covers much of the question, is context: its citations
are printed, not offered (`joined_adds_share`, qa.answer.references.joined_context). Real index,
questions worded for these tests; each is also asked with the rule off."""
from __future__ import annotations

from conftest import answerer_with


MIRNA = "Do different mouse models of lupus share common microRNA expression patterns?"


def test_the_joined_sentences_other_studies_are_printed_not_offered(answerer, settings, index):
    """'Common miRNA patterns of expression have been found in three different murine models of SLE
    (Dai et al., 2010), suggesting ... . Since MSCs have been shown to secrete microparticles ...
    (Chen et al., 2010), several authors have suggested ... (Camussi et al., 2010).'"""
    first = answerer.ask(MIRNA).spans[0]
    assert "Common miRNA patterns" in first.text and "microparticles" in first.text
    assert [c.key for c in first.citations] == ["Dai 2010"]
    assert {"Chen 2010", "Camussi 2010"} <= {c.key for c in first.also_cited}
    off = answerer_with(settings, index, joined_adds_share=0.0).ask(MIRNA).spans[0]
    assert {"Dai 2010", "Chen 2010", "Camussi 2010"} <= {c.key for c in off.citations}


def test_an_own_sentence_covering_little_of_the_question_keeps_the_joined_study(answerer):
    """User trial 13 H: '... GVHD (English et al., 2010). In 2004, Le Blanc et al, treated a 9-year-old
    boy ...' asked 'mscs gvhd response?': the first sentence names little of it, the case is the answer."""
    first = answerer.ask("mscs gvhd response?").spans[0]
    assert {"English 2010", "Le Blanc 2004"} <= {c.key for c in first.citations}
