"""Reading a straight-only glyph's contours (`read_outline`), on outlines written by hand in the
shape the fonts of the real PDFs draw them (see tests/ingest/pdf/test_reader.py for the PDFs)."""
from __future__ import annotations

import pytest

from qa.ingest.pdf.glyphs import MINUS, UNMAPPED, chevron_at_mark, read_outline


def rect(x0: float, y0: float, x1: float, y1: float) -> list[tuple[float, float]]:
    return [(x1, y0), (x1, y1), (x0, y1), (x0, y0), (x1, y0)]


def plus(cx: float, cy: float, arm: float, half: float) -> list[tuple[float, float]]:
    """A cross of two bars (half-thickness `half`) as one 12-edge contour."""
    return [(cx - half, cy - arm), (cx + half, cy - arm), (cx + half, cy - half), (cx + arm, cy - half),
            (cx + arm, cy + half), (cx + half, cy + half), (cx + half, cy + arm), (cx - half, cy + arm),
            (cx - half, cy + half), (cx - arm, cy + half), (cx - arm, cy - half), (cx - half, cy - half)]


def diagonal_cross(c: float, r: float, t: float) -> list[tuple[float, float]]:
    """A plus turned 45 degrees: the multiplication sign."""
    return [(c - t, c), (c - r, c + r - t), (c - r + t, c + r), (c, c + t), (c + r - t, c + r), (c + r, c + r - t),
            (c + t, c), (c + r, c - r + t), (c + r - t, c - r), (c, c - t), (c - r + t, c - r), (c - r, c - r + t)]


CHEVRON_RIGHT = [(0.75, 0.42), (0.08, 0.59), (0.08, 0.54), (0.66, 0.39), (0.08, 0.25), (0.08, 0.20), (0.75, 0.37)]
TRIANGLE = [(0.34, 0.72), (0.03, 0.0), (0.64, 0.0)]
INNER = [(0.29, 0.57), (0.49, 0.09), (0.10, 0.09)]


@pytest.mark.parametrize("code, contours, sign", [
    ("2", [rect(0.12, 0.30, 0.71, 0.35)], MINUS),                              # J. Bacteriology's −80°C
    ("6", [rect(0.12, 0.03, 0.71, 0.07), plus(0.415, 0.425, 0.29, 0.025)], "±"),  # 24 ± 2°C
    ("$", [CHEVRON_RIGHT, rect(0.08, 0.07, 0.75, 0.12)], "≥"),                 # spectral counts ≥ 2.5
    ("$", [[(x, y) for x, y in ((0.83 - x, y) for x, y in CHEVRON_RIGHT)], rect(0.08, 0.07, 0.75, 0.12)], "≤"),
    ("3", [diagonal_cross(0.42, 0.28, 0.06)], "×"),                            # Cell Reports' 2.5 × 10⁵
    ("8", [plus(0.4, 0.4, 0.3, 0.04)], "+"),
    ("D", [TRIANGLE, INNER], "Δ"),                                             # the ΔcsrA mutant
    ("5", [TRIANGLE], UNMAPPED),                                               # straight, but no sign we know
])
def test_read_outline(code, contours, sign):
    assert read_outline(code, contours) == sign


CHEVRON_LEFT = [(0.83 - x, y) for x, y in CHEVRON_RIGHT]


@pytest.mark.parametrize("contours, sign", [
    ([CHEVRON_LEFT], "<"),                                    # J. Bacteriology's 'P values of <0.05' at ','
    ([CHEVRON_RIGHT], ">"),
    ([[(0.1, -0.2), (0.2, -0.2), (0.3, 0.1), (0.2, 0.1)]], None),  # a slanted straight comma: not a sign
    ([[(0.1, 0.0), (0.2, 0.0), (0.2, 0.1), (0.1, 0.1)]], None),    # a square period
    ([[(x, y * 0.4) for x, y in CHEVRON_LEFT]], None),       # a chevron lower than a sign is none
])
def test_a_sign_drawn_at_a_comma_or_period(contours, sign):
    assert chevron_at_mark(contours) == sign


@pytest.mark.parametrize("text, read", [
    ("the 5\ufffd ends of genes", "the 5′ ends of genes"),
    ("5\ufffd and 3\ufffd ends", "5′ and 3′ ends"),
    ("2.5 \ufffd 10⁵ cells", "2.5 × 10⁵ cells"),
    ("p = 7.04 \ufffd 10\ufffd⁷", "p = 7.04 × 10⁻⁷"),
    ("overnight at 37\ufffdC", "overnight at 37°C"),
    ("in 5\ufffd SSC buffer", "in 5\ufffd SSC buffer"),  # a lost × as likely as a prime: left unread
    ("in 15\ufffd volumes", "in 15\ufffd volumes"),  # a prime follows a lone 5 or 3, not 15
])
def test_signs_named_by_their_notation(text, read):
    from qa.ingest.pdf.reader import read_signs

    assert read_signs(text) == read
