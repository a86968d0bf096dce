"""What each block is, from layout: body text, heading, caption, legend, table, figure text.

The body size is the size most of the document's characters are set in. A caption starts
with its label ("Figure 3", "Fig. 3", "Table 1") set apart by weight or size from the body;
a heading is short and bold or larger; text smaller than the body with few words per line
is figure lettering (axis labels, panel letters) unless it follows a table caption, where it
is the table's cells.
"""
from __future__ import annotations

import re
from collections import Counter

from qa.ingest.pdf.blocks import Block
from qa.ingest.pdf.bullets import BULLET
from qa.ingest.pdf.lines import Line

CAPTION_LABEL = re.compile(
    r"^(?:Supplementary\s+|Extended\s+Data\s+|Supporting\s+)?(?:Fig(?:ure)?s?\.?|Table|Scheme|Box)"
    r"\s*S?\d{1,3}[A-Za-z]?(?=[\s.:|—–-]|$)", re.I)
TABLE_LABEL = re.compile(r"^(?:Supplementary\s+)?Table\s*S?\d", re.I)
# a table titled by name instead of number ('KEY RESOURCES TABLE', 'Key resources table': the
# reagents, strains and software of Cell Press and eLife methods), set over its cells
TABLE_TITLE = re.compile(r"^(?:[A-Za-z][\w-]*\s+){1,3}tables?$", re.I)
LIST_ITEM = re.compile(r"^(?:\[\d{1,3}\]|\d{1,3}\.)\s+\S")  # '12. Smith', '[12] Smith'
# a sentence end, perhaps followed by superscript citations ('cells.¹²,¹⁴'); not 'et al.,'
TERMINAL = re.compile(r"[.?!:][\"”’)\]]*(?:[⁰¹²³⁴⁵⁶⁷⁸⁹⁻]+(?:,[⁰¹²³⁴⁵⁶⁷⁸⁹⁻]+)*)?$")


RELATION = re.compile(r"\s[=<>≤≥≈]\s")  # an equation's relation sign between spaces: no heading has one
CELL_SIZE_SLACK = 1.0  # points: a block set this much larger than a table's cells is none of them
MAIN_SHARE = 0.5  # a larger size holding this share of the top size's characters is the body


def body_size(lines: list[Line]) -> float:
    """The size the running text is set in: the size most characters are set in, unless a
    larger size holds nearly as many (an article whose smaller legends and references outweigh
    its body text; larger type never amounts to that much besides the body)."""
    counts: Counter[float] = Counter()
    for ln in lines:
        counts[round(ln.size, 1)] += len(ln.chars)
    if not counts:
        return 10.0
    top, most = counts.most_common(1)[0]
    return max(size for size, n in counts.items() if size >= top and n >= MAIN_SHARE * most)


def is_body_size(size: float, body: float) -> bool:
    return abs(size - body) <= 0.04 * body + 0.15


def prose(block: Block) -> bool:
    """Running text: enough words per line, many of them lowercase."""
    words = block.text.split()
    if not words:
        return False
    lower = sum(w[:1].islower() for w in words) / len(words)
    return len(words) / len(block.lines) >= 5 and lower >= 0.35


def narrow_prose(block: Block) -> bool:
    """Running text set in a narrow box (a 'Significance' or summary panel beside the columns):
    fewer than five words a line, but each line but the last is full, justified or ragged:
    the next line's first word would not have fitted on it. Mostly lowercase words. Figure
    lettering (stacked labels, legends of a plot) has no run of full lines like that."""
    words = block.text.split()
    if len(block.lines) < 4 or not words or len(words) / len(block.lines) < 3:
        return False
    width = block.x1 - block.x0
    full = 0
    for ln, nxt in zip(block.lines, block.lines[1:]):
        first = nxt.text.split()[0] if nxt.text.split() else ""
        per_char = (ln.x1 - ln.x0) / max(len(ln.text), 1)
        full += ln.x1 - ln.x0 + (len(first) + 1) * per_char > 0.97 * width
    lower = sum(w[:1].islower() for w in words) / len(words)
    return full >= 0.8 * (len(block.lines) - 1) and lower >= 0.5


