"""The verb of a particle compound read as another form of the question's verb in span selection's
credit (`qa.answer.forms.particle_verbs`): "Do the ADAR mutant worms take in more Pseudomonas ...?"
(user trial 53, Q9) against the BMC Biology article's "... likely not due to more intake of P. aeruginosa."
The particles are the closed class English joins to a verb ("intake", "uptake", "knockdown"). Real text
and the real index of the ten-PDF evaluation library."""
from __future__ import annotations

from qa.answer.forms import other_forms, particle_verbs
from qa.index.analyzer import tokenize
from qa.retrieval.question import classify

from conftest import answerer_with

QUESTION = "Do the ADAR mutant worms take in more Pseudomonas than wild-type worms?"
INTAKE = "likely not due to more intake of P. aeruginosa"


def test_a_particle_compound_holds_its_verb():
    assert particle_verbs("intake") == {"take"} and particle_verbs("uptake") == {"take"}
    assert particle_verbs("knockdown") == {"knock"}
    assert particle_verbs("input") == set()  # 'put': too short to tell from other words
    assert particle_verbs("take") == set() and particle_verbs("il-10") == set()


def scored_units(pdf_library):
    settings, index = pdf_library
    answerer = answerer_with(settings, index)
    query = answerer.retriever.query_from(QUESTION).with_kind(classify(QUESTION))
    units = answerer.units(answerer.retriever.search(query, k=answerer.settings.answer.answer_depth))
    answerer.score_units(query, units)
    return answerer, query, units


def test_the_intake_sentence_gains_the_credit_for_take_in(pdf_library):
    answerer, query, units = scored_units(pdf_library)
    unit = next(u for u in units if INTAKE in u.text)
    assert "take" not in unit.tokens and "intake" in unit.tokens
    assert other_forms({"take": 1.0}, set(unit.tokens)) == 1.0
    assert unit.forms > 0
    before = unit.score
    answerer.select(query, units)
    assert unit.score > before + 0.01
