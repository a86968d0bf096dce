"""Reference lists in the printed shapes issue 10 lists, through the layout reader and the
text pipeline, as `qa add` reads them: two columns running over pages, entry numbers set in a
column of their own (and written apart from the entries in the content stream), a list right
after a figure legend under a small-capitals heading, a list with no heading at all, and an
unnumbered alphabetical author-year list with hanging indents or set flush left with only
extra space between entries; columns and pages break inside entries. Two shapes follow common
publishers' end matter: short numbered entries (most one line) in small type with right-aligned
numbers written as runs of their own, opening right after an unfinished affiliation line and
no heading ('short_entries'), and author-year entries each followed by a line of links without
a full stop ('DOI PubMed Google Scholar' or 'DOI: https://..., PMID: ...': 'linked'). Each entry must come out under
its key with its first author, year and title.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from synth import SURNAMES, Page, body_text, reference, wrap, write_pdf
from qa.evaluation.pdf_citation_eval import ingest_text
from qa.ingest.pdf import read_pdf
from qa.ingest.refparse import first_surname

COLUMNS = [(72.0, 290.0), (310.0, 523.0)]


def _article(shape: str, n: int) -> list[Page]:
    first, second = Page(), Page()
    first.text(72, 780, 18, "Helvetica-Bold", "Stromal cells restrain inflammation in mice")
    first.text(72, 752, 10, "Helvetica", "A. Author, B. Author and C. Author")
    first.text(72, 720, 10, "Times-Bold", "Introduction")
    cite = "(Carter and Dawson, 1999)" if shape in ("author_year", "spaced", "linked", "springer") else "({k})"
    y = first.paragraph(72, 704, 451, 10, "Times-Roman", body_text(9, cite=cite), indent=12)
    first.paragraph(72, y - 4, 451, 10, "Times-Roman", body_text(9, cite=cite, start=3), indent=12)
    pages, page, top = [first, second], second, 780.0
    if shape == "after_legend":
        page.text(72, top, 8, "Helvetica-Bold", "Fig. 4. Cells in culture.")
        top = page.paragraph(172, top, 351, 8, "Helvetica",
                             "(A) Growth of the cells over time in three media. (B) Counts per well.") - 20
    if shape == "short_entries":  # end matter in small type, the last line unfinished, no heading
        top = page.paragraph(72, top, 451, 7, "Times-Roman", "ACKNOWLEDGMENTS. We thank the members of "
                             "the laboratory for discussions and the animal facility for care.") - 2
        top = page.paragraph(72, top, 451, 7, "Times-Roman", "Author affiliations: Department of "
                             "Biology, University of Somewhere, City 12345, Country") - 4
    if shape not in ("no_heading", "short_entries"):
        small = shape == "after_legend"
        page.text(72, top, 8 if small else 10, "Times-Bold", "REFERENCES" if small else "References")
        top -= 18
    columns = [(36.0, 290.0), (306.0, 560.0)] if shape == "short_entries" else COLUMNS
    column, y, labels = 0, top, []
    for k in range(1, n + 1):
        if shape == "author_year":
            lines, gap = wrap(reference(k, "author_year"), 200, 7, hanging=10), 2.0
        elif shape == "vancouver":  # numbered, hanging indents, no space between entries
            lines, gap = wrap(f"{k}. {reference(k, 'vancouver')}", 200, 7, hanging=10), 0.0
        elif shape == "springer":  # hanging indents, no space between entries, many of one line
            lines, gap = wrap(reference(k, "springer"), 200, 7, hanging=10), 0.0
        elif shape == "linked":  # each entry followed by its links, set flush left, no full stop
            link = "DOI PubMed Google Scholar" if k % 2 else f"DOI: https://doi.org/10.{1000 + k}/x{k}, PMID: {3000 + k}"
            lines, gap = [*wrap(reference(k, "author_year"), 210, 7), (0.0, link)], 3.0
        elif shape == "short_entries":  # numbers right-aligned in a column of their own
            lines, gap = [(12 + dx, t) for dx, t in wrap(reference(k, "numbered"), 250, 6)], 0.0
        elif shape == "spaced":  # flush left, entries told apart only by extra space
            lines, gap = wrap(reference(k, "author_year"), 210, 7), 3.0
        elif shape == "numbers_apart":
            lines, gap = [(14 + dx, t) for dx, t in wrap(reference(k, "numbered"), 200, 7)], 2.0
        else:
            lines, gap = wrap(f"{k}. {reference(k, 'numbered')}", 210, 7, hanging=12), 2.0
        for j, (dx, line) in enumerate(lines):  # a column or page may break inside an entry
            if y < 100:
                column, y = column + 1, (top if page is second else 780.0)
                if column == 2:
                    page = Page()
                    pages.append(page)
                    column, y = 0, 780.0
            if j == 0 and shape in ("numbers_apart", "short_entries"):
                labels.append((page, columns[column][0] + (0 if k >= 10 else 3.5), y, f"{k}."))
            size = 6 if shape == "short_entries" else 7
            page.text(columns[column][0] + dx, y, size, "Times-Roman", line)
            y -= 1.15 * size
        y -= gap
    for where, x, base, label in labels:  # the numbers written after every entry
        where.text(x, base, 6 if shape == "short_entries" else 7, "Times-Roman", label)
    return pages


@pytest.mark.parametrize("shape,n", [("two_columns", 60), ("numbers_apart", 60), ("after_legend", 40),
                                     ("no_heading", 40), ("author_year", len(SURNAMES)),
                                     ("spaced", len(SURNAMES)), ("short_entries", 60),
                                     ("linked", len(SURNAMES)), ("springer", len(SURNAMES)), ("vancouver", 60)])
def test_reference_list_shapes_are_read_entry_by_entry(tmp_path: Path, shape: str, n: int):
    pdf = read_pdf(write_pdf(tmp_path / f"{shape}.pdf", _article(shape, n)))
    doc = ingest_text(shape, pdf.text)
    style = {"author_year": "author_year", "spaced": "author_year", "linked": "author_year",
             "springer": "springer", "vancouver": "vancouver"}.get(shape, "numbered")
    by_key = {r.key: r for r in doc.references}
    assert len(doc.references) == n, sorted(by_key)
    for k in range(1, n + 1):
        printed = reference(k, style)
        surname = SURNAMES[(k - 1) % len(SURNAMES)]
        year = 1990 + (k * 3) % 34
        key = str(k) if style in ("numbered", "vancouver") else f"{surname} {year}"
        entry = by_key.get(key)
        assert entry is not None, (key, sorted(by_key)[:10])
        assert entry.year == year and first_surname(entry.authors[0]) == surname, (key, entry)
        title = printed.split(". ")[2 if style == "author_year" else 0]
        if style == "numbered":
            title = printed.split(", ", 2)[2].split(". ")[0]
        if style == "springer":
            title = printed.split(") ", 1)[1].split(". ")[0]
        if style == "vancouver":
            title = printed.split(". ")[1]
        assert entry.title.startswith(title[:30]), (key, entry.title, title)
        # ... whole: its last line too (a short tail of numbers set apart by the hanging indent;
        # a 'linked' entry ends in its line of links)
        assert shape == "linked" or entry.text.rstrip(". ").endswith(printed.rstrip(". ")[-12:]), (key, entry.text, printed)
    # the list stays out of the body: no entry text among the passages' paragraphs
    body = doc.text[:doc.references_span[0]] if doc.references_span else doc.text
    assert reference(3, style)[:40] not in body
    assert doc.citations, "the body's citations are found"