def is_caption(block: Block, body: float, below: Block | None = None) -> bool:
    """Opens with a figure or table label ('Table 2', 'FIG 3') and is set apart from the body:
    the label or the line bold, the block in another size, or (`below`: the next block in
    reading order) the figure's lettering or the table's cells set right under it, as a table's
    title sits on its table (a body paragraph that names a table ends before the float)."""
    first = block.lines[0]
    m = CAPTION_LABEL.match(first.text)
    if not m:
        return False
    label_chars = [c for c in first.chars[: len(m.group(0).replace(" ", ""))] if c.c.isalnum()]
    label_bold = bool(label_chars) and all(c.bold for c in label_chars)
    return label_bold or not is_body_size(block.size, body) or first.bold or on_figure(block, below, body)


def titles_table(block: Block, below: Block | None, body: float) -> bool:
    """A one-line title naming a table (`TABLE_TITLE`) with the table's cells, in smaller type
    than the body, right under it: the table has no number, so no caption label opens it."""
    return (len(block.lines) == 1 and bool(TABLE_TITLE.match(block.text.strip())) and below is not None
            and below.page == block.page and not is_body_size(below.size, body))


def beside_table(b: Block, table: list[Block]) -> bool:
    """`b` stands within the rows of a table on its page: between the top and bottom of the
    table's blocks on that page (a table may run over pages)."""
    table = [t for t in table if t.page == b.page]
    if not table:
        return False
    top, bottom = max(t.top for t in table), min(t.bottom for t in table)
    return b.top <= top + b.size and b.bottom >= bottom - b.size


def right_of(block: Block, table: list[Block]) -> bool:
    """`block` stands right of the table's blocks, within their rows (top to bottom)."""
    return block.x0 >= max(t.x1 for t in table) - block.size and beside_table(block, table)


def on_figure(block: Block, below: Block | None, body: float) -> bool:
    """`below` is figure lettering or table cells set right under `block` (within two lines'
    space, overlapping it), so `block` is the title of what is under it."""
    if below is None or below.page != block.page or not is_figure_text(below, body):
        return False
    overlap = min(block.x1, below.x1) - max(block.x0, below.x0) > 0
    return overlap and 0 <= block.bottom - below.top < 2 * block.size


def body_font(lines: list[Line]) -> str:
    """The font most letters are set in."""
    counts: Counter[str] = Counter(c.font for ln in lines for c in ln.chars if c.c.isalpha())
    return counts.most_common(1)[0][0] if counts else ""


def is_heading(block: Block, body: float, font: str = "", following: float | None = None,
               text_below: bool = False, list_below: bool = False) -> bool:
    """Short, at least body size, and set apart: bold, larger (than the body and than the text
    that follows it), capitals, or another font."""
    text = block.text.strip()
    if block.words > 20 or len(block.lines) > 3 or not re.search(r"[A-Za-z]{3}", text):
        return False
    if text.startswith(BULLET):
        return False  # a list item ('• KEY RESOURCES TABLE' of a contents list)
    if RELATION.search(text):
        return False  # a displayed equation ('C (r) = C0exp −r'), set apart like a heading
    if block.size < body - 0.2:  # end-matter headings in small type, bold or small capitals
        caps = text.isupper() and sum(ch.isalpha() for ch in text) >= 6 and block.size >= 0.75 * body
        return (block.bold or caps) and (text_below or list_below) and block.words <= 8
    other_font = (bool(font) and block.font != font and not TERMINAL.search(text)
                  and (block.words <= 12 or text_below))
    larger = block.size >= 1.04 * max(body, following or 0.0)
    return block.bold or larger or (text.isupper() and len(text) > 3) or other_font


# Words that go on a sentence rather than open a section: a first word in lowercase letters
# only ('junction (Beyer et al., 1981; ...),'), an opening parenthesis ('(Figure 5C).'), or an
# end in a comma, semicolon or a closed parenthetical ('Burge, 2004).').
CONTINUES_START = re.compile(r"^(?:[a-z]+(?:-[a-z]+)*\b(?!\.)|\()")
CONTINUES_END = re.compile(r"(?:[,;]|\)\.)$")


