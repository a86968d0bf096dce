"""The reference list's second reading (qa.ingest.pdf.ensemble): when the layout reading of a
list is weak and PDFium's flat text of the same pages resolves clearly more citations, the list
comes from the flat text, and `qa add` reports it; a list the layout reads well is left alone.

The weak shape is a real one: a list set in type so small (under 0.6 of the body size) that the
layout reader takes it for figure lettering.
"""
from __future__ import annotations

from pathlib import Path

from synth import Page, body_text, reference, wrap, write_pdf
from qa.evaluation.pdf_citation_eval import ingest_text
from qa.ingest.pdf import read_pdf
from qa.ingest.pdf.ensemble import choose_references, evidence, splice


def _article(size: float, n: int = 30) -> list[Page]:
    first, second = Page(), Page()
    first.text(72, 780, 18, "Helvetica-Bold", "Stromal cells restrain inflammation in mice")
    first.text(72, 720, 10, "Times-Bold", "Introduction")
    y = first.paragraph(72, 704, 451, 10, "Times-Roman", body_text(12, cite="({k})"), indent=12)
    first.paragraph(72, y - 4, 451, 10, "Times-Roman", body_text(12, cite="({k})", start=5), indent=12)
    second.text(72, 780, 10, "Times-Bold", "References")
    y = 764.0
    for k in range(1, n + 1):
        for dx, line in wrap(f"{k}. {reference(k, 'numbered')}", 451, size, hanging=2 * size):
            second.text(72 + dx, y, size, "Times-Roman", line)
            y -= 1.15 * size
        y -= 1.0
    return [first, second]


def test_a_list_in_tiny_type_comes_from_the_flat_text(tmp_path: Path):
    pdf = read_pdf(write_pdf(tmp_path / "tiny.pdf", _article(5.5)))
    assert any("reference list read from the PDF's flat text" in w for w in pdf.warnings), pdf.warnings
    doc = ingest_text("tiny", pdf.text)
    assert len(doc.references) == 30
    by_key = {r.key: r for r in doc.references}
    assert by_key["7"].year == 1990 + 21 and by_key["7"].title.startswith(reference(7, "numbered").split(", ")[2][:25])
    assert doc.citations and all(c.reference is not None for c in doc.citations)
    # the body is still the layout's: its paragraphs, one list, no entry text among them
    assert doc.text.count("Introduction") == 1
    assert reference(3, "numbered")[:40] not in doc.text[:doc.references_span[0]]


def test_a_list_the_layout_reads_well_is_left_alone(tmp_path: Path):
    path = write_pdf(tmp_path / "normal.pdf", _article(8.0))
    pdf = read_pdf(path)
    assert not any("flat text" in w for w in pdf.warnings)
    mine, _ = evidence(pdf.text)
    assert mine.entries == 30 and not mine.weak
    assert choose_references(pdf.text, "unrelated flat text") == (pdf.text, None)


def test_splice_replaces_the_broken_list_where_it_stood():
    good = ingest_text("x", "Intro text (1).\n\nReferences\n\n" + "\n".join(
        f"{k}. {reference(k, 'numbered')}" for k in range(1, 8)) + "\n").references
    broken = "Body paragraph (1).\n\n" + reference(1, "numbered") + " " + reference(2, "numbered") + "\n\nTail paragraph.\n"
    out = splice(broken, good)
    assert out.index("Body paragraph") < out.index("# References") < out.index("Tail paragraph")
    assert out.count(reference(2, "numbered")[:40]) == 1
