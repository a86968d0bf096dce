"""Passages that share a question's topic words without stating a finding: figure and table
captions, and back matter (funding, data availability, author statements). The second stage
(`qa.retrieval.rerank`) gives them a penalty in z units instead of dropping them."""
from __future__ import annotations

import re
from collections.abc import Sequence

# a caption's opening: "Figure 3." / "Fig. 2 Title" / "Supplementary Table S1:" or a panel label "(G) ",
# the label also in capitals as some journals set it ("FIG 3 Phenotypes ...", "TABLE 1 Genes ..."),
# also under a supplement's own label ("Additional file 3: Fig. S3.") or as a figure's supplement
# ("Figure 1—figure supplement 2."); "Figure 2 shows ..." is running text: after the number
# comes a stop, a colon, a bar (Nature's "Fig. 1 | Title", set after a space) or a capital
LEGEND = re.compile(r"^\s*(?:(?:Additional\s+file\s+\d+\s*[:.]\s*)?"
                    r"(?:(?:Supplementary|Extended\s+Data)\s+)?"
                    r"(?:Fig(?:ure)?s?\.?|FIG(?:URE)?S?\.?|Table|TABLE|Scheme|SCHEME)\s*"
                    r"S?\d+[A-Za-z]?(?:\s*[—–-]\s*(?:figure\s+supplement|source\s+data|video)\s+\d+)?"
                    r"(?:[.:|]|\s\||\s+(?=[A-Z(]))|\([A-H]\)\s)")


# the heading of a section about the paper rather than its findings (JATS back matter and the
# statements publishers print around it): who funded or wrote it, where its data and files are,
# what the authors declare. Such a section shares a question's topic words (a supplementary file
# list names every figure) without stating a finding.
BACK_MATTER = re.compile(
    r"^\s*(?:acknowledge?ments?|funding|financial support|author(?:s|\(s\))?\W*$|authors?['’]?\s+(?:contributions?|orcids?|information)"
    r"|(?:competing|conflicts?\s+of)\s+interests?|declarations?\b|disclosures?|ethics\b|consent\b"
    r"|(?:data|code|materials?|data\s+and\s+(?:code|materials?))\s+availability|availability\s+of\b"
    r"|(?:supplement(?:ary|al)\s+(?:information|materials?|data|files?)|additional\s+(?:files?|information))\W*$"
    r"|reporting\s+summary|publisher['’]s\s+note|reprints\b|lead\s+contact|abbreviations?$)", re.I)


def is_back_matter(section: str) -> bool:
    """Is a passage's section back matter (see `BACK_MATTER`)?"""
    return BACK_MATTER.match(section) is not None


# a question naming a figure ("Looking at Figure 1, ...", "Per Fig. 2 of ...", "in the figure") asks what
# its legend says: the legend is the passage asked for, not a caption restating the running text. By its
# number, or in the singular as the head of a noun phrase after a determiner, with up to four words
# describing it between them ("in the rev1 fly survival figure", "the big tree figure": no number
# given, the figure named by what it shows; not the verb "figure out"); "what figures did they report?"
# asks for numbers
NAMES_FIGURE = re.compile(r"\bfig(?:ure)?s?\.?\s*S?\d"
                          r"|\b(?:the|this|that|which|each)\s+(?:[\w'-]+\s+){0,4}?fig(?:ure)?\b(?!\s+out\b)", re.I)


# the figure a question names by number ("Figure 1", "Fig. 3B", "figure S2") and a legend's own label, read
# from its section heading ("Figure 1") or its opening ("Figure 1. Systemic administration ...")
_NAMED_NUMBER = re.compile(r"\bfig(?:ure)?s?\.?\s*(S?\d+)", re.I)
_LABEL = re.compile(r"^\s*(?:(?:Supplementary|Extended\s+Data)\s+)?(?:Fig(?:ure)?s?\.?|FIG(?:URE)?S?\.?)\s*(S?\d+)")


def names_figure(question: str) -> bool:
    """Does the question name a figure (so its legend is not demoted, `NAMES_FIGURE`)?"""
    return NAMES_FIGURE.search(question) is not None


def named_figures(question: str) -> frozenset[str]:
    """The figure numbers a question names ("Per Figure 1 of ..." -> {"1"}; upper case: "S2")."""
    return frozenset(m.upper() for m in _NAMED_NUMBER.findall(question))


def figure_label(section: str, text: str) -> str | None:
    """The number of the figure whose legend a passage is (by its heading, else its opening), or None."""
    m = _LABEL.match(section or "") or _LABEL.match(text)
    return m.group(1).upper() if m else None


def is_legend(kind: str, text: str) -> bool:
    """Does a passage open as a figure or table caption? Table rows are data, not captions."""
    return kind == "text" and LEGEND.match(text) is not None


# The legend prior exists because a legend restates the running text: it names every word of its
# panel's experiment, so it matches a question on the finding as well as the Results sentence that
# states it. That reason holds only where the running text is there to restate. A legend (or a
# caption) holding a word of the question that no running-text candidate of its own article holds
# states something its article's text, as retrieved, does not: the n of each group ("31 discs
# per genotype"), a statistical test, a detection limit, how the bound proteins were eluted, a
# working model's normal case. Such a legend keeps its score (`rerank_legend_new_terms`); a legend
# whose question words the running text holds too is demoted as before. Read on the re-scored
# head only, per article, from the question's own terms: no word list.
def stating_more(held: Sequence[set[str]], legend: Sequence[bool], docs: Sequence[str]) -> list[bool]:
    """Per candidate: is it a legend holding a question term (`held`: the question's terms its
    sentences hold) that no running-text candidate of the same document (`docs`) holds?"""
    text: dict[str, set[str]] = {}
    for h, is_caption, doc in zip(held, legend, docs):
        if not is_caption:
            text.setdefault(doc, set()).update(h)
    return [is_caption and bool(h - text.get(doc, set())) for h, is_caption, doc in zip(held, legend, docs)]
