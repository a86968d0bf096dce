"""Question words a sentence writes in another form (`span_form_credit`, qa.answer.forms): the
share read from the index's real tokens, and its effect on the real review index, where "which
later studies treated ... infarct patients" meets "MSCs have been used to treat acute and chronic
myocardial infarction patients" only through the other form of 'treated'."""
from __future__ import annotations

import pytest

from qa.answer.forms import credit, other_forms
from qa.retrieval.question import classify
from qa.index.analyzer import tokenize

from conftest import answerer_with

QUESTION = "After the first intracoronary pilot, which later studies treated infarct patients with MSCs?"
OTHER_FORM = "MSCs have been used to treat acute and chronic myocardial infarction patients"


def share(question: str, sentence: str) -> float:
    terms = {t: 1.0 for t in tokenize(question)}
    return other_forms(terms, set(tokenize(sentence)))


def test_a_word_in_another_form_is_credited():
    assert share("Do any introns show up in the cytoplasm?", "We never observed introns in cytoplasmic mRNA") > 0
    assert share("which studies treated patients?", "MSCs have been used to treat patients") > 0


def test_the_word_as_written_is_coverage_not_a_form():
    assert share("Do any introns show up in the cytoplasm?", "introns stay in the cytoplasm") == 0.0


def test_short_stems_and_unrelated_words_are_not_forms():
    # 'kill' leaves a stem of four letters: too short to tell from other words
    assert share("can NK cells kill MSCs?", "activating NK cells are capable of killing MSCs") == 0.0
    assert share("which genes were mutated?", "the gene region is intact") == 0.0


class _Unit:
    def __init__(self, score: float, forms: float) -> None:
        self.score, self.forms = score, forms


def test_the_credit_reorders_near_ties_only():
    a, b = _Unit(0.60, 0.0), _Unit(0.58, 0.25)
    assert credit([a, b], 0.2) == [b, a]  # 0.58 + 0.05 > 0.60
    c, d = _Unit(0.70, 0.0), _Unit(0.58, 0.25)
    assert credit([c, d], 0.2) == [c, d]
    assert credit([a, b], 0.0) == [a, b]


@pytest.fixture(scope="module")
def scored(settings, index):
    answerer = answerer_with(settings, index)
    query = answerer.retriever.query_from(QUESTION).with_kind(classify(QUESTION))
    units = answerer.units(answerer.retriever.search(query, k=answerer.settings.answer.answer_depth))
    answerer.score_units(query, units)
    return answerer, query, units


def test_the_sentence_writing_treat_holds_the_question_word_in_another_form(scored):
    _, _, units = scored
    unit = next(u for u in units if OTHER_FORM in u.text)
    assert "treated" not in unit.tokens and "treat" in unit.tokens
    assert unit.forms > 0


def test_selection_puts_it_higher_than_without_the_credit(scored, settings, index):
    answerer, query, units = scored
    before = {id(u): u.score for u in units}
    answerer.select(query, units)
    unit = next(u for u in units if OTHER_FORM in u.text)
    gained = unit.score - before[id(unit)]
    weight = answerer.settings.answer.span_form_credit * answerer.settings.answer.span_lexical_weight
    # the gain alone restated the code's own product (0 == 0 with the credit off): it must be a real gain
    assert unit.forms > 0 and gained > 0.01, gained
    assert gained == pytest.approx(weight * unit.forms, abs=1e-9), gained
