"""Turn PDF-extracted article text into clean paragraphs with a map back to the raw text.

Everything here is decided from evidence inside the text (and the embedding model's word
list), never from the seed files' words: repeated short lines are running headers, a
hyphen at a line end is kept when the hyphenated form is attested, a ligature split is
joined when the joined word is known and a part is not, and blocks of a multi-column page
that were read out of order are put back by pairing sentences cut in the middle.

The stages live in their own modules: qa.ingest.clean.page_lines (lines, page furniture), qa.ingest.clean.lexicon
(word evidence), qa.ingest.clean.blocks (reflow, headings, tables), qa.ingest.clean.reading_order (block order).
This module runs them and writes the cleaned text, its sections, tables and skip spans.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from qa.ingest.clean.blocks import FIGURE_CAPTION, Block, heading_title, join_lines, make_blocks
from qa.ingest.clean.lexicon import Lexicon
from qa.models import Section, TableSpan
from qa.ingest.clean.page_lines import Line, drop_page_artifacts, glue_subscripts, to_lines
from qa.ingest.clean.reading_order import repair_order
from qa.ingest.clean.reflist import find_reference_list

SKIP_HEADING = re.compile(
    r"^(?:(?:list of )?abbreviations?|acknowledge?ments?|conflicts? of interests?|competing interests?"
    r"|disclosures?|funding|author contributions?)$", re.I)

Anchors = list[tuple[int, int]]
# The section after the abstract that no heading names (after a keywords line or a thematic break):
# the article's introduction when headed sections follow it and none is named so, else untitled
UNTITLED = "\x00untitled"
INTRODUCTION = "Introduction"


@dataclass
class CleanedText:
    """Cleaned document text plus the structure found while cleaning it."""

    text: str
    raw_map: list[tuple[int, int]]
    sections: list[Section] = field(default_factory=list)
    tables: list[TableSpan] = field(default_factory=list)
    references_span: tuple[int, int] | None = None
    skip_spans: list[tuple[int, int]] = field(default_factory=list)

    def to_raw(self, clean_offset: int) -> int:
        """Raw offset of (roughly) the same place: nearest anchor at or before, plus the distance."""
        k = bisect.bisect_right(self.raw_map, (clean_offset, float("inf"))) - 1
        best = self.raw_map[max(k, 0)] if self.raw_map else (0, 0)
        return best[1] + (clean_offset - best[0])


def numbered_entry(number: int | None, text: str, anchors: Anchors) -> tuple[str, Anchors]:
    """An entry as one line, written 'N. ...' when numbered however the number was printed."""
    if number is None or not text:
        return text, anchors
    prefix = f"{number}. "
    return prefix + text, [(0, anchors[0][1] if anchors else 0)] + [(a + len(prefix), r) for a, r in anchors]


def line_starts(lines: Sequence[str]) -> list[int]:
    """Offset of each line within "\\n".join(lines)."""
    starts, cursor = [], 0
    for line in lines:
        starts.append(cursor)
        cursor += len(line) + 1
    return starts


def rejoin_continuations(ordered: list[Block], continuations: set[int], lex: Lexicon) -> list[Block]:
    """Merge each text block into the dangling block before it when it continues that sentence."""
    items: list[Block] = []
    for b in ordered:
        prev = items[-1] if items else None
        if (b.kind == "text" and prev is not None and prev.dangling
                and (id(b) in continuations or b.lower_start or b.lead)):
            items[-1] = Block(prev.lines + b.lines).reflow(lex)
            continue
        items.append(b)
    return items


class _Writer:
    """The cleaned text being written block by block, with its raw map and structure."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.raw_map: Anchors = []
        self.sections: list[Section] = []
        self.tables: list[TableSpan] = []
        self.skip: list[tuple[int, int]] = []
        self.references_span: tuple[int, int] | None = None
        self.pos = 0
        self.title, self.skipping = "Abstract", False  # the current section, and is it skipped
        self.open_start: int | None = None  # where the current section's text began
        self.headings: list[tuple[int, str]] = []  # (where, title) of each body heading, skipped ones left out

    def emit(self, text: str, anchors: Anchors) -> tuple[int, int]:
        """Append a paragraph; returns its (start, end) in the cleaned text."""
        if self.parts:
            self.parts.append("\n\n")
            self.pos += 2
        start = self.pos
        self.parts.append(text)
        self.raw_map.extend((start + a, r) for a, r in anchors)
        self.pos += len(text)
        return start, self.pos

    def close_section(self) -> None:
        if self.open_start is not None and self.pos > self.open_start:
            self.sections.append(Section(title=self.title, start=self.open_start, end=self.pos))
        self.open_start = None

    def add(self, b: Block) -> None:
        if b.kind == "heading":
            self.close_section()
            self.emit(b.text, b.anchors)
            self.title = heading_title(b.text)
            self.skipping = bool(SKIP_HEADING.match(self.title))
            if not self.skipping:
                self.headings.append((self.pos, self.title))
        elif b.kind == "break":  # the abstract ends here: what follows is the body, untitled
            self.close_section()
            self.title, self.skipping = UNTITLED, False
        elif b.kind == "table":
            self.close_section()
            self._add_table(b)
        elif b.kind == "caption":
            self.close_section()
            start, end = self.emit(b.text, b.anchors)
            self.sections.append(Section(title=FIGURE_CAPTION.match(b.text).group(1), start=start, end=end))
        else:
            self._add_text(b)

    def _add_table(self, b: Block) -> None:
        """Rendered rows, one per line; the table is its own section, rows are spans of it."""
        t = b.table
        assert t is not None
        start, end = self.emit("\n".join(t.rows), [(0, b.raw)])
        rows = [(start + s, start + s + len(row)) for s, row in zip(line_starts(t.rows), t.rows)]
        self.tables.append(TableSpan(caption=t.caption, start=start, end=end, columns=t.columns, rows=rows))
        self.sections.append(Section(title=t.caption, start=start, end=end))

    def _add_text(self, b: Block) -> None:
        start, end = self.emit(b.text, b.anchors)
        if b.kind == "table_note" and self.tables:  # a section of the table's notes, under its
            table, last = self.tables[-1], self.sections[-1]  # caption: searched as the table's,
            if last.title == table.caption and last.start > table.start:  # and not the opening
                start = last.start  # of the text after it; the table's notes are one section
                self.sections.pop()
            self.sections.append(Section(title=table.caption, start=start, end=end))
            return
        last = self.sections[-1] if self.sections else None
        table = self.tables[-1] if self.tables else None
        if b.kind == "footnote" and last is not None and table is not None and last.title == table.caption:
            self.sections[-1] = Section(title=last.title, start=last.start, end=end)  # table footnote
            self.skip.append((start, end))
            return
        if self.open_start is None:
            self.open_start = start
        if self.skipping or b.kind in ("keywords", "footnote"):
            self.skip.append((start, end))
        if b.kind == "keywords":  # the front matter ends here; text after it with no heading of
            self.close_section()  # its own is the article's body, not its abstract
            self.title, self.skipping = UNTITLED, False

    def name_untitled(self) -> None:
        """Name the untitled body sections once every body heading is known: the text between
        the abstract and the first heading is the introduction of an article whose sections
        follow it, unless one of them is its introduction; the whole body of one that has no
        sections is not one, and stays untitled ('')."""
        named = any(t.lower() == INTRODUCTION.lower() for _, t in self.headings)
        for k, s in enumerate(self.sections):
            if s.title == UNTITLED:
                later = any(at >= s.end for at, _ in self.headings)
                self.sections[k] = s.model_copy(update={"title": INTRODUCTION if later and not named else ""})

    def add_references(self, entries: list[tuple[str, Anchors]], title: str) -> None:
        """The reference list, one entry per line, under the last heading; never body text."""
        texts = [text for text, _ in entries]
        anchors = [(s + a, r) for s, (_, entry_anchors) in zip(line_starts(texts), entries)
                   for a, r in entry_anchors]
        start, end = self.emit("\n".join(texts), anchors)
        self.references_span = (start, end)
        self.skip.append((start, end))
        self.sections.append(Section(title=title, start=start, end=end))

    def result(self) -> CleanedText:
        return CleanedText(text="".join(self.parts), raw_map=sorted(self.raw_map), sections=self.sections,
                           tables=self.tables, references_span=self.references_span,
                           skip_spans=sorted(self.skip))


