"""A refusal or a caution never calls a word unwritten that the library writes (qa.answer.written), and a question
whose words only a cited study's reference title writes is refused naming those studies as titles."""
from __future__ import annotations

from tests.conftest import answerer_with

NEUTROPHILS = "do the committed cells still work as neutrophils, like oxidative burst or bacterial killing?"
LYSATE = "Which GVHD studies used MSCs expanded in platelet lysate instead of fetal bovine serum?"


def test_a_refusal_names_the_article_writing_the_word_the_quoted_ones_never_write(pdf_library):
    """The refusal reads the articles it would quote (a bacteriology article never writing 'neutrophils'); the
    Cell Reports article writes 'neutrophils' in its summary, so the line says so instead of calling it unwritten."""
    settings, index = pdf_library
    answer = answerer_with(settings, index).ask(NEUTROPHILS)
    assert not answer.found
    assert "never write of 'neutrophils'" not in answer.message
    assert "The library writes of 'neutrophils' (10.1016_j.celrep.2021.109967" in answer.message
    assert index.bm25.df("neutrophil") > 0


def test_a_word_only_a_reference_title_writes_is_named_with_its_studies(settings, index):
    """'lysate' is in no passage of the reviews, only in two titles of kim2013's reference list ([87] Lucchini,
    [91] von Bonin): the question stays refused, and the refusal names both studies as titles (user trial 55 Q12)."""
    assert index.bm25.df("lysate") == 0
    answer = answerer_with(settings, index).ask(LYSATE)
    assert not answer.found
    assert "Only the titles of studies the articles cite write 'lysate'" in answer.message
    assert "kim2013 [87] Lucchini 2010" in answer.message and "kim2013 [91] von Bonin 2009" in answer.message
    assert "not a finding the articles state" in answer.message
    off = answerer_with(settings, index, answer=settings.answer.model_copy(update={"refusal_title_note": False}))
    assert "lysate" not in off.ask(LYSATE).message


def test_a_name_in_a_reference_title_is_not_said_to_be_used_by_no_article(settings, index):
    """kim2013 writes 'HMGB1' only in a reference title: the caution says so instead of "No article uses"."""
    assert index.bm25.df("hmgb1") == 0
    answer = answerer_with(settings, index).ask("Which references show that HMGB1 signalling drives MSC migration?")
    text = answer.message + " " + answer.caution
    assert "No article uses 'HMGB1'" not in text
    assert "writes 'HMGB1', which the question names: kim2013 [" in text


def test_a_hyphenated_word_the_library_writes_is_read_without_the_unused_claim(settings, index):
    """'co-transplantation' is read through the synonyms as 'cotransplantation or coinfusion', but pmc3782548 writes
    it so: the reading is said, not that no article uses it; 'kids', written nowhere, keeps the claim."""
    answerer = answerer_with(settings, index)
    answer = answerer.ask("In haploidentical HSCT with MSC co-transplantation, in how many patients was donor-type "
                          "MSC chimerism detected at 3 months?")
    assert "Read 'co-transplantation' as" in answer.message
    assert "no article uses 'co-transplantation'" not in answer.message
    kids = answerer.ask("were MSCs given to kids with brittle bone disease?")
    assert "no article uses" in kids.message and "'brittle bone disease'" in kids.message
