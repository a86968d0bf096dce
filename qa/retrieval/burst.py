"""A question word that occurs about once wherever it occurs says little about which passage answers.

"What change was engineered into ADR-1 ...?", "Roughly what fraction of all breast cancers ...?",
"csrA KO vs WT proteomics ...": "change", "roughly", "fraction", "versus", "used", "tested" are spread
over a collection one at a time, where an article's own entities (ADAR, UMR, LPS) repeat within the
passages about them. Idf sees only how many passages hold a word; residual idf (Church and Gale 1995)
compares that with what a Poisson spread of the word's occurrences would give, and is near 0 for a
word that never clusters. `weights` scales the BM25 query weights by
(1 - strength) + strength x clip(RIDF, 0, 1): a set-up or restating passage that shares the
question's framing words gains less from them.

Off by default (`bm25_burstiness` 0). On the ten-article library (the reviews included) BM25 with it
at 0.3 lifted four blind-dev PDF questions to rank 1 and left the reviews' questions as they were;
on the reviews' own 126-passage index, where a word used 5-10 times has no room to repeat, it cost
two blind-dev review questions (evals/README.md, twentieth session).
"""
from __future__ import annotations

import math
from collections.abc import Sequence


def residual_idf(df: int, cf: int, n: int) -> float:
    """log2 idf observed minus log2 idf expected had the `cf` occurrences fallen on the `n` rows
    independently (Poisson): ~0 for a word that never repeats within a row, larger the more its
    occurrences cluster. 0 for a word that does not occur."""
    if df <= 0 or cf <= 0 or n <= 0:
        return 0.0
    expected = 1.0 - math.exp(-cf / n)  # share of rows a Poisson spread would reach
    return -math.log2(df / n) + math.log2(expected)


def multiplier(ridf: float, strength: float) -> float:
    """(1 - strength) + strength x RIDF clipped to [0, 1]: 1 for a word clustering by a bit or more."""
    return (1.0 - strength) + strength * min(max(ridf, 0.0), 1.0)


def weights(bm25, tokens: Sequence[str], base: Sequence[float] | None, strength: float) -> list[float]:
    """The BM25 query weights (`base`, all 1 when None) scaled by each token's `multiplier`."""
    base = list(base) if base is not None else [1.0] * len(tokens)
    if not strength:
        return base
    out = []
    for token, w in zip(tokens, base):
        df = bm25.df(token)
        out.append(w * multiplier(residual_idf(df, bm25.occurrences(token), bm25.rows), strength) if df else w)
    return out
