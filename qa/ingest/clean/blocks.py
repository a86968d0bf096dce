"""Lines grouped into Blocks: reflowed paragraphs, headings, tables, captions, footnotes.

Reflowing joins wrapped lines (de-hyphenating and repairing ligature splits with the
Lexicon's evidence) and keeps an anchor per line start, so every cleaned offset maps back to
the raw text. Headings are recognised by shape (ALL CAPS, numbered, short and title-cased),
never by their words; tables are rebuilt by qa.ingest.clean.tables.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from qa.ingest.clean.lexicon import LIGATURE_ENDINGS, STOPWORDS, Lexicon, fix_ligatures, last_letters
from qa.ingest.clean.page_lines import TABLE_CAPTION, TABLE_CONTINUED, TERMINAL, Line
from qa.ingest.clean.pipe_tables import (PIPE, PIPE_CAPTION, note_mark, note_marks, pipe_table_end,
                                        render_pipe_table)
from qa.ingest.clean.tables import RenderedTable, find_table_end, render_table

# 'Figure 3.', 'Fig. 3:', 'Fig. 3 | Title' (Nature), 'FIG 3 Title' (ASM), 'Fig. 3 Title' (BMC)
FIGURE_CAPTION = re.compile(r"^((?:Fig(?:ure|\.)?|FIG(?:URE|\.)?)\s*\d+)(?:\s*[.:|]\s|\s+(?=[A-Z][a-z]|[A-Z]{2,}|[A-Z]\.\s[a-z]))")
HEADING_NUMBER = r"(?:\d{1,2}(?:\.\d{1,2})*\.?|[A-Z]\.)"  # '2.', '3.1', 'A.'
NUMBERED_HEADING = re.compile(rf"^{HEADING_NUMBER}\s+[A-Z“\"(]")
REF_HEADING = re.compile(r"^(?:references?|bibliography|literature cited|works cited)$", re.I)
# A keywords line: 'Keywords: ...', 'Key words. ...', or the label alone before capitalised terms
# ('KEYWORDS Acinetobacter baumannii, ...', 'Keywords Innate immunity, ...'; ASM, BMC).
KEYWORDS = re.compile(r"^(?:[Kk]ey\s*[Ww]ords?|KEY\s*WORDS?|Index\s+[Tt]erms|INDEX\s+TERMS)(?:\s*[:.—–]|\s+(?=[A-Z]))")


@dataclass
class Block:
    """A run of lines that belong together, with its reflowed text once known."""

    lines: list[Line]
    kind: str = "text"  # text | heading | table | table_note | caption | footnote | keywords | break
    table: RenderedTable | None = None
    text: str = ""
    anchors: list[tuple[int, int]] = field(default_factory=list)

    @property
    def lead(self) -> bool:
        return bool(self.lines) and self.lines[0].lead

    @property
    def raw(self) -> int:
        return self.lines[0].raw if self.lines else 0

    @property
    def lower_start(self) -> bool:
        """Starts with a lowercase word (not an acronym such as 'bFGF' or 'aGVHD')."""
        return bool(re.match(r"[a-z]+(?:-[a-z]+)*\b(?!-?[A-Z0-9])", self.text))

    @property
    def dangling(self) -> bool:
        return self.kind == "text" and not TERMINAL.search(self.text)

    def reflow(self, lex: Lexicon) -> Block:
        """Set text and anchors from the lines; returns the block itself."""
        self.text, self.anchors = join_lines(self.lines, lex)
        return self


# How far back from the end of the text joining decisions look (a line-end hyphen, a URL, the
# last word). Text before the last space more than this far back is never changed again, so it
# is set aside and each line costs the same however long the block is: reflowing stays linear.
JOIN_TAIL = 1000


def join_lines(lines: Sequence[Line], lex: Lexicon) -> tuple[str, list[tuple[int, int]]]:
    """Reflow wrapped lines: de-hyphenate, repair ligature splits; anchors at each line start."""
    done: list[str] = []  # settled text: never looked at again
    done_len = 0
    text, anchors, started = "", [], False  # `text`: the unsettled end of the reflowed text
    for ln in lines:
        t = re.sub(r"\s{2,}", " ", fix_ligatures(ln.text, lex))
        if not t:
            continue
        tail = text[-JOIN_TAIL:]
        if not started:
            text, pos, started = t, 0, True
        elif (re.search(r"[A-Za-z0-9]-$", tail[-2:]) and t[:1].isdigit()) or tail.endswith("/") or (
                re.search(r"(?:https?://|www\.)\S*$", tail) and not re.match(r"[A-Z(]", t)):
            text, pos = text + t, done_len + len(text)  # '92-' + '95', 'MRL/' + 'lpr', URLs
        elif re.search(r"[A-Za-z]-$", tail[-2:]) and re.match(r"[A-Za-z0-9]", t):
            word = text.rsplit(" ", 1)[-1]
            first = t.split(" ")[0]
            joined = lex.dehyphenate(word, first)
            head = text[: len(text) - len(word)]
            pos = done_len + len(head) + len(joined) - len(first)
            text = head + joined + t[len(first):]
        else:
            word = last_letters(tail)
            first = re.match(r"[a-z]*", t).group(0)
            if word and first and word.lower().endswith(LIGATURE_ENDINGS) and lex.join_split(word, first):
                pos = done_len + len(text)
                text = text + t
            else:
                pos = done_len + len(text) + 1
                text = text + " " + t
        anchors.append((pos, ln.raw))
        if len(text) > 4 * JOIN_TAIL:  # settle all but the end (up to a space when there is one)
            cut = text.rfind(" ", 0, len(text) - JOIN_TAIL) + 1 or len(text) - JOIN_TAIL
            done.append(text[:cut])
            done_len += cut
            text = text[cut:]
    full = "".join(done) + text
    return full.strip(), anchors


def _alpha_upper_ratio(s: str) -> float:
    letters = [c for c in s if c.isalpha()]
    return sum(c.isupper() for c in letters) / len(letters) if len(letters) >= 4 else 0.0


def heading_like(text: str, n_lines: int) -> str:
    """'strong' (ALL CAPS or numbered), 'weak' (short and title-cased) or '' (not a heading)."""
    words = text.split()
    if not words or n_lines > 3 or len(words) > 18 or TERMINAL.search(text) or text[-1] in ",;":
        return ""
    if TABLE_CAPTION.match(text) or FIGURE_CAPTION.match(text) or KEYWORDS.match(text):
        return ""
    if _alpha_upper_ratio(text) >= 0.8 or NUMBERED_HEADING.match(text):
        return "strong"
    content = [w for w in words if w.lower() not in STOPWORDS]
    capital = sum(w[:1].isupper() or w[:1].isdigit() for w in content)
    titled = text[:1].isupper() and bool(content) and capital / len(content) >= 0.6
    return "weak" if titled or (text[:1].isupper() and len(words) <= 8 and n_lines == 1) else ""


def table_notes(lines: list[Line], flat: list[str], end: int, marks: set[str]
                ) -> tuple[list[Block], set[str], int]:
    """The notes under a table that ends at `lines[end]`: the paragraphs right after it that open
    with a marker its cells carry ('aRatio of ...' under a column 'Loss of viability a'). Returns
    the note blocks, the markers they confirmed and where the text after them starts. A note is
    the table's, not the opening of the running text that follows it."""
    notes: list[Block] = []
    confirmed: set[str] = set()
    at = end
    while marks:
        k = at
        while k < len(lines) and lines[k].blank:
            k += 1
        mark = note_mark(flat[k], marks) if k < len(lines) and not lines[k].marked else None
        if mark is None:
            break
        stop = k + 1
        while stop < len(lines) and not lines[stop].blank and not lines[stop].marked \
                and note_mark(flat[stop], marks) is None:
            stop += 1
        notes.append(Block(lines[k:stop], kind="table_note"))
        confirmed.add(mark)
        at = stop
    return notes, confirmed, at


