"""What a question asks for, recognised from its wording alone (no per-question rules).

The kind decides how spans are chosen: *sources* aggregates citations, *number* prefers a
sentence holding a number of the asked unit, *table* prefers trial-table rows, and so on. The
interrogative grammar it reads (qa.retrieval.interrogative: yes/no, a follow-up asking nothing itself)
and the units of a number (qa.retrieval.number_units: the asked unit, a text stating one) are modules
of their own, re-exported here under their old names.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from qa.retrieval.interrogative import AUXILIARIES, CLASSIFIER, WH_WORDS, asks_nothing_itself, asks_whether
from qa.retrieval.measure_nouns import Reading, measure_nouns
from qa.retrieval.number_units import (ASKED_UNIT, HOW_FAR_SPATIAL, HOW_MANY_UNITS, TIME_UNIT_NAMES, TIME_UNIT_SYMBOLS,
                                    UNIT_WORDS, WEB_ADDRESS, asked_unit, has_number, how_many_unit, number_unit,
                                    without_addresses)
from qa.index.analyzer import tokenize

if TYPE_CHECKING:
    from qa.retrieval.table_fields import TableFields

# Words that name the *form* of the wanted answer ("which references ..."), not its subject:
# they are left out of the term coverage that scores spans and calibrates refusal.
QUESTION_FORM = set(tokenize(
    "which what who whom whose where when why how sources source references reference refs ref papers paper "
    "articles article publications citations cite cited list name give show tell describe explain"
    # "how many / how much" ask for a number; the number is the answer, the words are not in it
    " many much"
    # a superlative asks to compare stated values ("the fewest patients"): the evidence states the
    # values, not the comparison (qa.answer.table_extremes)
    " most highest largest greatest biggest longest fewest least lowest smallest shortest"))
KINDS = ("sources", "table", "number", "definition", "list", "yesno", "comparison", "fact")

_SOURCE_NOUNS = (r"(?:sources?|stud(?:y|ies)|references?|refs?|trials?|papers?|articles?|publications?|"
                 r"citations?|reports?|evidence|works?|authors?)")
SOURCE_NOUNS = _SOURCE_NOUNS  # nouns naming literature (also qa.answer.focus: a plural head that asks for citations)
# "which studies/trials ...", "list the references ...", "refs that ...", "all studies on ..." (user
# trial 40: the determiner kept it a fact question), "... - refs?", "... cited?",
# "cite ..." (the question form after the topic, "lupus mice - which papers?", is not read: it cost a
# test-seeds refusal, evals/README.md "Citations, fifth round")
# ... but in "What did the Prochymal trial show?" the study is the subject of a verb after 'what':
# the question asks what it found, not which studies; likewise after the asked noun ("Which strategies
# do the authors put forward ...?" asks strategies: the literature noun is the auxiliary's subject)
_SOURCES = re.compile(
    r"^\s*(?:which|what|list|name|give|show|any|are there)\b"
    r"(?!\s+(?:did|does|do|has|have|had|can|could|will|would|should|may|might)\b)"
    r"(?:\s+(?!(?:did|does|do|has|have|had|can|could|will|would|should|may|might)\b)\S+){0,3}?\s+"
    + _SOURCE_NOUNS + r"\b"
    r"|^\s*(?:all\s+(?:the\s+)?)?(?:refs?|references|citations?|sources|studies|trials|papers)\s+(?:for|on|about|re|that)\b"
    r"|\b(?:refs?|references|citations?|cite|cited|sources)\s*\??\s*$"
    r"|^\s*(?:cite|who (?:reported|showed|tested|found))\b",
    re.I)
# ... unless the literature noun is singular and qualifies the noun after it: "What was the reference
# locus?", "Which reference genome ...?", "What study population ...?" ask for a locus, a genome, a
# population. The word after a noun that asks for studies is a verb ("Which study used ...",
# "... reports ...") or a function word.
_SOURCE_MODIFIER = re.compile(
    r"^\s*(?:which|what)\b(?:\s+\S+){0,3}?\s+(?:source|study|trial|paper|article|publication|reference|ref|"
    r"report|citation)\s+(?P<next>[a-z][a-z-]*)\b", re.I)
_AFTER_SUBJECT = frozenset(
    "that which who whose for on about of in by with to from at as and or was were is are has have had did does "
    "do found gave took made saw led began ran can could may might will would should must".split())


def _modifies(q: str) -> bool:
    """Does the literature noun of a sources-looking question qualify the noun after it (see above)?
    Not when it is itself a verb after the literature noun ("Which references report MSC ...?"), nor
    when the word after it is an adverb before the verb ("Which study first reported ...?")."""
    m = _SOURCE_MODIFIER.search(q)
    if not m:
        return False
    between = q[m.start():m.start("next")]
    if len(re.findall(r"\b" + _SOURCE_NOUNS + r"\b", between, re.I)) > 1:
        return False  # "references report": the first literature noun is the head, the second its verb
    after = re.match(r"\s+([a-z]+)", q[m.end("next"):], re.I)
    if after and after.group(1).lower().endswith("ed"):
        return False  # "study first reported": an adverb between the noun and its verb
    word = m.group("next").lower()
    verb_like = word.endswith("ed") or (word.endswith("s") and not word.endswith(("ss", "us", "is")))
    return not verb_like and word not in _AFTER_SUBJECT and not _SOURCES.search(_SOURCE_MODIFIER.sub("", q, 1))


# a sources question asking for one study ("What study is cited for ...?", "Which reference reports ...?",
# "which ref is that?"): the literature noun after 'which' / 'what' in the singular, none in the plural
_ONE_SOURCE = re.compile(
    r"\b(?:which|what)\b(?:(?:\s+[\w/'-]+){0,4}?\s+(?:study|trial|paper|article|publication|reference|ref|"
    r"citation|report)|\s+work)\b(?!-)", re.I)
# ('reports', 'works' are left out: mostly verbs, "Which reference reports ...?")
_SOURCES_PLURAL = re.compile(r"\b(?:sources|studies|trials|papers|articles|publications|references|refs|"
                             r"citations)\b", re.I)


def asks_one_source(question: str) -> bool:
    """Whether a sources question asks for a single study: 'which study', 'what reference', 'which ref
    is that' name the literature in the singular (and no literature noun in the plural): the asked
    finding is one study's, so its citation is the answer, not those of the sentences shown beside it."""
    return _ONE_SOURCE.search(question) is not None and _SOURCES_PLURAL.search(question) is None \
        and _SECOND_ASK.search(question) is None


