"""A secondary quote of another review than the first quote's cites only when it names as much of the
question's concepts as the first quote (`citation_other_document_margin`, qa.answer.secondary.concept_margin;
evals/README.md, twenty-seventh session). Real seeds index; questions worded for these tests; each case is
also asked with the setting off (1.0: the ordinary `citation_concept_margin` for every quote)."""
from __future__ import annotations

from conftest import answerer_with

TREGS = "Which papers back the induction of Tregs by MSCs in in vivo models?"
MALIGNANT = "risk of MSCs becoming malignant - which refs?"


def keys(span) -> set[str]:
    return {c.key for c in span.citations}


def test_another_reviews_quote_naming_less_is_printed_not_offered(settings, index):
    """kim2013's "The ability of MSCs to induce Tregs has been observed both in vitro [42,43] and in vivo in
    various models [44-49]" answers; figueroa2012's "MSCs have also been shown to induce the generation of
    functional Tregs both in vitro and in vivo (González ...)" names fewer of the asked concepts (no 'models'):
    its studies stay printed in the quote, not offered."""
    on = answerer_with(settings, index).ask(TREGS)
    off = answerer_with(settings, index, citation_other_document_margin=1.0).ask(TREGS)
    assert [s.text for s in on.spans] == [s.text for s in off.spans]
    assert on.spans[0].doc_id == "kim2013" and {"44", "49"} <= keys(on.spans[0])
    other = [i for i, s in enumerate(off.spans) if s.doc_id == "figueroa2012"]
    assert other and "Gonzalez 2009" in keys(off.spans[other[0]])
    assert not keys(on.spans[other[0]])
    assert "Gonzalez 2009" in {c.key for c in on.spans[other[0]].also_cited}


def test_another_reviews_quote_naming_as_much_still_cites(settings, index):
    """Both reviews state the malignant transformation with the same asked concepts: figueroa2012's
    (Miura 2006, Spaeth 2009) and kim2013's "Their potential to transform malignantly [152,153]" both cite."""
    on = answerer_with(settings, index).ask(MALIGNANT)
    by_doc = {s.doc_id: keys(s) for s in on.spans[:2]}
    assert "Miura 2006" in by_doc.get("figueroa2012", set())
    assert {"152", "153"} <= by_doc.get("kim2013", set())


def test_the_margin_applies_only_across_documents(settings):
    from types import SimpleNamespace

    from qa.answer.secondary import concept_margin

    def unit(doc: str):
        return SimpleNamespace(hit=SimpleNamespace(passage=SimpleNamespace(doc_id=doc)))

    st = settings.answer
    assert concept_margin(unit("a"), unit("a"), st) == st.citation_concept_margin
    assert concept_margin(unit("b"), unit("a"), st) == min(st.citation_concept_margin,
                                                           st.citation_other_document_margin)
    loose = st.model_copy(update={"citation_other_document_margin": 1.0})
    assert concept_margin(unit("b"), unit("a"), loose) == st.citation_concept_margin
