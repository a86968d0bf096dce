"""Sentence spans that never cut a citation away from the sentence it supports.

A period is a sentence end only when what follows looks like a new sentence and what
precedes is not an abbreviation ('et al.', 'e.g.', 'i.v.', 'Dr.', 'No.', 'Fig.', 'U.S.'), an
initial, or part of a citation. A citation glued after the period ('chondrocytes.1,2 In')
belongs to the sentence before it, so the sentence ends after the citation. A period inside
parentheses that close later in the passage ends no sentence, nor does one after an unclosed
'(' when a number follows: a recipe's typo ('(25 mM HEPES, 1.5 mM MgCl2. 10 mM KCl, ...)') or an
abbreviation list is one parenthetical, not two sentences.
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


NUMBER_NEXT = re.compile(r"\s+\d")  # a number opens what follows a period
# An item marker opening what follows a period: '3) ', '(b) ', '(G) ', '(iv) '. A name's initial is
# followed by a name, never by one ('... and activin A. 3) Inhibition of fibrosis: ...'); a year
# ('Smith, A. (2007).') or a journal's volume ('EMBO J. 20, 5305') is no item marker.
ITEM_MARKER_NEXT = re.compile(r"\s+(?:\d{1,2}\)|\((?:\d{1,2}|[A-Za-z]|[ivx]{2,4})\))\s")


def _is_abbreviation(text: str, dot: int) -> bool:
    """Is the period at `dot` the end of an abbreviation or an initial? A single capital is an
    initial unless an item marker follows it (`ITEM_MARKER_NEXT`)."""
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
    if ITEM_MARKER_NEXT.match(text, dot + 1):
        return False  # a list item follows: 'activin A. 3) Inhibition', 'pladienolide B. (D) EEF2'
    return len(word) == 1 and m.group(1)[:1].isupper()  # an initial: 'J. Smith', 'A. Graft'


def open_parentheses(region: str) -> tuple[list[bool], list[bool]]:
    """Per offset of `region`: is it inside parentheses that close later in the region, and is
    it after a '(' not closed before it (an unmatched one too: articles drop closing brackets)?
    Only the first makes a period no sentence end in general; a stray '(' must not swallow the
    rest of a passage."""
    closed = [False] * len(region)
    opened = [False] * len(region)
    stack: list[int] = []
    for i, ch in enumerate(region):
        opened[i] = bool(stack)
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            a = stack.pop()
            if not stack:
                closed[a + 1:i] = [True] * (i - a - 1)
    return closed, opened


def split_sentences(text: str, start: int, end: int, citations: Sequence[Citation] = ()) -> list[tuple[int, int]]:
    """Sentence spans (absolute offsets, trimmed) within text[start:end]."""
    inside = [(c.start, c.end) for c in citations if c.end > start and c.start < end]
    cuts: list[int] = []
    region = text[start:end]
    parenthetical, opened = open_parentheses(region)
    for line_end in re.finditer(r"\n", region):  # table rows and list lines end sentences
        cuts.append(start + line_end.start())
    for m in CANDIDATE.finditer(region):
        dot = start + m.start()
        cut = start + m.end()
        if _is_abbreviation(text, dot):
            continue
        if any(a < dot < b for a, b in inside):  # '(Akiyama et. al., 2012)'
            continue
        if m.end() < len(region) and (parenthetical[dot - start] or (
                opened[dot - start] and NUMBER_NEXT.match(text, m.end(1) if m.group(1) else dot + 1))):
            continue  # '(25 mM HEPES, 1.5 mM MgCl2. 10 mM KCl, ...)': one parenthetical
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
