"""BM25 over pre-tokenised passages: a thin layer over `rank_bm25.BM25Okapi`.

Persistence is plain JSON (no pickle): `bm25.tokens.json` holds the token list of every
passage (row i = passage i) and `bm25.params.json` the parameters and tokenizer version;
`load` rebuilds BM25Okapi from the tokens, which is fast enough to do on every start
(see `tests/test_bm25.py` and the report for timings). Scores are the BM25Okapi scores, with
optional per-query-token weights so expansion terms can count less than the user's own words,
and one repair: BM25Okapi's idf floor is made monotone and positive (see `_floor_idf`).
"""
from __future__ import annotations

import json
from functools import cached_property
import os
from pathlib import Path
from typing import Sequence

import numpy as np
from rank_bm25 import BM25Okapi

from qa.errors import IndexError_
from qa.index.analyzer import TOKENIZER_VERSION

TOKENS_FILE = "bm25.tokens.json"
PARAMS_FILE = "bm25.params.json"


class BM25:
    """BM25Okapi over token lists, with masked top-n and JSON persistence."""

    def __init__(
        self, token_lists: list[list[str]], k1: float = 1.5, b: float = 0.75, epsilon: float = 0.25
    ) -> None:
        self.token_lists = token_lists
        self.k1, self.b, self.epsilon = float(k1), float(b), float(epsilon)
        # BM25Okapi divides by the corpus size and the vocabulary size: with no tokens at all
        # there is nothing to score, so keep no model and return zeros.
        has_tokens = any(token_lists)
        self._okapi = BM25Okapi(token_lists, k1=k1, b=b, epsilon=epsilon) if has_tokens else None
        if self._okapi is not None:
            _floor_idf(self._okapi)

    @classmethod
    def build(
        cls, token_lists: Sequence[Sequence[str]], k1: float = 1.5, b: float = 0.75,
        epsilon: float = 0.25,
    ) -> "BM25":
        return cls([list(t) for t in token_lists], k1=k1, b=b, epsilon=epsilon)

    @classmethod
    def from_settings(cls, token_lists: Sequence[Sequence[str]], settings) -> "BM25":
        return cls.build(token_lists, k1=settings.index.bm25_k1, b=settings.index.bm25_b)

    @property
    def size(self) -> int:
        return len(self.token_lists)

    def idf(self, token: str) -> float:
        """Term weight of a token (0 for tokens the corpus never uses)."""
        if self._okapi is None:
            return 0.0
        return float(self._okapi.idf.get(token, 0.0))

    @cached_property
    def doc_freqs(self) -> dict[str, int]:
        """Token -> number of rows containing it (counted on first use only)."""
        counts: dict[str, int] = {}
        for row in self.token_lists:
            for t in set(row):
                counts[t] = counts.get(t, 0) + 1
        return counts

    def df(self, token: str) -> int:
        """Number of rows containing the token."""
        return self.doc_freqs.get(token, 0)

    def scores(self, query_tokens: Sequence[str], weights: Sequence[float] | None = None) -> np.ndarray:
        """BM25 score of every row; token i counts `weights[i]` times (default 1, duplicates add)."""
        if weights is not None and len(weights) != len(query_tokens):
            raise ValueError(f"{len(weights)} weights for {len(query_tokens)} query tokens")
        if self._okapi is None or not query_tokens:
            return np.zeros(self.size)
        if weights is None:
            return self._okapi.get_scores(list(query_tokens))
        total = np.zeros(self.size)
        for token, weight in zip(query_tokens, weights):
            if weight:
                total += weight * self._okapi.get_scores([token])
        return total

    def top(
        self, query_tokens: Sequence[str], n: int, allowed: np.ndarray | None = None,
        weights: Sequence[float] | None = None,
    ) -> list[tuple[int, float]]:
        """Best `n` rows with a positive score as (row, score), best first; ties by row.

        `allowed` is a boolean mask over rows (a --doc filter); rows outside it never appear.
        """
        scores = self.scores(query_tokens, weights)
        if allowed is not None:
            allowed = np.asarray(allowed, dtype=bool)
            if allowed.shape != scores.shape:
                raise ValueError(f"mask of shape {allowed.shape} for {self.size} rows")
            scores = np.where(allowed, scores, 0.0)
        rows = np.flatnonzero(scores > 0)
        if n <= 0 or rows.size == 0:
            return []
        order = np.lexsort((rows, -scores[rows]))[:n]
        return [(int(rows[i]), float(scores[rows[i]])) for i in order]

    def params(self) -> dict[str, object]:
        return {
            "k1": self.k1, "b": self.b, "epsilon": self.epsilon,
            "tokenizer_version": TOKENIZER_VERSION, "rows": self.size,
        }

    def save(self, folder: str | Path) -> None:
        """Write `bm25.tokens.json` and `bm25.params.json` into `folder` (each atomically)."""
        folder = Path(folder)
        _write_json(folder / TOKENS_FILE, self.token_lists)
        _write_json(folder / PARAMS_FILE, self.params())

    @classmethod
    def load(cls, folder: str | Path) -> "BM25":
        """Mirror of `save`; any missing, malformed or mismatched file raises `IndexError_`."""
        folder = Path(folder)
        tokens = _read_json(folder / TOKENS_FILE)
        params = _read_json(folder / PARAMS_FILE)
        if not isinstance(tokens, list) or not all(
            isinstance(row, list) and all(isinstance(t, str) for t in row) for row in tokens
        ):
            raise IndexError_(f"{folder / TOKENS_FILE} is corrupt: expected a list of token lists")
        if not isinstance(params, dict):
            raise IndexError_(f"{folder / PARAMS_FILE} is corrupt: expected an object")
        values = {}
        for name in ("k1", "b", "epsilon"):
            value = params.get(name)
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise IndexError_(f"{folder / PARAMS_FILE} is corrupt: '{name}' is not a number")
            values[name] = float(value)
        version = params.get("tokenizer_version")
        if version != TOKENIZER_VERSION:
            raise IndexError_(
                f"BM25 index was built with tokenizer {version!r}, this is {TOKENIZER_VERSION!r}: "
                "rebuild the index"
            )
        if params.get("rows", len(tokens)) != len(tokens):
            raise IndexError_(
                f"{folder} is corrupt: params say {params.get('rows')} rows, tokens have {len(tokens)}"
            )
        return cls(tokens, **values)


def _floor_idf(okapi: BM25Okapi) -> None:
    """Make BM25Okapi's idf floor monotone and positive.

    BM25Okapi floors *negative* idfs (terms in more than half the rows) at epsilon times the
    average idf, but leaves a term in exactly half the rows at idf 0, so it scores below a
    commoner term; and in a corpus of one or two passages the average idf is itself <= 0, so
    nothing can be retrieved. Here every idf below the floor is raised to it, and the floor
    uses the average absolute idf when the average is not positive.
    """
    values = list(okapi.idf.values())
    average = okapi.average_idf
    if average <= 0:
        average = sum(abs(v) for v in values) / len(values)
    floor = okapi.epsilon * average if average > 0 else okapi.epsilon
    for token, value in okapi.idf.items():
        if value < floor:
            okapi.idf[token] = floor


def _write_json(path: Path, value: object) -> None:
    tmp = path.with_name(path.name + f".tmp-{os.getpid()}")
    tmp.write_text(json.dumps(value, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    os.replace(tmp, path)


def _read_json(path: Path) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise IndexError_(f"{path} is missing") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise IndexError_(f"{path} is corrupt: {type(exc).__name__}: {exc}".splitlines()[0]) from None
