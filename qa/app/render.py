"""Human and machine renderings of passages, hits and answers (shared by CLI and TUI copy).

Readable output is built as `rich.text.Text` (wrapped to the terminal's width, with styles), so
the same rendering prints in colour on a terminal and as plain text everywhere else (`.plain`).
JSON goes through the versioned models of `qa.app.schema`.
"""
from __future__ import annotations

import re
import shutil
import textwrap

from rich.text import Text

from qa.answer.more_note import more_note_as
from qa.app.exponents import display_text
from qa.app.labels import (  # noqa: F401 - re-exported for callers and tests
    PLAIN_DIGITS, carried_mark, citation_label, joined_labels, key_labels, unique_labels)
from qa.models import NOT_FOUND_MESSAGE, Answer, Citation, Hit, Passage, Span, key_order

WIDTH = 100  # when the width of the output cannot be known (a pipe, a file)
MIN_WIDTH = 40
SHORT_ID = 10  # hex digits of a passage id printed in readable output (a unique prefix)

LABEL_STYLE = "bold cyan"
HEAD_STYLE = "bold"
DIM_STYLE = "dim"
RESTORED_STYLE = "yellow"
RESTORED_MARK = re.compile(r"\[printed '[^']*'\]")


def terminal_width(default: int = WIDTH) -> int:
    """The terminal's width (COLUMNS when set), `default` when output is not a terminal."""
    return max(MIN_WIDTH, shutil.get_terminal_size((default, 24)).columns)


def shown(text: str, offset: int | None = None, citations: list[Citation] = ()) -> str:
    """`text` (at document offset `offset`) as displayed: superscript citations as their bracketed
    label, as the TUI shows them ('grows optimally at around 20 °C[2].': a raised '²' after a
    unit reads as a power), lost exponents with their reading. Offsets stay verbatim elsewhere."""
    if offset is not None:
        regions = sorted({(c.start - offset, c.end - offset, citation_label(c)) for c in citations
                          if c.style == "superscript" and 0 <= c.start - offset < c.end - offset <= len(text)})
        out, position = [], 0
        for start, end, label in regions:
            if start >= position:
                out += [text[position:start], label]
                position = end
        text = "".join(out) + text[position:]
    return display_text(text)


def passage_json(p: Passage) -> dict:
    from qa.app.schema import passage_line

    return passage_line(p).to_dict()


def hit_json(h: Hit) -> dict:
    return h.model_dump(mode="json")


def hits_json(question: str, hits: list[Hit]) -> dict:
    from qa.app.schema import SearchOut

    return SearchOut(question=question, hits=hits).to_dict()


def answer_json(a: Answer, lookup=None) -> dict:
    from qa.app.schema import answer_out

    return answer_out(a, lookup).to_dict()


def indent(text: str, prefix: str = "    ", width: int = WIDTH, offset: int | None = None,
           citations: list[Citation] = ()) -> str:
    return textwrap.fill(" ".join(shown(text, offset, citations).split()), width=width,
                         initial_indent=prefix, subsequent_indent=prefix)


def fitted(line: str, width: int | None) -> str:
    """`line` in lines of at most `width` columns (None: as it is): wrapped at spaces, what follows
    indented under its text (4 columns past its own indent, or under a table row's second column),
    a word longer than the room cut. Every line the readable output adds passes here, so a line
    built by joining parts (a quote's header, a hit's, a passage's) fits the terminal as the
    wrapped text does (at COLUMNS=60 a passage header was 208 columns)."""
    if width is None or len(line) <= width:
        return line
    lead = len(line) - len(line.lstrip(" "))
    column = re.search(r"\S {2,}(?=\S)", line)  # 'bernardo2011      Bernardo 2011, ...'
    hang = column.end() if column and column.end() <= width // 2 else lead + 4
    hang = hang if hang <= width // 2 else lead
    return textwrap.fill(line[lead:], width=width, initial_indent=" " * lead, subsequent_indent=" " * hang)


