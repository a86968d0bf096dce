"""The fields a question can ask of a table: the column heads of the library's own tables.

"What phase was the Kebriaei trial?" asks a cell of a trial table, and is answered best by the
table's row ("table" questions prefer rows, qa.retrieval.question). Which words name a field was
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
  citations (qa.retrieval.question.QUESTION_FORM), so a sources question would read as a table one;
- the name's words stand together in the question, in either order ("MSC source", "source of
  the MSCs");
- a name with a number after it ("phase II", "day 6") states the field's value: the question
  names the row by it and asks something else (as qa.answer.row_match reads it).

A question asks a table's cell when it names a field and a trial or table (qa.retrieval.question),
or a field of a table and, elsewhere in its words, one of that table's rows ("what was the loss
of viability of the csrA mutant?", "what route did Zhou use?"): a row is named by a value of
it no other row holds (its key, the first cell, or any other cell), read from the rendered rows
with the fields; its parts as a head's (commas, "or", asides), of at most four words, one of
them neither a number nor a literature noun. A value several rows share ("Improved", "aGVHD",
an author of three trials) names a group, words of the caption describe every row, a table of
one row has none to pick, and the key's own column ("Gene") is not a field of the row it names.

A library without tables has no fields: no question is read as asking one.
"""
from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from qa.retrieval.statements import row_cells
from qa.index.analyzer import word_sequence

MAX_NAME = 2  # words of a head that name it
_ASIDE = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")  # "(species)", "(%)", "[n]"
_QUALIFIER = re.compile(r"[,;:(\[]")
_ALTERNATIVES = re.compile(r"\s+or\s+", re.I)
_COUNT_HEAD = re.compile(r"^\s*(?:no\.?|number|n)\b(?:\s*of\b)?", re.I)  # "No. of patients", "Number of cells"
_COUNT = "number"  # a count's name starts with it ("number", "patient")
_HOW_MANY = frozenset({"many", "number"})  # the word before a count asked ("how many patients", "number of")
MAX_VALUE = 4  # words of a cell that a question can say to name its row ("Heme oxygenase-like protein")
_VALUE_PARTS = re.compile(r"[,;]\s+|\s+or\s+", re.I)  # "aGVHD, cGVHD": two values


def _number(token: str) -> bool:
    return token[:1].isdigit()


def names_of(head: str) -> list[tuple[str, ...]]:
    """The names a column head gives its field (see the module's docstring); a count's name is
    ('number', what it counts)."""
    from qa.retrieval.question import QUESTION_FORM

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


def _spans(words: list[str], name: tuple[str, ...]) -> Iterable[tuple[int, int]]:
    """Where a name stands in the question's words: its words together, in either order."""
    n, wanted = len(name), set(name)
    for i in range(len(words) - n + 1):
        if set(words[i:i + n]) == wanted:
            yield i, i + n


def _field_spans(words: list[str], name: tuple[str, ...]) -> Iterable[tuple[int, int]]:
    """Where the question asks the field `name` (not where it states a value of it)."""
    counted = name[0] == _COUNT and len(name) > 1
    for i, j in _spans(words, name[1:] if counted else name):
        if any(_number(w) for w in words[j:j + 1]):
            continue  # "phase II": a value stated
        if not counted or _HOW_MANY & set(words[max(i - 1, 0):i] + words[j:j + 1]):
            yield i, j


def value_names(value: str) -> list[tuple[str, ...]]:
    """The names a cell's value gives its row: each of its parts (set apart by commas or "or"),
    asides and citations left out, when a part is short enough to be named (a cell of a sentence
    is not said in a question) and holds a word (a number, a mark or a literature noun names no
    row: "3", "N/A", "This study")."""
    from qa.retrieval.question import QUESTION_FORM

    out = []
    for part in _VALUE_PARTS.split(_ASIDE.sub(" ", value)):
        words = tuple(word_sequence(part))
        if 0 < len(words) <= MAX_VALUE and any(len(w) > 1 and not _number(w) and w not in QUESTION_FORM
                                               for w in words):
            out.append(words)
    return out


def _cells(row: str, columns: list[str]) -> list[str]:
    """The values of a rendered row, in order ('Gene: katE; Loss of viability ...: 7.5.'): the text
    after each of the table's column names, up to the next one (qa.retrieval.statements)."""
    return [value for _, value in row_cells(row, columns)]


