"""In-text citations: detect a document's citation style and find every citation with offsets.

Three printed styles are recognised from evidence in the text itself, never from per-document
configuration: numbered brackets (`[24-26]`), author-year parentheses (`(Sun et al., 2010)`)
and superscript numbers that PDF extraction glued to the text (`chondrocytes.1,2`). Wrong
citation keys are worse than none, so every rule prefers missing a citation over inventing one.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Sequence

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
    rf"(?:\s*\((?P<year>{YEAR})\))?"
)
# "investigation by Akiyama": only for surnames the document cites in parentheses elsewhere;
# "by X and Y" is left alone (a two-author mention may be a different work of X).
_BY_NAME_RE = re.compile(
    rf"\bby\s+(?P<name>{NAME_WORD}(?:\s+{NAME_WORD})?)(?![\w-])(?!\s+(?:and|&)\s+[{_UPPER}])"
)

# ---------------------------------------------------------------- numeric patterns
_DASH = "-–—"
_BRACKET_ITEM = rf"\d{{1,4}}(?:\s*[{_DASH}]\s*\d{{1,4}})?"
_BRACKET_RE = re.compile(rf"\[\s*({_BRACKET_ITEM}(?:\s*[,;]\s*{_BRACKET_ITEM})*)\s*\]")
_SUP_ITEM = rf"\d{{1,3}}(?:[{_DASH}]\d{{1,3}})?"
_SUP_GROUP_RE = re.compile(rf"(?<=[^\s\d]){_SUP_ITEM}(?:,{_SUP_ITEM})*")
# Spelled-out Greek letters carry a name's own digit ('integrin beta1'), never a superscript.
GREEK_NAMES = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa",
               "lambda", "omicron", "sigma", "upsilon", "omega", "tau", "rho", "chi", "psi", "phi"}
_SUP_PUNCT = ".,;:)]’”"
_MAX_RANGE = 200


def fold(name: str) -> str:
    """ASCII-fold a printed surname ('Carrión' -> 'Carrion') for keys and comparisons."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("’", "'")


def expand_numbers(group: str) -> list[int]:
    """'2,10,11' -> [2, 10, 11]; '84-92' -> 84..92. Keeps printed order, drops duplicates."""
    numbers: list[int] = []
    for part in re.split(r"\s*[,;]\s*", group.strip()):
        bounds = [int(b) for b in re.split(rf"\s*[{_DASH}]\s*", part) if b.strip()]
        if len(bounds) == 2 and 0 < bounds[1] - bounds[0] <= _MAX_RANGE:
            values = list(range(bounds[0], bounds[1] + 1))
        else:
            values = bounds
        numbers.extend(v for v in values if v not in numbers)
    return numbers


def _inside(pos: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start <= pos < end for start, end in spans)


# ---------------------------------------------------------------- numeric brackets
def _bracket_citations(text: str, skip: Sequence[tuple[int, int]]) -> list[Citation]:
    found: list[Citation] = []
    for match in _BRACKET_RE.finditer(text):
        if _inside(match.start(), skip):
            continue
        numbers = [n for n in expand_numbers(match.group(1)) if n > 0]
        for number in numbers:
            found.append(Citation(key=str(number), label=match.group(0), start=match.start(),
                                  end=match.end(), style="numeric"))
    return found


# ---------------------------------------------------------------- superscripts
def _superscript_candidates(text: str, skip: Sequence[tuple[int, int]]) -> list[tuple[int, int, bool]]:
    """(start, end, strong) of digit groups glued to the text that may be superscripts.

    Strong: glued to closing punctuation that follows a word ('cells.22-24', 'E2,30,31' after
    dropping the name's own digit). Weak: glued straight to an all-lowercase word ('cells22').
    Digits glued to a hyphen, an uppercase or Greek letter belong to a name (CD105, IL-10, β1).
    """
    candidates: list[tuple[int, int, bool]] = []
    for match in _SUP_GROUP_RE.finditer(text):
        start, end = match.start(), match.end()
        if _inside(start, skip):
            continue
        after = text[end:end + 2]
        if after[:1] and (after[0].isalnum() or after[0] in "%°+×/'’"):
            continue
        if (after[:1] and after[0] in _DASH) or (after[:1] == "." and after[1:2].isdigit()):
            continue
        prev = text[start - 1]
        if prev in _SUP_PUNCT:
            before = text[start - 2] if start >= 2 else " "
            if before.isalpha() or before in ")]%":
                candidates.append((start, end, True))
            continue
        if _glued_to_word(text, start):
            candidates.append((start, end, False))
            continue
        # Name-glued digit (E2, β1, -1, Foxp3): the citation, if any, follows the first comma.
        comma = match.group(0).find(",")
        if comma >= 0:
            candidates.append((start + comma + 1, end, True))
    return candidates


def _glued_to_word(text: str, start: int) -> bool:
    """Digits right after a plain lowercase word ('responses12'), not after 'p53', 'beta1'."""
    word = re.search(r"[a-z]+$", text[max(0, start - 40):start])
    if not word or len(word.group(0)) < 3 or word.group(0) in GREEK_NAMES:
        return False
    lead = text[start - len(word.group(0)) - 1] if start > len(word.group(0)) else " "
    return not (lead.isalnum() or lead in "-/")