def continues(text: str) -> bool:
    """The block reads as the rest of a sentence (what a bold or italic phrase split off a
    paragraph looks like), not as a heading. Only asked after a sentence left unfinished."""
    t = text.strip()
    return bool(CONTINUES_START.match(t) or CONTINUES_END.search(t))


def is_figure_text(block: Block, body: float) -> bool:
    """Lettering inside a figure: smaller than the body and a few words per line, or no words."""
    words = block.words
    if not re.search(r"[^\W\d_]{3}", block.text) and not re.search(r"\d[.,;]$", block.text.strip()):
        return True  # panel letters, tick labels (not '158–172.' ending a reference)
    if block.size < 0.6 * body:
        return True  # too small to be read as text (sequence alignments, tick labels)
    letters = sum(ch.isalpha() for ch in block.text)
    if letters < 0.4 * max(len(block.text.replace(" ", "")), 1):
        return True
    # a line of numbers alone ('0 5 10 15 20 25 30', an axis's tick values) holds no words
    worded = sum(ln.words for ln in block.lines if any(ch.isalpha() for ch in ln.text))
    return block.size < body - 0.2 and worded / len(block.lines) < 4


def classify(pages: list[list[Block]], body: float, font: str = "") -> None:
    """Set each block's kind in place (blocks already in reading order per page)."""
    cut: Block | None = None  # the last body block, while its sentence is unfinished
    table_open = False
    cell_size = 0.0  # the type size of the open table's first cells
    for blocks in pages:
        # the columns right of a table whose first column a heading closed, read after the heading
        # (a page's left column, table cells then the next section, comes before its right one)
        closed: list[Block] = []
        # a table that ended its page open runs on at the top of the next one (its header repeated,
        # or not), while blocks in small type that are no prose come first
        table_open = table_open and bool(blocks) and not is_body_size(blocks[0].size, body) \
            and not prose(blocks[0])
        for i, b in enumerate(blocks):
            following = next((n.size for n in blocks[i + 1:] if n.words >= 12), None)
            if is_caption(b, body, blocks[i + 1] if i + 1 < len(blocks) else None):
                b.kind = "caption"
                table_open = bool(TABLE_LABEL.match(b.lines[0].text))
            elif titles_table(b, blocks[i + 1] if i + 1 < len(blocks) else None, body):
                b.kind = "caption"
                table_open = True
            elif table_open and not is_body_size(b.size, body) and not prose(b) \
                    and not (cell_size and b.size > cell_size + CELL_SIZE_SLACK):
                b.kind = "table"  # a column's header cell in bold small type is no heading (one set
                # larger than the table's cells is: the next section's, under the table's first column)
            elif closed and not is_body_size(b.size, body) and right_of(b, closed):
                b.kind = "table"
            elif (is_heading(b, body, font, following, _text_below(blocks, i), _text_below(blocks, i, True))
                  and not (cut is not None and is_body_size(b.size, body) and continues(b.text))):
                b.kind = "heading"
                if table_open:
                    closed = [t for t in blocks[:i] if t.kind == "table"]
                table_open = False
            elif table_open and prose(b) and not is_body_size(b.size, body) and TERMINAL.search(b.text.strip()):
                b.kind = "note"  # a table's footnote: sentences in small type under its cells
            elif table_open and not (prose(b) and is_body_size(b.size, body)):
                b.kind = "table"
            elif is_figure_text(b, body):
                b.kind = "figure"
            else:
                b.kind = "body"
                table_open = False
            if b.kind == "table" and not cell_size:
                cell_size = b.size
            elif b.kind == "caption" or not table_open:
                cell_size = 0.0
            if b.kind == "body":  # a heading never interrupts a sentence: body-size 'headings'
                cut = None if TERMINAL.search(b.text.strip()) else b  # after a cut one are its words
            elif b.kind == "heading":
                cut = None
    _figure_fonts(pages)
    _parent_headings(pages, body)
    _continuations(pages, body)
    for blocks in pages:
        _inside_figures(blocks)
        _legends(blocks, body)


