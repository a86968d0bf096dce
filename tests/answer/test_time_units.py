"""The units of time have one source in qa.answer (`question.TIME_UNIT_NAMES`, `TIME_UNIT_SYMBOLS`):
a "how many <unit>" question, a unit the question names for its answer and the measures a count
reading blanks all read the same names; only after a number are the one-letter symbols units too.
Every text below is hand-written, none from the evaluation sets."""
from __future__ import annotations

import re

import pytest

from qa.answer.counts import counts_in
from qa.answer.named_unit import named_unit
from qa.retrieval.question import TIME_UNIT_NAMES, TIME_UNIT_SYMBOLS, how_many_unit

NAMES = ["second", "seconds", "sec", "secs", "minute", "minutes", "min", "mins", "hour", "hours", "hr", "hrs",
         "day", "days", "week", "weeks", "wk", "wks", "month", "months", "year", "years", "yr", "yrs"]
SYMBOLS = ["s", "h", "d", "mo", "y"]


def test_the_names_are_units_by_themselves_and_the_symbols_only_after_a_number():
    assert all(re.fullmatch(TIME_UNIT_NAMES, n) for n in NAMES)
    assert not any(re.fullmatch(TIME_UNIT_NAMES, s) for s in SYMBOLS)
    assert all(re.fullmatch(TIME_UNIT_SYMBOLS, u) for u in NAMES + SYMBOLS)
    assert not any(re.fullmatch(TIME_UNIT_SYMBOLS, w) for w in ("m", "w", "ms", "hs", "weekly", "daily"))


@pytest.mark.parametrize("name", NAMES)
def test_every_name_is_read_alike_by_how_many_named_unit_and_counts(name):
    assert how_many_unit(f"For how many {name} were the cells cultured?") == "time"
    assert named_unit(f"How long were the cells cultured, in {name}?", "number") == name
    assert "3" not in counts_in(f"All 12 mice were kept for 3 {name}.")
    assert "12" in counts_in(f"All 12 mice were kept for 3 {name}.")


@pytest.mark.parametrize("symbol", SYMBOLS)
def test_a_symbol_is_a_unit_after_a_number_but_names_no_unit_in_a_question(symbol):
    assert "72" not in counts_in(f"Eight donors were followed for 72 {symbol} after infusion.")
    assert named_unit(f"How long were the cells cultured, in {symbol}?", "number") == ""
    assert how_many_unit(f"How many {symbol} were the cells cultured?") is None