def _citation_range(numbers: Iterable[int]) -> int:
    """Upper end of the largest dense cluster of candidate numbers (the document's citation
    range); isolated far-off numbers such as stray exponents fall outside it."""
    values = sorted(set(numbers))
    clusters: list[list[int]] = []
    for value in values:
        if clusters and value - clusters[-1][-1] <= max(10, clusters[-1][-1] // 3):
            clusters[-1].append(value)
        else:
            clusters.append([value])
    if not clusters:
        return 0
    return max(clusters, key=len)[-1]


def _superscript_groups(text: str, skip: Sequence[tuple[int, int]]) -> list[tuple[int, int, list[int]]]:
    """Accepted superscript groups: ascending numbers inside the document's citation range."""
    candidates = []
    for start, end, strong in _superscript_candidates(text, skip):
        numbers = expand_numbers(text[start:end])
        firsts = [int(re.split(rf"[{_DASH}]", p)[0]) for p in text[start:end].split(",")]
        if numbers and all(a < b for a, b in zip(firsts, firsts[1:])) and min(numbers) > 0:
            candidates.append((start, end, strong, numbers))
    top = _citation_range(n for *_, strong, numbers in candidates if strong for n in numbers)
    return [(s, e, nums) for s, e, _strong, nums in candidates if max(nums) <= top]


def _superscript_citations(text: str, skip: Sequence[tuple[int, int]]) -> list[Citation]:
    found: list[Citation] = []
    for start, end, numbers in _superscript_groups(text, skip):
        label = text[start:end]
        found.extend(Citation(key=str(n), label=label, start=start, end=end, style="superscript")
                     for n in numbers)
    return found


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


def _parenthetical_items(text: str, skip: Sequence[tuple[int, int]]) -> list[ParenItem]:
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
            lead = len(chunk) - len(chunk.lstrip(" \t\n;,"))
            cursor = year.end()
            match = _ITEM_RE.match(" ".join(chunk[lead:].split()))
            if not match:
                if found and lead and chunk[lead:] == year.group(0):  # '(Sun et al., 2009, 2010)'
                    found.append((content_start + year.start(), content_start + year.end(),
                                  found[-1][2], year.group(0)))
                continue
            first = match.group("first")
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


def _author_year_citations(text: str, skip: Sequence[tuple[int, int]]) -> list[Citation]:
    items = _parenthetical_items(text, skip)
    found = [Citation(key=f"{fold(surname)} {year}", label=text[start:end], start=start, end=end,
                      style="author_year") for start, end, surname, year, *_ in items]
    covered = sorted({(gs, ge) for *_, gs, ge in items})
    known = {fold(s).lower() for _, _, s, *_ in items}
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
        key = f"{fold(surname)} {year}" if year else fold(surname)
        found.append(Citation(key=key, label=text[start:end], start=start, end=end, style="author_year"))

    taken: list[tuple[int, int]] = []
    for match in _NARRATIVE_RE.finditer(text):
        surname = _first_surname(match.group("name"), known)
        start = match.start("name") + match.group("name").rfind(surname.split()[0])
        end = match.end() if match.group("year") else match.end("tail")
        taken.append((start, end))
        add_narrative(start, end, surname, match.group("year"))
    for match in _BY_NAME_RE.finditer(text):
        name = match.group("name")
        surname = next((" ".join(name.split()[:k]) for k in (2, 1)
                        if fold(" ".join(name.split()[:k])).lower() in known), None)
        if surname is None or _inside(match.start("name"), taken):
            continue
        start = match.start("name")
        add_narrative(start, start + len(surname), surname, None)
    return found


# ---------------------------------------------------------------- public API
def detect_style(text: str, skip_spans: Spans = ()) -> CitationStyle:
    """The style with the most evidence; 'none' when there is none (superscripts need three)."""
    skip = list(skip_spans)
    counts: dict[CitationStyle, int] = {
        "numeric": len({m.start() for m in _BRACKET_RE.finditer(text) if not _inside(m.start(), skip)}),
        "author_year": len(_parenthetical_items(text, skip)),
        "superscript": len(_superscript_groups(text, skip)),
    }
    style = max(counts, key=lambda s: counts[s])
    needed = 3 if style == "superscript" else 1  # glued digits are the weakest evidence
    return style if counts[style] >= needed else "none"


def find_citations(
    text: str, style: CitationStyle | None = None, skip_spans: Spans = ()
) -> list[Citation]:
    """Every in-text citation of `style` (detected when None), one per key, sorted by offset.

    Citations starting inside `skip_spans` (reference list, abbreviation list) are ignored.
    Range labels expand to one Citation per key, all sharing the printed label and offsets.
    """
    skip = list(skip_spans)
    style = style or detect_style(text, skip)
    if style == "numeric":
        found = _bracket_citations(text, skip)
    elif style == "superscript":
        found = _superscript_citations(text, skip)
    elif style == "author_year":
        found = _author_year_citations(text, skip)
    else:
        found = []
    return sorted(found, key=lambda c: (c.start, c.end))
