"""Body sentences kept whole and in the text (user trial 5, "PDF text"): answers quote sentences
verbatim, so figure lettering glued to a sentence, a sentence cut by a legend or a text box left
out of the body loses answers. Each case on the real PDF where the trial found it and on a
synthetic page (tests/ingest/pdf/typeset.py) that has the same shape and nothing else.
"""
from __future__ import annotations

import re
from pathlib import Path

from synth import Page, body_text, write_pdf
from typeset import lines_of, plain, set_line
from qa.ingest.pdf import read_pdf

LEFT, RIGHT, WIDTH = 56.0, 306.0, 233.0  # two columns of a page
FONT, SIZE, STEP = "Times-Roman", 10.0, 12.0


def column(page: Page, x: float, y: float, text: str, width: float = WIDTH, size: float = SIZE,
           font: str = FONT, justify: bool = True) -> float:
    """A paragraph set in a column from baseline y; returns the next baseline."""
    lines = lines_of(plain(text), width, font, size)
    for k, (_, words) in enumerate(lines):
        set_line(page, x, y, width, words, font, size, justify and k < len(lines) - 1)
        y -= size * 1.2
    return y


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]


def _read(tmp_path: Path, pages: list[Page]) -> str:
    return read_pdf(write_pdf(tmp_path / "article.pdf", pages)).text


def _opening(page: Page) -> float:
    page.text(LEFT, 780, 16, "Times-Bold", "A synthetic article for layout tests")
    page.text(LEFT, 760, 10, "Times-Italic", "A. Abbott, B. Baker and C. Carter")
    return 730.0


# --- western-blot lane labels (PNAS Fig. 2) ---------------------------------------------------

def test_lane_labels_never_join_a_body_sentence(pdf_texts):
    """PNAS prints its blots' lane labels ('shNC + + - - -') in 9-pt type, four and more tokens a
    line: counted as words, the signs made the rows running text, and the next page's paragraph
    ran on from them ('... FLAG-PARP1-K548R - - - - Our in vivo and in vitro assays ...'). Signs
    with no letter or digit are not words, and a line of tick values holds none."""
    text = pdf_texts["10.1073_pnas.2322520121"].text
    paragraphs = _paragraphs(text)
    for opening in ("Our in vivo and in vitro assays have verified", "We found that CHK1 activation is more robustly"):
        assert any(p.startswith(opening) for p in paragraphs), opening
    assert "decreased CHK1 activation, which was restored by reexpressing PARP1-WT" in " ".join(text.split())
    assert not re.search(r"(?:[+-] ){3}", text), re.search(r".{60}(?:[+-] ){3}.{60}", text)
    assert "Days after injection" not in text


def test_synthetic_lane_labels_stay_out_of_the_paragraph(tmp_path):
    first, page = Page(), Page()
    y = _opening(first)
    column(first, LEFT, y, body_text(24))
    column(first, RIGHT, y, body_text(24, start=3))
    y = 780.0
    rows = [("shControl", "+ + - -"), ("shPARP1", "- - + +"), ("FLAG-PARP1-WT", "- + - +"), ("FLAG-PARP1-F553L", "- - + -")]
    for name, signs in rows:  # a blot's labels atop the next page, in smaller sans type
        page.text(LEFT + 20, y, 8, "Helvetica", f"{name} {signs}")
        y -= 10
    y = column(page, LEFT, y - 24, "Our assays have verified that the mutation impairs the activity of "
               + body_text(6))
    column(page, RIGHT, 730, body_text(14, start=2))
    paragraphs = _paragraphs(_read(tmp_path, [first, page]))
    assert any(p.startswith("Our assays have verified that the mutation") for p in paragraphs), paragraphs
    assert not any("+ +" in p or "- -" in p for p in paragraphs), paragraphs


# --- a legend set across both columns under a figure (Nature Communications Figs. 2, 3) -------

def test_legend_across_columns_leaves_the_sentence_whole(pdf_texts):
    """Nature Communications sets a figure's legend across both columns under the figure; in
    reading order the first column's body text comes between the legend's two halves. The
    second half (same small size and font, after an unfinished legend) is read as the legend's
    rest, and the body sentence stopped inside a parenthesis ('(64 °C, 90% CI:') goes on at the
    top of the next column. The figure's bold labels ('G-domain', 'Domain 2') are not headings."""
    text = pdf_texts["10.1038_s41467-024-44806-1"].text
    flat = " ".join(text.split())
    assert "our results suggest that Baldrarchaeia (64 °C, 90% CI: 61.4–69 °C), Odinarchaeia" in flat
    paragraphs = _paragraphs(text)
    fig2 = next(p for p in paragraphs if p.startswith("Fig. 2 |"))
    assert fig2.endswith("Domain 2, and Domain 3 of the AncEF-1A are shown."), fig2[-120:]
    assert "Domain 3 of the AncEF-1A, and its GDP-binding residues in motif I" in fig2
    fig3 = next(p for p in paragraphs if p.startswith("Fig. 3 |"))
    assert fig3.endswith("Source data are provided as a Source Data file."), fig3[-120:]
    headings = [ln for ln in text.splitlines() if ln.startswith("# ")]
    assert not {"# G-domain", "# Domain 2", "# Domain 3"} & set(headings), headings


