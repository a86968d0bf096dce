"""Tables the PDF layout reader wrote with their cells apart: one row per line, cells between " | ".

Split off qa.ingest.clean.tables (tables flattened by text extraction, rebuilt from cues): here the
cells are given, so rendering only has to find the header, the lines that continue a row, the rows
that are no rows (page furniture) and the notes' markers.
"""
from __future__ import annotations

import re

from qa.ingest.clean.tables import RenderedTable

PIPE = " | "  # how the PDF layout reader separates the cells of a table row (qa.ingest.pdf.tables)
CELL_SEPARATOR = re.compile(r" \|(?= |$)|^\|(?= )")
PIPE_CAPTION = re.compile(r"^((?:Supplementary\s+)?Table\s+S?(?:\d+|[IVX]+))(?:\s*[.:|]\s*|\s+)(\S.*)?$"
                          r"|^((?:[A-Za-z][\w-]*\s+){1,3}tables?)$", re.I)  # or named: 'Key resources table'
# a note marker ending a cell or column name ('Loss of viability relative to WT a', 'P value*',
# 'Dose a,b'): a lone lowercase letter (or a few) after a space, or note symbols
CELL_MARKS = re.compile(r"(?:\s([a-z](?:,[a-z])*)|([*†‡§¶#]{1,3}))$")
# a table note's opening: its marker set before (or glued to) the note's first word
# ('aRatio of the viability ...', 'b Data represent ...', '* P < 0.05 ...')
NOTE_OPENING = re.compile(r"^([a-z]|[*†‡§¶#]{1,3})\s?(?=[A-Z(\d])")


def pipe_table_end(lines: list[str], start: int) -> int:
    """The end (exclusive) of the pipe table whose first line (its caption, or its first row) is
    `lines[start]`: its rows and the lines that continue them, up to a blank line; the table is
    one unless at least two of its lines are rows."""
    end = start + 1
    while end < len(lines) and lines[end].strip():
        end += 1
    rows = sum(PIPE in ln for ln in lines[start:end])
    return end if rows >= 2 else start


def _marks(m: re.Match[str]) -> list[str]:
    """The markers of a `CELL_MARKS` match: 'a,b' -> ['a', 'b'], '†' -> ['†']."""
    return m.group(1).split(",") if m.group(1) else [m.group(2)]


def note_marks(rows: list[str]) -> set[str]:
    """The note markers a pipe table's cells end with: the notes printed under the table
    open with them (JATS `table-wrap-foot`: 'a', 'b' or '*', '†')."""
    marks: set[str] = set()
    for line in rows:
        if PIPE not in line:
            continue
        for cell in CELL_SEPARATOR.split(line.strip()):
            m = CELL_MARKS.search(cell.strip())
            if m:
                marks.update(_marks(m))
    return marks


def note_mark(line: str, marks: set[str]) -> str | None:
    """The marker `line` opens with when it is one of `marks`: a note of the table above, not
    running text (a paragraph opening 'aRatio' or 'b Data' is set that way only as a note)."""
    m = NOTE_OPENING.match(line.strip())
    return m.group(1) if m and m.group(1) in marks else None


def without_marks(name: str, marks: set[str]) -> str:
    """A column name without the note markers its notes confirmed: 'relative to WT a' -> 'relative to WT'."""
    m = CELL_MARKS.search(name)
    if not m:
        return name
    return name[:m.start()].rstrip() if all(x in marks for x in _marks(m)) else name


def _has_digit(cell: str) -> bool:
    return any(ch.isdigit() for ch in cell)


CONTINUED_ROW = re.compile(r"^\(?(?:table\s+\S+\s+)?continued(?:\s+on\s+(?:the\s+)?next\s+page)?\)?\.?$", re.I)


def is_furniture_row(cells: list[str]) -> bool:
    """A row that is no row of the table: a '(Continued on next page)' line, or a lone mark of
    one or two letters (a journal's logo set over a table that runs on)."""
    filled = [c for c in cells if c]
    if len(filled) != 1:
        return not filled
    only = filled[0]
    return bool(CONTINUED_ROW.match(only)) or (len(only) <= 2 and only.isalpha())


def render_pipe_table(caption: str, body: list[str], columns: list[str] | None = None,
                      marks: set[str] | None = None) -> RenderedTable:
    """Rows read from a PDF's layout: a line with cells apart starts a row, a line without
    continues it (a wrapped cell, whose column is not known: its words end the row). The first
    row is the header when its cells hold fewer numbers than the rows after it. A row with as
    many cells as the header names its columns ('Gene: katE; ...'); one with fewer (an empty
    cell leaves no mark) is shown as printed, cells apart, so no value is put under a wrong column.
    `columns`: the header of the table these rows continue (on the next page, its caption and
    header line dropped as running text by qa.ingest.clean.page_lines). `marks`: note markers
    whose notes follow the table; they are taken off the column names (the note is its own passage)."""
    m = PIPE_CAPTION.match(caption.strip()) if caption else None
    label, title = (m.group(1) or m.group(3), (m.group(2) or "").strip()) if m else ("Table", caption.strip())
    table = RenderedTable(label=label, title=title)
    rows: list[list[str]] = []
    for line in body:
        if PIPE in line:  # (an empty first or last cell may have lost its space to stripping)
            cells = [c.strip() for c in CELL_SEPARATOR.split(line.strip())]
            if not is_furniture_row(cells):
                rows.append(cells)
        elif rows and line.strip():
            rows[-1][-1] = f"{rows[-1][-1]} {line.strip()}"
    if columns:
        table.columns = list(columns)
    elif len(rows) >= 2:
        first = sum(map(_has_digit, rows[0])) / len(rows[0])
        rest = sum(sum(map(_has_digit, r)) / len(r) for r in rows[1:]) / (len(rows) - 1)
        if first < rest or not any(map(_has_digit, rows[0])):
            table.columns, rows = rows[0], rows[1:]
    header = list(table.columns)
    if marks:
        table.columns = [without_marks(c, marks) for c in table.columns]
    prefix = f"{label} ({title})." if title else f"{label}."
    for cells in rows:
        if cells in (header, table.columns):
            continue  # the header repeated where the table runs on over a page
        table.cells.append(cells)
        if table.columns and len(cells) == len(table.columns):
            # a column whose name is not printed (a header set over two lines) shows its value alone
            shown = "; ".join(f"{c}: {v}" if c else v for c, v in zip(table.columns, cells) if v)
        else:
            shown = PIPE.join(cells)
        table.rows.append(f"{prefix} {shown}.")
    return table

