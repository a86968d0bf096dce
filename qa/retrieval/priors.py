"""Passages that share a question's topic words without stating a finding: figure and table
captions, and back matter (funding, data availability, author statements). The second stage
(`qa.retrieval.rerank`) gives them a penalty in z units instead of dropping them."""
from __future__ import annotations

import re

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


def is_legend(kind: str, text: str) -> bool:
    """Does a passage open as a figure or table caption? Table rows are data, not captions."""
    return kind == "text" and LEGEND.match(text) is not None
