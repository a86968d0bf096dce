"""Where a sentence sits in an article, as a span-score prior: in a figure legend, or under a
heading whose words it does not say itself.

A figure legend says what a panel shows ("(B) Desiccation tolerance of WT, ΔcsrA mutant, ...",
"(A) PCA of RNA-seq at 10 time points ..."): it names every word of the experiment and so scores
like the sentence of the Results that states the finding in the article's running text. When
both are retrieved, the running text is the answer and the legend its illustration; a legend
still answers when nothing else does, so it loses a small amount (`span_legend_penalty`) rather
than being dropped. Tables are data, not captions: their rows and titles keep their scores.

A sentence's term coverage reads its section title with it (a finding under "Enforced Meis1
expression alters ..." may not repeat 'Meis1'), but every sentence of the section gets the
heading's words alike, so across passages they favour any sentence under a heading naming the
question's words over a sentence of another section naming them itself ("... caused by extensive
horizontal gene transfer" against a methods sentence under "Prediction of optimal growth
temperature"). `span_heading_discount` takes that share of the coverage without the heading's
words the sentence does not say itself (`Unit.heading`; the sentence before, under the same
heading, repeating them does not make them this sentence's).
"""
from __future__ import annotations

import re
from collections.abc import Callable

from qa.retrieval.priors import is_legend

# a figure's legend, by its section ("Fig. 6", "FIG 2", "Figure 1—figure supplement 2", "Extended
# Data Fig. 3") when the reader gave the caption its label as heading
FIGURE_SECTION = re.compile(
    r"^\s*(?:(?:Supplementary|Extended\s+Data)\s+)?(?:Fig(?:ure)?s?\.?|FIG(?:URE)?S?\.?|Scheme|SCHEME)\s*S?\d+", re.I)
# a caption opening with a table's label is a table's title, not a figure's legend
TABLE_CAPTION = re.compile(r"^\s*(?:(?:Supplementary|Extended\s+Data)\s+)?(?:Table|TABLE)\b")


def is_figure_legend(kind: str, section: str, text: str) -> bool:
    """Is a passage (part of) a figure's legend: its section is a figure label, or it opens as a
    caption that is not a table's?"""
    if kind != "text":
        return False
    if FIGURE_SECTION.match(section or ""):
        return True
    return is_legend(kind, text) and not TABLE_CAPTION.match(text)


def demote_legends(units: list, penalty: float) -> list:
    """The units best first after a figure legend's sentences lose `penalty` (their scores are
    lowered in place, so joins and citation margins read the same order). Applied in span selection,
    after the refusal model has read the scores it was fitted on."""
    if not penalty:
        return units
    for u in units:
        p = u.hit.passage
        if is_figure_legend(p.kind, p.section, p.text):
            u.score -= penalty
    return sorted(units, key=lambda u: -u.score)


def coverages(cover: Callable[[set[str]], float], unit, share: float) -> tuple[float, float]:
    """A unit's term coverage read with its section title (`cover` of its context), and the score's
    lexical part: that coverage with `share` of it taken without the title's words the sentence does
    not say itself (`Unit.heading`)."""
    full = cover(unit.context)
    if not share or not unit.heading:
        return full, full
    return full, (1.0 - share) * full + share * cover(unit.context - unit.heading)
