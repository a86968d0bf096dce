"""User trial 37 (docs/user-trial-37.md): a long citation group after the one naming the question,
naming no question word itself, is another statement of the sentence, not an item of a list its head
asks for (`long_unnamed_clause`, qa.answer.clauses.long_statements). Real seeds index and the real
ten-PDF evaluation index; each question is also asked with the rule off, so a test fails if the rule
does nothing."""
from __future__ import annotations

from conftest import answerer_with

from qa.answer.clauses import long_statements

NAR = "10.1093_nar_gkae252"


def keys(span) -> list[str]:
    return [c.key for c in span.citations]


def test_the_msh6_clause_does_not_cite_for_the_dnmt3b_recruitment(pdf_library):
    """'This mark recruits the DNMT3B (28,29) protein, which increases gene body DNA methylation, and
    also the DNA repair protein MSH6 (30); both factors have potential to affect mutation rates (31).'"""
    settings, index = pdf_library
    q = "Which references show that H3K36me3 recruits DNMT3B?"
    on = next(s for s in answerer_with(settings, index).ask(q).spans if s.doc_id == NAR
              and s.text.startswith("This mark recruits"))
    off = next(s for s in answerer_with(settings, index, long_unnamed_clause=False).ask(q).spans
               if s.doc_id == NAR and s.text.startswith("This mark recruits"))
    assert sorted(keys(on), key=int) == ["28", "29"]
    assert {"30", "31"} <= {c.key for c in on.also_cited}
    assert "30" in keys(off)


def test_an_unsplit_sentence_cites_only_its_definition(settings, index):
    """figueroa2012: 'SS is an immune mediated disease with a prominent vascular and microvascular
    component often leading to ischemic complications (Guiducci et al., 2007) Since MSCs can
    differentiate to endothelial cells ... (Martens et al., 2006), therapy ... (Christopheit et al.,
    2008; Guiducci et al., 2010).' (no full stop after the first citation: one 'sentence')."""
    q = "What is systemic sclerosis?"
    on = answerer_with(settings, index).ask(q)
    off = answerer_with(settings, index, long_unnamed_clause=False).ask(q)
    assert [r.key for r in on.references] == ["Guiducci 2007"]
    assert {"Martens 2006", "Guiducci 2007"} <= {r.key for r in off.references}


def test_short_items_of_a_head_and_a_clause_before_the_asked_one_are_kept():
    """Only a group after one naming the question, long and naming nothing asked, in one sentence."""
    named = [{"suppress", "proliferation"}, set(), set()]
    assert long_statements(named, [6, 3, 2], ["a", "b", "c"], 12) == [False, False, False]
    assert long_statements(named, [6, 14, 2], ["a", "b", "c"], 12) == [False, True, False]
    assert long_statements([set(), set(), {"x"}], [14, 14, 3], ["a", "b", "c"], 12) == [False, False, False]
    assert long_statements(named, [6, 14, 2], ["a", "b. The next", "c"], 12) == [False, False, False]


def test_colony_forming_units_are_a_dose():
    """'daily administration of 10¹⁰ CFU' states a dose (the power of ten in superscripts)."""
    from qa.retrieval.question import has_number

    assert has_number("daily administration of 10¹⁰ CFU of pasteurized or live bacteria", "dose")
    assert has_number("a phage library (1 × 10¹¹ PFU/ml)", "dose")
    assert has_number("mice were infected with 5 x 10^6 colony-forming units", "dose")
    assert not has_number("CFU counts were compared between groups", "dose")


def test_the_dose_sentence_before_the_safety_sentence_is_quoted(pdf_library):
    """cancers14194849: '... daily administration of 10¹⁰ CFU ... for 3 months resulted in ...
    Supplementation was well tolerated, and the clinical trial (NCT02637115) demonstrated that A.
    muciniphila supplementation is safe [47].' Before: the safety sentence alone, cautioned 'No quote
    states a dose'."""
    settings, index = pdf_library
    q = ("What daily dose of A. muciniphila was given in the supplementation trial in overweight "
         "volunteers, and was it safe?")
    answer = answerer_with(settings, index).ask(q)
    first = answer.spans[0]
    assert "10¹⁰ CFU" in first.text and "is safe" in first.text
    assert keys(first) == ["47"] and "dose" not in answer.caution
