"""Headings found from the font survive ingestion as sections, whatever their case or wording.

The layout reader writes each heading as a Markdown line ('# Materials and methods'); the
text pipeline takes such a line as a heading of its own, so a sentence-case heading is neither
merged into the paragraph below it nor into the heading above it, nor dropped. Checked on the
dev PDFs (headings read off the rendered pages) and on a synthetic article whose headings are
set bold, or only in another typeface at the body size.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from synth import Page, body_text, write_pdf
from qa.evaluation.pdf_citation_eval import ingest_text
from qa.ingest.pdf import read_pdf

# headings as printed in the dev PDFs (sentence case, several only in a heavier typeface)
DEV_HEADINGS = {
    "10.1093_nar_gkae252": ["Materials and methods", "Mutation datasets",
                            "Lowly methylated regions within or outside genes show consistent hypomutation"],
    "10.1186_s12915-024-01840-1": ["Worm strains and maintenance", "Pathogenic bacterial growth",
                                   "P. aeruginosa exposure assay for gene expression"],
    "10.1101_2024.02.13.580051": ["Materials and Methods", "Drosophila husbandry and stocks"],
    "10.1126_sciadv.add4623": ["LNP formulation, conjugation, and characterization", "Cell culture",
                               "RESULTS", "MATERIALS AND METHODS"],  # small capitals over a subheading
    "10.1016_j.celrep.2021.109967": [
        "Chromatin accessibility and HOXA9 activity human and mouse myeloid differentiation programs in vivo",
        "Cell culture", "Gene set enrichment analysis", "DECLARATION OF INTERESTS"],
    "10.1038_s41467-024-44806-1": ["Phylogenetic analysis", "Thermal stability assay"],
}


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def _kept_as_section(doc, heading: str) -> bool:
    """A section carries the heading's title, or the heading is its own paragraph right above
    another heading (a parent heading such as 'Materials and methods' over 'Cell culture')."""
    if any(s.title == heading for s in doc.sections):
        return True
    paragraphs = _paragraphs(doc.text)
    titles = {s.title for s in doc.sections}
    return any(p == heading and i + 1 < len(paragraphs) and paragraphs[i + 1] in titles
               for i, p in enumerate(paragraphs))


@pytest.mark.parametrize("stem", sorted(DEV_HEADINGS))
def test_dev_pdf_headings_are_sections(pdf_texts, stem):
    pdf = pdf_texts[stem]
    marked = [ln[2:] for ln in pdf.text.splitlines() if ln.startswith("# ")]
    doc = ingest_text(stem, pdf.text)
    for heading in DEV_HEADINGS[stem]:
        assert heading in marked, (heading, marked)
        assert _kept_as_section(doc, heading), (heading, [s.title for s in doc.sections])
        assert heading in _paragraphs(doc.text), heading  # its own paragraph, not glued to text


@pytest.mark.parametrize("stem", sorted(DEV_HEADINGS))
def test_every_layout_heading_of_the_body_is_kept(pdf_texts, stem):
    """Every heading line the reader wrote after the first body paragraph is kept as a section
    or as a parent heading; none is merged into body text."""
    pdf = pdf_texts[stem]
    doc = ingest_text(stem, pdf.text)
    marked = [ln[2:].strip() for ln in pdf.text.splitlines() if ln.startswith("# ")]
    lost = [h for h in marked if len(h.split()) >= 2 and not _kept_as_section(doc, h)
            and not any(h in s.title for s in doc.sections)]
    assert len(lost) <= 2, lost  # a cover page's own headings ('Graphical abstract') may go


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    """Three pages: title, abstract and introduction; sentence-case methods and results
    headings (bold, or only another typeface at body size); a numbered reference list."""
    first, second, third = Page(), Page(), Page()
    first.text(72, 780, 18, "Helvetica-Bold", "Stromal cells restrain inflammation in mice")
    first.text(72, 752, 10, "Helvetica", "A. Author, B. Author and C. Author")
    first.text(72, 720, 10, "Times-Bold", "Abstract")
    y = first.paragraph(72, 704, 451, 10, "Times-Roman", body_text(4))
    first.text(72, y - 14, 10, "Times-Bold", "Introduction")
    y = first.paragraph(72, y - 30, 451, 10, "Times-Roman", body_text(7, start=1), indent=12)
    first.paragraph(72, y - 4, 451, 10, "Times-Roman", body_text(6, start=3), indent=12)
    second.text(72, 780, 11, "Times-Bold", "Materials and methods")
    second.text(72, 762, 10, "Times-Bold", "Cell culture and treatments")
    y = second.paragraph(72, 746, 451, 10, "Times-Roman", body_text(6, start=2))
    second.text(72, y - 14, 10, "Helvetica", "Results and discussion")  # no bold: another face
    y = second.paragraph(72, y - 30, 451, 10, "Times-Roman", body_text(7, start=4))
    second.text(72, y - 14, 10, "Times-Bold", "Statistical analysis of the data across donors and time points")
    second.paragraph(72, y - 30, 451, 10, "Times-Roman", body_text(5, start=5))
    third.text(72, 780, 11, "Times-Bold", "References")
    y = 760.0
    for k in range(1, 7):
        entry = (f"{k}. Smith{chr(64 + k)} J, Jones K. Stromal cells and immune regulation in "
                 f"model number {k}. J Immunol Res. 20{10 + k};{k}:{100 + k}-{110 + k}.")
        y = third.paragraph(72, y, 451, 8, "Times-Roman", entry, hanging=12) - 3
    return write_pdf(tmp_path_factory.mktemp("synth") / "headings.pdf", [first, second, third])


def test_synthetic_sentence_case_headings_are_sections(synthetic):
    pdf = read_pdf(synthetic)
    marked = [ln[2:] for ln in pdf.text.splitlines() if ln.startswith("# ")]
    wanted = ["Introduction", "Materials and methods", "Cell culture and treatments",
              "Results and discussion", "Statistical analysis of the data across donors and time points"]
    assert all(h in marked for h in wanted), marked
    doc = ingest_text("synthetic", pdf.text)
    titles = [s.title for s in doc.sections]
    for heading in wanted:
        assert _kept_as_section(doc, heading), (heading, titles)
    # the body under each heading starts with its own first sentence, not with the heading
    results = next(s for s in doc.sections if s.title == "Results and discussion")
    assert doc.text[results.start:results.end].startswith(body_text(1, start=4)[:40])
    assert not any(p.startswith(("Results and discussion ", "Cell culture and treatments "))
                   for p in _paragraphs(doc.text))
    assert [r.key for r in doc.references] == [str(k) for k in range(1, 7)]
    assert all(c.key in {str(k) for k in range(1, 7)} for c in doc.citations) and doc.citations


def test_a_hash_line_in_plain_text_is_only_a_heading_when_it_stands_alone():
    """'# ' marks a heading only as a paragraph of its own; '# of cells' inside a paragraph
    stays text, so pdftotext files and the seeds read as before."""
    text = ("Introduction\n\n" + body_text(5) + "\n\n# Cell culture and treatments\n\n" + body_text(4, start=2)
            + "\nThe count was\n# of cells per well, as in [2].\n\n" + body_text(3, start=1) + "\n")
    doc = ingest_text("plain", text)
    assert "Cell culture and treatments" in [s.title for s in doc.sections]
    assert "# of cells per well" in doc.text


def test_a_phrase_split_off_a_sentence_is_not_a_heading(pdf_texts):
    """A bold or italic phrase that finishes a sentence ('(Figure 5C).', 'Burge, 2004).',
    'junction (Beyer et al., 1981; ...),') is set apart by its font like a heading, but a heading
    never interrupts a sentence: it stays in its paragraph. Checked on all ten dev PDFs (four such
    phrases were headings before), with the headings above still found."""
    from qa.ingest.pdf.structure import continues

    for stem, pdf in pdf_texts.items():
        lines = pdf.text.split("\n")
        for i, line in enumerate(lines):
            if not line.startswith("# "):
                continue
            before = next((p for p in reversed(lines[:i]) if p.strip()), "")
            unfinished = before and not before.startswith("# ") and not re.search(r"[.?!:]\W*$", before)
            assert not (unfinished and continues(line[2:])), (stem, before[-60:], line)
    text = pdf_texts["10.7554_elife.91357.3"].text
    assert "(Beyer et al., 1981; Oesterreich et al., 2016; Khodor et al., 2011; Reimer et al., 2021), while" in text
    assert "# Study limitations" in text and "# Immunofluorescence" in text


def test_continues_reads_the_phrase_shape():
    from qa.ingest.pdf.structure import continues

    for phrase in ("junction (Beyer et al., 1981),", "(Figure 5C).", "Burge, 2004).", "cells;"):
        assert continues(phrase), phrase
    for heading in ("Abstract", "eLife assessment", "1. Introduction", "Cell culture", "RESULTS",
                    "P. aeruginosa exposure assay", "Acute heat stress assay"):
        assert not continues(heading), heading


def test_run_in_headings_end_where_the_bold_ends(pdf_texts):
    """User trial 5: PNAS sets its subheadings bold and run in, over two lines. The heading took
    the regular-weight first word of its paragraph ('... Activity. The', the passage then starting
    'residue that we identified ...'), or lost its own bold second line to the paragraph
    ('Stability and Restart. To explore ...'). The split follows the font weight."""
    text = pdf_texts["10.1073_pnas.2322520121"].text
    headings = [ln[2:] for ln in text.splitlines() if ln.startswith("# ")]
    assert "Defective UFMylation Compromises Stalled Replication Fork Stability and Restart." in headings
    assert "PARP1 UFMylation Promotes Its PARylation Activity." in headings
    assert "PARP1 UFMylation Promotes Genome Stability and Protects Mice from Genotoxic Stress." in headings
    paragraphs = _paragraphs(text)
    assert any(p.startswith("The residue that we identified as essential") for p in paragraphs)
    assert any(p.startswith("To explore the function of UFMylation") for p in paragraphs)
    assert not any(p.startswith(("residue that we", "Stability and Restart.", "Mice from Genotoxic")) for p in paragraphs)


def test_run_in_headings_that_open_a_paragraph_are_headings(pdf_texts, tmp_path):
    """PNAS sets three subheadings bold and run in at the start of a paragraph's first line(s)
    ('PARP1 Is UFMylated on K548. To identify ...'): they were read as the paragraph's opening
    words, so the section was lost and the first sentence began with the heading. A bold phrase
    closed by a full stop that opens a block, followed by regular text in the body's size, is a
    heading; after a bold label in small type (a legend's 'Figure supplement 2.') it is not."""
    text = pdf_texts["10.1073_pnas.2322520121"].text
    headings = [ln[2:] for ln in text.splitlines() if ln.startswith("# ")]
    for heading in ("PARP1 Is UFMylated on K548.",
                    "Defective PARP1 UFMylation Impairs CHK1 Activation and MRE11 Recruitment to the Stalled Replication Forks.",
                    "Defective PARP1 UFMylation Impairs Stalled Replication Fork Degradation and Restart."):
        assert heading in headings, headings
    paragraphs = _paragraphs(text)
    assert any(p.startswith("MRE11 mediates nascent DNA resection, which is necessary") for p in paragraphs)
    assert any(p.startswith("To identify the mechanism by which UFMylation regulates") for p in paragraphs)
    assert "Figure supplement 2." not in [ln[2:] for ln in pdf_texts["10.7554_elife.91357.3"].text.splitlines()
                                          if ln.startswith("# ")]


def test_synthetic_run_in_heading_opens_its_paragraph(tmp_path):
    from typeset import advance

    page = Page()
    page.text(72, 780, 16, "Times-Bold", "A synthetic article for layout tests")
    y = page.paragraph(72, 740, 451, 10, "Times-Roman", body_text(12))
    page.text(72, y - 6, 10, "Times-Bold", "Cells and culture.")
    lead = 72 + 10 * advance("Times-Bold", "Cells and culture. ")
    page.text(lead, y - 6, 10, "Times-Roman", "Stromal cells were grown in flasks for three")
    y = page.paragraph(72, y - 18, 451, 10, "Times-Roman", "passages before use. " + body_text(10, start=2))
    page.text(72, y - 6, 8, "Times-Bold", "Figure supplement 1.")
    page.text(72 + 8 * advance("Times-Bold", "Figure supplement 1. "), y - 6, 8, "Times-Roman", "Counts of the cells at each passage.")
    pdf = read_pdf(write_pdf(tmp_path / "runin.pdf", [page]))
    marked = [ln[2:] for ln in pdf.text.splitlines() if ln.startswith("# ")]
    assert "Cells and culture." in marked, pdf.text[:600]
    assert any(p.startswith("Stromal cells were grown in flasks for three passages before use.") for p in _paragraphs(pdf.text))
    assert "Figure supplement 1." not in marked


def test_a_label_in_the_headings_size_is_run_in_heading(pdf_texts):
    """User trial 7: eLife runs its 'Abstract' label into the abstract's first line, bold and in
    its headings' 12-pt size over 9-pt text, one word with no stop: the run-in rule (a bold
    phrase closed by a full stop) did not take it, and the text's first sentence was 'Abstract
    Splicing is the stepwise ...'. A bold lead set larger than the words after it is a heading."""
    text = pdf_texts["10.7554_elife.91357.3"].text
    paragraphs = _paragraphs(text)
    assert paragraphs[0] == "# Abstract", paragraphs[:2]
    assert paragraphs[1].startswith("Splicing is the stepwise molecular process by which introns are removed")
    assert not any(p.startswith("Abstract Splicing") for p in paragraphs)


def test_synthetic_larger_bold_label_is_a_heading(tmp_path):
    """A bold label in a larger size run into its paragraph is a heading; a bold word in the
    paragraph's own size opening a sentence (no stop after it) stays in the sentence."""
    from typeset import advance

    page = Page()
    page.text(72, 780, 16, "Times-Bold", "A synthetic article for layout tests")
    page.text(72, 740, 12, "Times-Bold", "Summary")
    lead = 72 + 12 * advance("Times-Bold", "Summary ")
    page.text(lead, 740, 10, "Times-Roman", "Stromal cells were grown in flasks for three")
    y = page.paragraph(72, 728, 451, 10, "Times-Roman", "passages before use. " + body_text(12))
    page.text(72, y - 6, 10, "Times-Bold", "Marrow")
    lead = 72 + 10 * advance("Times-Bold", "Marrow ")
    page.text(lead, y - 6, 10, "Times-Roman", "stromal cells were counted at each passage and")
    page.paragraph(72, y - 18, 451, 10, "Times-Roman", "plated again. " + body_text(12, start=2))
    pdf = read_pdf(write_pdf(tmp_path / "label.pdf", [page]))
    marked = [ln[2:] for ln in pdf.text.splitlines() if ln.startswith("# ")]
    assert "Summary" in marked, pdf.text[:600]
    paragraphs = _paragraphs(pdf.text)
    assert any(p.startswith("Stromal cells were grown in flasks for three passages before use.") for p in paragraphs)
    assert "Marrow" not in marked
    assert any(p.startswith("Marrow stromal cells were counted at each passage") for p in paragraphs)
