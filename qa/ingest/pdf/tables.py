"""A table's cells as rows: the grid read from where its lines stand.

A table is set as cells: each row's cells on one baseline, a cell that wraps continuing on the
lines below it in its own column, an empty cell leaving nothing. Reading the lines of one
baseline left to right (as a paragraph's words are) breaks such a table: a wrapped cell's second
line becomes a row of its own, a row with an empty cell shifts every later cell one column
left. Here the columns are the x-ranges of the cells of the fullest rows; each line goes to the
column it overlaps most; a line set at the table's line pitch under a row, in at most half the
columns and not the first (any, when rows are set apart by more than the pitch), continues that
row's cells (a wrapped cell, or the second line of a header); a line running over a column's
left edge, its cells set close, is cut there; an empty cell stays in its place; and a line alone
on its baseline under the last row, reaching across a column's start, is a footnote, written
after the rows. Cells are written between ' | ', the separator the text pipeline reads
(qa.ingest.clean.pipe_tables.PIPE).
"""
from __future__ import annotations

import math

from qa.ingest.clean.pipe_tables import PIPE
from qa.ingest.pdf.blocks import Block
from qa.ingest.pdf.lines import Line

PITCH_SLACK = 1.25  # a baseline step up to this many times the table's tightest one is a line pitch


def _baseline_rows(lines: list[Line]) -> list[list[Line]]:
    """Lines grouped by baseline, top to bottom, each group left to right."""
    rows: list[list[Line]] = []
    for ln in sorted(lines, key=lambda ln: (ln.page, -ln.base)):  # a table may run over pages
        if rows and rows[-1][0].page == ln.page and abs(rows[-1][0].base - ln.base) < 0.5 * ln.size:
            rows[-1].append(ln)
        else:
            rows.append([ln])
    return [sorted(row, key=lambda ln: ln.x0) for row in rows]


def columns(rows: list[list[Line]]) -> list[tuple[float, float]]:
    """The x-range of each column: over the rows with the most cells, the extent of the k-th cell."""
    most = max(len(row) for row in rows)
    full = [row for row in rows if len(row) == most]
    return [(min(row[k].x0 for row in full), max(row[k].x1 for row in full)) for k in range(most)]


def column_of(line: Line, ranges: list[tuple[float, float]]) -> int:
    """The column a line overlaps most (the nearest one when it overlaps none)."""
    def overlap(k: int) -> float:
        a, b = ranges[k]
        return min(b, line.x1) - max(a, line.x0)

    return max(range(len(ranges)), key=lambda k: (overlap(k), -abs(ranges[k][0] - line.x0)))


def split_at_columns(line: Line, ranges: list[tuple[float, float]]) -> list[Line]:
    """A line that runs over the start of a column, cells set closer than the reader's column
    gap ('Disease  Phase'): cut before the glyph that starts within half an em of that column's
    left edge after a gap (columns are left-aligned); unchanged when there is no such glyph."""
    cuts = []
    for start, _ in ranges[1:]:
        if not line.x0 < start - 0.5 * line.size < line.x1:
            continue
        for i in range(1, len(line.chars)):
            glyph, before = line.chars[i], line.chars[i - 1]
            if abs(glyph.x0 - start) <= 0.5 * line.size and glyph.x0 - before.x1 > 0.15 * line.size:
                cuts.append(i)
                break
    if not cuts:
        return [line]
    bounds = [0, *sorted(set(cuts)), len(line.chars)]
    return [Line(chars=line.chars[a:b], page=line.page).finish() for a, b in zip(bounds, bounds[1:])]


def table_rows(blocks: list[Block]) -> list[str]:
    """The table's rows, top to bottom, each as its cells joined by ' | ' (empty cells kept)."""
    physical = _baseline_rows([ln for b in blocks for ln in b.lines])
    if not physical:
        return []
    ranges = columns(physical)
    if len(ranges) < 2:
        return [PIPE.join(ln.text for ln in row) for row in physical]
    steps = [a[0].base - b[0].base for a, b in zip(physical, physical[1:])
             if a[0].page == b[0].page and a[0].base > b[0].base]
    pitch = min(steps) if steps else 0.0
    # rows set apart by more than the line pitch (cell padding, rules): then a line at the pitch
    # continues its row even in the first column ('Cartilage' / 'defects')
    spaced = sum(step > PITCH_SLACK * pitch for step in steps) >= len(steps) / 3
    # a line alone on its baseline, from the first column across the second's start, under the last row: a
    # footnote set in the table's size, not a row (written after the rows, apart)
    notes: list[str] = []
    while len(physical) > 2 and len(physical[-1]) == 1 and physical[-1][0].x0 < ranges[1][0] < physical[-1][0].x1:
        notes.insert(0, physical.pop()[0].text)
    rows: list[list[str]] = []
    for i, row in enumerate(physical):
        cells: list[list[str]] = [[] for _ in ranges]
        for ln in (part for whole in row for part in split_at_columns(whole, ranges)):
            cells[column_of(ln, ranges)].append(ln.text)
        filled = sum(bool(c) for c in cells)
        step = physical[i - 1][0].base - row[0].base if i and physical[i - 1][0].page == row[0].page else math.inf
        few = max(1, len(ranges) // 2)
        # in a table whose rows are set apart, a line at the pitch under a line filling few cells
        # carries the rest of its row (cells wrapped over two lines, the row's other cells set on
        # the last: eLife's key resources table)
        opened = spaced and bool(rows) and sum(bool(c) for c in rows[-1]) <= few
        if (rows and step <= PITCH_SLACK * pitch
                and (((spaced or not cells[0]) and filled <= few) or opened)):
            for k, cell in enumerate(cells):
                if cell:
                    rows[-1][k] = f"{rows[-1][k]} {' '.join(cell)}".strip()
            continue
        rows.append([" ".join(cell) for cell in cells])
    return [PIPE.join(cells) for cells in rows] + (["", " ".join(notes)] if notes else [])
