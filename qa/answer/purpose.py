"""A sentence opening with a purpose clause sets up an experiment; the finding a yes/no or comparison
question asks comes after it.

A research article introduces each experiment with an infinitive of purpose ("To test whether this could
be responsible for the MMS hypersensitivity ..., we dissected wing imaginal discs ...", "To quantify the
amount of peptide conjugated ..., we used a fluorometric absorbance kit ..."): the sentence names every
word of the question (it restates what is being tested) and so outscores the sentence stating what the
experiment found. For a question asking a finding (`finding_first_kinds`: yes/no, comparison) the best
sentence of the same article not opening so, within `purpose_first_margin`, becomes the first span, unless
the purpose sentence's own next sentence is within the margin (the outcome stated right after the set-up,
which the first span's join shows with it). Order only, as `section_role.finding_first`: every score
stays. A method question ("How was ... quantified?") is not of these kinds: there the purpose sentence
often is the answer.

Read from grammar only: a sentence-initial "To" followed by a lower-case word that is not a determiner, a
pronoun or "date" (a closed class: "To this end", "To our knowledge", "To date" are no purpose clauses),
or a lower-case "to" after a connective adverb of sequence and its comma ("Next, to ...", "Finally, to ...";
not "In addition to the CTD, ...", a preposition).
"""
from __future__ import annotations

import re

PURPOSE = re.compile(
    r"^(?:(?:First|Next|Then|Finally|Therefore|Thus|Here|Additionally|In\s+addition|Further(?:more)?|Lastly|Second|"
    r"Third),\s+to|To)\s+(?!(?:date|this|that|these|those|our|my|their|its|his|her|the|a|an|some|any|what|which|"
    r"whom|each|all|both)\b)[a-z]+\b")


def opens_with_purpose(text: str) -> bool:
    """Does the sentence open with an infinitive of purpose ("To determine whether ...,", "Next, to ...")?"""
    return bool(PURPOSE.match(text.lstrip()))


def sets_up(text: str, asked: set[str] | None) -> bool:
    """Does the sentence open with a purpose clause naming what the question asks? The clause, up to its
    first comma, must hold one of the question's words (`asked`, index tokens; any when None): "To test whether
    this could be responsible for the MMS hypersensitivity ..., we dissected ..." restates the question, while
    "To aid interpretation, we further applied a sparse PCA ..., which recapitulated ..." only says why a
    step was taken, and the question's words, and the finding, are in its main clause."""
    if not opens_with_purpose(text):
        return False
    if asked is None:
        return True
    from qa.index.analyzer import tokenize  # the index's tokens, as the question's
    return bool(asked & set(tokenize(text.lstrip().split(",", 1)[0])))


def asked_words(query) -> set[str]:
    """The question's own index tokens (and a follow-up's carried ones) but its question form ('how', 'which')."""
    from qa.answer.question import QUESTION_FORM
    return (set(query.tokens) | set(query.context_tokens)) - QUESTION_FORM


def follower(units: list, u) -> object | None:
    """The unit right after `u` in its passage (None when it is last or not a candidate)."""
    return min((v for v in units if v.hit.passage.id == u.hit.passage.id and v.start >= u.end),
               key=lambda v: v.start, default=None)


def outcome_first(units: list, margin: float, asked: set[str] | None = None) -> list:
    """The units (best first) with the best sentence of the same document that does not open with a purpose
    clause moved first when the best one does and that one scores within `margin` of it; the rest keep their
    order and scores. Not when the sentence right after the purpose clause in its passage scores within `margin`:
    there the experiment's outcome follows its set-up, and the first span takes it along (qa.answer.joins)."""
    if not units or margin <= 0 or not sets_up(units[0].text, asked):
        return units
    after = follower(units, units[0])
    if after is not None and after.score >= units[0].score - margin and not opens_with_purpose(after.text):
        return units  # the sentence stating what the experiment found follows it, near tie: the join shows both
    doc = units[0].hit.passage.doc_id
    near = next((u for u in units[1:] if u.score >= units[0].score - margin and u.hit.passage.doc_id == doc
                 and not opens_with_purpose(u.text)), None)
    return units if near is None else [near, *(u for u in units if u is not near)]
