"""A hyphenated compound of a name the evidence writes and an everyday word: no missing name.

The refusal features (`qa.answer.refusal.evidence_features`) read a hyphenated question word as
its joined form and its parts (`absent_words`): present when the joined form is, or all its parts
are. "GFP-tagged", "IFN-gamma-deficient", "membrane-based", "far-apart" are written joined by no
article, and one everyday part ('tagged', 'deficient', 'based', 'apart') the evidence words
otherwise left the whole compound a missing *specific* word (the joined form is no dictionary
word), the heaviest sign of a near miss, although the name it modifies is there. A compound is
read here as a modifier of a present name when one of its parts the evidence writes is a word of
three or more letters (not a bare number: "COL-19" keeps its number as its identity) and each
part it lacks is an everyday English word (the embedding model's vocabulary, or an English
dictionary's frequency above the Methods setting `refusal_methods_general_words`). Its missing
parts then weigh as ordinary missing words, not as a missing name (evals/README.md, twenty-eighth
session, "False refusals: word families and compounds").
"""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=65536)
def everyday(token: str, general_above: int) -> bool:
    """An alphabetic token of general English: in the model's WordPiece vocabulary, or an English
    dictionary's frequency above `general_above`."""
    from qa.ingest.clean.lexicon import model_vocabulary
    from qa.retrieval.spelling import english_frequency

    return token.isalpha() and (token in model_vocabulary() or english_frequency(token) > general_above)


def modifier_compound(tokens: tuple[str, ...], present: set[str], general_above: int) -> bool:
    """Whether a hyphenated word (its index tokens: the joined form, then the parts) names a
    present thing with everyday words: a part of three or more letters, not a bare number, is in
    `present`, and every part not in it is `everyday`."""
    parts = tokens[1:]
    return len(tokens) > 1 and any(t in present and len(t) >= 3 and not t.isdigit() for t in parts) \
        and all(everyday(t, general_above) for t in parts if t not in present)
