"""A band of smaller type set across a page's foot, under two columns of running text (a
reference list begun under the Discussion's last lines, a figure legend under both columns), is
read after both columns: the right column's text is not read after the band's left half, cutting
a sentence at the left column's foot from its end at the right column's top
(qa.ingest.pdf.columns._band_below). On the real PDFs where the fault was found and on synthetic
pages with that shape and nothing else, with a control that must keep the column order.
"""
from __future__ import annotations

from pathlib import Path

from synth import Page, body_text, reference, write_pdf
from test_body_sentences import LEFT, RIGHT, column
from qa.ingest.pdf import read_pdf


def test_pnas_discussion_is_whole_before_its_reference_list(pdf_texts):
    text = pdf_texts["10.1073_pnas.2322520121"].text
    # the sentence runs from the left column's last line to the right column's first, above the
    # reference list's two columns
    assert ("for stalled replication fork restart. Simultaneously, enhanced PARP1 activity promotes "
            "S-phase checkpoint activation halting cell cycle") in text
    assert text.index("ACKNOWLEDGMENTS.") < text.index("1. R. T. Abraham")
    assert text.index("# Materials and Methods") < text.index("1. R. T. Abraham")


def test_nature_right_column_before_the_legend_under_both_columns(pdf_texts):
    text = pdf_texts["10.1038_s41467-024-44806-1"].text
    assert text.index("To characterize the optimal GDP-binding temperature") < text.index("Fig. 1 | Origin")


def _page(tmp_path: Path, band_size: float) -> str:
    """Two columns of body text (the left one's last sentence running on into the right one),
    then a white strip and a band of numbered entries in `band_size` under both columns."""
    page = Page()
    page.text(LEFT, 780, 16, "Times-Bold", "A synthetic article for layout tests")
    page.text(LEFT, 760, 10, "Times-Italic", "A. Abbott, B. Baker and C. Carter")
    left = body_text(14, cite="[{k}]") + " The last sentence of the left column runs on to"
    y = column(page, LEFT, 730, left)
    column(page, RIGHT, 730, "the top of the right column and ends there. " + body_text(12, cite="[{k}]", start=3))
    band = y - 30
    for x, first in ((LEFT, 1), (RIGHT, 7)):
        yy = band
        for k in range(first, first + 6):
            yy = column(page, x, yy, f"{k}. {reference(k, 'numbered')}", size=band_size, justify=False) - 2
    return read_pdf(write_pdf(tmp_path / "article.pdf", [page])).text


def test_a_reference_band_under_two_columns_is_read_after_both(tmp_path):
    text = _page(tmp_path, band_size=7.0)
    assert "runs on to the top of the right column and ends there." in " ".join(text.split())
    assert text.index("ends there.") < text.index("1. ") < text.index("7. ")


def test_a_band_in_the_body_size_is_no_band(tmp_path):
    # the same white strip between paragraphs set in the text's own size (a section break in both
    # columns): the columns are read whole, left then right
    text = _page(tmp_path, band_size=10.0)
    flat = " ".join(text.split())
    assert flat.index("runs on to") < flat.index("1. ") < flat.index("the top of the right column")