def test_synthetic_legend_across_columns(tmp_path):
    page = Page()
    y = _opening(page)
    for x in (LEFT, LEFT + 120, RIGHT, RIGHT + 120):  # a figure's lettering across the page
        page.text(x + 10, y - 20, 7, "Helvetica", "0.5")
        page.text(x + 10, y - 60, 7, "Helvetica", "1.0")
    page.text(LEFT + 200, y - 40, 9, "Helvetica-Bold", "G-domain")  # bold labels on the figure
    page.text(RIGHT + 60, y - 80, 9, "Helvetica-Bold", "Domain 2")
    top = y - 110
    page.text(LEFT, top, 7, "Helvetica-Bold", "Fig. 2 | Growth of the cells in culture.")
    legend_one = ("a Counts of the cells from every donor at each passage, with the mean of three "
                  "wells shown as a line and the range as a band. The proposed groups of donors, and")
    legend_two = ("their doubling times are shown. b Markers on the cells at the third passage. "
                  "Source data are provided as a Source Data file.")
    column(page, LEFT, top - 9, legend_one, size=7.0)
    column(page, RIGHT, top, legend_two, size=7.0)
    below = top - 60
    y = column(page, LEFT, below, body_text(12, start=2))
    head = body_text(5) + " Taking this time as a proxy, our results suggest that donor A (64 h, 90% CI:"
    column(page, LEFT, y - 4, head, justify=False)
    rest = "61.4-69 h), donor B (57.2 h) and donor C (61.1 h) grew slowly. " + body_text(5, start=3)
    y = column(page, RIGHT, below, rest)
    column(page, RIGHT, y - 4, body_text(12, start=1))
    text = _read(tmp_path, [page])
    flat = " ".join(text.split())
    assert "donor A (64 h, 90% CI: 61.4-69 h), donor B" in flat, flat
    paragraphs = _paragraphs(text)
    legend = next(p for p in paragraphs if p.startswith("Fig. 2 |"))
    assert "The proposed groups of donors, and their doubling times are shown." in legend, legend
    assert not any(p.startswith("#") and ("domain" in p or "Domain" in p) for p in paragraphs), paragraphs


# --- a statement set in a narrow box beside the columns (PNAS Significance) -------------------

SIGNIFICANCE = ("UFMylation, the latest addition to the ubiquitin-like posttranslational modifications, plays "
                "an important role in a variety of cellular activities.")


def test_significance_box_is_body_text(pdf_texts):
    """PNAS sets its Significance statement in a narrow box (8.5 pt, about four words a line)
    on the first page: below five words a line it was not 'prose', so, smaller than the body,
    it went to the front matter. Lines that each fill the box (the next line's first word would
    not have fitted) make it running text."""
    pdf = pdf_texts["10.1073_pnas.2322520121"]
    paragraphs = _paragraphs(pdf.text)
    at = paragraphs.index("# Significance")
    assert paragraphs[at + 1].startswith(SIGNIFICANCE), paragraphs[at + 1][:100]
    assert paragraphs[at + 1].endswith("exhibit increased sensitivity to replication stress.")
    assert not any(f.startswith("UFMylation, the latest") for f in pdf.front_matter)


def test_synthetic_narrow_box_is_body_text(tmp_path):
    page = Page()
    y = _opening(page)
    y = column(page, LEFT, y, body_text(14))
    column(page, LEFT, y - 4, body_text(14, start=3))
    box = ("Stromal cells calm the immune system of the host, but how they do so is unknown. This study "
           "shows that they release a small lipid that slows the division of activated cells, and that "
           "blocking the enzyme that makes it removes most of their effect in culture and in animals. "
           "These findings point to a simpler way to choose donors for the trials that are now running.")
    page.text(RIGHT + 12, 730, 10, "Helvetica-Bold", "Significance")
    y = column(page, RIGHT + 12, 714, box, width=110, size=8.5, font="Helvetica", justify=False)
    column(page, RIGHT, y - 30, body_text(12, start=5))
    pdf = read_pdf(write_pdf(tmp_path / "box.pdf", [page]))
    flat = " ".join(pdf.text.split())
    assert "how they do so is unknown. This study shows that they release a small lipid" in flat, \
        pdf.front_matter


