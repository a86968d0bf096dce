"""The attribute a question asks for, read from its wording: "what is the X of Y", "what X did
Y ...", "how many X ...", "at what X ...", "Y: X?", "X of Y?".

A near miss asks an attribute ("median age", "melting temperature", "half-life", "cell dose per
kg") of an entity the evidence discusses. The attribute is a commoner word than the entity, so
the refusal model, reading the rarest question words, sees everything present (evals/README.md,
"Refusal of near misses"). Knowing which words are the asked attribute lets the answer ask a
narrower question of a weak match: do the sentences it would quote name the attribute at all
(`qa.answer.unstated`)? The grammar is English question syntax (wh-words, auxiliaries, determiners, prepositions), no
topic words; a question whose form it does not read (yes/no, "how" + adjective, "why", a
clause after the wh-word) has no attribute.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from qa.retrieval.interrogative import CLASSIFIERS
from qa.retrieval.protocol import IRREGULAR_PARTICIPLES

COPULA = frozenset("is are was were".split())
AUX = frozenset("is are was were be been do does did has have had can could will would should may might must".split())
PREP = frozenset(("of in for after before during at on with by from to between among under within versus vs "
                  "than into over across following upon via about regarding").split())
DET = frozenset("the a an its their this these those that his her our each every both any some".split())
CONJ = frozenset("and or but".split())
# words that end a noun phrase without being prepositions: relative pronouns and the like
_BREAK = frozenset("that which who whom whose where when how why if whether".split())
# verbs taking "to" and a verb ("which parameters need to be standardised", "what cells seem to
# home"): before "to" such a word is the clause's verb, as an auxiliary is, never a noun of the phrase
# (user trial 36: "none states the manufacturing parameters need asked for")
CATENATIVE = frozenset("need needs ought seem seems seemed appear appears appeared tend tends tended happen "
                       "happens happened".split())
_WORD = re.compile(r"\(|\)|[,;:?!]|\s[-–—]\s|[\w%'’./+-]*\w[%+]?|%")
_OPENING = re.compile(r"^\W*(?:(?:and|but|so|also|then|ok|okay)\s+)+", re.I)
MAX_WORDS = 4  # an attribute longer than this is a clause, not a noun phrase
# the pronoun 'one' standing for a noun the question names elsewhere ("TLS or template switching, which
# one ...?", "two classes gave ... - which ones?"): the answer names that noun's member, never 'one'
PRO_FORMS = frozenset("one ones".split())


@dataclass(frozen=True)
class Attribute:
    """The asked attribute (its words as written), other names the question gives it in
    brackets ("melting temperature (Tm)"), the question's remaining words (the entity the
    attribute is asked of) and which pattern read it (wh-copula, wh-noun, how-many, fragment)."""

    words: tuple[str, ...]
    aliases: tuple[str, ...]
    rest: str
    form: str


def _lex(question: str) -> list[str]:
    text = _OPENING.sub("", question.strip())
    text = re.sub(r"\b(what|that|it)['’]s\b", r"\1 is", text, flags=re.I)
    text = re.sub(r":(?!\s)", " ", text)  # a colon inside a name ("poly(I:C)") separates nothing
    return [m.group(0).strip() or "-" for m in _WORD.finditer(" " + text + " ")]


def _is_word(w: str) -> bool:
    return bool(re.match(r"[\w%]", w))


def _phrase(words: list[str], i: int, allow_per: bool) -> tuple[list[str], int]:
    """The noun phrase starting at i: words up to an auxiliary, preposition ('per' kept when
    `allow_per`: "cell dose per kg", "mice per genotype"), conjunction, punctuation or relative
    word. Returns (phrase words, index after it)."""
    out: list[str] = []
    while i < len(words):
        w = words[i]
        low = w.lower()
        if low == "per" and allow_per and out and i + 1 < len(words) and _is_word(words[i + 1]):
            out += [w, words[i + 1]]
            i += 2
            continue
        if not _is_word(w) or low in AUX or low in PREP or low in CONJ or low in _BREAK or low in DET:
            break
        if out and _catenative(words, i):
            break
        out.append(w)
        i += 1
    return out, i


def _catenative(words: list[str], i: int) -> bool:
    """Whether the word at i is a verb taking "to" and a verb (`CATENATIVE`): "need to be"."""
    return words[i].lower() in CATENATIVE and i + 1 < len(words) and words[i + 1].lower() == "to"


def _gerund_modifier(phrase: list[str], j: int, words: list[str], lows: list[str], end: int) -> bool:
    """Whether the -ing word at j of the phrase modifies the phrase's last, lower-case noun right
    before the clause's auxiliary ("what population doubling time did ...", "what binding affinity
    was ..."): a compound noun, not a participle opening a clause ("what cells expressing CD146
    were ...", "what cells expressing markers were ...": a plural head, then its participle)."""
    before = phrase[j - 1].lower()
    plural_head = before.endswith("s") and not before.endswith(("ss", "us", "is"))
    return (j == len(phrase) - 2 and phrase[j].lower().endswith("ing") and phrase[-1].isalpha()
            and phrase[-1].islower() and not plural_head and end < len(words) and lows[end] in AUX)