def _figure_fonts(pages: list[list[Block]]) -> None:
    """Fonts that mostly set figure lettering (figures are drawn in other software) mark their
    short heading-like or body blocks as lettering too."""
    kinds: dict[str, Counter[str]] = {}
    for blocks in pages:
        for b in blocks:
            kinds.setdefault(b.font, Counter())[b.kind] += 1
    figure_fonts = {f for f, k in kinds.items() if k["figure"] >= 0.6 * sum(k.values()) and k["figure"] >= 5}
    for blocks in pages:
        for i, b in enumerate(blocks):
            if b.kind in ("heading", "body") and b.font in figure_fonts and b.words <= 8 \
                    and not followed_by_text(blocks, i):
                b.kind = "figure"


def _parent_headings(pages: list[list[Block]], body: float) -> None:
    """A short bold or capitals line in small type right above a heading ('RESULTS' over
    'In vivo bacteriophage biopanning') is the parent heading, not figure lettering."""
    for blocks in pages:
        for i, b in enumerate(blocks[:-1]):
            n = blocks[i + 1]
            text = b.text.strip()
            caps = text.isupper() and sum(ch.isalpha() for ch in text) >= 6
            if (b.kind == "figure" and n.kind == "heading" and (caps or b.bold) and b.words <= 6
                    and b.size >= 0.75 * body and abs(n.x0 - b.x0) < b.size
                    and 0 <= b.bottom - n.top < 2 * b.size):
                b.kind = "heading"


def _continuations(pages: list[list[Block]], body: float) -> None:
    """A body-size block of words that opens a page or column right after a body paragraph
    that has not ended its sentence, or after a numbered list item, continues it, however
    many digits it holds (the last line of a reference entry: '2013;425(17):3091-105. doi: ...');
    so does a short tail in the size of an unfinished entry before it ('67, 499-508 (1991).')."""
    last: Block | None = None
    for blocks in pages:
        for i, b in enumerate(blocks):
            open_item = last is not None and (not TERMINAL.search(last.text.strip()) or LIST_ITEM.match(last.text))
            # the numbers-only tail of an unfinished entry, in the entry's own size: '67, 499-508 (1991).'
            tail = (last is not None and bool(LIST_ITEM.match(last.text)) and not TERMINAL.search(last.text.strip())
                    and len(b.lines) <= 2 and abs(b.size - last.size) < 0.25 and bool(TERMINAL.search(b.text.strip())))
            if (b.kind == "figure" and open_item and last is not None
                    and (is_body_size(b.size, body) and b.words / len(b.lines) >= 4 or tail)
                    and (b.page != last.page or b.top > last.top or b.x0 > last.x1)):
                b.kind = "body"
            elif b.kind == "figure" and last is not None and hanging_tail(b, last, blocks[i + 1] if i + 1 < len(blocks) else None):
                b.kind = "body"
            if b.kind == "body":
                last = b
            elif b.kind in ("heading", "caption"):
                last = None


def hanging_tail(b: Block, last: Block, after: Block | None) -> bool:
    """The last line(s) of an entry set with a hanging indent (a reference list: each entry's first
    line flush, the others indented), which block making set apart from the entry: one or two lines
    in its size, indented 0.3-4 ems from its first line right under it at line spacing, or, opening
    the next column or page, indented so from the entry that follows ('Circulation 2002;105:93-98.').
    Short and full of digits, they read as figure lettering otherwise, and the entry loses them."""
    em = b.size
    if len(b.lines) > 2 or abs(em - last.size) >= 0.25:
        return False
    if b.page == last.page and 0 <= last.bottom - b.top < 1.5 * em and 0.3 * em < b.x0 - last.x0 < 4 * em:
        return True
    opens = b.page != last.page or b.top > last.top  # the top of the next column or page
    return (opens and after is not None and abs(after.size - em) < 0.25 and 0.3 * em < b.x0 - after.x0 < 4 * em
            and 0 <= b.bottom - after.top < 1.5 * em)