# a second question joined to the first ("Which reference ... for X, and who suggested Y?") asks for a
# second source: the answer is no longer one study's
_SECOND_ASK = re.compile(r"\band\s+(?:who|whom|whose|which|what)\b", re.I)

# a table question names a field of a table (a column head of the library's own tables,
# qa.retrieval.table_fields) and a trial or table ("what phase was the Kebriaei trial?"), or a field of
# a table and one of that table's rows by a value no other row holds ("what was the loss of
# viability of the csrA mutant?", TableFields.asks_cell)
_TRIAL_REF = re.compile(r"\b[A-Z][A-Za-z'\-]+(?: [A-Z][A-Za-z'\-]+)? et al\b|\btrial\b|\btable\b", re.I)
# ... or trials or tables when the field is the attribute the question asks ("What route was used in
# the lupus trials?" asks the Route cell of their rows; "Which trials used the IV route?" asks trials)
_TRIALS = re.compile(r"\b(?:trials|tables)\b", re.I)
_MEASURED = measure_nouns(Reading.NUMBER)  # a laboratory measure: qa.retrieval.measure_nouns
_NUMBER = re.compile(
    r"\b(how (?:many|much|long|often|old|large|high|big|frequent)|(?:response|survival|mortality|success|"
    r"remission|engraftment) rates?|what (?:percentage|proportion|fraction|"
    r"number|dose|dosage|rate|level)|percent(?:age)?|how soon|at what (?:dose|age|time)|what (?:was|is) the (?:dose|"
    r"number|rate|response rate|mortality)|(?:what|which|at what) " + _MEASURED + r"|what (?:was|were|is|are) the "
    + _MEASURED + r")\b", re.I)
