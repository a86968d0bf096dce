"""A question asking several things of a plural head ("which concerns", "which follow-up visits") wants an
enumeration *of that head's members*: the answer-shape credit (qa.answer.focus.enumeration_shape) goes to a
sentence enumerating and naming the asked head in any form, not to any comma list. Before, a sentence listing
other things (the outcomes that improved, the injury models MSCs protect in) led the one naming the asked
head's members in a short list (thirty-third session, evals/README.md "fact questions")."""
from __future__ import annotations

import pytest

from qa.answer import focus
from qa.retrieval import plural_head
from qa.retrieval.sentence_focus import names_head


def test_the_shape_credit_goes_to_an_enumeration_naming_the_asked_head():
    question = "Which complications still limit stem cell transplantation?"
    # the head in another form ("complications" / "complicated": a shared stem)
    assert focus.enumeration_shape(question, "HSCT is complicated by regimen-related toxicity, engraftment "
                                             "failure, and GVHD.") == 1.0
    # an enumeration of other things
    assert focus.enumeration_shape(question, "Survival of animals lacking adr-1, adr-2 or both genes was "
                                             "assessed.") == 0.0
    assert focus.enumeration_shape(question, "Complications remain frequent.") == 0.0  # no enumeration


@pytest.mark.parametrize("question, text, named", [
    ("Which patient groups does it infect?", "adr-1, adr-2 or both genes", False),
    ("Which complications limit HSCT?", "complicated by toxicity, failure, and GVHD", True),
    ("Two classes gave 40 °C - which ones?", "Hermodarchaeia, Hodarchaeia and Heimdallarchaeia", True),  # a pro-form
    ("List the trials.", "A, B, and C", True),  # no plural wh-head: any enumeration
])
def test_names_head_reads_the_head_in_any_form_and_a_pro_form_as_no_head(question, text, named):
    assert names_head(question, text) is named


@pytest.mark.parametrize("question, answer, other", [
    # the outcomes list ("SLEDAI score, serum albumin, ... and anti-dsDNA antibodies") names no visit
    ("At which follow-up visits was SLEDAI significantly better in Sun's first four lupus nephritis patients "
     "given MSCs?", "at one, six and twelve months follow-up", "serum albumin, 24 h urinary protein"),
    # the injury-models sentence's list names no concern
    ("Which long-term safety concerns about MSC therapy does the review raise?",
     "Long term safety concerns remain an issue", "several models of acute and chronic myocardial"),
])
def test_a_plural_question_is_answered_by_the_sentence_naming_its_heads_members(question, answer, other):
    import qa

    first = qa.ask(question).spans[0].text
    assert answer in first and other not in first, first[:200]


@pytest.mark.parametrize("question, heads", [
    ("Which complications still limit HSCT?", ["complications"]),
    # a sort noun says little of what the items are: the wh-phrase's other words name them
    ("Which cell types can MSCs turn into?", ["types", "cell"]),
    ("Which kinds of protective effects are attributed to MSC-derived factors?", ["protective", "effects"]),
    ("Which enzyme removes the damaged nucleotides?", []),  # no plural head
])
def test_head_words_read_the_wh_phrase_around_a_sort_noun(question, heads):
    assert plural_head.head_words(question) == heads
