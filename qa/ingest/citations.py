"""In-text citations: detect a document's citation style and find every citation with offsets.

Four printed styles are recognised from evidence in the text itself, never from per-document
configuration: numbered brackets (`[24-26]`), numbered parentheses (`(1–3)`, qa.ingest.numbered),
superscript numbers (Unicode, or glued to the text by extraction: `chondrocytes.1,2`,
qa.ingest.numbered) and author-year (`(Sun et al., 2010)`). Too little evidence gives the style
'unknown'. Wrong citation keys are worse than none, so every rule prefers missing a citation
over inventing one.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Sequence

from qa.ingest.numbered import expand as expand_numbers  # one rule for lists and ranges
from qa.ingest.numbered import LEAD_WORDS, paren_groups, superscript_groups
from qa.models import Citation, CitationStyle

Spans = Iterable[tuple[int, int]]

# ---------------------------------------------------------------- shared name/year patterns
YEAR = r"(?<!\d)(?:1[89]|20)\d{2}[a-z]?(?![\d])"
_UPPER = "A-ZÀ-ÖØ-Þ"
_LETTERS = r"[^\W\d_]"
# Lowercase name particles ("de Lima", "van Eekelen") and capitalised ones ("Le Blanc").
PARTICLES = {"de", "del", "della", "der", "den", "di", "da", "dos", "du", "la", "le", "van", "von",
             "ter", "ten"}
_PARTICLE_RE = "|".join(sorted(PARTICLES, key=len, reverse=True))
NAME_WORD = rf"(?:[{_UPPER}]{_LETTERS}*(?:[-'’]{_LETTERS}+)*|(?:{_PARTICLE_RE})(?=\s))"
NAME = rf"{NAME_WORD}(?:\s+{NAME_WORD}){{0,2}}"
ET_AL = r"\w?et\.?\s*al\b\.?"  # also the printed typos "et. al.", "wet al."
AUTHORS = (
    rf"(?P<first>{NAME})(?:(?:\s*,\s*{NAME})*\s*(?:,\s*)?(?:and|&)\s+{NAME})?"
    rf"(?:\s+{ET_AL}|\s+and\s+colleagues)?"
)
_ITEM_RE = re.compile(
    rf"^(?:[a-z][a-z.,:]*\s+){{0,3}}(?P<authors>{AUTHORS})\s*,?\s*(?P<year>{YEAR})$"
)
_YEAR_RE = re.compile(YEAR)
_GROUP_RE = re.compile(r"[(\[]([^()\[\]]{4,400})[)\]]")
_NARRATIVE_RE = re.compile(
    rf"(?<![\w-])(?P<name>{NAME})\s+(?P<tail>{ET_AL}|and\s+colleagues)"
    rf"(?:\s*\((?P<year>{YEAR})\)|,\s*(?P<year2>{YEAR})(?![\w-]))?"
)
# "investigation by Akiyama": only for surnames the document cites in parentheses elsewhere;
# "by X and Y" is left alone (a two-author mention may be a different work of X).
_BY_NAME_RE = re.compile(
    rf"\bby\s+(?P<name>{NAME_WORD}(?:\s+{NAME_WORD})?)(?![\w-])(?!\s+(?:and|&)\s+[{_UPPER}])"
)

# ---------------------------------------------------------------- numeric patterns
_DASH = "-–—"
_BRACKET_ITEM = rf"\d{{1,4}}(?:\s*[{_DASH}]\s*\d{{1,4}})?"
_BRACKET_RE = re.compile(rf"\[(?![ \t])\s*({_BRACKET_ITEM}(?:\s*[,;]\s*{_BRACKET_ITEM})*)\s*\]")
# '[see 12]', '[reviewed in 3, 4]': read in a bracket-numbered article, not taken as its evidence
_LED_BRACKET_RE = re.compile(
    rf"\[(?![ \t])\s*(?i:{LEAD_WORDS})({_BRACKET_ITEM}(?:\s*[,;]\s*{_BRACKET_ITEM})*)\s*\]")


def fold(name: str) -> str:
    """ASCII-fold a printed surname ('Carrión' -> 'Carrion') for keys and comparisons."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("’", "'")


