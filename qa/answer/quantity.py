"""Whether the attribute a question asks is a quantity, read from how the library writes it.

A near miss asking a measurement ("gestational age", "melting temperature", "pLDDT confidence")
of a subject the evidence discusses quotes the subject's sentences without the measurement's name
(`unstated.unstated`). Answerable questions whose quotes lack the asked noun mostly ask a
category answered by its instances ("what parts", "which software tools", "what regimen"): a
plural noun, or one the library seldom writes with a number. A noun the library's own sentences
state a number with at least half the time names a quantity; a noun the library (almost) never
writes is read as one too, since nothing says otherwise. No word list: the library is the evidence
(evals/README.md, "Near-miss refusals of a quantity attribute").
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from qa.retrieval.attribute import Attribute, asked_attribute
from qa.answer.focus import numbers, states_asked, states_new_number
from qa.retrieval.number_units import asked_unit
from qa.retrieval.question import QUESTION_FORM
from qa.retrieval.statements import statements
from qa.index.analyzer import tokenize

_PLURAL = re.compile(r"[^su]s$")  # 'fates', 'tools'; not 'process', 'status'
MIN_SENTENCES = 3  # fewer sentences holding the noun say nothing of how it is written


def numeric_share(index, token: str) -> tuple[int, int]:
    """(statements of the library holding the token, of them those stating a number: a text
    passage's sentences and clauses, a table row's cells, qa.retrieval.statements); kept on the
    loaded index, which a rebuilt library replaces."""
    cache = index.__dict__.setdefault("_numeric_share", {})
    if token in cache:
        return cache[token]
    holding = stating = 0
    for row in index.bm25.postings(token).tolist():
        passage = index.passages[row]
        for sentence in statements(passage.text, passage.kind):  # a table row's cells apart
            if token in tokenize(sentence):
                holding += 1
                stating += bool(numbers(sentence))
    cache[token] = holding, stating
    return holding, stating


def asks_quantity_noun(index, attribute: Attribute | None, share: float) -> bool:
    """Whether the asked attribute names a quantity: 'how many X', or a singular noun whose
    sentences in the library state a number at least `share` of the time (or which fewer than
    MIN_SENTENCES sentences hold)."""
    if attribute is None:
        return False
    tokens = [t for t in tokenize(" ".join(attribute.words)) if t not in QUESTION_FORM]
    if not tokens:
        return False
    last = attribute.words[-1]
    if attribute.form != "how-many" and _PLURAL.search(last.lower()) and not last.isupper():
        return False  # a category asked ("what parts", "which tools"): its instances answer it
    holding, stating = numeric_share(index, tokens[-1])
    return holding < MIN_SENTENCES or stating >= share * holding


def unstated_quantity(index, question: str, kind: str | None, quotes: Sequence[str], share: float) -> bool:
    """Whether the question asks a quantity (`asks_quantity_noun`) that no quote states by value
    either: a quote giving a value in the asked unit ("1x10^6 UC-MSCs" for "what dose was that?")
    answers it without naming it (user trial 14)."""
    attribute = asked_attribute(question)
    if not asks_quantity_noun(index, attribute, share):
        return False
    return not any(states_asked(question, kind, q) or states_attribute_unit(attribute, question, q) for q in quotes)


def states_attribute_unit(attribute: Attribute, question: str, quote: str) -> bool:
    """Whether a quote states a number the question does not give in the unit the asked attribute's
    own words name ("follow-up time": a time, "particle diameter": a length; number_units.asked_unit).
    `states_asked` reads a unit only when the question's form asks a quantity, which a noun its
    MEASURES do not list ('time', 'diameter') escapes; the attribute, read as a quantity from the
    library, names the unit itself (user trial 46: "What follow-up time was reached ...?" was refused
    beside "follow-up (8-17 months)")."""
    unit = asked_unit(" ".join(attribute.words))
    if unit in (None, "count"):
        return False
    return states_new_number(question, quote, unit)
