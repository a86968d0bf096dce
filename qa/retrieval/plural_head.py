"""What a plural question asks the members of: "which *genes* ...", "what kinds of *stress* ...".

A question whose wh-head is a plural noun asks for several things, and a list in the answer should
name them (qa.retrieval.sentence_focus.names_head). The head is read from the words after 'which' /
'what' up to the verb, by English word order and closed word classes only (auxiliaries,
prepositions, determiners, object pronouns, adverb particles: a word in -s they follow is the verb,
"which cell type *comes* first"), so it carries over to any article.
"""
from __future__ import annotations

import re
from functools import lru_cache

from qa.retrieval.interrogative import CLASSIFIER
from qa.retrieval.question import SOURCE_NOUNS

# A question asking for several things: its wh-head is plural ("which genes", "what other
# phenotypes", "in which conditions"): the first few words after 'which'/'what', up to an
# auxiliary verb or a preposition, include a plural noun.
_WH = re.compile(r"\b(?:which|what)\s+(.*)", re.I)
_STOP = re.compile(r"^(?:is|are|was|were|do|does|did|have|has|had|can|could|will|would|should|may|might|must|"
                   r"be|been|of|in|for|to|from|with|by|at|on|about|after|before|during|that|than|the|a|an)$", re.I)
# a word followed by a determiner is a verb ("which enzyme removes the lesion"), never a plural head
_DETERMINER = re.compile(r"^(?:the|a|an|its|their|this|these|those|his|her|our|each|every|both)$", re.I)
# ... and so is one followed by a word only a verb takes after it (closed classes): an object pronoun ("what
# reverses it"), a complementizer or 'as' / 'to' opening the verb's complement ("which ref shows that", "what
# counts as", "what happens to"), or an adverb particle of an intransitive verb ("which cell type comes first",
# "which group comes out as", "which works better"): a head noun is followed by its verb, an auxiliary, a
# preposition of its own ('of', 'in', 'with' ...) or nothing, never by these
_VERB_NEXT = re.compile(r"^(?:it|them|him|us|me|itself|themselves|that|whether|as|to|out|up|down|off|away|"
                        r"first|better|best)$", re.I)
# ... and so is a word after the head's first word followed by a name: an acronym or a word with
# a capital after its first letter or a digit ("MSCs", "DNA", "REV1"), which a plural head noun
# does not take (user trial 26: "which receptor pair recruits MSCs" read as asking several)
_OBJECT_NAME = re.compile(r"\w*[A-Z]\w*[A-Z]\w*|\w*\d\w*")
# ... unless the word joins two names ("which rad51 and brca2 alleles"): the head comes later
_COORDINATOR = re.compile(r"^(?:and|or|nor)$", re.I)
_NOT_PLURAL = re.compile(r"(?:ss|us|is|ous|ics)$", re.I)


# English nouns whose plural does not end in 's': a closed class of the language
IRREGULAR_PLURALS = {"mice": "mouse", "men": "man", "women": "woman", "children": "child", "people": "person",
                     "teeth": "tooth", "feet": "foot", "geese": "goose", "lice": "louse", "oxen": "ox"}


def irregular_singular(word: str) -> str:
    """The singular of an irregular English plural ('mice': 'mouse'), else the word as given."""
    return IRREGULAR_PLURALS.get(word.lower(), word)


def looks_plural(word: str) -> bool:
    """A word of more than three letters ending in 's', not in a singular ending ('-ss', '-us', '-is',
    '-ous', '-ics'): the plural shape a head noun is read by ("strains", "MSCs"; not "virus", "genetics")."""
    return len(word) > 3 and word[-1] in "sS" and not _NOT_PLURAL.search(word)

_SOURCE_HEAD = re.compile(SOURCE_NOUNS, re.I)


@lru_cache(maxsize=4096)  # asked once per candidate sentence of a question
def asks_plural(question: str, kind: str | None = None) -> bool:
    """Whether the question asks for several things (a *list* question, or a plural wh-head)."""
    if kind == "list":
        return True
    if kind == "sources":  # "which studies ...": the citations are the answer
        return False
    word = _plural_word(_wh_head_words(question))
    return word is not None and not _SOURCE_HEAD.fullmatch(word)


# nouns naming a sort of the head ("what kinds of stress ...?"): the items are of the noun after 'of'
_SORT_OF = re.compile(r"^" + CLASSIFIER + r"$", re.I)


@lru_cache(maxsize=4096)
def plural_head(question: str) -> str | None:
    """The plural head noun after 'which' / 'what' ("Which pathogenic bacterial *strains* ...?"), the noun
    after 'kinds / types of' ("What kinds of *stress* ...?"); None when the wh-head is no plural noun."""
    words = _wh_head_words(question)
    head = _plural_word(words)
    if head is not None and _SORT_OF.match(head):
        rest = words[words.index(head) + 1:]
        if len(rest) > 1 and rest[0].lower() == "of" and not _STOP.match(rest[1]):
            return rest[1]
    return head


def head_words(question: str) -> list[str]:
    """The words naming what a plural question asks the members of: its `plural_head`, and when the
    wh-phrase names a sort of thing ("which cell *types*", "which kinds of protective effects"), its
    other words before the verb ("cell", "protective", "effects"): the sort noun says little of what the
    items are. [] without a plural head."""
    head = plural_head(question)
    if head is None:
        return []
    words = _wh_head_words(question)
    if not any(_SORT_OF.match(w) for w in words):
        return [head]
    phrase = []
    for word in words:
        if _STOP.match(word) and word.lower() != "of":
            break
        if word.lower() != "of" and not _SORT_OF.match(word):
            phrase.append(word)
    return list(dict.fromkeys([head, *phrase]))


def _wh_head_words(question: str) -> list[str]:
    """The first six words after the question's 'which' / 'what' (`_WH`), [] without one."""
    m = _WH.search(question)
    return re.findall(r"[\w'-]+", m.group(1))[:6] if m else []


def _plural_word(words: list[str]) -> str | None:
    """The first plural word of a wh-head before its verb (see `asks_plural`)."""
    for i, (word, after) in enumerate(zip(words, [*words[1:], ""])):
        if _STOP.match(word):
            break
        if _DETERMINER.match(after) or _VERB_NEXT.match(after):  # "which enzyme removes the ...": a verb
            break
        if i and _OBJECT_NAME.fullmatch(after) and not _COORDINATOR.match(word):
            break  # "which receptor pair recruits MSCs ...": a head noun, its verb, the verb's named object
        if looks_plural(word):
            # "which later trials ...", "which studies ...": the studies' citations are the items
            return word
    return None
