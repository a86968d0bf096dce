"""A bridge from a question word the library never writes to the library words nearest it in the
embedding model's space.

Lay questions use words the articles never do ('drying' for desiccation, 'vulnerable' for
susceptible, 'temp' for temperature): BM25 cannot match them at all, and the dense model alone
ranks these questions worst of all. The library's own vocabulary (the BM25 terms, alphabetic, at
least `MIN_LENGTH` letters) is encoded once per index; a question token no passage holds is
joined in the BM25 query by its `top` nearest library words whose cosine reaches `floor`, each at
`weight` times its cosine. Only absent words are bridged: a word the library uses is matched as
written. Nothing is written by hand: the vocabulary is the library's, the neighbours the model's.
"""
from __future__ import annotations

import re
import threading

import numpy as np

MIN_LENGTH = 3
_WORD = re.compile(r"[a-z]+")


class Bridge:
    """The library's vocabulary embedded once; `near(tokens)` gives the bridged words."""

    def __init__(self, bm25, encoder, floor: float, top: int, weight: float) -> None:
        self._bm25 = bm25
        self._encoder = encoder
        self.floor, self.top, self.weight = floor, top, weight
        self._terms: list[str] | None = None
        self._vectors: np.ndarray | None = None
        self._lock = threading.Lock()

    def _vocabulary(self) -> tuple[list[str], np.ndarray]:
        if self._terms is None:
            with self._lock:
                if self._terms is None:
                    bm = self._bm25
                    terms = [t for t in (bm.term(i) for i in range(bm.vocabulary_size))
                             if len(t) >= MIN_LENGTH and _WORD.fullmatch(t)]
                    vectors = self._encoder.encode(terms).astype("float32") if terms else \
                        np.zeros((0, 1), "float32")
                    self._vectors, self._terms = vectors, terms
        assert self._vectors is not None
        return self._terms, self._vectors

    def absent(self, tokens: list[str]) -> list[str]:
        """The question's alphabetic tokens no passage holds."""
        return [t for t in dict.fromkeys(tokens)
                if len(t) >= MIN_LENGTH and _WORD.fullmatch(t) and self._bm25.df(t) == 0]

    def near(self, tokens: list[str]) -> list[tuple[str, float]]:
        """(library word, BM25 weight) for each absent token's nearest library words above the
        floor; a word already in the question is not added again, a word reached twice keeps its
        larger weight."""
        missing = self.absent(tokens)
        if not missing or self.weight <= 0:
            return []
        terms, vectors = self._vocabulary()
        if not terms:
            return []
        asked = set(tokens)
        found: dict[str, float] = {}
        cosines = vectors @ self._encoder.encode(missing).astype("float32").T  # (terms, missing)
        for j in range(len(missing)):
            column = cosines[:, j]
            for i in np.argsort(-column)[: self.top]:
                c = float(column[i])
                if c < self.floor or terms[i] in asked:
                    continue
                found[terms[i]] = max(found.get(terms[i], 0.0), self.weight * c)
        return list(found.items())


__all__ = ["Bridge"]
