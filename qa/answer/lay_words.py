"""An everyday question word the library never writes, read as the evidence's word the embedding model
places nearest it, so that the refusal does not weigh it as the strongest sign of absence.

A user asks in everyday words ('monkeys', 'eating') what an article writes in its own ('primate',
'feeding'). Such a word is in no passage, so the refusal features weigh it at the idf ceiling and refuse
answers the passages hold. A word written as a name or code (a capital after the first word, two
capitals, a digit: 'BXSB', 'IPTG') or outside the model's general WordPiece vocabulary ('rectovaginal',
'gestational') stays missing: that is what a near miss looks like. Only the words of the passages the
refusal reads are candidates (the question's sense picked them), never the whole vocabulary, and the reading holds
only when every such word of the question has one: a question read in the evidence's words only in part
still names something the evidence does not write. Nothing is listed by hand: the vocabularies are the
model's and the library's, the neighbours the model's (evals/README.md, fortieth and
forty-second sessions).
"""
from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np

from qa.index.analyzer import tokenize
from qa.retrieval.question import QUESTION_FORM

MIN_LENGTH = 3
_WORD = re.compile(r"[a-z]+")
_TYPED = re.compile(r"[^\s,;:?!()\[\]\"]+")
_CACHE_LIMIT = 50000


def everyday(word: str) -> bool:
    """Whether a typed word is an everyday one: not written as a name or code (no capital after its first
    letter, no digit; the question's first word may be capitalised) and a whole word of the model's general
    vocabulary. A dictionary word the vocabulary lacks ('gestational', 'normalise', 'loci') is left out: read
    as the evidence's nearest word or as no specific word, such words answered near misses on dev + b1-b13."""
    from qa.ingest.clean.lexicon import model_vocabulary

    return word.isalpha() and not any(c.isupper() for c in word[1:]) and word.lower() in model_vocabulary()


def unwritten_everyday(index, question: str) -> list[str]:
    """The index tokens of the question's everyday words (`everyday`; a hyphenated or slashed word is read
    by its parts elsewhere) of 3+ letters, not its question form, that no passage of the library holds in
    any form (`refusal.holds_in_library`: 'expand' is written as 'expanded', read already) and no title,
    author or journal of the library names."""
    from qa.answer.refusal import holds_in_library, library_described

    out: list[str] = []
    for i, typed in enumerate(_TYPED.findall(question)):
        word = typed.strip(".'’\"")
        if i > 0 and word[:1].isupper():  # a capitalised word after the first is a name
            continue
        if not everyday(word):
            continue
        for t in tokenize(word):
            if len(t) >= MIN_LENGTH and _WORD.fullmatch(t) and t not in QUESTION_FORM and t not in out \
                    and not holds_in_library(index, t) and t not in library_described(index):
                out.append(t)
    return out


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
    `floor`; else nothing (a near miss: "Health Canada grant approval" read as 'approved' while 'grant' is
    nowhere)."""
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


__all__ = ["everyday", "nearest_written", "unwritten_everyday", "word_vectors"]
