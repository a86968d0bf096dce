"""Does a table row contradict a value the question states for one of its columns?

"What source was used in the Garcia-Olmo phase II Crohn disease trial?" matches the phase I row of
the same authors as well as the phase II one: every word but the qualifier is shared, and the
qualifier ("II", a number once tokenised) is one short token among many. A rendered row names its
columns ("Phase: I; No. of patients: 10; ..."), so the question's "phase II" can be read against
the row's Phase cell: a row whose cell for that column holds numbers, none of them the one the
question gives, is not the row asked about. Only numbers (digits, and roman numerals, which the
tokenizer reads as digits) are compared: a word after a column name is too often the question's
own wording ("route used", "source and").
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from qa.retrieval.statements import row_cells


def _number(token: str) -> bool:
    return token.isdigit()


def contradicts(question_tokens: Sequence[str], row_text: str, tokenize: Callable[[str], list[str]]) -> bool:
    """True when the question names a column of the row next to a number ('phase 2', 'grade 3',
    '15 patients') and the row's cell for that column holds numbers, none of them that one."""
    for column, value in row_cells(row_text):
        name = tokenize(column)
        if not name:
            continue
        cell = [t for t in tokenize(value) if _number(t)]
        if not cell:
            continue
        last = name[-1]
        for i, token in enumerate(question_tokens):
            if token != last:
                continue
            # 'phase 2' (the number after the column's word) or '15 patient' (before it)
            around = question_tokens[i + 1:i + 2] + question_tokens[max(i - 1, 0):i]
            if any(_number(asked) and asked not in cell for asked in around):
                return True
    return False


# 'phase III', 'phase I/II', 'phase I to II', 'phase 2a': the numeral written right after the word
_PHASE = re.compile(r"\b[Pp]hases?\s+((?:IV|V?I{1,3}|[1-4])[ab]?(?:\s*(?:/|-|–|to|and|or)\s*(?:IV|V?I{1,3}|[1-4])[ab]?)?)\b")
_ROMAN = {"I": "1", "II": "2", "III": "3", "IV": "4"}


def _phases(text: str) -> set[str]:
    """The trial phases a text names by numeral ('phase I/II': 1, 2); 'S phase during' names none."""
    out: set[str] = set()
    for m in _PHASE.finditer(text):
        for numeral in re.findall(r"IV|V?I{1,3}|[1-4]", m.group(1)):
            out.add(_ROMAN.get(numeral, numeral))
    return out


def asks_phase(question: str) -> bool:
    """Whether the question names a trial's phase ('phase II'): the test each phase reading below starts with."""
    return bool(_phases(question))


def other_phase(question: str, text: str) -> bool:
    """True when the question names a trial's phase and a sentence names only other phases: "... in
    the Osiris phase III Crohn's trial?" is not answered by "... in 2009 in a phase II multicenter ...
    trial including 49 patients" (user trial 27), as a table row's Phase cell is read above."""
    asked = _phases(question)
    if not asked:
        return False
    said = _phases(text)
    return bool(said) and not asked & said


def names_asked_phase(question: str, first_mismatched: bool) -> Callable[[str], bool] | None:
    """When the best sentence names another phase or row value than the question's (`Unit.mismatched`) and the
    question names a trial's phase: whether a text names that phase ("Is there a phase III trial of MSCs in
    Crohn's disease?" is answered by "Currently, there is a phase III, multicenter ... study", not by the phase I
    row of the same disease, which scores above it on every other word; user trial 52). None otherwise."""
    asked = _phases(question) if first_mismatched else set()
    if not asked:
        return None
    return lambda text: bool(asked & _phases(text))


def cited_phases(studies, doc_id: str, keys: Sequence[str]) -> list[set[str]]:
    """The trial phases the study registry's trial-table rows state for each study a sentence cites (one set per
    cited study, empty when no row of any review states its phase): the phase of a trial a sentence reports
    without naming it ("In 2004, Le Blanc et al, treated a 9-year-old boy ... (Le Blanc et al., 2004)" is kim2013's
    row "Le Blanc et al. [84]; ... Phase: I", the registry merging the two reviews' keys)."""
    out: list[set[str]] = []
    for key in dict.fromkeys(keys):
        study = studies.for_citation(doc_id, key) if studies is not None else None
        cells = [value for c in (study.cited_by if study else ()) for column, value in c.facts.items()
                 if column.strip().lower() == "phase"]
        out.append(set().union(*(_phases("phase " + cell) for cell in cells)) if cells else set())
    return out


def cites_other_phase(question: str, text: str, phases: Sequence[set[str]]) -> bool:
    """True when the question names a trial's phase and a sentence naming no phase itself cites only studies whose
    trial-table rows state other phases (`cited_phases`): "What did the phase II GVHD study of Le Blanc report?" is
    not answered by the sentence on Le Blanc's 2004 single case, a phase I row, though it names the author and
    the disease (user trial 54). A cited study no row states a phase for leaves the sentence unread."""
    asked = _phases(question)
    if not asked or not phases or _phases(text):
        return False
    return all(phases) and not any(asked & p for p in phases)
