"""Numbered citations printed in parentheses or as superscripts, told apart by evidence.

Parentheses: '(1–3)', '(12, 16)', 'consortia(56)', '(data from (21))' are citations; '(Fig. 3A)',
'(4 mM, 4 h)', '(n = 5)', '(1, 2, 7a, 7b)' and enumerations '(1) ... (2) ...' are not. Only
parentheses holding nothing but numbers, lists and ranges count, every number within the
reference list's size, and a run of '(1)', '(2)', '(3)' each followed by words inside one
sentence is an enumeration.

Superscripts: Unicode superscript runs ('muscle.¹²,¹³', from a layout-aware PDF reader) and
digits that flat extraction glued to the text ('cells.22-24', 'evolution18–26', '°C2',
'IARS136' = IARS1 + 36). Which digits of a glued run are a citation is decided by evidence:
the reference-list size, and the order in which articles cite new references (each first
citation is at most a few past the largest number cited so far). Exponents ('× 10¹³', '10⁻³')
and unit powers ('cm²') are never citations.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from qa.ingest.clean.lexicon import model_vocabulary

DASH = "-–—"
_NUM = r"\d{1,4}"
_ITEM = rf"{_NUM}(?:\s*[{DASH}]\s*{_NUM})?"
# words leading a group's numbers ('(see 12)', '(reviewed in 3, 4)'); citations.py reads them in brackets
LEAD_WORDS = _PREFIX = r"(?:(?:refs?\.?|see(?:\s+also)?|e\.g\.,?|i\.e\.,?|cf\.|reviewed\s+in|for\s+(?:a\s+)?reviews?,?\s*see|and)\s+)*"
# never '( 8)': a space right inside the bracket is where the PDF reader left out a symbol it
# could not read ('(~8)', '(<5)'), so the number is qualified, not a citation
PAREN_RE = re.compile(rf"\((?![ \t])\s*{_PREFIX}(?P<body>{_ITEM}(?:\s*[,;]\s*(?:and\s+)?{_ITEM})*)\s*\)")
_LABEL_BEFORE = re.compile(
    r"(?:\b(?:fig(?:ure)?s?|tables?|eqs?|equations?|steps?|lanes?|panels?|chapters?|sections?"
    r"|supplementary|appendix|files?)\.?(?:\s*[A-Z]?\d+[A-Za-z]?)?|[=<>±×+/^])\s*$", re.I)
SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
UNICODE_SUP_RE = re.compile(r"(?<![⁰¹²³⁴⁵⁶⁷⁸⁹⁻])⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]+(?:\s?[,⁻–—-]\s?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)*")
# a unit a superscript follows is raised to a power ('cm²', 'µm³', 'mol⁻¹'): the units that take
# exponents; _UNIT_AFTER below lists those a quantity's digits precede (the two overlap by design)
_UNITS = re.compile(r"(?:^|[\s(/·])(?:[kcmµμnp]?m|[kmµμ]?[lL]|[kmµμn]?g|s|h|[kmµμn]?M|mol|Da|Hz|in|ft)$")
# a unit right after the digits: the digits are a quantity ('5 mM MgCl2, 5 μM Mant-GDP': the '5' after
# the formula's own digit), never a citation
_UNIT_AFTER = re.compile(r"\s?(?:[kcmµμnpf]?(?:M|mol|g|[lL]|m)|%|°|‰|h|hr?s|min|s|d|days?|weeks?|wk|mo|"
                         r"kDa|Da|bp|kb|nt|U|IU|rpm|Hz|V|×)(?![^\W\d_])")
_SUP_ITEM = rf"\d{{1,3}}(?:[{DASH}]\d{{1,3}})?"
GLUED_RE = re.compile(rf"(?<=[^\s\d])(?P<digits>\d{{1,6}})(?P<rest>(?:[{DASH}]\d{{1,3}})?(?:,\s?{_SUP_ITEM})*)")
GREEK_NAMES = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa",
               "lambda", "omicron", "sigma", "upsilon", "omega", "tau", "rho", "chi", "psi", "phi"}
_CLOSERS = ".,;:)]’”'\""
MAX_RANGE = 200
NEW_GAP = 4  # a first citation is at most this far past the largest number cited before it


def expand(group: str) -> list[int]:
    """'2,10,11' -> [2, 10, 11]; '84-92' -> 84..92; keeps printed order, no repeats."""
    numbers: list[int] = []
    for part in re.split(r"\s*[,;]\s*(?:and\s+)?", group.strip()):
        bounds = [int(b) for b in re.split(rf"\s*[{DASH}]\s*", part) if b.strip()]
        if len(bounds) == 2 and 0 < bounds[1] - bounds[0] <= MAX_RANGE:
            values = list(range(bounds[0], bounds[1] + 1))
        else:
            values = bounds
        numbers.extend(v for v in values if v not in numbers)
    return numbers


def _inside(pos: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start <= pos < end for start, end in spans)


# ---------------------------------------------------------------- parentheses
def paren_groups(text: str, skip: Sequence[tuple[int, int]], limit: int | None
                 ) -> list[tuple[int, int, list[int]]]:
    """(start, end, numbers) of parentheses that are numbered citations."""
    found: list[tuple[int, int, list[int], bool]] = []
    for m in PAREN_RE.finditer(text):
        if _inside(m.start(), skip):
            continue
        numbers = expand(m.group("body"))
        if not numbers or min(numbers) < 1 or (limit and max(numbers) > limit):
            continue
        if not limit and max(numbers) > 400:
            continue
        before = text[max(0, m.start() - 25):m.start()]
        if _LABEL_BEFORE.search(before):
            continue  # 'Figure (2)', 'equation (3)', 'Table 1 (2)', '= (4)'
        after = text[m.end():m.end() + 3]
        if after[:1].isalnum() or after[:1] in "%°":
            continue  # '(2)-fold', '(3)H'
        single = re.fullmatch(r"\d{1,4}", m.group("body").strip()) is not None
        word_follows = bool(re.match(r"\s+[a-zA-Z]", after)) and not re.match(r"\s*[.,;:)\]]", after)
        found.append((m.start(), m.end(), numbers, single and word_follows))
    # an enumeration: '(1) ... (2) ... (3)' in one stretch, each followed by words
    drop: set[int] = set()
    for k, (start, _end, numbers, listy) in enumerate(found):
        if not listy or numbers[0] > 3:
            continue
        run = [k]
        for j in range(k + 1, len(found)):
            s2, _e2, n2, l2 = found[j]
            if s2 - found[run[-1]][0] > 600 or n2 != [found[run[-1]][2][0] + 1]:
                break
            run.append(j)
        if len(run) >= 2 and all(found[j][3] or j == run[-1] for j in run):
            drop.update(run)
    return [(s, e, n) for k, (s, e, n, _l) in enumerate(found) if k not in drop]


# ---------------------------------------------------------------- superscripts
def _exponent(text: str, start: int) -> bool:
    """Is the superscript at `start` a power ('× 10¹³', '10⁻³', 'cm²')?"""
    before = text[max(0, start - 12):start]
    if re.search(r"(?:[×x*]\s?|\d\s?[×x]\s?|^|\s|\()10$", before) or re.search(r"[×x]\s?\d*$", before):
        return True
    return bool(_UNITS.search(before))


Candidate = tuple[int, str, list[tuple[int, str]], bool]


def _candidates(text: str, skip: Sequence[tuple[int, int]]) -> list[Candidate]:
    """(start, kind, possible (label start, citation string) readings, strong) in text order.

    kind 'unicode' for superscript characters, 'punct' after closing punctuation, 'word' glued
    to a lowercase word at a clause end ('inner' elsewhere), 'name' glued to a name that has
    digits of its own (several splits).
    """
    out: list[tuple[int, str, list[str], bool]] = []
    for m in UNICODE_SUP_RE.finditer(text):
        if not _inside(m.start(), skip) and not _exponent(text, m.start()) and m.group(0)[0] != "⁻":
            out.append((m.start(), "unicode", [(m.start(), m.group(0))], True))
    for m in GLUED_RE.finditer(text):
        start, end = m.start(), m.end()
        if _inside(start, skip):
            continue
        after = text[end:end + 2]
        if after[:1] and (after[0].isalnum() or after[0] in "%°+×/'’⁰¹²³⁴⁵⁶⁷⁸⁹" or after[0] in DASH):
            continue
        if after[:1] == "." and after[1:2].isdigit():
            continue
        digits, rest = m.group("digits"), m.group("rest")
        prev = text[start - 1]
        before_word = re.search(r"[^\W\d_]*$", text[max(0, start - 40):start]).group(0)
        named = prev == "-" or bool(before_word) and (not before_word.islower() or len(before_word) < 3
                                                      or before_word in GREEK_NAMES)
        if rest.startswith(",") and named and len(digits) <= 2:
            # 'E2,30,31', 'oxygenase-1,29', 'factor-β1,22': the name's own digit, then a list
            tail = rest[1:].lstrip()
            out.append((end - len(tail), "punct", [(end - len(tail), tail)], True))
            continue
        if _exponent(text, start):
            continue
        if prev in _CLOSERS:
            before = text[start - 2] if start >= 2 else " "
            if before.isalpha() or before in ")]%" or prev == ")" :
                if len(digits) <= 3:
                    out.append((start, "punct", [(start, digits + rest)], True))
            continue
        if text[max(0, start - 2):start] in ("°C", "°F"):
            if len(digits) <= 3:
                out.append((start, "punct", [(start, digits + rest)], True))
            continue
        word = re.search(r"[^\W\d_]+$", text[max(0, start - 40):start])
        if word is None:
            continue
        w = word.group(0)
        lead_pos = start - len(w) - 1
        lead = text[lead_pos] if lead_pos >= 0 else " "
        capital = len(w) >= 5 and w[0].isupper() and w[1:].islower()  # 'Heimdallarchaeia1–4'
        if (w.islower() and len(w) >= 3 or capital) and w.lower() not in GREEK_NAMES and not lead.isdigit():
            if lead.isalpha() or (lead == "-" and len(w) < 4):
                continue  # part of a longer name ('pET', 'anti-his')
            clause_end = re.match(r"\s*(?:[.,;:)\]]|\(|\n|$)", text[end:end + 3]) is not None
            if len(digits) <= 3:
                # mid-clause, a long dictionary word may carry a repeated citation
                # ('responses12 too'); short or unknown words are names ('rev1 mutants')
                kind = ("word" if clause_end or len(w) >= 5 and w in model_vocabulary() else "inner"
                        ) if not capital else "inner"
                out.append((start, kind, [(start, digits + rest)], False))
            continue
        # glued to a name: the name keeps some leading digits ('IARS1' + '36', 'E2' + ',30,31')
        splits = [(start + k, digits[k:] + rest) for k in range(len(digits))
                  if digits[k] != "0" and len(digits) - k <= 3]
        if splits:
            out.append((start, "name", splits, False))
    return sorted((c for c in out if not _quantity(text, c)), key=lambda c: c[0])


def _quantity(text: str, candidate: Candidate) -> bool:
    """Whether a candidate's digits are followed by a unit (a quantity, not a citation)."""
    label_start, label = candidate[2][0]
    return _UNIT_AFTER.match(text, label_start + len(label)) is not None


