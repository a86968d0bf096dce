"""Characters of a PDF page with their boxes, baseline, effective font size and font.

pypdfium2 (PDFium) gives per-character geometry; the font size it reports is the size
before the text matrix, so the effective size is that size times the matrix's vertical
scale. Characters that a reader never sees are left out here, so nothing downstream has to
know about them: invisible text (render mode 3), glyphs outside their object's clipping path (a figure
that embeds a whole draft page carries a hidden second copy of the text), characters outside
the page, text clipped to a frame much smaller than the page (a placed figure's lettering), and rotated characters (vertical sidebars and watermarks; a
landscape table page loses its text too, which is counted).

A glyph whose drawing says it is another character than its code (a symbol font's μ at `m`, −
at `2`) is read from its geometry (`qa.ingest.pdf.glyphs`).
"""
from __future__ import annotations

import ctypes
import math
import re
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from qa.ingest.pdf.glyphs import BASELINE_MARKS, CURVED, DESCENDING_GREEK, UNMAPPED, drawn, sign_of_box

SOFT_HYPHEN = "\ufffe"  # PDFium's mark for a hyphen at a line break
CONTROL = {chr(c) for c in range(32)} - {"\t"}


@dataclass(slots=True)
class Char:
    """One glyph: text, loose box (PDF points, y up), baseline y, effective size, font."""

    c: str
    x0: float
    x1: float
    bottom: float
    top: float
    base: float
    size: float
    font: str
    bold: bool
    space_before: bool = False  # a space (in the PDF or inferred by PDFium) comes before


@dataclass
class PageChars:
    number: int  # 0-based
    width: float
    height: float
    chars: list[Char]
    rotated_dropped: int = 0


_FONT_BUF = ctypes.create_string_buffer(128)
# a style suffix naming the bold face when the weight is not given (PDFium reports 0): Advent's
# 'AdvOT3b30f6db.B' / '.BI' (ASM, Nature journals), 'Minion-Bd', 'Times,B'; a subset's '+fb' may follow
BOLD_SUFFIX = re.compile(r"[.\-,_](?:B|BI|BO|Bd|BdIt|BdI)(?:\+\w+)?$")
_FLAGS = ctypes.c_int()
PLACED_GRAPHIC = 0.6  # text clipped to a frame smaller than this share of the page is a figure's
HYPHEN_CODES = {0x2, 0x2D, 0xAD, 0x2010, 0x2011}


@dataclass(slots=True)
class _Style:
    """What one text object gives all its glyphs: font, weight, size, visibility, rotation."""

    font: str
    bold: bool
    size: float
    visible: bool
    rotated: bool
    clip: tuple[float, float, float, float] | None  # the object's clipping box, if any


def _clip_box(obj) -> tuple[float, float, float, float] | None:
    """Bounding box of a page object's clipping path (glyphs outside it are never painted)."""
    clip = raw.FPDFPageObj_GetClipPath(obj) if obj else None
    if not clip:
        return None
    xs: list[float] = []
    ys: list[float] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    for p in range(raw.FPDFClipPath_CountPaths(clip)):
        for k in range(raw.FPDFClipPath_CountPathSegments(clip, p)):
            seg = raw.FPDFClipPath_GetPathSegment(clip, p, k)
            if seg and raw.FPDFPathSegment_GetPoint(seg, x, y):
                xs.append(x.value)
                ys.append(y.value)
    return (min(xs), min(ys), max(xs), max(ys)) if xs else None


def _style(textpage, i: int, obj) -> _Style:
    raw.FPDFText_GetFontInfo(textpage, i, _FONT_BUF, len(_FONT_BUF), _FLAGS)
    name = _FONT_BUF.value.decode("latin-1", "replace")
    weight = raw.FPDFText_GetFontWeight(textpage, i)
    bold = (weight >= 600 or any(w in name.lower() for w in ("bold", "black", "heavy", "semibold"))
            or BOLD_SUFFIX.search(name) is not None)
    visible = not obj or raw.FPDFTextObj_GetTextRenderMode(obj) != raw.FPDF_TEXTRENDERMODE_INVISIBLE
    matrix = raw.FS_MATRIX()
    raw.FPDFText_GetMatrix(textpage, i, matrix)
    size = raw.FPDFText_GetFontSize(textpage, i) * (math.hypot(matrix.c, matrix.d) or 1.0)
    rotated = abs(matrix.b) > 0.05 * abs(matrix.a) + 1e-9 or matrix.a < 0
    return _Style(name, bold, size, visible, rotated, _clip_box(obj))


def page_chars(page: pdfium.PdfPage, number: int,
               outlines: dict[tuple[str, str], str] | None = None) -> PageChars:
    """Every visible glyph of one page, in content-stream order. `outlines`: a document's cache of
    glyph-outline readings (`qa.ingest.pdf.glyphs.drawn`), shared over its pages."""
    outlines = {} if outlines is None else outlines
    width, height = page.get_size()
    textpage = page.get_textpage()
    n = textpage.count_chars()
    rect = raw.FS_RECTF()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    styles: dict[int, _Style] = {}
    chars: list[Char] = []
    rotated = 0
    pending_space = False
    for i in range(n):
        code = raw.FPDFText_GetUnicode(textpage, i)
        c = chr(code) if code < 0x110000 else "\ufffd"
        if code in HYPHEN_CODES and raw.FPDFText_IsHyphen(textpage, i):
            c = SOFT_HYPHEN  # PDFium found a hyphen that breaks a word at the line end
        elif c.isspace():
            pending_space = pending_space or c not in "\r\n"  # PDFium's word gaps are good evidence
            continue
        elif c == SOFT_HYPHEN:
            continue
        obj = raw.FPDFText_GetTextObject(textpage, i)
        key = ctypes.addressof(obj.contents) if obj else 0
        style = styles.get(key)
        if style is None:
            style = styles[key] = _style(textpage, i, obj)
        if not style.visible:
            continue  # invisible text
        raw.FPDFText_GetLooseCharBox(textpage, i, rect)
        if c in CONTROL:
            if rect.right - rect.left <= 0.5 or rect.top - rect.bottom <= 0.5:
                continue
            c = UNMAPPED  # a drawn glyph the font gives no character for ('×', '~' of a symbol font)
        if rect.right < 0 or rect.left > width or rect.top < 0 or rect.bottom > height:
            continue
        if style.clip is not None:
            cx, cy = (rect.left + rect.right) / 2, (rect.bottom + rect.top) / 2
            x0, y0, x1, y1 = style.clip
            if not (x0 - 1 <= cx <= x1 + 1 and y0 - 1 <= cy <= y1 + 1):
                continue  # clipped away: e.g. a hidden draft copy of the text inside a figure
            if (x1 - x0) * (y1 - y0) < PLACED_GRAPHIC * width * height:
                continue  # lettering of a placed graphic confined to its frame
        if style.rotated:
            rotated += 1
            continue
        raw.FPDFText_GetCharOrigin(textpage, i, ox, oy)
        size = style.size if style.size > 0 else max(rect.top - rect.bottom, 1.0)
        if c in DESCENDING_GREEK or c in CURVED or c in BASELINE_MARKS:
            c = drawn(textpage, i, c, oy.value, obj, style.font, outlines)
        elif c == UNMAPPED:
            c = sign_of_box(textpage, i, size)
        chars.append(Char(c, rect.left, rect.right, rect.bottom, rect.top, oy.value, size, style.font,
                          style.bold, pending_space))
        pending_space = False
    textpage.close()
    return PageChars(number, width, height, chars, rotated_dropped=rotated)
