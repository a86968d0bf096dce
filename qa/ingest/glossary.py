"""Abbreviation glossary mined from a document: `long form (SF)`, abbreviation lists, footnotes.

The parenthetical form uses the Schwartz-Hearst algorithm (Schwartz & Hearst 2003, PSB): the
short form's characters are matched right to left into the words before the parenthesis, the
first character at the start of a word. Lists (`SF, long form; SF, long form; ...`), as used in
abbreviation sections and table footnotes, must agree on the first letter.
"""
from __future__ import annotations

import re
from collections import defaultdict

_PAREN_RE = re.compile(r"\(([^()\[\]]{1,14})\)")
_SHORT_RE = re.compile(r"^[A-Za-z][\w\-+/&.]{0,11}$")
_LIST_ITEM_RE = re.compile(r"^(?P<short>[A-Za-z][\w\-+/]{0,11})\s*,\s*(?P<long>[^\s,;][^,;]{1,80})$")
_NOT_SHORT = {"table", "tables", "fig", "figs", "figure", "figures", "ref", "refs", "see", "eg", "ie",
              "e.g.", "i.e.", "ii", "iii", "iv", "vi", "vii", "viii"}
# A sentence ends before a capital; "vs. -host", "e.g. the" and "et al. in" do not end one.
_SENTENCE_END_RE = re.compile(r"(?:[.!?]\s+(?=[A-Z])|[:;]\s+|\n)")


def _is_short_form(candidate: str) -> bool:
    if not _SHORT_RE.match(candidate) or candidate.lower() in _NOT_SHORT:
        return False
    if not any(ch.isupper() for ch in candidate) or re.search(r"(?:1[89]|20)\d\d", candidate):
        return False
    letters = sum(ch.isalpha() for ch in candidate)
    return letters >= 2 and not (candidate[0].isupper() and candidate[1:].islower() and len(candidate) > 4)


def schwartz_hearst(short: str, words_before: str, strict: bool = False) -> str | None:
    """The long form of `short` ending `words_before`, or None when the letters do not match.

    `strict` additionally makes every uppercase letter of the short form start a word, which
    picks 'Systemic Sclerosis' over 'Sclerosis' for (SS); callers try it first.
    """
    words = words_before.split()
    chars = [ch for ch in short if ch.isalnum()]
    window = words[-min(len(chars) + 5, len(chars) * 2):]
    long_form = " ".join(window)
    s_index, l_index = len(chars) - 1, len(long_form) - 1

    def at_word_start(i: int) -> bool:
        return i == 0 or not long_form[i - 1].isalnum()

    while s_index >= 0:
        wanted = chars[s_index]
        need_start = s_index == 0 or (strict and wanted.isupper())
        while l_index >= 0 and (
            long_form[l_index].lower() != wanted.lower() or (need_start and not at_word_start(l_index))
        ):
            l_index -= 1
        if l_index < 0:
            return None
        s_index -= 1
        l_index -= 1
    result = long_form[l_index + 1:].strip(" ,;:-")
    if len(result) <= len(short) or short.lower() in result.lower().split():
        return None
    return result


def _singular(short: str, long_form: str) -> tuple[str, str]:
    """'MSCs', 'mesenchymal stem cells' -> 'MSC', 'mesenchymal stem cell'."""
    if len(short) > 2 and short.endswith("s") and sum(ch.isupper() for ch in short[:-1]) >= 2:
        short = short[:-1]
        words = long_form.split()
        last = words[-1]
        if last.endswith("ies") and len(last) > 4:
            words[-1] = last[:-3] + "y"
        elif last.endswith("s") and not last.endswith(("ss", "us", "is")):
            words[-1] = last[:-1]
        long_form = " ".join(words)
    return short, long_form


def _normalise_case(long_form: str, at_sentence_start: bool, lowercase: set[str],
                    proper: set[str]) -> str:
    """Lowercase capitalised words the document also prints in lowercase (title-case headings),
    and a sentence-initial first word unless the document capitalises it mid-sentence."""
    words = long_form.split(" ")
    title_case = all(w[:1].isupper() for w in words if len(w) > 3)
    out = []
    for i, word in enumerate(words):
        if word[:1].isupper() and word[1:].islower():
            initial = (i == 0 or title_case) and at_sentence_start
            if word.lower() in lowercase or (initial and word not in proper):
                word = word.lower()
        out.append(word)
    return " ".join(out)


def _parenthetical(text: str) -> list[tuple[str, str, bool]]:
    pairs = []
    for match in _PAREN_RE.finditer(text):
        inner = match.group(1).strip()
        short = re.split(r"[,;]\s", inner)[0].strip()
        if not _is_short_form(short):
            continue
        before = text[max(0, match.start() - 300):match.start()]
        sentence = _SENTENCE_END_RE.split(before)[-1]
        long_form = schwartz_hearst(short, sentence, strict=True) or schwartz_hearst(short, sentence)
        if long_form:
            pairs.append((short, long_form, sentence.strip().startswith(long_form)))
    return pairs


def _lists(text: str) -> list[tuple[str, str, bool]]:
    """`SF, long form; SF, long form; ...` runs of at least two items whose first letters agree."""
    pairs = []
    for paragraph in re.split(r"\n\s*\n", text):
        run: list[tuple[str, str, bool]] = []
        for piece in paragraph.split(";"):
            item = None
            lines = piece.strip().split("\n")
            for k in range(len(lines)):  # the first item may follow other lines of the block
                candidate = " ".join(" ".join(lines[k:]).split()).rstrip(".")
                match = _LIST_ITEM_RE.match(candidate)
                if match:
                    short, long_form = match.group("short"), match.group("long").strip()
                    if (short[0].lower() == long_form[0].lower() and not long_form.endswith("-")
                            and any(ch.isupper() for ch in short) and len(long_form.split()) <= 8):
                        item = (short, long_form, False)
                    break
            if item:
                run.append(item)
            else:
                if len(run) >= 2:
                    pairs.extend(run)
                run = []
        if len(run) >= 2:
            pairs.extend(run)
    return pairs


def mine_glossary(text: str) -> dict[str, str]:
    """Abbreviation -> expansion; the most frequent expansion wins, then the earliest."""
    lowercase = set(re.findall(r"(?<![\w-])[a-z][a-z'’]+(?![\w-])", text))
    proper = set(re.findall(r"\b[a-z][\w'’-]*,? ([A-Z][^\s,;.()]*)", text))
    seen: dict[str, list[str]] = defaultdict(list)
    for short, long_form, at_start in _parenthetical(text) + _lists(text):
        short, long_form = _singular(short, " ".join(long_form.split()))
        seen[short].append(_normalise_case(long_form, at_start, lowercase, proper))
    glossary = {}
    for short, forms in seen.items():
        counts: dict[str, int] = defaultdict(int)
        for form in forms:
            counts[form.lower()] += 1
        best = max(counts, key=lambda f: (counts[f], -[x.lower() for x in forms].index(f)))
        glossary[short] = next(f for f in forms if f.lower() == best)
    return glossary
