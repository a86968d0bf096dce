"""Bibliographic metadata from the first page and the PDF's own metadata.

The DOI comes from the document information (publishers often put it in Subject) or the
first page; the title from the information dictionary when it reads like a title and agrees
with the page, else the largest text of the first page; authors from the block under the
title (names separated by commas and 'and'), else the information dictionary; the year from
the latest date printed on the first page (received < accepted < published), else the file's
creation date. None of it is trusted: entries are written with `confirmed = false`.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter

from qa.ingest.pdf.blocks import Block

DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>,;]+)", re.I)
YEAR = r"(?:19|20)\d\d"
MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
         r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
DATED_YEAR = re.compile(
    rf"(?:\b{MONTH}\s+(?:\d{{1,2}},?\s+)?({YEAR})\b|\b\d{{1,2}}\s+{MONTH},?\s+({YEAR})\b"
    rf"|(?:©|\(c\)|copyright)\s*({YEAR})\b|\b({YEAR})[-/.](?:0?[1-9]|1[0-2])[-/.](?:[0-3]?\d)\b"
    rf"|\b(?:published|posted|accepted|received)\D{{0,30}}({YEAR})\b)", re.I)
SCRIPT = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺,*†‡§¶#]+")
NAME = re.compile(r"^[A-ZÀ-Þ][\w'’.-]*(?:\s+(?:[A-ZÀ-Þ][\w'’.-]*|de|da|van|von|der|del|la|le|dos|du))*"
                  r"\s+[A-ZÀ-Þ][\w'’-]+$")


def clean_doi(doi: str) -> str:
    return doi.rstrip(".)]}").strip()


PUBLISHED_DOI = re.compile(r"\b(?:published|accepted|received)\b[\s\S]{0,120}?\b(10\.\d{4,9}/[^\s\"<>,;]+)", re.I)


def find_doi(info: dict[str, str], first_page_text: str, furniture_text: str = "", last_page_text: str = "") -> str:
    """The article's own DOI: PDF information, else the first page and running headers/footers
    (most frequent; a DOI cut by a line break is the shorter prefix and loses), else a DOI
    printed next to the publication dates (some journals put it at the end)."""
    for key in ("Subject", "Keywords", "Title"):
        m = DOI.search(info.get(key, "") or "")
        if m:
            return clean_doi(m.group(1))
    found = Counter(clean_doi(m.group(1)) for m in DOI.finditer(first_page_text + "\n" + furniture_text))
    whole = [d for d in found if not any(o != d and o.startswith(d) for o in found)]
    if whole:
        return max(whole, key=lambda d: found[d])
    m = PUBLISHED_DOI.search(last_page_text)
    return clean_doi(m.group(1)) if m else ""


# The article citing itself on its first page or in its running footer:
# 'eLife 2023;12:RP91357', '(2024) 15:725', 'BMC Biol 2024, 22:12', 'Sci. Adv. 9, eadd4623 (2023)'.
SELF_CITATION_YEAR = re.compile(
    rf"\b({YEAR})\s*[;,]\s*\d{{1,4}}\s*[:(]|\(({YEAR})\)\s*\d{{1,4}}\s*:|\b\d{{1,4}},\s*e?\w*\d+\s*\(({YEAR})\)")


def find_year(first_page_text: str, info: dict[str, str], own_text: str = "") -> int | None:
    """The year the article cites itself with (in its front matter or running headers and
    footers: `own_text`), else the latest date on the first page, else the file's date."""
    cited = Counter(int(next(g for g in m.groups() if g)) for m in SELF_CITATION_YEAR.finditer(own_text))
    if cited:
        return cited.most_common(1)[0][0]
    years = [int(next(g for g in m.groups() if g)) for m in DATED_YEAR.finditer(first_page_text)]
    created = re.match(r"D:(\d{4})", info.get("CreationDate", "") or "")
    limit = int(created.group(1)) + 1 if created else 2100
    years = [y for y in years if y <= limit]
    if years:
        return max(years)
    return int(created.group(1)) if created else None


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z]{3,}", text)}


def find_title(info: dict[str, str], first_page: list[Block]) -> tuple[str, Block | None]:
    """The title and its block on the first page (if found there)."""
    candidates = [b for b in first_page if 2 <= b.words <= 60 and len(b.lines) <= 6]
    block = max(candidates, key=lambda b: (round(b.size, 1), -b.top), default=None)
    meta = (info.get("Title") or "").strip()
    if meta and len(meta.split()) >= 3 and not re.search(r"\.(?:docx?|pdf|tex)$|^microsoft|untitled", meta, re.I):
        for b in first_page:
            if len(_words(meta) & _words(b.text)) >= 0.6 * len(_words(meta)):
                return meta, b
        if block is None or len(_words(meta) & _words(block.text)) >= 0.5 * len(_words(meta)):
            return meta, block
    if block is None:
        return meta, None
    return re.sub(r"\s+", " ", SCRIPT.sub("", block.text)).strip(), block


# an accent set as its own character after its letter in a name ('Andre´s'), and the marks that
# flag corresponding or equal-contribution authors ('Yang Shi *', 'Li H†')
_NAME_ACCENT = re.compile(r"([^\W\d_])([´`¨ˆ˜])")
_ACCENTS = {"´": "\u0301", "`": "\u0300", "¨": "\u0308", "ˆ": "\u0302", "˜": "\u0303"}
_AUTHOR_MARKS = re.compile(r"[*†‡§¶#✉]+")


