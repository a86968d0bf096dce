"""Every row a question asks for: "List every aGVHD trial with its no. of pts and route".

A table is indexed row by row, so a table question's answer is a few rows, and the answer keeps at
most `max_spans` of them (three): asked for *every* trial of a kind, it showed three of eleven (user
trials 40 and 42). When a question asking a table (or a list) says 'every', 'each' or 'all', a row of
a table is among its best hits, and the question's own words pick at least two rows of that table by
their text cells ("aGVHD" in the Disease cell), those rows are the answer's first quotes, all of them,
in the table's order. Nothing here knows a topic: only the English universal quantifiers and the
rendered row format ("Column: value; ...") that `qa.answer.table_extremes` reads too.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from qa.retrieval.statements import row_cells
from qa.answer.table_extremes import HEAD_DEPTH, table_name, value_of
from qa.models import Hit, Passage

# the closed class of English universal quantifiers ("list every trial", "each study", "all the trials")
EVERY = re.compile(r"\b(?:every|each|all)\b", re.I)
KINDS = ("table", "list")  # a question asking table cells or a list of things


def every_rows(question: str, kind: str, question_tokens: Sequence[str], hits: Sequence[Hit],
               rows_of_table: Callable[[Passage], list[Passage]], tokenize: Callable[[str], list[str]],
               form: set[str]) -> list[Passage]:
    """The rows of the best-ranked table that the question's own words select, in table order ([]
    when the question asks no 'every', no table ranks among the first hits, or fewer than two rows
    are selected). `form`: the question-form words ('list', 'which'), which select nothing."""
    if kind not in KINDS or not EVERY.search(question):
        return []
    first = next((h.passage for h in hits[:HEAD_DEPTH] if h.passage.kind == "table_row"), None)
    if first is None:
        return []
    rows = rows_of_table(first)
    cells = [row_cells(r.text) for r in rows]
    # column names and the table's caption describe every row: they select none
    shared = {t for c in cells for column, _ in c for t in tokenize(column)} | set(tokenize(table_name(first)))
    asked = {t for t in question_tokens if t not in shared and t not in form}

    def matched(c: list[tuple[str, str]]) -> int:
        words = {t for _, v in c if value_of(v) is None for t in tokenize(v)}
        return len(asked & words)

    scores = [matched(c) for c in cells]
    best = max(scores, default=0)
    chosen = [r for r, s in zip(rows, scores) if best and s == best]
    return chosen if len(chosen) >= 2 else []


def rows_as_hits(rows: list[Passage], retrieved: list[Hit]) -> tuple[list[Hit], list[Hit]]:
    """Each row's hit (retrieval's when it reached the row, else a new one ranked after the
    retrieved), and the retrieved hits with the new ones added (the answer's evidence)."""
    present = {h.passage.id: h for h in retrieved}
    extra = [Hit(passage=p, rank=len(retrieved) + i + 1, score=0.0)
             for i, p in enumerate(p for p in rows if p.id not in present)]
    hit_of = present | {h.passage.id: h for h in extra}
    return [hit_of[p.id] for p in rows], retrieved + extra


def with_every_rows(answerer, asked: str, kind: str, query, hits: list[Hit], retrieved: list[Hit],
                    chosen: list) -> tuple[list, list[Hit]]:
    """The chosen units with every row the question selects first (`every_rows`), scored as the best
    chosen unit, and the retrieved hits with the rows' own added; both unchanged when none is."""
    from qa.retrieval.question import QUESTION_FORM
    from qa.answer.table_extremes import table_rows_of
    from qa.index.analyzer import tokenize

    every = every_rows(asked, kind, query.tokens, hits, table_rows_of(answerer.index), tokenize, QUESTION_FORM)
    if not every:
        return chosen, retrieved
    row_hits, retrieved = rows_as_hits(every, retrieved)
    rows = answerer.units(row_hits)
    for u in rows:
        u.score = chosen[0].score if chosen else u.score
    ids = {p.id for p in every}
    return rows + [u for u in chosen if u.hit.passage.id not in ids], retrieved
