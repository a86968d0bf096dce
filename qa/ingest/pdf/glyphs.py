"""What a drawn glyph is, when its character code says otherwise.

Symbol fonts (Symbol's own layout, and the pi fonts typesetting systems embed) draw a Greek
letter or a sign under a Latin letter's or a digit's code, or under a code with no character at
all, so PDFium reports "10 mg/ml" where the page shows "10 μg/ml", "DcsrA" for "ΔcsrA", "2.5 3
10⁵" for "2.5 × 10⁵", "(280°C)" for "(−80°C)" and "24 6 2°C" for "24 ± 2°C". The glyph's
geometry tells them apart, and nothing here depends on a font's name:

- `descends`: a letter that never descends in Latin type (b c h m r x z) whose glyph reaches
  clearly below the baseline is the Greek letter at that code in the Symbol layout (μ, β, η ...);
- `outline_of` + `read_outline`: a character that Latin type draws with curves (the capitals
  C D G P S, the digits 0 2 3 5 6 8 9, `$`) whose outline is straight lines only is not that
  character. Its contours say what it is: one flat bar is a minus, a cross of axis-aligned bars a
  plus, a plus over a bar ±, a diagonal cross ×, a chevron over a bar ≥ or ≤, and a capital's
  triangle or straight strokes its Greek capital (Δ, Γ, Π, Σ, Χ). Anything else is `UNMAPPED`
  and the reader decides from the notation around it (`qa.ingest.pdf.reader.read_signs`);
- `sign_of_box`: a glyph with no character at all has no outline to read, only its box: a flat
  bar is a minus and a wide low glyph a tilde.
"""
from __future__ import annotations

import ctypes
from collections.abc import Sequence

import pypdfium2.raw as raw

UNMAPPED = "\ufffd"  # a visible glyph without a character (see qa.ingest.pdf.chars)
# the Greek letter at a Latin code in the Symbol layout, for the letters the glyph can tell apart
DESCENDING_GREEK = {"b": "β", "c": "χ", "h": "η", "m": "μ", "r": "ρ", "x": "ξ", "z": "ζ"}
STRAIGHT_GREEK = {"C": "Χ", "D": "Δ", "G": "Γ", "P": "Π", "S": "Σ"}
STRAIGHT_NOT = frozenset("0235689$")  # drawn with curves in Latin type
CURVED = frozenset(STRAIGHT_GREEK) | STRAIGHT_NOT
# marks at the baseline where pi fonts draw a sign: '<' drawn at ',' ("P values of ,0.05")
BASELINE_MARKS = frozenset(",.")
SIGN_HEIGHT = 0.3  # em (outlines come in em units): a comma or period is lower than a '<' or '>'
DESCENT_SHARE = 0.15  # of the glyph's height below the baseline: a descender (Latin overshoot <= 0.02)
MINUS = "\u2212"

Point = tuple[float, float]
Contour = list[Point]


def descends(textpage, i: int, base: float) -> bool:
    """Does glyph `i` reach more than `DESCENT_SHARE` of its height below the baseline `base`?"""
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    raw.FPDFText_GetCharBox(textpage, i, left, right, bottom, top)
    height = top.value - bottom.value
    return height > 0.5 and base - bottom.value > DESCENT_SHARE * height


def outline_of(obj, c: str) -> list[Contour] | None:
    """The contours of the font's glyph for `c` when it is drawn with straight lines only, else
    None (curves, no font, no outline)."""
    font = raw.FPDFTextObj_GetFont(obj) if obj else None
    path = raw.FPDFFont_GetGlyphPath(font, ord(c), 10.0) if font else None
    if not path:
        return None
    x, y = ctypes.c_float(), ctypes.c_float()
    contours: list[Contour] = []
    for k in range(raw.FPDFGlyphPath_CountGlyphSegments(path)):
        segment = raw.FPDFGlyphPath_GetGlyphPathSegment(path, k)
        kind = raw.FPDFPathSegment_GetType(segment)
        if kind == raw.FPDF_SEGMENT_BEZIERTO:
            return None
        raw.FPDFPathSegment_GetPoint(segment, x, y)
        if kind == raw.FPDF_SEGMENT_MOVETO or not contours:
            contours.append([])
        contours[-1].append((x.value, y.value))
    return contours if sum(len(c) for c in contours) > 2 else None


def _box(contour: Sequence[Point]) -> tuple[float, float, float, float]:
    xs, ys = [p[0] for p in contour], [p[1] for p in contour]
    return min(xs), min(ys), max(xs), max(ys)


def _edges(contour: Sequence[Point]) -> list[tuple[float, float]]:
    """(dx, dy) of each edge, the closing edge included; repeated points add none."""
    points = list(contour) + [contour[0]]
    return [(b[0] - a[0], b[1] - a[1]) for a, b in zip(points, points[1:]) if a != b]


