"""The first page's abstract is body text, its front matter is not (qa/ingest/pdf/frontmatter.py).

MDPI sets the Simple Summary and the Abstract a size below the body (9 pt against 10 pt),
their labels run in ('Abstract: ...') rather than set as headings, beside a sidebar of
article information. Running text only opened at a body-size paragraph or at a heading
followed by prose, so the whole first page went to the front matter and the text began at
'# 1. Introduction'. A small block of running prose at least as wide as the body's column now
opens it; narrower small prose (sidebar notes, footnotes) and information lines stay out.
"""
from __future__ import annotations

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
