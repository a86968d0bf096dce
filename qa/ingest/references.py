"""The reference list: split it into entries, parse their fields, and link citations to them.

The cleaner finds the list by its own evidence (qa.ingest.clean.reflist) and writes one entry
per line; each entry is parsed by qa.ingest.refparse. Without the cleaner's span, numbered lists
(`116. Liang J, ... Ann Rheum Dis 2010;69:1423-1429.`) are split on entry numbers that follow
each other, and unnumbered author-year lists on lines that open with a surname.
"""
from __future__ import annotations

import re
from collections import Counter

from qa.ingest.citations import fold, work_key
from qa.ingest.refparse import first_surname
from qa.ingest.refparse import parse_entry as _parse_entry
from qa.models import Citation, Reference

_ENTRY_START_RE = re.compile(r"(?:(?<=\s)|^)(?:\[(\d{1,4})\]|(\d{1,4})\.)\s+(?=[A-Za-zÀ-ÿ])")
_URL_RE = re.compile(r"https?://|www\.|doi\.org", re.I)
_PAGE_NUMBER_RE = re.compile(r"^\s*\d{1,4}\s*$")
_AUTHOR_LINE_RE = re.compile(r"^(?:[a-z]{1,3}\s)?[A-ZÀ-Þ][\w'’\-]+(?:\s[A-ZÀ-Þ][\w'’\-]+)?,?\s[A-Z]")
_HEADING_RE = re.compile(r"(?im)^[ \t]*(?:references?|bibliography|literature cited)[ \t]*:?[ \t]*$")
_ENTRY_YEAR_RE = re.compile(r"(?<!\d)(?:1[89]|20)\d{2}(?!\d)")


def _page_furniture(lines: list[str]) -> set[int]:
    """Indexes of lines that are page numbers, URLs or running headers repeated in the span."""
    stripped = [line.strip() for line in lines]
    counts = Counter(s for s in stripped if s)
    drop = set()
    for i, line in enumerate(stripped):
        if not line:
            continue
        numbered = _ENTRY_START_RE.match(line)
        if _PAGE_NUMBER_RE.match(line) or (_URL_RE.search(line) and not numbered):
            drop.add(i)
        elif counts[line] >= 2 and not numbered and len(line) < 120 and not line.endswith("-"):
            drop.add(i)
        elif re.match(r"^Table \d+\.? Continued", line):
            drop.add(i)
    return drop


def _join(pieces: list[str]) -> str:
    """Join an entry's lines, repairing a hyphen left at a break ('Mes-' + 'enchymal')."""
    text = ""
    for piece in (p.strip() for p in pieces):
        if not piece:
            continue
        if text.endswith("-") and piece[:1].islower() and len(text) > 1 and text[-2].isalpha():
            text = text[:-1] + piece
        elif text.endswith("-") and piece[:1].isdigit() and text[-2:-1].isdigit():
            text += piece
        else:
            text = f"{text} {piece}" if text else piece
    return " ".join(text.split())


def _numbered_entries(body: str) -> list[tuple[int, str]]:
    """(number, entry text) for entries numbered 1, 2, 3 ... in order."""
    starts: list[tuple[int, int, int]] = []  # (number, match start, text start)
    expected = None
    for match in _ENTRY_START_RE.finditer(body):
        number = int(match.group(1) or match.group(2))
        at_line_start = match.start() == 0 or body[match.start() - 1] == "\n"
        if expected is None:
            ok = at_line_start and number <= 2
        elif at_line_start:
            ok = expected <= number <= expected + 2
        else:
            ok = number == expected
        if ok:
            starts.append((number, match.start(), match.end()))
            expected = number + 1
    entries = []
    for i, (number, _start, text_start) in enumerate(starts):
        end = starts[i + 1][1] if i + 1 < len(starts) else len(body)
        entries.append((number, body[text_start:end]))
    return entries


def _author_year_entries(lines: list[str]) -> list[str]:
    """Entries of an unnumbered list: a new entry opens with 'Surname I' and carries a year."""
    entries: list[list[str]] = []
    for line in lines:
        if _AUTHOR_LINE_RE.match(line.strip()) and _ENTRY_YEAR_RE.search(line):
            entries.append([line])
        elif entries:
            entries[-1].append(line)
    return [_join(e) for e in entries]


