"""Find the reference list by its own evidence: a run of entry-like lines, not a heading word.

A numbered list is a chain of entry numbers 1, 2, 3 ... at line starts ('1.', '[1]', '1 ', or
a number on a line of its own), each entry short and carrying a year. An unnumbered list is a
run of lines that open with an author ('Surname, I.', 'Surname IJ,') in alphabetical order,
each entry carrying a year. Whatever is not in such a run (methods or supplementary text after
the references, figure legends) stays body text. Lines that repeat verbatim many times in the
document (running headers, licence footers, watermarks) are dropped from entries.
"""
from __future__ import annotations

import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from qa.ingest.clean.page_lines import Line

YEAR = re.compile(r"(?<!\d)(?:1[89]|20)\d{2}(?!\d)")
NUMBER_START = re.compile(r"^(?:\[(\d{1,4})\]|(\d{1,4})(?:\.|(?=\s)))\s*(?=\S)")
NUMBER_ONLY = re.compile(r"^\[?(\d{1,4})[.\]]?$")


def fused_start(n: int) -> re.Pattern[str]:
    """Entry number `n` printed inside a line, after a finished entry or a capitalised heading."""
    return re.compile(rf"(?:(?<=[.)\]] )|(?<=[A-Z]{{4}} ))(?:\[{n}\]|{n}\.)\s+(?=[A-Z])")


HEADING = re.compile(r"^(?:references?(?: and notes)?|bibliography|literature cited|works cited"
                     r"|cited literature)\s*:?\s*", re.I)
_PARTICLE = r"(?:(?:de|da|del|della|der|den|di|dos|du|la|le|van|von|ten|ter)\s){0,3}"
_SURNAME = r"[A-ZÀ-Þ][\w'’\-]*(?:\s[A-ZÀ-Þ][\w'’\-]+){0,2}"
# 'Smith, J.', 'Smith JA,', 'Smith, John A.', and a sole author's initials before the year
# ('Keating A (2008) How do ...', the Springer author-year style)
AUTHOR_START = re.compile(
    rf"^{_PARTICLE}(?P<surname>{_SURNAME})(?:,\s?(?:[A-ZÀ-Þ]\.\s?-?){{1,4}}|\s[A-ZÀ-Þ]{{1,4}}[,.]|"
    rf",\s?[A-ZÀ-Þ][a-z]+\s[A-Z]\.|\s[A-ZÀ-Þ]{{1,4}}\s\((?:1[89]|20)\d{{2}}[a-z]?\))"
)
CORPORATE_START = re.compile(r"^[A-ZÀ-Þ][^.()]{1,60}?[.,]?\s\(?(?:1[89]|20)\d{2}[a-z]?\)?[.,]")
MAX_ENTRY_LINES = 12
MIN_ENTRIES = 5
OVERLONG = 3.0  # an entry this many times the median entry's length ran on into other text


@dataclass
class RefList:
    """The entries found (each a list of Lines) and the indexes of every line they took."""

    entries: list[list[Line]] = field(default_factory=list)
    numbers: list[int | None] = field(default_factory=list)
    taken: set[int] = field(default_factory=set)
    heading: str = ""
    heading_line: Line | None = None


