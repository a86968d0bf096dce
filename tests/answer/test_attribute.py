"""The asked attribute read from a question's wording (qa.answer.attribute), and the refusal
feature `attribute_missing` that checks whether the best answer sentences name it."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from qa.answer.attribute import asked_attribute
from qa.answer.refusal import FEATURES, attribute_missing
from qa.index.analyzer import tokenize
from qa.settings import Settings


@pytest.mark.parametrize("question, words, aliases", [
    ("What is the half-life of intravenously infused MSCs in the lungs?", ("half-life",), ()),
    ("What's the median age of the patients?", ("median", "age"), ()),
    ("What melting temperature (Tm) did the assay give for the enzyme?", ("melting", "temperature"), ("Tm",)),
    ("How many mice per genotype were in the survival experiment?", ("mice", "per", "genotype"), ()),
    ("Liang lupus trial - what cell dose per kg?", ("cell", "dose", "per", "kg"), ()),
    ("In the placebo-controlled trials, what durable response rates were seen?", ("durable", "response", "rates"), ()),
    ("de Lima cord blood: median day of neutrophil recovery?", ("median", "day"), ()),
    ("remission rate in the phase III Crohn's trial?", ("remission", "rate"), ()),
    ("What percentage of photoreceptors were transfected after the injection?", ("percentage",), ()),
    ("At what gestational age was the fetus given MSCs?", ("gestational", "age"), ()),
])
def test_the_noun_phrase_the_wh_word_asks_for_is_the_attribute(question, words, aliases):
    attribute = asked_attribute(question)
    assert attribute is not None and attribute.words == words and attribute.aliases == aliases
    assert not set(tokenize(" ".join(words))) & set(tokenize(attribute.rest))  # the rest is the entity


@pytest.mark.parametrize("question", [
    "Did MSCs reduce mortality in COVID-19 ARDS?",  # yes/no
    "How much did EDSS scores change after intrathecal MSCs?",  # 'how' + adverb: no noun asked
    "What did Akiyama find in MSCs from systemic sclerosis patients?",  # a clause is asked
    "What happens to the slow-moving zone if elongation is blocked?",  # 'happens' is a verb
    "Which studies used MSCs for bronchopulmonary dysplasia?",  # the phrase runs into a verb
    "and cold shock?",  # a follow-up naming a new element, of nothing
    "csrA KO vs WT proteomics: # proteins up and # down?",  # before the colon is the topic
])
def test_a_question_whose_form_names_no_attribute_has_none(question):
    assert asked_attribute(question) is None


def _units(*sentences: str) -> list[SimpleNamespace]:
    return [SimpleNamespace(tokens=frozenset(tokenize(s))) for s in sentences]


def test_attribute_missing_is_the_heaviest_attribute_word_no_best_unit_names():
    weights = {"melting": 3.0, "temperature": 1.0, "halflife": 2.0, "half": 1.0, "life": 1.0}
    no_names = lambda phrase: []  # noqa: E731 (no glossary or synonym counterparts)
    question = "What melting temperature did the assay give for the enzyme?"
    growth = _units("The optimal growth temperature was 70 °C.", "The enzyme was assayed.")
    assert attribute_missing(question, "number", growth, weights, 4.0, no_names) == 0.75  # 'melting'
    melting = _units("Its melting temperatures were 72 and 75 °C.")
    assert attribute_missing(question, "number", melting, weights, 4.0, no_names) == 0.0
    # the question's own bracket, or a glossary / synonym counterpart, is another name for it
    bracketed = "What melting temperature (Tm) did the assay give for the enzyme?"
    tm = _units("The Tm was 72 °C.")
    assert attribute_missing(bracketed, "number", tm, weights, 4.0, no_names) == 0.0
    glossary = lambda phrase: [[["melting", "temperature"], ["tm"]]]  # noqa: E731
    assert attribute_missing(question, "number", tm, weights, 4.0, glossary) == 0.0
    # another form of the word is the word (refusal.written_forms: "survived" / "survival")
    survived = _units("Most of the treated mice survived.")
    assert attribute_missing("What was the survival of the treated mice?", "fact", survived, weights, 4.0,
                             no_names) == 0.0
    assert attribute_missing("What is the half-life of the peptide?", "fact", survived, weights, 4.0,
                             no_names) == 0.5  # 'halflife' (2.0 of 4.0) is named nowhere
    # no attribute (yes/no), or a sources question (asks for citations): nothing is missing
    assert attribute_missing("Did the enzyme melt?", "yesno", growth, weights, 4.0, no_names) == 0.0
    assert attribute_missing("Which studies report the melting temperature?", "sources", growth, weights,
                             4.0, no_names) == 0.0


@pytest.fixture(scope="module")
def answerer(settings, index):
    from qa.answer.answerer import Answerer
    from qa.retrieval.retriever import Retriever

    return Answerer(retriever=Retriever(settings, index=index))


@pytest.mark.parametrize("near_miss, stated", [
    ("What was the median age of the lupus patients treated with MSCs?",
     "What response rate did MSCs achieve in steroid-resistant acute GVHD?"),
    ("What was the cell dose per kg in the Le Blanc GVHD study?",
     "How many patients were treated in the Kharaziha liver cirrhosis trial?"),
])
def test_on_the_real_reviews_a_near_miss_lacks_its_attribute_and_is_refused(answerer, near_miss, stated):
    """The reviews discuss lupus patients and the Le Blanc study, but no sentence retrieved for them
    names an age or a dose per kg; the response rate and the patients counted are named. The
    fitted model reads a missing attribute as absence."""
    from qa.answer.question import classify

    def feature(question: str) -> float:
        query = answerer.retriever.query_from(question, None).with_kind(classify(question))
        hits = answerer.retriever.search(query, k=10)
        units = answerer.units(hits)
        answerer.score_units(query, units)
        units.sort(key=lambda u: -u.score)
        return answerer.refusal_features(query, units, hits)[FEATURES.index("attribute_missing")]

    assert feature(near_miss) > 0.5 and feature(stated) == 0.0
    assert Settings().answer.refusal_coefficients[FEATURES.index("attribute_missing")] < 0
    assert not answerer.ask(near_miss).found and answerer.ask(stated).found
