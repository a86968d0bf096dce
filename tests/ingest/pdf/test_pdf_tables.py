"""Tables in a PDF become passages row by row, as `qa add` reads them: the layout reader writes
each row's cells between ' | ' in their columns (a wrapped cell's second line stays in its cell,
an empty cell keeps its place), and the text pipeline renders each row naming its columns.
Before, the reader wrote a wrapped cell's second line as a row of its own and shifted the cells
after an empty one, and the text pipeline read the rows as one paragraph: no table row was ever
a passage (bench/pdf_tables.py: 0 of 84 rows)."""
from __future__ import annotations

from pathlib import Path

import pytest

from synth import Page, body_text, write_pdf
from qa.evaluation.pdf_citation_eval import ingest_text
from qa.ingest.clean.pipe_tables import render_pipe_table
from qa.ingest.passages import make_passages
from qa.ingest.pdf import read_pdf

COLUMNS = [72.0, 160.0, 200.0, 250.0, 310.0, 420.0]  # Disease | Phase | No. | Source | Route | Reference
HEADER = ["Disease", "Phase", "No. of", "MSC source", "Route", "Reference"]
ROWS = [  # (cells, the second line of a wrapped cell by column)
    (["Crohn disease", "I", "10", "Allo-BM", "Intrafistula", "Garcia-Olmo et al. [84]"], {}),
    (["Multiple sclerosis", "I/II", "15", "Allo-BM", "", "Karussis et al. [88]"], {}),  # no route printed
    (["SLE", "I", "16", "Allo-UCB", "Intravenous,", "Liang et al. [90]"], {4: "0.7 million cells/kg"}),
    # no count; the first cell wraps (rows are set apart by padding, so its second line continues it)
    (["Type 1", "II", "", "Auto-BM", "Intravenous", "Carlsson et al. [94]"], {0: "diabetes"}),
]


def _set_rows(page: Page, y: float, rows: list) -> float:
    """Set the rows' cells at their columns from baseline y down (a wrapped cell's second line at
    the line pitch, 6 pt of padding between rows); returns the baseline under the last row."""
    for cells, wrapped in rows:
        for x, cell in zip(COLUMNS, cells):
            if cell:
                page.text(x, y, 8, "Times-Roman", cell)
        for column, rest in wrapped.items():
            page.text(COLUMNS[column], y - 9.6, 8, "Times-Roman", rest)
        y -= 9.6 * (1 + bool(wrapped)) + 6
    return y


def _article(tmp_path: Path, footnote: str = "") -> Path:
    page = Page()
    page.text(72, 780, 18, "Helvetica-Bold", "Stromal cells in autoimmune disease: a review")
    page.text(72, 752, 10, "Helvetica", "A. Author and B. Author")
    page.text(72, 720, 10, "Times-Bold", "Introduction")
    y = page.paragraph(72, 704, 451, 10, "Times-Roman", body_text(8), indent=12)
    y -= 14
    page.text(72, y, 9, "Times-Bold", "Table 1. Clinical trials of MSCs in autoimmune diseases")
    y -= 16
    for x, name in zip(COLUMNS, HEADER):
        page.text(x, y, 8, "Times-Bold", name)
    page.text(COLUMNS[2], y - 9.6, 8, "Times-Bold", "patients")  # a header set over two lines
    y -= 24
    y = _set_rows(page, y, ROWS)
    if footnote:  # in small type under the table, ending left of its last column
        page.text(72, y - 4, 7, "Times-Roman", footnote)
        y -= 12
    y -= 10
    page.paragraph(72, y, 451, 10, "Times-Roman", body_text(6, start=4), indent=12)
    second = Page()
    second.text(72, 780, 10, "Times-Bold", "References")
    yy = 764.0
    for k in range(1, 100):
        second.text(72, yy, 7, "Times-Roman", f"{k}. Author A. A study of stromal cells number {k}. J Cell Sci {k}:1-9 (2010).")
        yy -= 8.0
        if yy < 60:
            break
    return write_pdf(tmp_path / f"table{bool(footnote)}.pdf", [page, second])


