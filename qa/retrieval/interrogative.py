"""The interrogative grammar of a question: the closed classes of English's wh-words and auxiliary
verbs, whether a question asks if its statement holds (a yes/no question) and whether a follow-up asks
anything of its own. Read by the kind reading (qa.retrieval.question), which re-exports these names, and by
the span and refusal stages that need only this grammar, not a question's kind.
"""
from __future__ import annotations

import re


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
# the classifier nouns of English ("what sort / kind / type of X" asks which X, not a property of X):
# read by the kind reading (a classifier before a literature noun asks a study's design, no citation),
# the asked attribute (a classifier is none) and the list head (the noun after "kinds of")
CLASSIFIERS = frozenset("kind kinds sort sorts type types form forms class classes category categories "
                        "variety varieties".split())
CLASSIFIER = r"(?:" + "|".join(sorted(CLASSIFIERS, key=len, reverse=True)) + r")"
_OPENING_AUXILIARY = re.compile(r"^\W*(?:(?:and|but|so)\s+)?" + AUXILIARIES, re.I)


def asks_whether(question: str) -> bool:
    """Whether a question asks if its statement holds: it opens with an auxiliary verb (after 'and',
    'but', 'so'), or its last clause does after a scene-setting phrase (`_CLAUSE_YESNO`) and no
    wh-word asks anything ('when' there opens the phrase: "When X was done, did ...?")."""
    if _OPENING_AUXILIARY.match(question):
        return True
    clause = _CLAUSE_YESNO.search(question)
    return clause is not None and not _ASKING_WH.search(question)


# a follow-up introducing only a new element: a joining word or 'what about' before a noun phrase,
# no question word or auxiliary of its own ("and in children?", "And the IQ-tree-only reconstruction?")
_NEW_ELEMENT = re.compile(r"^\W*(?:(?:and|or|but|so|then|also)\s+)?(?:(?:what|how)\s+about\b|same\s+for\b)?", re.I)
_ASKING = re.compile(r"\b" + WH_WORDS + r"\b|^\W*" + AUXILIARIES, re.I)


def asks_nothing_itself(text: str) -> bool:
    """Whether a follow-up names only a new element and asks nothing of its own: once its opening
    joining word or 'what about' is set aside, no question word or auxiliary is left."""
    return _ASKING.search(text[_NEW_ELEMENT.match(text).end():]) is None
