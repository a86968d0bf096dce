"""A question's name that another article writes but the first quote's article never does
(`unquoted_names`, qa/answer/abbreviations.py) cautions the answer: "Which clinical trial phase have the
MH42 peptide LNPs reached in patients?" (no article reports a trial of them) quoted a review's trial
table row first, with no caution (user trial 32 Q22)."""
from __future__ import annotations

from conftest import answerer_with

# (was "Which clinical trial phase have the MH42 peptide LNPs reached in patients?": since a question
# asking a table column takes only rows naming its subject (twenty-seventh session, table rows as
# cells), its first quote is the MH42 article's own sentence, no kim2013 'Phase' row)
ASKED = "How many patients with GVHD were treated with MH42 LNPs?"


def test_a_first_quote_from_an_article_never_naming_the_asked_name_is_cautioned(pdf_library):
    settings, index = pdf_library
    answer = answerer_with(settings, index).ask(ASKED)
    assert answer.found and answer.spans[0].doc_id == "kim2013"
    assert "MH42" in answer.caution and "never writes" in answer.caution
    off = answerer_with(settings, index, unquoted_name_caution=False).ask(ASKED)
    assert "never writes" not in off.caution


def test_a_first_quote_from_the_article_writing_the_name_is_not(pdf_library):
    settings, index = pdf_library
    answer = answerer_with(settings, index).ask(
        "How much MH42 LNP was delivered subretinally in the rhesus macaque?")
    assert answer.found and "never writes" not in answer.caution


def test_a_name_written_as_its_glossary_long_form_counts_as_written(settings, index):
    # the reviews: 'GVHD' is written in every review; a name no article writes is absent_names' concern
    answer = answerer_with(settings, index).ask("What response rates did MSCs give in steroid-resistant GVHD?")
    assert answer.found and "never writes" not in answer.caution
