"""The fields a question can ask of a table: the column heads of the library's own tables.

"What phase was the Kebriaei trial?" asks a cell of a trial table, and is answered best by the
table's row ("table" questions prefer rows, qa.answer.question). Which words name a field was
once a list fitted to one review's trial table (phase, patients, route, MSC source, outcome); a
table in an article a user adds has other columns ("Loss of viability at day 6 relative to WT",
"Gene name"), which the list never knew. Here the fields are read from the library itself:
every table's column heads, as ingestion found them (`Document.tables[].columns`, the names a
rendered row repeats: `Phase: I; No. of patients: 10`), once per loaded index.

A head is matched to a question's words by the analyzer's own tokens (plural and singular
alike, stopwords dropped) as a phrase:

- its *name* is the words before any qualifier: a comma, colon or a number ends it, an aside in
  parentheses is left out ("Protein abundance, ratio WT/ΔcsrA" -> protein abundance; "Loss of
  viability at day 6 ..." -> loss viability), at most two words (a head's first words name it,
  the rest qualify it); "A or B" heads name two fields ("Reagent type (species) or resource");
- a count's head ("No. of patients", "Number of patients") is asked by asking how many of
  what it counts: "how many patients", "number of patients", "patient number" (the word
  'patients' alone is in most questions about a trial, and asks no count);
- a head of literature nouns only ("Reference", "Source") is no field: those words ask for
  citations (qa.answer.question.QUESTION_FORM), so a sources question would read as a table one;
- the name's words stand together in the question, in either order ("MSC source", "source of
  the MSCs");
- a name with a number after it ("phase II", "day 6") states the field's value: the question
  names the row by it and asks something else (as qa.answer.row_match reads it).

A library without tables has no fields: no question is read as asking one.
"""
from __future__ import annotations

import re
import weakref
from collections.abc import Iterable
from dataclasses import dataclass

from qa.index.analyzer import word_sequence

MAX_NAME = 2  # words of a head that name it
_ASIDE = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")  # "(species)", "(%)", "[n]"
_QUALIFIER = re.compile(r"[,;:(\[]")
_ALTERNATIVES = re.compile(r"\s+or\s+", re.I)
_COUNT_HEAD = re.compile(r"^\s*(?:no\.?|number|n)\b(?:\s*of\b)?", re.I)  # "No. of patients", "Number of cells"
_COUNT = "number"  # a count's name starts with it ("number", "patient")
_HOW_MANY = frozenset({"many", "number"})  # the word before a count asked ("how many patients", "number of")


def _number(token: str) -> bool:
    return token[:1].isdigit()


def names_of(head: str) -> list[tuple[str, ...]]:
    """The names a column head gives its field (see the module's docstring); a count's name is
    ('number', what it counts)."""
    from qa.answer.question import QUESTION_FORM

    out = []
    for part in _ALTERNATIVES.split(_ASIDE.sub(" ", head)):
        part = _QUALIFIER.split(part, 1)[0]
        count = _COUNT_HEAD.match(part)
        words = word_sequence(part[count.end():] if count else part)
        cut = next((i for i, w in enumerate(words) if _number(w)), len(words))
        name = tuple(words[:cut][:MAX_NAME])
        if name and not set(name) <= QUESTION_FORM:
            out.append((_COUNT, *name) if count else name)
    return out


@dataclass(frozen=True)
class TableFields:
    """The field names of a library's tables (empty: no tables, no field is ever asked)."""

    names: frozenset[tuple[str, ...]] = frozenset()

    @classmethod
    def of_heads(cls, heads: Iterable[str]) -> TableFields:
        return cls(frozenset(name for head in heads for name in names_of(head)))

    def asked(self, question: str) -> bool:
        """Whether the question names one of the fields (not as a value it states)."""
        if not self.names:
            return False
        words = word_sequence(question)
        for name in self.names:
            counted = name[0] == _COUNT and len(name) > 1
            if counted:
                name = name[1:]
            n, wanted = len(name), set(name)
            for i in range(len(words) - n + 1):
                if set(words[i:i + n]) != wanted or any(_number(w) for w in words[i + n:i + n + 1]):
                    continue
                if not counted or _HOW_MANY & set(words[max(i - 1, 0):i] + words[i + n:i + n + 1]):
                    return True
        return False


NO_FIELDS = TableFields()
# per loaded index, by identity: a rebuilt or extended library is a new Index object; the index is
# held weakly, so a replaced build is not kept alive by its fields
_CACHE: dict[int, tuple[weakref.ref, TableFields]] = {}


def table_fields(index) -> TableFields:
    """The fields of a loaded index's tables, read once per index from its documents' table heads
    (the documents are loaded by the first answer anyway: citations, joins)."""
    cached = _CACHE.get(id(index))
    if cached is not None and cached[0]() is index:
        return cached[1]
    fields = TableFields.of_heads(c for d in index.documents for t in d.tables for c in t.columns)
    for key in [k for k, (ref, _) in _CACHE.items() if ref() is None]:
        del _CACHE[key]
    _CACHE[id(index)] = (weakref.ref(index), fields)
    return fields