def split_names(text: str) -> list[str]:
    text = SCRIPT.sub(",", text)
    text = _NAME_ACCENT.sub(lambda m: unicodedata.normalize("NFC", m.group(1) + _ACCENTS[m.group(2)]), text)
    text = _AUTHOR_MARKS.sub(",", text)
    parts = re.split(r"\s*,\s*|\s+(?:and|&)\s+|;\s*", text)
    parts = [re.sub(r"^(?:and|&)\s+", "", p.strip()) for p in parts]  # ', and Yang Shi'
    return [re.sub(r"\s+", " ", p).strip(" .") for p in parts if p.strip(" .")]


def surname_first(name: str) -> str:
    """'Marco Herrera-Barrera' -> 'Herrera-Barrera M'; 'Yuri I. Wolf' -> 'Wolf YI'."""
    words = name.split()
    if len(words) < 2:
        return name
    initials = "".join(w[0] for w in words[:-1] if w[:1].isupper())
    return f"{words[-1]} {initials}"


def same_text(a: str, b: str) -> bool:
    """b carries most of a's words (a title found again on another page)."""
    wa = _words(a)
    return bool(wa) and len(wa & _words(b)) >= 0.8 * len(wa)


def _names(text: str) -> tuple[list[str], int]:
    """The name-like items of a text (2-5 capitalised words) and how many items it has."""
    names = split_names(text)
    return [n for n in names if NAME.match(n) and len(n.split()) <= 5], len(names)


def _name_block(b: Block) -> bool:
    good, total = _names(" ".join(ln.bare for ln in b.lines))
    return bool(good) and len(good) >= 0.6 * total


def find_authors(info: dict[str, str], front: list[Block], fragments: list[Block] = ()) -> list[str]:
    """The author list: the most name-like front-matter block (items that are 2-5 capitalised
    words), with the name-like pieces on its rows. A justified author line with affiliation marks
    breaks into pieces that reading order may put apart ("Yamin Gong a,b,1, Zhifeng Wang a,1" |
    ", Wen Zong c,1" | ", Ruifeng Shi ..."), and a short piece may be taken for figure lettering:
    a name-like block or `fragments` block (figure lettering of the same pages) sitting on a row
    of the list beside it, with names the list lacks, joins it, and the rows are read from the top,
    left to right. A second list repeating the same names (a highlights box) does not join."""
    named = [b for b in front if _name_block(b)]
    if not named:
        meta = info.get("Author") or ""
        return [surname_first(n) for n in split_names(meta) if NAME.match(n)]

    def text_of(lines: list) -> str:
        return " ".join(ln.bare for ln in lines)

    best = max(named, key=lambda b: len(_names(text_of(b.lines))[0]))
    lines = list(best.lines)
    have = set(_names(text_of(lines))[0])
    others = [b for b in [*named, *(f for f in fragments if _name_block(f))] if b is not best]
    grown = True
    while grown:  # pieces chain: each joins when it sits on a row already in the list
        grown = False
        for b in others:
            new = [n for n in _names(text_of(b.lines))[0] if n not in have]
            if not new or not any(abs(ln.base - own.base) <= 0.5 * max(own.size, 1.0) and
                                  (ln.x0 >= own.x1 or ln.x1 <= own.x0) for ln in b.lines for own in lines):
                continue
            lines.extend(b.lines)
            have.update(new)
            grown = True
    if len(lines) > len(best.lines):  # rows from the top (a row's pieces within half a line), then left to right
        rows: list[list] = []
        for ln in sorted(lines, key=lambda ln: -ln.base):
            if rows and abs(rows[-1][0].base - ln.base) <= 0.5 * max(ln.size, 1.0):
                rows[-1].append(ln)
            else:
                rows.append([ln])
        lines = [ln for row in rows for ln in sorted(row, key=lambda ln: ln.x0)]
    names = _names(text_of(lines))[0]
    return [surname_first(n) for n in dict.fromkeys(names)]


def find_journal(info: dict[str, str], page_text: str = "") -> str:
    """The journal named by the metadata's Subject ("Cell Reports, 37 (2021) 109967. doi:..."),
    spelled as the pages print it: producers drop spaces in the metadata ("CellReports"), so a
    name whose letters run the same as words on the pages takes the pages' spacing."""
    subject = (info.get("Subject") or "").strip()
    if not subject or len(subject) > 150:
        return ""
    head = re.split(r",|\bdoi\b|\s\d|https?://", subject, maxsplit=1, flags=re.I)[0].strip(" .,:;")
    if not head or re.search(r"\barticle\b|\breview\b|\bpaper\b", head, re.I) or len(head) > 80:
        return ""
    return _as_printed(head, page_text)


def _as_printed(name: str, page_text: str) -> str:
    letters = [c for c in name if not c.isspace()]
    if not page_text or not letters:
        return name
    pattern = r"\s*".join(re.escape(c) for c in letters)
    found = re.search(rf"(?<!\w){pattern}(?!\w)", page_text)
    return " ".join(found.group(0).split()) if found else name
