"""A passage's statements: a text passage's clauses, a table row's cells.

Ingestion renders a table row as one passage that names its columns ("Table 2 (Clinical trials
...). Reference: Horwitz et al. [65]; Disease: OI; Phase: I; No. of patients: 3; Route: IV; ...",
qa.ingest.clean.tables). The index keeps the whole row as one sentence unit (it is quoted whole,
with its one vector), but where the answer stage counts what a *statement* says ("does a sentence
holding 'route' state a number?", "which cell holds the asked column?") a row is its cells, each
a statement of its own ("Route: IV"), and its caption one more. Splitting a row as prose reads
it by accident: at '; ' most cells fall apart, but 'et al. [65]' and 'No. of patients' are cut
at their periods, and a row whose cells hold no ';' is one statement naming every column.
This is the one reader of a rendered row for the answer stage (row_match, table_fields,
table_extremes, quantity); qa.index.studies reads the same form for the study table at build time.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

# a rendered row's caption prefix: 'Table 2 (Clinical trials ...). ' (qa.ingest.clean.tables)
PREFIX = re.compile(r"^\s*(?:Supplementary\s+)?Table\s+\S+\s+\(.*?\)\.\s+", re.I | re.S)
CELL_SEPARATOR = "; "  # between a rendered row's cells (qa.ingest.clean.tables)
MAX_COLUMN = 80  # characters: longer text before ': ' is a value holding a colon, not a column name
# the end of a prose statement: a sentence's end or a semicolon before the next clause
CLAUSE_END = re.compile(r"(?<=[.;!?])\s+")


def caption(text: str) -> str:
    """The caption prefix a rendered row opens with ('' when it has none)."""
    m = PREFIX.match(text)
    return m.group(0).strip() if m else ""


def row_cells(text: str, columns: Sequence[str] | None = None) -> list[tuple[str, str]]:
    """(column, value) pairs of a rendered table row ('Phase: I; No. of patients: 10'), in order.
    With the table's `columns` (`Document.tables[].columns`) a cell starts only at one of its own
    column names, so a value holding '; ' or ': ' stays whole; without them each '; '-part naming
    a column is a cell. A cell whose column has no printed name is left out."""
    if columns:
        heads = "|".join(re.escape(c) for c in sorted(set(columns), key=len, reverse=True) if c)
        if not heads:
            return []
        marks = list(re.finditer(r"(?:^|(?<=[.;] ))(" + heads + r"): ", text))
        ends = [m.start() for m in marks[1:]] + [len(text)]
        return [(m.group(1), text[m.end():end].strip().rstrip(".;").strip()) for m, end in zip(marks, ends)]
    body = PREFIX.sub("", text, count=1).rstrip(". ")
    pairs = []
    for part in body.split(CELL_SEPARATOR):
        column, sep, value = part.partition(": ")
        if sep and column.strip() and len(column) <= MAX_COLUMN:
            pairs.append((column.strip(), value.strip()))
    return pairs


def statements(text: str, kind: str) -> list[str]:
    """What a passage states, one statement at a time: a table row's caption and each of its cells
    ('Route: IV'), header and value together; a text passage's sentences and the clauses a
    semicolon sets apart. A row whose cells are not named (a PDF row shown as printed, cells
    apart) is read as text."""
    if kind == "table_row":
        cells = row_cells(text)
        if cells:
            head = caption(text)
            return ([head] if head else []) + [f"{column}: {value}" for column, value in cells]
    return [s for s in CLAUSE_END.split(text) if s]
