"""White rivers: vertical bands of white that many lines of a page share (a narrow gutter, the
space between two columns of a table).

A line ends where the white between two glyphs is wider than a column gap (`COLUMN_GAP` ems).
Some layouts set their columns closer: a 9 pt gutter at 9 pt type, a table's cells 1 em apart.
What sets such a gap apart from a word gap is not its width but that it lines up down the page:
the same band is white in every line from the top of the columns (or the table) to their
bottom, with text on both sides of it in many of those lines; word gaps of a justified column
fall anywhere and no band stays white through more than a line or two of them. Such a band is
a river here, and no line is read across it.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from qa.ingest.pdf.chars import Char

BIN = 0.5  # pt: the horizontal resolution of the white map
ROW_TOLERANCE = 0.3  # ems: glyphs whose baselines differ by less are on one row
MIN_ROWS = 5  # rows with text on both sides of the band, in one unbroken run of white, at least
MIN_WIDTH = 0.6  # ems: a river is at least this wide at a row (word gaps of justified lines are less)


@dataclass
class Rivers:
    """The page's rivers: for each row (baseline), the x-bins that lie in a river there."""

    bases: np.ndarray  # row baselines, top to bottom
    sizes: np.ndarray  # each row's largest glyph size
    river: np.ndarray  # bool [row, bin]
    x0: float  # the left edge of bin 0

    def crosses(self, base: float, lo: float, hi: float, size: float) -> bool:
        """The white from x `lo` to `hi` on the row at baseline `base` holds a river at least
        `MIN_WIDTH` ems (of `size`) wide: the two sides are not one line."""
        if not len(self.bases) or hi - lo < MIN_WIDTH * size:
            return False
        r = int(np.argmin(np.abs(self.bases - base)))
        if abs(self.bases[r] - base) > ROW_TOLERANCE * max(size, self.sizes[r]):
            return False
        a = max(0, math.ceil((lo - self.x0) / BIN))
        b = min(self.river.shape[1], math.floor((hi - self.x0) / BIN))
        run = longest_run(self.river[r, a:b])
        return run * BIN >= MIN_WIDTH * size


def longest_run(flags: np.ndarray) -> int:
    """The longest run of True in a 1-d bool array."""
    if not flags.any():
        return 0
    edges = np.diff(np.concatenate([[0], flags.astype(np.int8), [0]]))
    return int((np.nonzero(edges == -1)[0] - np.nonzero(edges == 1)[0]).max())


def _row_of(base: np.ndarray, size: np.ndarray) -> np.ndarray:
    """Each glyph's row, glyphs sorted top to bottom (both columns of a page share their
    baselines): a new row starts where the baseline drops by `ROW_TOLERANCE` ems or more."""
    drop = -np.diff(base) >= ROW_TOLERANCE * np.maximum(size[1:], size[:-1])
    return np.concatenate([[0], np.cumsum(drop)])


def _in_rivers(ink: np.ndarray, inside: np.ndarray) -> np.ndarray:
    """river[r, x]: row r is white at x, in a run of rows white at x that holds at least
    `MIN_ROWS` gaps between glyphs there (`inside`: text on both sides). A row with text on one
    side only (the other column's line set on another baseline, a heading in larger type)
    still lies in the river."""
    n, width = ink.shape
    white = ~ink
    # each white cell's run of white rows in its column: a new run starts under ink
    starts = np.vstack([np.ones((1, width), dtype=bool), ink[:-1]]) & white
    run = np.cumsum(starts, axis=0) + np.arange(width) * (n + 1)  # unique over columns
    counts = np.bincount(run[white], weights=inside[white], minlength=int(run.max()) + 1)
    return white & (counts[run] >= MIN_ROWS)


def find_rivers(chars: list[Char]) -> Rivers:
    """The page's rivers, from its glyphs."""
    if not chars:
        return Rivers(np.zeros(0), np.zeros(0), np.zeros((0, 0), dtype=bool), 0.0)
    glyphs = np.array([(c.base, c.size, c.x0, c.x1) for c in chars], dtype=float)
    glyphs = glyphs[np.argsort(-glyphs[:, 0], kind="stable")]
    base, size, left, right = glyphs.T
    row = _row_of(base, size)
    n = int(row[-1]) + 1
    x0 = float(left.min())
    width = int(math.ceil((right.max() - x0) / BIN)) + 1
    a = ((left - x0) / BIN).astype(int)
    b = np.maximum(np.ceil((right - x0) / BIN).astype(int), a)
    diff = np.zeros((n, width + 1), dtype=np.int32)
    np.add.at(diff, (row, a), 1)
    np.add.at(diff, (row, b), -1)
    ink = np.cumsum(diff, axis=1)[:, :width] > 0
    cols = np.arange(width)
    first = np.where(ink.any(axis=1), ink.argmax(axis=1), width)
    last = width - 1 - ink[:, ::-1].argmax(axis=1)
    inside = (cols >= first[:, None]) & (cols <= last[:, None]) & ~ink
    starts = np.concatenate([[0], np.nonzero(np.diff(row))[0] + 1])
    ends = np.concatenate([starts[1:], [len(row)]])
    bases = base[(starts + ends - 1) // 2]  # the median: baselines are sorted within a row
    return Rivers(bases, np.maximum.reduceat(size, starts), _in_rivers(ink, inside), x0)
