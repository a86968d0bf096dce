"""Raw PDF text as Lines with raw offsets, with the page furniture taken out.

Page numbers, running headers and footers (short standalone lines that repeat), journal
lines, bare URLs and the repeated header of a table continued on the next page are dropped;
a sub- or superscript that extraction put on a line of its own is glued back to its letter.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

ROMAN_CHARS = dict(zip("ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫⅰⅱⅲⅳⅴⅵⅶⅷⅸⅹ",
                       "I II III IV V VI VII VIII IX X XI XII i ii iii iv v vi vii viii ix x".split()))
LIGATURE_CHARS = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
TERMINAL = re.compile(r"[.?!][\"”’)\]]*(?:\d+(?:[-–,]\d+)*)?$")
TABLE_CAPTION = re.compile(r"^(Table\s+(?:\d+|[IVX]+))[.:]\s*(\S.*)$")
TABLE_CONTINUED = re.compile(r"^Table\s+(?:\d+|[IVX]+)[.:]?\s*\(?cont(?:inued|'d|\.)?\)?\.?$", re.I)
URL_ONLY = re.compile(r"^(?:(?:https?://|www\.|doi:)\S*\s*)+$", re.I)
HEADING_MARK = re.compile(r"^#{1,3} +(?=[^\s#])")  # a Markdown heading line, as the PDF layout reader writes them
# a Markdown thematic break ('***', '* * *', '---', '___') on its own: the PDF layout reader writes
# one where the abstract ends and the body begins with no heading
SECTION_BREAK = re.compile(r"^(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$")
JOURNAL_LINE = re.compile(r"\bVol(?:ume)?\.?\s*\d+.*\b(?:19|20)\d\d\b")


@dataclass
class Line:
    """One raw line, normalised, with where it starts in the raw text."""

    text: str  # stripped of surrounding whitespace
    raw: int  # raw offset of the first kept character
    lead: bool  # the raw line began with whitespace: a new text frame in the PDF
    marked: bool = False  # written as a heading ('# Results'): the layout reader saw one from the font
    rule: bool = False  # a thematic break alone in its paragraph: a section ends here, untitled

    @property
    def blank(self) -> bool:
        return not self.text


SPACING_ACCENTS = {"˜": "\u0303", "´": "\u0301", "˚": "\u030a", "¸": "\u0327", "¨": "\u0308",
                   "`": "\u0300", "ˆ": "\u0302", "˝": "\u030b", "ˇ": "\u030c"}
# '´' and '`' double as apostrophes ('Crohn´s'): only a space after them shows a split accent
_SPLIT_ACCENT = re.compile(r"([^\W\d_])(?:([˜˚¸¨ˆ˝ˇ]) ?|([´`]) )(?=[^\W\d_])")
SOFT_BREAK = "\ufffe"  # pdfium's mark of a hyphen at a line break it has joined
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff\ufffe\uffff]")


def to_lines(raw: str) -> list[Line]:
    """Split raw text into Lines; ligature and roman-numeral characters become plain letters.

    A soft line-break mark (U+FFFE) ends a line with a hyphen, so the line-end hyphenation
    rules (with word evidence) decide whether the word joins; other control characters are
    spaces. A paragraph of one line written '# Heading' is a marked heading (marker dropped);
    one written '***' is a thematic break.
    Raw offsets stay exact.
    """
    lines: list[Line] = []
    pos = 0
    wholes = raw.split("\n")
    for j, whole in enumerate(wholes):
        pieces = whole.split(SOFT_BREAK)
        alone = (j == 0 or not wholes[j - 1].strip()) and (j + 1 == len(wholes) or not wholes[j + 1].strip())
        for k, part in enumerate(pieces):
            stripped = part.strip()
            offset = pos + (len(part) - len(part.lstrip()))
            text = "".join(ROMAN_CHARS.get(c, LIGATURE_CHARS.get(c, c)) for c in stripped)
            text = CONTROL.sub(" ", text).strip()
            # an accent extracted as its own spacing character: 'Saldan˜ a' -> 'Saldaña'
            text = _SPLIT_ACCENT.sub(lambda m: unicodedata.normalize(
                "NFC", m.group(1) + SPACING_ACCENTS[m.group(2) or m.group(3)]), text)
            if k + 1 < len(pieces) and text:
                text += "-"
            lead = part[:1] in (" ", "\t") and k == 0
            mark = HEADING_MARK.match(text) if len(pieces) == 1 and alone else None
            if mark:
                text, offset = text[mark.end():], offset + mark.end()
            rule = len(pieces) == 1 and alone and bool(SECTION_BREAK.match(text))
            lines.append(Line(re.sub(r"[ \t]{3,}", "  ", text), offset, lead, bool(mark), rule))
            pos += len(part) + 1
    return lines


def glue_subscripts(lines: list[Line]) -> list[Line]:
    """'prostaglandin E' / '' / '2' / ',30,31' -> 'prostaglandin E2,30,31'."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        ln = lines[i]
        j = i + 1 + (i + 1 < len(lines) and lines[i + 1].blank)
        if (not ln.blank and j + 1 < len(lines) and re.fullmatch(r"[0-9a-z+\-−]{1,2}", lines[j].text)
                and re.search(r"[A-Za-z]$", ln.text)
                and (re.match(r"[,.;:)\]]", lines[j + 1].text)
                     or re.search(r"(?:^|\s)[A-Z][A-Za-z]{0,2}$", ln.text))):
            tail = lines[j + 1].text if re.match(r"[,.;:)\]]", lines[j + 1].text) else None
            out.append(Line(ln.text + lines[j].text + (tail or ""), ln.raw, ln.lead))
            i = j + (2 if tail is not None else 1)
            continue
        out.append(ln)
        i += 1
    return out


