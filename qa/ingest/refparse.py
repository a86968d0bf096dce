"""Parse one reference entry into authors, year, title, journal, volume, pages and DOI.

No maintained Python parser fits offline use on PDF-extracted text (GROBID and AnyStyle are
services / Ruby, CRF parsers need trained models), so the entry is read with a few regular
shapes that cover the printed styles of biomedical journals: the year right after the authors
('Smith J, Li K. 2014. Title.' / 'Smith, J. (2014). Title.'), or in the tail
('Title. J Biol. 2014;3:1-9.', 'Title. Nature 541, 353–358 (2017).', 'Title. Cancers 2018, 25,
S1.'); authors as 'Smith JK', 'Smith, J.K.' or 'J. K. Smith'. A field that cannot be read is
left empty rather than guessed.
"""
from __future__ import annotations

import re

YEAR = r"(?:1[89]|20)\d{2}"
DOI_RE = re.compile(r"(?:doi\s*:?\s*|(?:https?://(?:dx\.)?)?doi\.org/\s*|DOI:\s*(?:https?://(?:dx\.)?doi\.\s*org/)?)?"
                    r"(10\s?\.\s?\d{4,9}/\s?[^\s,;\]]+)", re.I)
# A DOI broken by a line end goes on after the space when the break falls at one of its
# separators: the part before ends in '.', '-', '/', '(' or the part after starts with '.', '-',
# ')' ('jcm.35.6.1394-1397 .1997', '1462 -2920.14565', 'j. molcel.2020.12.018', '0092-8674(
# 80)90...', 'eLife. 03939'), or inside a word when the rest ends the entry ('wormb ook.1.138.1'),
# and the part after is one run of DOI characters holding a digit or a dot before the entry goes
# on (a comma, PMID, the end), never a word of the entry's text nor a year.
_DOI_MORE = re.compile(r"\s([.\-)]?[\w.\-()/:<>]*[\d.][\w.\-()/:<>]*)(?=[,;\]]|\s+(?:PMID|PubMed|\[)|\s*$)")


def find_doi(text: str) -> tuple[str, int, int] | None:
    """(DOI, start, end) of the entry's DOI, joined across line-break spaces, or None."""
    m = DOI_RE.search(text)
    if not m:
        return None
    doi, end = m.group(1), m.end()
    while True:
        more = _DOI_MORE.match(text, end)
        part = more.group(1) if more else ""
        at_separator = doi[-1] in ".-/(" or part[:1] in ".-)"
        mid_word = re.match(r"[a-z]+\.\d", part) is not None  # 'wormb ook.1.138.1', the entry's end
        if not more or not (at_separator or mid_word) or re.fullmatch(YEAR + r"\.?", part):
            break  # a year after the DOI is the entry's, not the DOI's
        doi, end = doi + more.group(1), more.end()
    return re.sub(r"\s+", "", doi).rstrip("."), m.start(), end
_TRAILER = re.compile(r"(?:\s*\[(?:CrossRef|PubMed|Google Scholar|PMC free article)\])+|"
                      r"\s*(?:PubMed\s+)?PMID:?\s*\d+.*$|\s*Epub\b.*?(?=\bdoi\b|$)|"
                      r"\s*(?:https?://|DOI:)\S*(?:\s+\S+)?\s*$", re.I)
_INIT = r"(?:[A-ZÀ-Þ]\.?\s?-?){1,4}"
_PARTICLES = "de|da|del|della|der|den|di|dos|du|el|la|le|van|von|ten|ter"
_PART = rf"(?:(?:{_PARTICLES})\s|(?:al|el)-){{0,3}}"
_SUR = rf"{_PART}[A-ZÀ-Þ][\w'’\-]*(?:\s{_PART}[A-ZÀ-Þ][\w'’\-]*){{0,2}}"
# 'Smith JK' (no dots), 'Smith, J. K.' / 'Supek,F.', 'J. K. Smith'
# a generation after the initials: 'Marr MT II', 'Kaelin, W.G., Jr.', 'Drury, W.J., 3rd'
GENERATION = r"(?:Jr|Sr|II|III|IV|[2-4](?:nd|rd|th))"  # 'Jr', 'III', '3rd' after a name
_GEN = rf"(?:,?\s{GENERATION}\.?(?=[,;.]?\s|[,;.]?$))?"
_VANC = rf"{_SUR}\s[A-ZÀ-Þ]{{1,4}}(?:-[A-ZÀ-Þ]{{1,3}})?\b{_GEN}"  # 'Tang C-HA'
# initials may end in a particle's lowercase one ('Eynden,J.V.d.' for 'van den Eynden')
_COMMA = rf"{_SUR},\s?[A-ZÀ-Þ][a-z]?\.(?:\s?-?(?:[A-ZÀ-Þ][a-z]?|[a-z])\.){{0,3}}{_GEN}"
_FIRSTI = rf"(?:[A-ZÀ-Þ]\.\s?-?\s?){{1,4}}\s?{_SUR}"
_ETAL = r"(?:[,;]?\s*et\s+al\.?)"
_SEP = r"(?:\s*[,;]\s*(?:and\s+|&\s+)?|\s*(?:and|&)\s+)"
AUTHORS_RE = {
    name: re.compile(rf"^(?P<authors>{a}(?:{_SEP}{a})*{_ETAL}?)(?P<end>\s*[.,]?\s*)")
    for name, a in (("comma", _COMMA), ("first_initials", _FIRSTI), ("vancouver", _VANC))
}
_YEAR_FIRST = re.compile(rf"^\s*[.,]?\s*(?:\((?P<pyear>{YEAR})(?P<psuffix>[a-z]?)\)[.,:]?|"
                         rf"(?P<year>{YEAR})(?P<suffix>[a-z]?)[.,:])\s+")
