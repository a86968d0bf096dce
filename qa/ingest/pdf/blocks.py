"""Lines grouped into blocks (paragraphs, headings, captions) by position and font.

Two lines belong to one block when the second sits right under the first, overlaps it
horizontally (so the two columns of a page never mix) and is set in the same size and
weight. A block is then cut into paragraphs where a line is indented against the block's
usual left edge (or, in a list with hanging indents, where a line is not).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from statistics import median

from qa.ingest.pdf.lines import Line

LINE_GAP = 0.75  # ems of white space between two lines of one block, at most
INDENT = 0.8  # ems that make a line indented


@dataclass
class Block:
    """Lines of one page that read as one unit, top to bottom."""

    lines: list[Line]
    page: int
    kind: str = "body"  # body | heading | caption | legend | small | front | table
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


def _continues(prev: Line, ln: Line) -> bool:
    size = max(prev.size, ln.size)
    gap = prev.bottom - ln.top
    if gap > LINE_GAP * size or gap < -0.6 * size:
        return False
    if min(prev.x1, ln.x1) - max(prev.x0, ln.x0) <= 0:
        return False
    if abs(prev.size - ln.size) > 0.25:
        return False
    return prev.bold == ln.bold or (ln.words > 6 and prev.words > 6)


def make_blocks(lines: list[Line], page: int) -> list[Block]:
    """Blocks of one page (lines already top to bottom)."""
    open_blocks: list[list[Line]] = []
    for ln in lines:
        best = None
        for group in open_blocks:
            if _continues(group[-1], ln) and (best is None or group[-1].bottom < best[-1].bottom):
                best = group
        if best is not None:
            best.append(ln)
        else:
            open_blocks.append([ln])
    blocks: list[Block] = []
    for group in open_blocks:
        blocks.extend(Block(part, page) for part in split_paragraphs(group))
    return blocks


def split_paragraphs(lines: list[Line]) -> list[list[Line]]:
    """Cut at first-line indents, or at the outdented first lines of a hanging-indent list."""
    if len(lines) < 3:
        return [lines]
    left = min(ln.x0 for ln in lines)
    em = median(ln.size for ln in lines)
    indented = [ln.x0 > left + INDENT * em for ln in lines]
    hanging = sum(indented) > len(lines) / 2
    right = max(ln.x1 for ln in lines)
    parts: list[list[Line]] = [[lines[0]]]
    for i in range(1, len(lines)):
        prev = lines[i - 1]
        starts = (not indented[i]) if hanging else indented[i]
        short_end = prev.x1 < right - 2.5 * em and prev.text.rstrip()[-1:] in ".:?!"
        if starts or (short_end and not hanging):
            parts.append([lines[i]])
        else:
            parts[-1].append(lines[i])
    return parts
