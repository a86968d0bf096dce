"""The refusal reads a question word as the library's synonyms read it (evals/README.md, thirty-fifth session,
"False refusals"): a rare word the synonyms read as a name the library writes ('scleroderma' as 'systemic
sclerosis') is no unwritten condition (`unreported_reads_synonyms`), and a question word one of whose synonyms
the top passages write ('lupus' where a table row writes 'SLE') is present in the refusal features
(`refusal_concept_forms`). Real reviews' index and CLI; the questions are written for these tests."""
from __future__ import annotations

from conftest import answerer_with, ask_json

from qa.answer.refusal_evidence import concept_tokens
from qa.answer.unreported import rare_unwritten

# 'scleroderma' is in no review: the synonyms read it as 'systemic sclerosis', which figueroa2012 writes
FAULTY = "Are MSCs from patients with scleroderma sometimes faulty?"
DEFICIENT = "In this report MSCs from SS patients were found to be deficient"
# the trials table writes 'Disease: SLE', never 'lupus'
CARRION = "What outcome did the lupus trial of Carrion et al. report in Table 2?"


def test_a_rare_word_the_synonyms_read_is_written(settings, index):
    answerer = answerer_with(settings, index)
    assert rare_unwritten(answerer, FAULTY, (), settings.answer.unreported_frequency) == ["scleroderma"]
    assert rare_unwritten(answerer, FAULTY, (), settings.answer.unreported_frequency, read={"scleroderma"}) == []


def test_a_yes_no_on_a_word_the_synonyms_read_is_answered(settings, index):
    answer = answerer_with(settings, index).ask(FAULTY)
    assert answer.found and DEFICIENT in answer.spans[0].text
    assert "Read 'scleroderma' as 'systemic sclerosis'" in answer.message
    off = answerer_with(settings, index, unreported_reads_synonyms=False).ask(FAULTY)
    assert not off.found and "No article writes of 'scleroderma'" in off.message


def test_the_cli_answers_it_and_refuses_it_with_the_reading_off():
    on = ask_json(FAULTY)
    assert on["found"] and DEFICIENT in on["spans"][0]["text"]
    off = ask_json(FAULTY, env={"QA_UNREPORTED_READS_SYNONYMS": "false"})
    assert not off["found"] and not off["spans"]


def test_a_concept_is_present_where_the_evidence_writes_a_synonym():
    lupus = [["lupus"], ["systemic", "lupus", "erythematosus"], ["sle"]]
    heart_attack = [["heart", "attack"], ["myocardial", "infarction"], ["mi"]]
    assert concept_tokens([lupus, [["trial"]]], {"sle", "trial"}) == {"lupus"}
    assert concept_tokens([heart_attack], {"myocardial", "infarction"}) == {"heart", "attack"}
    # an alternative is there only whole; a concept without alternatives adds nothing
    assert concept_tokens([heart_attack], {"myocardial"}) == set()
    assert concept_tokens([[["cohort"]]], {"patient"}) == set()


def test_the_synonym_raises_the_confidence_on_the_real_index(settings, index):
    on = answerer_with(settings, index).ask(CARRION)
    off = answerer_with(settings, index, refusal_concept_forms=False).ask(CARRION)
    assert on.found and "Carrion et al. [119]" in on.spans[0].text
    assert on.confidence > off.confidence + 0.05
