"""Sentence spans that never cut a citation away from the sentence it supports.

A period is a sentence end only when what follows looks like a new sentence and what
precedes is not an abbreviation ('et al.', 'e.g.', 'i.v.', 'Dr.', 'No.', 'Fig.', 'U.S.'), an
initial, or part of a citation. A citation glued after the period ('chondrocytes.1,2 In')
belongs to the sentence before it, so the sentence ends after the citation.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from qa.models import Citation

ABBREVIATIONS = frozenset(
    "al e.g eg i.e ie i.v iv vs v dr mr mrs ms prof no nos fig figs ref refs cf approx ca "
    "resp st inc ltd co jr sr vol pp ed eds viz sp spp et "
    # dotted ones that run on mid-sentence ('U.S. Food and Drug Administration', '75-mm I.D. column');
    # authors' initials ('... and G.S. Research design:') are dotted too, so only these are listed
    "u.s u.s.a u.k i.d o.d i.p i.m s.c p.o b.i.d t.i.d q.d a.m p.m".split()
)
# A candidate end: terminal punctuation, optional closing quotes/brackets, optional glued
# superscript digits, then whitespace and something that can start a sentence.
CANDIDATE = re.compile(r"[.?!][\"”’)\]]*(\d+(?:[-–,]\d+)*)?(?=\s+[\"“(\[]?[A-Z0-9])|[.?!][\"”’)\]]*\s*$")


def _is_abbreviation(text: str, dot: int) -> bool:
    """Is the period at `dot` the end of an abbreviation or an initial?"""
    if text[dot] != ".":
        return False
    m = re.search(r"([A-Za-z][A-Za-z.]*)$", text[max(0, dot - 12):dot])
    if not m:
        return False
    word = m.group(1).lower().rstrip(".")
    if word in ABBREVIATIONS:
        return True
    before = text[dot - len(m.group(1)) - 1:dot - len(m.group(1))]
    if before and not (before.isspace() or before in "([\"“'‘-–"):
        return False  # a unit or symbol, not a name's initial: '50 °C.', '5 mM.', 'CD4+ T.'
    return len(word) == 1 and m.group(1)[:1].isupper()  # an initial: 'J. Smith', 'A. Graft'


def split_sentences(text: str, start: int, end: int, citations: Sequence[Citation] = ()) -> list[tuple[int, int]]:
    """Sentence spans (absolute offsets, trimmed) within text[start:end]."""
    inside = [(c.start, c.end) for c in citations if c.end > start and c.start < end]
    cuts: list[int] = []
    region = text[start:end]
    for line_end in re.finditer(r"\n", region):  # table rows and list lines end sentences
        cuts.append(start + line_end.start())
    for m in CANDIDATE.finditer(region):
        dot = start + m.start()
        cut = start + m.end()
        if _is_abbreviation(text, dot):
            continue
        if any(a < dot < b for a, b in inside):  # '(Akiyama et. al., 2012)'
            continue
        # A citation starting right after the period joins this sentence: '.1,2 In', '. [3]'.
        # A narrative mention opening the next sentence ('Onken et al. reported') does not.
        for a, b in inside:
            if dot < a <= cut + 1 and b > cut and not text[a:a + 1].isalpha():
                cut = b
        glued = m.group(1)
        if re.match(r"\d", text[dot + 1:dot + 2] or "") and (
                not glued or text[dot - 1:dot].isdigit() and not re.search(r"[-–,]", glued)):
            continue  # a decimal ('17.2 (3-36) months'); '.1,2' after a word is a citation
        cuts.append(cut)
    spans: list[tuple[int, int]] = []
    prev = start
    for cut in sorted(set(cuts)) + [end]:
        if cut <= prev:
            continue
        a, b = prev, min(cut, end)
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            spans.append((a, b))
        prev = cut
    return spans