@pytest.fixture(scope="module", params=["", "Allo, allogeneic; Auto, autologous."], ids=["bare", "footnote"])
def table_pdf(tmp_path_factory, request) -> str:
    """The table alone, and with a short footnote under it, which a reading in columns puts
    before the table's last column (it was read after the footnote, as a heading and a paragraph)."""
    return read_pdf(_article(tmp_path_factory.mktemp("table"), request.param)).text


def test_the_reader_writes_each_row_in_its_columns(table_pdf: str):
    rows = [ln for ln in table_pdf.splitlines() if " | " in ln]
    assert rows[0] == "Disease | Phase | No. of patients | MSC source | Route | Reference", rows
    assert rows[1:] == [
        "Crohn disease | I | 10 | Allo-BM | Intrafistula | Garcia-Olmo et al. [84]",
        "Multiple sclerosis | I/II | 15 | Allo-BM |  | Karussis et al. [88]",
        "SLE | I | 16 | Allo-UCB | Intravenous, 0.7 million cells/kg | Liang et al. [90]",
        "Type 1 diabetes | II |  | Auto-BM | Intravenous | Carlsson et al. [94]",
    ], rows


def test_each_row_is_a_passage_naming_its_columns_with_its_citation(table_pdf: str):
    doc = ingest_text("table", table_pdf)
    rows = [p for p in make_passages(doc) if p.kind == "table_row"]
    assert len(rows) == 4 and all(p.section.startswith("Table 1.") for p in rows), [p.text for p in rows]
    sle = next(p for p in rows if "Liang" in p.text)
    assert "Disease: SLE; Phase: I; No. of patients: 16; MSC source: Allo-UCB; " \
           "Route: Intravenous, 0.7 million cells/kg; Reference: Liang et al. [90]" in sle.text
    assert [c.key for c in sle.citations] == ["90"]
    ms = next(p for p in rows if "Karussis" in p.text)
    assert "Route:" not in ms.text and "MSC source: Allo-BM; Reference: Karussis" in ms.text  # the empty cell
    # the table's text is not also a paragraph of the section around it
    assert not any(p.kind == "text" and "Garcia-Olmo" in p.text for p in make_passages(doc))


def test_the_real_table_of_an_article_becomes_its_rows(pdf_texts):
    """J. Bacteriology's Table 1: its 'Gene name' column is empty in most rows."""
    doc = ingest_text("jb", pdf_texts["10.1128_jb.00479-21"].text)
    rows = [p.text for p in make_passages(doc) if p.kind == "table_row"]
    assert len(rows) == 8, rows
    assert any("Gene: ABUW_2436; Gene name: katE; Gene annotation: Catalase;" in r for r in rows), rows
    assert any("Gene: ABUW_0916; Gene annotation: Biofilm-associated protein;" in r for r in rows), rows


def test_a_key_resources_table_titled_by_name_becomes_its_rows(pdf_texts):
    """Cell Reports' KEY RESOURCES TABLE has no number, so no caption label opened it: its cells
    were read as figure lettering and dropped (reagents, software versions, accession numbers).
    Its columns right of a heading set under its first column ('RESOURCE AVAILABILITY') are
    still its cells, and the '(Continued on next page)' line and the journal's logo are no rows."""
    doc = ingest_text("celrep", pdf_texts["10.1016_j.celrep.2021.109967"].text)
    rows = [p.text for p in make_passages(doc) if p.kind == "table_row"]
    assert any("REAGENT or RESOURCE: CD11b PE (M1/70); SOURCE: Biolegend; IDENTIFIER: 101207" in r
               for r in rows), rows[:5]
    assert any("STAR v2.7.9a; SOURCE: Dobin et al., 2013" in r for r in rows), rows
    # the last page: its SOURCE and IDENTIFIER columns come after the heading under the first
    assert any("Heatmapper; SOURCE: Babicki et al., 2016; IDENTIFIER: http://heatmapper.ca" in r for r in rows), rows
    assert not any("Continued on next page" in r or r.rstrip(".").endswith(": ll") for r in rows)
    # the eLife article's 'Key resources table' too: its rows are set apart, and a cell wrapped
    # over two lines has the row's other cells on its last line ('Cell line (Homo' | 'sapiens) HeLa
    # ATCC ...'), so that line carries the rest of the row; so does the header's second line
    doc = ingest_text("elife", pdf_texts["10.7554_elife.91357.3"].text)
    passages = make_passages(doc)
    rows = [p.text for p in passages if p.kind == "table_row"]
    assert ("Key resources table. Reagent type (species) or resource: Cell line (Homo sapiens); "
            "Designation: HeLa-S3; Source or reference: ATCC; Identifiers: CCL-2.2.") in rows, rows
    assert any("Reagent type (species) or resource: Chemical compound, drug; Designation: Pladienolide B; "
               "Source or reference: Tocris Biosciences" in r for r in rows), rows
    # the next section's headings, set larger than the body under the table's first column, are
    # headings again, not cells
    assert not any("Resource availability" in r or "Lead contact" in r for r in rows), rows
    assert any(p.section == "Lead contact" and "Further information and requests" in p.text for p in passages)


