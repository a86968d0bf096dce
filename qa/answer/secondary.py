"""Secondary quotes that cite despite the citation margins: they state another part of what is asked.

qa.answer.references holds a secondary quote's citations back when it scores well below the first quote
or names clearly less of the question's concepts (`citation_margin`, `citation_concept_margin`): such a
sentence usually states a neighbouring finding. Two kinds state the answer's other half instead, and
their numbers are missed otherwise (evals/README.md, twenty-sixth session): one naming question concepts
the first quote writes in no form (`citation_adds_concept`), and the sentence the first quote goes on from
with 'also' (`also_cites_before`).
"""
from __future__ import annotations

import re

from qa.answer.refusal import stems
from qa.answer.units import Unit, concept_coverage
from qa.settings import AnswerSettings


ALSO = re.compile(r"\b(?:also|as well)\b", re.I)


def continued_by(u: Unit, first: Unit, index) -> bool:
    """Whether `u` is the sentence just before the first quote (`references.sentence_before`), which
    goes on from it with 'also' / 'as well' ("Osteoblasts, ... also are demonstrated to be cellular
    constituents of HSC niche;43,44" after "In animal models, nestin-positive cells are shown to be MSCs
    that comprise the HSC niche in BM.42"): the two state one list's items, and the earlier one's number
    is the answer's as much."""
    from qa.answer.references import sentence_before

    own_end = first.joined[0] if first.joined else first.end
    return sentence_before(first, [u], index) is u and ALSO.search(first.text[:own_end - first.start]) is not None


def written(alts: list[list[str]], tokens: set[str]) -> bool:
    """Whether `tokens` write one concept in any form: as asked, another form of the word (a shared stem,
    `qa.answer.refusal.stems`) or inside a longer word ('immunosuppressive' for 'suppress')."""
    held = set().union(*(stems(t) for t in tokens)) if tokens else set()

    def has(t: str) -> bool:
        return t in tokens or bool(stems(t) & held) or (len(t) >= 5 and any(t in w for w in tokens))
    return any(alt and all(has(t) for t in alt) for alt in alts)


def cites_anyway(u: Unit, first: Unit, concepts: list[list[list[str]]], terms: dict[str, float], index,
                 st: AnswerSettings) -> bool:
    """Whether the secondary quote `u` cites whatever its score and concept share: it names at least
    `citation_adds_concept` of the question's concept weight in concepts `first` writes in no form, or
    `first` goes on from it (`continued_by`)."""
    if st.citation_adds_concept > 0 and concept_coverage(
            [c for c in concepts if not written(c, first.tokens)], terms, u.tokens, concepts) >= st.citation_adds_concept:
        return True
    return st.also_cites_before and continued_by(u, first, index)


def concept_margin(u: Unit, first: Unit, st: AnswerSettings) -> float:
    """The concept margin (`citation_concept_margin`) the secondary quote `u` is held to: for a quote of
    another document than `first`'s, at most `citation_other_document_margin`. A blind question's gold
    names the one review it was written on; another review's sentence naming less of what is asked than
    the first quote states a neighbouring finding of that review (its list's other items), while one
    naming as much restates the answer (twenty-seventh session)."""
    if u.hit.passage.doc_id != first.hit.passage.doc_id:
        return min(st.citation_concept_margin, st.citation_other_document_margin)
    return st.citation_concept_margin