# --- inline and displayed equations (eLife methods) -------------------------------------------

def test_inline_formula_stays_in_its_sentence(pdf_texts):
    """eLife draws the radical of '2 · √(median area)/π' as a path: the white it leaves before
    the stretched '(' (a glyph several lines tall) was read as a gutter, the formula became a
    line of its own, read as a heading, and the lines of a calculation were scrambled until a
    whole one ('Intron cloud', its area and diameter) was lost. Beside a glyph taller than
    its size, on the same baseline, such white is part of the line. A displayed equation
    ('C (r) = C0exp −r') has a relation sign, which no heading has."""
    text = pdf_texts["10.7554_elife.91357.3"].text
    flat = " ".join(text.split())
    assert "we used the equation 2 · (medianarea)/π , then converted these values" in flat
    assert "Cloud diameter = 2 · (3.596)/π = 2.14 µm In unexpanded space, cloud diameter = 0.46 µm" in flat
    assert "# Intron cloud" in text
    assert "Median cloud area = 1.474 µm² Cloud diameter = 2 · (1.474)/π = 1.37 µm" in flat
    headings = [ln for ln in text.splitlines() if ln.startswith("# ")]
    assert "# Calculation of slow-moving zone dimension" in headings
    assert not any("=" in h or "medianarea" in h for h in headings), headings


def test_synthetic_displayed_equation_is_not_a_heading(tmp_path):
    page = Page()
    y = _opening(page)
    y = column(page, LEFT, y, body_text(20), width=480)
    y = column(page, LEFT, y - 4, body_text(6, start=2) + " The steady-state solution is given by:", width=480)
    page.text(250, y - 8, SIZE, "Times-Italic", "C (r) = C0 exp (-r / L)")
    y = column(page, LEFT, y - 30, "where C0 is the concentration at the source. " + body_text(12, start=4), width=480)
    text = _read(tmp_path, [page])
    assert not any(ln.startswith("# ") and "=" in ln for ln in text.splitlines()), text
    assert "C (r) = C0 exp (-r / L)" in text


# --- legends set in the body's size under a bold title (bioRxiv manuscript) ---------------------

def test_legends_in_body_size_follow_their_titles(pdf_texts):
    """The bioRxiv manuscript sets each figure's title bold and its legend right under it in the
    body's own size, one figure a page after the references: the legend was body text, printed
    before the held-back title, so every legend sat under the previous figure's title (and
    'catastrophic chromosome' | 'shattering.' was cut). A block set right under a caption at
    the line spacing of a block, cut from it only by weight, is its legend."""
    paragraphs = _paragraphs(pdf_texts["10.1101_2024.02.13.580051"].text)
    legends = [p for p in paragraphs if re.match(r"Figure \d:", p)]
    assert [p[:8] for p in legends] == [f"Figure {k}" for k in range(1, 6)], [p[:40] for p in legends]
    assert legends[1].startswith("Figure 2: MMS induces DNA double-strand breaks in the absence of REV1. "
                                 "(A) Third instar wing imaginal discs")
    assert legends[2].startswith("Figure 3: MMS-treated rev1 neuroblasts have elevated rates of catastrophic "
                                 "chromosome shattering. (A) Representative images")
    assert legends[2].endswith("n values = 112 (Oregon-R), 85 (rev1∆ −/−).")
    assert not any(p.startswith(("(A) ", "(B-C) ", "shattering.", "n values")) for p in paragraphs)


def test_synthetic_legends_in_body_size(tmp_path):
    first = Page()
    y = _opening(first)
    y = column(first, LEFT, y, body_text(24), width=480)
    column(first, LEFT, y - 4, body_text(12, start=3), width=480)
    pages = [first]
    for k, (title, legend) in enumerate([("Growth of the cells.", "(A) Counts of the cells at each passage. "
                                          "(B) Doubling times of the cells from every donor."),
                                         ("Markers of the cells.", "(A) Surface markers at the third passage. "
                                          "(B) Markers after differentiation into bone and fat.")], 1):
        page = Page()
        page.text(LEFT, 400, SIZE, "Times-Bold", f"Figure {k}: {title}")
        column(page, LEFT, 400 - STEP, legend, width=480)
        pages.append(page)
    paragraphs = _paragraphs(_read(tmp_path, pages))
    legends = [p for p in paragraphs if p.startswith("Figure")]
    assert legends == ["Figure 1: Growth of the cells. (A) Counts of the cells at each passage. "
                       "(B) Doubling times of the cells from every donor.",
                       "Figure 2: Markers of the cells. (A) Surface markers at the third passage. "
                       "(B) Markers after differentiation into bone and fat."], paragraphs[-4:]