@pytest.mark.parametrize(("cells", "furniture"), [
    (["", "", "(Continued on next page)"], True), (["Continued", "", ""], True), (["ll", "", ""], True),
    (["", "", ""], True), (["Antibodies", "", ""], False), (["A", "1", ""], False), (["IL-3", "", ""], False)])
def test_furniture_rows(cells, furniture):
    from qa.ingest.clean.pipe_tables import is_furniture_row

    assert is_furniture_row(cells) is furniture


def test_the_notes_under_a_real_table_are_the_tables(pdf_texts):
    """J. Bacteriology's Table 1 has notes 'a' and 'b' under it ('aRatio of the viability ...',
    'bData represent ...'). They were the opening of the Results paragraph after the table; now
    they are a passage of the table's section, and the column names lose the markers."""
    doc = ingest_text("jb", pdf_texts["10.1128_jb.00479-21"].text)
    passages = make_passages(doc)
    caption = next(p.section for p in passages if p.kind == "table_row")
    notes = [p for p in passages if p.kind == "text" and p.section == caption]
    assert len(notes) == 1 and notes[0].text.startswith("aRatio of the viability")
    assert "bData represent protein abundance as spectral counts." in notes[0].text
    after = next(p for p in passages if "There were 106 proteins present" in p.text)
    assert after.text.startswith("There were 106") and after.section != caption
    rows = [p.text for p in passages if p.kind == "table_row"]
    assert any("Loss of viability at day 6 relative to WT: 7.5;" in r for r in rows), rows


def _table_doc(after: list[str]):
    lines = ["Body text of the results opens here and says what was found.", "",
             "Table 2. Doses", "Group | Dose a | Response*", "Low | 1 mg | 10", "High | 5 mg | 40", "", *after]
    return ingest_text("t", "\n".join(lines) + "\n")


def test_only_paragraphs_opening_with_the_tables_markers_are_its_notes():
    doc = _table_doc(["aDose per kilogram of body weight, given once.", "",
                      "*P < 0.05 against the low dose.", "",
                      "After the table the results go on with a paragraph of running text."])
    passages = make_passages(doc)
    notes = [p for p in passages if p.kind == "text" and p.section.startswith("Table 2")]
    assert [p.text for p in notes] == ["aDose per kilogram of body weight, given once.\n\n*P < 0.05 against the low dose."]
    after = next(p for p in passages if "After the table" in p.text)
    assert after.text.startswith("After the table") and not after.section.startswith("Table 2")
    assert "Table 2 (Doses). Group: Low; Dose: 1 mg; Response: 10." in [p.text for p in passages]
    # a marker no cell carries ('b') opens no note: that paragraph is running text, the columns keep theirs
    doc = _table_doc(["bA paragraph that only looks like a note.", "", "More running text follows here."])
    passages = make_passages(doc)
    assert not any(p.kind == "text" and p.section.startswith("Table 2") for p in passages)
    assert "Table 2 (Doses). Group: Low; Dose a: 1 mg; Response*: 10." in [p.text for p in passages]


