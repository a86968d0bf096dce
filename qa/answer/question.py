"""What a question asks for, recognised from its wording alone (no per-question rules).

The kind decides how spans are chosen: *sources* aggregates citations, *number* prefers a
sentence holding a number of the asked unit, *table* prefers trial-table rows, and so on.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from qa.index.analyzer import tokenize

if TYPE_CHECKING:
    from qa.answer.table_fields import TableFields

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
# "which studies/trials ...", "list the references ...", "refs that ...", "... - refs?", "... cited?",
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
    r"|^\s*(?:refs?|references|citations?|sources|studies|trials|papers)\s+(?:for|on|about|re|that)\b"
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
# qa.answer.table_fields) and a trial or table ("what phase was the Kebriaei trial?"), or a field of
# a table and one of that table's rows by a value no other row holds ("what was the loss of
# viability of the csrA mutant?", TableFields.asks_cell)
_TRIAL_REF = re.compile(r"\b[A-Z][A-Za-z'\-]+(?: [A-Z][A-Za-z'\-]+)? et al\b|\btrial\b|\btable\b", re.I)
# ... or trials or tables when the field is the attribute the question asks ("What route was used in
# the lupus trials?" asks the Route cell of their rows; "Which trials used the IV route?" asks trials)
_TRIALS = re.compile(r"\b(?:trials|tables)\b", re.I)
_MEASURED = r"(?:concentrations?|temperatures?|volumes?|amounts?|durations?|speeds?|sizes?|lengths?|densit(?:y|ies))"
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

_COMPARING = (r"\b(?:than|compared|versus|vs|relative|higher|lower|more|less|greater|fewer|increased?|decreased?|"
              r"reduced|reductions?|rose|rise|dropped|fell|gains?|loss|improved)\b")
# The units of time, the one source of their words in qa.answer: by name and usual abbreviation
# (TIME_UNIT_NAMES: what a question writes, "how many weeks", "in minutes", "several days") and, after a
# number only, also by one-letter symbol (TIME_UNIT_SYMBOLS: "72 h", "3 d", "6 mo", "2 y", "30 s", read by
# `qa.answer.counts`; a bare 'h' or 's' in words is no unit). Two readings keep members of their own, on
# purpose: UNIT_WORDS['time'] below, narrowed on its misreadings (no 'wk': "died after 3 wk" made a result
# a laboratory step for qa.retrieval.protocol; 's' only in lower case after a space: "the 1970s", "16 S"),
# and `qa.answer.focus._TIME_WORD`, durations in words ("several months", "days to months"), plural only
# and with 'decades'.
_TIME_NAMES = "seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|months?|years?|yrs?"
TIME_UNIT_NAMES = "(?:" + _TIME_NAMES + ")"
TIME_UNIT_SYMBOLS = "(?:s|h|d|mo|y|" + _TIME_NAMES + ")"
# (`qa.answer.counts` blanks measures with a unit class of its own, wider and narrower: it says why)
UNIT_WORDS = {
    "percent": re.compile(r"\d\s?%|\bpercent\b|\b(?:one|two|three|half|third|quarter)s?\b of\b", re.I),
    # (a median's range or IQR may stand between the number and its unit: "17.2 (3-36) months")
    # (every unit of time and its usual lab abbreviations: "for 4 hr", "30 minutes", "90 sec"; not "wk", which
    # made a result's "died after 3 wk" a laboratory step for qa.retrieval.protocol; a bare "s"
    # only in lower case after a space, so that a decade, "the 1970s", and a sedimentation unit, "16 S rRNA",
    # are not read as seconds)
    "time": re.compile(r"\b\d+(?:[.,]\d+)?\s*(?:\([^()]{1,20}\)\s*)?(?:-\s*\d+\s*)?"
                       r"(?:mo|months?|weeks?|days?|years?|yrs?|hours?|hrs?|h|min|mins|minutes?|secs?|seconds?)\b"
                       r"|\b\d+(?:[.,]\d+)?\s+(?-i:s)\b"
                       r"|\b(?:one|two|three|six|twelve)\s+(?:months?|weeks?|years?)\b", re.I),
    "dose": re.compile(r"\b\d+(?:[.,]\d+)?\s*(?:×|x)\s*10|\bmg\b|/kg\b|\bcells?/kg\b|\bgr?/day\b"
                       r"|\d\s*(?:[nµμ]g|IU|U|[µμm][lL])\b"
                       # a microbe's or a virus's dose is counted in colony- / plaque-forming units ("daily
                       # administration of 10¹⁰ CFU", "1 × 10¹¹ PFU/ml"), its power of ten often in superscripts
                       r"|[\d⁰¹²³⁴⁵⁶⁷⁸⁹]\s*(?:CFUs?|PFUs?|(?:colony|plaque)[- ]forming units?)\b"
                       # an amount added to a reaction or a culture is stated as the concentration it reaches
                       # ("Then, 200 μM NAD+ was added"): 'how much ... added' is answered by a molar value
                       r"|(?-i:\d\s*[pnµμm]M\b)", re.I),
    "count": re.compile(r"\b\d+\b(?!\s*%)|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b",
                        re.I),
    # the measures of a laboratory protocol, each by its units (SI and the usual lab spellings: "1000 g, 90 min")
    "concentration": re.compile(r"\d\s*(?:[pnµμmk]?M\b|%|(?:[pnµμm]?g|U|IU|units?)\s*/\s*(?:[µμm]?[lL]|kg|g|d[lL])\b"
                                r"|w/v|v/v|ppm\b)|\bMOI\b|\d\s*(?:×|x)\s*10"),
    "temperature": re.compile(r"\d\s*(?:°|º|˚)\s*[CF]?|\d\s*-?\s*degrees?\b", re.I),
    "volume": re.compile(r"\d\s*(?:[nµμm]?[lL])\b"),
    "speed": re.compile(r"\d\s*(?:rpm\b|r\.p\.m\.|(?:×|x)\s*g\b|g\b(?=\s*[,;)]|\s+for\b))"),
    "length": re.compile(r"\d\s*(?:[nµμm]m|cm|bp|[kMG]bp?|nt|Å|kDa)\b"),
    # a change's size: a fold or ratio ('100-fold', 'five-fold', '2.5×', '3 times'), a percentage
    "change": re.compile(r"(?:\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|hundred))\s*-?\s*fold\b"
                         r"|\d\s*(?:×|x)(?!\s*10)|\d\s+times\b|\b(?:doubled|tripled|halved)\b"
                         # a percentage states a change in a sentence comparing ("40% higher", "reduced by
                         # 40%", "in children (84%), as compared to adults (60%)"), not as a share or a
                         # composition alone ("0.15 and 0.3% MH42 per microliter")
                         r"|\d\s?%(?=.*?" + _COMPARING + r")|" + _COMPARING + r".*?\d\s?%", re.I),
}


# "sources" meaning where cells come from, not literature
_CELL_SOURCES = re.compile(r"\b(?:tissue|cell|cellular|msc|mscs|stem cell|donor)\s+sources?\b|\bsources? of (?:the )?"
                           r"(?:cells|mscs?|stem cells|tissue)\b", re.I)


# the question words of English: a question holding one asks it (findings reads it too)
WH_WORDS = r"(?:what|which|when|where|why|who|whose|whom|how)"
# the auxiliary verbs that open a question asking whether (also read by qa.retrieval.rerank)
AUXILIARIES = r"(?:is|are|was|were|do|does|did|can|could|has|have|had|will|would|should|may|might|must)\b"
# ... or whose last clause does, after a phrase that sets the scene and is set off by a comma, a dash
# or a colon: "In Liang's trial, were the donors HLA-matched?", "When ... were probed, did they go
# to the same speckles?", "monkey eye - did the retina reattach?"; not when a wh-word asks the
# question ("Which label, e.g. iron oxide, was used ...?": the phrase is an aside)
_CLAUSE_YESNO = re.compile(r"(?:,|\s[-–—]|:)\s+" + AUXILIARIES + r"[^,:?–—]+\?\s*$", re.I)
# every wh-word but 'when', where it can ask: opening the question or a clause (after a comma, a dash, a
# colon, 'and' / 'or' / 'but'); one after a word of the phrase is a relative pronoun ("Those children
# ... who improved after transplant - did they get just the MSCs?") and asks nothing
_ASKING_WH = re.compile(r"(?:^|[,;:(–—]|\s[-–—]|\b(?:and|or|but))\W*(?!when\b)" + WH_WORDS + r"\b", re.I)
_OPENING_AUXILIARY = re.compile(r"^\W*(?:(?:and|but|so)\s+)?" + AUXILIARIES, re.I)


def asks_whether(question: str) -> bool:
    """Whether a question asks if its statement holds: it opens with an auxiliary verb (after 'and',
    'but', 'so'), or its last clause does after a scene-setting phrase (`_CLAUSE_YESNO`) and no
    wh-word asks anything ('when' there opens the phrase: "When X was done, did ...?")."""
    if _OPENING_AUXILIARY.match(question):
        return True
    clause = _CLAUSE_YESNO.search(question)
    return clause is not None and not _ASKING_WH.search(question)


# ... also English's equative ("did the GFP sit in the same part of the cell as the arrestin staining?",
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
    from qa.answer.table_fields import table_fields
    from qa.retrieval.spelling import with_readings

    typed, fields = query.asked or query.text, table_fields(index)
    own = classify(with_readings(typed, query.typos), fields)
    if own == "fact" and query.context and asks_nothing_itself(typed):
        return classify(query.context, fields)
    return own


# a follow-up introducing only a new element: a joining word or 'what about' before a noun phrase,
# no question word or auxiliary of its own ("and in children?", "And the IQ-tree-only reconstruction?")
_NEW_ELEMENT = re.compile(r"^\W*(?:(?:and|or|but|so|then|also)\s+)?(?:(?:what|how)\s+about\b|same\s+for\b)?", re.I)
_ASKING = re.compile(r"\b" + WH_WORDS + r"\b|^\W*" + AUXILIARIES, re.I)


def asks_nothing_itself(text: str) -> bool:
    """Whether a follow-up names only a new element and asks nothing of its own: once its opening
    joining word or 'what about' is set aside, no question word or auxiliary is left."""
    return _ASKING.search(text[_NEW_ELEMENT.match(text).end():]) is None


def classify(question: str, fields: TableFields | None = None) -> str:
    """The kind of answer the question wants (see KINDS). `fields`: the columns of the library's
    tables (`qa.answer.table_fields.table_fields(index)`); without them no question asks a table."""
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
    asks for its members: the head's shape as `qa.answer.focus.asks_plural` reads it, less a verb
    in -s read as that head ("What happens to ...?") and a possessor asked ("Which donor's cells ...?")."""
    from qa.answer.focus import asks_plural

    return asks_plural(q, "fact") and not _WHAT_VERB.search(q) and not _POSSESSOR.search(q)


