"""Powers of ten whose superscript exponent was lost in the PDF text (`1x106`, `2 × 10 7`).

PDF text extraction drops superscripts, so `1 × 10⁶ cells` often arrives as `1x106` or
`1 × 10 6`: read literally, the dose is 10⁵ times smaller. The rule is general: a number, a
multiplication sign (x, X, ×) and `10` directly followed by an exponent of one or two digits
(optionally negative), glued or after one space, is a power of ten whose exponent lost its
superscript. A correctly printed power (`10^6`, `10⁶`, `10-fold`) does not match.

This is for display only: spans keep their verbatim text and offsets; the display shows the
likely reading followed by a marker naming what was printed, so nothing is changed silently.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_SUPERSCRIPT = str.maketrans("0123456789-−–", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁻⁻")

LOST_EXPONENT = re.compile(
    r"(?<![\w.,])"                          # a number starts here (not inside another token)
    r"(?P<mantissa>\d+(?:[.,·]\d+)?)"       # 1, 1.28, 2,5
    r"\s?(?:[xX×])\s?"                      # a multiplication sign
    r"10(?P<gap>\s?)"                       # the base, the exponent glued or after one space
    r"(?P<exponent>[-−–]?\d{1,2})"          # the exponent that lost its superscript
    r"(?![\d.,]\d|\w)"                      # ... and nothing more of a number after it
)


@dataclass(frozen=True)
class Restored:
    """One lost exponent: where it is in the text, as printed, and its likely reading."""

    start: int
    end: int
    printed: str
    reading: str

    @property
    def display(self) -> str:
        return f"{self.reading} [printed {self.printed!r}]"

    @property
    def note(self) -> str:
        return (f"{self.printed!r} at {self.start}-{self.end} read as {self.reading} "
                "(superscript exponent lost in the PDF text)")


def find_lost_exponents(text: str, offset: int = 0) -> list[Restored]:
    """Every lost exponent in `text`; positions are `offset` + index into `text`."""
    found = []
    for m in LOST_EXPONENT.finditer(text):
        exponent = m.group("exponent")
        digits = exponent.lstrip("-−–")
        if digits.startswith("0") or not 0 < int(digits) <= 24:
            continue  # 1 × 100, 2 × 1005: a plain number, not a power of ten
        reading = f"{m.group('mantissa')}×10{exponent.translate(_SUPERSCRIPT)}"
        found.append(Restored(offset + m.start(), offset + m.end(), m.group(0), reading))
    return found


def display_text(text: str) -> str:
    """`text` with each lost exponent shown as its likely reading plus a marker."""
    out, position = [], 0
    for r in find_lost_exponents(text):
        out.append(text[position:r.start])
        out.append(r.display)
        position = r.end
    out.append(text[position:])
    return "".join(out)
