"""A "how many X" question none of whose quotes states a count is refused (`qa.answer.counts`,
`count_unstated_refusal_below`; evals/README.md, "Near misses stated otherwise"): the quotes' numbers
are times, temperatures, doses, sizes or years of the experiment asked about, not the count asked.
Every question below is hand-written, none from the evaluation sets."""
from __future__ import annotations

import pytest

from conftest import answerer_with
from qa.answer.counts import count_unstated, counts_in

pytestmark = pytest.mark.slow


def test_a_number_with_a_unit_of_measure_or_a_year_counts_nothing():
    # times (ranges too, and 'wk'), temperatures with a reference mark, lengths, years of a citation
    assert counts_in("all homozygous mice died after 3 wk (Fig. 6D), aged 2 to 4 months") == frozenset()
    assert counts_in("within the commitment window (40–72 h) at 37 °C²; RMSD = 0.520 Å") == frozenset()
    assert counts_in("In 2004, Le Blanc et al. treated a boy (Le Blanc et al., 2004).") == frozenset()
    # a bare number, a number word or a share counts
    assert counts_in("In a pilot study, 69 patients received MSCs") == {"69"}
    assert counts_in("eight patients with end-stage liver diseases received autologous MSCs") == {"eight"}
    assert counts_in("induced a 70% initial response rate") == {"70"}  # a share counts too


def test_one_and_the_quantifiers_count_only_before_the_counted_noun():
    assert counts_in("One male rhesus macaque, aged 10 years old, was used.", frozenset({"macaque"})) == {"one"}
    assert counts_in("One likely variable is the cell-cycle status.", frozenset({"cell", "cycle"})) == frozenset()
    assert counts_in("None of the patients had side effects.", frozenset({"patient"}))
    assert counts_in("no patients died", frozenset({"patient"})) and counts_in("all mice died", frozenset({"mice"}))
    # 'no', 'all', 'every' only right before it; 'single' of another noun counts nothing
    assert counts_in("the cells could no longer be returned", frozenset({"cell", "return"})) == frozenset()
    assert counts_in("after a single dose of HU", frozenset({"mice", "genotype"})) == frozenset()
    # the counted noun is read from the question ("how many patients"), not any of its words
    assert not count_unstated("How many patients had side effects after MSCs?", "number",
                              ["None of the patients had side effects during the 2 h infusion."])
    assert count_unstated("How many mice per genotype were given HU?", "number", ["After a single dose of HU, mice died in 3 wk."])


def test_which_questions_are_read():
    measures = ["Mice were injected once and died after 3 wk (Fig. 6D)."]
    assert count_unstated("How many mice per group were injected?", "number", measures)
    assert not count_unstated("How many mice per group were injected?", "number", measures + ["Ten mice per group."])
    # a question's own number is no answer; 'how many days' asks a time, which a count does not state
    assert count_unstated("How many of the 12 mice died?", "number", ["Of the 12 mice treated at 37 °C ..."])
    assert count_unstated("How many days did the rash last?", "number", ["In 2004, 16 patients had a rash."])
    assert not count_unstated("How many days did the rash last?", "number", ["The rash cleared within 5 days."])
    # a share asked ('rate'), a sources question and any other form are not read
    assert not count_unstated("How many patients engrafted (engraftment rate)?", "number", measures)
    assert not count_unstated("How many trials used MSCs?", "sources", measures)
    assert not count_unstated("What dose was given?", "number", measures)


@pytest.mark.xfail(strict=True, reason=(
    "'how many days' is read as a time (question.how_many_unit, twenty-eighth session): the first spans "
    "now prefer a sentence stating a time in digits (the brains 'treated ex vivo for 14 hours with MMS'), "
    "which the time check accepts; the refusal had fired because 'for three days' (a number word before "
    "'days') is not read as a time. A time of another step of the experiment is not told apart."))
def test_a_time_question_answered_by_other_steps_times_is_refused_in_the_pdfs(pdf_library):
    settings, index = pdf_library
    question = "How many days did the flies take to develop to adulthood after MMS?"  # the fly paper never says
    answer = answerer_with(settings, index).ask(question)
    assert not answer.found and "none states the number asked for" in answer.message


