"""A small typesetter: an article (headings, paragraphs of words, a reference list) set into
synthetic PDF pages in one of several layouts, written with PDFium's own writer (synth.py).

Why: the layout reader was tuned on ten real PDFs; a known text set in layouts it never saw
(one or two columns, running headers and page numbers, citations as raised smaller numbers,
line-break hyphens, ragged paragraphs, reference lists in two columns with hanging indents)
shows with ground truth what a user's own article in such a layout comes out as.

Words are measured with the standard fonts' real advance widths (asked of PDFium), so lines
fill their column and never run into the gutter; justified lines place each word on its own.
A superscript is a run at 0.7 of the size, raised by a third of an em, glued to its word.
"""
from __future__ import annotations

import ctypes
from dataclasses import dataclass, field
from functools import lru_cache

from synth import HEIGHT, WIDTH, Page

SUP_SIZE, SUP_RISE = 0.7, 0.33  # a superscript's size and baseline rise, in ems of the text
SUPERSCRIPTS = str.maketrans("0123456789-–,", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁻,")

Part = tuple[str, bool]  # (text, set as superscript)
Word = tuple[Part, ...]  # parts printed with no space between them


@dataclass(frozen=True)
class Layout:
    """How an article is set: columns, fonts, paragraph shape, citations, furniture, references."""

    name: str
    columns: int = 1
    font: str = "Times-Roman"
    size: float = 10.0
    heading_font: str = "Helvetica-Bold"
    heading_size: float = 11.0
    leading: float = 1.2
    justify: bool = True
    indent: float = 1.5  # first-line indent, ems
    para_space: float = 0.0  # extra space between paragraphs, lines
    hyphenate: bool = False  # break long words at line ends with '-'
    superscript: bool = False  # numeric citations as raised smaller numbers, not brackets
    furniture: bool = False  # running header, footer line and page numbers
    ref_size: float = 8.0
    ref_columns: int = 1
    ref_hanging: bool = False
    ref_label: str = "{n}."
    margin: float = 56.0
    gutter: float = 18.0


@dataclass
class Block:
    """One unit of the article: a heading, a paragraph or a reference entry (its label apart)."""

    kind: str  # heading | paragraph | reference
    words: list[Word]
    label: str = ""


@dataclass
class Article:
    title: str
    authors: str
    blocks: list[Block] = field(default_factory=list)


def plain(text: str) -> list[Word]:
    return [((w, False),) for w in text.split()]


def render(words: list[Word]) -> str:
    """The words as the reader should give them back (superscripts as Unicode superscripts)."""
    return " ".join("".join(t.translate(SUPERSCRIPTS) if sup else t for t, sup in w) for w in words)


@lru_cache(maxsize=None)
def advance(font: str, text: str) -> float:
    """Advance width of `text` at size 1 in a standard font, measured by PDFium ('H' on both
    sides, so side bearings cancel)."""
    import pypdfium2.raw as raw

    doc = _measuring_doc()
    handle = _font(font)

    def right(s: str) -> float:
        obj = raw.FPDFPageObj_CreateTextObj(doc, handle, 100.0)
        buf = ctypes.create_string_buffer((s + "\0").encode("utf-16-le"))
        raw.FPDFText_SetText(obj, ctypes.cast(buf, ctypes.POINTER(raw.FPDF_WCHAR)))
        l, b, r, t = (ctypes.c_float() for _ in range(4))
        raw.FPDFPageObj_GetBounds(obj, l, b, r, t)
        raw.FPDFPageObj_Destroy(obj)
        return r.value

    if len(text) > 1:
        return sum(advance(font, ch) for ch in text)
    return (right("H" + text + "H") - right("HH")) / 100.0


@lru_cache(maxsize=1)
def _measuring_doc():
    import pypdfium2 as pdfium

    return pdfium.PdfDocument.new()


@lru_cache(maxsize=None)
def _font(font: str):
    import pypdfium2.raw as raw

    return raw.FPDFText_LoadStandardFont(_measuring_doc(), font.encode())


def width(word: Word, font: str, size: float) -> float:
    return sum(advance(font, t) * size * (SUP_SIZE if sup else 1.0) for t, sup in word)


def split_word(word: Word, room: float, font: str, size: float) -> tuple[Word, Word] | None:
    """A long plain word broken to fill `room`: after one of its own hyphens, else after at
    least three letters with a '-' added, leaving at least three; None when no break fits."""
    text = word[0][0]
    if len(word) != 1 or len(text) < 7:
        return None
    for k in range(len(text) - 3, 2, -1):
        own = text[k - 1] == "-"
        if not (own or text[:k].isalpha() and text[k:k + 3].isalpha()):
            continue
        head = text[:k] if own else text[:k] + "-"
        if advance(font, head) * size <= room:
            return ((head, False),), ((text[k:], False),)
    return None


def break_long(word: Word, room: float, font: str, size: float) -> tuple[Word, ...]:
    """A word wider than the whole column (a URL) cut where it fits, after a '/' or '.' if
    one is late enough, with no hyphen added."""
    text = word[0][0]
    fit = max(k for k in range(1, len(text) + 1) if advance(font, text[:k]) * size <= room or k == 1)
    cut = max((k for k in range(fit // 2, fit + 1) if text[k - 1] in "/.?=&"), default=fit)
    return ((text[:cut], False),), ((text[cut:], False),)


class Flow:
    """Where the next line goes: pages, regions of columns, and the last baseline set."""

    def __init__(self, layout: Layout, pages: list[Page]) -> None:
        self.layout, self.pages = layout, pages
        self.top = HEIGHT - layout.margin - (14 if layout.furniture else 0)
        self.bottom = layout.margin + (14 if layout.furniture else 0)
        self.columns = 1
        self.new_page()

    def new_page(self) -> None:
        self.pages.append(Page())
        self.region_top = self.y = self.lowest = self.top
        self.col = 0

    def set_columns(self, n: int) -> None:
        """Columns from here down (a new region under what is set when the count changes)."""
        if n != self.columns:
            self.region_top = self.y = self.lowest = min(self.y, self.lowest)
            self.col = 0
        self.columns = n

    @property
    def width(self) -> float:
        full = WIDTH - 2 * self.layout.margin
        return (full - (self.columns - 1) * self.layout.gutter) / self.columns

    @property
    def x(self) -> float:
        return self.layout.margin + self.col * (self.width + self.layout.gutter)

    def room(self, height: float) -> None:
        """Move to the next column or page unless `height` fits above the bottom margin."""
        if self.y - height >= self.bottom:
            return
        if self.col + 1 < self.columns:
            self.col += 1
            self.y = self.region_top
        else:
            self.new_page()

    def line(self, step: float) -> float:
        """The baseline of the next line `step` below the last."""
        self.room(step)
        self.y -= step
        self.lowest = min(self.lowest, self.y)
        return self.y


def lines_of(words: list[Word], room: float, font: str, size: float, first: float = 0.0,
             rest: float = 0.0, hyphenate: bool = False) -> list[tuple[float, list[Word]]]:
    """Greedy line breaking: (indent, words) per line."""
    space = advance(font, " ") * size
    out: list[tuple[float, list[Word]]] = []
    queue = list(words)
    current: list[Word] = []
    used = 0.0
    while queue:
        word = queue.pop(0)
        indent = first if not out else rest
        w = width(word, font, size)
        extra = w + (space if current else 0.0)
        if not current and w > room - indent and len(word) == 1:
            word = break_long(word, room - indent, font, size)  # a URL wider than the column
            w, extra = width(word[0], font, size), width(word[0], font, size)
            if len(word) > 1:
                queue.insert(0, word[1])
            word = word[0]
        if used + extra <= room - indent or not current and w > room - indent:
            current.append(word)
            used += extra
            continue
        piece = split_word(word, room - indent - used - space, font, size) if hyphenate and current else None
        if piece:
            current.append(piece[0])
            queue.insert(0, piece[1])
        else:
            queue.insert(0, word)
        out.append((indent, current))
        current, used = [], 0.0
    if current:
        out.append((first if not out else rest, current))
    return out


def set_line(page: Page, x: float, y: float, room: float, words: list[Word], font: str, size: float,
             justify: bool) -> None:
    """Words of one line from x; stretched to `room` when justified."""
    space = advance(font, " ") * size
    natural = sum(width(w, font, size) for w in words) + space * (len(words) - 1)
    gap = space + ((room - natural) / (len(words) - 1) if justify and len(words) > 1 else 0.0)
    if not justify and not any(sup for w in words for _, sup in w):
        page.text(x, y, size, font, " ".join(t for w in words for t, _ in w))
        return
    for w in words:
        for text, sup in w:
            s = size * SUP_SIZE if sup else size
            page.text(x, y + (SUP_RISE * size if sup else 0.0), s, font, text)
            x += advance(font, text) * s
        x += gap


def typeset(article: Article, layout: Layout) -> list[Page]:
    """The article's pages in `layout`."""
    pages: list[Page] = []
    flow = Flow(layout, pages)
    full = WIDTH - 2 * layout.margin
    flow.set_columns(1)
    for _, words in lines_of(plain(article.title), full, "Times-Bold", 16):
        set_line(pages[0], layout.margin, flow.line(20), full, words, "Times-Bold", 16, False)
    set_line(pages[0], layout.margin, flow.line(16), full, plain(article.authors), "Times-Italic", 10, False)
    flow.y -= 14
    flow.set_columns(layout.columns)
    size, step = layout.size, layout.size * layout.leading
    for block in article.blocks:
        if block.kind == "heading":
            if block.words and render(block.words).lower().startswith("reference"):
                flow.set_columns(layout.ref_columns if layout.columns == 1 else layout.columns)
            hs = layout.heading_size
            flow.room(hs * 1.5 + 3 * step)  # a heading never ends a column
            flow.y -= 0.6 * step
            for _, words in lines_of(block.words, flow.width, layout.heading_font, hs):
                set_line(flow.pages[-1], flow.x, flow.line(hs * 1.25), flow.width, words,
                         layout.heading_font, hs, False)
            flow.y -= 0.3 * step
            continue
        ref = block.kind == "reference"
        fs = layout.ref_size if ref else size
        fstep = fs * layout.leading
        label = block.label
        hang = (advance(layout.font, label + "  ") * fs if ref and layout.ref_hanging else 0.0)
        first = 0.0 if ref else layout.indent * size
        words = ([((label, False),)] + block.words) if ref and not layout.ref_hanging else block.words
        lines = lines_of(words, flow.width, layout.font, fs, first if not ref else hang, hang,
                         layout.hyphenate and not ref)
        for k, (indent, lw) in enumerate(lines):
            y = flow.line(fstep)
            page = flow.pages[-1]
            if ref and layout.ref_hanging and k == 0:
                page.text(flow.x, y, fs, layout.font, label)
            last = k == len(lines) - 1
            set_line(page, flow.x + indent, y, flow.width - indent, lw, layout.font, fs,
                     layout.justify and not last)
        flow.y -= (layout.para_space * step) if not ref else 0.25 * fstep
    if layout.furniture:
        furnish(pages, article, layout)
    return pages


def furnish(pages: list[Page], article: Article, layout: Layout) -> None:
    """Running header (from page 2), a footer line and the page number on every page."""
    short = " ".join(article.title.split()[:6])
    for n, page in enumerate(pages, 1):
        if n > 1:
            page.text(layout.margin, HEIGHT - layout.margin + 4, 8, "Times-Italic", short)
            journal = "Synthetic Reviews in Cell Biology 2024; 12: 101-130"
            page.text(WIDTH - layout.margin - advance("Times-Italic", journal) * 8,
                      HEIGHT - layout.margin + 4, 8, "Times-Italic", journal)
        page.text(layout.margin, layout.margin - 8, 7, "Helvetica", "doi: 10.5555/srcb.2024.0012")
        number = str(100 + n)
        page.text(WIDTH / 2 - advance("Helvetica", number) * 4, layout.margin - 8, 8, "Helvetica", number)


LAYOUTS = {
    "one_column": Layout("one_column", columns=1, size=11.0, heading_size=12.0, ref_columns=2,
                         ref_size=8.5),
    "two_column": Layout("two_column", columns=2, size=9.5, heading_font="Times-Bold", heading_size=10.0,
                         furniture=True, ref_hanging=True, ref_label="[{n}]"),
    "superscript": Layout("superscript", columns=2, size=9.5, heading_font="Helvetica-Bold",
                          heading_size=9.5, superscript=True, furniture=True, ref_hanging=True),
    "hyphenated": Layout("hyphenated", columns=2, font="Helvetica", size=9.0, heading_size=10.0,
                         justify=False, indent=0.0, para_space=0.6, hyphenate=True, ref_size=7.5),
}