@dataclass(frozen=True)
class TableKeys:
    """One table: the fields a question can ask of one of its rows, and the names that pick a row out."""

    fields: frozenset[tuple[str, ...]]
    rows: frozenset[tuple[str, ...]]

    @classmethod
    def of_rows(cls, columns: list[str], rows: list[str], caption: str = "") -> TableKeys:
        """A row is named by a value no other row holds: its key (its first cell: the study, the
        gene, the reagent the table lists) or another cell's ("csrA", "Allo-fetal"); a value
        several rows share ("Improved", "aGVHD", an author of three trials) names a group of rows,
        and words of the caption describe every row ("Genes ... of A. baumannii AB5075"). The
        key's column is no field of the cell asked: the question names the row by it."""
        if len(rows) < 2:
            return cls(frozenset(), frozenset())  # a table of one row: no row to pick
        held: dict[tuple[str, ...], int] = {}
        for row in rows:
            for name in {n for cell in _cells(row, columns) for n in value_names(cell)}:
                held[name] = held.get(name, 0) + 1
        told = set(word_sequence(caption))
        names = {n for n, k in held.items() if k == 1 and not set(n) <= told}
        return cls(frozenset(n for head in columns[1:] for n in names_of(head)), frozenset(names))


@dataclass(frozen=True)
class TableFields:
    """The field names of a library's tables (empty: no tables, no field is ever asked)."""

    names: frozenset[tuple[str, ...]] = frozenset()
    tables: tuple[TableKeys, ...] = ()

    @classmethod
    def of_heads(cls, heads: Iterable[str]) -> TableFields:
        return cls(frozenset(name for head in heads for name in names_of(head)))

    @classmethod
    def of_tables(cls, tables: Iterable[tuple[list[str], list[str], str]]) -> TableFields:
        """From each table's (column heads, rendered rows, caption)."""
        given = list(tables)
        keys = tuple(TableKeys.of_rows(columns, rows, caption) for columns, rows, caption in given)
        return cls(frozenset(n for columns, _, _ in given for head in columns for n in names_of(head)), keys)

    def asked(self, question: str) -> bool:
        """Whether the question names one of the fields (not as a value it states)."""
        words = word_sequence(question) if self.names else []
        return any(True for name in self.names for _ in _field_spans(words, name))

    def asks_cell(self, question: str) -> bool:
        """Whether the question names a field of a table and, elsewhere in its words, one of that
        table's rows ("what was the loss of viability of the csrA mutant?"): it asks that cell."""
        if not self.tables:
            return False
        words = word_sequence(question)
        for table in self.tables:
            fields = [s for name in table.fields for s in _field_spans(words, name)]
            if fields and any(i >= fj or j <= fi for name in table.rows for i, j in _spans(words, name)
                              for fi, fj in fields):
                return True
        return False


def asked_field(question: str, kind: str | None, fields: TableFields) -> tuple[str, ...]:
    """The words of the field a table question asks as its attribute ("What route was used in the
    lupus trials?": route; qa.retrieval.attribute), () when it asks none (another kind, an attribute
    no column of the library's tables names)."""
    from qa.retrieval.attribute import asked_attribute

    attribute = asked_attribute(question) if kind == "table" else None
    if attribute is None:
        return ()
    words = tuple(word_sequence(" ".join(attribute.words)))
    return words if any(True for name in fields.names for _ in _field_spans(list(words), name)) else ()


def states_field(words: tuple[str, ...], text: str, row: bool,
                 subject: Callable[[set[str]], bool] = lambda values: True) -> bool:
    """Whether a unit states the asked field (`asked_field`'s words): a table row by a cell under a
    column the words name ('Route: IV') when its cells' values name the question's subject
    (`subject`, on the values' tokens: "Disease: SLE" for the lupus trials; every row has the
    column, and a column name such as "MSC source" would name any question's MSCs), a sentence by
    naming the field itself."""
    if row:
        cells = row_cells(text)
        return subject({t for _, value in cells for t in word_sequence(value)}) and any(
            value and any(True for name in names_of(column) for _ in _field_spans(list(words), name))
            for column, value in cells)
    return set(words) <= set(word_sequence(text))


NO_FIELDS = TableFields()
# per loaded index, by identity: a rebuilt or extended library is a new Index object; the index is
# held weakly, so a replaced build is not kept alive by its fields
_CACHE: dict[int, tuple[weakref.ref, TableFields]] = {}


def table_fields(index) -> TableFields:
    """The fields and row names of a loaded index's tables, read once per index from its documents'
    tables (the documents are loaded by the first answer anyway: citations, joins)."""
    cached = _CACHE.get(id(index))
    if cached is not None and cached[0]() is index:
        return cached[1]
    fields = TableFields.of_tables((t.columns, [d.text[s:e] for s, e in t.rows], t.caption)
                                   for d in index.documents for t in d.tables)
    for key in [k for k, (ref, _) in _CACHE.items() if ref() is None]:
        del _CACHE[key]
    _CACHE[id(index)] = (weakref.ref(index), fields)
    return fields