_DEFINITION = re.compile(
    r"^\s*(what (?:is|are|does)\b(?!.*\b(?:role|effect|mechanism|outcome|result|difference|advantage|concern|"
    r"limitation|evidence|source)s?\b)|define\b|definition of\b|meaning of\b|what do(?:es)? .* (?:stand for|mean)\b|"
    r"what is meant by\b|what (?:counts?|counted|qualifie[sd]|(?:is|are|was|were) (?:considered|regarded)) as\b|"
    r"how (?:is|are|was|were) [^?]{1,60}? defined\b)", re.I)
_LIST = re.compile(
    r"^\s*(list\b|name (?:the|some|all)\b|enumerate\b)", re.I)
# "what are the ...?" asks for the members of a plural noun phrase (the copula's number is the
# head's: "what are the main markers of MSCs?"), unless it compares two sides ("... of responders
# versus nonresponders?"); "which <plural noun> ...?" asks several things too, read by the head's
# shape (qa.answer.focus.asks_plural), not by a list of nouns
_PLURAL_COPULA = re.compile(r"^\s*what (?:are|were) the\b", re.I)


# "sources" meaning where cells come from, not literature
_CELL_SOURCES = re.compile(r"\b(?:tissue|cell|cellular|msc|mscs|stem cell|donor)\s+sources?\b|\bsources? of (?:the )?"
                           r"(?:cells|mscs?|stem cells|tissue)\b", re.I)


# a comparison: a comparative with 'than', 'versus', 'compared to'; English's equative ("did the GFP sit in the same part of the cell as the arrestin staining?",
# "react to MMS the same way as the mutant larvae?": the same X as Y compares two sides; within one clause),
# the bare verb ("how did X compare between A and B?") and a choice between two named
# sides after a comparative ("which peptide accumulated more, MH42 or MH50?")
_COMPARISON = re.compile(r"\bthe same\b[^?,;]*?\bas\b"
                         r"|\b(?:compared? (?:to|with)|compare[sd]?|comparison|versus|vs\.?|difference between|differ|"
                         r"better than|worse than|more than|less than|higher than|lower than|"
                         r"(?:better|worse|higher|lower|faster|slower|more|less) (?:\w+ )?than)\b"
                         r"|\b(?:more|less|better|worse|higher|lower|greater|faster|slower|stronger|weaker)\b"
                         r"[^?]*,\s*[^,?]+\s+or\s+[^,?]+\?\s*$", re.I)


# "refs" tacked on after a question of its own ("how fast did it kill them? ref", "does it work? refs")
# asks for that answer *with* its citations (which every answer shows), not for a list of studies
# (set off by '?', ',' ';' ':' or a dash: "... what evidence is cited?" is one question)
_TRAILING_REFS = re.compile(r"\s*(?:[?,;:]|\s[-–—])\s*(?:refs?|references|citations?|sources)\s*(?:pls|please)?\s*\??\s*$",
                            re.I)
_OWN_QUESTION = re.compile(r"\b(?:how|what|which|when|where|why|who)\b|^\W*" + AUXILIARIES, re.I)


def kind_of(query, index) -> str:
    """The kind of a parsed question as every stage reads it: the question as typed (not the
    library-name readings retrieval searches with), its misspelt words read as corrected ('wich
    studies' asks sources), and the library's own table fields. The retriever's second stage and the
    refusal's calibration once read it from the searched text and could disagree with the answer.
    A follow-up that asks nothing of its own ("and for Crohn's disease?" after "Which studies used
    MSCs for GVHD?") asks what the earlier question asked, of its new element."""
    from qa.retrieval.table_fields import table_fields
    from qa.retrieval.spelling import with_readings

    typed, fields = query.asked or query.text, table_fields(index)
    own = classify(with_readings(typed, query.typos), fields)
    if own == "fact" and query.context and asks_nothing_itself(typed):
        return classify(query.context, fields)
    return own