def _asks_field(q: str, fields: TableFields) -> bool:
    """Whether the attribute the question asks (qa.answer.attribute) is a field of a table."""
    from qa.answer.table_fields import asked_field

    return bool(asked_field(q, "table", fields))


_KIND_OF = re.compile(r"^\s*(?:what|which)\s+(?:kinds?|types?|sorts?)\s+of\s+" + _SOURCE_NOUNS + r"\b", re.I)


def _classify_content(q: str, asks_table: bool) -> str:
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


# "how many" before a unit of measure asks a quantity in that unit, not a count of things ("for how many
# days", "how many hours after ...", "how many degrees"): the closed class of units `UNIT_WORDS` reads,
# by their names and usual symbols (not 'degrees of freedom', 'times', 'fold': a change)
HOW_MANY_UNITS = {
    "time": TIME_UNIT_NAMES,
    "temperature": r"degrees?(?!\s+of\b)",
    "dose": r"(?:(?:milli|micro|nano)?grams?|mg|[µμn]g|iu)",
    "volume": r"(?:(?:milli|micro)?lit(?:re|er)s?|ml|[µμ]l)",
    "length": r"(?:(?:nano|micro|milli|centi)?met(?:re|er)s?|microns?|nm|[µμm]m|cm|bp|base\s+pairs?|kb|kilobases?|"
              r"angstroms?|å)",
    "speed": r"rpm",
}
_HOW_MANY_UNIT = tuple((re.compile(r"\bhow many\s+(?:more\s+|fewer\s+|additional\s+|extra\s+)?" + words + r"\b"), unit)
                       for unit, words in HOW_MANY_UNITS.items())


