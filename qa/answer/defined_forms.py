"""A question word the evidence writes in the other form the library itself defines it with.

The refusal features count a question word as missing when the top passages lack its tokens
(qa.answer.refusal_evidence). A capital abbreviation whose letters are its long form's initials is
read as written out (`refusal.written_out_tokens`: "ISCT"); an abbreviation whose letters are not
the initials in order ("FUdR" for 5-fluoro-2'-deoxyuridine, "dsRNA" for double-stranded RNA, "Dox"
for doxorubicin) was not, nor a long form the passages write as its abbreviation: the word counted
as absent, the sign of a near miss (evals/README.md, thirty-first session, "Near misses on the PDFs;
abbreviations written out in mixed case"). Two readings, no word list:
- `defined_tokens`: the articles' own definitions, "long form (ABBR)" and abbreviation lists, which
  ingestion mines into each document's glossary (qa.ingest.glossary): a question's abbreviation is
  there when a passage writes one of the long forms an article defines it with, and a question's
  long form when a passage writes the abbreviation it defines;
- `compound_written`: a mixed-case abbreviation ("FUdR") read in one hyphenated compound of the
  passage ("5-Fluoro-2'-deoxyuridine"), as Schwartz-Hearst reads a definition's letters: its first
  letter starting a part of the compound, at least one more starting another part, all in order.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from qa.index.analyzer import tokenize, word_tokens

NAME = re.compile(r"[^\s,;:?!()\[\]\"]+")  # a question's words as the absent-name check reads them


@lru_cache(maxsize=4096)
def parts(text: str) -> tuple[str, ...]:
    """The text's index tokens word by word, a hyphenated word as its parts ("double-stranded RNA" and
    "double stranded RNA" alike: double, stranded, rna); stop words left out."""
    out: list[str] = []
    for tokens, _ in word_tokens(text):
        out.extend(tokens[1:] if len(tokens) > 1 else tokens)
    return tuple(out)


def _holds(seq: tuple[str, ...], form: tuple[str, ...]) -> bool:
    n = len(form)
    return bool(n) and any(seq[i:i + n] == form for i in range(len(seq) - n + 1) if seq[i] == form[0])


def defined_forms(index) -> dict[str, dict[str, tuple[tuple[str, ...], ...]]]:
    """abbreviation (lower case) -> document -> the parts of each long form that document defines it with
    (kept on the loaded index, as its other per-library readings are)."""
    cached = index.__dict__.get("_defined_forms")
    if cached is None:
        forms: dict[str, dict[str, set[tuple[str, ...]]]] = {}
        for doc_id, glossary in (getattr(index, "glossaries", None) or {}).items():
            for short, long_form in glossary.items():
                p = parts(long_form)
                if p and p != parts(short):
                    forms.setdefault(short.lower(), {}).setdefault(doc_id, set()).add(p)
        cached = index.__dict__["_defined_forms"] = {
            k: {d: tuple(sorted(v)) for d, v in by_doc.items()} for k, by_doc in forms.items()}
    return cached


def _by_first_part(index) -> dict[str, tuple[str, ...]]:
    """first part of a long form -> the abbreviations some article defines with a long form starting with
    it: a question reads only the entries its own words can start (kept on the loaded index beside
    `defined_forms`; walking every glossary entry per question grew with the library)."""
    cached = index.__dict__.get("_defined_first")
    if cached is None:
        first: dict[str, dict[str, None]] = {}
        for short, by_doc in defined_forms(index).items():
            for fs in by_doc.values():
                for f in fs:
                    first.setdefault(f[0], {})[short] = None
        cached = index.__dict__["_defined_first"] = {t: tuple(shorts) for t, shorts in first.items()}
    return cached


def defined_tokens(index, question: str, passages: Sequence[tuple[str, str]]) -> set[str]:
    """The index tokens of the question's words that one of `passages` ((document, text) pairs) writes in
    the other form an article defines: an abbreviation written out in a long form some article of the
    library gives it, or a long form written as the abbreviation the passage's own article defines it with
    ('PR' is the photoreceptor in one article, the progesterone receptor in another)."""
    forms = defined_forms(index)
    if not forms:
        return set()
    seqs = [(doc_id, parts(text)) for doc_id, text in passages]
    out: set[str] = set()
    for word in dict.fromkeys(w.strip(".'’\"") for w in NAME.findall(question)):
        if not any(c.isupper() for c in word):
            continue
        key = word.lower()
        by_doc = forms.get(key) or (forms.get(key[:-1]) if key.endswith("s") else None) or {}
        known = {f for fs in by_doc.values() for f in fs}
        if known and any(_holds(s, f) for _, s in seqs for f in known):
            out.update(tokenize(word))
    asked = parts(question)
    first = _by_first_part(index)  # only the abbreviations a long form of which starts with a question word
    for short in dict.fromkeys(s for t in dict.fromkeys(asked) for s in first.get(t, ())):
        by_doc = forms[short]
        written = {d: [f for f in fs if _holds(asked, f)] for d, fs in by_doc.items()}
        if any(written.values()) and any(written.get(d) and _holds(s, parts(short)) for d, s in seqs):
            out.update(t for d, s in seqs if written.get(d) and _holds(s, parts(short)) for f in written[d] for t in f)
    return out


def asked_long_forms(index, question: str) -> dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]]:
    """document -> (abbreviation's parts, long form's parts) for each long form the question writes that the
    document defines an abbreviation for ("osteogenesis imperfecta" -> kim2013's "OI"): `defined_tokens`' second
    reading, once per question, so each candidate sentence is read against it alone (qa.answer.forms)."""
    forms = defined_forms(index)
    if not forms:
        return {}
    asked = parts(question)
    out: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
    for short in dict.fromkeys(s for t in dict.fromkeys(asked) for s in _by_first_part(index).get(t, ())):
        for doc_id, fs in forms[short].items():
            out.setdefault(doc_id, []).extend((parts(short), f) for f in fs if _holds(asked, f))
    return {d: pairs for d, pairs in out.items() if pairs}


def writes(text: str, form: tuple[str, ...]) -> bool:
    """Whether the text writes the parts of a form (`parts`, in a row)."""
    return _holds(parts(text), form)


_LETTERS = re.compile(r"[A-Za-z]+")
_COMPOUND = re.compile(r"[\w'’´′]+(?:-[\w'’´′]+)+")


def compound_written(abbreviation: str, text: str) -> bool:
    """Whether `text` writes a mixed-case abbreviation of 3-6 letters ("FUdR", "dNTP") out as one
    hyphenated compound ("5-Fluoro-2'-deoxyuridine"): its letters in order within the compound, the first
    starting one of its parts and at least one other starting a later part."""
    n = len(abbreviation)
    if not (3 <= n <= 6 and abbreviation.isalpha() and any(c.islower() for c in abbreviation)
            and sum(c.isupper() for c in abbreviation) >= 2):
        return False
    wanted = abbreviation.lower()
    return any(_subsequence(wanted, letters, starts) for letters, starts in _compounds(text))


@lru_cache(maxsize=4096)
def _compounds(text: str) -> tuple[tuple[str, frozenset[int]], ...]:
    """The text's hyphenated compounds of two letter parts or more, each as its letters (lower case) and
    where each part starts in them (cached: the refusal features read the same top passages for every
    abbreviation of a question, and for many questions)."""
    out: list[tuple[str, frozenset[int]]] = []
    for m in _COMPOUND.finditer(text):
        pieces = [p.lower() for p in _LETTERS.findall(m.group(0))]
        if len(pieces) < 2:
            continue
        starts, letters, k = set(), "", 0
        for p in pieces:
            starts.add(k)
            letters += p
            k += len(p)
        out.append((letters, frozenset(starts)))
    return tuple(out)


def _subsequence(wanted: str, letters: str, starts: frozenset[int]) -> bool:
    """`wanted` in order in `letters`, its first letter at a part's start and another at a later part's start."""
    from functools import cache

    @cache
    def match(i: int, pos: int, hit: bool) -> bool:
        if i == len(wanted):
            return hit
        return any(match(i + 1, j + 1, hit or j in starts)
                   for j in range(pos, len(letters)) if letters[j] == wanted[i])

    return any(match(1, first + 1, False) for first in sorted(starts) if letters[first] == wanted[0])