def make_blocks(lines: list[Line], lex: Lexicon) -> tuple[list[Block], list[Line]]:
    """Body blocks in raw order (the reference list is found apart, by qa.ingest.clean.reflist)."""
    blocks: list[Block] = []
    flat = [(" " if ln.lead else "") + ln.text for ln in lines]
    current: list[Line] = []

    def flush() -> None:
        if current:
            blocks.append(Block(list(current)))
            current.clear()

    i = 0
    while i < len(lines):
        ln = lines[i]
        if ln.blank:
            flush()
            i += 1
            continue
        if ln.marked or ln.rule:  # a heading (or a thematic break) the PDF's layout showed: its own block
            flush()
            blocks.append(Block([ln], kind="heading" if ln.marked else "break"))
            i += 1
            continue
        at_start = not current
        if at_start and (PIPE in ln.text or PIPE_CAPTION.match(ln.text)) and not TABLE_CONTINUED.match(ln.text):
            end = pipe_table_end(flat, i)  # a table the PDF reader wrote with its cells apart
            if end > i:
                captioned = PIPE not in ln.text
                # rows with no caption and as many cells as the last table's header continue that
                # table (its 'Table 1 (continued)' line and repeated header were dropped)
                last = next((b.table for b in reversed(blocks) if b.kind == "table" and b.table), None)
                cells = [row.count(PIPE) + 1 for row in flat[i:end] if PIPE in row]
                follows = (not captioned and last is not None and len(last.columns) >= 2
                           and max(cells) == len(last.columns))
                notes, marks, after = table_notes(lines, flat, end, note_marks(flat[i:end]))
                table = (render_pipe_table(last.caption, flat[i:end], last.columns) if follows else
                         render_pipe_table(ln.text if captioned else "", flat[i + captioned:end], marks=marks))
                blocks.append(Block(lines[i:end], kind="table", table=table))
                blocks.extend(notes)
                i = after
                continue
        if at_start and TABLE_CAPTION.match(ln.text) and not TABLE_CONTINUED.match(ln.text):
            end, foot = find_table_end(flat, i)
            body_end = foot if foot is not None else end
            table = render_table(ln.text, flat[i + 1:body_end], lambda ss: join_lines(
                [Line(s, 0, False) for s in ss], lex)[0])
            blocks.append(Block(lines[i:body_end], kind="table", table=table))
            if foot is not None:
                blocks.append(Block([x for x in lines[foot:end] if not x.blank], kind="footnote"))
            i = end
            continue
        if ln.lead and current:
            flush()
        current.append(ln)
        i += 1
    flush()
    return _finish(blocks, lex), []


