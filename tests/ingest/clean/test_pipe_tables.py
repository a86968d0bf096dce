"""A table's group rows (a row holding only its first cell, over the rows of that group) head the
rows under them inside the caption's parentheses, and are no rows of their own
(qa.ingest.clean.pipe_tables.group_rows)."""
from __future__ import annotations

from qa.evaluation.pdf_citation_eval import ingest_text
from qa.ingest.clean.pipe_tables import render_pipe_table
from qa.ingest.passages import make_passages

HEADER = "Characteristic | Patients | Controls"


def test_group_rows_head_the_rows_under_them():
    table = render_pipe_table("Table 1. Cohort", [HEADER, "Sex |  | ", "Male | 12 | 10", "Female | 8 | 9",
                                                  "Age group |  | ", "Adult | 15 | 14", "Child | 5 | 5"])
    assert table.rows == ["Table 1 (Cohort — Sex). Characteristic: Male; Patients: 12; Controls: 10.",
                          "Table 1 (Cohort — Sex). Characteristic: Female; Patients: 8; Controls: 9.",
                          "Table 1 (Cohort — Age group). Characteristic: Adult; Patients: 15; Controls: 14.",
                          "Table 1 (Cohort — Age group). Characteristic: Child; Patients: 5; Controls: 5."]
    assert table.group == "Age group"
    # continued on the next page (caption and header dropped there): the open group goes on
    after = render_pipe_table(table.caption, ["Elderly | 2 | 1"], table.columns, group=table.group)
    assert after.rows == ["Table 1 (Cohort — Age group). Characteristic: Elderly; Patients: 2; Controls: 1."]


def test_a_lone_row_with_its_other_cells_empty_is_a_row():
    """One such row alone is as likely a row whose values are missing; a lower-case first cell is a
    wrapped cell's second line; a table that was not grouped stays so on its next page."""
    one = render_pipe_table("Table 1. Cohort", [HEADER, "Male | 12 | 10", "Unknown |  | ", "Female | 8 | 9"])
    assert "Table 1 (Cohort). Characteristic: Unknown." in one.rows and one.group is None
    lower = render_pipe_table("Table 1. Cohort", [HEADER, "sex |  | ", "Male | 12 | 10", "age |  | ", "Adult | 1 | 2"])
    assert len(lower.rows) == 4 and all(r.startswith("Table 1 (Cohort). ") for r in lower.rows)
    after = render_pipe_table(one.caption, ["Other |  | ", "Mixed | 1 | 1"], one.columns, group=one.group)
    assert after.rows[0] == "Table 1 (Cohort). Characteristic: Other."


def test_the_key_resources_table_names_each_rows_group(pdf_texts):
    """Cell Reports' KEY RESOURCES TABLE: eight group rows ('Antibodies', 'Experimental models:
    Organisms/strains', ...) were passages of their own, read as reagents, and the rows under them named
    no group; 'Deposited data' runs on over a page break, past the header the next page repeats."""
    doc = ingest_text("celrep", pdf_texts["10.1016_j.celrep.2021.109967"].text)
    rows = [p.text for p in make_passages(doc) if p.kind == "table_row"]
    strains = [r for r in rows if r.startswith("KEY RESOURCES TABLE (Experimental models: Organisms/strains). ")]
    assert any("CD45.1STEM mice" in r for r in strains) and any("lys-EGFP" in r for r in strains), strains
    assert any(r.startswith("KEY RESOURCES TABLE (Antibodies). REAGENT or RESOURCE: CD11b PE (M1/70)")
               for r in rows), rows[:5]
    assert not any(r.rstrip(".").endswith(("RESOURCE: Antibodies", "RESOURCE: Deposited data",
                                           "RESOURCE: Experimental models: Organisms/strains")) for r in rows)
    # the group continued past the page break: every row between 'Deposited data' and the next group
    deposited = [r for r in rows if "(Deposited data)" in r]
    assert len(deposited) >= 2, deposited
