"""Layout defects the round-trip harness (bench/pdf_roundtrip.py) found, each on a small
synthetic page: a justified line whose word gaps are stretched wider than a gutter-sized gap
(and the gutters, table columns and figure rows that must stay apart), a short line where raised citation
numbers outnumber the letters, a word hyphenated across a page break, a one-letter compound
at a line break ('T-' | 'cell'), and the last line of a reference entry at a page's foot that
shares its digit-folded shape with another page's ('Stem Cells 2004;22:625-634.').
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pypdfium2 as pdfium

from synth import Page, body_text, reference, write_pdf
from typeset import advance, lines_of, plain, set_line
from qa.evaluation.pdf_citation_eval import ingest_text
from qa.ingest.pdf import read_pdf
from qa.ingest.pdf.chars import SOFT_HYPHEN, page_chars
from qa.ingest.pdf.flow import join_lines
from qa.ingest.pdf.lines import make_lines

LEFT, RIGHT, WIDTH = 72.0, 313.0, 210.0  # two columns, an 31 pt (3 em) gutter
SIZE, STEP, FONT = 10.0, 12.0, "Times-Roman"


def column(page: Page, x: float, y: float, text: str, justify: bool = True, width: float = WIDTH) -> float:
    """A paragraph set justified (or ragged) in a column; returns the next baseline."""
    lines = lines_of(plain(text), width, FONT, SIZE)
    for k, (_, words) in enumerate(lines):
        set_line(page, x, y, width, words, FONT, SIZE, justify and k < len(lines) - 1)
        y -= STEP
    return y


def stretched(page: Page, x: float, y: float, words: list[str], width: float = WIDTH) -> None:
    """One line of a few words justified across the column: gaps of several ems."""
    set_line(page, x, y, width, [((w, False),) for w in words], FONT, SIZE, True)


def _read(tmp_path: Path, pages: list[Page]) -> str:
    return read_pdf(write_pdf(tmp_path / "page.pdf", pages)).text


def test_stretched_justified_line_stays_one_line(tmp_path):
    """Four words justified across a column, inside a paragraph, leave gaps of ~3.5 ems, wider
    than the gap that ends a line; the lines above and below print across those gaps, so they
    are word gaps and the line is read whole, in its place."""
    page = Page()
    y = 760.0
    for k, (_, words) in enumerate(lines_of(plain(body_text(5)), WIDTH, FONT, SIZE)):
        set_line(page, LEFT, y, WIDTH, words, FONT, SIZE, True)  # the last one justified too
        y -= STEP
    stretched(page, LEFT, y, ["cells", "were", "counted", "again"])
    y = column(page, LEFT, y - STEP, "because " + body_text(5, start=2))
    column(page, LEFT, y - 6, body_text(6, start=3))
    y = column(page, RIGHT, 760, body_text(6, start=4))
    column(page, RIGHT, y - 6, body_text(6, start=1))
    text = " ".join(_read(tmp_path, [page]).split())
    assert "cells were counted again because" in text


def test_gutter_beside_ragged_lines_is_not_bridged(tmp_path):
    """Ragged-right columns: the white between a short left line and the right column is the
    gutter (the lines around leave it white), so the columns are read one after the other."""
    page = Page()
    left, right = body_text(14), body_text(14, start=3, cite="({k})")
    column(page, LEFT, 760, left, justify=False)
    column(page, RIGHT, 760, right, justify=False)
    text = " ".join(_read(tmp_path, [page]).split())
    assert " ".join(left.split()) in text and " ".join(right.split()) in text


def test_columns_one_em_apart_are_read_one_after_the_other(tmp_path):
    """Two justified columns set 1 em apart (a 10 pt gutter at 10 pt type, narrower than the gap
    that ends a line): the gutter is white in every line down the page, a river no word gap
    makes, so each line is read as two and the columns one after the other (they were read
    across, line by line: bench/pdf_layouts.py v07)."""
    page = Page()
    narrow, gutter = 220.0, SIZE
    left, right = body_text(16), body_text(16, start=3, cite="({k})")
    y = column(page, LEFT, 760, left, width=narrow)
    column(page, LEFT, y - 6, body_text(6, start=5), width=narrow)
    column(page, LEFT + narrow + gutter, 760, right, width=narrow)
    text = " ".join(_read(tmp_path, [page]).split())
    assert " ".join(left.split()) in text and " ".join(right.split()) in text


def test_table_cells_beside_long_terms_stay_apart(tmp_path):
    """A glossary table: a long term in one row crosses the white between the other rows'
    terms and definitions, but the definitions' words are set close together, so each row's
    term and definition stay two cells (as before) rather than one stretched line."""
    page = Page()
    rows = [("ADAR", "Adenosine deaminase that acts on RNA"), ("dsRBD1", "Double-stranded RNA binding domain"),
            ("qPCR", "Quantitative real-time PCR"), ("CRISPR", "Clustered regularly interspaced repeats")]
    for k, (term, definition) in enumerate(rows):
        page.text(LEFT, 700 - 11 * k, 8, FONT, term)
        page.text(LEFT + 36, 700 - 11 * k, 8, FONT, definition)
    pdf = pdfium.PdfDocument(str(write_pdf(tmp_path / "table.pdf", [page])))
    texts = [ln.text for ln in make_lines(page_chars(pdf[0], 0).chars, 0)]
    pdf.close()
    assert "ADAR" in texts and "Adenosine deaminase that acts on RNA" in texts


def test_figure_rows_of_lone_signs_stay_apart(tmp_path):
    """A blot's lettering ('FLAG-VEC  +  -  -  +') spreads single signs over a row between
    rows of text; signs with no letter or digit are never joined as a stretched line."""
    page = Page()
    page.text(LEFT, 700, SIZE, FONT, "The cells expressed the usual surface markers and")
    for x, sign in zip([LEFT, LEFT + 80, LEFT + 115, LEFT + 150, LEFT + 185], ["FLAG-VEC", "+", "-", "-", "+"]):
        page.text(x, 688, SIZE, FONT, sign)
    page.text(LEFT, 676, SIZE, FONT, "differentiated into bone, fat and cartilage when")
    pdf = pdfium.PdfDocument(str(write_pdf(tmp_path / "blot.pdf", [page])))
    texts = [ln.text for ln in make_lines(page_chars(pdf[0], 0).chars, 0)]
    pdf.close()
    assert "FLAG-VEC" in texts and texts.count("+") == 2, texts


def test_short_line_of_raised_numbers_keeps_body_size(tmp_path):
    """A paragraph's last line 'IFNs,¹³⁹⁻¹⁴¹' has more raised digits than letters; its size is
    its letters' size, so it is body text with superscript citations, not small lettering."""
    page = Page()
    y = column(page, LEFT, 760, body_text(14), width=451)
    y = column(page, LEFT, y - 4, body_text(8, start=3) + " The cells were also engineered to secrete", width=451)
    page.text(LEFT, y, SIZE, FONT, "IFNs,")
    page.text(LEFT + advance(FONT, "IFNs,") * SIZE, y + 3.3, 7.0, FONT, "139-141")
    column(page, LEFT, y - 2 * STEP, body_text(10, start=5), width=451)
    text = _read(tmp_path, [page])
    assert "secrete IFNs,¹³⁹⁻¹⁴¹" in " ".join(text.split())