def _axis_aligned(contour: Sequence[Point], tolerance: float = 0.02) -> bool:
    return all(abs(dx) <= tolerance or abs(dy) <= tolerance for dx, dy in _edges(contour))


def _bar(contour: Sequence[Point]) -> bool:
    """A flat axis-aligned rectangle: a minus, or the bar under ± and ≥."""
    x0, y0, x1, y1 = _box(contour)
    return _axis_aligned(contour) and len(_edges(contour)) == 4 and (y1 - y0) <= 0.3 * (x1 - x0)


def _plus(contour: Sequence[Point]) -> bool:
    x0, y0, x1, y1 = _box(contour)
    squarish = 0.5 <= (y1 - y0) / max(x1 - x0, 1e-9) <= 2.0  # a ± sets its plus lower than wide
    return _axis_aligned(contour) and len(_edges(contour)) == 12 and squarish


def _chevron(contour: Sequence[Point]) -> str | None:
    """'>' or '<' for a chevron (diagonal strokes meeting at a tip at mid-height), else None."""
    if _axis_aligned(contour) or not 4 <= len(_edges(contour)) <= 8:
        return None
    x0, y0, x1, y1 = _box(contour)
    middle = (y0 + y1) / 2
    tip = max(contour, key=lambda p: -abs(p[1] - middle))
    if abs(tip[0] - x1) < 0.15 * (x1 - x0):
        return ">"
    if abs(tip[0] - x0) < 0.15 * (x1 - x0):
        return "<"
    return None


def chevron_at_mark(contours: list[Contour]) -> str | None:
    """'<' or '>' when a glyph drawn at a comma's or period's code is one chevron as tall as a sign
    (`SIGN_HEIGHT`) with its tip at mid-height; None for a comma or period however it is drawn
    (a slanted straight comma has no point at mid-height)."""
    if len(contours) != 1:
        return None
    x0, y0, x1, y1 = _box(contours[0])
    middle = (y0 + y1) / 2
    if y1 - y0 < SIGN_HEIGHT or not any(abs(p[1] - middle) < 0.1 * (y1 - y0) for p in contours[0]):
        return None
    return _chevron(contours[0])


def read_outline(c: str, contours: list[Contour]) -> str:
    """What a straight-only glyph drawn at code `c` is (see the module docstring)."""
    if len(contours) == 1 and _bar(contours[0]):
        return MINUS
    if len(contours) == 1 and _plus(contours[0]):
        return "+"
    if len(contours) == 2:
        (a, b) = sorted(contours, key=lambda k: _box(k)[1])  # lower contour first
        if _bar(a) and _plus(b):
            return "±"
        if _bar(a) and (sign := _chevron(b)):
            return "≥" if sign == ">" else "≤"
    if len(contours) == 1 and not _axis_aligned(contours[0]) and len(_edges(contours[0])) == 12:
        x0, y0, x1, y1 = _box(contours[0])
        if 0.7 <= (y1 - y0) / max(x1 - x0, 1e-9) <= 1.4:
            return "×"
    return STRAIGHT_GREEK.get(c, UNMAPPED)


def sign_of_box(textpage, i: int, size: float) -> str:
    """A glyph without a character read from its box: a flat bar (height <= 0.12 of the font size,
    width >= 0.3) is a minus, a wide low glyph (width >= 0.5, height <= 0.3 and <= 0.45 of its width)
    a tilde; anything else stays `UNMAPPED`."""
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    raw.FPDFText_GetCharBox(textpage, i, left, right, bottom, top)
    width, height = right.value - left.value, top.value - bottom.value
    if size <= 0 or width <= 0:
        return UNMAPPED
    if height <= 0.12 * size and width >= 0.3 * size:
        return MINUS
    if width >= 0.5 * size and height <= 0.3 * size and height <= 0.45 * width:
        return "~"
    return UNMAPPED


def drawn(textpage, i: int, c: str, base: float, obj, font: str,
          outlines: dict[tuple[str, str], str]) -> str:
    """The character glyph `i` (reported as `c`) draws. `outlines` caches the outline reading per
    (font, code) over a document: a font draws one glyph per code."""
    if c in DESCENDING_GREEK:
        return DESCENDING_GREEK[c] if descends(textpage, i, base) else c
    if c in CURVED or c in BASELINE_MARKS:
        key = (font, c)
        if key not in outlines:
            contours = outline_of(obj, c)
            if contours is None:
                outlines[key] = c
            else:
                outlines[key] = read_outline(c, contours) if c in CURVED else chevron_at_mark(contours) or c
        return outlines[key]
    return c