# --- raised labels with letters (PNAS genotypes) ------------------------------------------------

def test_raised_genotype_labels_read_plain(pdf_texts):
    """PNAS raises the genotype over the gene ('PARP1' with 'K548R/K548R' above the line): only
    its digits became superscripts ('PARP1K⁵⁴⁸R/K⁵⁴⁸Rmice'), so the genotype could not be found
    as 'K548R'. A raised run holding a letter is a label, written plain after a space."""
    text = pdf_texts["10.1073_pnas.2322520121"].text
    flat = " ".join(text.split())
    assert "with all homozygous PARP1 K548R/K548R mice died after 3 wk" in flat
    assert "the homozygous PARP1 K548R/K548R mice are hypersensitive to MNU" in flat
    assert "⁵⁴⁸" not in text
    assert "The brca2 KO null allele" in pdf_texts["10.1101_2024.02.13.580051"].text
    # citations raised after a word are still superscript numbers
    assert "affiliated with the class Heimdallarchaeia¹⁻⁴. Thus" in pdf_texts["10.1038_s41467-024-44806-1"].text


def test_synthetic_raised_label(tmp_path):
    page = Page()
    y = _opening(page)
    y = column(page, LEFT, y, body_text(20), width=480)
    words = [((w, False),) for w in "all homozygous".split()] + [(("PARP1", False), ("K548R/K548R", True))] \
        + [((w, False),) for w in "mice died after three weeks of treatment.".split()]
    set_line(page, LEFT, y - 4, 480, words, FONT, SIZE, False)
    column(page, LEFT, y - 20, body_text(12, start=3), width=480)
    flat = " ".join(_read(tmp_path, [page]).split())
    assert "all homozygous PARP1 K548R/K548R mice died after three weeks" in flat, flat


# --- a table's title in the body's size, on its table (J. Bacteriology Table 1; user trial 7) ---

def test_table_title_on_its_table_never_cuts_a_sentence(pdf_texts):
    """J. Bacteriology sets 'TABLE 1 Genes that contribute ...' in plain 8.5-pt type against a
    9-pt body, right on the table's cells: within the body's size and not bold, it was read as
    body text and continued the paragraph the page break had cut ('... (Fig. 3B). One TABLE 1
    Genes ... aRatio of the viability ...'). A label set right on figure lettering or table cells
    is that table's title; its cells are read as rows and its footnotes as notes, after the
    sentence ends."""
    text = pdf_texts["10.1128_jb.00479-21"].text
    flat = " ".join(text.split())
    assert ("extremely sensitive to this disinfectant (Fig. 3B). One possible explanation for this is that "
            "the mutant metabolized ethanol") in flat
    assert "One TABLE 1" not in flat
    paragraphs = _paragraphs(text)
    table = next(p for p in paragraphs if p.startswith("TABLE 1 Genes that contribute to desiccation tolerance"))
    assert "ABUW_2750 | csrA | Carbon storage regulator | 480 | 8.5" in table, table
    assert "bData represent protein abundance as spectral counts." in paragraphs
    assert not any(p.startswith("possible explanation") for p in paragraphs)


def test_synthetic_table_title_in_body_size(tmp_path):
    first, page = Page(), Page()
    y = _opening(first)
    y = column(first, LEFT, y, body_text(24), width=480)
    column(first, LEFT, y - 4, body_text(10, start=3) + " The mutant was extremely sensitive to ethanol. One",
           width=480)
    page.text(LEFT, 780, SIZE, FONT, "Table 1 Genes that contribute to the survival of the strain")
    y = 768.0
    for cells in [("Gene", "Name", "Loss"), ("ABC_0916", "bapA", "1.5"), ("ABC_2436", "katE", "150"),
                  ("ABC_2750", "csrA", "480")]:
        for x, cell in zip((LEFT, LEFT + 120, LEFT + 240), cells):
            page.text(x, y, 8, "Helvetica", cell)
        y -= 10
    page.text(LEFT, y - 2, 7, FONT, "aRatio of the viability of the wild type to that of each mutant.")
    column(page, LEFT, y - 24, "possible explanation is that the mutant made a toxic aldehyde. " + body_text(12),
           width=480)
    text = _read(tmp_path, [first, page])
    flat = " ".join(text.split())
    assert "extremely sensitive to ethanol. One possible explanation is that the mutant made" in flat, text[-900:]
    assert "One Table 1" not in flat
    paragraphs = _paragraphs(text)
    table = next(p for p in paragraphs if p.startswith("Table 1 Genes that contribute"))
    assert "ABC_2436 | katE | 150" in table, table
    assert "aRatio of the viability of the wild type to that of each mutant." in paragraphs