def test_a_count_question_answered_by_measures_is_refused_in_the_pdfs(pdf_library):
    settings, index = pdf_library
    assert settings.answer.count_unstated_refusal_below > 1.0  # at any confidence
    question = "How many flies per vial were treated with MMS?"  # a count; the quotes state measures
    answer = answerer_with(settings, index).ask(question)
    assert not answer.found and "none states the number asked for" in answer.message
    off = answerer_with(settings, index, count_unstated_refusal_below=0.0).ask(question)
    assert off.found
    # answered: the worm paper counts its worms, the macaque study its one macaque
    worms = answerer_with(settings, index).ask("How many worms of each strain were plated for the killing assays?")
    assert worms.found and "45 worms" in worms.spans[0].text
    assert answerer_with(settings, index).ask("How many rhesus macaques received the subretinal MH42 LNP injection?").found


def test_the_reviews_counts(settings, index):
    answerer = answerer_with(settings, index)
    answer = answerer.ask("How many patients with end-stage liver disease received autologous MSCs in the phase I to II trial?")
    assert answer.found and "eight patients" in answer.spans[0].text
    refused = answerer.ask("How many days after the MSC infusion did the boy's liver function recover?")
    assert not refused.found and "none states the number asked for" in refused.message


def test_counts_of_reads_a_count_of_the_counted_noun_only():
    """`counts_of`: a bare number with the counted noun within three words either side."""
    from qa.answer.counts import counts_of

    from qa.index.analyzer import tokenize

    animals = frozenset(tokenize("animals"))
    assert counts_of("Briefly, 45–50 L4 animals of WT were transferred to 6-cm plates.", animals)
    assert not counts_of("After 6 h, the animals were recovered at 20 °C for 14 h before they were counted.", animals)
    assert not counts_of("All strains were assayed in three biological replicates.", animals)
    patients = frozenset(tokenize("patients"))
    assert counts_of("Disease: SLE; No. of patients: 2; Outcome: No change.", patients)  # the noun before it
    mice = frozenset(tokenize("mice"))
    # a reference mark and an age glued by a hyphen count nothing; "(n = 30)" after the noun counts
    assert not counts_of("was injected once a week for the duration of the study [32]. Mice were divided", mice)
    assert not counts_of("Female 7-week-old BALB/c mice were injected", mice)
    assert counts_of("Female 7-week-old BALB/c mice (n = 30) were injected", mice)


def test_a_quote_stating_the_count_comes_first_in_the_pdfs(pdf_library):
    """User trial 41: after "At what temperature was the acute heat stress done?", "and how many
    animals per plate?" quoted the recovery step's times and temperatures first, the sentence
    counting the animals ("45–50 L4 animals ... were transferred to 6-cm OP50 seeded plates") second."""
    settings, index = pdf_library
    answerer = answerer_with(settings, index)
    follow = answerer.ask("and how many animals per plate?", previous="At what temperature was the acute heat stress done?")
    assert follow.found and "45–50 L4 animals" in follow.spans[0].text
    # the same question asked in full
    assert "45–50 L4 animals" in answerer.ask(
        "How many animals per plate were used in the acute heat stress assay?").spans[0].text
    # a first quote that already counts is kept first
    # user trial 12's follow-up: the cohort's "(n = 30)" first, not the LPS dose nor "the mice were treated"
    mice = answerer.ask("and how many mice were in that study?",
                        previous="What dose of LPS was used to induce systemic inflammation?")
    assert "mice (n = 30)" in mice.spans[0].text
    # user trial 27's phase III question: the count of another phase's or another study's trial is not
    # moved above the sentence naming the phase asked (Unit.mismatched; fewer of the question's words)
    osiris = answerer.ask("How many patients were randomized to placebo in the Osiris phase III Crohn's trial?")
    assert "phase III" in osiris.spans[0].text
    proteins = answerer.ask("How many proteins were higher in the csrA mutant than in wild type?")
    assert proteins.spans[0].text.startswith("There were 97 proteins")


def test_a_shorthand_read_for_retrieval_is_the_counted_noun():
    """User trial 42 (Q5): 'pts' was read as 'patients' for the search, but the count was looked for
    as 'pts', which no row writes (`counts.as_read`)."""
    from qa.answer.counts import as_read

    assert as_read("How many SLE pts were in the trial?", [("pts", "patients")]) == \
        "How many SLE patients were in the trial?"
    # whole words only: not inside another word or a hyphenated name
    assert as_read("pts-1 and opts?", [("pts", "patients")]) == "pts-1 and opts?"


def test_the_row_stating_the_count_comes_first_for_a_shorthand_question(settings, index):
    """User trial 42 (Q5): figueroa2012's "Patients received one infusion ..." (no count) came first,
    kim2013's Table 2 row "No. of patients: 15" second."""
    first = answerer_with(settings, index).ask("How many SLE pts were in the Liang BM-MSC trial?").spans[0]
    assert first.doc_id == "kim2013" and "No. of patients: 15" in first.text and "Liang" in first.text
