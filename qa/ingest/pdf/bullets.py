"""List bullets set as letters of a symbol font.

Some journals set their bullets in a pi (symbol) font whose glyphs map to ASCII letters: Cell
Press prints each highlight, the STAR Methods contents and the data-availability items after a
'd' or a 'B' of such a font ('d KEY RESOURCES TABLE d RESOURCE AVAILABILITY B Lead contact').
Read as letters, they become words of the passage. A font is such a bullet font when every letter
it sets anywhere in the article is a lone one opening a line (the next glyph is in another
font or after a space), at least twice; such glyphs are written as '•'. A math font setting a
variable ('n = 3') sets it mid-line too, so it is never taken for one.
"""
from __future__ import annotations

from collections import Counter

from qa.ingest.pdf.lines import Line

BULLET = "•"
MIN_BULLETS = 2


def bullet_fonts(pages: list[list[Line]]) -> set[str]:
    """The fonts that set no letter but lone ones opening lines."""
    opening: Counter[str] = Counter()
    elsewhere: Counter[str] = Counter()
    for lines in pages:
        for ln in lines:
            for k, c in enumerate(ln.chars):
                after = ln.chars[k + 1] if k + 1 < len(ln.chars) else None
                lone = k == 0 and c.c.isalpha() and (after is None or after.space_before or after.font != c.font)
                if lone:
                    opening[c.font] += 1
                elif c.c.isalpha():  # (a sign it sets elsewhere, 'STAR+METHODS' for its star, is no letter)
                    elsewhere[c.font] += 1
    return {font for font, n in opening.items() if n >= MIN_BULLETS and not elsewhere[font]}


def mark_bullets(pages: list[list[Line]]) -> int:
    """Write the glyphs of bullet fonts as '•' (lines re-rendered in place); returns how many."""
    fonts = bullet_fonts(pages)
    if not fonts:
        return 0
    n = 0
    for lines in pages:
        for ln in lines:
            if ln.chars and ln.chars[0].font in fonts and ln.chars[0].c.isalpha():
                ln.chars[0].c = BULLET
                ln.finish()
                n += 1
    return n
