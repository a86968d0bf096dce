"""Tables flattened by PDF extraction, rebuilt and rendered as self-describing text.

A rendered row names its columns ("Reference: Yang et al. [104]; Disease: MI; ...") so BM25
and the embedding see them, and answers can quote a row as a span of the cleaned text.
The cues are generic: the header line names the columns, a row starts at a reference cell,
typed columns (a roman-numeral phase followed by a count) anchor the split, and the
remaining free-text cells are split where a cell may start (a capitalised token), choosing
the split that best matches the cell values seen in rows that split unambiguously.

Tables read from a PDF's layout (qa.ingest.pdf) come with their cells already apart: one row
per line, cells between " | ". Those are rendered by qa.ingest.clean.pipe_tables.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

ROMAN = r"(?:I{1,3}|IV|V|VI{1,3})"
ROMAN_TOKEN = re.compile(rf"^{ROMAN}(?:[/–-]{ROMAN})*$")
INT_TOKEN = re.compile(r"^\d+$")
NAME = r"(?:[A-Z][\w'’.-]*|von|van|der|de|da|di|du|le|la|el)"
REFERENCE_CELL = re.compile(
    rf"^{NAME}(?:\s+{NAME}){{0,3}}\s+(?:et\s+al\.?|and\s+[A-Z][\w'’-]+)\s*"
    r"(?:\[\d+(?:[-–,]\s*\d+)*\]|\((?:19|20)\d\d[a-z]?\))")
ABBREVIATION_PAIR = re.compile(r"(?:^|;\s*)[A-Za-z][\w/+-]*, [a-z][^;,]{2,}(?=;|\.?$)")
FUNCTION_WORDS = frozenset("and or of but with in to the a an for by".split())


@dataclass
class RenderedTable:
    """A table rebuilt from flattened lines: column names and one rendered line per row."""

    label: str  # 'Table 2'
    title: str  # 'Clinical trials of mesenchymal stem cell therapy'
    columns: list[str] = field(default_factory=list)
    rows: list[str] = field(default_factory=list)
    cells: list[list[str]] = field(default_factory=list)

    @property
    def caption(self) -> str:
        return f"{self.label}. {self.title}"


def _blocks(lines: list[str], start: int, end: int) -> list[tuple[int, int]]:
    """(first, last+1) index ranges of blank-separated blocks, also cut at leading-space lines."""
    out: list[tuple[int, int]] = []
    b = None
    for i in range(start, end):
        line = lines[i]
        if not line.strip():
            if b is not None:
                out.append((b, i))
            b = None
            continue
        if b is not None and line[:1] in (" ", "\t"):
            out.append((b, i))
            b = None
        if b is None:
            b = i
    if b is not None:
        out.append((b, end))
    return out


def is_footnote(line: str) -> bool:
    """An abbreviation footnote: 'MSC, mesenchymal stem cell; OI, osteogenesis imperfecta; ...'."""
    return len(ABBREVIATION_PAIR.findall(line.strip())) >= 2


def _is_prose(block: list[str]) -> bool:
    lengths = [len(s.strip()) for s in block]
    return len(block) >= 3 and sum(lengths) / len(lengths) >= 40


def find_table_end(lines: list[str], start: int) -> tuple[int, int | None]:
    """Where the table whose caption is `lines[start]` ends, and where its footnote starts.

    Returns (end, footnote_start): the body is lines[start+1 : footnote_start or end].
    The table ends before the first prose block (a wrapped paragraph), caption or heading.
    """
    for first, last in _blocks(lines, start + 1, len(lines)):
        block = lines[first:last]
        head = block[0].strip()
        if is_footnote(head):
            return last, first
        if _is_prose(block) or re.match(r"^(?:Table|Fig(?:ure|\.)?)\s*\d+[.:]", head):
            return first, None
        if re.fullmatch(r"[A-Z][A-Z &,-]{4,}", head):  # an ALL CAPS section heading
            return first, None
    return len(lines), None


def split_header(line: str) -> list[str]:
    """'Reference Disease Phase No. of patients MSC source' -> columns at capitalised words."""
    cols: list[str] = []
    for tok in line.split():
        if tok[:1].isupper() or not cols:
            cols.append(tok)
        else:
            cols[-1] += " " + tok
    return cols


def _startable(tok: str) -> bool:
    """Can a cell begin with this token? (capitalised, a number, or containing a capital)."""
    return bool(tok) and (tok[:1].isupper() or tok[:1].isdigit() or any(c.isupper() for c in tok)
                          or tok[:1] in "+-–−(<>≥≤")


def _splits(tokens: list[str], k: int) -> list[list[str]]:
    """All ways to cut `tokens` into k cells, each starting at a startable token."""
    if k <= 0:
        return []
    if k == 1:
        return [[" ".join(tokens)]] if tokens else []
    out: list[list[str]] = []
    for cut in range(1, len(tokens)):
        if _startable(tokens[cut]):
            for rest in _splits(tokens[cut:], k - 1):
                out.append([" ".join(tokens[:cut])] + rest)
    return out


def _split_cells(tokens: list[str], k: int, vocab: list[Counter[str]]) -> list[str]:
    """Best split of `tokens` into k cells given the values seen per column."""
    options = _splits(tokens, k)
    if not options:
        cells = [" ".join(tokens)] + [""] * (k - 1)
        return cells[:k]

    def score(cells: list[str]) -> float:
        s = 0.0
        for col, cell in enumerate(cells):
            words = cell.split()
            if vocab and vocab[col][cell]:
                s += 3
            elif vocab and any(v.split()[0] == words[0] for v in vocab[col]):
                s += 1
            if words[-1].lower() in FUNCTION_WORDS:
                s -= 2
        return s

    return max(options, key=score)


def _learn_vocab(parts: list[list[str]], k: int) -> list[Counter[str]]:
    vocab = [Counter() for _ in range(k)]
    for tokens in parts:
        starts = [i for i, t in enumerate(tokens) if _startable(t)]
        if len(starts) == k and starts[0] == 0:
            bounds = starts + [len(tokens)]
            for col in range(k):
                vocab[col][" ".join(tokens[bounds[col]:bounds[col + 1]])] += 1
    return vocab


def _row_starts(lines: list[str]) -> list[int]:
    """Lines that begin a reference cell (which may wrap: 'Mohyeddin Bonab' / 'et al. [111]')."""
    match = [bool(REFERENCE_CELL.match(" ".join(s.strip() for s in lines[i:i + 3])))
             for i in range(len(lines))]
    whole = [bool(REFERENCE_CELL.match(s.strip())) for s in lines]
    # 'IV Improved' followed by a row start is the tail of the previous row, not a new one.
    return [i for i in range(len(lines)) if match[i]
            and (whole[i] or not (i + 1 < len(lines) and match[i + 1]))
            and (i == 0 or not lines[i - 1].rstrip().endswith(" et"))]


def _typed_anchor(tokens: list[str]) -> int | None:
    """Index of the first (roman numeral, integer) token pair, e.g. phase then patient count."""
    for i in range(len(tokens) - 1):
        if ROMAN_TOKEN.match(tokens[i]) and INT_TOKEN.match(tokens[i + 1]):
            return i
    return None


def _parse_reference_rows(rows: list[str], columns: list[str]) -> list[list[str]]:
    n = len(columns)
    refs, rests = [], []
    for row in rows:
        m = REFERENCE_CELL.match(row)
        refs.append(m.group(0).strip() if m else "")
        rests.append(row[m.end():].split() if m else row.split())
    anchors = [_typed_anchor(t) for t in rests]
    if n >= 4 and sum(a is not None for a in anchors) >= 0.7 * len(rows):
        lefts = [t[:a] for t, a in zip(rests, anchors) if a is not None]
        rights = [t[a + 2:] for t, a in zip(rests, anchors) if a is not None]
        n_left = max(1, min(sum(map(_startable, t)) for t in lefts) if lefts else 1)
        n_left = min(n_left, n - 4)
        n_right = n - 3 - n_left
        vocab_l, vocab_r = _learn_vocab(lefts, n_left), _learn_vocab(rights, n_right)
        table = []
        for ref, tokens, a in zip(refs, rests, anchors):
            if a is None:
                cells = _split_cells(tokens, n - 1, [])
            else:
                cells = (_split_cells(tokens[:a], n_left, vocab_l) + tokens[a:a + 2]
                         + _split_cells(tokens[a + 2:], n_right, vocab_r))
            table.append([ref] + cells)
        return table
    vocab = _learn_vocab(rests, n - 1)
    return [[ref] + _split_cells(tokens, n - 1, vocab) for ref, tokens in zip(refs, rests)]


def render_table(caption: str, body: list[str], join: Callable[[list[str]], str]) -> RenderedTable:
    """Rebuild a table from its caption line and flattened body lines (blank lines kept as '').

    `join` joins wrapped lines of one cell or row (de-hyphenation and ligature repair).
    """
    m = re.match(r"^(Table\s+\S+?)[.:]\s*(.*)$", caption.strip())
    label, title = (m.group(1), m.group(2).strip()) if m else (caption.strip(), "")
    table = RenderedTable(label=label, title=title)
    blocks = _blocks(body, 0, len(body))
    data_at = next((i for i, (a, b) in enumerate(blocks)
                    if re.search(r"[\d+–−\[]|et al", " ".join(body[a:b]))), len(blocks))
    header = [join([s.strip() for s in body[a:b]]) for a, b in blocks[:data_at]]
    table.columns = split_header(header[0]) if len(header) == 1 else header
    data = [s for a, b in blocks[data_at:] for s in body[a:b]]
    starts = _row_starts(data)
    prefix = f"{label} ({title})." if title else f"{label}."
    if starts and starts[0] == 0 and len(table.columns) >= 2:
        rows = [join([s.strip() for s in data[a:b]]) for a, b in zip(starts, starts[1:] + [len(data)])]
        table.cells = _parse_reference_rows(rows, table.columns)
        for cells in table.cells:
            pairs = "; ".join(f"{c}: {v}" for c, v in zip(table.columns, cells) if v)
            table.rows.append(f"{prefix} {pairs}.")
        return table
    # Otherwise each block is a row; a ragged table (short rows) is a list per column.
    n = max(len(table.columns), 1)
    rows = [join([s.strip() for s in body[a:b]]).split() for a, b in blocks[data_at:]]
    vocab = _learn_vocab(rows, n)
    table.cells = [_split_cells(r, min(n, max(1, sum(map(_startable, r)))), vocab) for r in rows]
    ragged = any(len([c for c in cells if c]) < n for cells in table.cells)
    if ragged and table.columns:
        listing = []
        for col, name in enumerate(table.columns):
            values = [cells[col] for cells in table.cells if col < len(cells) and cells[col]]
            listing.append(f"{name}: {', '.join(values)}")
        table.rows.append(f"{prefix} {'; '.join(listing)}.")
    else:
        for cells in table.cells:
            pairs = "; ".join(f"{c}: {v}" if c else v for c, v in zip(table.columns or [""] * n, cells))
            table.rows.append(f"{prefix} {pairs}.")
    return table
