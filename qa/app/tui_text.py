"""What the terminal chat shows, as `rich.text.Text` (pure functions, testable without an app).

Everything that comes from the corpus or the user becomes `Text` here and is shown with
`markup=False`, so `[116]`, `[bold]` or `[@click=app.quit]` is displayed as typed and never
read as markup or as an action. Powers of ten whose superscript was lost in the PDF text are
shown with their likely reading and a marker (`qa.app.exponents`); offsets stay verbatim. A passage's
styling (labels, restored exponents, the highlight) is `qa.app.tui_passage`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from rich.text import Text

from qa.app.exponents import find_lost_exponents
from qa.answer.reference_list import entry_label
from qa.app.labels import CARRIED_AFTER, CARRIED_BEFORE, carried_mark
from qa.app.tui_passage import (  # noqa: F401 - re-exported
    CITATION_STYLE, HIGHLIGHT_STYLE, RESTORED_STYLE, SELECTED_CITATION_STYLE, flat, styled_passage,
)
from qa.app.tui_studies import study_copy_text, study_references_text
from qa.models import Answer, AnswerReference, Citation, Hit, Passage, Span, StudyRow

CARRIED_WHERE = {CARRIED_BEFORE: ", in the sentence before this quote (carried over)",
                 CARRIED_AFTER: ", in the sentence after this quote (carried over)"}
STUDY_ROWS = 8  # studies listed in the chat before the quotes (all of them: `qa ask --format md`)
KIND_WORDS = {"sources": "which studies", "table": "table rows", "number": "a number",
              "definition": "a definition", "list": "a list", "fact": "facts",
              "yesno": "a yes or no", "comparison": "a comparison"}


@dataclass(frozen=True)
class AnswerItem:
    """One selectable line of an answer: a study of the study table, or an answer span.

    A study item carries its best supporting sentence as `span` (with its passage), so the
    Evidence pane shows where the answer found it."""

    answer: Answer
    span: Span | None = None
    hit: Hit | None = None  # the retrieved hit the item comes from, if it was retrieved
    passage: Passage | None = None  # the passage around the item, even when not a hit
    study: StudyRow | None = None  # a row of the study table (sources answers)

    @property
    def doc_id(self) -> str:
        if self.span is not None:
            return self.span.doc_id
        return self.hit.passage.doc_id if self.hit is not None else ""

    @property
    def citations(self) -> list[Citation]:
        """The item's citations, one per key (first label wins), in reading order (a study
        item has none of its own: it is the cited thing)."""
        if self.study is not None:
            return []
        raw = self.span.citations if self.span is not None else (
            self.hit.passage.citations if self.hit is not None else []
        )
        return first_per_key(raw)

    @property
    def also_printed(self) -> list[Citation]:
        """Numbers the quote prints that are not offered as its sources (`Span.also_cited`), one
        per key not already among `citations`."""
        if self.study is not None or self.span is None:
            return []
        return first_per_key(self.span.also_cited, {c.key for c in self.citations})

    @property
    def selectable(self) -> list[Citation]:
        """What ←/→ choose and enter opens: the quote's sources, then what it also prints."""
        return [*self.citations, *self.also_printed]


def first_per_key(citations: list[Citation], taken: set[str] = frozenset()) -> list[Citation]:
    """The citations in reading order, the first of each key not in `taken`."""
    keys = set(taken)
    out: list[Citation] = []
    for citation in sorted(citations, key=lambda c: (c.start, c.end)):
        if citation.key not in keys:
            keys.add(citation.key)
            out.append(citation)
    return out


def hit_for_span(answer: Answer, span: Span) -> Hit | None:
    """The retrieved passage an answer span was cut from."""
    return next((h for h in answer.passages if h.passage.id == span.passage_id), None)