def _text_below(blocks: list[Block], i: int, entries: bool = False) -> bool:
    """Before classification: the next block is prose right under this one (`entries`: or a
    run of entries set flush with it, as a reference list under its heading)."""
    if i + 1 >= len(blocks):
        return False
    b, n = blocks[i], blocks[i + 1]
    under = min(b.x1, n.x1) - max(b.x0, n.x0) > 0 and b.bottom - n.top < 2 * b.size
    flush = entries and abs(n.x0 - b.x0) < b.size and len(n.lines) >= 2 and not CAPTION_LABEL.match(n.text)
    return under and n.words >= 8 and (prose(n) or flush)


def followed_by_text(blocks: list[Block], i: int) -> bool:
    """The next block is running text right under this one (what a real heading has)."""
    if i + 1 >= len(blocks):
        return False
    b, n = blocks[i], blocks[i + 1]
    return (n.kind == "body" and n.words >= 8 and min(b.x1, n.x1) - max(b.x0, n.x0) > 0
            and b.bottom - n.top < 2 * b.size)


def _inside_figures(blocks: list[Block]) -> None:
    """A short heading or body block with figure lettering on both sides is lettering too."""
    kinds = [b.kind for b in blocks]
    for i, b in enumerate(blocks):
        if b.kind not in ("heading", "body") or b.words > 8 or TERMINAL.search(b.text):
            continue
        before = kinds[i - 1] if i > 0 else None
        after = kinds[i + 1] if i + 1 < len(kinds) else None
        if before == "figure" and after in ("figure", None) or after == "figure" and before is None:
            b.kind = "figure"
    # bold labels scattered over a figure ('G-domain' ... 'Domain 2' ... 'Domain 3'): a run of
    # headings after figure lettering that no text (nor a longer heading) follows introduces nothing
    i = 0
    while i < len(blocks):
        j = i
        while j < len(blocks) and blocks[j].kind == "heading" and blocks[j].words <= 8 \
                and not TERMINAL.search(blocks[j].text):
            j += 1
        if (j > i and i > 0 and blocks[i - 1].kind == "figure" and not followed_by_text(blocks, j - 1)
                and (j == len(blocks) or blocks[j].kind != "heading")):
            for b in blocks[i:j]:
                b.kind = "figure"
        i = max(j, i + 1)


def _legends(blocks: list[Block], body: float) -> None:
    """Text smaller than the body that follows a caption (before body text resumes) is its legend.
    A legend set across the columns under a figure goes on at the top of the next column, after
    the first column's body text in reading order: a block in the same small size and font as a
    legend that stopped mid-sentence on this page is the rest of that legend."""
    open_caption = False
    unfinished: Block | None = None  # the last caption or legend block, when its sentence runs on
    last: Block | None = None  # the block before this one in reading order
    for b in blocks:
        if b.kind == "caption":
            open_caption = not TABLE_LABEL.match(b.lines[0].text)
        elif open_caption and b.kind == "body" and (b.size < body - 0.2 or set_under(last, b)):
            b.kind = "legend"
        elif (unfinished is not None and b.kind == "body" and b.size < body - 0.2
              and abs(b.size - unfinished.size) < 0.25 and b.font == unfinished.font):
            b.kind = "legend"
        elif b.kind in ("body", "heading"):
            open_caption = False
        if b.kind in ("caption", "legend"):
            unfinished = None if TERMINAL.search(b.text.strip()) else b
        last = b


def set_under(above: Block | None, b: Block) -> bool:
    """b is set right under a caption or legend block, at the line spacing inside a block: it
    was cut from it only by weight (a bold title line over a legend in the body's own size, as
    manuscripts set their legends), so it is the legend, not the body text resuming."""
    if above is None or above.kind not in ("caption", "legend") or above.page != b.page:
        return False
    overlap = min(above.x1, b.x1) - max(above.x0, b.x0) > 0
    return overlap and above.bottom - b.top <= 0.75 * b.size and abs(above.size - b.size) < 0.25
