"""The asked attribute read from a question's wording (qa.retrieval.attribute), and the refusal of a
weak match none of whose quotes names it (`unstated`, `attribute_refusal_below`)."""
from __future__ import annotations


import pytest

from qa.retrieval.attribute import asked_attribute
from qa.answer.unstated import unstated

from qa.index.analyzer import tokenize


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



NO_NAMES = None  # no glossary or synonym counterparts


def test_unstated_names_the_attribute_no_quote_writes():
    question = "What melting temperature did the assay give for the enzyme?"
    assert unstated(question, "number", ["The optimal growth temperature was 70 °C."]) == "melting temperature"
    assert unstated(question, "number", ["Its melting temperatures were 72 and 75 °C."]) == ""
    # every quote counts, not only the first
    assert unstated(question, "number", ["The enzyme was assayed.", "It melts at 72 °C (melting temperature)."]) == ""


def test_another_name_or_another_written_form_of_the_attribute_is_the_attribute():
    tm = ["The Tm was 72 °C."]
    assert unstated("What melting temperature (Tm) did the assay give?", "number", tm) == ""  # its bracket
    glossary = lambda phrase: [[["melting", "temperature"], ["tm"]]]  # noqa: E731
    assert unstated("What melting temperature did the assay give?", "number", tm, glossary) == ""
    # "survived" for "survival", a hyphenated word's parts, British and American spelling
    assert unstated("What was the survival of the treated mice?", "fact", ["Most treated mice survived."]) == ""
    assert unstated("What is the half-life of the peptide?", "fact", ["Its half life was 2 h."]) == ""
    assert unstated("What standardised dose did they give?", "number", ["A standardized dose was given."]) == ""
    assert unstated("What is the half-life of the peptide?", "fact", ["Most treated mice survived."]) == "half-life"


def test_no_attribute_or_a_sources_question_is_never_unstated():
    quotes = ["The enzyme was assayed."]
    assert unstated("Did the enzyme melt?", "yesno", quotes) == ""
    assert unstated("Which studies report the melting temperature?", "sources", quotes) == ""
    assert unstated("What is the half-life of the peptide?", "fact", []) == "half-life"


# hand-written, not an evaluation question: the review describes the phase III Crohn's trial
# (design, multicenter, placebo) but gives no enrolment target
NEAR_MISS = "What enrolment target does the Crohn's phase III Osiris trial have?"


def test_a_weak_match_whose_quotes_never_name_the_asked_attribute_is_refused(answerer, settings, index):
    from conftest import answerer_with

    answer = answerer.ask(NEAR_MISS)
    assert not answer.found and not answer.spans
    assert settings.answer.refusal_threshold <= answer.confidence < settings.answer.attribute_refusal_below
    assert "enrolment target" in answer.message and answer.passages
    # the same question with the check off: answered from the trial's sentences
    # (the rare-attribute rule, 'enrolment' unwritten by the review, off too: evals/README.md fourth pass; and
    # the unwritten-measure rule, the review writing of targets but never of an 'enrolment': thirty-first session)
    assert answerer_with(settings, index, attribute_refusal_below=0.0, quantity_attribute_refusal_below=0.0,
                         unreported_attribute_refusal_below=0.0, unwritten_measure_refusal_below=0.0).ask(NEAR_MISS).found


def test_a_question_whose_quotes_name_the_attribute_is_answered(answerer):
    answer = answerer.ask("What fraction of donor cells was found in the OI children after MSC infusion?")
    assert answer.found and "fraction of donor cells" in answer.spans[0].text


def test_a_classifier_noun_is_no_attribute(settings, index):
    """Round 12: "and what sort of immune problems are they supposed to fix?" was refused as "none
    states the sort asked for". 'What sort / kind / type of X' asks which X, not a property of X."""
    from conftest import answerer_with
    from qa.retrieval.attribute import asked_attribute

    for question in ("and what sort of immune problems are they supposed to fix?",
                     "What type of MSCs were used in the lupus trial?", "what kinds of cancer?"):
        assert asked_attribute(question) is None, question
    assert asked_attribute("What dose of MSCs was given?").words == ("dose",)
    answer = answerer_with(settings, index).ask(
        "and what sort of immune problems are they supposed to fix?",
        previous="What immune-modulating capacities does the HSCT review credit MSCs with?")
    assert answer.found and answer.spans[0].doc_id == "pmc3782548"


# hand-written, not an evaluation question: the review reports the fistula trials' local injection
CHOICE = "intravenous or intra-arterial infusion - which one did the Crohn's fistula trials use?"


def test_the_pronoun_one_is_no_attribute(settings, index):
    """'Which one(s)' stands for a noun the question names elsewhere (the alternatives before it, "two
    classes"): the answer names a member, never 'one', so a weak match was refused as "none states the
    one asked for" (blind-dev PDFs b12, b18: answerable; thirty-second session, out-of-fold audit)."""
    from conftest import answerer_with

    for question in (CHOICE, "Two classes gave an optimum of 40 °C - which ones?", "and which ones were depleted?"):
        assert asked_attribute(question) is None, question
    assert asked_attribute("What one-year survival was reported?").words == ("one-year", "survival")
    answer = answerer_with(settings, index).ask(CHOICE)
    assert answer.found and answer.spans[0].doc_id == "figueroa2012"
    assert answer.confidence < settings.answer.attribute_refusal_below and answer.caution  # weak: cautioned
    assert "Local injection" in answer.spans[0].text
