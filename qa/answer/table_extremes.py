"""Superlatives over a table: "Which trial in the table had the most patients?", "Besides csrA,
which mutant lost most viability?".

Retrieval ranks rows by how well their words match, and every row of a table shares the words of
its columns, so the row holding the largest value is found only by luck (user trial 16, P5). A
table is indexed row by row with its column names ("No. of patients: 69; ..."), which is enough
to answer a superlative by reading the numbers: when the question asks for the most or least of
something, a table is among its best hits and one numeric column of that table is named by the
question, the row with the extreme value of that column (among the rows the question's other
words select, without the ones it excludes) is put first, with a note saying how it was chosen.
Nothing here knows a topic: only English superlatives, exclusions and the rendered row format.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from qa.retrieval.statements import PREFIX, row_cells
from qa.models import Hit, Passage

# "the most patients", "highest dose", "lost most viability"; not "at least", "at most",
# "most of", "most likely" (a hedge, not a comparison of values), nor "maximum" / "minimal",
# which name a concept as often ("maximum tolerated dose", "minimal criteria")
MOST = r"most|highest|largest|greatest|biggest|longest"
LEAST = r"least|fewest|lowest|smallest|shortest"
SUPERLATIVE = re.compile(r"(?<!\bat )\b(?:(?P<max>" + MOST + r")|(?P<min>" + LEAST + r"))\b(?!\s+(?:of|likely)\b)",
                         re.I)
# "besides csrA", "other than the MI trials", "except Chen et al.", "apart from katE"
EXCLUDED = re.compile(r"\b(?:besides|other than|except(?: for)?|apart from|aside from|excluding|not counting)"
                      r"\s+(?:the\s+)?([^\s,;?]+(?:\s+et al\.?)?)", re.I)
# a numeric cell: "69", "1.5", "480", "1,200", "~20", "150×"; the leading number is its value
VALUE = re.compile(r"^\s*[<>≤≥~≈]?\s*(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w/-])")
NUMERIC_SHARE = 0.6  # a column is numeric when this share of its rows' cells read as a number
HEAD_DEPTH = 5  # a table counts when one of its rows is among this many best hits
MAX_TIES = 3  # rows sharing the extreme value that are all put first


@dataclass(frozen=True)
class Extreme:
    """The rows holding the extreme value of the column a superlative question names."""

    rows: list[Passage]
    column: str
    value: str
    largest: bool
    among: int  # rows compared
    table: str

    def note(self) -> str:
        which = "largest" if self.largest else "smallest"
        return (f"Rows compared by '{self.column}' ({self.among} rows of {self.table}): the {which} "
                f"value is {self.value}.")


def value_of(cell: str) -> float | None:
    m = VALUE.match(cell)
    return float(m.group(1).replace(",", "")) if m else None


def table_name(row: Passage) -> str:
    m = PREFIX.match(row.text)
    return m.group(0).strip().rstrip(".") if m else row.section.strip().rstrip(".")


def extreme_rows(question: str, question_tokens: Sequence[str], hits: Sequence, rows_of_table: Callable[[Passage], list[Passage]],
                 tokenize: Callable[[str], list[str]]) -> Extreme | None:
    """The rows answering a superlative question over a table among the best hits (None when the
    question asks no superlative, no table ranks, or no numeric column is named)."""
    sup = SUPERLATIVE.search(question)
    if not sup:
        return None
    first = next((h.passage for h in hits[:HEAD_DEPTH] if h.passage.kind == "table_row"), None)
    if first is None:
        return None
    excluded = {t for m in EXCLUDED.finditer(question) for t in tokenize(m.group(1))}
    asked = [t for t in question_tokens if t not in excluded]
    near = set(tokenize(question[max(0, sup.start() - 40):sup.end() + 40])) - excluded
    rows = rows_of_table(first)
    cells = [dict(row_cells(r.text)) for r in rows]
    column = _named_column(cells, asked, near, tokenize)
    if column is None:
        return None
    named = set(tokenize(column)) | set(tokenize(table_name(first)))
    # the question's other words pick rows by their text cells ("the MI trial": Disease: MI)
    others = set(asked) - named

    def matched(c: dict[str, str]) -> int:
        words = {t for k, v in c.items() if k != column and value_of(v) is None for t in tokenize(v)}
        return len(others & words)

    valued = [(r, c, value_of(c.get(column, ""))) for r, c in zip(rows, cells)
              if not (excluded & {t for v in c.values() for t in tokenize(v)})]
    scored = [(r, c, v, matched(c)) for r, c, v in valued if v is not None]
    best_match = max((m for *_, m in scored), default=0)
    candidates = [(r, c, v) for r, c, v, m in scored if m == best_match]
    if len(candidates) < 2:
        return None
    largest = sup.group("max") is not None
    target = (max if largest else min)(v for *_, v in candidates)
    tied = [(r, c) for r, c, v in candidates if v == target]
    if len(tied) > MAX_TIES:
        return None  # no row stands out ("the fewest patients": eight trials of one)
    return Extreme(rows=[r for r, _ in tied], column=column, value=tied[0][1][column], largest=largest,
                   among=len(candidates), table=table_name(first))


def _named_column(cells: list[dict[str, str]], asked: Sequence[str], near: set[str],
                  tokenize: Callable[[str], list[str]]) -> str | None:
    """The numeric column the question names: most of its words among the question's, the words
    next to the superlative breaking ties; None when none or two equally."""
    columns = list(dict.fromkeys(k for c in cells for k in c))
    scored = []
    for column in columns:
        present = [c[column] for c in cells if column in c]
        if sum(value_of(v) is not None for v in present) < NUMERIC_SHARE * max(len(present), 2):
            continue
        words = set(tokenize(column))
        shared = words & set(asked)
        if shared:
            scored.append((len(shared) + 0.5 * len(words & near), column))
    scored.sort(reverse=True)
    if not scored or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return scored[0][1]


def table_rows_of(index) -> Callable[[Passage], list[Passage]]:
    """The rows of the table a row belongs to (same article, same caption), in document order."""

    def rows(row: Passage) -> list[Passage]:
        found = [index.passages[int(i)] for i in index.rows_of_doc(row.doc_id)]
        return sorted((p for p in found if p.kind == "table_row" and p.section == row.section), key=lambda p: p.start)

    return rows


def rows_first(answerer, extreme: Extreme, units: list, retrieved: list) -> tuple[list, list]:
    """The answer units of the extreme rows put first (their score just above the best), and the
    retrieved hits with the rows' own hits added when retrieval did not reach them (evidence)."""
    ids = [p.id for p in extreme.rows]
    present = {h.passage.id: h for h in retrieved}
    extra = [Hit(passage=p, rank=len(retrieved) + i + 1, score=0.0) for i, p in enumerate(extreme.rows)
             if p.id not in present]
    hit_of = present | {h.passage.id: h for h in extra}
    top = (units[0].score if units else 0.0) + 1e-3
    firsts = answerer.units([hit_of[i] for i in ids])
    for u in firsts:
        u.score = top
    return firsts + [u for u in units if u.hit.passage.id not in ids], retrieved + extra
