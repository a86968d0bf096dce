"""Does any quote state a value in the unit the question itself names for its answer?

A question that writes the unit of its answer ("its residence time in minutes?", "What replication fork
speed (in kb/min) ...?", "viral titre (TU/ml) ...?", "What radiation dose in grays ...?", "what % leukemia
relapse ...?", "By how many fold did CD34+ cells expand ...?") leaves no doubt what kind of number it wants,
unlike "how long" or "how much", which ask lengths and sizes as often as times and doses
(`focus.value_caution` stays a caution for those: evals/README.md, "Near misses stated otherwise"). A weak
near miss quotes the experiment's sentences, which state the method ("DNA fiber analysis was employed"),
a verdict ("did not reach significance") or other measures ("8 μg/ml polybrene"), none in that unit. The
units are the closed class of SI and laboratory units (and of time); a unit in the question's own brackets
or after 'in' at the end of a phrase names the answer's unit; "what %", "what percentage" and "how many
fold" name it at the question's head. Yes/no questions are left alone ("does it form in seconds?" asks
whether). evals/README.md, twenty-eighth session, "Near misses asking in a named unit".
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from qa.answer.focus import numbers
from qa.retrieval.number_units import states_unit
from qa.retrieval.question import TIME_UNIT_NAMES, asks_whether

_TIME = TIME_UNIT_NAMES
# a rate's unit: a closed class of numerators and denominators ("kb/min", "TU/ml", "cells/kg", "mg/kg")
_NUMERATOR = r"(?:[kM]?b|bp|nt|[nµμm]?m|cm|[pnµμm]?g|[nµμm]?[lL]|[pnµμm]?mol|TU|PFU|pfu|IU|U|cells?|copies|reads|events)"
_DENOMINATOR = r"(?:s|sec|min|h|hr|d|day|wk|week|[nµμm]?[lL]|d[lL]|kg|g|mg|cells?|m2|m²)"
_RATE = _NUMERATOR + r"\s*/\s*" + _DENOMINATOR
_SYMBOL = (r"(?:" + _RATE + r"|c?Gy|grays?|°\s*C|degrees(?:\s+Celsius)?|kDa|[nµμm]m|cm|bp|kb|nt|[pnµμm]M|[nµμm]g|"
           r"[nµμm][lL]|rpm|[x×]\s*g|%|percent)")
# "(in kb/min)", "(TU/ml)", "in minutes?", "dose in grays did ..."
_IN_UNIT = re.compile(r"(?:\(\s*(?:in\s+)?|\bin\s+)(" + _TIME + "|" + _SYMBOL + r")"
                      r"(?=\s*[),?;:]|\s*$|\s+(?:did|does|do|was|were|is|are|had|has)\b)", re.I)
_WH_PERCENT = re.compile(r"\b(?:what|which)\s+(?:%|percent(?:age)?s?\b)", re.I)
_WH_FOLD = re.compile(r"\b(?:how\s+many|what|which)[\s-]+fold\b", re.I)
# a share stated as a part of a count ("seven of 12 patients", "3/9", "one in 1 x 10^6 cells"), a duration in
# words ("several weeks")
_SHARE_OF = re.compile(r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
                       r"(?:(?:out\s+)?of|in|per)\s+(?:the\s+|every\s+)?\d+|\b\d+\s*/\s*\d+\b", re.I)
_SPOKEN_TIME = re.compile(r"\b(?:several|a\s+few|few|many|some)\s+" + _TIME + r"\b", re.I)


def _stater(unit: str) -> tuple[str, re.Pattern[str] | None]:
    """The kind of unit (a key of `number_units.UNIT_WORDS`, or '' with a pattern of its own) a written
    unit belongs to: another unit of the same kind states the value too ("2 h" for "in minutes")."""
    u = re.sub(r"\s+", " ", unit.strip())
    low = u.lower()
    if re.fullmatch(_TIME, low):
        return "time", None
    if low in ("%", "percent"):
        return "percent", None
    if low.startswith(("°", "degree")):
        return "temperature", None
    if low in ("kda", "bp", "kb", "nt", "cm") or re.fullmatch(r"[nµμm]m", u):
        return "length", None
    if re.fullmatch(r"[pnµμm]M", u):
        return "concentration", None
    if low == "rpm" or re.fullmatch(r"[x×] ?g", low):
        return "speed", None
    if re.fullmatch(r"[nµμm][lL]", u):
        return "volume", None
    if re.fullmatch(r"[nµμm]g", u):
        return "dose", None
    if low in ("gy", "cgy", "gray", "grays"):
        return "", re.compile(r"\d\s*c?Gy\b|\d\s*grays?\b", re.I)
    if "/" in u:  # a rate: its own numerator and denominator ("1.2 kb/min", "1.2 kb min-1", "10^6 TU per ml")
        top, bottom = (re.escape(p.strip()) for p in u.split("/", 1))
        return "", re.compile(r"\d\s*(?:[x×]\s*10\S*\s*)?" + top + r"\s*(?:/|per\s+|\s)\s*" + bottom, re.I)
    return "", re.compile(r"\d\s*" + re.escape(u) + r"(?![A-Za-z])", re.I)


def named_unit(question: str, kind: str | None = None) -> str:
    """The unit the question names for its answer as written ('minutes', 'kb/min', '%', 'fold'), ''
    when it names none or asks whether (yes/no) or for sources."""
    if kind in ("sources", "yesno") or asks_whether(question):
        return ""
    m = _IN_UNIT.search(question)
    if m:
        return m.group(1)
    if _WH_PERCENT.search(question):
        return "%"
    return "fold" if _WH_FOLD.search(question) else ""


def states_in(unit: str, question: str, text: str) -> bool:
    """Whether a text states a number the question does not give in the named unit or another unit
    of its kind (a share of a count for '%', a duration in words for a time; read as the ranking and the
    spans read a unit, `number_units.states_unit`)."""
    if not numbers(text) - numbers(question):
        return False
    if unit == "fold":
        return states_unit(question, text, "change")
    key, pattern = _stater(unit)
    if pattern is not None:
        return bool(pattern.search(text))
    if key == "percent" and _SHARE_OF.search(text):
        return True
    if key == "time" and _SPOKEN_TIME.search(text):
        return True
    return states_unit(question, text, key)


def unit_unstated(question: str, kind: str | None, quotes: Sequence[str]) -> str:
    """The unit the question names for its answer when no quote states a value in it ('' otherwise)."""
    unit = named_unit(question, kind)
    if not unit or not quotes or any(states_in(unit, question, q) for q in quotes):
        return ""
    return unit