def _aliases(words: list[str], i: int) -> tuple[tuple[str, ...], int]:
    """A bracket right after the phrase: another name for it ("(Tm)", "(million reads per library)")."""
    if i < len(words) and words[i] == "(":
        j = i + 1
        inner = []
        while j < len(words) and words[j] != ")":
            inner.append(words[j])
            j += 1
        alias = " ".join(w for w in inner if _is_word(w))
        return ((alias,) if alias else ()), j + 1
    return (), i


def _rest(words: list[str], skip: set[int]) -> str:
    return " ".join(w for k, w in enumerate(words) if k not in skip and _is_word(w))


# the irregular past forms of English verbs (a closed class: the preterites here, the past participles
# qa.retrieval.protocol lists) that end a question's noun phrase: "which groups' elongation factors went
# into the tree" asks no attribute 'went' (round 14). Left out: forms that are also nouns or adjectives
# after a phrase's first word ("data set", "treatment cost", "wound healing", "fresh frozen plasma")
_PRETERITES = frozenset("""arose ate became began bore broke came chose did drew drove fell flew gave grew hid knew
ran rose sang saw shook spoke stole swam threw took went wore wrote""".split())
_NOUN_LIKE = frozenset("""bound cost cut frozen ground hit hurt left let lit put quit read rid run rung set shed shut
slit split spread thrust upset wound""".split())
IRREGULAR_PAST = (_PRETERITES | frozenset(IRREGULAR_PARTICIPLES)) - _NOUN_LIKE


def _verb_like(word: str) -> bool:
    """A participle ("used", "using") or an irregular past form ("went", "given") after a phrase's
    first word ends the phrase."""
    low = word.lower()
    return (low.isalpha() and len(low) > 4 and low.endswith(("ed", "ing"))) or low in IRREGULAR_PAST


def how_many_phrase(question: str) -> list[str] | None:
    """The noun phrase after "how many" ("how many *SEM images* went into ...", "how many *mice per
    genotype* were ..."): up to an auxiliary, preposition, determiner, conjunction or a verb-like word
    after its first, auxiliaries left out. None when the question has no "how many"; [] when no noun
    follows it ("how many of those ...", "how many had ..."). Word order and closed word classes only."""
    words = _lex(question)
    lows = [w.lower() for w in words]
    at = next((k + 2 for k in range(len(lows) - 1) if lows[k] == "how" and lows[k + 1] == "many"), None)
    if at is None:
        return None
    phrase, _ = _phrase(words, at, allow_per=False)
    cut = next((j for j, w in enumerate(phrase) if j and _verb_like(w)), None)
    return [w for w in phrase[:cut] if w.lower() not in AUX]


def _asked_after(words: list[str], lows: list[str], i: int) -> bool:
    """Whether the phrase ending at i is the wh-word's noun: an auxiliary follows it ("what dose
    did ..."), at once or after a prepositional phrase or aside ("what percentage of
    photoreceptors were ...", "which drug, such as ..., was ..."), before any relative word or
    verb-like word ("what happens to the zone if ...": 'happens' was a verb); or nothing follows."""
    n = len(words)
    if i >= n or words[i] in ("?", "!"):
        return True
    if lows[i] in AUX or _catenative(words, i):
        return True
    if lows[i] not in PREP and words[i] not in (",", "("):
        return False
    for k in range(i, n):
        if lows[k] in AUX:
            return True
        if lows[k] in _BREAK:
            return False
    return False


