"""Does any quote state the count a "how many X" question asks, or only measures of other kinds?

A near miss asking a count ("How many mice per genotype were in the HU survival experiment?", "After
how many cell divisions do the cells reach the point of no return?") quotes the experiment's
sentences, whose numbers are its times, temperatures, doses and sizes ("all mice died after 3 wk",
"within 72 h", "RMSD = 0.520 Å", "grows optimally at around 20 °C"), its years ("In 2004, Le Blanc
et al. ...") or 'one' as a pronoun ("One likely variable ..."). A count is a bare number: each of
the 37 answerable dev and blind-dev questions asking "how many X" that are answered quotes a number
that no unit of measure follows, 5 of the 7 answered near misses of that form none. A number
written with a unit measures something; the units are the closed class of SI and laboratory units
(time, temperature, mass, volume, concentration, length, speed), not words of any question. "How
many days / weeks / degrees ..." asks a quantity in that unit, which `number_units.states_unit` reads
(evals/README.md, "Near misses stated otherwise").
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import partial

from qa.retrieval.attribute import how_many_phrase
from qa.answer.focus import numbers
from qa.retrieval.plural_head import irregular_singular, looks_plural
from qa.retrieval.number_units import states_unit
from qa.retrieval.question import QUESTION_FORM, TIME_UNIT_SYMBOLS, asked_unit, how_many_unit
from qa.index.analyzer import tokenize

_NUM = r"(?:\d+(?:[.,]\d+)*|\d*\.\d+)"
_RANGE = _NUM + r"(?:\s*(?:[-–—]|to|and|or)\s*" + _NUM + r")*"  # "2 to 4 months", "40–72 h"
# the closed class of units of measure (SI and the usual lab spellings); '%' is no unit here: a share
# of patients answers "how many patients" as well as a number of them.
# Why not `question.UNIT_WORDS`: those say whether a text states a number *of one kind* (`has_number`,
# the protocol reading, the span's asked unit), each kind's pattern narrowed on its own misreadings, and
# match a number's end only; here every unit is read so that a whole measure, a range's every number
# included ("40–72 h"), is blanked before what is left is read as counts. The members differ both ways:
# a count reading needs 'wk', 'd', 'y', a bare 's', 'm', 'Da', 'kb' ("all mice died after 3 wk"), which
# UNIT_WORDS leaves out on purpose ('wk' made a result a laboratory step for qa.retrieval.protocol);
# UNIT_WORDS reads "× 10", '%', "/kg" and a bare "mg" as measures, which here would blank the counts
# "1 × 10^6 cells", "40% of patients". One list for both changes one of them.
_UNIT = (r"(?:" + TIME_UNIT_SYMBOLS + r"|°\s*[CF]?|º\s*C|˚\s*C|degrees?|[pnµμm]?M|[pnµμmk]?g|[nµμm]?[lL]|[nµμmc]?m|bp|kb|Mb|"
         r"nt|Å|kDa|Da|rpm|U|IU|[x×]\s*g)")
# (a superscript after the unit is a reference mark: "20 °C²")
_MEASURE = re.compile(r"(?<![\w.])" + _RANGE + r"\s*-?\s*" + _UNIT + r"(?![A-Za-z0-9])")
# a year: in a citation or after 'in' / 'since' ("(Le Blanc et al., 2004)", "In 2004, ...")
_YEAR = re.compile(r"(?:\b(?:in|since|by)|[(,;])\s*(?:19|20)\d\d[a-z]?\b|\b(?:19|20)\d\d[a-z]?(?=\s*[);])", re.I)
# number words that count nothing: 'one' as a pronoun or determiner, fractions, 'once'
_NO_COUNT = frozenset({"one", "half", "third", "quarter", "once", "twice"})
_HOW_MANY = re.compile(r"\bhow many\b", re.I)


# 'one' and the quantifiers that state a count in words ("None of the patients had side effects",
# "both donors", "all mice died"): a count when a word of the question follows within three words
# ('no', 'all', 'every' only right before it: "no patients", "all mice", not "no longer be returned")
_ONE = re.compile(r"\b(?:one|none|neither|both|single)((?:\W+\w+){1,3})|\b(?:no|all|every)(\W+\w+)", re.I)


def _bare(text: str) -> str:
    """The text with its measures (a number with a unit of measure, a range's every number) and years blanked:
    what is left of its numbers may count."""
    return _YEAR.sub(" ", _MEASURE.sub(" ", text))


def counts_in(text: str, asked: frozenset[str] = frozenset()) -> frozenset[str]:
    """The numbers a text states as counts: `focus.numbers` less those a unit of measure follows
    (a range's too), years and number words that count nothing; 'one', 'none', 'both', 'all' ...
    count when one of the three words after them ('no', 'all', 'every': the word right after) is a
    word of the counted noun (`asked`, index tokens: "One male rhesus macaque was used" for "how many
    macaques", "None of the patients ..." for "how many patients ...", not "One likely variable is
    ..." nor "a single dose of HU" for "how many mice")."""
    bare = _bare(text)
    found = {n for n in numbers(bare) if n not in _NO_COUNT}
    if any(asked & set(tokenize(m.group(1) or m.group(2))) for m in _ONE.finditer(bare)):
        found.add("one")  # (a count in words; which one does not matter)
    return frozenset(found)


def count_unstated(question: str, kind: str | None, quotes: Sequence[str]) -> bool:
    """Whether the question asks "how many X" and no quote states a count the question does not
    give (`counts_in`); for "how many days / degrees / mg ..." (a unit: `how_many_unit`), whether no
    quote states a new number in that unit."""
    if kind == "sources" or not _HOW_MANY.search(question) or not quotes:
        return False
    asked = numbers(question)
    unit = how_many_unit(question)
    if unit is not None:
        return not any(numbers(q) - asked and states_unit(question, q, unit) for q in quotes)
    if asked_unit(question) != "count":  # "how many patients engrafted (rate)": a share asked
        return False
    counted = _counted(question)
    return not any(counts_in(q, counted) - asked for q in quotes)


def _counted(question: str) -> frozenset[str]:
    """The counted noun's words ("how many mice per genotype": 'mice', 'genotype'), else every word
    of the question: the phrase `counted_head` takes its head from (`attribute.how_many_phrase`), so
    the two read one noun phrase."""
    phrase = how_many_phrase(question)
    counted = " ".join(phrase) if phrase else question
    return frozenset(t for t in tokenize(counted) if t not in QUESTION_FORM)


def as_read(question: str, read_as: Sequence[tuple[str, str]]) -> str:
    """The question with each shorthand it was read through written as read ('pts' as 'patients'):
    retrieval read it so, and the counted noun must be the one the quotes write (user trial 42: "How
    many SLE pts were in the Liang BM-MSC trial?" counted 'pts', which no row writes)."""
    for short, meaning in read_as:
        question = re.sub(r"(?<![\w-])" + re.escape(short) + r"(?![\w-])", meaning, question)
    return question


COUNT_REACH = 3  # how far down the chosen quotes one stating the count may come up from
# (not a reference mark "[32]", nor an age or size glued by a hyphen, "7-week-old")
_NUMERAL = re.compile(r"(?<![\w.\[])(?:\d+(?:,\d{3})*(?:\s*(?:[-–—]|to)\s*\d+)?|two|three|four|five|six|seven|eight|"
                      r"nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred)(?![\w.%\]-])", re.I)
ATTACHED_WORDS = 3  # "45–50 L4 animals", "eight of the patients", "No. of patients: 2": within three words


# what joins a noun to a number after it that counts it: "patients (n = 12)", "No. of patients: 2", "per cell
# (from 0 to ~20)"; without it a number after a noun names a member, not how many ("cluster 5", "day 7")
_STATED_AS = re.compile(r"[=:(]")
# a superscript glued to a word is a reference mark ("29 universally conserved proteins³"): not part of the noun
_SUPERSCRIPT = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻]+")


def counts_of(text: str, counted: frozenset[str]) -> bool:
    """Whether a text states a count of the counted noun: a bare number (no unit of measure, no year:
    `counts_in`'s reading) with a word of `counted` among the `ATTACHED_WORDS` words after it ("three main
    clusters"), or before it across an '=', ':' or '(' ("No. of patients: 2", "patients (n = 12)"; "the
    cluster 5 group" is a label)."""
    bare = _bare(_SUPERSCRIPT.sub(" ", text))
    for m in _NUMERAL.finditer(bare):
        if counted & set(tokenize(" ".join(bare[m.end():].split()[:ATTACHED_WORDS]))):
            return True
        before = bare[:m.start()].split()[-ATTACHED_WORDS:]
        for i, word in enumerate(before):
            if counted & set(tokenize(word)) and _STATED_AS.search(" ".join(before[i:])):
                return True
    return False


def _asks_count(question: str, kind: str | None) -> bool:
    """Whether a "how many X" question asks a count of X: not a sources question, not "how many days /
    mg" (a unit: `how_many_unit`), not a share ("how many patients engrafted")."""
    return (kind != "sources" and bool(_HOW_MANY.search(question)) and how_many_unit(question) is None
            and asked_unit(question) == "count")


def asked_count(question: str, kind: str | None) -> Callable[[str], bool] | None:
    """For a "how many X" question asking a count (not "how many days / mg": `how_many_unit`), whether a text
    counts X's head noun (`counted_head`, `counts_of`), as a test of a text: the asked value of a count
    question, as `focus.asked_value` is of one asking a value in a unit. None for any other question."""
    if not _asks_count(question, kind):
        return None
    head = counted_head(question)
    return None if head is None else partial(counts_of, counted=frozenset(tokenize(head)))


def counted_head(question: str) -> str | None:
    """The noun a "how many X" question counts, its focus: the head of the noun phrase after "how many"
    (`attribute.how_many_phrase`: "how many *mice* went into ...", "how many main *clusters* of ...", "how
    many SEM *images* went ..."): its first plural word, else its last word. None when no noun follows ("how
    many of those ...", "how many had ..."). Read by English word order and closed word classes only, so it
    carries over to any article."""
    phrase = how_many_phrase(question)
    if not phrase:
        return None
    return next((w for w in phrase if looks_plural(w)), phrase[-1])


def counted_unnamed(question: str, kind: str | None, quotes: Sequence[str]) -> str:
    """The noun a "how many X" question counts (`counted_head`) as written, when no quote names it in any
    form ('' otherwise): its quotes then count nothing of what was asked, whatever numbers they state (user
    trial 57: "n mice in the A. baumannii infection model?" quoted the article's strains and the share of
    infections it causes, in an article with no mouse). Any word of the counted phrase (`_counted`: "how
    many unspliced pre-mRNA molecules per cell" is answered by "... per cell") and the head's singular, for
    the closed class of English plurals not in 's' ('mice': 'mouse'), count as named; only a plural noun
    is read as counted ("how many went into remission?" counts no noun)."""
    if not quotes or not _asks_count(question, kind):
        return ""
    head = counted_head(question)
    if head is None or not (looks_plural(head) or irregular_singular(head) != head):
        return ""  # "how many went into remission?": no noun counted
    forms = _counted(question) | set(tokenize(irregular_singular(head)))
    if any(forms & set(tokenize(q)) for q in quotes):
        return ""
    return head


def count_first(question: str, kind: str | None, chosen: list) -> list:
    """The chosen quotes (`units.Unit`) with one stating the count first, when a "how many X" question's
    first quote states no count of X (`counts_of`: its numbers are times, temperatures, doses, years
    or counts of something else) and one of the next `COUNT_REACH` does (user trial 41: "and how many animals per plate?" quoted "After 6 h,
    the animals were recovered at 20 °C for 14 h ..." above "Briefly, 45–50 L4 animals ... were
    transferred to 6-cm OP50 seeded plates"). The shape of the numbers, as `count_unstated` reads it. A
    quote naming another phase or row value than the question's (`Unit.mismatched`, qa.answer.row_match:
    "a phase II ... trial including 49 patients" for the phase III trial asked), or holding fewer of the
    question's words than the first (another study's count: "Onken et al. reported ... patients" above
    the Osiris phase III sentence), is not moved up."""
    if len(chosen) < 2 or not _asks_count(question, kind):
        return chosen
    words = _counted(question)
    if not words or counts_of(chosen[0].text, words):
        return chosen
    own = set(tokenize(question)) - QUESTION_FORM
    held = len(own & chosen[0].tokens)
    for i, unit in enumerate(chosen[1:COUNT_REACH + 1], 1):
        if (not unit.context_only and not unit.mismatched and len(own & unit.tokens) >= held
                and counts_of(unit.text, words)):
            return [unit] + chosen[:i] + chosen[i + 1:]
    return chosen