def superscript_groups(text: str, skip: Sequence[tuple[int, int]], limit: int | None,
                       firm_only: bool = False) -> list[tuple[int, int, list[int]]]:
    """(start, end, numbers) of accepted superscript citations, in text order.

    Strong candidates (superscript characters, digits after closing punctuation) are accepted
    when within the list size (a column read out of place breaks the order, not the size);
    glued ones also have to fit the order of first citations.
    """
    candidates = _candidates(text, skip)
    if limit is None:
        limit = _range_from_strong(candidates)
    # Well-placed candidates set the order of first citations; weakly placed ones (mid-clause,
    # glued to names) must be exactly the next new number in it; then the well-placed ones
    # are read again knowing the weak ones before them (a first citation glued to a name).
    firm_kinds, weak_kinds = ("unicode", "punct", "word"), ("inner", "name")
    firm = [c for c in candidates if c[1] in firm_kinds]
    weak = [c for c in candidates if c[1] in weak_kinds]
    first = _accept(firm, limit, {})
    seen = first + _accept(weak, limit, _tops(candidates, first))
    firm_again = _accept(firm, limit, _tops(candidates, seen))
    if firm_only:  # the evidence for the style: superscripts that are placed like citations
        return firm_again
    return sorted(firm_again + _accept(weak, limit, _tops(candidates, firm_again)))