class Lines:
    """A `Text` built line by line, each line fitted to `width` (`fitted`; None: lines as given, the
    one line per quote of `--brief`); body lines get their citation labels and markers styled."""

    def __init__(self, width: int | None = WIDTH) -> None:
        self.text = Text()
        self.width = width

    def _fit(self, line: str) -> str:
        return "\n".join(fitted(part, self.width) for part in line.split("\n"))

    def add(self, line: str = "", style: str = "") -> None:
        self.text.append(self._fit(line) + "\n", style=style)

    def body(self, line: str, labels: list[str] = ()) -> None:
        start = len(self.text)
        self.text.append(self._fit(line) + "\n")
        part = self.text[start:]
        for label in labels:
            for m in re.finditer(re.escape(label), part.plain):
                self.text.stylize(LABEL_STYLE, start + m.start(), start + m.end())
        for m in RESTORED_MARK.finditer(part.plain):
            self.text.stylize(RESTORED_STYLE, start + m.start(), start + m.end())

    def done(self) -> Text:
        self.text.rstrip()
        self.text.append("\n")
        return self.text


def passage_rich(p: Passage, width: int = WIDTH, style: str = "") -> Text:
    cites = ", ".join(sorted({c.key for c in p.citations}, key=key_order)) or "-"
    out = Lines(width)
    out.add(f"{p.id} {p.doc_id} [{p.section}] ({p.kind}, {p.start}-{p.end}) cites: {cites}",
            style or HEAD_STYLE)
    out.body(indent(p.text, width=width, offset=p.start, citations=p.citations), unique_labels(p.citations))
    return out.done()


def passage_text(p: Passage, width: int = WIDTH) -> str:
    return passage_rich(p, width).plain + "\n"


def short_id(passage_id: str) -> str:
    """The passage id as readable output prints it: a prefix `qa show` accepts, so a quote can
    be read in its context without going through --json."""
    return passage_id[:SHORT_ID]


def _rank(value: int | None) -> str:
    return "-" if value is None else str(value)


def hits_rich(question: str, hits: list[Hit], width: int = WIDTH) -> Text:
    out = Lines(width)
    out.add(textwrap.fill(f"Q: {question}", width=width, subsequent_indent="   "), HEAD_STYLE)
    out.add()
    if not hits:
        out.add("no passages matched")
    for h in hits:
        p = h.passage
        head = f"{h.rank:>2}. {p.doc_id} · "
        tail = (f"  score {h.score:.4f} (bm25 #{_rank(h.bm25_rank)}, dense #{_rank(h.dense_rank)})"
                f"  passage {short_id(p.id)}")
        room = width - len(head) - len(tail)
        if room >= 12:  # the header on one line
            out.add(head + shortened(p.section, room) + tail, HEAD_STYLE)
        else:  # a narrow terminal: the section takes the line, the scores the next
            out.add(head + shortened(p.section, max(12, width - len(head))), HEAD_STYLE)
            out.add(" " * 4 + tail.strip(), HEAD_STYLE)
        labels = unique_labels(p.citations)
        out.body(indent(p.text, width=width, offset=p.start, citations=p.citations), labels)
        if labels:
            out.body(indent("cites: " + " ".join(labels), width=width), labels)
        out.add()
    return out.done()


def hits_text(question: str, hits: list[Hit], width: int = WIDTH) -> str:
    return hits_rich(question, hits, width).plain


def study_ordered(a: Answer) -> list:
    """A sources answer's quotes in its study table's order (the best-supported study's quote
    first, then the next study's, quotes citing no listed study last), so `--brief`, which prints
    no table, still leads with the strongest sources (user trial 30: a brief SLE answer led with a
    side remark and a 1962 historical citation while the table led with Sun 2010). Other answers
    keep their order."""
    if not a.studies:
        return list(a.spans)
    rank: dict[tuple[str, str], int] = {}
    for i, row in enumerate(a.studies):
        for c in row.study.cited_by:
            rank.setdefault((c.doc_id, c.key), i)
    last = len(a.studies)

    def first_study(span) -> int:
        return min((rank.get((span.doc_id, c.key), last) for c in span.citations), default=last)

    return sorted(a.spans, key=first_study)  # stable: equal ranks keep the answer's order


RAISE_K = "raise --k to see them"  # the command line's words for the library's `k=` (qa.answer.more_note)


def cli_message(a: Answer) -> str:
    """The answer's message as the command line prints it (text and --json): its note on the spans
    the bound left out names the option `--k`, not the library's parameter `k=`."""
    return more_note_as(a.message, RAISE_K) if a.more else a.message


