"""Answer-type signals of the answer stage: does a sentence hold the *kind of thing* asked for,
beyond repeating the question's words?

Three failure classes of first spans (evals/README.md, "Top span, fourth round") are
mechanisms, not questions: (1) the sentence stating the asked value is outranked by one that
merely restates the question's topic ("We measured LBP in plasma of patients before ... or
after ..." above "LBP levels were elevated in patients after ..."); (2) a question asking for a
quantity ("HU dose given to the mice?", "how far into the gene body ...?") is answered by a
sentence whose only numbers are figure labels or the question's own numbers; (3) a question
asking for several things ("Which pathogenic strains were used ...?") is answered by a sentence
naming one. The signals below read only the question's wording and the sentence's shape: the
English of quantities and plurals, no topic words.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache, partial

from qa.retrieval.question import AUXILIARIES, asked_unit, asks_whether, has_number, without_addresses
from qa.retrieval.plural_head import asks_plural
from qa.retrieval.sentence_focus import enumerates as question_enumerates, names_head
from qa.answer.findings import asks_result, reports_result
from qa.answer.inherited import COUNT_WORDS, SUBJECTS
from qa.retrieval.measure_nouns import Reading, measure_nouns
from qa.retrieval.number_units import DOSE_WORD, UNIT_SHAPED, states_unit

# A question asking for a quantity: "how many / much / far / long ...", or naming a measured
# quantity as its wh-head ("what dose", "which temperature", "at what concentration"), or '#'.
_HOW_QUANTITY = re.compile(
    r"\bhow (?:many|much|far|long|large|big|high|low|fast|slow|often|old|soon|deep|wide|small|frequent|"
    r"rare|common|strong|tall|heavy|close|quickly)\b|#|\bby how\b|\b(?:what|which)\s*%", re.I)
MEASURES = measure_nouns(Reading.QUANTITY)  # ("dose", "temperature", "p-value": qa.retrieval.measure_nouns)
# ... or a bare noun phrase ending in one ("HU dose given to the mice?"), not a yes/no or other wh-question
_WH_QUANTITY = re.compile(r"\b(?:what|which|at what|of what)\s+(?:[\w-]+\s+){0,2}?" + MEASURES + r"\b"
                          r"|^\W*(?!" + AUXILIARIES + r"|(?:how|why|where|when|who)\b)(?:the\s+)?(?:[\w/-]+\s+){0,3}?"
                          + MEASURES + r"\b(?!\s+(?:is|are|was|were|do|does|did)\b)"
                          # ... or the question's tail after its topic, set off by a dash or a colon: "4T1 mice -
                          # dox dose & schedule?", "Liang trial: number of patients?"
                          r"|(?:\s[-–—]|:)\s+(?:[\w/-]+\s+)?" + MEASURES + r"\b"
                          # ... or a copula's subject naming one after its modifiers: "What is the maximum
                          # tolerated dose of MSCs ...?", "What was the median age of ...?" (user trial 32)
                          r"|\b(?:what|which)\s+(?:is|was|are|were)\s+the\s+(?:[\w-]+\s+){0,3}?" + MEASURES + r"\b",
                          re.I)


# Figure, table and supplement labels, numbers glued to letters (gene and mutation names such as
# K548R, SBS13, col-179) and primed ends: numbers that state no quantity.
_LABEL = re.compile(r"\b(?:fig(?:ure)?s?|tables?|supplementary|supplements?|suppl?|additional files?|panels?|movies?|"
                    r"appendix|eq(?:uation)?s?|refs?|references?|chapters?|sections?|steps?)\.?\s*"
                    r"S?\d+[A-Za-z]?(?:\s*(?:[-–,]|and)\s*S?\d+[A-Za-z]?)*", re.I)
# (a digit with a prime names a nucleic-acid end, "the 3' and 5' splice site", "5'UTR": no quantity)
_NUMBER = re.compile(r"(?<![\w.\-/])(?:\d+(?:[.,]\d+)*|\d*\.\d+)(?![\w\-]*[A-Za-z])(?![’′'])")
# a fold change is a quantity though glued to its word ("100-fold", "2.5-fold", "5fold")
_FOLD = re.compile(r"(?<![\w.\-/])\d+(?:[.,]\d+)*(?=\s*-?\s*fold\b)", re.I)
_NUMBER_WORDS = re.compile(r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
                           r"forty|fifty|sixty|seventy|eighty|ninety|"
                           r"hundred|thousand|half|third|quarter|dozen|once|twice)\b", re.I)


# An enumeration in a sentence: what `sentence_focus.enumerates` reads for a *list* question (three or
# more short comma-separated items, numbered items, "such as / including / e.g." before items),
# and also "namely / i.e." before items or a colon introducing items joined by commas and
# 'and'/'or' (units are single sentences, so a colon's items may hold the periods of
# abbreviations: "P. aeruginosa").
MORE_ITEMS = re.compile(r"\b(?:namely|i\.e\.)\b[^.]*,|:\s*[^:]{2,120}?(?:,|\band\b|\bor\b)\s*[^:]{2,}")


# a question asking which test or statistical method was applied asks for that test, not for the quantity it
# names as the test's object ("Which statistical test was applied to the percentage of chromosomal
# abnormalities ...?": the legend's "Two-way ANOVA (Tukey's multiple comparisons test)", not a percentage)
_ASKS_TEST = re.compile(r"\b(?:which|what)\s+(?:[\w-]+\s+){0,2}?(?:tests?|statistical\s+(?:methods?|analys[ie]s|"
                        r"comparisons?))\b(?!\s+(?:concentrations?|doses?))", re.I)


@lru_cache(maxsize=4096)  # asked once per candidate sentence of a question
def asks_quantity(question: str, kind: str | None = None) -> bool:
    """Whether the question wants a number (its kind is *number*, or it asks 'how far', 'what
    dose', 'what temperature' ... in any kind but *sources*, which asks for citations)."""
    if kind == "sources" or _ASKS_TEST.search(question):
        return False
    # "Were response rates as good in cGVHD as in aGVHD?" asks whether, not how much: a question in
    # yes/no form wants a number only when it says so ("... and by how much?")
    if kind == "number" and not asks_whether(question):
        return True
    return bool(_HOW_QUANTITY.search(question) or _WH_QUANTITY.search(question))


@lru_cache(maxsize=4096)  # asked once per candidate sentence of a question
def numbers(text: str) -> frozenset[str]:
    """The quantities a text states: numerals (labels of figures and tables, and numbers glued
    to letters, left out) and number words."""
    text = _LABEL.sub(" ", without_addresses(text))
    found = {m.group(0).replace(",", "") for m in _NUMBER.finditer(text)}
    found |= {m.group(0).replace(",", "") for m in _FOLD.finditer(text)}
    found |= {m.group(0).lower() for m in _NUMBER_WORDS.finditer(text)}
    return frozenset(found)


# What a figure legend states of its panel's protocol: the measures above and the durations of its
# steps ("the PAR was detected with IF after 24 h transfection", "treated ex vivo ... for 14 hours"),
# which many articles give in the legend only. A legend stating such a value keeps its score
# (`span_legend_keeps_measure`); a share or a change a legend states is its panel's result, which the
# running text states as well (evals/README.md, twenty-eighth session, "The first span").
LEGEND_MEASURES = UNIT_SHAPED | {"time"}


def legend_keeps(unit: str | None, several: bool) -> bool:
    """Whether a legend stating the asked value in `unit` keeps its score: a measure always (as before);
    a duration when one is asked, not for a question asking several things ("the doses and durations of
    the fork degradation and restart assays"), which the running text states together while a legend
    gives one panel's."""
    return unit in UNIT_SHAPED or (unit in LEGEND_MEASURES and not several)


def new_quantity(question: str, text: str) -> bool:
    """Whether the sentence states a number the question does not already state ("children under
    18": the 18 of a sentence restating that is no answer), in the asked unit when the question
    asks a measure written with one (UNIT_SHAPED), or a duration in words for a question asking a time
    ("how long does it survive on dry surfaces?": "for days to several months"; user trial 38)."""
    unit = asked_unit(question)
    if not numbers(text) - numbers(question):
        return unit == "time" and bool(_SPOKEN_TIME.search(text)) and not _SPOKEN_TIME.search(question)
    return unit not in UNIT_SHAPED or states_unit(question, text, unit)


def states_asked(question: str, kind: str | None, text: str) -> bool | None:
    """Whether a text states the value a question asks in the unit its wording names (a time, a
    dose, a temperature ...: question.asked_unit) as a number the question does not give; None
    when the question asks no quantity or names no unit but a count (any number is a count)."""
    unit = asked_unit(question)
    if unit in (None, "count") or not asks_quantity(question, kind):
        return None
    return states_new_number(question, text, unit)


def states_new_number(question: str, text: str, unit: str) -> bool:
    """Whether a text states a number the question does not give, in `unit` (question.asked_unit's
    names): the test `states_asked` applies to the unit of the question's form, and
    `quantity.states_attribute_unit` to the unit its asked attribute's own words name."""
    return bool(numbers(text) - numbers(question)) and states_unit(question, text, unit)


def asked_value(question: str, kind: str | None) -> Callable[[str], bool] | None:
    """`states_asked` for this question as a test of a text; None when it asks no value in a unit."""
    return partial(states_asked, question, kind) if states_asked(question, kind, "") is not None else None


def asked_items(question: str) -> Callable[[str], bool]:
    """For a question asking several things or comparing two: whether a text enumerates or names
    something the question does not (`new_name`: "all-trans retinoic acid (ATRA) and arsenic
    trioxide" for "which differentiation therapies ...?"), as a test of a text."""
    return lambda text: enumerates(text) or new_name(question, text)


def enumerates(text: str) -> bool:
    """Whether the sentence names several items (`sentence_focus.enumerates`, or MORE_ITEMS)."""
    return question_enumerates(text) or bool(MORE_ITEMS.search(text))


# a name: an acronym or a word with a capital after its first letter ("MSCs", "HeLa"), a word with
# digits ("caspase-9", "K548R"), a capitalised word inside the sentence ("Sharp"), a Greek letter
_NAME = re.compile(r"\b(?:\w*[A-Z]\w*[A-Z]\w*|\w*\d\w*(?:-\w+)*|\w+-\d+\w*)\b"
                   r"|(?<=[^.!?:]\s)[A-Z][a-z]+\b|[α-ωΑ-Ω]")


def names(text: str) -> set[str]:
    """The names a sentence uses (`_NAME`), lowercased, numbers left to `focus.numbers`."""
    found = (m.group(0) for m in _NAME.finditer(text))
    return {n.lower() for n in found if not n.replace(",", "").replace(".", "").isdigit()}


def new_name(question: str, text: str) -> bool:
    """Whether a sentence uses a name (an acronym, a word with digits, a capitalised word inside the
    sentence: `names`) that the question does not."""
    asked = {n.rstrip("s") for n in names(question) | {w.lower() for w in re.findall(r"\w+", question)}}
    return any(n.rstrip("s") not in asked for n in names(text))


def enumeration_shape(question: str, text: str) -> float:
    """1.0 for an enumeration naming the asked head in any form ("Which cells ...?" -> "Osteoblasts, ...
    stromal cells, and ... progenitors"), else 0.0: a list of other things ("adr-1, adr-2 or both genes"
    for "which patient groups") is not the answer's shape (`sentence_focus.names_head`)."""
    return float(enumerates(text) and names_head(question, text))


def answer_type(question: str, kind: str | None, text: str, row: bool = False, findings: str = "harm",
                field: bool | None = None) -> float:
    """1.0 when the sentence has the shape of the asked answer beyond the kind's own focus: a
    number the question does not state for a question asking a quantity, an enumeration for a
    question asking several things, a reported finding of the asked kind for a question asking
    whether a treatment did harm (or worked, `findings` 'both': qa.answer.findings; not asked of a
    trial-table `row`, whose fields state its trial's outcome in notes), the asked table field's cell
    or name for a table question asking a field (`field`: qa.retrieval.table_fields.states_field); 0.0
    when it lacks it; 0.5 when the question asks none of these (no signal either way)."""
    wants = []
    if asks_quantity(question, kind):
        wants.append(new_quantity(question, text))
    if asks_plural(question, kind):
        wants.append(enumeration_shape(question, text))
    result = asks_result(question, kind, findings)
    if result is not None and not row:
        wants.append(reports_result(text, result))
    if field is not None:
        wants.append(field)
    if not wants:
        return 0.5
    return sum(wants) / len(wants)


# Kinds whose answer is something beyond the question's own words. A yes/no question asks whether
# its own statement holds (the answering sentence restates it: "...have not yet been reported in
# clinical trials"); a sources question asks for the citations of its topic's sentences; a table
# question is answered by a trial-table row, whose field labels repeat the question's words
# ("No. of patients", "Route").
ASKS_BEYOND = frozenset({"fact", "number", "list", "definition", "comparison"})


def echo(question_terms: dict[str, float], tokens: set[str], idf, kind: str | None = None,
         question: str = "") -> float:
    """The share of a sentence's content (idf-weighted) that is the question's own words: near 1
    for a sentence that only restates the question, lower for one that adds what was found
    (0 for a kind whose answer restates the question, see ASKS_BEYOND, and for a question in
    yes/no form that asks no quantity: "Were response rates as good in cGVHD as in aGVHD?")."""
    if kind is not None and kind not in ASKS_BEYOND:
        return 0.0
    if question and asks_whether(question) and not asks_quantity(question, kind):
        return 0.0
    total = sum(max(idf(t), 0.0) for t in tokens)
    if total <= 0:
        return 0.0
    return sum(max(idf(t), 0.0) for t in tokens if question_terms.get(t, 0.0) > 0) / total


# how a caution names the kind of value asked (question.ASKED_UNIT)
UNIT_NAMES = {"percent": "percentage or rate", "time": "time or duration", "concentration": "concentration",
              "dilution": "dilution",
              "change": "fold change", "dose": "dose", "temperature": "temperature",
              "volume": "volume", "speed": "speed", "length": "size or distance"}


# a duration stated in words, not digits: "several months", "a few weeks", "days to months"
_TIME_WORD = r"(?:seconds|minutes|hours|days|weeks|months|years|decades)"
_SPOKEN_TIME = re.compile(rf"\b(?:several|a\s+few|few|many|some)\s+{_TIME_WORD}\b|"
                          rf"\b{_TIME_WORD}\s+(?:to|or)\s+(?:\w+\s+)?{_TIME_WORD}\b", re.I)


# a rate stated as a share of a count: "seven of 12 patients", "3/9 (33.3%)", "5 out of 15", or of a count
# in words when the subjects follow ("six of eight patients"; not "six of the eight reviews": user trial 45)
_SHARE_OF = re.compile(rf"\b(?:\d+|{COUNT_WORDS})\s+(?:out\s+)?of\s+(?:the\s+)?(?:\d+\b|{COUNT_WORDS}\s+"
                       rf"(?:[\w-]+\s+){{0,2}}?{SUBJECTS}\b)|\b\d+\s*/\s*\d+\b", re.I)


# "how fast" asked of a process, not of a centrifuge or a rotor (whose speed has its own units)
_HOW_FAST = re.compile(r"\bhow (?:fast|rapidly)\b(?!.*\b(?:spin|spun|centrifug|rotat|rpm|speed))", re.I)


def value_caution(question: str, kind: str | None, texts: list[str]) -> str:
    """A note for an answer to a question asking a value in a unit ('what dose', 'how long') none of
    whose quotes states one (`states_asked`); '' otherwise. User trial 20: "5 yr OS after MSCs"
    quoted complete-response rates with no warning. On the blind-dev questions, 13 of the 20
    answered ones so flagged had a wrong first quote or no answer in the corpus, against 19 of 55
    whose quotes state such a value."""
    stater = asked_value(question, kind)
    if stater is None or any(stater(t) for t in texts):
        return ""
    unit = asked_unit(question)
    if unit == "time" and any(_SPOKEN_TIME.search(t) for t in texts):
        return ""  # "for days to several months" states a duration (user trial 23), in words
    if unit == "percent" and any(_SHARE_OF.search(t) for t in texts):
        return ""  # "seven of 12 patients showed complete responses" states a rate as a share
    if unit == "speed" and _HOW_FAST.search(question) and any(has_number(t, "time") for t in texts):
        return ""  # how fast a process acts is stated by the time it takes ("killing within 24 hours")
    if unit == "dose" and not DOSE_WORD.search(question):
        return ""  # "how much variance ...?" asks an amount of any kind, not a dose (user trial 21)
    name = UNIT_NAMES.get(unit or "", "value")
    return (f"No quote states a {name}, which the question asks for: the articles may not give it; "
            "check that the quotes answer what you asked.")


# a question asking how a result was tested: its p-value, confidence interval or statistical test
_ASKS_STATISTIC = re.compile(r"\bp[- ]?values?\b|\bconfidence intervals?\b|\b95\s*%\s*CI\b|"
                             r"\bstatistical(?:ly)?\s+(?:tests?|methods?|analys[ie]s|comparisons?)\b|"
                             r"\b(?:which|what)\s+(?:\w+\s+){0,2}?tests?\s+(?:was|were|did|is|are)\b", re.I)
# a sentence stating one: a p-value or interval, or a test named as such ('a two-way ANOVA', 'a t test')
_STATES_STATISTIC = re.compile(r"\bp\s*[<>=≤≥]|\bt[- ]?tests?\b|\bP\s*,\s*0?\.\d|\bconfidence intervals?\b|\bCI\b|\bANOVA\b|"
                               r"\b\w+(?:[-–]\w+)?\s+tests?\b|\bregression\b|\bpost hoc\b", re.I)


# a question asking what a treatment costs, or how many died / how long they survived: a count or a
# rate of something else ("seven of 12 patients showed complete responses") does not answer it
_ASKS_COST = re.compile(r"\bcost(?:s|ed|ing)?\b|\bprices?\b|\bexpensive\b|\bafford", re.I)
_STATES_COST = re.compile(r"[$€£¥]|\b(?:US)?D\b|\b(?:dollars?|euros?|pounds sterling|costs?|prices?|"
                          r"reimburse\w*|cost-effective\w*)\b", re.I)
_ASKS_DEATH = re.compile(r"\b(?:die[ds]?|deaths?|mortality|fatal\w*|surviv\w*|life expectancy)\b|"
                         r"\bhow long did\b.*\blive\b", re.I)
_STATES_DEATH = re.compile(r"\b(?:die[ds]?|dying|deaths?|dead|mortality|fatal\w*|surviv\w*|alive|lethal\w*|"
                           r"lived)\b", re.I)
# a question asking the route of administration, and a sentence naming one (the closed class of routes:
# 'intravenous', 'intrathecal', 'intra-arterial' ..., 'IV', 'i.v.', 'oral', 'subcutaneous', 'tail vein'):
# "which route?" after a trial's question quoted its patients and preconditioning (user trial 30). 'Systemic'
# names a route only as one ('systemic infusion', 'systemically'), not a disease's name ('systemic lupus
# erythematosus', 'systemic sclerosis': docs audit 25)
_ASKS_ROUTE = re.compile(r"\b(?:which|what)\s+(?:\w+\s+)?routes?\b|\broutes?\s+of\s+(?:administration|delivery)\b|"
                         r"\bhow\s+(?:were|was|are|is)\b[^?]*\b(?:given|delivered|administered)\b", re.I)
# the closed class of 'intra-' routes of administration (pharmacopoeia route names): "intracellular",
# "intraepithelial", "intra-assay" name a place or a measurement, not a route (docs audit 25)
_INTRA_ROUTES = (r"venous|peritoneal|muscular|dermal|articular|thecal|cardiac|coronary|myocardial|arterial|nasal|"
                 r"tracheal|bronchial|pulmonary|vitreal|ocular|cameral|cerebral|cerebroventricular|ventricular|"
                 r"cranial|striatal|cisternal|spinal|osseous|bone|marrow|splenic|portal|hepatic|renal|pancreatic|"
                 r"uterine|vaginal|vesical|rectal|colonic|duodenal|gastric|lesional|tumou?ral|cavernous|pleural|"
                 r"pericardial|synovial|discal|tympanic|amniotic|lymphatic|nodal|glandular|graft|islet|arteriolar")
# the subjects cells are given into, not a place: "into Ai-9 mice", "into the 15 patients", "into the host"
# (a determiner, at most two words of the noun phrase, no preposition: "into the knee joints of patients" is a place)
_INTO_SUBJECTS = (r"(?:(?:the|their|its|these|those|a|an|each|both|all)\s+)?(?:(?!(?:of|with|in|at|from|to|for|on)\b)"
                  r"[\w/-]+\s+){0,2}?(?:" + SUBJECTS[3:-1] + r"|hosts?|recipients?|individuals|people|humans|persons)\b")
_STATES_ROUTE = re.compile(r"\b(?:intra-?\s?(?:" + _INTRA_ROUTES + r")(?:ly)?|(?-i:IV)|i\.\s?v\.|i\.p\.|systemically|"
                           r"systemic\s+(?:administration|delivery|infusions?|injections?|routes?)|"
                           r"subcutaneous(?:ly)?|s\.c\.|oral(?:ly)?|topical(?:ly)?|percutaneous(?:ly)?|"
                           r"transendocardial(?:ly)?|veins?|venous|routes?|inhal\w*|intranasal\w*|gavage|"
                           r"local(?:ly)?\s+(?:\w+\s+)?(?:injections?|injected|infused|infusions?|implanted|"
                           r"delivered|administered))\b"
                           # ... or the place the cells went, written as a verb phrase: a verb (or noun) of
                           # administration and 'into' a place, not into its subjects or a volume ("were
                           # transplanted into the knee joints", "administration into the BM cavity", not
                           # "injected into Ai-9 mice", "inoculated into 2 mL": user trial 56)
                           r"|\b(?:inject|infus|transplant|implant|deliver|administ|instill|graft|transfus)\w*\s+"
                           r"(?:(?:directly|locally)\s+)?into\s+(?!\d)(?!" + _INTO_SUBJECTS + r")[A-Za-z]",
                           re.I)
# what such a question asks, how a quote states it, and how the caution names it
ASKED_THINGS = ((_ASKS_STATISTIC, _STATES_STATISTIC, "states a p-value or statistical test"),
                (_ASKS_COST, _STATES_COST, "speaks of a cost or price"),
                (_ASKS_DEATH, _STATES_DEATH, "speaks of deaths or survival"),
                (_ASKS_ROUTE, _STATES_ROUTE, "names a route of administration"))


# a follow-up of one word: "route?", "dose?" (an extraction sheet's column, typed alone)
_ONE_WORD = re.compile(r"^\W*([A-Za-z][a-z-]*[a-z])\W*$")


def asks_attribute_alone(text: str) -> bool:
    """Whether a question is one word (no name: lower case after its first letter) naming an attribute whose value a quote states without
    the word: "route?" read as "which route?" (a route stated as "via the tail vein", `ASKED_THINGS`),
    "dose?" as "what dose?" (a value in its unit, `asked_value`). A word naming an element ("tumour?",
    "children?") asks no such value and stays an element the follow-up adds (user trial 57: after "dose in
    the NZB/W lupus mice?", "route?" was refused because no passage writes 'route', while "which route?"
    quoted "... via the tail vein"). English question grammar and the closed classes of values, not a
    topic word."""
    one = _ONE_WORD.match(text)
    if one is None:
        return False
    word = one.group(1).lower()
    return (any(asks.search(f"which {word}?") for asks, _, _ in ASKED_THINGS)
            or asked_value(f"what {word}?", None) is not None)


def asked_thing_caution(question: str, texts: list[str]) -> str:
    """A note for an answer to a question asking a p-value or the statistical test used, a cost,
    deaths or survival, or the route of administration (user trial 30), none of whose quotes states
    one. User trial 27: "Which statistical test did Sun et al. use to compare SLEDAI ...?" quoted
    "significant improvement was verified for SLEDAI score" (a review reports the finding, not the
    test); user trial 28: "How much does the Prochymal treatment cost?" quoted Prochymal's response
    rates, "How many children died in the GVHD trials?" the children's response rate, with no
    warning: a quote naming the treatment and the patients is not one about its price or deaths."""
    for asks, states, says in ASKED_THINGS:
        if asks.search(question) and not any(states.search(t) for t in texts):
            return (f"No quote {says}, which the question asks about: the articles may not give it; check "
                    "that the quotes answer what you asked.")
    return ""
