"""The sentence that introduces the term a definition question asks about (qa.retrieval.defining),
on sentences of the real articles and their glossaries."""
import pytest

from qa.retrieval.defining import asked_terms, defines, with_abbreviations
from qa.retrieval.sentence_focus import focus_match


@pytest.mark.parametrize("question, terms", [
    ("What is MK-D1?", ("MK-D1",)),
    ("What is the 'three-allele library' used to test candidate genes?", ("three-allele library",)),
    ("What is meant by MSC 'licensing'?", ("licensing",)),
    ("What is CD146 a marker of in MSCs?", ("CD146 a marker", "CD146")),
    ("UMR vs LMR, what is the difference?", ("difference", "UMR", "LMR")),
    ("What is systemic sclerosis?", ("systemic sclerosis",)),
    ("Why did the trial stop?", ()),
])
def test_asked_terms(question, terms):
    assert asked_terms(question) == terms


@pytest.mark.parametrize("terms, text, expected", [
    # apposition, naming verb, abbreviation after its long form, copula with the term as subject
    (("MK-D1",), "we also modeled EF-1A from Candidatus Prometheoarchaeum syntrophicum MK-D1 strain, the first "
                 "cultured Asgard archaeon that grows optimally at around 20 °C.", True),
    (("three-allele library",), "A comprehensive ordered mutant library of AB5075 is available that has two to three "
                                "sequence-verified transposon (Tn) insertions in each gene and is called the "
                                "three-allele library ( ).", True),
    (("UMR", "LMR"), "either with a near-complete lack of DNA methylation, unmethylated regions (UMRs), or lowly-"
                     "methylated regions (LMR), with intermediate methylation levels.", True),
    (("SS",), "SS is an immune mediated disease with a prominent vascular and microvascular component.", True),
    (("Prochymal",), "MSCs have been further developed into an FDA-approved commercialized product known as "
                     "Prochymal (Osiris Therapeutics Inc., Columbia, MD, USA).", True),
    # the term used, not introduced
    (("MK-D1",), "The MK-D1 EF-1A was stable across the temperature range from 0 to 60 °C.", False),
    (("three-allele library",), "We took advantage of the three-allele transposon library to test genes.", False),
    (("UMR", "LMR"), "Of note, LMRs were more tissue specific than UMRs.", False),
    (("Prochymal",), "Therefore, Prochymal was used to specifically treat pediatric patients.", False),
    # an abbreviation is matched as written, not inside a word
    (("SS",), "The class is a broad one.", False),
])
def test_defines(terms, text, expected):
    assert defines(terms, text) is expected


def test_glossary_gives_the_abbreviation_of_a_long_form(index):
    # the seeds' glossary reads "Systemic Sclerosis (SS)": the review defines SS, not the long form
    terms = with_abbreviations(("systemic sclerosis",), index.glossaries)
    assert "SS" in terms
    assert defines(terms, "SS is an immune mediated disease with a prominent vascular component.")


def test_definition_focus_reads_the_term_not_any_copula():
    question = "What is MK-D1?"
    assert focus_match("definition", question, "Genes are expressed in cells.", is_table_row=False, cited=False) == 0.0
    assert focus_match("definition", question, "MK-D1 is an Asgard archaeon.", is_table_row=False, cited=False) == 1.0


@pytest.mark.parametrize("question, kind", [("What is systemic sclerosis?", "definition"),
                                            ("What are the cells that make up the bone marrow niche?", "list")])
def test_the_defining_sentence_weighs_more_for_a_definition_question_only(settings, index, question, kind):
    """`definition_focus_weight` adds to a definition question's focus (the sentence defining the
    asked term) and to nothing else: the scores of every candidate differ by that weight times
    the focus, and not at all for another kind of question."""
    from conftest import answerer_with
    from qa.retrieval.question import classify
    from qa.retrieval.sentence_focus import without_citations

    plain, weighted = (answerer_with(settings, index, definition_focus_weight=w) for w in (0.0, 0.08))
    query = plain.retriever.query_from(question, None)
    query = query.with_kind(classify(question))
    assert query.kind == kind
    hits = plain.retriever.search(query, k=10)
    a, b = plain.units(hits), weighted.units(hits)
    plain.score_units(query, a)
    weighted.score_units(query, b)
    defining = 0
    for x, y in zip(a, b):
        focus = focus_match(query.kind, question, without_citations(x.text, x.start, x.citations),
                            is_table_row=x.hit.passage.kind == "table_row", cited=bool(x.citations),
                            terms=plain.retriever.defined_terms(question) if kind == "definition" else None)
        expected = 0.08 * focus if kind == "definition" else 0.0
        assert y.score - x.score == pytest.approx(expected, abs=1e-9)
        defining += focus > 0
    assert defining  # some retrieved sentence defines the term (or, for the list, enumerates)


def test_a_bracketed_abbreviation_defines_the_letters_not_the_long_form_asked(index):
    """"What is osteogenesis imperfecta?": "... children with severe osteogenesis imperfecta (OI) are
    very informative" introduces the letters OI, it does not say what the disease is; "OI is
    characterized by skeletal fragility ..." does. Asked as "What is OI?", the bracket defines it."""
    intro = ("In this context, clinical studies of culture-expanded high-dose MSCs transplantation for children "
             "with severe osteogenesis imperfecta (OI) are very informative.")
    states = "OI is characterized by skeletal fragility and connective tissue alterations."
    long_form = "What is osteogenesis imperfecta?"
    terms = with_abbreviations(("osteogenesis imperfecta",), index.glossaries)
    assert "OI" in terms  # the review's glossary pairs them
    assert not focus_match("definition", long_form, intro, is_table_row=False, cited=False, terms=terms)
    assert focus_match("definition", long_form, states, is_table_row=False, cited=False, terms=terms)
    letters = with_abbreviations(("OI",), index.glossaries)
    assert focus_match("definition", "What is OI?", intro, is_table_row=False, cited=False, terms=letters)


def test_the_sentence_stating_what_the_disease_is_answers_its_long_form(settings, index):
    from conftest import answerer_with

    first = answerer_with(settings, index).ask("What is osteogenesis imperfecta?").spans[0].text
    assert "characterized by skeletal fragility" in first, first[:160]