def _nonblank(lines: list[Line], k: int, step: int) -> int:
    """Index of the first non-blank line from `k` on in direction `step` (may fall off either end)."""
    while 0 <= k < len(lines) and lines[k].blank:
        k += step
    return k


def drop_page_artifacts(lines: list[Line]) -> list[Line]:
    """Remove page numbers, running headers/footers, URL lines and repeated table headers."""
    def standalone(i: int) -> bool:
        return (not lines[i].blank and (i == 0 or lines[i - 1].blank)
                and (i + 1 == len(lines) or lines[i + 1].blank))

    def norm(s: str) -> str:
        return re.sub(r"\s+", " ", s).strip().lower()

    def prev_text(i: int) -> str:
        k = _nonblank(lines, i - 1, -1)
        return lines[k].text if k >= 0 else ""

    def next_text(i: int) -> str:
        k = _nonblank(lines, i + 1, 1)
        return lines[k].text if k < len(lines) else ""

    headers = {norm(next_text(i)) for i, ln in enumerate(lines)
               if TABLE_CAPTION.match(ln.text) and not TABLE_CONTINUED.match(ln.text)}
    repeats = Counter(norm(lines[i].text) for i in range(len(lines))
                      if standalone(i) and len(lines[i].text.split()) >= 2)
    drop: set[int] = set()
    for i, ln in enumerate(lines):
        t = ln.text
        if ln.blank or ln.marked or ln.rule:
            continue
        if TABLE_CONTINUED.match(t):
            drop.add(i)
            k = _nonblank(lines, i + 1, 1)
            if k < len(lines) and norm(lines[k].text) in headers:
                drop.add(k)
            continue
        if URL_ONLY.match(t) or (standalone(i) and re.fullmatch(r"\d{1,4}", t)):
            drop.add(i)
        elif standalone(i) and len(t) <= 120 and JOURNAL_LINE.search(t):
            drop.add(i)
        elif (standalone(i) and repeats[norm(t)] >= 2 and not TABLE_CAPTION.match(prev_text(i))
              and not TERMINAL.search(t) or standalone(i) and repeats[norm(t)] >= 3):
            drop.add(i)
    return [ln for i, ln in enumerate(lines) if i not in drop]

