"""Lines grouped into blocks (paragraphs, headings, captions) by position and font.

Two lines belong to one block when the second sits right under the first, overlaps it
horizontally (so the two columns of a page never mix) and is set in the same size and
weight. A block is then cut into paragraphs where a line is indented against the block's
usual left edge (or, in a list with hanging indents, where a line is not).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from statistics import median

from qa.ingest.clean.reflist import AUTHOR_START, YEAR
from qa.ingest.pdf.lines import Line

LINE_GAP = 0.75  # ems of white space between two lines of one block, at most
INDENT = 0.8  # ems that make a line indented
PARA_SPACE = 0.2  # ems of extra baseline step that separate two paragraphs of one block
LABEL = re.compile(r"^(?:\[\d{1,3}\]|\d{1,3}\.)\s+\S")  # a list item's label: '12. Smith', '[12] Smith'


def entry_start(text: str) -> bool:
    """A line opening a list item: its label, or a reference entry's first author and a year.
    Unlike `qa.ingest.pdf.flow.entry_like` it takes no corporate author: an entry's continuation
    line set with a journal and a year ('Curr. Opin. Genet. Dev. 71, 92-98 (2021).') reads as one,
    and hanging lists would no longer be found (PNAS's reference list, measured)."""
    return bool(LABEL.match(text) or (AUTHOR_START.match(text) and YEAR.search(text)))


@dataclass
class Block:
    """Lines of one page that read as one unit, top to bottom."""

    lines: list[Line]
    page: int
    kind: str = "body"  # body | heading | caption | legend | small | front | table | note
    x0: float = field(init=False)
    x1: float = field(init=False)
    top: float = field(init=False)
    bottom: float = field(init=False)

    def __post_init__(self) -> None:
        self.update()

    def update(self) -> None:
        self.x0 = min(ln.x0 for ln in self.lines)
        self.x1 = max(ln.x1 for ln in self.lines)
        self.top = max(ln.top for ln in self.lines)
        self.bottom = min(ln.bottom for ln in self.lines)

    @property
    def size(self) -> float:
        return median(ln.size for ln in self.lines)

    @property
    def bold(self) -> bool:
        return all(ln.bold for ln in self.lines)

    @property
    def font(self) -> str:
        """The font most of the block's letters are set in."""
        fonts = Counter(c.font for ln in self.lines for c in ln.chars if c.c.isalpha())
        return fonts.most_common(1)[0][0] if fonts else ""

    @property
    def words(self) -> int:
        return sum(ln.words for ln in self.lines)

    @property
    def text(self) -> str:
        return " ".join(ln.text for ln in self.lines)


def usual_gap(pages: list[list[Line]], default: float = 0.0) -> float:
    """The white space between consecutive lines of a paragraph most common on these pages, in
    ems (double-spaced manuscripts have far more than typeset articles); `default` when there
    are too few lines to tell."""
    gaps: Counter[float] = Counter()
    for lines in pages:
        ordered = sorted((ln for ln in lines if ln.words >= 5), key=lambda ln: -ln.top)
        for i, ln in enumerate(ordered):
            for nxt in ordered[i + 1:i + 4]:
                if min(ln.x1, nxt.x1) - max(ln.x0, nxt.x0) > 0 and abs(ln.size - nxt.size) < 0.25:
                    gaps[round((ln.bottom - nxt.top) / ln.size, 1)] += 1
                    break
    if sum(gaps.values()) < 5:
        return default
    return gaps.most_common(1)[0][0]


def _continues(prev: Line, ln: Line, line_gap: float = LINE_GAP) -> bool:
    size = max(prev.size, ln.size)
    gap = prev.bottom - ln.top
    if gap > line_gap * size or gap < -0.6 * size:
        return False
    if min(prev.x1, ln.x1) - max(prev.x0, ln.x0) <= 0:
        return False
    if abs(prev.size - ln.size) > 0.25:
        return False
    return prev.bold == ln.bold or (ln.words > 6 and prev.words > 6)


def make_blocks(lines: list[Line], page: int, usual: float = 0.0) -> list[Block]:
    """Blocks of one page (lines already top to bottom); `usual`: the document's usual line gap."""
    line_gap = max(LINE_GAP, usual + 0.35)
    open_blocks: list[list[Line]] = []
    for ln in lines:
        best = None
        for group in open_blocks:
            if _continues(group[-1], ln, line_gap) and (best is None or group[-1].bottom < best[-1].bottom):
                best = group
        if best is not None:
            best.append(ln)
        else:
            open_blocks.append([ln])
    blocks: list[Block] = []
    for group in open_blocks:
        blocks.extend(Block(part, page) for part in split_paragraphs(group))
    return blocks


def line_pitch(lines: list[Line]) -> float | None:
    """The block's own baseline-to-baseline distance (its tightest regular step), or None
    when there are too few lines to tell."""
    steps = sorted(a.base - b.base for a, b in zip(lines, lines[1:]) if a.base - b.base > 0.5 * a.size)
    return steps[0] if len(steps) >= 2 else None


def line_font(line: Line) -> tuple[str, float]:
    """The font most of the line's letters are set in, and the share of letters set in it."""
    fonts = Counter(c.font for c in line.chars if c.c.isalpha())
    if not fonts:
        return "", 0.0
    font, n = fonts.most_common(1)[0]
    return font, n / sum(fonts.values())


def font_lead(lines: list[Line]) -> int:
    """How many opening lines (at most 3) are set wholly in a font the rest of the block is
    not: a heading in its own typeface right above its paragraph, same size, no bold flag."""
    fonts = [line_font(ln) for ln in lines]
    for k in range(1, min(4, len(lines) - 1)):
        lead = {f for f, share in fonts[:k]}
        if len(lead) != 1 or any(share < 0.75 for _, share in fonts[:k]):  # italics in a heading
            return 0
        font = next(iter(lead))
        rest = Counter(c.font for ln in lines[k:] for c in ln.chars if c.c.isalpha())
        if fonts[k][0] != font and rest and rest[font] < 0.2 * sum(rest.values()):
            return k
    return 0


def split_paragraphs(lines: list[Line]) -> list[list[Line]]:
    """Cut a heading set in its own font off the top, then paragraphs (see `_paragraphs`)."""
    lead = font_lead(lines) if len(lines) >= 3 else 0
    if lead:
        return [lines[:lead], *_paragraphs(lines[lead:])]
    return _paragraphs(lines)


def _paragraphs(lines: list[Line]) -> list[list[Line]]:
    """Cut at first-line indents, at the outdented first lines of a hanging-indent list, or
    where the baseline step grows beyond the block's own line pitch (space between paragraphs
    or reference entries). A short line ending a sentence ends a paragraph only in a block
    that shows no such spacing."""
    if len(lines) < 3:
        return [lines]
    left = min(ln.x0 for ln in lines)
    em = median(ln.size for ln in lines)
    indented = [ln.x0 > left + INDENT * em for ln in lines]
    # most lines indented: a hanging-indent list (a column may open on an entry's continuation)
    hanging = sum(indented) >= len(lines) / 2 and (not indented[0] or sum(indented) < len(lines) - 1)
    # ... or every outdented line opens with a list label and no indented one does: a numbered
    # list of short entries (one-line entries outnumber continuation lines in small type)
    outdented = [ln for ln, ind in zip(lines, indented) if not ind]
    # ... or of author-year entries ('Keating A (2008) ...', 'English K, Ryan JM, ...'), however
    # many of them fit on one line
    hanging = hanging or (any(indented) and len(outdented) >= 2 and all(entry_start(ln.text) for ln in outdented)
                          and not any(entry_start(ln.text) for ln, ind in zip(lines, indented) if ind))
    right = max(ln.x1 for ln in lines)
    pitch = line_pitch(lines)
    spaced = [pitch is not None and a.base - b.base > max(pitch + PARA_SPACE * em, 1.08 * pitch)
              for a, b in zip(lines, lines[1:])]
    parts: list[list[Line]] = [[lines[0]]]
    for i in range(1, len(lines)):
        prev = lines[i - 1]
        starts = (not indented[i]) if hanging else indented[i]
        short_end = prev.x1 < right - 2.5 * em and prev.text.rstrip()[-1:] in ".?!"
        if starts or spaced[i - 1] or (short_end and not hanging and not any(spaced)):
            parts.append([lines[i]])
        else:
            parts[-1].append(lines[i])
    return parts
