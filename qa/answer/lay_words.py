"""An everyday question word the library never writes, read as the evidence's word the embedding model
places nearest it, so that the refusal does not count it as missing.

A user asks in everyday words ('monkeys', 'eating') what an article writes in its own ('macaque',
'primate', 'feeding'). Such a word is in no passage, so the refusal features weigh it as the strongest
sign of absence (a word no passage uses weighs the idf ceiling) and refuse answers the passages hold.
A *specific* word no passage holds (a name, a code, a term outside the model's general vocabulary:
`refusal.specific_tokens`) stays missing: that is what a near miss looks like ('busulfan', 'EDSS').
Only a word of the model's general vocabulary that the whole library never writes is read, and only
against the words of the passages the refusal reads (the question's sense picked them), never the
whole vocabulary: the single-word neighbours of the whole library are noise as often as not
(evals/README.md, twenty-fourth and thirty-first sessions). Nothing is listed by hand: the vocabulary
is the model's and the library's, the neighbours the model's.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np

from qa.index.analyzer import tokenize
from qa.retrieval.question import QUESTION_FORM

MIN_LENGTH = 3
_WORD = re.compile(r"[a-z]+")
_CACHE_LIMIT = 50000


def unwritten_everyday(index, question: str, specific: set[str]) -> list[str]:
    """The question's alphabetic tokens (3+ letters, not its question form) that no passage of the library
    holds in any form (`refusal.holds_in_library`: 'expand' is written as 'expanded', read already) and that
    are not `specific` (names, codes, terms outside the model's vocabulary)."""
    from qa.answer.refusal import holds_in_library

    return [t for t in dict.fromkeys(tokenize(question))
            if len(t) >= MIN_LENGTH and _WORD.fullmatch(t) and t not in QUESTION_FORM
            and t not in specific and not holds_in_library(index, t)]


def word_vectors(index, words: Iterable[str]) -> dict[str, np.ndarray]:
    """word -> its unit vector by the index's query encoder (cached on the loaded index, as the refusal's
    other per-index caches are: a rebuilt library never reads an earlier one's vectors)."""
    cache: dict[str, np.ndarray] = index.__dict__.setdefault("_word_vectors", {})
    wanted = list(dict.fromkeys(words))
    new = [w for w in wanted if w not in cache]
    if new:
        if len(cache) > _CACHE_LIMIT:
            cache.clear()
        vectors = np.asarray(index.encoder.encode(new), dtype="float32")
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        vectors = vectors / np.where(norms > 0, norms, 1.0)
        cache.update(zip(new, vectors))
    return {w: cache[w] for w in wanted}


def nearest_written(index, absent: list[str], evidence: Iterable[str], floor: float) -> dict[str, str]:
    """absent word -> the evidence word nearest it by the encoder, when every absent word's cosine reaches
    `floor`; else nothing. A question read in the evidence's words only in part still names something the
    evidence does not write, and crediting the part read only lifts its coverage (a near miss: "Health Canada
    grant approval" read as 'approved' while 'grant' is nowhere)."""
    if not absent or floor > 1.0:
        return {}
    words = sorted({t for t in evidence if len(t) >= MIN_LENGTH and _WORD.fullmatch(t)})
    if not words:
        return {}
    vectors = word_vectors(index, absent + words)
    matrix = np.stack([vectors[w] for w in words])
    out: dict[str, str] = {}
    for word in absent:
        cosines = matrix @ vectors[word]
        best = int(np.argmax(cosines))
        if float(cosines[best]) < floor:
            return {}
        out[word] = words[best]
    return out


__all__ = ["nearest_written", "unwritten_everyday", "word_vectors"]