def _tops(candidates: list[Candidate], accepted: list[tuple[int, int, list[int]]]) -> dict[int, int]:
    """For each candidate, the largest number accepted before it."""
    ordered = sorted(accepted)
    tops: dict[int, int] = {}
    top, k = 0, 0
    for start, *_ in candidates:
        while k < len(ordered) and ordered[k][0] < start:
            top = max(top, max(ordered[k][2]))
            k += 1
        tops[start] = top
    return tops


def _accept(candidates: list[Candidate], limit: int, tops: dict[int, int]
            ) -> list[tuple[int, int, list[int]]]:
    """Candidates accepted in text order; `tops` (for weak ones): the largest number cited by
    well-placed citations before each candidate."""
    accepted: list[tuple[int, int, list[int]]] = []
    top = 0
    for start, kind, options, strong in candidates:
        if kind in ("inner", "name"):
            top = max(tops.get(start, 0), max((max(n) for *_x, n in accepted), default=0))
        elif kind == "word":
            top = max(top, tops.get(start, 0))
        chosen = None
        for label_start, option in sorted(options, key=lambda o: len(o[1]), reverse=True):
            plain = option.translate(SUPERSCRIPT_DIGITS)
            numbers = expand(plain)
            firsts = [int(re.split(rf"[{DASH}]", p)[0]) for p in plain.split(",") if p.strip()]
            if not numbers or min(numbers) < 1 or max(numbers) > limit:
                continue
            if any(a >= b for a, b in zip(firsts, firsts[1:])):
                continue
            fresh = [n for n in numbers if n > top]
            if not strong and fresh and min(fresh) > top + (NEW_GAP if top else 3):
                continue  # weakly placed digits must fit the order of first citations
            listed = len(numbers) > 1 and kind == "inner"  # 'phylogeny1,3,4,28 as well'
            if kind in ("name", "inner") and not listed and (
                    len(fresh) < len(numbers) or min(numbers) != top + 1 or kind == "name" and top < 3):
                continue  # glued to a name or mid-clause: only the next new number in order
            chosen = (label_start, option, numbers)
            break
        if chosen is None:
            continue
        label_start, option, numbers = chosen
        accepted.append((label_start, label_start + len(option), numbers))
        top = max(top, max(numbers))
    return accepted


def _range_from_strong(candidates: list[Candidate]) -> int:
    """Without a reference list: the upper end of the densest cluster of strongly placed numbers."""
    values = sorted({n for _s, _k, options, strong in candidates if strong
                     for n in expand(options[0][1].translate(SUPERSCRIPT_DIGITS)) if 0 < n < 1000})
    clusters: list[list[int]] = []
    for value in values:
        if clusters and value - clusters[-1][-1] <= max(10, clusters[-1][-1] // 3):
            clusters[-1].append(value)
        else:
            clusters.append([value])
    return max(clusters, key=len)[-1] if clusters else 0
