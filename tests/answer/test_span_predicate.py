"""The question's predicate credited to the sentence saying it (`qa.answer.predicate`,
`span_predicate_credit`);
evals/README.md, twenty-sixth session, PDF first span helper 2), read from questions and on the real
PDF library."""
from __future__ import annotations

from qa.answer.predicate import held, predicate
from qa.index.analyzer import tokenize

from conftest import answerer_with


def test_a_passive_participle_or_the_verb_after_did_they_is_the_predicate():
    assert predicate("How were double recombinants selected when making the deletion?") == (
        frozenset({"selected", "select"}),)
    assert [sorted(w) for w in predicate("How did they quantify the peptide on the surface?")] == [
        ["quantif", "quantify"]]


def test_a_participle_naming_a_thing_is_no_predicate():
    """'the injected cells', 'HU-treated spreads', 'intravenously injected MSCs', and any -ed word
    of a question without a passive's auxiliary name what is asked about, not the deed."""
    assert predicate("Do the injected stem cells have to settle in the damaged tissue to work?") == ()
    assert predicate("Where did intravenously injected GFP-labelled MSCs first lodge?") == ()
    assert [sorted(w) for w in predicate("Which test was applied to the HU-treated spreads?")] == [
        ["appli", "applied"]]
    assert predicate("What does the library need?") == ()


def test_a_participle_before_the_subject_of_a_fronted_auxiliary_modifies_it():
    """"how long were synchronized L1s grown": 'synchronized' names the animals, the deed is 'grown'
    (irregular, so not read); a participle followed by a preposition or the question's end stays the deed
    (twenty-ninth session, h9)."""
    assert predicate("For the RNA-seq experiment, how long were synchronized L1s grown on OP50 before exposure?") == ()
    assert [sorted(w)[0] for w in predicate(
        "For how long were dissected larval brains exposed to MMS ex vivo?")] == ["expos"]
    assert [sorted(w)[0] for w in predicate("Were treated cells examined by FACS?")] == ["examin"]
    # not fronted, or followed by a preposition, a conjunction or the end: the deed asked
    assert [sorted(w)[0] for w in predicate("Which motifs were enriched where peaks intersect?")] == ["enrich"]
    assert [sorted(w)[0] for w in predicate("What was measured in the assay?")] == ["measur"]
    assert [sorted(w)[0] for w in predicate("How was it injected?")] == ["inject"]
    assert [sorted(w)[0] for w in predicate("Was the strain selected for resistance?")] == ["select"]


def test_the_predicate_is_held_in_any_form_of_the_word():
    question = "How were double recombinants selected?"
    assert held(question, set(tokenize("Single recombinant conjugants were first selected on a plate"))) == 1.0
    assert held(question, set(tokenize("Colonies were screened by colony PCR"))) == 0.0
    assert held("How did they quantify the peptide?", set(tokenize("To quantify the amount, we used a kit"))) == 1.0


def test_a_method_question_is_answered_by_the_sentence_doing_the_asked_deed(pdf_library):
    """"The calculated total amount (w/v) of peptide was 376 and 492 pg ..." named every word of the
    question but the deed asked; "To quantify the amount of peptide conjugated on surface of
    nanoparticle, we used a fluorometric absorbance kit ..." says it."""
    settings, index = pdf_library
    question = "How did they quantify how much peptide ended up on the LNP surface?"
    on = answerer_with(settings, index, span_predicate_credit=0.04).ask(question)
    assert "fluorometric absorbance kit" in on.spans[0].text
    off = answerer_with(settings, index, span_predicate_credit=0.0).ask(question)
    assert "fluorometric absorbance kit" not in off.spans[0].text


def test_a_time_question_is_not_answered_by_the_sentence_sharing_the_subject_s_modifier(pdf_library):
    """"Hatched L1 animals were washed ... and grown ... with OP50 for 42 h" is the best sentence; the
    predicate read as 'synchronized' (the L1s' modifier) credited "Synchronized L4 animals after exposure
    ... for 7 h were collected" above it."""
    settings, index = pdf_library
    question = ("For the RNA-seq exposure experiment, for how long were synchronized L1s grown on OP50 before "
                "the Pseudomonas exposure?")
    answer = answerer_with(settings, index).ask(question)
    assert "for 42 h" in answer.spans[0].text
