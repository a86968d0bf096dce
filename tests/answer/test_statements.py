"""A passage's statements (qa/retrieval/statements.py): a table row's cells, each with its column, on the
real index's rows; a text passage's sentences and clauses; the one reader the answer stage's table
modules share."""
from __future__ import annotations

import re

from qa.answer.quantity import numeric_share
from qa.retrieval.statements import caption, row_cells, statements
from qa.retrieval.table_fields import _cells
from qa.index.analyzer import tokenize


def _rows(index, doc_id: str) -> list:
    return [p for p in index.passages if p.kind == "table_row" and p.doc_id == doc_id]


def _table(index, doc_id: str, label: str):
    doc = next(d for d in index.documents if d.id == doc_id)
    return doc, next(t for t in doc.tables if t.caption.startswith(label))


def test_a_trial_row_is_its_caption_and_its_cells(index):
    """kim2013's Table 2: every cell of a row is a statement of its own, header and value together;
    'et al. [65]' and 'No. of patients' are not cut at their periods, as prose splitting cut them."""
    row = next(p for p in _rows(index, "kim2013") if "Horwitz et al. [65]" in p.text)
    said = statements(row.text, row.kind)
    assert said[0] == caption(row.text) == "Table 2 (Clinical trials of mesenchymal stem cell therapy)."
    assert said[1:] == ["Reference: Horwitz et al. [65]", "Disease: OI", "Phase: I", "No. of patients: 3",
                        "MSC source: Allo-BM", "Route: IV", "Outcome: Improved"]


def test_cells_by_the_tables_own_columns_agree_with_the_rendered_pairs(index):
    """With the table's columns or without them, every row of the reviews' Table 2 reads the same cells
    (the study table's facts, table_fields' row names and row_match's contradictions read one form)."""
    doc, table = _table(index, "kim2013", "Table 2")
    for start, end in table.rows:
        text = doc.text[start:end]
        by_columns = row_cells(text, table.columns)
        assert by_columns == row_cells(text)
        assert [c for c, _ in by_columns] == [c for c in table.columns if f"{c}: " in text]
        assert _cells(text, table.columns) == [v for _, v in by_columns]


def test_a_value_holding_the_separator_stays_whole_with_the_columns():
    row = "Table 3 (Doses). Drug: A; B combined; Dose: 1 mg/kg."
    assert row_cells(row, ["Drug", "Dose"]) == [("Drug", "A; B combined"), ("Dose", "1 mg/kg")]
    assert row_cells(row) == [("Drug", "A"), ("Dose", "1 mg/kg")]  # without them, a part naming no column drops


def test_text_passages_are_split_at_sentences_and_semicolons(index):
    text = next(p for p in index.passages if p.kind == "text" and "; " in p.text and p.text.count(". ") > 2)
    said = statements(text.text, text.kind)
    assert said == [s for s in re.split(r"(?<=[.;!?])\s+", text.text) if s]
    assert statements("One. Two; three!", "text") == ["One.", "Two;", "three!"]


def test_a_row_shown_as_printed_is_read_as_text():
    row = "Table 1. katE | 7.5 | catalase."
    assert statements(row, "table_row") == statements(row, "text")


def test_route_is_no_quantity_in_the_library(index):
    """'route' is written in 45 statements of the reviews (Table 2's Route cells among them), none
    stating a number: the cells count one by one, and a cell's number is its own column's."""
    holding, stating = numeric_share(index, "route")
    assert holding >= 40 and stating == 0
    cells = [s for p in _rows(index, "kim2013") for s in statements(p.text, p.kind)]
    assert all("route" not in tokenize(s) for s in cells if s.startswith("No. of patients"))