def study_item(answer: Answer, row: StudyRow) -> AnswerItem:
    """A study row with its best supporting sentence located: an answer span when it is one,
    else the retrieved passage that contains it (None when neither: the sentence alone)."""
    span = next((s for s in answer.spans if s.text == row.sentence), None)
    if span is not None:
        hit = hit_for_span(answer, span)
        return AnswerItem(answer, span=span, hit=hit, passage=hit.passage if hit else None, study=row)
    for hit in answer.passages:
        at = hit.passage.text.find(row.sentence) if row.sentence else -1
        if at >= 0:
            start = hit.passage.start + at
            span = Span(text=row.sentence, doc_id=hit.passage.doc_id, passage_id=hit.passage.id,
                        start=start, end=start + len(row.sentence), score=hit.score,
                        citations=[c for c in hit.passage.citations
                                   if start <= c.start and c.end <= start + len(row.sentence)])
            return AnswerItem(answer, span=span, hit=hit, passage=hit.passage, study=row)
    return AnswerItem(answer, study=row)


def study_items(answer: Answer, limit: int = STUDY_ROWS) -> list[AnswerItem]:
    """The strongest rows of a sources answer's study table, as selectable items."""
    if not (answer.found and answer.spans):
        return []
    return [study_item(answer, row) for row in answer.studies[:limit]]


def answer_items(answer: Answer) -> list[AnswerItem]:
    """The selectable quote lines of an answer: its spans. A not-found answer has none: its
    nearest passages are shown, but they are not an answer and cannot be selected."""
    if not (answer.found and answer.spans):
        return []
    items = []
    for span in answer.spans:
        hit = hit_for_span(answer, span)
        items.append(AnswerItem(answer, span=span, hit=hit,
                                passage=hit.passage if hit is not None else None))
    return items


def reference_entry(answer: Answer, doc_id: str, citation: Citation) -> str | None:
    """The full reference entry for a citation: its own, or the answer's grouped list."""
    if citation.reference:
        return citation.reference
    for reference in [*answer.references, *answer.other_references]:
        if reference.doc_id == doc_id and reference.key == citation.key and reference.text:
            return reference.text
    return None


def no_entry(doc_id: str) -> str:
    """The plain line for a key its article lists no entry for."""
    return f"{doc_id} has no reference list entry for it"


def missing_entry(answer: Answer, doc_id: str, citation: Citation) -> str:
    """What the chat says for a key without an entry in its own article: why, as the CLI says it
    ('no entry in this article's text; the same study as kim2013 [86]: <that entry>', user trial
    35: figueroa2012 prints no reference list, so every one of its quotes read 'no reference list
    entry' in the chat while the CLI named the other review's entry), else the plain default."""
    for reference in [*answer.references, *answer.other_references]:
        if reference.doc_id == doc_id and reference.key == citation.key and reference.reason:
            return f"no full entry: {flat(reference.reason)}"
    return no_entry(doc_id)


def with_linked_entries(answer: Answer, entry_of: Callable[[str], str | None]) -> Answer:
    """`answer` with the full entry of the study each entry-less reference is linked to
    (`entry_of(study_id)`, the library's study registry) added to its reason, so the chat shows
    the other article's entry where the CLI only names it; unchanged without such a link."""
    def linked(reference: AnswerReference) -> AnswerReference:
        if reference.text or not reference.study:
            return reference
        entry = entry_of(reference.study)
        if not entry:
            return reference
        reason = f"{reference.reason}: {flat(entry)}" if reference.reason else flat(entry)
        return reference.model_copy(update={"reason": reason})

    references = [linked(r) for r in answer.references]
    others = [linked(r) for r in answer.other_references]
    if references == answer.references and others == answer.other_references:
        return answer
    return answer.model_copy(update={"references": references, "other_references": others})


def where(doc_id: str, passage: Passage | None, answer: Answer | None = None) -> str:
    """'from ID (Author et al. YEAR), section “...”': an added article's id is a file name
    ('10.3390_cancers14194849'); its first author and year, from the manifest, say which paper
    it is (user trial 23: the CLI named it, the chat gave the id only)."""
    section = flat(passage.section) if passage is not None and passage.section else ""
    return f"from {doc_id}{short_name(doc_id, answer)}" + (f", section “{section}”" if section else "")


