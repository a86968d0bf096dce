"""An answer none of whose quotes names the attribute asked (two words or more), a word of which no
quoted article writes anywhere, is cautioned (`unstated_attribute_caution`, qa.answer.cautions): user
trial 42's Q11 (trial 41's Q19) was answered from the sequencing sentences with no warning. Hand-written
questions, none from the evaluation sets."""
from __future__ import annotations

import pytest

from conftest import answerer_with

pytestmark = pytest.mark.slow

RIN = "What RNA integrity number cutoff was used for the metagenomic sequencing?"


def test_a_near_miss_the_article_never_writes_is_cautioned(pdf_library):
    settings, index = pdf_library
    answer = answerer_with(settings, index).ask(RIN, docs=["10.3390_cancers14194849"])
    assert answer.found
    assert "No quote names the RNA integrity number cutoff" in answer.caution and "'cutoff'" in answer.caution
    off = answerer_with(settings, index, unstated_attribute_caution=False).ask(RIN, docs=["10.3390_cancers14194849"])
    assert "No quote names" not in off.caution


def test_an_attribute_the_quotes_name_is_not_cautioned(pdf_library):
    settings, index = pdf_library
    answer = answerer_with(settings, index).ask("What dose of doxorubicin did the TNBC mice receive?")
    assert answer.found and "No quote names" not in answer.caution


def test_a_one_word_attribute_is_not_read(settings, index):
    """A generic noun ('benefits') is answered without being named: no caution for it."""
    from qa.answer.cautions import unstated_caution
    from qa.answer.answerer import Answerer
    from qa.retrieval.retriever import Retriever

    answerer = Answerer(retriever=Retriever(settings, index=index))
    quotes = ["MSCs were infused to promote engraftment."]
    assert unstated_caution(answerer, "What benefits were seen?", "fact", quotes, {"kim2013"}) == ""
    # two words, one the article never writes: cautioned, naming that word
    note = unstated_caution(answerer, "What zeta potential was measured?", "fact", quotes, {"kim2013"})
    assert "zeta potential" in note and "'zeta'" in note


def test_an_articles_text_is_tokenized_once_per_loaded_index(pdf_library):
    """The caution reads what the quoted articles write anywhere (`unreported.text_tokens`): the tokens
    of their whole texts, each article's tokenized once and kept on the loaded index."""
    from qa.answer.unreported import text_tokens
    from qa.index.analyzer import tokenize

    _, index = pdf_library
    docs = {"10.3390_cancers14194849", "10.7554_elife.91357.3"}
    expected = {t for d in docs for t in tokenize(index.document(d).text)}
    assert text_tokens(index, docs) == expected
    kept = index.__dict__["_text_tokens"]["10.3390_cancers14194849"]
    assert text_tokens(index, {"10.3390_cancers14194849"}) == kept
    assert index.__dict__["_text_tokens"]["10.3390_cancers14194849"] is kept  # not tokenized again
    assert "cutoff" not in kept and "sequencing" in kept