def answer_rich(a: Answer, titles: dict[str, str] | None = None, width: int = WIDTH,
                brief: bool = False, spans: bool = False, limit: int | None = None) -> Text:
    """The readable answer: for sources answers the study table first (qa/app/study_view.py)
    and the spans compactly (`spans=True`: in full, with the references); otherwise spans with
    their labels and review, then the full references.

    `brief`: one line per span (review, labels, text), no references, no nearest passages.
    `limit`: at most this many rows of the study table (the --k the user gave bounds what is
    shown of every answer kind), then '... N more studies'.
    """
    titles = titles or {}
    a = a.model_copy(update={"message": cli_message(a)})  # the command line's --k in its notes
    out = Lines(None if brief else width)  # --brief: one line per quote, whatever the width
    if not brief:
        out.add(textwrap.fill(f"Q: {a.question}", width=width, subsequent_indent="   "), HEAD_STYLE)
        out.add()
    if not a.found:
        for line in (a.message or NOT_FOUND_MESSAGE).splitlines():
            out.add(textwrap.fill(line, width=width), "bold yellow")
        if a.passages and not brief:
            out.add()
            out.add("Nearest passages (not an answer):", DIM_STYLE)
            for h in a.passages[:3]:
                out.add(textwrap.fill(f"  - {h.passage.doc_id} · {h.passage.section}", width=width,
                                      subsequent_indent="    "), DIM_STYLE)
                body = h.passage.text[:300] + ("..." if len(h.passage.text) > 300 else "")
                out.add(indent(body, width=width), DIM_STYLE)
        return out.done()
    if a.message and not brief:
        for line in a.message.splitlines():  # one note per line (follow-up, weak match, spans left out)
            out.add(textwrap.fill(line, width=width))
        out.add()
    else:  # --brief keeps its one line per span, but never drops the warning nor what it was read as
        # (docs audits 21-22: a brief follow-up did not say which question it followed, nor a question
        # naming an article which article it was asked of); only the '+N more' line, last, is left out
        notes = a.message.splitlines()[:-1 if a.more else None] if a.message else \
            [n for n in (a.context and f"Read as a follow-up of: {a.context}", a.caution) if n]
        for line in notes:
            out.add(textwrap.fill(line, width=width))
    compact = bool(a.studies) and not spans and not brief
    if a.studies and not brief:
        from qa.app.study_view import documents_text, study_rows_text

        for line in study_rows_text(a.studies, limit) + [""] + documents_text(a.documents) + ["", "Spans"]:
            indent_to = len(line) - len(line.lstrip()) + 4
            out.add(textwrap.fill(line, width=width, subsequent_indent=" " * indent_to) if line.strip() else line)
    for i, s in enumerate(study_ordered(a) if brief else a.spans, 1):
        labels = unique_labels(s.citations)
        named = key_labels(s.citations, s)  # '[94]↑': carried over from the sentence before
        cited = [*s.citations, *s.also_cited]
        also = key_labels(s.also_cited)
        if brief:  # the labels a reader scans: what the quote offers, and what else it prints
            cites = (f" {joined_labels(named)}" if named else "") + (f" (also {joined_labels(also)})" if also else "")
            out.body(f"{i}. {s.doc_id}{cites}: {' '.join(shown(s.text, s.start, cited).split())}", labels)
            continue
        section = quote_section(s)
        out.body(textwrap.fill(f"{i}. {s.doc_id}{section} ({s.start}-{s.end}) passage {short_id(s.passage_id)}" +
                               (f"  cites {joined_labels(named)}" if named else "") +
                               (f"  (also in its text: {joined_labels(also)})" if also else ""),
                               width=width, subsequent_indent="      "), labels)
        if compact:
            text = " ".join(shown(s.text, s.start, cited).split())
            out.body(indent(shortened(text, 2 * (width - 8)), width=width), labels)  # two lines at most
        else:
            out.body(indent(s.text, width=width, offset=s.start, citations=cited), labels)
            out.add()
    if a.more and not brief and f"+{a.more} more" not in a.message:  # said once, above, when noted there
        out.add(f"+{a.more} more ({RAISE_K})", DIM_STYLE)
        out.add()  # apart from what follows (the reviews quoted, the references)
    if a.documents and not a.studies and not brief:
        from qa.app.study_view import documents_text

        for line in documents_text(a.documents) + [""]:
            out.add(textwrap.fill(line, width=width, subsequent_indent="    ") if line.strip() else line)
    if a.references and not brief and not compact:
        reference_lines(out, "References", a.references, titles, width)
    elif a.found and a.spans and not brief and not compact:
        # said, not left blank: a clinician must see that this answer names no study behind it
        out.add("References", HEAD_STYLE)
        out.add("  none: the quotes cite no study for this answer", DIM_STYLE)
    if a.other_references and not brief and not compact:
        out.add()
        reference_lines(out, "Also printed in the quotes (not offered as this answer's sources)",
                        a.other_references, titles, width)
    return out.done()


