"""A question naming a part of the article it asks about ("According to the discussion, what has to happen
to a stalled fork before it can be degraded?", "which patient groups does it infect, per the intro?", "In the
Discussion, which cellular processes are listed ...?") asks what that part says.

An article states a thing in several parts: the Introduction sums up what others found, the Results state
the finding, the Discussion restates it with others' and interprets it, the Methods give the protocol. When
the question says which part it means, a sentence of another part naming the same words is the wrong quote
however well it scores: the Introduction's "UFMylation is involved in multiple cellular processes, such as
endoplasmic reticulum stress, DSB repair, telomere maintenance ..." for the Discussion's list, the Results'
fork-degradation assay for the Discussion's "Replication fork reversal is essential for replication fork
degradation". So when the best sentence lies outside every part the question names, the best sentence of
the same article inside one of them within a margin is the first span (`named_part_first`,
`named_part_margin`); order only, every score stays. The parts are read by `section_role.article_part`
(the part headings every research article prints); a review has no parts, so nothing moves there.

The part is read from the question's grammar with closed classes only: a preposition ("in", "per",
"from", "according to", "within", or "and" joining two things named) before "the" and the part's name
(the names the part headings use: Introduction / intro / Background, Results, Discussion, Methods,
Abstract / Summary, Conclusion(s)), optionally "section", and not "of" after it ("the discussion of X" is
a discussion, not the part). Not after "of" ("which of the results", "out of the discussion": a common
noun), and a modifier between ("per the QikProp discussion") is no part's name.
"""
from __future__ import annotations

import re

from qa.retrieval.section_role import article_part

_INTRODUCTION = frozenset({"introduction", "background"})
_SUMMARY = frozenset({"abstract", "summary"})
_CONCLUSION = frozenset({"conclusion", "conclusions"})
# a question's name of a part -> the parts (`section_role.part_spans`' names: a heading's first word) it means
PART_NAMES: dict[str, frozenset[str]] = {
    "introduction": _INTRODUCTION, "intro": _INTRODUCTION, "background": _INTRODUCTION,
    "results": frozenset({"results"}), "discussion": frozenset({"discussion"}),
    "methods": frozenset({"methods"}), "abstract": _SUMMARY, "summary": _SUMMARY,
    "conclusion": _CONCLUSION, "conclusions": _CONCLUSION,
}
_NAMED = re.compile(
    r"\b(?:in|per|from|according\s+to|within|and)\s+the\s+(" + "|".join(PART_NAMES) + r")\b"
    r"(?:\s+section\b)?(?!\s+of\b)", re.I)


def named_parts(question: str) -> frozenset[str]:
    """The article parts a question names ("per the intro" -> introduction / background); empty when none."""
    out: set[str] = set()
    for match in _NAMED.finditer(question):
        out |= PART_NAMES[match.group(1).lower()]
    return frozenset(out)


def named_part_first(index, units: list, parts: frozenset[str], margin: float) -> list:
    """The units (best first) with the best unit of the same article lying in one of `parts` moved first when
    the best unit lies in none of them (another part, a caption, a table) and that one scores within `margin`
    of it; the rest keep their order and scores. Unchanged without parts, with margin 0 or for a review."""
    if not units or not parts or margin <= 0 or article_part(index, units[0].hit.passage) in parts:
        return units
    first = units[0]
    doc = first.hit.passage.doc_id
    near = next((u for u in units[1:] if u.score >= first.score - margin and u.hit.passage.doc_id == doc
                 and article_part(index, u.hit.passage) in parts), None)
    return units if near is None else [near, *(u for u in units if u is not near)]
