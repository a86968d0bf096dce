"""A quantity attribute read from the library (qa.answer.quantity), and the refusal of a weak match
none of whose quotes names it up to `quantity_attribute_refusal_below`."""
from __future__ import annotations

from qa.retrieval.attribute import asked_attribute
from qa.answer.quantity import asks_quantity_noun, numeric_share, unstated_quantity

# hand-written, not an evaluation question: the review describes Prochymal (an off-the-shelf
# product from donor marrow) and never a storage temperature
NEAR_MISS = "What storage temperature is used for the Prochymal off-the-shelf product?"
# hand-written: a category asked by a plural noun, answered by its instances
CATEGORY = "What parts of MSC production need to be standardised between trials?"


def test_the_library_says_which_nouns_name_quantities(index):
    holding, stating = numeric_share(index, "disease")
    assert holding >= 50 and stating < 0.5 * holding  # the reviews write 'disease' mostly without a number
    assert not asks_quantity_noun(index, asked_attribute("What underlying disease did the boy have?"), 0.5)
    assert asks_quantity_noun(index, asked_attribute("At what gestational age was the fetus given MSCs?"), 0.5)
    # a plural noun asks a category ("which parts"), unless 'how many' counts it
    assert not asks_quantity_noun(index, asked_attribute(CATEGORY), 0.5)
    assert asks_quantity_noun(index, asked_attribute("After how many cell divisions do the cells commit?"), 0.5)
    assert not asks_quantity_noun(index, None, 0.5)


def test_a_weak_match_never_naming_the_asked_quantity_is_refused(answerer, settings, index):
    from conftest import answerer_with

    answer = answerer.ask(NEAR_MISS)
    assert not answer.found and not answer.spans
    st = settings.answer
    assert st.attribute_refusal_below <= answer.confidence < st.quantity_attribute_refusal_below
    assert "storage temperature" in answer.message and answer.passages
    # with the quantity band off, the same question is answered from Prochymal's sentences
    assert answerer_with(settings, index, quantity_attribute_refusal_below=0.0).ask(NEAR_MISS).found


def test_a_weak_match_asking_a_category_is_answered(answerer, settings, index):
    from conftest import answerer_with

    answer = answerer.ask(CATEGORY)
    assert answer.found and settings.answer.attribute_refusal_below <= answer.confidence
    # its quotes never name 'parts': the plain attribute check at that confidence would refuse it,
    # the quantity check (at any confidence) does not
    assert not answerer_with(settings, index, attribute_refusal_below=1.0).ask(CATEGORY).found
    assert answerer_with(settings, index, quantity_attribute_refusal_below=1.0).ask(CATEGORY).found


def test_a_quote_stating_the_value_in_the_asked_unit_states_it(index):
    """User trial 14's "what dose was that?" is answered by the lupus studies' sentences, which give
    their doses without the word 'dose': a value in the asked unit states the asked quantity."""
    stating = "Sun et al. treated four patients with lupus nephritis unresponsive to oral prednisone (≥ 20 mg/day)."
    plain = "Sun et al. treated four patients with lupus nephritis unresponsive to oral prednisone."
    assert not unstated_quantity(index, "what dose was that?", "number", [stating], 0.5)
    assert unstated_quantity(index, "what dose was that?", "number", [plain], 0.5)
