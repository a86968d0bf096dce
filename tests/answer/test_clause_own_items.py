"""A listed item the question names cites (`clause_own_items`; evals/README.md, thirtieth session, "Citation
recall on the reviews"): within the sources clause rule (`sources_clause_share`), a short item of a list whose
head names the question, naming question words of its own worth at least the question's mean term weight,
cites however little of the best clause's weight it names. Real seeds index; questions worded for these tests;
the rule is also asked with its setting off, so a test fails if it does nothing."""
from __future__ import annotations

from conftest import answerer_with


def keys(span) -> set[str]:
    return {c.key for c in span.citations}


def test_a_listed_item_naming_its_own_question_word_cites(settings, index):
    """'... bone, cartilage [18], myocardial [19,20], neural [21,22], and hepatic tissues [13]': the question
    lists liver tissue, which only the last item names (as 'hepatic', the expansion of 'liver'); its [13] was
    printed, not offered."""
    question = "Which studies are cited for MSC engraftment in damaged cartilage, heart and liver tissue?"
    on = answerer_with(settings, index, clause_own_items=True).ask(question).spans[0]
    off = answerer_with(settings, index, clause_own_items=False).ask(question).spans[0]
    assert on.text == off.text and "hepatic tissues [13]" in on.text
    assert "13" in keys(on) and {"18", "19", "20", "21", "22"} <= keys(on)
    assert "13" not in keys(off) and "13" in {c.key for c in off.also_cited}


def test_an_item_naming_only_a_common_word_of_an_expansion_does_not_cite(settings, index):
    """'stem cell factor/c-kit, HGF/c-Met [56]' names 'stem' (of 'mesenchymal stem cell', the expansion of
    MSC) and nothing else of the question: below the question's mean term weight, it is no listed item."""
    question = "Which references implicate SDF-1/CXCR4 in MSC migration to tumors?"
    first = answerer_with(settings, index, clause_own_items=True).ask(question).spans[0]
    assert {"54", "55"} <= keys(first) and "56" not in keys(first)
