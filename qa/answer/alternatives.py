"""Alternatives a question offers ("intracoronary or intravenously?"): evidence holding one of them
answers the question, so the other is not a word the evidence lacks.

An alternative question asks which of its coordinated words holds; a passage stating one ("randomized
to receive intracoronary injection") is its answer, and the word it does not use is the alternative it
rules out, not a sign that the library does not answer (user trial 50: "Were the cells delivered
intracoronary or intravenously in the MI trials?" was refused for 'intravenously')."""
from __future__ import annotations

import re

# words coordinated by "or", a chain of any length ("A or B or C")
_OR_CHAIN = re.compile(r"[\w'’-]+(?:\s+or\s+[\w'’-]+)+", re.I)
_OR = re.compile(r"\s+or\s+", re.I)


def settled_alternatives(question: str, present: set[str] | frozenset[str]) -> set[str]:
    """The index tokens of the words of `question` coordinated by 'or' with a word whose tokens are all
    in `present` (the evidence's tokens): the alternatives the evidence's choice leaves out. A function
    word among them ("or not", "or another") coordinates no content word and settles nothing."""
    from qa.index.analyzer import tokenize

    settled: set[str] = set()
    for chain in _OR_CHAIN.finditer(question):
        members = [set(tokenize(word)) for word in _OR.split(chain.group(0))]
        if all(members) and any(member <= present for member in members):
            settled |= set().union(*members) - set(present)
    return settled
