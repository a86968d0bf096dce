"""Bullets set as letters of a symbol font ('d', 'B' of Cell Press's pi font) are read as '•'."""
from __future__ import annotations

from qa.ingest.pdf.bullets import BULLET, bullet_fonts, mark_bullets
from qa.ingest.pdf.chars import Char
from qa.ingest.pdf.lines import Line


def _line(*runs: tuple[str, str], base: float = 700.0) -> Line:
    """A line of runs (text, font), a space between runs."""
    chars, x = [], 72.0
    for n, (text, font) in enumerate(runs):
        for k, ch in enumerate(text):
            if ch == " ":
                x += 3
                continue
            chars.append(Char(ch, x, x + 5, base - 2, base + 8, base, 10.0, font, False,
                              space_before=(k > 0 and text[k - 1] == " ") or (n > 0 and k == 0)))
            x += 5
    return Line(chars=chars, page=0).finish()


def test_a_font_setting_only_lone_letters_opening_lines_is_a_bullet_font():
    pages = [[_line(("d", "Pi"), ("KEY RESOURCES TABLE", "Sans")),
              _line(("d", "Pi"), ("RESOURCE AVAILABILITY", "Sans"), base=680),
              _line(("STAR", "Sans"), ("+", "Pi"), ("METHODS", "Sans"), base=660),  # a sign is no letter
              _line(("n", "Math"), ("= 3 mice per group", "Serif"), base=640),
              _line(("with", "Serif"), ("n", "Math"), ("= 5", "Serif"), base=620)]]  # a variable mid-line
    assert bullet_fonts(pages) == {"Pi"}
    assert mark_bullets(pages) == 2
    assert pages[0][0].text.startswith(f"{BULLET} KEY") and pages[0][3].text.startswith("n = 3")


def test_one_lone_letter_is_not_enough():
    assert bullet_fonts([[_line(("A", "Pi"), ("word", "Sans"))]]) == set()


def test_the_cell_press_contents_list_reads_with_bullets(pdf_texts):
    """Its STAR Methods contents and data-availability items opened with 'd' and 'B' read as
    words ('d KEY RESOURCES TABLE d RESOURCE AVAILABILITY B Lead contact ...')."""
    text = pdf_texts["10.1016_j.celrep.2021.109967"].text
    assert f"{BULLET} KEY RESOURCES TABLE {BULLET} RESOURCE AVAILABILITY {BULLET} Lead contact" in text
    assert f"{BULLET} The published article does not report novel code." in text
    assert "d KEY RESOURCES" not in text and "B Lead contact" not in text
    assert "# " + BULLET not in text  # a contents item in capitals is no heading
