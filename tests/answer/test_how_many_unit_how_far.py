"""Two readings of the asked unit (`qa.retrieval.question.asked_unit`; evals/README.md, twenty-eighth session,
"How many <unit>, how far"):

1. "how many" before a unit of measure ("for how many days", "how many hours after", "how many degrees")
   asks a quantity in that unit, not a count of things: the asked unit, the count refusal
   (`qa.answer.counts.count_unstated`) and the legend exemption for durations (`focus.legend_keeps`)
   read it so.
2. "how far" asks a distance only in a spatial sense (a verb of movement, migration or diffusion, a
   direction, a unit of length); "How far can cord blood MSCs be expanded?" asks to what extent, and an
   answer to it is not cautioned that no quote states a size or distance (user trial 36, Q5).
Every question below is hand-written, none from the evaluation sets."""
from __future__ import annotations

import pytest

from conftest import answerer_with
from qa.answer.counts import count_unstated
from qa.answer.focus import asks_plural, legend_keeps, value_caution
from qa.retrieval.question import asked_unit, has_number, how_many_unit


@pytest.mark.parametrize("question, unit", [
    ("For how many days were the cells cultured before sorting?", "time"),
    ("How many hours after thawing were the MSCs infused?", "time"),
    ("how many more weeks did the treated mice survive?", "time"),
    ("How many degrees above ambient were the plates kept?", "temperature"),
    ("How many micrograms of plasmid were transfected?", "dose"),
    ("How many milliliters of marrow were aspirated?", "volume"),
    ("How many base pairs does the deletion span?", "length"),
    # a count of things, as before; 'times' and 'fold' a change; 'degrees of freedom' no temperature
    ("How many patients received a second infusion?", "count"),
    ("How many mice per genotype were used?", "count"),
    ("How many times higher was the dose?", "change"),
    ("How many degrees of freedom had the test?", "count"),
    ("how many of those patients had donor chimerism, and when?", "time"),  # the 'when' asks, as before
])
def test_how_many_before_a_unit_asks_that_unit(question, unit):
    assert asked_unit(question) == unit


def test_how_many_unit_is_none_for_a_count():
    assert how_many_unit("How many patients were treated?") is None
    assert how_many_unit("How many days did the rash last?") == "time"


def test_a_duration_asked_by_how_many_keeps_the_legend_exemption():
    question = "For how many hours were the larval brains exposed to MMS?"
    assert legend_keeps(asked_unit(question), asks_plural(question, "number"))
    assert not legend_keeps(asked_unit("How many larvae were exposed to MMS?"), False)


def test_the_count_refusal_reads_a_unit_asked_by_how_many():
    # a new number in the asked unit answers it; a count or a number of another unit does not
    assert not count_unstated("How many degrees were the plates kept at?", "number", ["Plates were kept at 22 °C."])
    assert count_unstated("How many degrees were the plates kept at?", "number", ["Plates were kept for 3 days."])
    assert not count_unstated("For how many weeks were the mice fed?", "number", ["Mice were fed for 6 weeks."])
    assert count_unstated("For how many weeks were the mice fed?", "number", ["In 2004, 16 mice were fed."])


@pytest.mark.parametrize("question, unit", [
    # metaphorical: to what extent
    ("How far can cord blood MSCs be expanded?", None),
    ("How far has the field of MSC therapy come since 2004?", None),
    ("How far do the trial results support approval?", None),
    # spatial: a verb of movement, migration, diffusion; a direction; a unit of length
    ("How far do MSCs migrate from the injection site?", "length"),
    ("How far does the dye diffuse in the gel?", "length"),
    ("How far into the gene body does the methylated region reach?", "length"),
    ("How far upstream of the TSS can a peak lie?", "length"),
    ("How far (in µm) from the vessel were the cells found?", "length"),
    ("What distance separates the two sites?", "length"),  # named, as before
])
def test_how_far_asks_a_distance_only_in_a_spatial_sense(question, unit):
    assert asked_unit(question) == unit


def test_an_extent_asked_by_how_far_is_not_cautioned_for_a_distance():
    quotes = ["MSCs from cord blood can be expanded to clinically relevant numbers within a few passages."]
    assert value_caution("How far can cord blood MSCs be expanded?", "fact", quotes) == ""
    caution = value_caution("How far do MSCs migrate after injection?", "fact", quotes)
    assert "size or distance" in caution  # a distance asked and none stated: cautioned, as before


def test_the_reviews_how_far_expanded_has_no_distance_caution(settings, index):
    # user trial 36, Q5: "No quote states a size or distance" on a question asking to what extent
    answer = answerer_with(settings, index).ask(
        "How far can cord blood MSCs be expanded and is that enough for clinical use?")
    assert answer.found
    assert "size or distance" not in answer.caution


def test_the_reviews_how_many_months_of_follow_up_quotes_a_time(settings, index):
    # read as a count, the first quote was a trial's "5 of 15 renal complete remissions"; read as a time,
    # the follow-up in months
    answer = answerer_with(settings, index).ask(
        "For how many months were the lupus nephritis patients followed after MSC transplantation?")
    assert answer.found
    first = answer.spans[0].text
    assert has_number(first, "time") and "follow-up" in first.lower()