def _inside(pos: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start <= pos < end for start, end in spans)


# ---------------------------------------------------------------- numeric brackets
def _notation(text: str, match: re.Match[str]) -> bool:
    """Brackets set inside a word on both sides ('P[48]Rev1', a genotype or formula) are
    notation, not a citation (a citation has a space or punctuation after it)."""
    start, end = match.span()
    return start > 0 and text[start - 1].isalnum() and end < len(text) and text[end].isalpha()


def _bracket_citations(text: str, skip: Sequence[tuple[int, int]]) -> list[Citation]:
    found: list[Citation] = []
    for match in _LED_BRACKET_RE.finditer(text):
        if _inside(match.start(), skip) or _notation(text, match):
            continue
        numbers = [n for n in expand_numbers(match.group(1)) if n > 0]
        for number in numbers:
            found.append(Citation(key=str(number), label=match.group(0), start=match.start(),
                                  end=match.end(), style="numeric"))
    return found


# ---------------------------------------------------------------- parentheses and superscripts
def _numbered_citations(groups: list[tuple[int, int, list[int]]], text: str,
                        style: CitationStyle) -> list[Citation]:
    return [Citation(key=str(n), label=text[start:end], start=start, end=end, style=style)
            for start, end, numbers in groups for n in numbers]


# ---------------------------------------------------------------- author-year
def _first_surname(first: str, known: set[str] | None = None) -> str:
    """Surname out of a run of capitalised words: 'Recently Sun' -> 'Sun', 'Le Blanc' kept."""
    words = first.split()
    if known:
        for i in range(len(words)):
            if fold(" ".join(words[i:])).lower() in known:
                return " ".join(words[i:])
    surname = [words[-1]]
    for word in reversed(words[:-1]):
        if word.lower() not in PARTICLES:
            break
        surname.insert(0, word)
    return " ".join(surname)


ParenItem = tuple[int, int, str, str, bool, int, int]


def _whole_surname(chunk: str, first: str, listed: set[str]) -> str:
    """'Carrillo Oesterreich' / 'de la Mata' when the reference list has that surname and the
    chunk prints words before the matched name."""
    if not listed:
        return first
    words = chunk.split()
    pos = next((i for i, w in enumerate(words) if w == first.split()[0]), None)
    if pos is None:
        return first
    for k in range(max(0, pos - 3), pos):
        candidate = " ".join(words[k:pos] + first.split())
        if fold(candidate).lower() in listed:
            return candidate
    return first


def _parenthetical_items(text: str, skip: Sequence[tuple[int, int]],
                         listed: set[str] | None = None) -> list[ParenItem]:
    """(start, end, surname, year, alone, group_start, group_end) for each author-year item."""
    items = []
    for group in _GROUP_RE.finditer(text):
        if _inside(group.start(), skip) or "://" in group.group(1) or "www." in group.group(1):
            continue
        content_start = group.start(1)
        content = group.group(1)
        found = []
        cursor = 0
        for year in _YEAR_RE.finditer(content):
            chunk = content[cursor:year.end()]
            # '(RUNX1; Lam et al., 2014)': only the part after the last ';' is the item
            semi = chunk.rfind(";")
            lead = semi + 1 if semi >= 0 else 0
            lead += len(chunk[lead:]) - len(chunk[lead:].lstrip(" \t\n;,"))
            cursor = year.end()
            match = _ITEM_RE.match(" ".join(chunk[lead:].split()))
            if not match:
                if found and lead and chunk[lead:] == year.group(0):  # '(Sun et al., 2009, 2010)'
                    found.append((content_start + year.start(), content_start + year.end(),
                                  found[-1][2], year.group(0)))
                continue
            first = _whole_surname(chunk[lead:], match.group("first"), listed or set())
            offset = chunk[lead:].find(first.split()[0])
            found.append((content_start + cursor - len(chunk) + lead + max(offset, 0),
                          content_start + year.end(), first, year.group(0)))
        rest = content[cursor:].strip(" .;,")
        alone = len(found) == 1 and not rest
        for start, end, surname, year in found:
            if alone:
                start, end = group.start(), group.end()
            items.append((start, end, surname, year, alone, group.start(), group.end()))
    return items


