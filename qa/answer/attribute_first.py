"""A quote naming the asked attribute first, when the chosen quotes name the topic but not it.

A Methods detail is often stated in a sentence that shares few of the question's topic words: "Which
statistical test was used for the Drosophila larval survival comparisons in the REV1 study?" is
answered by a figure legend's "Statistical comparisons were done using a Kruskal-Wallis one-way ANOVA
with Dunn's multiple comparisons test.", which scores about half as well as the article's sentences on
Drosophila larvae and REV1; those were quoted, and then the answer was refused because none of them
states the statistical test (user trial 44). The asked attribute is read from the question's grammar
(qa.retrieval.attribute), so nothing here is a word list: when no chosen quote names it and a sentence of
a quoted article that does scores within a share of the first quote, that sentence is quoted first.
The answerer asks this only of an answer the attribute refusal would refuse
(qa.answer.after_quotes.attribute_gap): asked of every answer, it moved six blind-dev PDF first spans off
their answer (a quote giving "4 mM HU for 4 h" names no "HU conditions": the value answers without the
attribute's words) and gained none.
"""
from __future__ import annotations

from typing import Callable, Sequence

from qa.retrieval.attribute import asked_attribute
from qa.answer.unstated import unstated
from qa.answer.units import Unit


def attribute_first(question: str, kind: str | None, chosen: list[Unit], units: Sequence[Unit],
                    other_names: Callable[[str], list] | None, share: float, limit: int) -> list[Unit]:
    """The chosen quotes with the best candidate naming the asked attribute first (at most `limit`
    quotes), when none of them names it, the candidate is a sentence of an article already quoted, and
    it scores at least `share` of the first quote; the chosen quotes unchanged otherwise."""
    if not chosen or share > 1 or kind in ("sources", "table") or asked_attribute(question) is None:
        return chosen
    if not unstated(question, kind, [u.text for u in chosen], other_names):
        return chosen  # a quote already names it (or the question names no attribute)
    quoted = {u.hit.passage.doc_id for u in chosen}
    floor = share * chosen[0].score
    for unit in sorted(units, key=lambda u: -u.score):
        if unit.score < floor:
            break
        if (unit in chosen or unit.context_only or unit.mismatched or unit.hit.passage.doc_id not in quoted
                or unstated(question, kind, [unit.text], other_names)):
            continue
        kept = chosen if len(chosen) < limit else chosen[:limit - 1]
        return [unit] + kept
    return chosen
