"""The nouns that name a measured quantity ("dose", "temperature", "cohort size"): one table for the
three question readings that use them, so that a noun is added once, with the readings it takes.

- QUANTITY (`focus.MEASURES`): as a question's wh-head or its noun phrase's head the noun asks a
  quantity ("what dose", "at what concentration", "HU dose given to the mice?"): a quote must state
  a number. The widest reading: a p-value, an age or a schedule is asked as a number too.
- NUMBER (`question._MEASURED`): a laboratory measure named after "what / which / at what", or as the
  subject of "what was the", makes the question's kind *number*, answered by a sentence stating it in
  its units (user trial 12: "at what temperature", "what volume"); `question._NUMBER` words the dose,
  rate, level and share questions itself.
- UNIT (`number_units.names_measured`): a measure written with a unit (the members of ASKED_UNIT's
  dose, concentration, temperature, volume, speed and length readings): the word right before it names
  what is measured ("luciferin dose", "cohort size"). 'diameter' and 'thickness' take only this
  reading: as a question's head they are left to `quantity.states_attribute_unit`.

Each noun is written as a regular expression for its singular and plural; every reading matches it
between word boundaries, so the order of the rows does not change what a reading matches.
"""
from __future__ import annotations

from enum import Flag, auto


class Reading(Flag):
    """Which readings of a question take a measure noun (the module's docstring says what each does)."""

    QUANTITY = auto()
    NUMBER = auto()
    UNIT = auto()


_Q, _N, _U = Reading.QUANTITY, Reading.NUMBER, Reading.UNIT

# a closed class: the English nouns naming a measured quantity, each with the readings it takes
MEASURE_NOUNS: tuple[tuple[str, Reading], ...] = (
    # measured with a unit
    ("doses?", _Q | _U), ("dosages?", _Q | _U), ("concentrations?", _Q | _N | _U), ("dilutions?", _Q | _N | _U),
    ("temperatures?", _Q | _N | _U), ("volumes?", _Q | _N | _U), ("speeds?", _Q | _N | _U),
    ("sizes?", _Q | _N | _U), ("lengths?", _Q | _N | _U), ("distances?", _Q | _U), ("depths?", _Q | _U),
    ("diameters?", _U), ("thickness", _U),
    # other measures
    ("amounts?", _Q | _N), ("durations?", _Q | _N), ("densit(?:y|ies)", _Q | _N),
    ("cut-?offs?", _Q), ("thresholds?", _Q), ("percentages?", _Q), ("proportions?", _Q), ("fractions?", _Q),
    ("numbers?", _Q), ("rates?", _Q), ("ratios?", _Q), ("levels?", _Q), ("ages?", _Q),
    ("frequenc(?:y|ies)", _Q), ("folds?", _Q), ("weights?", _Q), ("mass", _Q), ("ranges?", _Q),
    ("humidity", _Q), ("pressure", _Q), (r"time\s?points?", _Q), ("half-lives", _Q), ("half-life", _Q),
    ("counts?", _Q), ("titers?", _Q), ("titres?", _Q), ("yields?", _Q), ("efficienc(?:y|ies)", _Q),
    ("resolution", _Q), ("width", _Q), ("height", _Q), ("intervals?", _Q), ("period", _Q),
    ("p-?values?", _Q), ("shares?", _Q), ("percent", _Q), ("fold-changes?", _Q), ("probabilit(?:y|ies)", _Q),
    ("degrees?", _Q), ("values?", _Q), ("scores?", _Q), ("odds", _Q), ("quantit(?:y|ies)", _Q),
    ("extent", _Q), ("regimens?", _Q), ("schedules?", _Q), ("dosing", _Q),
)


def measure_nouns(reading: Reading) -> str:
    """The nouns taking `reading`, as one non-capturing regular-expression group (no word boundaries:
    each caller sets its own)."""
    return "(?:" + "|".join(noun for noun, readings in MEASURE_NOUNS if reading in readings) + ")"