def _author_year_citations(text: str, skip: Sequence[tuple[int, int]],
                           listed: set[str] | None = None) -> list[Citation]:
    items = _parenthetical_items(text, skip, listed or set())
    found = [Citation(key=f"{fold(surname)} {year}", label=text[start:end], start=start, end=end,
                      style="author_year") for start, end, surname, year, *_ in items]
    covered = sorted({(gs, ge) for *_, gs, ge in items})
    known = {fold(s).lower() for _, _, s, *_ in items} | (listed or set())
    paragraphs = [m.start() for m in re.finditer(r"\n\s*\n", text)]

    def paragraph(pos: int) -> int:
        return bisect_right(paragraphs, pos)

    by_name: dict[str, list[tuple[int, str]]] = {}  # one pass, not one per mention (long texts)
    for s, _e, n, y, *_ in items:
        by_name.setdefault(fold(n).lower(), []).append((s, y))

    def year_for(surname: str, pos: int) -> str | None:
        same = by_name.get(fold(surname).lower(), [])
        local = [(s, y) for s, y in same if paragraph(s) == paragraph(pos)]
        following = [(s, y) for s, y in local if s >= pos]
        if following:
            return min(following)[1]
        if local:
            return max(local)[1]
        years = {y for _s, y in same}
        return years.pop() if len(years) == 1 else None

    def add_narrative(start: int, end: int, surname: str, year: str | None) -> None:
        if _inside(start, skip) or _inside(start, covered):
            return
        year = year or year_for(surname, start)
        if not year and fold(surname).lower() not in known:
            # "Blanco et al. investigate ..." with no year, a name the document neither cites with a
            # year nor lists: an article's own authors in its summary, not a cited study
            return
        key = f"{fold(surname)} {year}" if year else fold(surname)
        found.append(Citation(key=key, label=text[start:end], start=start, end=end, style="author_year"))

    taken: list[tuple[int, int]] = []
    for match in _NARRATIVE_RE.finditer(text):
        surname = _first_surname(match.group("name"), known)
        start = match.start("name") + match.group("name").rfind(surname.split()[0])
        year = match.group("year") or match.group("year2")
        end = match.end() if year else match.end("tail")
        taken.append((start, end))
        add_narrative(start, end, surname, year)
    for match in _BY_NAME_RE.finditer(text):
        name = match.group("name")
        surname = next((" ".join(name.split()[:k]) for k in (2, 1)
                        if fold(" ".join(name.split()[:k])).lower() in known), None)
        if surname is None or _inside(match.start("name"), taken):
            continue
        start = match.start("name")
        add_narrative(start, start + len(surname), surname, None)
    return found


# ---------------------------------------------------------------- listed works, no parentheses
# "as described by Pandya-Jones and Black, 2009", "Langmead and Salzberg (2012)", "(Kosarek et al.
# 2008)" in a numbered article: read only when the reference list holds an entry whose first
# author and year are the mention's, so a name and a year that cite nothing are never a citation.
_LISTED_AUTHORS = (  # AUTHORS with at most six names before 'and': linear on a long capitalised list
    rf"(?P<first>{NAME})(?:(?:\s*,\s*{NAME}){{0,6}}\s*(?:,\s*)?(?:and|&)\s+{NAME})?"
    rf"(?:\s+{ET_AL}|\s+and\s+colleagues)?"
)
_LISTED_RE = re.compile(
    rf"(?<![\w-])(?P<authors>{_LISTED_AUTHORS})(?:\s*[,.]?\s*(?P<year>{YEAR})|\s*\((?P<year2>{YEAR})\))"
    rf"(?![\w/–-])"
)


def work_key(surname: str, year: str) -> str:
    """The lookup key of a listed work: folded lowercase first surname and year ('sun 2010a')."""
    return f"{fold(surname).lower()} {year.lower()}"