def short_name(doc_id: str, answer: Answer | None) -> str:
    """' (Bawaneh et al. 2022)' for a document whose manifest gives authors and a year, '' when
    there are none or the id already says them ('kim2013')."""
    meta = next((d for d in answer.documents if d.id == doc_id), None) if answer is not None else None
    if meta is None or not meta.authors or not meta.year:
        return ""
    surname = meta.authors[0].split()[0]
    if surname.lower() in doc_id.lower() and str(meta.year) in doc_id:
        return ""
    return f" ({surname}{' et al.' if len(meta.authors) > 1 else ''} {meta.year})"


def answer_header(answer: Answer) -> Text:
    n = len(answer.spans)
    kind = KIND_WORDS.get(answer.kind, answer.kind)
    docs = len({span.doc_id for span in answer.spans})  # reviews and research articles alike
    return Text(f"{n} quote{'s' if n != 1 else ''} from {docs} article{'s' if docs != 1 else ''} "
                f"(asked for: {kind})", style="dim")


def span_line(number: int, item: AnswerItem) -> Text:
    """A chat line: number, text with labels, then where it comes from."""
    line = Text(f"{number}. ", style="bold")
    if item.span is not None:  # every number the quote prints, as the CLI and Evidence show it
        line.append_text(styled_passage(item.span.text, item.span.start,
                                        [*item.span.citations, *item.span.also_cited]))
        carried = [entry_label(c) + mark for c in item.citations if (mark := carried_mark(c, item.span))]
        if carried:  # numbers the quote does not print, carried over from the sentence before (after) it
            line.append("  " + " ".join(carried), style=CITATION_STYLE)
    elif item.passage is not None:
        line.append_text(styled_passage(item.passage.text, item.passage.start,
                                        item.passage.citations))
    line.append(f"\n   — {where(item.doc_id, item.passage, item.answer)}", style="dim")
    return line


def nearest_line(hit: Hit, limit: int = 300) -> Text:
    """A nearest passage of a not-found answer: dimmed, unnumbered, clearly not an answer."""
    passage = hit.passage
    text = passage.text[:limit]
    line = Text("· ", style="dim")
    body = styled_passage(text, passage.start, [c for c in passage.citations
                                                 if c.end - passage.start <= len(text)])
    body.stylize("dim")
    line.append_text(body)
    if len(passage.text) > limit:
        line.append("…", style="dim")
    line.append(f"\n  — {where(passage.doc_id, passage)}", style="dim")
    return line


def references_text(item: AnswerItem | None, selected: int, empty: str = "") -> Text:
    """The References pane: every reference the item cites, with its full entry where known."""
    if item is None:
        return Text(empty or "Select an answer span to see its references.", style="dim")
    if item.study is not None:
        return study_references_text(item.study)
    citations, also = item.citations, item.also_printed
    if not citations and not also:
        return Text("This quote cites no references.", style="dim")
    out = Text() if citations else Text("This quote offers no references as the answer's sources.", style="dim")
    for index, citation in enumerate(citations):
        if index:
            out.append("\n\n")
        style = SELECTED_CITATION_STYLE if index == selected else CITATION_STYLE
        out.append(("▶ " if index == selected else "  "))
        mark = carried_mark(citation, item.span)
        out.append(entry_label(citation) + mark, style=style)
        out.append(f"  cited in {item.doc_id}{CARRIED_WHERE.get(mark, '')}\n", style="dim")
        entry = reference_entry(item.answer, item.doc_id, citation)
        if entry:
            out.append("  " + flat(entry))
        else:
            out.append("  " + missing_entry(item.answer, item.doc_id, citation), style="italic")
    if also:
        out.append("\n\nAlso printed in this quote (not offered as its sources):", style="dim")
        for index, citation in enumerate(also, len(citations)):
            entry = reference_entry(item.answer, item.doc_id, citation)
            out.append("\n\n" + ("▶ " if index == selected else "  "))
            out.append(entry_label(citation),
                       style=SELECTED_CITATION_STYLE if index == selected else CITATION_STYLE)
            out.append("\n  " + flat(entry) if entry else "\n  " + missing_entry(item.answer, item.doc_id, citation),
                       style="dim")
    if citations or also:
        out.append("\n\n←/→ choose a citation · enter: every passage citing it", style="dim")
    return out