def how_many_unit(question: str) -> str | None:
    """The unit a "how many <unit>" question asks its quantity in (HOW_MANY_UNITS), None when its
    "how many" counts things or it has none."""
    q = question.lower()
    return next((unit for pattern, unit in _HOW_MANY_UNIT if pattern.search(q)), None)


# "how far" asks a distance only in a spatial sense: a verb of movement, migration or diffusion (a closed
# class), a direction ('into', 'away', 'apart', 'up-/downstream', 'along', 'across') or a unit of length
# in the question; else it asks to what extent ("How far can cord blood MSCs be expanded?", user trial 36)
_SPATIAL = (r"\b(?:mov(?:e|es|ed|ing)|travel\w*|migrat\w*|spread\w*|diffus\w*|penetrat\w*|invad\w*|invasi\w*|"
            r"dispers\w*|propagat\w*|infiltrat\w*|translocat\w*|disseminat\w*|metastas\w*|drift\w*|swim\w*|"
            r"swam|walk\w*|crawl\w*|fl(?:y|ies|ew|own)|hom(?:e|es|ed|ing)\s+(?:in|to)|into|away|apart|"
            r"upstream|downstream|along|across|"
            + HOW_MANY_UNITS["length"] + r")\b")
HOW_FAR_SPATIAL = re.compile(r"how far\b(?=.*" + _SPATIAL + r")|" + _SPATIAL + r".*\bhow far\b")

