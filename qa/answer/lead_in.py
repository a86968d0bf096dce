"""A lead-in sentence and the sentence that continues it.

Review and article prose often announces a topic in one sentence and states the fact in the
next: "Recently, a safety system to allow control of the growth and survival of MSCs has been
developed. The safety mechanism is a suicide system based on an inducible caspase-9 protein ...
[154]" (user trial 15, R7). The announcing sentence repeats the question's words, so its cosine
and term coverage beat the sentence stating the fact, whose subject is only referred to ("The
safety mechanism", "these patients", "this possibility") and which the dense model scores low.

A *lead-in* states nothing the question lacks: no citation of its own, no number the question
does not give, no name the question does not give (an acronym, a word with digits or a
capital inside the sentence: "caspase-9", "CID", "Sharp"), not the asked answer shape. A
follower *refers back* to a sentence when it has a demonstrative within its first words ("To
eliminate this possibility, ...", "Sixty-eight percent of these patients ...") or opens with a
definite noun phrase naming a word of that sentence ("a safety system ... The safety mechanism
..."); `joins.CONTINUATION` already joins one opening with an anaphor ("This", "These", ...).

In `qa.answer.joins`, the first span is joined with a follower referring back to it whatever
that one scores (`refers_back_all`; it cites by its own score), and a lead-in's follower is
shown with it and cites (`lead_in`): shown alone, the lead-in answers nothing. Only English
function words and the shape of names are read here; no topic word.
"""
from __future__ import annotations

import re
from qa.answer.focus import new_name, numbers
from qa.answer.units import Unit
from qa.index.analyzer import tokenize

# a demonstrative determiner among the first four words: "To eliminate this possibility", "Of these,",
# "Sixty-eight percent of these patients", "In such cases"
DEMONSTRATIVE = re.compile(r"^(?:[\w'’-]+,?\s+){0,3}?(?:this|these|those|such)\b", re.I)
# a definite noun phrase opening the sentence: its first two words after the article
_DEFINITE = re.compile(r"^(?:The|Th(?:is|ese)|Such)\s+([\w-]+)(?:\s+([\w-]+))?")


def refers_back(follower: str, previous: set[str]) -> bool:
    """Whether a sentence opens by referring to the one before it (see the module docstring):
    a demonstrative in its first words, or a definite noun phrase naming a word of that sentence
    (`previous`: its index tokens, the analyzer's)."""
    if DEMONSTRATIVE.match(follower):
        return True
    m = _DEFINITE.match(follower)
    if not m:
        return False
    words = " ".join(w for w in m.groups() if w)
    return bool(set(tokenize(words)) & previous)


def is_lead_in(u: Unit, question: str, clean: str) -> bool:
    """Whether a unit only announces what the question asks (see the module docstring):
    uncited, no number or name the question lacks, without the asked answer shape (`clean`: its
    text without citation labels)."""
    if u.citations or u.shape >= 1.0 or u.hit.passage.kind == "table_row":
        return False
    if numbers(clean) - numbers(question):
        return False
    return not new_name(question, clean)
