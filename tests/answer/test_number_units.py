"""The units of a number split out of qa.retrieval.question (qa.retrieval.number_units): read the same from
either module, and on their own (own phrasings; none of them evaluation questions)."""
from __future__ import annotations

from qa.retrieval import number_units, question


def test_the_kind_reading_re_exports_the_unit_reading():
    for name in ("UNIT_WORDS", "TIME_UNIT_NAMES", "TIME_UNIT_SYMBOLS", "HOW_MANY_UNITS", "ASKED_UNIT",
                 "HOW_FAR_SPATIAL", "WEB_ADDRESS", "asked_unit", "how_many_unit", "number_unit", "has_number",
                 "without_addresses"):
        assert getattr(question, name) is getattr(number_units, name)


def test_the_asked_unit_and_a_text_stating_it():
    assert number_units.asked_unit("For how many days were the mice treated?") == "time"
    # "when" joining a clause asks no time: the count of peaks is asked
    assert number_units.number_unit("How many peaks are lost when a GMP becomes a monocyte?") == "count"
    assert number_units.has_number("the cells were spun at 300 g for 10 min", "time")
    # the digits of an address state no quantity
    assert not number_units.has_number("see https://example.org/release?id=407404", "count")
