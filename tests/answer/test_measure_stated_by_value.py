"""A measure the question names ('cut-off', 'distance', 'dose') is stated by its value: a quote giving a
number the question does not, in the measure's unit when it has one, or for a bound ('cut-off', 'threshold')
written as one ("FDR < 0.01", "a threshold of 0.05"), names it for the check of an asked attribute no quote
names (qa.answer.unstated; evals/README.md, thirty-ninth session, helper h4). Before, "What FDR cut-off
...?" was refused although its quote reads "FDR < 0.01"."""
from __future__ import annotations

import json

from conftest import answerer_with, library_args, run_qa

from qa.answer.unstated import unstated

CELREP = "10.1016_j.celrep.2021.109967"
FDR = "What FDR cut-off was used when calling the H3K27me3 peaks?"
PEAKS = ("Peaks were called using MACS 2.0 (Zhang et al., 2008), with NarrowPeak setting used for H3K27ac and "
         "BroadPeak setting used for H3K27me3, and with mfold minimum set to 10 and FDR < 0.01.")


def test_a_number_states_the_measure_and_the_other_words_must_still_be_named():
    assert unstated(FDR, "number", [PEAKS]) == ""
    # no new number: the cut-off is not stated ("H3K27me3" is the question's own name, not a value)
    assert unstated(FDR, "number", ["Peaks were called with FDR control for H3K27me3."]) == "FDR cut-off"
    # the measure's other word still has to be there: a number alone does not state an 'IDR cut-off'
    assert unstated("What IDR cut-off was used?", "number", ["Peaks with a score over 0.05 were kept."]) \
        == "IDR cut-off"
    # a bound written after its sign or its noun states a cut-off; a significance level does not
    assert unstated("What IDR cut-off was used?", "number", ["An IDR consistency threshold of 0.05 was applied."]) == ""
    assert unstated("What IDR cut-off was used?", "number", ["IDR differed between replicates (**P ≤ 0.01)."]) \
        == "IDR cut-off"
    # a measure with neither a unit nor a bound's name is not stated by any number: no 'half-life' in
    # "the top 2-performing peptides" or "at concentrations of 10 and 50 nM"
    assert unstated("What's the half-life of the MH42 peptide?", "fact",
                    ["MH42 was added at concentrations of 10 and 50 nM (P < 0.05)."]) == "half-life"
    # a measure written with a unit ('distance': a length) is stated only by a number in that unit
    assert unstated("What distance cutoff was used?", "fact", ["Spots within 0.65 µm were colocalized."]) == ""
    assert unstated("What distance cutoff was used?", "fact", ["Spots of 10 cells were colocalized."]) \
        == "distance cutoff"


def test_the_fdr_cut_off_is_answered_by_the_sentence_stating_it(pdf_library):
    settings, index = pdf_library
    answer = answerer_with(settings, index).ask(FDR)
    assert answer.found, answer.message
    assert answer.spans[0].doc_id == CELREP and "FDR < 0.01" in answer.spans[0].text


def test_the_cli_answers_the_fdr_cut_off(pdf_library):
    settings, _ = pdf_library
    run = run_qa("ask", FDR, "--json", "--k", "3", *library_args(settings))
    assert run.returncode == 0, run.stderr
    answer = json.loads(run.stdout)
    assert answer["found"] and "FDR < 0.01" in answer["spans"][0]["text"]
