"""In a question asking several things or comparing two, a sentence joined after the first quote's own
offers no key when it names none of the question's words the own sentence lacks and less of the
question's concepts (`joined_several_concepts`, qa.answer.references.names_less); one naming as much may
state another item and keeps its key. Real seeds + ten-PDF indexes; questions worded for these tests;
each drop is also asked with the rule off, so a test fails if the rule does nothing."""
from __future__ import annotations

import pytest

from conftest import answerer_with

CELREP = "10.1016_j.celrep.2021.109967"


def keys(span) -> list[str]:
    return [c.key for c in span.citations]


@pytest.mark.parametrize("question, joined", [
    # "In NZB/W F1 lupus mice ... (Chang et al., 2011) ... no long-term engraftment. Even if MSCs protect
    # ... injury (Humphreys and Bonventre, 2008; Choi et al., 2009), paracrine ... (Bi et al., 2007)."
    ("Long-term engraftment after a single MSC infusion: how do baboons compare with NZB/W lupus mice?",
     {"Humphreys 2008", "Choi 2009", "Bi 2007"}),
    # "... cells of the mesenchymal lineage, including adipocytes, ... [2,10,11]. In addition, some studies
    # suggested that the differentiation potential of MSCs extends beyond ... hepatocytes [12,13], ..."
    ("which cell types of the mesenchymal lineage can MSCs turn into?", {"12", "13", "14", "15", "16", "17"}),
])
def test_a_joined_sentence_naming_less_of_a_several_things_question_is_context(settings, index, question, joined):
    on = answerer_with(settings, index).ask(question).spans[0]
    off = answerer_with(settings, index, joined_several_concepts=False).ask(question).spans[0]
    assert on.text == off.text  # the quote is the same; only what it offers changes
    assert not joined & set(keys(on)) and joined <= {c.key for c in on.also_cited}
    assert joined <= set(keys(off))
    assert set(keys(on)) == set(keys(off)) - joined  # the own sentence's keys stay


def test_a_joined_sentence_naming_as_much_may_state_another_item(pdf_library):
    """'"Differentiation therapy" with all-trans retinoic acid (ATRA) and arsenic trioxide offers curative
    therapy ... (Huang et al., 1987). Inhibition of mutant IDH2 ... may also induce differentiation (Losman et
    al., 2013).': the second therapy is another item of the list asked for, and keeps its study."""
    settings, index = pdf_library
    answer = answerer_with(settings, index).ask("Which differentiation therapies for AML does the discussion mention?")
    first = answer.spans[0]
    assert first.doc_id == CELREP and "IDH2" in first.text
    assert {"Huang 1987", "Losman 2013"} <= set(keys(first))