def parse_entry(text: str) -> dict[str, object]:
    """Fields of one entry (see qa.ingest.refparse); the entry number, if any, is dropped."""
    fields = _parse_entry(re.sub(r"^\s*(?:\[\d{1,4}\]|\d{1,4}\.)\s+", "", text))
    fields.pop("suffix", None)
    return fields


def parse_references(text: str, span: tuple[int, int] | None, doc_id: str,
                     one_per_line: bool = False) -> list[Reference]:
    """Entries of the reference list inside `span` (the whole text when None and it is numbered)."""
    if span is None:  # no span from the cleaner: only a list under its own heading counts
        heading = list(_HEADING_RE.finditer(text))
        if not heading:
            return []
        span = (heading[-1].start(), len(text))
    start, end = span
    lines = text[start:end].split("\n")
    drop = set() if one_per_line else _page_furniture(lines)
    kept = [line for i, line in enumerate(lines) if i not in drop]
    while kept and (not kept[0].strip() or _HEADING_RE.fullmatch(kept[0])):
        kept = kept[1:]
    body = "\n".join(kept)
    numbered = _numbered_entries(body)
    references: list[Reference] = []
    if numbered:
        for number, raw in numbered:
            entry = _join(raw.split("\n"))
            fields = parse_entry(entry)
            references.append(Reference(doc_id=doc_id, key=str(number), number=number, text=entry,
                                        **fields))
        return references
    seen: Counter[str] = Counter()
    if one_per_line:  # one entry per line, as the reference-list finder wrote them
        entries = [line.strip() for line in kept if line.strip()]
    else:
        entries = _author_year_entries([line for line in kept if line.strip()])
    for entry in entries:
        fields = _parse_entry(entry)
        authors, suffix = fields["authors"], fields.pop("suffix")
        if not authors or fields["year"] is None:
            continue
        key = f"{fold(first_surname(authors[0]))} {fields['year']}"
        seen[key] += 1
        if suffix:
            key += suffix
        elif seen[key] > 1:  # two 'Sun 2010' entries: 'Sun 2010a', 'Sun 2010b' as printed in text
            key = f"{key}{'abcdefghij'[seen[key] - 1]}"
        references.append(Reference(doc_id=doc_id, key=key, text=entry, **fields))
    return references


def listed_works(references: list[Reference]) -> dict[str, str]:
    """work_key ('sun 2010a', 'sun 2010') -> citation key ('Sun 2010a', or '12' in a numbered list)
    for every entry with a first author and a year; a key two entries share is left out, and so
    is a year without its letter when two entries carry it with letters."""
    keys: dict[str, set[str]] = {}
    for ref in references:
        if not ref.authors or ref.year is None:
            continue
        surname = first_surname(ref.authors[0])
        cited = str(ref.number) if ref.number is not None else ref.key
        printed = ref.key.rsplit(" ", 1)[-1] if ref.number is None else str(ref.year)
        for year in {printed, str(ref.year)}:
            keys.setdefault(work_key(surname, year), set()).add(cited)
    return {work: next(iter(cited)) for work, cited in keys.items() if len(cited) == 1}


def link_citations(citations: list[Citation], references: list[Reference]) -> list[Citation]:
    """Copies of `citations` with `reference` set to the entry text the key answers to."""
    by_key: dict[str, Reference] = {}
    for ref in references:
        by_key.setdefault(ref.key.lower(), ref)
        if ref.number is not None:
            by_key.setdefault(str(ref.number), ref)
    loose: dict[str, list[Reference]] = {}
    for ref in references:  # author-year keys without a year suffix, for 'Sun 2010' vs 'Sun 2010a'
        loose.setdefault(re.sub(r"(\d{4})[a-z]$", r"\1", ref.key.lower()), []).append(ref)
    linked = []
    for citation in citations:
        key = fold(citation.key).lower()
        ref = by_key.get(key)
        if ref is None:
            candidates = loose.get(re.sub(r"(\d{4})[a-z]$", r"\1", key), [])
            ref = candidates[0] if len(candidates) == 1 else None
        linked.append(citation.model_copy(update={"reference": ref.text if ref else None}))
    return linked