def _listed_mentions(text: str, skip: Sequence[tuple[int, int]], taken: Sequence[tuple[int, int]],
                     works: dict[str, str], style: CitationStyle) -> list[Citation]:
    """Author-year mentions outside what the style's reading found, each naming a listed work.

    `works`: work_key -> citation key (the author-year key, or an entry's number in a numbered
    list). A year without its printed letter ('2010' for 'Sun 2010a') counts only when the list
    holds one such work."""
    listed = {key.rsplit(" ", 1)[0] for key in works}
    found = []
    for match in _LISTED_RE.finditer(text):
        first = _whole_surname(match.group("authors"), match.group("first"), listed)
        surname = _first_surname(first, listed)
        year = match.group("year") or match.group("year2")
        key = works.get(work_key(surname, year))
        start = match.start("authors") + match.group("authors").find(surname.split()[0])
        if key is None or _inside(start, skip) or any(start <= s < match.end() or s <= start < e
                                                      for s, e in taken):
            continue
        cited = key if key.isdigit() else f"{fold(surname)} {year}"
        found.append(Citation(key=cited, label=text[start:match.end()], start=start,
                              end=match.end(), style=style))
    return found


# ---------------------------------------------------------------- public API
def style_evidence(text: str, skip_spans: Spans = (), limit: int | None = None) -> dict[str, int]:
    """How many citations of each printed style the text holds (the evidence for its style)."""
    skip = list(skip_spans)
    return {
        "numeric": len({m.start() for m in _BRACKET_RE.finditer(text)
                        if not _inside(m.start(), skip) and not _notation(text, m) and (not limit or max(expand_numbers(m.group(1)) or [0]) <= limit)}),
        "numeric_paren": len(paren_groups(text, skip, limit)),
        "author_year": len(_parenthetical_items(text, skip)),
        "superscript": len(superscript_groups(text, skip, limit, firm_only=True)),
    }


def detect_style(text: str, skip_spans: Spans = (), limit: int | None = None) -> CitationStyle:
    """The style with the most evidence, or 'unknown' when there is too little to tell.

    `limit`: the reference list's size (largest entry number) when the document has a
    numbered list; numbers above it are not citations. Glued digits and bare parenthesised
    numbers are weaker evidence than brackets or author-year, so they need several instances.
    """
    counts = style_evidence(text, skip_spans, limit)
    style = max(counts, key=lambda s: counts[s])
    needed = 3 if style in ("superscript", "numeric_paren") else 1
    return style if counts[style] >= needed else "unknown"  # type: ignore[return-value]


def find_citations(
    text: str, style: CitationStyle | None = None, skip_spans: Spans = (),
    limit: int | None = None, surnames: Iterable[str] = (), works: dict[str, str] | None = None,
) -> list[Citation]:
    """Every in-text citation of `style` (detected when None), one per key, sorted by offset.

    Citations starting inside `skip_spans` (reference list, abbreviation list) are ignored.
    Range labels expand to one Citation per key, all sharing the printed label and offsets.
    `surnames`: first authors' surnames of the reference list, so multi-word surnames
    ('Carrillo Oesterreich', 'de la Mata') are read whole. `works`: the reference list's works
    (work_key -> citation key); author-year mentions the style's reading misses are read when
    they name one of them (`_listed_mentions`).
    """
    skip = list(skip_spans)
    style = style or detect_style(text, skip, limit)
    if style == "numeric":
        found = _bracket_citations(text, skip)
    elif style == "numeric_paren":
        found = _numbered_citations(paren_groups(text, skip, limit), text, "numeric_paren")
    elif style == "superscript":
        found = _numbered_citations(superscript_groups(text, skip, limit), text, "superscript")
    elif style == "author_year":
        found = _author_year_citations(text, skip, {fold(s).lower() for s in surnames})
    else:
        found = []
    if works and style in ("numeric", "numeric_paren", "superscript", "author_year"):
        taken = [(c.start, c.end) for c in found]
        found += _listed_mentions(text, skip, taken, works, style)
    return sorted(found, key=lambda c: (c.start, c.end))
