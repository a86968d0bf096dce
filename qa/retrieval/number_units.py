"""The units of a number: which kind of number a question asks (a percentage, a time, a dose, a count,
a measure of a protocol) read from its grammar, and whether a text states a number of that kind. Split
from the kind reading (qa.retrieval.question, which re-exports these names): the spans, counts and
refusals read the unit of a value whatever kind the question is; the refusal's threshold reads which
word names the measured thing (`names_measured`).
"""
from __future__ import annotations

import re
from functools import lru_cache

from qa.retrieval.interrogative import AUXILIARIES
from qa.retrieval.measure_nouns import Reading, measure_nouns

# the words of a sentence comparing two values: a percentage beside one states a change (UNIT_WORDS['change'])
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
# a dilution written as a ratio to one ("1:500", "1:10,000", "1 : 200"); a journal's volume and its
# pages ("Cell Systems 1:349–360") and a ratio inside a longer number ("11:30") are none
DILUTION = r"(?<![\w.:/])1\s?:\s?\d[\d,]*(?![\d,]*[–-]\s?\d)(?![\w:])"
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
                                r"|w/v|v/v|ppm\b)|\bMOI\b|\d\s*(?:×|x)\s*10"
                                # a dilution, the concentration of a reagent (an antibody) as the share of its
                                # stock: "1:500", "(1:10,000)"; not a volume and its pages ("Cell Systems 1:349–360")
                                r"|" + DILUTION),
    # a dilution: a ratio to one ("1:500") or the concentration a reagent is diluted to ("diluted to 0.002 mg/mL")
    "dilution": re.compile(DILUTION + r"|\bdilut\w*\s+(?:to|at)\s+(?:a\s+)?\d", re.I),
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
    # a dilution ("What dilution of the antibody ...?", "How much was the antibody diluted?"): before 'how
    # much', which asks a dose, and before 'concentration' (a percentage states no dilution)
    (r"\bdilut", "dilution"),
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


# the nouns naming a measure written with a unit (the members of ASKED_UNIT's dose, concentration, temperature,
# volume, speed and length readings): a word right before one names what is measured ("luciferin dose",
# "cohort size"), as does the word after "how much" ("how much slurry")
_UNIT_MEASURE_NOUNS = measure_nouns(Reading.UNIT)


def names_measured(question: str, word: str) -> bool:
    """Whether `word` (as the question writes it) names the thing the question asks a measure of in a unit:
    right before a measure's noun ("luciferin dose", "cohort size") or right after "how much" ("how much
    slurry"). A question's rare word in that place is its writer's name for what the article doses or
    measures, not a condition the article may never report ("hydrothermal vents")."""
    w = re.escape(word)
    return bool(re.search(r"\b" + w + r"\s+" + _UNIT_MEASURE_NOUNS + r"\b|\bhow\s+much\s+" + w + r"\b",
                          question, re.I))


# a web or DOI address: its digits ("releaseID=407404", "10.1186/s12915-024-01840-1") state no quantity
WEB_ADDRESS = re.compile(r"(?:https?://|www\.|doi\.org/|\bdoi:\s*)\S+", re.I)


def without_addresses(text: str) -> str:
    """`text` with its web and DOI addresses blanked (a sentence citing a press release by its URL
    was read as stating a number)."""
    return WEB_ADDRESS.sub(" ", text) if ("/" in text or "doi" in text.lower()) else text


def has_number(text: str, unit: str) -> bool:
    """Whether `text` states a number of the kind `unit` (UNIT_WORDS), its web and DOI addresses aside."""
    return bool(UNIT_WORDS[unit].search(without_addresses(text)))


# a question naming a dose in so many words (the noun and its forms: "what dose", "dosage", "dosing")
DOSE_WORD = re.compile(r"\bdos(?:e|es|age|ages|ing)\b", re.I)
# a percentage written right before a word (its w/v or v/v marker between): "0.08% MMS", "3% (w/v) DSS"
_PERCENT_BEFORE = re.compile(r"\d\s?%\s*(?:\(\s*[wv]/[wv]\s*\)\s*)?([^\W\d_][\w-]*)")


def doses_asked_agent(question: str, text: str) -> bool:
    """Whether `text` gives an agent the question names as its percentage ("larvae treated with 0.08%
    MMS" for "What MMS dose were the larvae given?"): a chemical given in the food, the drinking water
    or a culture medium is dosed by its concentration there, which UNIT_WORDS['dose'] (an amount,
    per kilogram, a count of cells or microbes, a molar concentration) does not read. Only a
    percentage before a word of the question's own (not a function word) counts: "50% survival" or
    "5% of homozygotes" is no dose; and only for a question writing "dose" ("how much did the foci go
    up after MMS?" reads as a dose question, yet asks a change: user trial 53)."""
    from qa.index.analyzer import STOPWORDS

    if not DOSE_WORD.search(question):
        return False
    asked = {w for w in re.findall(r"[^\W_][\w-]*", question.lower()) if len(w) > 2 and w not in STOPWORDS}
    return any(m.group(1).lower() in asked for m in _PERCENT_BEFORE.finditer(without_addresses(text)))


def states_unit(question: str, text: str, unit: str) -> bool:
    """`has_number`, and for a question asking a dose, also its agent given as a percentage
    (`doses_asked_agent`): the one test of "does this text state a value of the asked unit", read by
    the ranking (`sentence_focus`, `measure`), the spans' asked value (`qa.answer.focus`), a measure the
    asked attribute names stated by its value (`qa.answer.unstated`), a "how many <unit>" count
    (`qa.answer.counts`) and a unit the question names (`qa.answer.named_unit`), so that none of them
    refuses or cautions what another ranks first. `has_number` alone reads a unit not asked: a time
    answering "how fast" (`focus`), a protocol's measures (`protocol`)."""
    return has_number(text, unit) or (unit == "dose" and doses_asked_agent(question, text))


# Measures written with their units: a question asking one ("HU dose given to the mice?", "at what
# temperature ...?") is answered by a sentence stating that unit ("2,000 mg/kg"), not by any new
# number ("all mice died after 3 wk"). Times, percentages, counts and changes keep any new number:
# nearly every sentence of an article holds one, and a review states a study's time or rate a
# sentence or more after the one citing it (evals/README.md, "Top span, sixth round"). Read by the
# span's asked value (`qa.answer.focus`) and the second stage's measure (`qa.retrieval.measure`).
UNIT_SHAPED = frozenset({"dose", "concentration", "dilution", "temperature", "volume", "speed", "length"})
