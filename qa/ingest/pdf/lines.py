"""Glyphs grouped into visual lines, with superscripts and subscripts recognised.

A line is grown from the content stream while glyphs stay on the same row and move right
without a column-sized gap; fragments of one visual row that the stream emitted apart
(a superscript written after the line, a word set in another font, the words of a justified
line stretched wider than a gutter) are then merged by geometry. Neither step crosses a white
river that runs down the page (a gutter or a table's column gap narrower than a column-sized
gap: qa.ingest.pdf.rivers). Within a line the dominant size and baseline define what is
raised and smaller (a superscript) or lowered and smaller (a subscript).
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from statistics import median

from qa.ingest.pdf.chars import Char, SOFT_HYPHEN
from qa.ingest.pdf.rivers import MIN_WIDTH as RIVER_WIDTH, Rivers, find_rivers

SUPERSCRIPT = str.maketrans("0123456789-–−+", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁻⁻⁺")
SUP_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
# Accents some fonts set as separate glyphs over a letter ('e' + '´' = 'é').
ACCENTS = {"´": "\u0301", "`": "\u0300", "¨": "\u0308", "ˆ": "\u0302", "˜": "\u0303",
           "¸": "\u0327", "ˇ": "\u030c", "˚": "\u030a", "¯": "\u0304",
           # Hungarian, Polish, Romanian/Turkish, Lithuanian/Czech names: 'Sebo˝' -> 'Sebő' (user trial 9)
           "˝": "\u030b", "˛": "\u0328", "˘": "\u0306", "˙": "\u0307"}
WORD_GAP = 0.18  # a gap wider than this many ems is a space
COLUMN_GAP = 1.1  # a gap wider than this many ems ends the line (column gutter, table cell)
SMALLER = 0.92  # a superscript's size is below this share of the line's size
RAISED = 0.18  # ... and its baseline is raised by more than this many ems


@dataclass
class Line:
    """One visual line of one page: its glyphs left to right and its geometry."""

    chars: list[Char]
    page: int
    size: float = 0.0  # dominant effective font size
    base: float = 0.0  # dominant baseline
    marks: list[str] = field(default_factory=list)  # per glyph: '' | 'sup' | 'sub' | 'label' (raised words)
    text: str = ""
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0
    bottom: float = 0.0

    @property
    def bold(self) -> bool:
        glyphs = [c for c, m in zip(self.chars, self.marks) if not m and c.c.isalnum()]
        return bool(glyphs) and sum(c.bold for c in glyphs) >= 0.9 * len(glyphs)

    @property
    def words(self) -> int:
        """Tokens holding a letter or digit: the '+' and '-' of a western blot's lane labels
        ('shNC + + - -') are signs, not words, so such rows never look like running text."""
        return sum(any(ch.isalnum() for ch in t) for t in self.text.split())

    def finish(self) -> "Line":
        """Order glyphs, find the dominant size and baseline, mark scripts, render text."""
        self.chars.sort(key=lambda c: c.x0)
        # the size its letters are set in: raised citation numbers can outnumber the letters
        # of a short line or fragment ('IFNs,139-141'), and must not make it small type
        sizes = (Counter(round(c.size, 1) for c in self.chars if c.c.isalpha())
                 or Counter(round(c.size, 1) for c in self.chars if c.c.isalnum())
                 or Counter(round(c.size, 1) for c in self.chars))
        self.size = sizes.most_common(1)[0][0]
        main = [c.base for c in self.chars if abs(c.size - self.size) < 0.3] or [c.base for c in self.chars]
        self.base = median(main)
        first = self.chars[0]
        if len(self.chars) > 1 and first.c.isalpha() and first.size >= 1.6 * self.size:
            rest = self.chars[1:]  # a drop cap: one glyph of this line, set in the line's geometry
            self.chars[0] = Char(first.c, first.x0, first.x1, min(c.bottom for c in rest),
                                 max(c.top for c in rest), self.base, self.size, rest[0].font, rest[0].bold)
        self.x0, self.x1 = self.chars[0].x0, max(c.x1 for c in self.chars)
        self.top, self.bottom = max(c.top for c in self.chars), min(c.bottom for c in self.chars)
        self.marks = _labels([self._mark(c) for c in self.chars], self.chars)
        self.text = self._render()
        return self

    def _mark(self, c: Char) -> str:
        if c.size >= SMALLER * self.size:
            return ""
        if c.base - self.base > RAISED * self.size:
            return "sup"
        if self.base - c.base > 0.08 * self.size:
            return "sub"
        return ""

    @property
    def bare(self) -> str:
        """The text without raised or lowered glyphs (author names without affiliation marks)."""
        out, prev = [], None
        for c, mark in zip(self.chars, self.marks):
            if mark:
                out.append(" ")
                continue
            if prev is not None and (c.space_before or c.x0 - prev.x1 > WORD_GAP * self.size):
                out.append(" ")
            out.append(c.c)
            prev = c
        return " ".join("".join(out).split())

    def _render(self) -> str:
        out: list[str] = []
        prev: Char | None = None
        pending = ""  # an accent waiting for the letter under it
        for i, (c, mark) in enumerate(zip(self.chars, self.marks)):
            if c.c in ACCENTS:
                mid = (c.x0 + c.x1) / 2
                nxt = self.chars[i + 1] if i + 1 < len(self.chars) else None
                if prev is not None and prev.c.isalpha() and mid <= prev.x1 + 0.5:
                    out[-1] = unicodedata.normalize("NFC", out[-1] + ACCENTS[c.c])
                    if nxt is not None and nxt.x0 - prev.x1 < WORD_GAP * self.size:
                        nxt.space_before = False  # the accent's own gap, not a word gap
                    continue
                if nxt is not None and nxt.c.isalpha() and nxt.x0 - 0.5 <= mid:
                    pending = ACCENTS[c.c]
                    nxt.space_before = prev is not None and nxt.x0 - prev.x1 > WORD_GAP * self.size
                    continue
            if prev is not None:
                gap = c.x0 - prev.x1
                scripted = mark == "sup" or self.marks[i - 1] == "sup"
                opens_label = mark == "label" and self.marks[i - 1] != "label"
                if (gap > WORD_GAP * self.size or opens_label
                        or (c.space_before and not (scripted and gap < 0.25 * self.size))):
                    out.append(" ")
            if mark == "sup":
                if c.c == "," and 0 < i < len(self.chars) - 1 and self.marks[i + 1] == "sup":
                    out.append(",")
                else:
                    out.append(c.c.translate(SUPERSCRIPT))
            else:
                out.append(unicodedata.normalize("NFC", c.c + pending) if pending else c.c)
                pending = ""
            prev = c
        return "".join(out).replace(" " + SOFT_HYPHEN, SOFT_HYPHEN)


def _labels(marks: list[str], chars: list[Char]) -> list[str]:
    """A raised run that holds a letter ('K548R/K548R' over 'PARP1', an allele 'KO', a footnote
    'a,b') is a label, not an exponent or a citation: its digits stay plain (no 'K⁵⁴⁸R') and it
    is set off from the word it sits on by a space, so 'PARP1 K548R/K548R' reads and is found
    like the genotype the article writes inline elsewhere."""
    out = list(marks)
    i = 0
    while i < len(out):
        if out[i] != "sup":
            i += 1
            continue
        j = i
        while j < len(out) and out[j] == "sup":
            j += 1
        if any(c.c.isalpha() for c in chars[i:j]):
            out[i:j] = ["label"] * (j - i)
        i = j
    return out


def _same_row(line: list[Char], c: Char, rivers: Rivers) -> bool:
    last = line[-1]
    size = max(last.size, c.size)
    if c.x0 < last.x0 - 0.3 * size:  # moved left: a new line (ligature parts share a box)
        return False
    if c.x0 - last.x1 > COLUMN_GAP * max(size, 4.0):
        return False
    narrow = min(last.size, c.size)
    if c.x0 - last.x1 >= RIVER_WIDTH * narrow and rivers.crosses(last.base, last.x1, c.x0, narrow):
        return False
    return min(last.top, c.top) - max(last.bottom, c.bottom) > 0.3 * min(last.top - last.bottom, c.top - c.bottom)


LIST_LABEL = re.compile(r"^(?:\[?\d{1,3}[.\])]?|\(\d{1,3}\)|[•·▪◦–-])$")


def _apart(a: Line, b: Line, rivers: Rivers) -> bool:
    """A river runs between a and b (a narrow gutter, a table's column gap): two lines, however
    close; a list label set in its own column still belongs to its entry."""
    return not LIST_LABEL.match(a.text) and rivers.crosses(a.base, a.x1, b.x0, min(a.size, b.size))


def _mergeable(a: Line, b: Line) -> bool:
    """b continues a on the same visual row (a left of b); a list label ('12.', '[3]', '•')
    set in its own column still belongs to the entry beside it."""
    size = max(a.size, b.size)
    gap = b.x0 - a.x1
    widest = 3.5 if LIST_LABEL.match(a.text) else COLUMN_GAP
    # the gutter is measured in the smaller type: a larger heading beside the other column's
    # last line ('... between' | 'Discussion') does not widen what counts as one row
    if gap > widest * min(a.size, b.size) and _math_gap(a, b, gap):
        return True
    if not (-0.5 * size <= gap <= widest * min(a.size, b.size)):
        return False
    overlap = min(a.top, b.top) - max(a.bottom, b.bottom)
    return overlap > 0.3 * min(a.top - a.bottom, b.top - b.bottom)


TALL = 1.8  # a glyph this many times taller than its size is a stretched delimiter or operator
MATH_GAP = 3.0  # ems: the widest radical or fraction rule drawn beside such a glyph


def _math_gap(a: Line, b: Line, gap: float) -> bool:
    """The white between a and b is where an inline formula's radical sign or rule is drawn (as
    a path, so no glyph): a stretched delimiter ('(' of '√(median area)/π', set several lines
    tall) borders it on the same baseline. Reading it as a gutter split the sentence and set the
    formula apart, where it read as a heading."""
    size = min(a.size, b.size)
    if gap > MATH_GAP * size or abs(a.base - b.base) > 0.15 * size or abs(a.size - b.size) > 0.25:
        return False
    edge = (a.chars[-1], b.chars[0])
    return any(c.top - c.bottom > TALL * c.size for c in edge)


WIDE_GAP = 6.0  # ems: no word gap of a justified line is wider than this


def _word_gap(line: Line) -> float:
    """The widest gap between two words inside the line (0 for one word): a justified line
    stretches all its word gaps alike (not the one after a list label: '[38]  Stagg')."""
    gaps = [c.x0 - p.x1 for p, c in zip(line.chars, line.chars[1:])
            if c.space_before or c.x0 - p.x1 > WORD_GAP * line.size]
    if gaps and LIST_LABEL.match(line.text.split()[0]):
        gaps = gaps[1:]
    return max(gaps, default=0.0)


def _bridged(a: Line, b: Line, rows: list[Line]) -> bool:
    """The white space between a and b (one row, a left of b, wider than a word gap usually
    is) is a stretched word gap of a justified line, not a column gutter or a table's column
    gap: the words on either side are spaced as widely (justification stretches every gap of
    a line alike; a table's cell holds words set close together), and a line right above or
    below, in the same size, prints across it with no gap wider than a word gap. A gutter or
    a table's column stays white from row to row (beside a ragged line too: the gutter is
    still there, white, in the lines around it)."""
    size = min(a.size, b.size)
    lo, hi = a.x1, b.x0
    if abs(a.size - b.size) > 0.25 or not COLUMN_GAP * size < hi - lo <= WIDE_GAP * size:
        return False
    if min(a.top, b.top) - max(a.bottom, b.bottom) <= 0.3 * min(a.top - a.bottom, b.top - b.bottom):
        return False
    if not all(any(ch.isalnum() for ch in part.text) for part in (a, b)):
        return False  # lone signs spread over a row ('-  +  -'): a figure's lettering, not words
    if any(_word_gap(part) < 0.5 * (hi - lo) for part in (a, b) if _word_gap(part) > 0):
        return False  # words set close together beside it: a table's cells, not a stretched line
    widest = min(COLUMN_GAP * size, 0.8 * (hi - lo))
    near: dict[float, list[tuple[float, float]]] = {}
    for row in rows:  # the glyphs of each neighbouring baseline inside the gap, whatever fragment
        near_row = 0.5 * size < abs(row.base - a.base) < 2.5 * size
        if row is a or row is b or abs(row.size - size) > 0.25 or not near_row:
            continue
        spans = near.setdefault(round(row.base / (0.2 * size)), [])
        spans.extend((max(c.x0, lo), min(c.x1, hi)) for c in row.chars if c.x1 > lo and c.x0 < hi)
    for spans in near.values():
        edge, white = lo, 0.0
        for x0, x1 in sorted(spans):
            white, edge = max(white, x0 - edge), max(edge, x1)
        if max(white, hi - edge) <= widest:
            return True
    return False


def _attach_accents(lines: list[Line]) -> list[Line]:
    """An accent the stream wrote apart ('´' over the 's' of 'Wiśniewski') goes into the line
    under it, where rendering combines it with its letter."""
    out = list(lines)
    for acc in lines:
        if len(acc.chars) != 1 or acc.chars[0].c not in ACCENTS:
            continue
        c = acc.chars[0]
        mid = (c.x0 + c.x1) / 2
        under = [ln for ln in out if ln is not acc and ln.x0 <= mid <= ln.x1
                 and ln.bottom - 0.2 * ln.size <= c.bottom <= ln.top + 0.5 * ln.size]
        if not under:
            continue
        target = min(under, key=lambda ln: abs(ln.top - c.bottom))
        glyph = Char(c.c, c.x0, c.x1, target.bottom, target.top, target.base, target.size, c.font, c.bold)
        out[out.index(target)] = Line([*target.chars, glyph], target.page).finish()
        out.remove(acc)
    return out


def _attach_drop_caps(lines: list[Line]) -> list[Line]:
    """A large initial letter spanning several lines becomes the first glyph of the top line."""
    if len(lines) < 3:
        return lines
    usual = median(ln.size for ln in lines)
    out = list(lines)
    for cap in lines:
        if len(cap.chars) != 1 or not cap.chars[0].c.isalpha() or cap.size < 1.6 * usual:
            continue
        right = [ln for ln in out if ln is not cap and 0 <= ln.x0 - cap.x1 <= 2 * ln.size
                 and ln.top <= cap.top + 0.3 * cap.size and ln.top > cap.bottom]
        if not right:
            continue
        target = max(right, key=lambda ln: ln.top)
        c = cap.chars[0]
        glyph = Char(c.c, c.x0, c.x1, target.bottom, target.top, target.base, target.size,
                     target.chars[0].font, target.chars[0].bold)
        out[out.index(target)] = Line([glyph, *target.chars], target.page).finish()
        out.remove(cap)
    return out


def make_lines(chars: list[Char], page: int) -> list[Line]:
    """Visual lines of a page, top to bottom, each left to right."""
    rivers = find_rivers(chars)
    groups: list[list[Char]] = []
    for c in chars:
        if groups and _same_row(groups[-1], c, rivers):
            groups[-1].append(c)
        else:
            groups.append([c])
    lines = _attach_accents(_attach_drop_caps([Line(g, page).finish() for g in groups]))
    merged = True
    while merged:  # few passes: each joins every fragment to its right-hand neighbour
        merged = False
        lines.sort(key=lambda ln: ln.x0)
        rows = list(lines)  # the fragments as they stand, for the white space between them
        used: set[int] = set()
        out: list[Line] = []
        for i, a in enumerate(lines):
            if i in used:
                continue
            for j in range(i + 1, len(lines)):
                b = lines[j]
                if j not in used and (_mergeable(a, b) or _bridged(a, b, rows)) and not _apart(a, b, rivers):
                    a = Line(a.chars + b.chars, page).finish()
                    used.add(j)
                    merged = True
            out.append(a)
        lines = out
    lines.sort(key=lambda ln: (-ln.top, ln.x0))
    return lines
