"""Readable renderings of studies: the study table of a sources answer, the reviews an answer
quotes, `qa studies` listings and `qa study ID` pages (100 columns)."""
from __future__ import annotations

import re
import textwrap

from qa.answer.studies import document_line
from qa.app.render import excerpt_to, shortened
from qa.models import DocumentMeta, Study, StudyRow

WIDTH = 100


def _wrap(text: str, indent: str = "    ", first: str | None = None, width: int = WIDTH) -> list[str]:
    return textwrap.wrap(" ".join(text.split()), width=width, initial_indent=first if first is not None else indent,
                         subsequent_indent=indent) or [first or indent]


# "Barbash et al.", "Tögel and Westenfelder et al.": a study named by its authors in the prose
NAMED = re.compile(r"\b([A-Z][a-zà-ÿ'’-]+(?:\s+(?:and|&)\s+[A-Z][a-zà-ÿ'’-]+)?)\s+et al\b")


def unresolved_name(sentence: str = "") -> str:
    """The name of a study without a reference entry: the one 'X et al.' its citing sentence
    names, else that it has no entry (user trial 18: 'Unresolved citation' as a study's name
    beside a quote naming 'Barbash et al.')."""
    names = set(NAMED.findall(sentence))
    if len(names) == 1:
        return f"{names.pop()} et al. (named in the quote; no reference entry)"
    return "No reference entry"


def headline(study: Study, sentence: str = "") -> str:
    """'Liang 2010, Ann Rheum Dis' / 'Tyndall 2011' / without an entry, the name its citing
    `sentence` gives it."""
    if study.first_author:
        head = f"{study.first_author} {study.year or 'n.d.'}"
        return f"{head}, {study.journal}" if study.journal else head
    return unresolved_name(sentence)


def facts_line(facts: dict[str, str]) -> str:
    return "; ".join(f"{k} {v}" for k, v in facts.items())


def entry_lines(study: Study, width: int = WIDTH) -> list[str]:
    if study.entry:
        return _wrap(study.entry, width=width)
    return _wrap(f"no full entry: {study.reason}", width=width)


def study_rows_text(rows: list[StudyRow], limit: int | None = None) -> list[str]:
    """The compact study table: headline and citing reviews, full entry, trial facts, sentence."""
    shown = rows[:limit] if limit else rows
    lines = [f"Studies ({len(rows)}, best supported first)"]
    for i, row in enumerate(shown, 1):
        lines += _wrap(f"{headline(row.study, row.sentence)} — cited by {', '.join(row.citations)}", first=f"{i:>2}. ")
        lines += entry_lines(row.study)
        if row.facts:
            lines += _wrap(f"Table row: {facts_line(row.facts)}")
        quote = excerpt_to(row.sentence, row.cited_at, 2 * (WIDTH - 8))
        lines += _wrap(f"“{quote}”", indent="     ", first="    ")
    if limit and len(rows) > limit:
        lines.append(f"    ... {len(rows) - limit} more {'study' if len(rows) - limit == 1 else 'studies'} (raise --k, or --format md|csv|bibtex|ris|json "
                     "for all)")
    return lines


def documents_text(metas: list[DocumentMeta]) -> list[str]:
    lines = ["Articles quoted"]  # reviews and the research articles users add
    for m in metas:
        lines += _wrap(document_line(m), indent="      ", first="  ")
    return lines


def studies_list_text(studies: list[Study]) -> str:
    if not studies:
        return "no studies match; try fewer words or filters\n"
    lines = []
    for s in studies:
        cites = ", ".join(f"{c.doc_id} {c.label}" for c in s.cited_by)
        head = textwrap.wrap(f"{headline(s)} — {cites}", width=WIDTH - 23)
        lines.append(f"{s.id:<22} {head[0]}" if len(s.id) < 23 else f"{s.id}\n{' ' * 23}{head[0]}")
        lines += [" " * 23 + h for h in head[1:]]
        lines.append(" " * 23 + shortened(s.title or f"no full entry: {s.reason}", WIDTH - 23))
    return "\n".join(lines) + "\n"


def study_text(study: Study, width: int = WIDTH) -> str:
    """One study: its entry, why anything is missing, the merge evidence, every citing sentence
    (wrapped at `width`: the TUI's window passes its own)."""
    lines = [f"{study.id}: {headline(study)}"]
    lines += entry_lines(study, width)
    if study.merges:
        lines.append("  same study in several reviews:")
        for m in study.merges:
            lines += _wrap(f"{m.a} = {m.b} (confidence {m.confidence:.2f}): {m.evidence}", indent="      ",
                           first="    - ", width=width)
    for c in study.cited_by:
        lines.append("")
        n = len(c.sentences)  # a sentence naming it twice ("Le Blanc et al, treated ... (Le Blanc et al., 2004)")
        times = f"cited {c.count} time{'s' if c.count != 1 else ''}"
        lines.append(f"  {c.doc_id} {c.label} — {times}" + (f" in {n} sentence{'s' if n != 1 else ''}"
                                                                if n and n != c.count else ""))
        if c.facts:
            lines += _wrap(f"Table row: {facts_line(c.facts)}", width=width)
        for s in c.sentences:
            lines += _wrap(f"({s.start}-{s.end}) {s.text}", indent="      ", first="    - ", width=width)
    return "\n".join(lines) + "\n"
