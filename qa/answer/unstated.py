"""Whether the quotes name what a question asks (`unstated`): the answer stage's check of a weak match.

The attribute a question asks ("median age", "cell dose per kg") is read by
`qa.retrieval.attribute.asked_attribute`; a weak match whose sentences never name it quotes the
topic, not the asked fact. Cautions, refusals and the span order read this one check.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from qa.answer.abbreviations import spelled_out
from qa.answer.focus import MEASURES, numbers
from qa.index.analyzer import tokenize
from qa.retrieval.attribute import asked_attribute
from qa.retrieval.number_units import UNIT_SHAPED, asked_unit, states_unit
from qa.retrieval.question import QUESTION_FORM
from qa.retrieval.word_forms import absent_words, written_forms

# a word of the attribute naming a measure ('cut-off', 'threshold', 'level': the closed class of
# qa.retrieval.measure_nouns' quantity reading)
_MEASURE_WORD = re.compile(r"(?:" + MEASURES + r")", re.I)
# the measures naming a bound ('cut-off', 'threshold': the value a test compares against) and a bound
# written: after a comparison sign ("FDR < 0.01", "|log2FC| > 2"; not a significance level, "**P ≤ 0.01",
# which any result may state) or after such a noun ("a consistency threshold of 0.05")
_BOUND_NOUN = r"(?:cut-?offs?|thresholds?)"
_BOUND = re.compile(r"(?<![Pp])(?<![Pp]\s)[<>≤≥]\s*=?\s*[-−]?\d"
                    r"|\b" + _BOUND_NOUN + r"\s+(?:of|=|at|set\s+to|was)\s+[~≈]?\s*[-−]?\d", re.I)


def values(question: str, measures: Sequence[str], quote: str) -> bool:
    """Whether a quote stating a new number states it as the value of the measure its `measures` words
    name: in its unit when one names a measure written with one ('distance cutoff': a length, 'MSC dose'),
    read as the ranking and the spans read it (`number_units.states_unit`: for a question writing "dose",
    also its agent given as a percentage, "0.08% MMS"), else, for a bound ('IDR cut-off'), as a bound
    written; a number of another thing states no 'half-life'."""
    unit = next((u for u in map(asked_unit, measures) if u in UNIT_SHAPED), None)
    if unit:
        return states_unit(question, quote, unit)
    return any(re.fullmatch(_BOUND_NOUN, w, re.I) for w in measures) and bool(_BOUND.search(quote))


def valued_measures(question: str, words: Sequence[str], quotes: Sequence[str]) -> set[str]:
    """The index tokens of the attribute's measure words (`words`: 'cell', 'dose') that a quote states by
    its value, a new number in the measure's unit ("a single intravenous infusion of 0.5×10^6 MSCs" for
    a 'cell dose'): the measure is named there, whether or not its article ever writes the word."""
    measures = [w for w in words if _MEASURE_WORD.fullmatch(w)]
    valued = [q for q in quotes if numbers(q) - numbers(question)]
    if measures and any(values(question, measures, q) for q in valued):
        return {t for w in measures for t in tokenize(w)}
    return set()


def unstated(question: str, kind: str | None, quotes: Sequence[str],
             other_names: Callable[[str], list] | None = None) -> str:
    """The asked attribute as written when no quote names it ('' when the question names no
    attribute, or a quote holds every word of it in some written form, its bracketed other name
    or a glossary / synonym counterpart: `other_names(phrase)` gives the expander's concepts,
    whose alternatives after the first are the phrase's counterparts; an abbreviation a quote writes out
    in full, `abbreviations.spelled_out`: 'CDAI' in "... the Crohn Disease Activity Index ...", user trial 52). A weak match quoting the
    entity's sentences without the attribute ("de Lima ... expanded CD34+ cells" for "median day
    of neutrophil recovery") quotes the topic, not the asked fact (evals/README.md, "Near-miss
    refusal helper")."""
    attribute = asked_attribute(question) if kind != "sources" else None  # sources ask for citations
    if attribute is None:
        return ""
    phrase = " ".join(attribute.words)
    words = {t for t in tokenize(phrase) if t not in QUESTION_FORM}
    if not words:
        return ""
    held: set[str] = set().union(*(tokenize(q) for q in quotes)) if quotes else set()
    others = set(tokenize(" ".join(attribute.aliases)))
    for concept in (other_names(phrase) if other_names else []):
        for alternative in concept[1:]:
            others.update(alternative)
    if (others - words) & held:
        return ""
    # an abbreviation a quote writes out in full is named there ('CDAI': "Crohn Disease Activity Index")
    held.update(t for w in attribute.words if any(spelled_out(w, q) for q in quotes) for t in tokenize(w))
    # a measure is stated by its value, not its name: "IDR consistency threshold of 0.05" states the
    # "IDR cut-off", "spots within 0.65 µm" the "distance cutoff"; the attribute's other words still count
    held.update(valued_measures(question, attribute.words, quotes))
    # a hyphenated word is there when its joined form is or all its parts are ("long-term")
    present = written_forms(words | {t for w in absent_words(phrase, held) for t in w}, held)
    return phrase if any(w[0] not in QUESTION_FORM for w in absent_words(phrase, present)) else ""
