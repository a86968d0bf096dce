"""Question words a sentence writes in another form, credited in span selection.

The index's tokens drop plurals only ("introns" -> "intron"), so "Do any introns show up in mRNA
out in the cytoplasm?" does not meet "We never observed introns in cytoplasmic mRNA", nor "which
later studies treated ... infarct patients" "MSCs have been used to treat acute and chronic
myocardial infarction patients": the sentence stating the finding covers less of the question
than one restating its topic in the question's own forms. Span selection credits such a term at
`span_form_credit` of its weight (times `span_lexical_weight`, as term coverage weighs) when the
sentence itself holds a word sharing its stem (`qa.retrieval.word_forms.stems`: inflectional and
derivational endings, a stem of at least five letters) and not the word as written. Only the
sentence's own words are read, and the credit holds even when its section title or the sentence
before lends it the word as written: that loan reaches every sentence after it alike, while this
sentence says the word itself ("The cuticle of adr-1(-);adr-2(-) animals exposed to P. aeruginosa
..." after a sentence naming "exposure", asked "And after exposure to Pseudomonas?"). Crediting
only the words the context lacks too measured worse (dev-seeds top span -1, blind-dev-pdfs -2).

Applied after the refusal model has read the scores it was fitted on, as the legend penalty is
(qa.answer.span_order). Retrieval is untouched: stems in its first stage cost rank-1 hits
(evals/README.md, "BM25 with Snowball stems").
"""
from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import Any

from qa.answer.defined_forms import NAME, asked_long_forms, writes
from qa.index.analyzer import tokenize
from qa.retrieval.word_forms import stems


def other_forms(terms: dict[str, float], own: set[str] | frozenset[str]) -> float:
    """Idf-weighted share of the question's terms that `own` (a unit's own words) does not hold as
    written but writes in another form of the word (a shared stem)."""
    total = sum(terms.values())
    missing = [(t, w) for t, w in terms.items() if t not in own]
    if not total or not missing or not own:
        return 0.0
    held = set().union(*(stems(t) for t in own))
    return sum(w for t, w in missing if stems(t) & held) / total


def credit(units: list, weight: float, share: Callable[[Any], float] = attrgetter("forms")) -> list:
    """The units best first after each gains `weight` times its `share` of the question's terms
    (`Unit.forms`, other forms of a word, by default; `Unit.other_names`, the article's abbreviation for
    them): after the refusal model has read the scores, which change in place, so joins and citation
    margins read the same order."""
    if not weight or not any(share(u) for u in units):
        return units
    for u in units:
        u.score += weight * share(u)
    return sorted(units, key=lambda u: -u.score)


def other_names_asked(index, question: str) -> dict[str, list[tuple[tuple[str, ...], frozenset[str]]]]:
    """document -> (an abbreviation it defines, the question's tokens it stands for) for each long form the
    question writes ("osteogenesis imperfecta" -> kim2013's "OI"; qa.answer.defined_forms.asked_long_forms),
    read once per question. Tokens of the question's own abbreviations are left out: the other direction, a
    question's abbreviation a sentence writes out, is not credited (`other_name_share`)."""
    abbreviated = {t for w in NAME.findall(question) if any(c.isupper() for c in w) for t in tokenize(w)}
    return {doc_id: [(short, frozenset(long_form) - abbreviated) for short, long_form in pairs]
            for doc_id, pairs in asked_long_forms(index, question).items()}


def other_name_share(terms: dict[str, float], names: list[tuple[tuple[str, ...], frozenset[str]]] | None,
                     text: str, own: set[str] | frozenset[str]) -> float:
    """Idf-weighted share of the question's terms that `text` does not hold as written but names by the
    abbreviation its own article defines for them (`names`: that article's entry of `other_names_asked`):
    "Disease: OI" for "osteogenesis imperfecta", by kim2013's "osteogenesis imperfecta (OI)". A table row or a
    sentence naming the asked subject only in its article's short form covers none of the words the question
    names it with, and the sentence encoder reads nothing in "OI", so it lost to sentences restating the subject
    in full (user trial 54). Read for table rows only (qa.answer.candidates): a running-text sentence has the long
    form around it (its passage, its section title, the sentence before), so the credit counted the subject twice
    and put a sentence naming only the subject above one answering ("MSCT guidelines ... in MS" first for how the
    MSCs were given in multiple sclerosis; evals/README.md, fortieth session). The other way, a question's abbreviation that a sentence writes out, is not
    credited: the long form already carries its meaning to the encoder, and crediting it too lifted sentences
    listing other studies into the citation margin (test-seeds "EAE (MS mouse model) MSC papers?")."""
    total = sum(terms.values())
    if not names or not total:
        return 0.0
    named = {t for short, tokens in names if writes(text, short) for t in tokens}
    return sum(w for t, w in terms.items() if t not in own and t in named) / total