def test_word_hyphenated_across_a_page_break_is_joined(tmp_path):
    """'heterogen-' ends the page, 'eity' opens the next: PDFium marks no line-break hyphen
    on a page's last line, and the word is joined by the same evidence as inside a paragraph."""
    first, second = Page(), Page()
    y = column(first, LEFT, 760, body_text(12))
    column(first, LEFT, y - 6, body_text(6, start=2))
    y = column(first, RIGHT, 760, body_text(12, start=3))
    column(first, RIGHT, y - 6, body_text(4, start=2) + " These observations point to the heterogen-", justify=False)
    rest = "eity of the donors as a cause of the variable outcome of the trials. "
    column(second, LEFT, 760, rest + body_text(10, start=4))
    text = " ".join(_read(tmp_path, [first, second]).split())
    assert "to the heterogeneity of the donors" in text


def test_one_letter_before_a_line_break_hyphen_is_a_compound():
    """No hyphenation leaves one letter on a line: 'T-' | 'cell' is the compound 'T-cell'."""
    assert join_lines([f"activated T{SOFT_HYPHEN}", "cell responses"], Counter()) == "activated T-cell responses"
    assert join_lines([f"the differ{SOFT_HYPHEN}", "entiation of cells"], Counter()) == "the differentiation of cells"


def test_reference_tail_at_page_foot_is_not_a_running_footer(tmp_path):
    """Two pages end their reference column with an entry's last line of the same shape once
    digits are folded ('Stem Cells 2004;22:625-634.' / 'Stem Cells 2008;26:2332-2338.'), at the
    same height: set right under the entry's previous line, each is the entry's text."""
    first = Page()
    first.text(72, 780, 16, "Times-Bold", "Stromal cells in culture")
    y = column(first, LEFT, 750, body_text(14), width=451)
    column(first, LEFT, y - 6, body_text(14, start=3), width=451)
    pages = [first]
    tails = ["Stem Cells 2004;22:625-634.", "Stem Cells 2008;26:2332-2338.", "Blood 2010;115:1-9."]
    lasts = ["Carter D, Ellis F. Mesenchymal cells from cord blood in culture.",
             "Dawson E, Fisher G. Marrow stromal cells restrain the growth of tumours in mice.",
             "Ellis F, Garcia H. Infusions of stromal cells after transplantation of marrow."]
    number = 1
    for tail, last in zip(tails, lasts):
        page = Page()
        if number == 1:
            page.text(LEFT, 780, 10, "Times-Bold", "References")
        y = 760.0
        while y > 130:
            y = column(page, LEFT, y, f"{number}. {reference(number, 'numbered')}", width=451) - 2
            number += 1
        y = column(page, LEFT, 100, f"{number}. {last}", justify=False, width=451)
        page.text(LEFT, y, SIZE, FONT, tail)
        number += 1
        pages.append(page)
    doc = ingest_text("tails", read_pdf(write_pdf(tmp_path / "refs.pdf", pages)).text)
    ends = [r.text for r in doc.references if any(r.text.startswith(last[:8]) for last in lasts)]
    assert len(ends) == 3 and all(e.endswith(t) for e, t in zip(ends, tails)), ends
