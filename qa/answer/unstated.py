"""Whether the quotes name what a question asks (`unstated`): the answer stage's check of a weak match.

The attribute a question asks ("median age", "cell dose per kg") is read by
`qa.retrieval.attribute.asked_attribute`; a weak match whose sentences never name it quotes the
topic, not the asked fact. Cautions, refusals and the span order read this one check.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

from qa.answer.abbreviations import spelled_out
from qa.index.analyzer import tokenize
from qa.retrieval.attribute import asked_attribute
from qa.retrieval.question import QUESTION_FORM
from qa.retrieval.word_forms import absent_words, written_forms


def unstated(question: str, kind: str | None, quotes: Sequence[str],
             other_names: Callable[[str], list] | None = None) -> str:
    """The asked attribute as written when no quote names it ('' when the question names no
    attribute, or a quote holds every word of it in some written form, its bracketed other name
    or a glossary / synonym counterpart: `other_names(phrase)` gives the expander's concepts,
    whose alternatives after the first are the phrase's counterparts; an abbreviation a quote writes out
    in full, `abbreviations.spelled_out`: 'CDAI' in "... the Crohn Disease Activity Index ...", user trial 52). A weak match quoting the
    entity's sentences without the attribute ("de Lima ... expanded CD34+ cells" for "median day
    of neutrophil recovery") quotes the topic, not the asked fact (evals/README.md, "Near-miss
    refusal helper")."""
    attribute = asked_attribute(question) if kind != "sources" else None  # sources ask for citations
    if attribute is None:
        return ""
    phrase = " ".join(attribute.words)
    words = {t for t in tokenize(phrase) if t not in QUESTION_FORM}
    if not words:
        return ""
    held: set[str] = set().union(*(tokenize(q) for q in quotes)) if quotes else set()
    others = set(tokenize(" ".join(attribute.aliases)))
    for concept in (other_names(phrase) if other_names else []):
        for alternative in concept[1:]:
            others.update(alternative)
    if (others - words) & held:
        return ""
    # an abbreviation a quote writes out in full is named there ('CDAI': "Crohn Disease Activity Index")
    held.update(t for w in attribute.words if any(spelled_out(w, q) for q in quotes) for t in tokenize(w))
    # a hyphenated word is there when its joined form is or all its parts are ("long-term")
    present = written_forms(words | {t for w in absent_words(phrase, held) for t in w}, held)
    return phrase if any(w[0] not in QUESTION_FORM for w in absent_words(phrase, present)) else ""
