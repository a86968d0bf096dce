"""The study table in the terminal chat: a sources answer leads with its studies, as the CLI does.

Each row is one selectable chat line: first author and year, the reviews citing it with their own
keys (`kim2013 [116]`, `figueroa2012 (Liang et al., 2010)`) and the full reference entry, so the
trials a reader wants are on the first screen even at 80×24. The References pane of a selected
row adds the trial facts, the merge evidence and the supporting sentence; the verbatim quotes
follow the table in the chat. Everything is `rich.text.Text`, shown with `markup=False`.
"""
from __future__ import annotations

from rich.text import Text

from qa.app.study_view import facts_line, study_text, unresolved_name
from qa.models import Study, StudyRow

CITING_STYLE = "cyan"
HEAD_STYLE = "bold"


def short_headline(study: Study, sentence: str = "") -> str:
    """'Sun 2010' (the journal is in the entry below); without an entry 'Sun 2010, Lupus'; with no
    author known, the name its citing `sentence` gives it (qa.app.study_view.unresolved_name)."""
    if not study.first_author:
        return unresolved_name(sentence)
    head = f"{study.first_author} {study.year or 'n.d.'}"
    return f"{head}, {study.journal}" if study.journal and not study.entry else head


def studies_header(rows: list[StudyRow], shown: int) -> Text:
    more = f"; the strongest {shown} here" if len(rows) > shown else ""
    return Text(f"Studies the answer cites ({len(rows)}, best supported first{more})", style="dim")


def more_studies_line(rows: list[StudyRow], shown: int) -> Text | None:
    if len(rows) <= shown:
        return None
    return Text(f"+{len(rows) - shown} more {'study' if len(rows) - shown == 1 else 'studies'} (every one: qa ask … --format md)", style="dim")


def study_line(number: int, row: StudyRow) -> Text:
    """'1. Sun 2010 — kim2013 [117], figueroa2012 (Sun et al., 2010)' and the full entry."""
    study = row.study
    line = Text(f"{number}. ", style=HEAD_STYLE)
    line.append(short_headline(study, row.sentence), style=HEAD_STYLE)
    line.append(" — ")
    for i, citing in enumerate(row.citations):
        if i:
            line.append(", ")
        line.append(citing, style=CITING_STYLE)
    if study.entry:
        line.append("\n" + " ".join(study.entry.split()))
    else:
        line.append(" · no full entry", style="dim italic")
    return line


def study_references_text(row: StudyRow) -> Text:
    """The References pane of a study: entry (or why none), citing reviews, facts, evidence."""
    study = row.study
    out = Text()
    out.append(f"{short_headline(study, row.sentence)}\n", style=HEAD_STYLE)
    if study.entry:
        out.append(" ".join(study.entry.split()) + "\n")
    else:
        out.append(f"no full entry: {study.reason or 'no reference list entry in the text'}\n",
                   style="italic")
    out.append("\nCited by\n", style=HEAD_STYLE)
    for citing in study.cited_by:
        out.append(f"  {citing.doc_id} ", style="dim")
        out.append(citing.label, style=CITING_STYLE)
        out.append(f" — {citing.count} time{'s' if citing.count != 1 else ''}\n", style="dim")
    if row.facts:
        out.append("\nTable row: ", style=HEAD_STYLE)
        out.append(facts_line(row.facts) + "\n")
    for merge in study.merges:
        out.append(f"\nSame study: {merge.a} = {merge.b} (confidence {merge.confidence:.2f}): "
                   f"{merge.evidence}\n", style="dim")
    if row.sentence:
        out.append("\nSupporting sentence\n", style=HEAD_STYLE)
        out.append(f"“{' '.join(row.sentence.split())}”\n")
    out.append("\nenter: every sentence citing it · ctrl+y: copy the entry", style="dim")
    return out


def study_listing_text(study: Study, width: int | None = None) -> Text:
    """Every sentence of the corpus citing the study (as `qa study ID` prints it), wrapped once,
    at the window's `width` (a text wrapped at 100 columns and wrapped again is ragged)."""
    return Text(study_text(study, width) if width else study_text(study))


def study_copy_text(row: StudyRow) -> str:
    """What `c` copies for a study row: the entry (or headline), who cites it, the sentence."""
    study = row.study
    lines = [" ".join((study.entry or short_headline(study, row.sentence)).split()),
             "Cited by: " + "; ".join(row.citations)]
    if row.facts:
        lines.append("Table row: " + facts_line(row.facts))
    if row.sentence:
        lines.append(f"“{' '.join(row.sentence.split())}”")
    return "\n".join(lines) + "\n"
