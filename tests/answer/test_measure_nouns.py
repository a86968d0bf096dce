"""One table of measure nouns (qa.retrieval.measure_nouns) for the three readings that used to keep lists
of their own: `focus.MEASURES` (a question asking a quantity), `question._MEASURED` (a question of kind
*number*) and `number_units._UNIT_MEASURE_NOUNS` (the word before a measure in a unit names what is
measured). Each noun stands once, with its readings; each reading keeps its own members."""
from __future__ import annotations

import re

import pytest

from qa.answer.focus import asks_quantity
from qa.retrieval.measure_nouns import MEASURE_NOUNS, Reading, measure_nouns
from qa.retrieval.number_units import names_measured
from qa.retrieval.question import classify


def test_every_noun_stands_once_with_at_least_one_reading() -> None:
    nouns = [noun for noun, _ in MEASURE_NOUNS]
    assert len(nouns) == len(set(nouns))
    assert all(readings for _, readings in MEASURE_NOUNS)


@pytest.mark.parametrize("reading", list(Reading))
def test_each_reading_is_one_group_of_its_nouns(reading: Reading) -> None:
    group = re.compile(r"\b" + measure_nouns(reading) + r"\b", re.I)
    assert group.fullmatch("dose") if reading in Reading.QUANTITY | Reading.UNIT else not group.fullmatch("dose")
    assert bool(group.fullmatch("diameters")) is (reading is Reading.UNIT)
    assert bool(group.fullmatch("temperatures")) and not group.fullmatch("temper")


@pytest.mark.parametrize("question, asks", [
    ("What p-value threshold was used?", True),  # a quantity's noun that only this reading takes
    ("At what depths were the cores sampled?", True),  # 'depth' in the plural too
    ("What was the particle diameter?", False),  # 'diameter' is a measure in a unit only
])
def test_the_quantity_reading(question: str, asks: bool) -> None:
    assert asks_quantity(question, "fact") is asks


@pytest.mark.parametrize("question, kind", [
    ("What amount of slurry was added?", "number"),
    ("At what temperature were the cells incubated?", "number"),
    ("What p-value threshold was used?", "fact"),  # no laboratory measure: not the number reading
])
def test_the_number_kind_reading(question: str, kind: str) -> None:
    assert classify(question) == kind


@pytest.mark.parametrize("question, word, names", [
    ("What luciferin dose was injected?", "luciferin", True),
    ("What particle diameter was measured?", "particle", True),  # the unit reading alone takes 'diameter'
    ("What mouse age was used?", "mouse", False),  # an age is asked as a quantity, not written in a unit
])
def test_the_unit_reading(question: str, word: str, names: bool) -> None:
    assert names_measured(question, word) is names
