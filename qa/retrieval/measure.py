"""A fact or list question that names a measure asks for a value of it.

"HU dose given to the PARP1 K548R knock-in mice?", "What LPS dose and schedule were used ...?",
"which growth temperatures did they plug in for yeast and human?": the classifier reads these as
*fact* (or *list*) questions by their other words, so the second stage's focus
(`qa.retrieval.sentence_focus.focus_match`) finds nothing to ask of a sentence, and a Discussion or Results
passage restating the topic in general words outranks the sentence giving "2,000 mg/kg" or
"OGT: 28 °C". `value_unit` reads the measure the question names (`asked_unit`, as for a number
question) and `states_value` lets a sentence stating a number of it count as having the
question's focus (`rerank_value_focus`). A "when" joining a clause ("Which co-factor, when
expressed constitutively, ...") asks no time and is not read as one.

A question asking a measure written with a unit (a dose, a concentration, a temperature, a
volume, a speed, a length: `asks_measure`, as a number question or a fact question naming it) also
reads the focus with more weight (`value_weights`, `rerank_value_focus_weight`): its focus is
precise, where a percentage, a time or a count is stated by nearly every sentence and the other
kinds' foci are loose marks (a contrast word, an assertion, an enumeration) that a restating
sentence carries as often as the answer does. The weight moves from the bare coverage
(`sentence`) to the coverage with the value (`focus`), their sum unchanged.
"""
from __future__ import annotations

import re


# "when" inside a question joins a clause ("Which co-factor, when expressed constitutively, ...",
# "What happens to flies ... when exposed to MMS?"): it asks no time; only an opening "when" ("When
# was ...?", "and when ...?") does
OPENING = re.compile(r"^\W*(?:and\s+)?", re.I)
WHEN = re.compile(r"\bwhen\b", re.I)


def without_clause_when(question: str) -> str:
    """The question with every "when" but an opening one blanked (`WHEN` joining a clause)."""
    start = OPENING.match(question).end() + len("when")
    return question[:start] + WHEN.sub(" ", question[start:])


# the question kinds whose own focus is not a number but whose wording can still name a measure
VALUE_KINDS = frozenset({"fact", "list"})


def value_unit(kind: str, question: str) -> str | None:
    """The measure a fact or list question names ("HU dose given to the mice?", "which antibiotics,
    and at what concentrations?"), None otherwise: such a question is classified by its other words,
    yet the answering sentence states a value of that measure (`qa.retrieval.question.asked_unit`)."""
    if kind not in VALUE_KINDS:
        return None
    from qa.retrieval.question import asked_unit

    return asked_unit(without_clause_when(question))


def states_value(question: str, text: str, unit: str) -> bool:
    """Does a sentence state a number of the measure `unit` (`qa.retrieval.number_units.states_unit`)?"""
    from qa.retrieval.number_units import states_unit

    return states_unit(question, text, unit)


def value_weights(weights: tuple[float, ...], focus_weight: float | None) -> tuple[float, ...]:
    """The second stage's weights (`qa.retrieval.rerank.SIGNALS` order) for a question asking a
    value: `focus_weight` on the focus, the sentence weight lowered by as much as the focus
    weight rises (never below 0); None leaves them as they are."""
    if focus_weight is None:
        return weights
    first, cosine, sentence, context, focus = weights
    return first, cosine, max(0.0, sentence + focus - focus_weight), context, focus_weight


def asks_measure(kind: str, question: str, unit: str | None) -> bool:
    """Does the question ask a value written with a unit (`qa.retrieval.number_units.UNIT_SHAPED`: a dose, a
    concentration, a temperature, a volume, a speed, a length)? `unit`: its `value_unit`. A time, a
    percentage, a count or a change is not: nearly every sentence of an article or review states one
    ("overall response rate of 69%" for another study than the one asked about)."""
    from qa.retrieval.number_units import UNIT_SHAPED, number_unit

    if kind == "number":
        unit = number_unit(question)
    return unit in UNIT_SHAPED
