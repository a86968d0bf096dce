"""Reading order of a page's blocks from their positions (columns, spanning blocks).

Breuel's partial order for text lines, applied to blocks: A comes before B when their
horizontal extents overlap and A is above B, or when A lies entirely left of B and no block
between them vertically spans both (a full-width title or figure separates the columns
above it from the columns below). A topological sort of that order, breaking ties top to
bottom then left to right, holds for one, two or three columns and for spanning elements.
The cells of a table or a figure's lettering can make the order cyclic (a lower left cell
comes before an upper right one); a cycle is broken inside itself, never by reading a block
that waits on it.
"""
from __future__ import annotations

import heapq

import numpy as np

from qa.ingest.pdf.blocks import Block

BAND_SIZE_STEP = 0.5  # points smaller than the text above: a band's type (reference list, notes)
BAND_GAP = 1.0  # the white strip above such a band, in the above text's ems


def _reach(b: Block, blocks: list[Block]) -> float:
    """Right edge for ordering: a one-line block (a heading) spans the width of the text it
    heads, the block right under it starting at the same left edge."""
    if len(b.lines) > 1:
        return b.x1
    size = b.lines[0].size
    below = [n for n in blocks if n is not b and abs(n.x0 - b.x0) < 0.5 * size
             and 0 <= b.bottom - n.top < 2.5 * size]
    return max([b.x1] + [n.x1 for n in below])


def _precedence(blocks: list[Block]) -> np.ndarray:
    """before[i, j]: block i is read before block j."""
    x0 = np.array([b.x0 for b in blocks])
    x1 = np.array([_reach(b, blocks) for b in blocks])
    mid = np.array([(b.top + b.bottom) / 2 for b in blocks])
    overlap = (np.minimum(x1[:, None], x1[None, :]) - np.maximum(x0[:, None], x0[None, :])) > 0
    above = mid[:, None] > mid[None, :]
    before = overlap & above
    left = x1[:, None] <= x0[None, :]
    band = _band_tops(blocks, left)
    for a, b in zip(*np.nonzero(left)):
        lo, hi = sorted((mid[a], mid[b]))
        between = (mid > lo) & (mid < hi) & overlap[:, a] & overlap[:, b]
        before[a, b] = not between.any() and not (a in band and blocks[b].bottom > band[a])
    np.fill_diagonal(before, False)
    return before


def _band_tops(blocks: list[Block], left: np.ndarray) -> dict[int, float]:
    """The blocks of a band of smaller type across the page's foot (see `_band_below`), each
    with the band's top: such a block is read after every block to its right set above that top."""
    out: dict[int, float] = {}
    for a, b in zip(*np.nonzero(left)):
        if a not in out and (top := _band_below(blocks[a], blocks[b], blocks)) is not None:
            out[int(a)] = top
    return out


def _band_below(a: Block, b: Block, blocks: list[Block]) -> float | None:
    """Whether `a` (left of `b`) belongs to a band of smaller type set across the page's foot,
    under a white strip that no block crosses: a reference list or notes started under the last
    lines of two columns of running text (PNAS's last page). That band is read after both columns
    above it, not between them; `a` then waits on nothing to its right. The band must be text in
    both columns (`a` and a twin in its size under `b`, each about a column wide), and `b` running text: a lower paragraph of
    the left column, a footnote under one column or figure lettering never changes place.
    Returns the band's top (`_band_top`), None when `a` is no such band."""
    width = b.x1 - b.x0
    if (a.top >= b.bottom or a.size > b.size - BAND_SIZE_STEP or len(b.lines) < 3
            or a.x1 - a.x0 < 0.6 * width):
        return None
    twin = any(c is not a and len(c.lines) >= 2 and abs(c.size - a.size) < 0.3 and c.top < b.bottom
               and min(c.x1, b.x1) - max(c.x0, b.x0) > 0.6 * width for c in blocks)
    if not twin:
        return None
    lo, hi = _band_top(a, blocks), b.bottom  # the strip lies between the band's top and `b`'s foot
    spans = sorted((max(o.bottom, lo), min(o.top, hi)) for o in blocks if o.top > lo and o.bottom < hi)
    y = lo
    for bottom, top in spans:
        if bottom - y >= BAND_GAP * b.size:
            return lo
        y = max(y, top)
    return lo if hi - y >= BAND_GAP * b.size else None


def _band_top(a: Block, blocks: list[Block]) -> float:
    """The top of the run of blocks in `a`'s size stacked right above it in its column (the
    entries of a reference list before `a`)."""
    top, moved = a.top, True
    while moved:
        moved = False
        for c in blocks:
            if (abs(c.size - a.size) < 0.3 and min(c.x1, a.x1) - max(c.x0, a.x0) > 0
                    and c.top > top and c.bottom - top < a.size):
                top, moved = c.top, True
    return top


def _release(before: np.ndarray, done: list[bool], blocks: list[Block]) -> int:
    """The block to read next when every remaining block waits on another (a cycle: the cells
    of a table set inside one column, a lower left cell 'before' an upper right one). The cycle
    is broken where it is: at the top-most block of a group that waits on nothing outside it
    (every block that reaches it is reached from it), not at the top-most block of the page,
    which may be the other column's text, read then in the middle of the table."""
    rest = [k for k in range(len(done)) if not done[k]]
    reach = before[np.ix_(rest, rest)] | np.eye(len(rest), dtype=bool)
    for _ in range(max(1, int(np.ceil(np.log2(len(rest)))))):  # transitive closure by squaring
        step = reach.astype(np.float32)
        reach = reach | ((step @ step) > 0)
    source = [rest[i] for i in range(len(rest)) if not (reach[:, i] & ~reach[i, :]).any()]
    return min(source or rest, key=lambda k: (-blocks[k].top, blocks[k].x0))


def reading_order(blocks: list[Block]) -> list[Block]:
    """The blocks of one page in reading order."""
    n = len(blocks)
    if n < 2:
        return list(blocks)
    before = _precedence(blocks)
    after = [list(np.nonzero(before[i])[0]) for i in range(n)]
    indegree = [int(v) for v in before.sum(axis=0)]
    heap = [(-blocks[i].top, blocks[i].x0, i) for i in range(n) if indegree[i] == 0]
    heapq.heapify(heap)
    order: list[int] = []
    done = [False] * n
    while len(order) < n:
        if not heap:  # a cycle (overlapping blocks, a table's cells): release one of it
            i = _release(before, done, blocks)
            indegree[i] = 0
            heap.append((-blocks[i].top, blocks[i].x0, i))
        _, _, i = heapq.heappop(heap)
        if done[i]:
            continue
        done[i] = True
        order.append(i)
        for j in after[i]:
            indegree[j] -= 1
            if indegree[j] == 0 and not done[j]:
                heapq.heappush(heap, (-blocks[j].top, blocks[j].x0, j))
    return [blocks[i] for i in order]
