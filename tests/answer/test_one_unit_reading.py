"""One reading of "does this quote give the asked unit?" (`number_units.states_unit`), everywhere it is asked.

The ranking and the spans read a dose question's agent given as a percentage ("larvae treated with 0.08%
MMS") as its dose (user trial 53), while the check that the quotes name the asked attribute
(`qa.answer.unstated`), the "how many <unit>" count check (`qa.answer.counts`) and the named-unit check
(`qa.answer.named_unit`) read the unit's pattern alone: the legend the ranking puts first was, for those,
a quote stating no dose (evals/README.md, fortieth session, helper h2). Real sentences of the preprint.
"""
from __future__ import annotations

import pytest

from conftest import PDF_DIR, sentences_holding

QUESTION = "What MMS dose were the rad51 and brca2 mutant larvae given?"
PREPRINT = PDF_DIR / "10.1101_2024.02.13.580051.pdf"


@pytest.fixture(scope="module")
def mms_sentences() -> list[str]:
    """The preprint's sentences holding 'MMS' as its PDF reads."""
    return sentences_holding(PREPRINT, "MMS")


def test_the_legend_the_ranking_reads_as_the_dose_states_it_for_every_check(mms_sentences) -> None:
    from qa.answer.counts import count_unstated
    from qa.answer.focus import states_asked
    from qa.answer.named_unit import unit_unstated
    from qa.answer.unstated import unstated

    legend = next(s for s in mms_sentences if "treated with 0.08% MMS" in s)
    assert states_asked(QUESTION, "number", legend)  # the ranking's and the spans' reading
    # the asked attribute 'MMS dose' is named by the quote stating its value
    assert unstated(QUESTION, "number", [legend]) == ""
    # a unit the question names ('mg'), and a "how many <unit>" count, of a question writing "dose"
    assert unit_unstated("What MMS dose in mg were the larvae given?", "number", [legend]) == ""
    assert not count_unstated("How many mg of MMS per dose were the larvae given?", "number", [legend])


def test_a_share_in_percent_states_no_dose_for_any_check(mms_sentences) -> None:
    """A percentage that is no dose of the named agent ("fewer than 5% of rev1∆ homozygotes") states no dose
    in the unit the question names, and a question not writing "dose" reads the unit's pattern alone."""
    from qa.answer.named_unit import unit_unstated

    share = next(s for s in mms_sentences if "fewer than 5% of" in s)
    assert unit_unstated("What MMS dose in mg were the larvae given?", "number", [share]) == "mg"
    legend = next(s for s in mms_sentences if "treated with 0.08% MMS" in s)
    assert unit_unstated("How much MMS in mg were the larvae given?", "number", [legend]) == "mg"