# Which kind of number a question wants, by the first of these its wording matches ("how many"
# before the measures: "how many bootstrap datasets ... for the peak temperature?" asks a count; a
# "how many" read as a count asks the unit that follows it, if any: `how_many_unit`).
ASKED_UNIT = tuple((re.compile(pattern), unit) for pattern, unit in (
    # word starts: 'migrate', 'moderate', 'infraction', 'proportional' ask no share; "how much of X" asks one
    (r"\bpercent|(?:what|which)\s*%|\bproportions?\b|\bfraction|\bshare of\b|\brates?\b|how much of\b", "percent"),
    (r"how long|how soon|how quickly|duration|follow-?up|when\b|at what time|how often", "time"),
    (r"\bconcentrat", "concentration"),
    # 'how much more sensitive', 'how much higher': the size of a change, not an amount given
    (r"how much (?:more|less|fewer|greater|higher|lower|larger|smaller|bigger|stronger|weaker|faster|slower)\b"
     r"|\bfold\b|how many (?:times|fold)\b|\bby how much\b", "change"),
    (r"\bdose|dosage|how much", "dose"),
    (r"\bhow many\b", "count"),
    (r"\btemperature|how (?:hot|cold|warm)\b", "temperature"),
    (r"\bvolume\b", "volume"),
    (r"\bspeed|rpm\b|how fast", "speed"),
    (r"\b(?:size|length|diameter|thickness|distance|depth)\b|how (?:big|large|deep|thick)\b|"
     + HOW_FAR_SPATIAL.pattern, "length"),
))


@lru_cache(maxsize=4096)  # read once per candidate sentence of a question (focus_match, new_quantity)
def asked_unit(question: str) -> str | None:
    """The kind of number the question's wording names (ASKED_UNIT), None when it names none."""
    q = _CLAUSE_WHEN.sub(" ", question.lower())
    unit = next((unit for pattern, unit in ASKED_UNIT if pattern.search(q)), None)
    return (how_many_unit(q) or unit) if unit == "count" else unit


# "when" joining a clause ("how many peaks are lost when a GMP turns into a monocyte?", "Which co-factor, when
# expressed, ...?") asks no time; an opening "when", "and when", "when?", ", when did ...?" do
_CLAUSE_WHEN = re.compile(r"(?<=\w)(?<!\band)\s+when\b(?!\s*\?)"
                          r"|(?<=[,;:)–—-])\s+when\b(?!\s*\?)(?!\s+" + AUXILIARIES + ")")


def number_unit(question: str) -> str:
    """Which kind of number a *number* question wants (ASKED_UNIT; a count when none matches)."""
    return asked_unit(question) or "count"


# a web or DOI address: its digits ("releaseID=407404", "10.1186/s12915-024-01840-1") state no quantity
WEB_ADDRESS = re.compile(r"(?:https?://|www\.|doi\.org/|\bdoi:\s*)\S+", re.I)


def without_addresses(text: str) -> str:
    """`text` with its web and DOI addresses blanked (a sentence citing a press release by its URL
    was read as stating a number)."""
    return WEB_ADDRESS.sub(" ", text) if ("/" in text or "doi" in text.lower()) else text


def has_number(text: str, unit: str) -> bool:
    return bool(UNIT_WORDS[unit].search(without_addresses(text)))