def _norm(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", text)).strip().lower()


def _furniture(lines: list[Line]) -> set[int]:
    """Lines repeated verbatim (digits aside) three or more times: headers, footers, watermarks."""
    def wordy(text: str) -> bool:
        return sum(c.isalpha() for c in text) >= 10

    def short(text: str) -> bool:
        return sum(c.isalpha() for c in text) >= 2 and len(text) <= 30

    counts = Counter(_norm(ln.text) for ln in lines if wordy(ln.text))
    exact = Counter(ln.text for ln in lines if short(ln.text))
    return {i for i, ln in enumerate(lines)
            if wordy(ln.text) and counts[_norm(ln.text)] >= 3 or short(ln.text) and exact[ln.text] >= 3}


def _first_letter(text: str) -> str:
    """Sorting letter of an entry: its first letter, accents and case folded."""
    m = re.search(r"[^\W\d_]", text)
    return unicodedata.normalize("NFKD", m.group(0))[0].lower() if m else ""


PAGE_MARK_TAIL = re.compile(r"(?<=[.\]])\s+[^.\]]{0,80}?\s(?:Page\s+)?\d{1,3}\s+of\s+\d{1,3}$")


def _strip_page_marks(entry: list[Line]) -> list[Line]:
    """A running header glued to an entry's line: '... [PubMed] Cancers 2022, 14, 4849 16 of 18'."""
    return [Line(PAGE_MARK_TAIL.sub("", ln.text), ln.raw, ln.lead) for ln in entry]


def _split_line(ln: Line, at: int) -> tuple[Line, Line]:
    """Two Lines out of one, cut at character `at` (raw offsets kept)."""
    left, right = ln.text[:at].rstrip(), ln.text[at:]
    return Line(left, ln.raw, ln.lead), Line(right, ln.raw + at, False)


Entry = list[tuple[int, Line]]


def _numbered(lines: list[Line], skip: set[int]) -> list[tuple[list[Entry], list[int]]]:
    """Chains of numbered entries: (entries as (index, Line) lists, their numbers).

    A chain goes on with the next number (or one or two later); when other text interrupts it
    (a figure's words between two entries), a later entry numbered one past any earlier
    chain's end continues that chain.
    """
    chains: list[tuple[list[Entry], list[int]]] = []
    current: tuple[list[Entry], list[int]] | None = None
    pending: int | None = None  # a number printed alone on its line

    def start_of(n: int) -> tuple[list[Entry], list[int]] | None:
        """The chain an entry numbered `n` belongs to, if any (a new one for 1)."""
        if current is not None and current[1][-1] + 1 <= n <= current[1][-1] + 3:
            return current
        for chain in sorted(chains, key=lambda c: -len(c[1])):
            if chain[1][-1] + 1 == n:
                return chain
        return ([], []) if n == 1 else None

    for i, ln in enumerate(lines):
        if i in skip or ln.blank:
            continue
        text = ln.text
        only = NUMBER_ONLY.match(text)
        closed = current is None or re.search(r"[.)\]]$", current[0][-1][-1][1].text)
        if only and closed and start_of(int(only.group(1))) is not None and (
                current is None or int(only.group(1)) == current[1][-1] + 1):
            pending = int(only.group(1))
            continue
        number, body, chain = pending, ln, None
        if number is not None:
            chain = start_of(number)
        m = NUMBER_START.match(text)
        if chain is None and m:
            n = int(m.group(1) or m.group(2))
            chain = start_of(n)
            if chain is not None:
                number, body = n, Line(text[m.end():], ln.raw + m.end(), ln.lead)
        if chain is None and HEADING.match(text):  # 'REFERENCES AND NOTES 1. N. Chaudhary'
            fused = fused_start(1).search(text)
            if fused:
                chain, number = ([], []), 1
                body = Line(text[fused.end():], ln.raw + fused.end(), False)
        pending = None
        if chain is not None and number is not None:
            if not chain[1]:
                chains.append(chain)
            chain[0].append([(i, body)])
            chain[1].append(number)
            current = chain
        elif current is not None:
            if len(current[0][-1]) >= MAX_ENTRY_LINES or ln.marked:  # a section heading ends it
                current = None
                continue
            current[0][-1].append((i, ln))
        else:
            continue
        # an entry fused onto this line: '... 2015;3:1-9. 12. Smith J, ...'
        entries, numbers = current
        while True:
            idx, last = entries[-1][-1]
            fused = fused_start(numbers[-1] + 1).search(last.text)
            if not fused or fused.start() < 3:
                break
            left, _ = _split_line(last, fused.start())
            entries[-1][-1] = (idx, left)
            entries.append([(idx, Line(last.text[fused.end():], last.raw + fused.end(), False))])
            numbers.append(numbers[-1] + 1)
    return chains


def _author_year(lines: list[Line], skip: set[int]) -> list[list[list[tuple[int, Line]]]]:
    """Runs of entries opening with an author, alphabetical, each with a year."""
    runs: list[list[list[tuple[int, Line]]]] = []
    entries: list[list[tuple[int, Line]]] = []
    last_letter = ""

    def has_year(entry: list[tuple[int, Line]]) -> bool:
        return bool(YEAR.search(" ".join(ln.text for _, ln in entry)))

    def close() -> None:
        nonlocal entries, last_letter
        if entries:
            runs.append(entries)
        entries, last_letter = [], ""

    after_blank = detached = False
    for i, ln in enumerate(lines):
        if ln.blank:
            after_blank = True
        if i in skip or ln.blank:
            continue
        text = ln.text
        starts = bool(AUTHOR_START.match(text) or CORPORATE_START.match(text))
        letter = _first_letter(text)
        if starts and entries:
            # an entry is done at its closing stop, or at a paragraph break once it has its year
            # (entries that end on link words: 'DOI PubMed Google Scholar', 'PMID: 31548')
            closed = re.search(r"[.)\d]$|\]$", entries[-1][-1][1].text) or after_blank
            starts = bool(has_year(entries[-1]) and closed) and letter >= last_letter
        elif starts:
            starts = bool(YEAR.search(" ".join(x.text for x in lines[i:i + 4])))
        after_blank = False
        if starts:
            entries.append([(i, ln)])
            last_letter, detached = letter, False
        elif ln.marked or detached:  # a section heading ends the entry; its text is no entry's
            detached = bool(entries)
        elif entries:
            if len(entries[-1]) >= MAX_ENTRY_LINES // 2 + 2:
                entries[-1] = entries[-1][:2] if has_year(entries[-1][:2]) else entries[-1]
                close()
                continue
            entries[-1].append((i, ln))
    close()
    return runs


def _trim_last(entry: list[tuple[int, Line]]) -> list[tuple[int, Line]]:
    """The last entry of a run ends at the first line that closes it (year seen, ends in '.')."""
    seen_year = False
    for k, (_, ln) in enumerate(entry):
        seen_year = seen_year or bool(YEAR.search(ln.text))
        if seen_year and re.search(r"(?:[.)]|\d|\])$", ln.text):
            nxt = entry[k + 1][1].text if k + 1 < len(entry) else ""
            if re.match(r"(?:https?://|doi|DOI|PMID|\[Cross|\[PubMed|org/)", nxt):
                continue
            return entry[:k + 1]
    return entry


def _overlong(entries: list[list[tuple[int, Line]]]) -> set[int]:
    """Entries of several lines far longer than the list's median entry: they ran on into
    text after them (a section the reading order put between two entries), so they are cut
    where they close (`_trim_last`). A long author list on one line is never cut there."""
    sizes = [sum(len(ln.text) for _, ln in e) for e in entries]
    typical = statistics.median(sizes) if sizes else 0
    return {k for k, (e, size) in enumerate(zip(entries, sizes))
            if len(e) > 1 and size > OVERLONG * typical}


def _good(entries: list[list[tuple[int, Line]]], lines: list[Line]) -> bool:
    """Enough entries with years: five, or two right under a reference-list heading."""
    with_year = sum(bool(YEAR.search(" ".join(ln.text for _, ln in e))) for e in entries)
    first = entries[0][0][0] if entries else 0
    before = [ln.text for ln in lines[max(0, first - 3):first + 1] if not ln.blank]
    headed = any(HEADING.fullmatch(t) for t in before[:-1]) or bool(before and HEADING.match(before[-1]))
    return len(entries) >= (2 if headed else MIN_ENTRIES) and with_year >= 0.8 * len(entries)


def find_reference_list(lines: list[Line]) -> RefList:
    """The document's reference list (possibly several numbered runs), or an empty RefList."""
    furniture = _furniture(lines)
    found = RefList()
    chains = [(e, n) for e, n in _numbered(lines, furniture) if _good(e, lines)]
    if chains:
        for entries, numbers in chains:
            long = _overlong(entries)
            for k, entry in enumerate(entries):  # entries that swallowed other text, and the last
                if k == len(entries) - 1 or len(entry) >= MAX_ENTRY_LINES // 2 or k in long:
                    entries[k] = _trim_last(entry)
            found.entries.extend(_strip_page_marks([ln for _, ln in e]) for e in entries)
            found.numbers.extend(numbers)
            found.taken.update(i for e in entries for i, _ in e)
    else:
        runs = [r for r in _author_year(lines, furniture) if _good(r, lines)]
        for entries in runs:
            long = _overlong(entries)
            for k, entry in enumerate(entries):
                if k == len(entries) - 1 or k in long:
                    entries[k] = _trim_last(entry)
            found.entries.extend(_strip_page_marks([ln for _, ln in e]) for e in entries)
            found.numbers.extend([None] * len(entries))
            found.taken.update(i for e in entries for i, _ in e)
    if not found.taken:
        return found
    first = min(found.taken)
    # furniture lines inside the list, and the heading just before it, belong to it too
    last = max(found.taken)
    found.taken.update(i for i in furniture if first <= i <= last)
    for k in range(first - 1, max(first - 4, -1), -1):
        if HEADING.fullmatch(lines[k].text) or HEADING.match(lines[k].text) and k == first:
            found.heading = HEADING.match(lines[k].text).group(0).strip(" :")
            found.heading_line = Line(found.heading, lines[k].raw, False)
            found.taken.add(k)
            break
        if not lines[k].blank:
            break
    if not found.heading and HEADING.match(lines[first].text):
        found.heading = HEADING.match(lines[first].text).group(0).strip(" :")
        found.heading_line = Line(found.heading, lines[first].raw, False)
    return found
