"""The first page's abstract is body text, its front matter is not (qa/ingest/pdf/frontmatter.py).

MDPI sets the Simple Summary and the Abstract a size below the body (9 pt against 10 pt),
their labels run in ('Abstract: ...') rather than set as headings, beside a sidebar of
article information. Running text only opened at a body-size paragraph or at a heading
followed by prose, so the whole first page went to the front matter and the text began at
'# 1. Introduction'. A small block of running prose at least as wide as the body's column now
opens it; narrower small prose (sidebar notes, footnotes) and information lines stay out.
"""
from __future__ import annotations

import re
from pathlib import Path

from synth import Page, body_text, write_pdf
from typeset import lines_of, plain, set_line
from qa.ingest.pdf import read_pdf

MDPI = "10.3390_cancers14194849"


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_small_run_in_abstract_is_body_text(pdf_texts):
    pdf = pdf_texts[MDPI]
    flat = _flat(pdf.text)
    assert "Female BALB/c mice (n = 115) were injected with 4T1-luciferase cells" in flat, flat[:200]
    assert "Using the 4T1 murine TNBC model, we show the effect of neoadjuvant chemotherapy" in flat
    assert flat.index("Female BALB/c mice") < flat.index("# 1. Introduction")
    assert not any("Female BALB/c mice" in f for f in pdf.front_matter)
    opening = flat[:flat.index("# 1. Introduction")]
    for front in ("Keywords:", "Received:", "Correspondence:", "Copyright", "Academic Editors",
                  "Publisher’s Note", "Department of Surgery", "Citation:"):
        assert front not in opening, front
    assert any(f.startswith("Keywords:") for f in pdf.front_matter)
    assert any(f.startswith("Publisher’s Note") for f in pdf.front_matter)


# --- the same shape on a synthetic page: sidebar, affiliations, small abstract, keywords -------

BOX, BOX_WIDTH = 166.0, 395.0  # the text box right of the sidebar, on every page
SIDE, SIDE_WIDTH = 36.0, 118.0
ABSTRACT = ("Abstract: Stromal cells calm the immune system of the host, but how they do so is unknown. "
            "We show that they release a small lipid that slows the division of activated cells, and that "
            "blocking the enzyme that makes it removes most of their effect in culture and in animals. "
            "Donors differed tenfold in how much of the lipid their cells made, and that amount predicted "
            "the effect better than any surface marker did. These findings point to a simpler way to "
            "choose donors for the trials that are now running.")
SIDE_NOTE = ("Note: the publisher stays neutral with regard to claims in published maps and the "
             "institutional affiliations of the authors of this article, as it does for every article "
             "that it publishes in any of its journals, and it takes no position on them whatsoever.")


def _set(page: Page, x: float, y: float, text: str, width: float, size: float, font: str = "Times-Roman") -> float:
    lines = lines_of(plain(text), width, font, size)
    for k, (_, words) in enumerate(lines):
        set_line(page, x, y, width, words, font, size, k < len(lines) - 1)
        y -= size * 1.2
    return y


def test_synthetic_small_abstract_beside_a_sidebar_is_body_text(tmp_path: Path):
    first, second = Page(), Page()
    first.text(SIDE, 780, 18, "Times-Bold", "A synthetic article with its abstract in small type")
    first.text(SIDE, 750, 10, "Times-Roman", "Ann Abbott, Ben Baker and Cora Carter")
    y = _set(first, SIDE, 600, "Received: 1 May 2022 Accepted: 2 June 2022 Published: 3 July 2022", SIDE_WIDTH, 7)
    _set(first, SIDE, y - 20, SIDE_NOTE, SIDE_WIDTH, 7)
    y = _set(first, BOX, 720, "1 Department of Surgery, Example University, Example City, Country; "
                              "2 Department of Biology, Example Institute, Example Town, Country", BOX_WIDTH, 8)
    y = _set(first, BOX, y - 10, "Correspondence: ann@example.org", BOX_WIDTH, 8)
    y = _set(first, BOX, y - 14, ABSTRACT, BOX_WIDTH, 9)
    _set(first, BOX, y - 14, "Keywords: stromal cells; lipid mediators; donor selection", BOX_WIDTH, 9)
    second.text(BOX, 780, 12, "Times-Bold", "1. Introduction")
    y = _set(second, BOX, 760, body_text(10), BOX_WIDTH, 10)
    _set(second, BOX, y - 6, body_text(10, start=3), BOX_WIDTH, 10)
    pdf = read_pdf(write_pdf(tmp_path / "abstract.pdf", [first, second]))
    flat = _flat(pdf.text)
    assert "how they do so is unknown. We show that they release a small lipid" in flat, pdf.front_matter
    assert flat.index("Abstract: Stromal cells") < flat.index("1. Introduction")
    for front in ("Keywords:", "Received:", "Correspondence:", "Department of Surgery", "publisher stays neutral"):
        assert front not in flat, front


# --- where an abstract with no heading after it ends (frontmatter.AbstractEnd) -----------------