def classify(question: str, fields: TableFields | None = None) -> str:
    """The kind of answer the question wants (see KINDS). `fields`: the columns of the library's
    tables (`qa.retrieval.table_fields.table_fields(index)`); without them no question asks a table."""
    q = question.strip()
    tail = _TRAILING_REFS.search(q)
    if tail and _OWN_QUESTION.search(q[:tail.start()]) and not _SOURCES.search(q[:tail.start()]):
        q = q[:tail.start()] + "?"
    asks_table = fields is not None and (fields.asked(q) and bool(_TRIAL_REF.search(q)) or fields.asks_cell(q)
                                         or bool(_TRIALS.search(q)) and _asks_field(q, fields))
    kind = _classify_content(q, asks_table)
    if kind == "fact" and _COMPARISON.search(q):
        return "comparison"
    if kind == "fact" and asks_whether(q):
        return "yesno"
    if kind == "fact" and (_PLURAL_COPULA.search(q) or _asks_several(q)):
        return "list"
    return kind


# "what happens to ...", "what remains after ...": a verb in -s right after 'what', then a preposition
_WHAT_VERB = re.compile(r"\bwhat\s+[a-z]+s\s+(?:to|if|when|after|before|during|with)\b", re.I)
# "which donor's cells ...": the possessor is asked (one donor), the plural noun is its thing
_POSSESSOR = re.compile(r"\b(?:which|what)\s+(?:[\w-]+\s+){0,2}?[\w-]+'s\s", re.I)


def _asks_several(q: str) -> bool:
    """A wh-question whose head noun is plural ("Which enzymes ...?", "What kinds of stress ...?")
    asks for its members: the head's shape as `qa.retrieval.plural_head.asks_plural` reads it, less a verb
    in -s read as that head ("What happens to ...?") and a possessor asked ("Which donor's cells ...?")."""
    from qa.retrieval.plural_head import asks_plural

    return asks_plural(q, "fact") and not _WHAT_VERB.search(q) and not _POSSESSOR.search(q)


def _asks_field(q: str, fields: TableFields) -> bool:
    """Whether the attribute the question asks (qa.retrieval.attribute) is a field of a table."""
    from qa.retrieval.table_fields import asked_field

    return bool(asked_field(q, "table", fields))


_KIND_OF = re.compile(r"^\s*(?:what|which)\s+" + CLASSIFIER + r"\s+of\s+" + _SOURCE_NOUNS + r"\b", re.I)


def _classify_content(q: str, asks_table: bool) -> str:
    """The kind the question's content words ask, before its form is read (`classify`: a comparison, a
    yes/no or several things when this reads only a fact)."""
    if (_SOURCES.search(q) and not _CELL_SOURCES.search(q) and not _NUMBER.search(q) and not _modifies(q)
            and not asks_table and not _KIND_OF.search(q)):
        return "sources"
    if asks_table:
        return "table"
    if _NUMBER.search(q):
        return "number"
    if _LIST.search(q):
        return "list"
    if _DEFINITION.search(q) and not _PLURAL_COPULA.search(q):
        return "definition"
    return "fact"


__all__ = ["ASKED_UNIT", "AUXILIARIES", "HOW_FAR_SPATIAL", "HOW_MANY_UNITS", "KINDS", "QUESTION_FORM", "SOURCE_NOUNS",
           "TIME_UNIT_NAMES", "TIME_UNIT_SYMBOLS", "UNIT_WORDS", "WEB_ADDRESS", "WH_WORDS", "asked_unit",
           "asks_nothing_itself", "asks_one_source", "asks_whether", "classify", "has_number", "how_many_unit",
           "kind_of", "number_unit", "without_addresses"]