def reference_lines(out: Lines, heading: str, references: list, titles: dict[str, str], width: int) -> None:
    """A references block: grouped by document, each entry in full (or why there is none); the heading
    is wrapped too ("Also printed in the quotes ..." is 65 columns: docs audit 27)."""
    out.add(textwrap.fill(heading, width=width), HEAD_STYLE)
    current = None
    for r in references:
        if r.doc_id != current:
            current = r.doc_id
            title = titles.get(r.doc_id)
            out.add(textwrap.fill(f"  {r.doc_id}" + (f" — {title}" if title else ""),
                                  width=width, subsequent_indent="    "), HEAD_STYLE)
        entry = r.text if r.text else f"no full entry: {r.reason or 'not in the reference list as extracted'}"
        key = f"[{r.key}]" if r.key.isdigit() else r.key
        support = f" (cited by {r.support} span{'s' if r.support != 1 else ''})" if r.support > 1 else ""
        out.body(textwrap.fill(f"{key} {entry}{support}", width=width, initial_indent="    ",
                               subsequent_indent="      "), [key])


SECTION_SHOWN = 60  # characters of a section heading in a quote's header


def shortened(text: str, room: int) -> str:
    """`text` (its whitespace collapsed) in at most `room` characters, cut at a word boundary and
    marked with '…' (a word longer than the room is cut inside): "…use of umbilical c…" read as a
    misprint (user trial 14)."""
    text = " ".join(text.split())
    if len(text) <= room:
        return text
    cut = textwrap.shorten(text, width=room, placeholder="…")
    return cut if cut != "…" else text[:room - 1] + "…"


def excerpt_to(text: str, at: int, room: int) -> str:
    """`text` in at most `room` characters, showing what stands before offset `at` (a study's
    citation): a long sentence citing several studies for several claims is shown up to the
    citation of the study in question, not cut after its opening words (user trial 18)."""
    full = " ".join(text.split())
    if len(full) <= room or not 0 < at <= len(text):
        return shortened(text, room)
    upto = len(" ".join(text[:at].split()))  # the citation's end in the collapsed text
    if upto + 1 <= room:  # the opening and the citation fit: cut after it, as `shortened` does
        return shortened(full, room)
    rest = full[upto:]
    tail = rest if len(rest) <= 1 else "…"  # the sentence's full stop, or a mark that it goes on
    window = full[upto - (room - 1 - len(tail)):upto]
    return "…" + window[window.find(" ") + 1:] + tail


def quote_section(s: Span) -> str:
    """' · <section>' for a quote's header, as `qa search` heads a hit; '' when the quote opens
    with the section's own label (a table row's "Table 2 (...)", a legend's "Fig. 6. ...")."""
    section = " ".join(s.section.split())
    label = section.split(".")[0].split("(")[0].strip()
    if not section or (label and s.text.startswith(label)):
        return ""
    return f" · {shortened(section, SECTION_SHOWN)}"


def answer_text(a: Answer, titles: dict[str, str] | None = None, width: int = WIDTH,
                brief: bool = False, spans: bool = False, limit: int | None = None) -> str:
    return answer_rich(a, titles, width, brief, spans, limit).plain


def show_rich(before: list[Passage], passage: Passage, after: list[Passage],
              width: int = WIDTH) -> Text:
    """A passage (marked ▶) between its neighbours in the document (dimmed)."""
    out = Text()
    for p in before:
        out.append_text(passage_rich(p, width, DIM_STYLE))
        out.append("\n")
    head = passage_rich(passage, width - 2)  # its first line follows the mark
    out.append("▶ ", style=LABEL_STYLE)
    out.append_text(head)
    for p in after:
        out.append("\n")
        out.append_text(passage_rich(p, width, DIM_STYLE))
    return out