# A text with this many '# ' heading lines was written by qa's layout reader (qa.ingest.pdf.flow)
LAYOUT_MARKS = 2


def in_reading_order(lines: Sequence[Line], reading_order: str = "auto") -> bool:
    """Whether the text's block order is already the reading order. The layout reader orders
    columns from the page geometry and marks headings '# '; there, moving a block to rejoin a
    cut sentence is a guess against a measurement (a figure's lettering or a legend between two
    halves of a sentence is far likelier than a misread column), so blocks stay in place."""
    if reading_order != "auto":
        return reading_order == "layout"
    return sum(ln.marked for ln in lines) >= LAYOUT_MARKS


def clean(raw: str, reading_order: str = "auto") -> CleanedText:
    """Clean one article's raw text. Word evidence comes from this text and the embedding
    model's fixed WordPiece vocabulary only, so no other document can change the result.
    `reading_order`: DocumentMeta.reading_order ('auto', 'layout' or 'repair')."""
    lex = Lexicon([raw])
    lines = drop_page_artifacts(glue_subscripts(to_lines(raw)))
    keep_order = in_reading_order(lines, reading_order)
    reflist = find_reference_list(lines)
    body = [Line("", ln.raw, False) if i in reflist.taken else ln for i, ln in enumerate(lines)]
    blocks, _ = make_blocks(body, lex)
    ordered, continuations = repair_order(blocks, lex, keep_order)
    out = _Writer()
    for b in rejoin_continuations(ordered, continuations, lex):
        out.add(b)
    out.close_section()
    out.name_untitled()
    entries = [numbered_entry(number, *join_lines(e, lex))
               for number, e in zip(reflist.numbers, reflist.entries)]
    entries = [e for e in entries if e[0]]
    if entries:
        if reflist.heading_line is not None:
            out.add(Block([reflist.heading_line], kind="heading").reflow(lex))
        out.add_references(entries, reflist.heading or "References")
    return out.result()
