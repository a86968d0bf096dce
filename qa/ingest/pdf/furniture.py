"""Page furniture found by repetition across pages: running headers and footers, page
numbers, journal lines, licence footers and watermarks.

A line is furniture when its text, with digits folded (page numbers and dates change from
page to page), recurs at the same height in the top or bottom band of other pages, or recurs
anywhere on half the pages (watermarks, licence footers); page numbers alone are furniture in the top or
bottom margin. Nothing here looks at what the words say, so it holds for any journal.
"""
from __future__ import annotations

import re
from collections import defaultdict

from qa.ingest.pdf.lines import Line

MARGIN = 0.09  # share of the page height at the top and bottom where a lone number is a page number
HEADER_ZONE = 0.15  # ... and where a line repeated on other pages is a running header or footer
PAGE_NUMBER = re.compile(r"^(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$", re.I)


def fold(text: str) -> str:
    """Text as compared across pages: digits, case and spacing do not count."""
    return re.sub(r"\s+", "", re.sub(r"\d+", "#", text.lower().replace("\ufffe", "")))


def in_margin(line: Line, height: float, share: float = MARGIN) -> bool:
    return line.bottom > height * (1 - share) or line.top < height * share


def _in_text(line: Line, lines: list[Line], seen: dict[str, set[int]], need: int) -> bool:
    """The line is set at a paragraph's line spacing right under or over a line that does
    not recur (the last line of a reference entry, 'Stem Cells 2004;22:625-634.', whose
    digit-folded shape another page's bottom line may share): it belongs to that text. A
    running header or footer stands apart from the text, or next to furniture only."""
    for other in lines:
        if other is line or abs(other.size - line.size) > 0.25 or len(seen[fold(other.text)]) >= need:
            continue
        gap = max(other.bottom - line.top, line.bottom - other.top)
        if -0.2 * line.size < gap < 0.5 * line.size and min(other.x1, line.x1) > max(other.x0, line.x0):
            return True
    return False


def furniture(pages: list[list[Line]], heights: list[float]) -> set[int]:
    """ids (id(line)) of the lines that are page furniture."""
    n_pages = len(pages)
    seen: dict[str, set[int]] = defaultdict(set)
    where: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for p, lines in enumerate(pages):
        for ln in lines:
            seen[fold(ln.text)].add(p)
            where[fold(ln.text)].append((p, ln.top / heights[p]))
    need_margin = 2 if n_pages >= 3 else n_pages + 1
    need_anywhere = max(3, int(0.5 * n_pages + 0.5))
    drop: set[int] = set()
    for p, lines in enumerate(pages):
        for ln in lines:
            key = fold(ln.text)
            if sum(ch.isalpha() for ch in key) < 4:  # '2006;23(2):265-71' is no header
                count = placed = 0
            else:
                count = len(seen[key])
                y = ln.top / heights[p]
                placed = len({q for q, yq in where[key] if abs(yq - y) < 0.02})  # same place on the page
            if (in_margin(ln, heights[p]) and PAGE_NUMBER.match(ln.text.strip())
                    or in_margin(ln, heights[p], HEADER_ZONE) and placed >= need_margin
                    and not _in_text(ln, lines, seen, need_margin)):
                drop.add(id(ln))
            elif count >= need_anywhere and len(key) >= 8 and ln.words <= 40:
                drop.add(id(ln))  # a watermark or licence line printed on every page
    return drop