@pytest.mark.parametrize("body, columns, shown", [
    # a header, rows with its cells: named
    (["Gene | Name | Value", "A1 | katE | 7.5", "A2 | csrA | 480"], ["Gene", "Name", "Value"],
     ["Table 1 (T). Gene: A1; Name: katE; Value: 7.5.", "Table 1 (T). Gene: A2; Name: csrA; Value: 480."]),
    # a line without cells continues the row above; a row with fewer cells is shown as printed
    (["Gene | Name | Value", "A1 | kat | 7.5", "gene", "A2 | 480"], ["Gene", "Name", "Value"],
     ["Table 1 (T). Gene: A1; Name: kat; Value: 7.5 gene.", "Table 1 (T). A2 | 480."]),
    # no header (its first row holds as many numbers as the others): nothing named
    (["1 | 2 | 3", "4 | 5 | 6"], [], ["Table 1 (T). 1 | 2 | 3.", "Table 1 (T). 4 | 5 | 6."]),
    # a column with no printed name shows its value alone (not ': ab11826'); the furniture is no row
    (["Type |  | Source", "Antibody | Anti-SC35 | Abcam", "Continued on next page |  | "], ["Type", "", "Source"],
     ["Table 1 (T). Type: Antibody; Anti-SC35; Source: Abcam."]),
])
def test_render_pipe_table(body, columns, shown):
    table = render_pipe_table("Table 1. T", body)
    assert table.columns == columns and table.rows == shown


@pytest.mark.parametrize("continued", ["Table 1 (continued)", ""])
def test_a_table_continued_on_the_next_page_keeps_its_caption_and_columns(tmp_path: Path, continued: str):
    """A table running on at the top of the next page, under 'Table 1 (continued)' or under its
    header alone: its rows are rows of Table 1, named by its columns (they were a caption-less
    table, or, with no caption, dropped as figure lettering)."""
    first, second = Page(), Page()
    first.text(72, 780, 18, "Helvetica-Bold", "Stromal cells in autoimmune disease: a review")
    first.text(72, 720, 10, "Times-Bold", "Introduction")
    y = first.paragraph(72, 704, 451, 10, "Times-Roman", body_text(30), indent=12) - 14
    pages = [(first, y, "Table 1. Clinical trials of MSCs in autoimmune diseases", ROWS[:2]),
             (second, 780.0, continued, ROWS[2:])]
    for page, top, caption, rows in pages:
        if caption:
            page.text(72, top, 9, "Times-Bold", caption)
            top -= 16
        for x, name in zip(COLUMNS, HEADER):
            page.text(x, top, 8, "Times-Bold", name + (" patients" if name == "No. of" else ""))
        top -= 16
        _set_rows(page, top, rows)
    second.paragraph(72, 640, 451, 10, "Times-Roman", body_text(6, start=4), indent=12)
    text = read_pdf(write_pdf(tmp_path / "continued.pdf", [first, second])).text
    doc = ingest_text("continued", text)
    rows = [p for p in make_passages(doc) if p.kind == "table_row"]
    assert [p.text.split("Disease: ")[1].split(";")[0] for p in rows] == \
        ["Crohn disease", "Multiple sclerosis", "SLE", "Type 1 diabetes"], [p.text for p in rows]
    assert all(p.section == "Table 1. Clinical trials of MSCs in autoimmune diseases" for p in rows)


def _line(words: list[tuple[float, str]], size: float = 8.5, base: float = 101.0):
    """One line of glyphs, each word starting at its x (glyphs 0.5 em wide), on a baseline."""
    from qa.ingest.pdf.chars import Char
    from qa.ingest.pdf.lines import Line

    chars = []
    for x, word in words:
        for k, ch in enumerate(word):
            x0 = x + k * 0.5 * size
            chars.append(Char(ch, x0, x0 + 0.5 * size, base - 1, base - 1 + size, base, size, "Times", False,
                              space_before=k == 0 and bool(chars)))
    return Line(chars=chars, page=0).finish()