def _sections(pdf_text: str, doc_id: str = "doc") -> list[tuple[str, str]]:
    """(title, text) of each section of an article's text once ingested, tables and captions left out."""
    from qa.evaluation.pdf_citation_eval import ingest_text

    doc = ingest_text(doc_id, pdf_text)
    tables = {(t.start, t.end) for t in doc.tables}
    return [(s.title, doc.text[s.start:s.end]) for s in doc.sections
            if (s.start, s.end) not in tables and not re.match(r"(?:Fig|FIG|Table|TABLE)", s.title)]


def _section_of(sections: list[tuple[str, str]], words: str) -> str:
    return next(title for title, text in sections if words in _flat(text))


def test_an_abstract_set_apart_ends_where_the_running_text_begins(pdf_texts):
    """User trial 16: PNAS prints no 'Introduction' heading; its abstract (bold) and its
    introduction (regular) both run from the first page's top, and the whole introduction was
    filed under 'Abstract' until '# Results'. Nature Communications does the same with an
    abstract set larger than the body. Both now end the abstract where the body's own style takes
    over, and the untitled text up to the first heading is the introduction."""
    pnas = _sections(pdf_texts["10.1073_pnas.2322520121"].text)
    assert _section_of(pnas, "The S-phase checkpoint involving CHK1 is essential") == "Abstract"
    assert _section_of(pnas, "thus safeguarding genome integrity.") == "Abstract"
    assert _section_of(pnas, "To maintain genome integrity upon replication stalling") == "Introduction"
    assert _section_of(pnas, "Here, we aimed to determine whether UFMylation") == "Introduction"
    assert _section_of(pnas, "we first conducted an iPOND assay") != "Introduction"
    nature = _sections(pdf_texts["10.1038_s41467-024-44806-1"].text)
    assert _section_of(nature, "The archaeal ancestor of eukaryotes apparently belonged") == "Abstract"
    assert _section_of(nature, "Phylogenomic studies of Asgard archaea have clearly shown") == "Introduction"
    assert _section_of(nature, "to trace the OGT evolution of these organisms") == "Introduction"


def test_no_article_files_its_body_under_its_abstract(pdf_texts):
    """On all ten articles: what is filed under 'Abstract' is an abstract's length (a summary and
    its abstract together, MDPI's and ASM's, stay under 400 words), the opening is one section, and
    only the two articles whose abstract runs straight into the introduction get the break."""
    for stem, pdf in pdf_texts.items():
        sections = _sections(pdf.text, stem)
        abstract = [text for title, text in sections if title == "Abstract"]
        assert len(abstract) == 1 and len(abstract[0].split()) < 400, (stem, [len(t.split()) for t in abstract])
        assert ("\n\n***\n\n" in pdf.text) == (stem in ("10.1073_pnas.2322520121", "10.1038_s41467-024-44806-1")), stem


def _article(tmp_path: Path, abstract_font: str, abstract_size: float) -> str:
    first, second = Page(), Page()
    first.text(SIDE, 780, 18, "Times-Bold", "A synthetic article whose introduction has no heading")
    first.text(SIDE, 750, 10, "Times-Roman", "Ann Abbott, Ben Baker and Cora Carter")
    y = _set(first, SIDE, 720, ABSTRACT.removeprefix("Abstract: "), 520, abstract_size, abstract_font)
    y = _set(first, SIDE, y - 12, body_text(6), 520, 10)
    _set(first, SIDE, y - 6, body_text(6, start=2), 520, 10)
    second.text(SIDE, 780, 12, "Times-Bold", "Results")
    _set(second, SIDE, 760, body_text(10, start=4), 520, 10)
    return read_pdf(write_pdf(tmp_path / "article.pdf", [first, second])).text


def test_synthetic_abstract_in_bold_or_larger_type_ends_before_the_introduction(tmp_path: Path):
    for font, size in (("Times-Bold", 10), ("Times-Roman", 11.5)):
        sections = _sections(_article(tmp_path, font, size))
        assert [title for title, _ in sections] == ["Abstract", "Introduction", "Results"], (font, size, sections)
        assert "We show that they release a small lipid" in _flat(sections[0][1])
        assert _flat(sections[1][1]).startswith("Mesenchymal stromal cells were isolated")
    # an abstract set as the body is: nothing in the layout says where it ends, so nothing is cut
    assert [title for title, _ in _sections(_article(tmp_path, "Times-Roman", 10))] == ["Abstract", "Results"]


def test_journal_from_metadata_is_spelled_as_the_pages_print_it(pdf_texts):
    """User trial 19: "CellReports" (the metadata's Subject drops the space) headed the article
    in every answer although each page's footer prints "Cell Reports"."""
    from qa.ingest.pdf.metadata import find_journal

    journals = {stem: pdf.journal for stem, pdf in pdf_texts.items()}
    assert journals["10.1016_j.celrep.2021.109967"] == "Cell Reports"
    assert journals["10.1038_s41467-024-44806-1"] == "Nature Communications"
    info = {"Subject": "CellReports, 37 (2021) 109967. doi:10.1016/j.celrep.2021.109967"}
    assert find_journal(info, "no footer on this page") == "CellReports"  # nothing to correct it by
    assert find_journal(info, "see Cell Reports 37, 109967") == "Cell Reports"
    assert find_journal(info, "MiniCell Reportsx") == "CellReports"  # only whole words count