def _finish(blocks: list[Block], lex: Lexicon) -> list[Block]:
    """Join each block's lines, split glued headings off, classify headings and captions."""
    widths = sorted(len(ln.text) for b in blocks if b.kind == "text" for ln in b.lines)
    typical = widths[len(widths) // 2] if widths else 60
    out: list[Block] = []
    for b in blocks:
        if b.kind == "text" and len(b.lines) >= 2:
            first, second = b.lines[0].text, b.lines[1].text
            if (len(first) <= 0.85 * typical and len(second) >= 0.6 * typical
                    and second[:1].isupper() and heading_like(first, 1)
                    and not first.endswith("-") and out and not out[-1].dangling
                    and (len(b.lines) > 2 or TERMINAL.search(b.lines[-1].text))):
                out.append(Block([b.lines[0]], kind="heading").reflow(lex))
                b = Block(b.lines[1:])
        if b.kind in ("text", "heading", "footnote", "table_note"):
            b.reflow(lex)
        if b.kind == "text":
            if FIGURE_CAPTION.match(b.text):
                b.kind = "caption"
            elif KEYWORDS.match(b.text):
                b.kind = "keywords"
            elif (kind := heading_like(b.text, len(b.lines))) and (
                    kind == "strong" or not out or not out[-1].dangling):
                b.kind = "heading"
        out.append(b)
    # A heading wrapped over a blank line: 'Effects of ... Cell' + 'Transplantation'.
    merged: list[Block] = []
    for k, b in enumerate(out):
        prev = merged[-1] if merged else None
        nxt = out[k + 1] if k + 1 < len(out) else None
        if (prev is not None and prev.kind == "heading" and b.kind in ("text", "heading")
                and not prev.lines[0].marked and not b.lines[0].marked
                and len(b.lines) == 1 and len(b.text.split()) <= 6 and not TERMINAL.search(b.text)
                and not NUMBERED_HEADING.match(b.text) and not REF_HEADING.match(prev.text)
                and (_alpha_upper_ratio(b.text) >= 0.8) == (_alpha_upper_ratio(prev.text) >= 0.8)
                and nxt is not None and nxt.kind == "text" and nxt.text[:1].isupper()):
            prev.lines = prev.lines + b.lines
            prev.reflow(lex)
            continue
        merged.append(b)
    return merged


def heading_title(heading: str) -> str:
    """A heading without its section number: '2.1 Immune modulation' -> 'Immune modulation'."""
    # a letter counts as a number only before a capitalised word ('A. Methods', not 'P. aeruginosa')
    return re.sub(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?|[A-Z]\.(?=\s+[A-Z]))\s+", "", heading).strip()