def test_cells_set_close_are_cut_at_the_next_columns_edge():
    """'Disease' and 'Phase' 5 pt apart read as one line; the column starting at 'Phase' cuts it."""
    from qa.ingest.pdf.tables import split_at_columns

    ranges = [(57.0, 90.0), (93.5, 105.0), (130.0, 150.0)]
    merged = _line([(57.0, "Disease"), (93.5, "Phase")])  # 'Disease' ends at 86.75
    assert merged.text == "Disease Phase"
    assert [ln.text for ln in split_at_columns(merged, ranges)] == ["Disease", "Phase"]
    # a cell whose second word starts nowhere near a column's edge stays whole
    whole = _line([(57.0, "Crohn"), (82.0, "disease")])
    assert [ln.text for ln in split_at_columns(whole, ranges)] == ["Crohn disease"]


def test_any_pipe_lines_render_without_error():
    """Whatever the reader writes between ' | ' (ragged rows, empty cells, stray lines, a header
    alone), the text pipeline renders one row per data line and never fails."""
    from hypothesis import given, settings, strategies as st

    cell = st.text(alphabet="ab1 |.[]", max_size=8)
    line = st.one_of(st.lists(cell, min_size=1, max_size=5).map(" | ".join), cell)

    @settings(max_examples=300, deadline=None)
    @given(st.lists(line, max_size=8))
    def check(body):
        table = render_pipe_table("Table 2. T", body)
        data = [ln for ln in body if " | " in ln]
        assert len(table.rows) <= len(data)
        assert all(row.startswith("Table 2 (T). ") for row in table.rows)

    check()


def test_any_table_geometry_reads_without_error():
    """Cells anywhere (overlapping, ragged, one column, rows at any spacing): rows come out, never
    an error, and every word of every cell is in them once."""
    from hypothesis import given, settings, strategies as st

    from qa.ingest.pdf.blocks import Block
    from qa.ingest.pdf.tables import table_rows

    word = st.text(alphabet="abcXY12", min_size=1, max_size=6)
    cell = st.tuples(st.floats(50, 500), word)
    row = st.tuples(st.floats(4, 30), st.lists(cell, min_size=1, max_size=5))

    @settings(max_examples=200, deadline=None)
    @given(st.lists(row, min_size=1, max_size=8))
    def check(rows):
        base, lines = 700.0, []
        for step, cells in rows:
            base -= step
            placed, right = [], -1.0
            for x, text in sorted(cells):
                x = max(x, right + 6)  # cells of one row do not overlap
                placed.append(_line([(x, text)], base=base))
                right = placed[-1].x1
            lines.extend(placed)
        out = table_rows([Block(lines, 0)])
        assert sorted(w for r in out for c in r.split(" | ") for w in c.split()) == \
            sorted(ln.text for ln in lines)

    check()


NARROW_HEADER = ["Disease", "Phase", "No.", "Route / dose", "Outcome", "Reference"]
NARROW_ROWS = [  # (cells, the second line of a wrapped cell by column), as in bench/layout_tables.py t07
    (["HSCT", "I", "20", "Cotransplantation,", "Improved", "Baron et"], {3: "1-2 million/kg", 5: "al. [48]"}),
    (["HSCT", "I", "46", "Cotransplantation", "Improved", "Lazarus et"], {5: "al. [49]"}),
    (["HSCT", "", "10", "Cotransplantation", "Improved but", "Ning et al. [50]"], {4: "higher relapse"}),
    (["HSCT", "I", "13", "Cotransplantation,", "No engraftment", "Bernardo et"], {3: "0.4-9 million/kg", 5: "al. [51]"}),
    (["HSCT", "I/II", "15", "Cotransplantation", "Improved", "Macmillan"], {5: "et al. [52]"}),
    (["aGVHD", "I", "1", "", "Improved", "Le Blanc et"], {5: "al. [53]"}),
    (["aGVHD", "I", "6", "IV, 1-2 million", "Improved", "Fang et al. [54]"], {3: "cells/kg"}),
    (["aGVHD", "II", "55", "IV, 0.7-9 million", "Improved", "Le Blanc et"], {3: "cells/kg", 5: "al. [55]"}),
]
LEFT_COLUMN, RIGHT_COLUMN, COLUMN_WIDTH = 54.0, 304.0, 237.0  # two columns, a 13 pt gutter


