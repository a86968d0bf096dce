"""The fields a question can ask of a table are the library's own column heads (qa.retrieval.table_fields)."""
from __future__ import annotations

import pytest

from qa.retrieval.question import classify
from qa.retrieval.table_fields import NO_FIELDS, TableFields, names_of, table_fields


def test_the_reviews_fields_are_the_columns_of_their_tables(index):
    """Read from the index (kim2013's trial table and its MSC criteria table), once per index."""
    fields = table_fields(index)
    assert {("phase",), ("route",), ("outcome",), ("disease",), ("msc", "source"), ("number", "patient"),
            ("surface", "marker")} <= fields.names
    assert not any("reference" in name for name in fields.names)  # a literature noun asks for citations
    assert table_fields(index) is fields


def test_a_review_column_no_list_held_is_asked(index, settings):
    """'Disease' was never in the fitted list; it is a column of the reviews' trial table."""
    from conftest import answerer_with

    question = "Which disease did the Kebriaei et al. trial treat?"
    assert classify(question, NO_FIELDS) == "fact"
    answer = answerer_with(settings, index).ask(question)
    assert answer.kind == "table"
    assert answer.spans[0].text.startswith("Table 2") and "Kebriaei" in answer.spans[0].text
    # a two-word head in either order, plural or singular
    assert classify("What was the source of the MSCs in the Weng et al. trial?", table_fields(index)) == "table"


def test_a_pdf_tables_columns_are_fields_of_the_pdf_library(pdf_library, index):
    """The J Bacteriol article's Table 1 ('Loss of viability at day 6 relative to WT', 'Gene
    annotation'): asked in the library holding it, a table question; the reviews' library has no
    such column."""
    from qa.answer.answerer import Answerer

    settings, library = pdf_library
    fields = table_fields(library)
    assert {("loss", "viability"), ("gene", "annotation"), ("protein", "abundance"), ("reagent",)} <= fields.names
    question = "In Table 1, what is the loss of viability of the ABUW_2639 mutant?"
    assert classify(question, table_fields(index)) == "fact"
    answer = Answerer(settings).ask(question)
    assert answer.kind == "table"
    assert "ABUW_2639" in answer.spans[0].text and "Loss of viability" in answer.spans[0].text
    assert classify("What gene annotation does Table 1 give for ABUW_2724?", fields) == "table"


@pytest.mark.parametrize("head, names", [
    ("No. of patients", [("number", "patient")]),
    ("Number of colonies", [("number", "colony")]),
    ("Loss of viability at day 6 relative to WT", [("loss", "viability")]),
    ("Protein abundance, ratio WT/ΔcsrA", [("protein", "abundance")]),
    ("Reagent type (species) or resource", [("reagent", "type"), ("resource",)]),
    ("Source or reference", []),
    ("MSC source", [("msc", "source")]),
])
def test_a_head_names_its_field_by_its_first_words(head, names):
    assert names_of(head) == names


def test_a_number_after_a_field_states_its_value_and_a_count_is_asked_by_how_many():
    fields = TableFields.of_heads(["Phase", "No. of patients"])
    assert fields.asked("What phase was the Jones trial?")
    assert not fields.asked("What was the response rate of the phase II trial?")
    assert fields.asked("How many patients did the trial enrol?")
    assert fields.asked("What was the patient number of the trial?")
    assert not fields.asked("Did the patients of the trial improve?")


def test_a_library_without_tables_asks_no_field():
    assert TableFields.of_heads([]) == NO_FIELDS
    assert not NO_FIELDS.asked("What phase was the Jones et al. trial?")
    assert classify("What phase was the Jones et al. trial?") == "fact"


def _table_of(fields, field):
    return next(t for t in fields.tables if field in t.fields)


def test_a_review_table_row_is_named_by_a_value_no_other_row_holds(index, settings):
    """Without 'table', 'trial' or 'et al': a column of the reviews' trial table and a row's own
    value (the study's first author, a route only one trial used) ask that row's cell."""
    from conftest import answerer_with

    fields = table_fields(index)
    trials = _table_of(fields, ("route",))
    assert {("zhou",), ("lazarus",), ("utero", "transplantation")} <= trials.rows
    # values several rows share name a group of rows, not one: an author of three trials, a disease
    assert not {("le", "blanc"), ("wakitani",), ("agvhd",), ("improved",)} & trials.rows
    assert all(not t.rows for t in fields.tables if len(t.fields) == 2)  # Table 1 has one row: none to pick
    question = "What route did Zhou use for chronic GVHD?"
    assert classify(question, NO_FIELDS) == "fact"
    answer = answerer_with(settings, index).ask(question)
    assert answer.kind == "table"
    assert answer.spans[0].text.startswith("Table 2") and "Zhou et al." in answer.spans[0].text
    assert classify("How many patients did Lazarus cotransplant with MSCs?", fields) == "table"
    assert classify("Which MSC source was used for the in utero transplantation?", fields) == "table"
    assert classify("How many patients did Le Blanc treat?", fields) == "number"


def test_a_pdf_table_row_is_named_by_its_gene(pdf_library):
    """The J Bacteriol Table 1 asked by a column and a gene, no 'table' said; the strain of the
    caption (AB5075) describes every row and names none; 'Gene', the key's column, is no field
    asked of a row named by it."""
    from qa.answer.answerer import Answerer

    settings, library = pdf_library
    fields = table_fields(library)
    genes = _table_of(fields, ("loss", "viability"))
    assert {("csra",), ("kate",), ("abuw", "2724"), ("catalase",)} <= genes.rows
    assert ("ab5075",) not in genes.rows and ("gene",) not in genes.fields
    question = "What was the loss of viability of the csrA mutant?"
    answer = Answerer(settings).ask(question)
    assert answer.kind == "table"
    assert any("Gene name: csrA" in span.text for span in answer.spans[:2])
    answer = Answerer(settings).ask("What protein abundance ratio was measured for katE?")
    assert answer.kind == "table" and "Gene name: katE" in answer.spans[0].text
    assert classify("Which genes did AB5075 need to survive desiccation?", fields) != "table"