# nouns that classify rather than measure (`CLASSIFIERS`, qa.retrieval.interrogative): "what sort of immune
# problems", "what type of MSCs" ask which problems, which MSCs (round 12: a follow-up refused as "none
# states the sort asked for")


def asked_attribute(question: str) -> Attribute | None:
    """The attribute the question asks for, or None when its form names none (a yes/no question,
    'how' + adjective, 'why', a clause after the wh-word, a classifier noun: `CLASSIFIERS`, the
    pronoun 'one': `PRO_FORMS`)."""
    attribute = _asked_attribute(question)
    if attribute is not None and all(w.lower() in CLASSIFIERS or w.lower() in PRO_FORMS for w in attribute.words):
        return None
    return attribute


@lru_cache(maxsize=4096)
def _asked_attribute(question: str) -> Attribute | None:
    words = _lex(question)
    lows = [w.lower() for w in words]
    # the wh-word may follow the topic ("Liang trial - what cell dose per kg?", "In the Osiris
    # trials, what response rates ...", "After how many divisions ...")
    for k, low in enumerate(lows):
        if low in ("what", "which") or (low == "how" and k + 1 < len(lows) and lows[k + 1] == "many"):
            if k == 0 or words[k - 1] in (",", ":", "-") or lows[k - 1] in PREP or k == 1:
                return _wh(words, lows, k)
            return None
    if lows and (lows[0] in AUX or lows[0] in ("how", "why", "who", "when", "where", "any")):
        return None
    # a fragment: the topic, then the attribute after a colon or dash ("de Lima cord blood: median
    # day of neutrophil recovery?"), or the attribute first ("vitreous half-life of X?"); before
    # a colon or dash is the topic, never the attribute ("csrA KO vs WT proteomics: # proteins up?")
    seps = [k + 1 for k, w in enumerate(words) if w in (":", "-")]
    return _fragment(words, lows, seps[-1] if seps else 0)


def _wh(words: list[str], lows: list[str], k: int) -> Attribute | None:
    """The noun phrase the wh-word at k asks for ("what is the X of", "what X did", "how many X were")."""
    n = len(words)
    i = k + 1
    if lows[k] == "how":
        i += 1
        form = "how-many"
    elif i < n and lows[i] in COPULA and i + 1 < n and lows[i + 1] in DET:  # what is the X of Y
        i += 2
        form = "wh-copula"
    elif i < n and lows[i] in AUX:
        return None  # "what did they find": the answer is a clause
    else:
        form = "wh-noun"
    phrase, end = _phrase(words, i, allow_per=True)
    cut = next((j for j, w in enumerate(phrase) if j and _verb_like(w) and phrase[j - 1].lower() != "per"
                and not _gerund_modifier(phrase, j, words, lows, i + len(phrase))), None)
    if cut is not None:
        phrase, end = phrase[:cut], i + cut
    if not phrase or len(phrase) > MAX_WORDS:
        return None
    aliases, after = _aliases(words, end)
    if form != "wh-copula" and not _asked_after(words, lows, after):
        return None
    if form == "wh-copula" and after < n and _is_word(words[after]) and lows[after] not in PREP \
            and lows[after] not in AUX:
        return None
    skip = set(range(k, after))
    return Attribute(tuple(phrase), aliases, _rest(words, skip), form)


def _fragment(words: list[str], lows: list[str], start: int) -> Attribute | None:
    """A noun phrase at `start` followed by a preposition or the end ("remission rate in the
    Osiris trial?", "...: trial outcomes?"); never one followed by a verb or another clause."""
    n = len(words)
    if start >= n or lows[start] in AUX or lows[start] in DET or not _is_word(words[start]):
        return None
    phrase, end = _phrase(words, start, allow_per=True)
    if not phrase or len(phrase) > MAX_WORDS:
        return None
    aliases, after = _aliases(words, end)
    if after < n and words[after] not in ("?", "!") and lows[after] not in PREP:
        return None
    if any(lows[j] in AUX for j in range(after, n)):
        return None  # a verb later: a clause, not a fragment
    rest = _rest(words, set(range(start, after)))
    if not rest:
        return None  # "and cold shock?": a follow-up naming a new element, no attribute of anything
    return Attribute(tuple(phrase), aliases, rest, "fragment")
