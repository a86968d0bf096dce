"""Four reasons a printed reference number was not offered (evals/README.md, twenty-sixth session): a
quote whose last sentence introduces a study cited one sentence on (`inherit_introduced`,
qa.answer.inherited.introduced_study); a secondary quote stating a part of the question the first quote
writes in no form (`citation_adds_concept`, qa.answer.secondary.written); the sentence an "also" quote goes on from (`also_cites_before`); a singular sources question
with a second question joined to it (qa.retrieval.question.asks_one_source). Real seeds index; questions
worded for these tests; each rule is also asked with its setting off, so a test fails if it does nothing."""
from __future__ import annotations

from conftest import answerer_with
from qa.answer.inherited import INTRODUCES_STUDY
from qa.retrieval.question import asks_one_source
from qa.answer.secondary import written


def keys(span) -> set[str]:
    return {c.key for c in span.citations}


def test_a_study_introduced_at_the_quote_end_takes_the_next_sentences_citation(settings, index):
    """'In a phase I trial, four patients ... [125]. In another phase I to II clinical trial, eight patients
    ... received autologous MSCs.' is quoted; the second trial's number closes the next sentence ('MSC
    administration was well tolerated and improved liver functions [126].')."""
    question = "Were autologous MSCs safe for patients with end-stage liver cirrhosis?"
    on = answerer_with(settings, index).ask(question).spans[0]
    off = answerer_with(settings, index, inherit_introduced=False).ask(question).spans[0]
    assert on.text == off.text and "In another phase I to II clinical trial" in on.text
    assert keys(on) == {"125", "126"} and keys(off) == {"125"}


def test_what_introduces_a_study():
    assert INTRODUCES_STUDY.match("In another phase I to II clinical trial, eight patients received MSCs.")
    assert INTRODUCES_STUDY.match("In a randomized study of 40 patients, MSCs were infused twice.")
    assert not INTRODUCES_STUDY.match("In a clinical setting, MSCs are now being explored in trials.")
    assert not INTRODUCES_STUDY.match("In this study, donor-type chimerism was not detected.")


def test_a_secondary_quote_naming_what_the_first_lacks_cites(settings, index):
    """The first quote (the Prochymal trial's tolerance and ejection fraction) names nothing of the trial's
    design; the secondary quote states it ("administered to reperfused myocardial infarction patients") and
    offers [106]. The two other rules that offer it (`cite_sentence_before`, `cite_uncited_first`) are off.
    (This test's earlier case, the long-term safety concerns quoted after the paracrine-effects sentence, is
    gone: that sentence no longer leads, its enumeration naming no concern; thirty-third session.)"""
    question = "Prochymal MI trial design + safety?"
    others_off = {"cite_sentence_before": False, "cite_uncited_first": False}
    on = answerer_with(settings, index, **others_off).ask(question)
    off = answerer_with(settings, index, citation_adds_concept=0.0, **others_off).ask(question)
    design = [s for s in on.spans if "Prochymal was administered" in s.text]
    assert design and design[0] is not on.spans[0]
    assert keys(design[0]) == {"106"}
    before = next(s for s in off.spans if "Prochymal was administered" in s.text)
    assert not keys(before) and "106" in {c.key for c in before.also_cited}


def test_a_concept_written_in_another_form_or_inside_a_longer_word():
    tokens = {"immunosuppressive", "transformation", "mscs"}
    assert written([["suppress"]], tokens)  # inside a longer word
    assert written([["transform"]], tokens)  # a shared stem
    assert not written([["long", "term"], ["chronic"]], tokens)


def test_a_second_question_asks_for_a_second_source():
    assert asks_one_source("Which reference supports MSC homing to tumours?")
    assert not asks_one_source("Which reference is given for MSC microparticles, and who suggested RNA transfer?")
    assert not asks_one_source("What study showed X, and which one showed Y?")


def test_the_sentence_an_also_quote_goes_on_from_cites(settings, index):
    """'Osteoblasts, CD146-expressing ... also are demonstrated to be cellular constituents of HSC niche;43,44'
    goes on from the sentence before it, 'In animal models, nestin-positive cells are shown to be MSCs that
    comprise the HSC niche in BM.42': when both are quoted, 42 is offered too."""
    question = "Which cells form the HSC niche?"
    on = answerer_with(settings, index).ask(question)
    off = answerer_with(settings, index, also_cites_before=False).ask(question)
    nestin = [s for s in on.spans if s.text.startswith("In animal models, nestin-positive")]
    assert on.spans[0].text.startswith("Osteoblasts") and nestin and keys(nestin[0]) == {"42"}
    before = next(s for s in off.spans if s.text.startswith("In animal models, nestin-positive"))
    assert not keys(before)
