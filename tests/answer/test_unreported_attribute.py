"""An answer whose asked attribute no quote names, holding a word English rarely uses that the quoted
articles never write in any form, is refused below `unreported_attribute_refusal_below`
(qa.answer.unreported.unreported_attribute; evals/README.md "Near-miss refusal recall, fourth pass").
Real reviews' index and the real PDF library; the questions are written for these tests."""
from __future__ import annotations

from conftest import answerer_with

from qa.answer.unreported import unreported_attribute

VISCOSITY = "What viscosity did the Prochymal product have?"


def test_a_rare_attribute_word_no_quoted_article_writes_is_read(settings, index):
    answerer = answerer_with(settings, index)
    reviews = set(index.passages.doc_ids)
    assert unreported_attribute(answerer, VISCOSITY, "fact", [], reviews) == ["viscosity"]
    assert unreported_attribute(answerer, "What karyotype did the expanded MSCs show?", "fact", [], reviews) \
        == ["karyotype"]
    # a rare word the reviews do write ('tropism', 50 in the dictionary) is no evidence of absence
    assert unreported_attribute(answerer, "What tropism did the infused MSCs show?", "fact", [], reviews) == []
    # an everyday or only fairly rare word ('machine'; 'regimen', 927) may be put otherwise by the article
    assert unreported_attribute(answerer, "On what machine were the MSCs expanded?", "fact", [], reviews) == []
    assert unreported_attribute(answerer, "What mycophenolate mofetil regimen did the lupus patients get?", "fact",
                                [], reviews) == []


def test_a_named_attribute_a_yes_no_or_no_article_is_not_read(settings, index):
    answerer = answerer_with(settings, index)
    reviews = set(index.passages.doc_ids)
    assert unreported_attribute(answerer, VISCOSITY, "fact", ["Its viscosity was 2 cP."], reviews) == []
    assert unreported_attribute(answerer, "Did the Prochymal product have a high viscosity?", "yesno", [],
                                reviews) == []  # a yes/no is `unreported_words`' to read
    assert unreported_attribute(answerer, VISCOSITY, "fact", [], set()) == []
    off = answerer_with(settings, index, unreported_frequency=0)
    assert unreported_attribute(off, VISCOSITY, "fact", [], reviews) == []


def test_a_weak_answer_asking_an_unwritten_attribute_is_refused_on_the_pdf_library(pdf_library):
    """'viscosity' is in no PDF. The earlier attribute checks (quotes naming no 'viscosity', below
    0.3 / 0.4) are set off to show this rule alone: in its band (confidence about 0.37) the answer
    is refused naming the word, and answered with the band at 0."""
    settings, index = pdf_library
    question = "What viscosity did the MH42-conjugated LNPs have?"
    alone = {"attribute_refusal_below": 0.0, "quantity_attribute_refusal_below": 0.0}
    answer = answerer_with(settings, index, **alone).ask(question)
    assert not answer.found and not answer.spans
    assert "No article writes of 'viscosity'" in answer.message
    assert answer.confidence < settings.answer.unreported_attribute_refusal_below
    off = answerer_with(settings, index, unreported_attribute_refusal_below=0.0, **alone).ask(question)
    assert off.found and off.spans


def test_a_word_an_article_writes_in_another_script_is_written(pdf_library):
    """'zeta' is written by the fly paper as the Greek letter ("Pol ζ"): with the band at every
    confidence the answer quoting it stands (the tokenizer reads ζ as 'zeta')."""
    settings, index = pdf_library
    answer = answerer_with(settings, index, unreported_attribute_refusal_below=1.01).ask(
        "What zeta potential did the untargeted LNPs have?")
    assert answer.found
