"""User trial 39 (docs/user-trial-39.md): in a research article, a citing sentence of a quote beside an
uncited sentence stating what is asked backs its own statement only (`own_sentence_context`,
qa.answer.references.beside_own_statement). Real ten-PDF evaluation index; each question is also
asked with the rule off, so a test fails if the rule does nothing."""
from __future__ import annotations

from conftest import answerer_with

REV1 = "10.1101_2024.02.13.580051"


def disc_span(answer):
    return next(s for s in answer.spans if s.doc_id == REV1 and "0.0025% MMS" in s.text
                and "[93]" in s.text)


def test_the_s_phase_key_is_not_offered_for_the_mms_concentration(pdf_library):
    """'... cultured for 5 hours at 25°C in 20% fetal bovine serum (FBS), ... and 0.0025% MMS. Following
    5 hours of culture, 90% of wing imaginal disc cells have entered S-phase [93].'"""
    settings, index = pdf_library
    q = "What concentration of MMS was used to treat the wing imaginal discs?"
    on = disc_span(answerer_with(settings, index).ask(q))
    off = disc_span(answerer_with(settings, index, own_sentence_context=False).ask(q))
    assert [c.key for c in on.citations] == [] and "93" in [c.key for c in on.also_cited]
    assert [c.key for c in off.citations] == ["93"]


def test_a_citing_sentence_naming_what_the_uncited_one_lacks_keeps_its_key(pdf_library):
    """Asked what the S-phase sentence itself states, its key stays offered."""
    settings, index = pdf_library
    q = "What share of wing imaginal disc cells entered S-phase after 5 hours of culture?"
    answer = answerer_with(settings, index).ask(q)
    span = next(s for s in answer.spans if s.doc_id == REV1 and "S-phase [93]" in s.text)
    assert "93" in [c.key for c in span.citations]


def test_a_citing_sentence_going_on_from_the_uncited_one_keeps_its_key(pdf_library):
    """'... fork collapse, leading to one-ended DNA double-stranded breaks (DSBs). These breaks are known
    to promote mutagenesis, chromosome translocations, aberrant recombination, and cell death [3, 4].':
    the uncited sentence names more of the question, but the citing one says what it leads to."""
    settings, index = pdf_library
    q = "Stalled fork collapses into a one-ended DSB - what can that lead to?"
    span = next(s for s in answerer_with(settings, index).ask(q).spans
                if s.doc_id == REV1 and "These breaks are known to promote" in s.text)
    assert sorted(c.key for c in span.citations) == ["3", "4"]


def test_the_refers_back_guard_reads_continuations_and_deictic_openings():
    from qa.answer.references import DEICTIC
    from qa.answer.lead_in import DEMONSTRATIVE

    assert DEMONSTRATIVE.match("These breaks are known to promote mutagenesis [3, 4].")
    assert DEICTIC.match("Here, R591K was as a control of WGR domain mutation (31).")
    assert not DEICTIC.match("Following 5 hours of culture, 90% of wing imaginal disc cells [93].")
    assert not DEMONSTRATIVE.match("Following 5 hours of culture, 90% of wing imaginal disc cells [93].")
