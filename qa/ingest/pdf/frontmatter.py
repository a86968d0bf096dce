"""Front matter: the title, author, affiliation, date, licence and correspondence blocks.

On the first page everything before the first running text (a prose paragraph or a
heading followed by one) is front matter, and so is text there set smaller than the body
that is not a caption (affiliation and licence footnotes, article-information sidebars).
Running text may open in smaller type: an abstract or summary set a size down, its label
run in ('Abstract: ...') rather than a heading of its own, opens it when it is set at least
as wide as a column of the body. Footnotes and sidebar notes, the small prose that may come
first in reading order, are set narrower than that or open like article information.
Anywhere, a short block that opens like an article-information line ("Received: ...",
"© 2024 ...", "This article is licensed under ...") is front matter too. These blocks are
kept apart from the body, for the metadata, and never indexed as body text.

The opening text kept (the abstract, a summary) is often set apart from the running text:
bold, another size or another font. Where the running text's own style takes over with no
heading between (journals that print no 'Introduction' heading), the abstract has ended
(`AbstractEnd`), whatever its length. Width says nothing here: a first page may set its
abstract and its introduction alike across a column and a half (PNAS).
"""
from __future__ import annotations

import re

from qa.ingest.pdf.blocks import Block
from qa.ingest.pdf.structure import is_body_size, narrow_prose, prose

INFO_LINE = re.compile(
    r"^\W{0,3}(?:(?:received|accepted|published|revised|submitted|available online|first published)"
    r"(?:\s+(?:online|in revised form))?\s*[:\d(]|(?:received|accepted|published)\s+(?:\w+\s+)?\d"
    r"|citation\s*:|cite (?:this|as)\b|correspondence\b|(?:\*\s*)?corresponding authors?\b|e-?mail\s*:"
    r"|copyright\b|©|\(c\)\s*(?:19|20)\d\d|open access\b|this (?:article|is an open[- ]access)"
    r"|licen[cs]e[ds]?\b|creative commons|academic editor|edited by\b|reviewed by\b|handling editor"
    r"|key\s*words?\s*[:.]|(?:doi|https?://doi\.org)\b|competing interests?:|article history|peer review)",
    re.I)


SUBSET = re.compile(r"^[A-Z]{6}\+")  # a font's subset tag ('NPJMIS+OpenSans'): the same face


COLUMN_SHARE = 0.9  # a small block this share of the body column's width or wider may open the text


def column_width(pages: list[list[Block]], body: float) -> float:
    """The width of the body's column: the word-weighted median width of the paragraphs of
    running text set in the body size (0 when there are none)."""
    widths = sorted((b.x1 - b.x0, b.words) for page in pages for b in page
                    if b.kind == "body" and b.words >= 30 and is_body_size(b.size, body) and prose(b))
    total, seen = sum(w for _, w in widths), 0
    for width, words in widths:
        seen += words
        if seen >= total / 2:
            return width
    return 0.0


def running(b: Block) -> bool:
    """Running prose of some length that is not an article-information line."""
    return (prose(b) or narrow_prose(b)) and b.words >= 40 and not INFO_LINE.match(b.text)


def front_blocks(first_page: list[Block], body: float, column: float = 0.0) -> set[int]:
    """ids of the first page's front-matter blocks (first page in reading order); `column`
    is the body column's width (column_width), 0 when unknown."""
    front: set[int] = set()
    started = False
    for i, b in enumerate(first_page):
        if b.kind in ("caption", "legend", "table", "note", "figure"):
            continue
        if not started:
            nxt = first_page[i + 1] if i + 1 < len(first_page) else None
            if (b.kind == "body" and prose(b) and b.words >= 30 and b.size >= 0.93 * body
                    and not INFO_LINE.match(b.text)):
                started = True
            elif (b.kind == "body" and column > 0 and b.size < 0.93 * body and running(b)
                  and b.x1 - b.x0 >= COLUMN_SHARE * column):  # an abstract in small type, label run in
                started = True
            elif (b.kind == "heading" and nxt is not None and nxt.kind == "body" and prose(nxt)
                  and nxt.words >= 30 and b.size < 1.3 * body):
                started = True
            else:
                front.add(id(b))
                continue
        small = b.size < 0.95 * body and not is_body_size(b.size, body)
        if small and b.kind != "heading" and not running(b):  # an abstract in small type is running
            front.add(id(b))
    return front


def info_blocks(blocks: list[Block]) -> set[int]:
    """ids of short article-information blocks anywhere."""
    return {id(b) for b in blocks if b.kind in ("body", "heading", "figure") and b.words <= 120
            and INFO_LINE.match(b.text)}


class AbstractEnd:
    """Finds where the article's opening text (its abstract), set apart from the running text,
    gives way to the running text with no heading between: there the body begins. Only the
    first running paragraph can be that place, and only after a set-apart paragraph of prose
    since the last heading."""

    def __init__(self, body: float, font: str = "") -> None:
        self.body, self.font = body, SUBSET.sub("", font)
        self.apart = False  # a set-apart paragraph of prose was written since the last heading
        self.started = False  # a paragraph in the running text's own style was written

    def running(self, b: Block) -> bool:
        """Set as the running text is: its size, regular weight, its font."""
        return (is_body_size(b.size, self.body) and not b.bold
                and (not self.font or SUBSET.sub("", b.font) == self.font))

    def heading(self) -> None:
        self.apart = False

    def paragraph(self, b: Block) -> bool:
        """Note a new body paragraph; True when the body begins at it, untitled."""
        if self.started or not prose(b):
            return False
        if self.running(b):
            self.started = True
            return self.apart
        self.apart = self.apart or b.words >= 30
        return False