_JOURNAL_WORD = re.compile(r"^(?:[A-ZÀ-Þ(&][\w.()’'&:-]*|\d+\)?|of|and|in|the|for|de|und|et|&)$")


def _journal_like(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= 9 and all(_JOURNAL_WORD.match(w) for w in words)


def split_title_journal(text: str) -> tuple[str, str]:
    """'Title words. Journal Abbrev.' -> (title, journal): the earliest sentence break after
    which every word looks like a journal name (capitalised or abbreviated)."""
    text = text.strip()
    for m in re.finditer(r"[.?!]\s+", text):
        rest = text[m.end():].strip(" .,")
        if len(text[:m.start()].split()) >= 2 and _journal_like(rest):
            return text[:m.start() + 1].strip().rstrip("."), rest
    return text.rstrip(". "), ""


_TAILS = (
    # 'Nature 541, 353–358 (2017)' / 'Biomed. Pharmacother. 155, 113797 (2022)' / 'Mol. Cell 71, 319–331.e3 (2018)'
    re.compile(rf"(?P<head>.*?)\s(?P<volume>[A-Z]?\d+[A-Za-z]?(?:\s?\([^)]*\))?),\s*(?P<pages>[\w–\-]+(?:\.e\d+)?)\s*\((?P<year>{YEAR})[a-z]?\)\.?\s*$"),
    # 'Curr Opin Struct Biol. 2023;81(4):102618' (Vancouver)
    re.compile(rf"(?P<head>.*?)\s(?P<year>{YEAR})[a-z]?(?:\s+[A-Z][a-z]{{2}}[^;:]{{0,12}})?\s*;\s*(?P<volume>[^:;]{{1,30}}?)\s*(?::\s*(?P<pages>[\w–\-]+))?\.?\s*$"),
    # 'Curr. Oncol. 2018, 25, S142–S150' (MDPI)
    re.compile(rf"(?P<head>.*?)\s(?P<year>{YEAR})[a-z]?,\s*(?P<volume>\d+[\w()\s.]*?),\s*(?P<pages>[\w–\-]+)\.?\s*$"),
    # 'N Engl J Med 370:1198–1208' / 'DNA Repair (Amst.), 81, 102647' (year printed earlier)
    re.compile(r"(?P<head>.*?)[\s,]\s*(?P<volume>\d+(?:\s?\([^)]*\))?)\s*[:,]\s*(?P<pages>[A-Za-z]?\d[\w–\-]*(?:\.e\d+)?)\.?\s*$"),
)


def _authors(text: str) -> tuple[list[str], str]:
    """(author names, the rest after them): the longest author run of any printed shape."""
    best = None
    for name, pattern in AUTHORS_RE.items():
        m = pattern.match(text)
        if m and (best is None or m.end("authors") > best.end("authors")):
            best = m
    form = next((name for name, p in AUTHORS_RE.items() if p is best.re), "corporate") if best else ""
    if best is None:  # corporate author: up to the first '.' or the year
        m = re.match(rf"^(?P<authors>[^.()]+?)(?P<end>\.\s+|\s(?=\(?{YEAR}))", text)
        if not m:
            return [], text
        best, form = m, "corporate"
    authors, end = best.group("authors"), best.end()
    # a group author closing the list: '..., Fridkin SK, Emerging Infections ... Team. 2014.'
    more = re.match(rf"[,;]\s+(?P<group>[^.]{{3,160}}?)\.\s+(?=\(?{YEAR}[a-z]?\)?[.,])", text[best.end("authors"):])
    group = re.match(r"[,;]\s+(?P<group>[A-Z][\w\s-]{2,60}?\b(?:Group|Consortium|Team|Collaboration|"
                     rf"Investigators|Network|Committee|Society|Study))(?:[,.]\s*|\s+(?=\(?{YEAR})|$)",
                     text[best.end("authors"):])  # the whole name: 'COVE Study Group', not 'COVE Study'
    if more:
        authors, end = authors + ", " + more.group("group"), best.end("authors") + more.end()
    elif group:
        authors, end = authors + ", " + group.group("group"), best.end("authors") + group.end()
    authors = re.sub(rf"{_ETAL}$", "", authors.strip())
    separator = {"comma": r"(?<=\.)\s*[,;]\s*(?:and\s+|&\s+)?|\s*;\s*|\s+(?:and|&)\s+|(?<=\.)(?:and|&)\s+"}.get(
        form, r"\s*[,;]\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+")
    names: list[str] = []
    for n in (n.strip(" ,;") for n in re.split(separator, authors)):
        if names and re.fullmatch(GENERATION + r"\.?", n):
            names[-1] += ", " + n  # 'Kaelin, W.G., Jr.': the generation belongs to the name before
        elif n and not re.fullmatch(r"et\s+al\.?", n):
            names.append(n)
    return names, text[end:]


_GENERATION = re.compile(r"(?:Jr|Sr|II|III|IV)\.?")  # 'Brannagan III', 'Frenck RW Jr'


def _initials(word: str, dotted: bool) -> bool:
    """'A.', 'J.-P.', 'AA.' (or, undotted, 'JK' / 'RW'): a word of one to four capital letters."""
    letters = word.replace(".", "").replace("-", "")
    return (0 < len(letters) <= 4 and letters.isalpha() and letters.isupper()
            and ("." in word or not dotted))


def first_surname(author: str) -> str:
    """'Le Blanc K' / 'Supek, F.' / 'K. A. Whitehead' / 'J.-P. de la Fuente' / 'Zaremba-Niedzwiedzka,
    K.' -> the surname: before a comma, after initials printed first (dotted: 'A. A. Demin'),
    or before initials printed last ('Le Blanc K'); 'Jr' / 'III' after a name are not it."""
    author = author.strip()
    if "," in author:
        return author.split(",")[0].strip()
    words = author.split()
    while len(words) > 1 and _GENERATION.fullmatch(words[-1]):
        words.pop()
    rest = words[:]
    while len(rest) > 1 and _initials(rest[0], dotted=True):
        rest.pop(0)
    if len(rest) < len(words) and len(rest) <= 4 and all(
            w[0].isupper() or re.fullmatch(rf"(?:{_PARTICLES})|(?:al|el)-\w+", w) for w in rest):
        return " ".join(rest)  # not 'U.S. Food and Drug Administration'
    while len(words) > 1 and _initials(words[-1], dotted=False):
        words.pop()
    return " ".join(words)


# a year standing as its own token: not inside a grant number ('2022YFA0803000'), an
# identifier or a range ('1998–2005', '319–2018'); an 'a'/'b' suffix may follow ('2010a')
_YEAR_TOKEN = re.compile(rf"(?<![\w/–-])({YEAR})([a-z]?)(?![\w–-])")
_PLACED_AFTER = re.compile(r"\)|[.,;:]\s*(?:\d|$)")  # '(2018)', 'J Biol 2014;3:1', '2018, 25, 1'


def entry_year(text: str) -> tuple[int, str] | None:
    """(year, suffix) of an entry whose year no printed shape placed: the last year where
    entries print it (in parentheses, or before the volume) if any, else the last year token."""
    found = list(_YEAR_TOKEN.finditer(text))

    def placed(m: re.Match[str]) -> bool:
        after = _PLACED_AFTER.match(text, m.end())
        return bool(after) and (after.group(0) != ")" or text[:m.start()].endswith("("))

    best = [m for m in found if placed(m)] or found
    return (int(best[-1].group(1)), best[-1].group(2)) if best else None


def parse_entry(text: str) -> dict[str, object]:
    """Fields of one entry (the entry number already removed)."""
    fields: dict[str, object] = {"authors": [], "title": "", "journal": "", "year": None,
                                 "volume": "", "pages": "", "doi": "", "suffix": ""}
    doi = find_doi(text)
    if doi:
        fields["doi"] = doi[0]
        text = (text[:doi[1]] + text[doi[2]:]).strip()
    text = re.sub(r"\s*(?:https?://\S*|DOI:?|doi:?)\s*$", "", text)
    for _ in range(3):
        text = _TRAILER.sub("", text).strip().rstrip(" ,;")
    authors, rest = _authors(text)
    fields["authors"] = authors
    year_first = _YEAR_FIRST.match(rest)
    if year_first:  # 'Smith J. 2014. Title. Journal 3:1-9.' / 'Smith, J. (2014). Title.'
        fields["year"] = int(year_first.group("year") or year_first.group("pyear"))
        fields["suffix"] = year_first.group("suffix") or year_first.group("psuffix") or ""
        rest = rest[year_first.end():]
    rest = rest.strip()
    for tail in _TAILS:
        m = tail.match(rest)
        if not m or ("year" in m.groupdict() and m.groupdict().get("year") is None and not year_first):
            continue
        if "year" in tail.groupindex:
            if fields["year"] is None:
                fields["year"] = int(m.group("year"))
        elif fields["year"] is None:
            continue
        fields["volume"] = (m.group("volume") or "").strip()
        fields["pages"] = (m.group("pages") or "").replace(" ", "")
        title, journal = split_title_journal(m.group("head"))
        fields["title"], fields["journal"] = title, journal.strip(" ,.")
        break
    else:
        if fields["year"] is None:
            year = entry_year(rest)
            if year:
                fields["year"], fields["suffix"] = year
        title, journal = split_title_journal(re.sub(rf"\(?{YEAR}[a-z]?\)?\.?\s*$", "", rest))
        fields["title"], fields["journal"] = title, journal
    return fields