def _rank(rank: int | None) -> str:
    return "not found" if rank is None else f"{rank}"


def evidence_text(item: AnswerItem | None, empty: str = "") -> Text:
    """The Evidence pane: the passage with the span highlighted, its place and its ranks."""
    if item is None:
        return Text(empty or "Select an answer span to see its passage.", style="dim")
    hit, passage, span = item.hit, item.passage, item.span
    out = Text()
    if span is None and passage is None and item.study is not None:
        out.append("the supporting sentence (its passage is not among the search results)\n\n",
                   style="dim")
        out.append(" ".join(item.study.sentence.split()), style=HIGHLIGHT_STYLE)
        return out
    if passage is None:
        assert span is not None
        out.append(f"{span.doc_id} · the passage is not among the search results\n\n", style="dim")
        out.append_text(styled_passage(span.text, span.start, span.citations,
                                       highlight=(span.start, span.end)))
        return out
    out.append(f"{passage.doc_id}", style="bold")
    out.append(f" · {flat(passage.section) or '(no section)'}"
               + (" · a table row" if passage.kind == "table_row" else "") + "\n")
    if hit is not None:
        out.append(f"search result {hit.rank} (word match: {_rank(hit.bm25_rank)}, "
                   f"meaning match: {_rank(hit.dense_rank)})\n\n", style="dim")
    else:
        out.append("not among the search results\n\n", style="dim")
    highlight = (span.start, span.end) if span is not None else None
    out.append_text(styled_passage(passage.text, passage.start, passage.citations,
                                   highlight=highlight))
    return out


def highlight_start(text: Text) -> int | None:
    """Where the highlighted span starts in a rendered pane (to scroll it into view)."""
    starts = [s.start for s in text.spans if str(s.style) == HIGHLIGHT_STYLE]
    return min(starts) if starts else None


def citing_text(doc_id: str, citation: Citation, entry: str | None,
                passages: list[Passage], missing: str = "") -> Text:
    """Every passage citing one reference, the citation highlighted in each."""
    out = Text()
    out.append(entry_label(citation), style=CITATION_STYLE)
    out.append(f"  cited in {doc_id}\n", style="dim")
    out.append((flat(entry) if entry else missing or no_entry(doc_id)) + "\n")
    n = len(passages)
    out.append(f"\n{n} passage{'s' if n != 1 else ''} of {doc_id} cite{'s' if n == 1 else ''} it:\n",
               style="bold")
    for passage in passages:
        marks = [(c.start, c.end) for c in passage.citations if c.key == citation.key]
        body = styled_passage(passage.text, passage.start, passage.citations,
                              highlight=marks[0] if marks else None)
        out.append(f"\n{passage.doc_id} · {flat(passage.section)}\n", style="dim")
        out.append_text(body)
        out.append("\n")
    return out


def span_copy_text(item: AnswerItem) -> str:
    """The selected quote with where it comes from and its formatted references (to copy); for
    a study row, its entry, the reviews citing it and the supporting sentence."""
    if item.study is not None:
        return study_copy_text(item.study)
    assert item.span is not None
    lines = [f"“{' '.join(item.span.text.split())}”",
             f"— {where(item.doc_id, item.passage, item.answer)}, characters {item.span.start}-{item.span.end}"]
    if item.answer.caution:  # a quote pasted on a slide keeps the answer's warning (user trial 23)
        lines.append(f"  caution: {' '.join(item.answer.caution.split())}")
    notes = [r.note for r in find_lost_exponents(item.span.text, item.span.start)]
    lines += [f"  note: {n}" for n in notes]
    if item.citations:
        lines.append("")
        lines.append("References")
        for citation in item.citations:
            entry = reference_entry(item.answer, item.doc_id, citation)
            lines.append(f"  {entry_label(citation)}{carried_mark(citation, item.span)} "
                         + (flat(entry) if entry else f"({missing_entry(item.answer, item.doc_id, citation)})"))
    return "\n".join(lines) + "\n"