def _narrow_table_page(tmp_path: Path, gap: float) -> Path:
    """A two-column page whose left column holds a table in 7 pt type, its cells `gap` pt apart,
    with a footnote under it; body text under the table and in the right column, which starts
    above the table's caption."""
    from typeset import advance

    widths = [0.0] * len(NARROW_HEADER)
    for row in [NARROW_HEADER, *(c for c, _ in NARROW_ROWS), *(dict(enumerate(c)) | w for c, w in NARROW_ROWS)]:
        for k, cell in (row.items() if isinstance(row, dict) else enumerate(row)):
            widths[k] = max(widths[k], advance("Times-Roman", cell) * 7)
    xs = [LEFT_COLUMN + 3]
    for w in widths[:-1]:
        xs.append(xs[-1] + w + gap)
    page = Page()
    page.paragraph(RIGHT_COLUMN, 760, COLUMN_WIDTH, 9, "Times-Roman", body_text(14, start=2))
    page.text(LEFT_COLUMN, 737, 8.5, "Times-Bold", "Table 1. Clinical trials of MSCs in GVHD")
    for x, name in zip(xs, NARROW_HEADER):
        page.text(x, 722, 7, "Times-Bold", name)
    y = 704.0
    for row, wrapped in NARROW_ROWS:
        for x, cell in zip(xs, row):
            if cell:
                page.text(x, y, 7, "Times-Roman", cell)
        for k, rest in wrapped.items():
            page.text(xs[k], y - 8.4, 7, "Times-Roman", rest)
        y -= 20.8
    page.text(LEFT_COLUMN, y + 6, 6, "Times-Roman",
              "aGVHD, acute graft versus host disease; HSCT, hematopoietic stem cell transplantation.")
    page.paragraph(LEFT_COLUMN, y - 14, COLUMN_WIDTH, 9, "Times-Roman", body_text(6, start=4))
    return write_pdf(tmp_path / f"narrow{gap}.pdf", [page])


@pytest.mark.parametrize("gap", [9.0, 7.0], ids=["9pt", "7pt"])
def test_a_narrow_table_in_one_column_of_two_is_read_whole(tmp_path: Path, gap: float):
    """A table inside the left column of two: its cells are read as its rows, not interleaved with
    the right column's text. Its cells set a line apart in one column but in the same row in
    another make a cycle of the reading order (a lower left cell comes before an upper right
    one); it is broken inside the table, where the old rule, taking the page's top-most block,
    put the right column in the middle of the table. With cells 1 em apart (7 pt at 7 pt type),
    closer than the gap that ends a line, the white between two columns runs down the table
    and the cells stay apart."""
    text = read_pdf(_narrow_table_page(tmp_path, gap)).text
    rows = [ln for ln in text.splitlines() if " | " in ln]
    assert rows[0] == "Disease | Phase | No. | Route / dose | Outcome | Reference", rows
    assert rows[1:] == [
        "HSCT | I | 20 | Cotransplantation, 1-2 million/kg | Improved | Baron et al. [48]",
        "HSCT | I | 46 | Cotransplantation | Improved | Lazarus et al. [49]",
        "HSCT |  | 10 | Cotransplantation | Improved but higher relapse | Ning et al. [50]",
        "HSCT | I | 13 | Cotransplantation, 0.4-9 million/kg | No engraftment | Bernardo et al. [51]",
        "HSCT | I/II | 15 | Cotransplantation | Improved | Macmillan et al. [52]",
        "aGVHD | I | 1 |  | Improved | Le Blanc et al. [53]",
        "aGVHD | I | 6 | IV, 1-2 million cells/kg | Improved | Fang et al. [54]",
        "aGVHD | II | 55 | IV, 0.7-9 million cells/kg | Improved | Le Blanc et al. [55]",
    ], rows
    assert " ".join(body_text(14, start=2).split()) in " ".join(text.split())
