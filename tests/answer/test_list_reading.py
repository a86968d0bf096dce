"""A question whose wh-head is a plural noun asks for a list, in the retrieval and the answer alike
(evals/README.md, twenty-eighth session, "List questions helper")."""
from __future__ import annotations

import pytest

from qa.answer.focus import asks_plural
from qa.retrieval.plural_head import plural_head
from qa.retrieval.question import classify
from qa.retrieval.sentence_focus import focus_match, names_head
from tests.conftest import answerer_with


@pytest.mark.parametrize("question", [
    "Which enzymes attach the tag to proteins?", "What other phenotypes did the mutant show?",
    "Which genes were needed to survive drying?", "what dyes did they use to exclude dead cells?",
    "What kinds of stress do bacteria meet when they dry out?"])
def test_a_plural_wh_head_is_read_as_a_list(question: str):
    assert classify(question) == "list" and asks_plural(question, "list")


@pytest.mark.parametrize("question, kind", [
    ("Which enzyme removes the lesion?", "fact"),           # a singular head
    ("Which receptor pair recruits MSCs to the lung?", "fact"),
    ("Which studies used MSCs for GVHD?", "sources"),      # literature nouns ask for citations
    ("How many patients were treated?", "number"),
    ("Were the donors HLA-matched?", "yesno"),
    ("What kind of study was Osiris running?", "fact"),
    ("What happens to the grafted cells after the infusion?", "fact"),  # a verb in -s, not a plural head
    ("What seems to explain the slower growth of the mutant strains?", "fact"),
    ("Which patient's tumours shrank the most?", "fact")])  # the possessor is asked
def test_other_heads_keep_their_kind(question: str, kind: str):
    assert classify(question) == kind


def test_the_head_noun_of_a_sort_is_the_noun_after_of():
    assert plural_head("What kinds of stress do bacteria meet?") == "stress"
    assert plural_head("Which pathogenic bacterial strains were used in the assays?") == "strains"
    assert plural_head("Which enzyme removes the lesion?") is None


def test_an_enumeration_of_other_things_is_no_list_answer():
    """The list focus credits a sentence that enumerates the asked noun's members, not any enumeration:
    a sentence listing diseases is no answer to "Which properties ...?"."""
    question = "Which properties make MSCs attractive therapeutics?"
    other = "MSCs are being explored in trials of orthopedic injuries, GVHD, cardiovascular diseases, and liver diseases."
    asked = "MSCs possess three properties: multilineage differentiation, homing, and immunomodulation."
    assert not names_head(question, other) and names_head(question, asked)
    plain = {"is_table_row": False, "cited": False}
    assert focus_match("list", question, other, **plain) == 0.0 and focus_match("list", question, asked, **plain) == 1.0
    # without a plural head ("List the ...") any enumeration is credited, as before
    assert focus_match("list", "List the trials of MSCs in Crohn's disease.", other, **plain) == 1.0


def test_a_plural_head_question_is_answered_as_a_list_on_the_real_index(settings, index):
    """Read as a list, the answer still quotes the sentence that introduces the properties, not the
    Abstract's enumeration of diseases (the answer stage credits an enumeration once, as its shape)."""
    answer = answerer_with(settings, index).ask(
        "Which properties, besides easy isolation and expansion, make MSCs attractive therapeutic agents?")
    assert answer.kind == "list" and answer.found
    assert "unique characteristics that make them attractive" in answer.spans[0].text


@pytest.mark.parametrize("question", ["What category of study was Osiris running?",
                                      "Which form of trial tested MSCs in Crohn's disease?"])
def test_any_classifier_before_a_literature_noun_asks_a_category(question: str):
    # the classifier nouns are one closed class (qa.retrieval.interrogative.CLASSIFIERS), read by the kind
    # reading as by the asked attribute: 'category', 'form' ask the design as 'kind', 'type' do
    assert classify(question) == "fact"


def test_the_head_noun_after_any_classifier_is_the_noun_after_of():
    assert plural_head("What varieties of stress do bacteria meet?") == "stress"
