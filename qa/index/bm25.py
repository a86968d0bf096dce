"""BM25 as an inverted index of precomputed weights, memory-mapped; scores are BM25Okapi's.

rank-bm25's `BM25Okapi` scores every passage for every query token in Python and had to be
rebuilt from JSON tokens at every start (0.5 s per query and 2.3 s to load at 100k passages).
Here the BM25Okapi weight of every (term, passage) pair is computed once at build time, with
the same floating-point expression, into a terms x passages CSR matrix stored as plain `.npy`
arrays and loaded with `mmap_mode='r'`: a query adds the weighted rows of its few terms, so it
touches only the postings of those terms, and loading costs the same at any corpus size.
`tests/index/test_bm25.py` checks the scores against `rank_bm25.BM25Okapi` on the real corpus.

The idf is BM25Okapi's (`ln((N - df + 0.5) / (df + 0.5))`, negative values raised to
epsilon x the average idf) with one repair applied on top, as before: the floor is made
monotone and positive (see `qa.index.bm25_idf.floor_idf`).

Files (row = passage, as everywhere in the index):

    bm25.params.json      k1, b, epsilon, tokenizer version, rows, terms, postings, avgdl
    bm25.terms.npy        uint8: the vocabulary, UTF-8, sorted by bytes, concatenated
    bm25.term_offsets.npy int64 (terms + 1): term t is terms[offsets[t]:offsets[t + 1]]
    bm25.idf.npy          float64 (terms): idf after the floors
    bm25.df.npy           int64 (terms): passages containing the term
    bm25.indptr.npy       int64 (terms + 1): CSR row pointer; term t's postings are
                          indptr[t]:indptr[t + 1] of the next two arrays
    bm25.indices.npy      int32 (postings): passage rows, ascending within a term
    bm25.weights.npy      float64 (postings): the BM25Okapi weight of the term in that row
    bm25.tf.npy           int32 (postings): the term's frequency in that row
    bm25.lengths.npy      int64 (rows): tokens per row
    bm25.order.npy        int64 (terms): rank of the term's first occurrence (BM25Okapi's dict
                          order); with tf and lengths, what `qa.index.bm25_segments` needs
"""
from __future__ import annotations

import json
import os
from functools import cached_property
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

from qa.errors import IndexError_
from qa.index.analyzer import TOKENIZER_VERSION
from qa.index.bm25_idf import okapi_idf
from qa.index.rowstore import load_array

PARAMS_FILE = "bm25.params.json"
ARRAYS = {  # file -> (dtype, length key: "terms+1", "terms" or "postings")
    "bm25.terms.npy": ("uint8", None),
    "bm25.term_offsets.npy": ("int64", "terms+1"),
    "bm25.idf.npy": ("float64", "terms"),
    "bm25.df.npy": ("int64", "terms"),
    "bm25.indptr.npy": ("int64", "terms+1"),
    "bm25.indices.npy": ("int32", "postings"),
    "bm25.weights.npy": ("float64", "postings"),
    # what lets segments be scored with the statistics of the whole index (qa.index.bm25_segments)
    "bm25.tf.npy": ("int32", "postings"),
    "bm25.lengths.npy": ("int64", "rows"),
    "bm25.order.npy": ("int64", "terms"),
}
FILES = (PARAMS_FILE, *ARRAYS)


class BM25:
    """BM25Okapi scores from a memory-mapped inverted index, with masked top-n."""

    def __init__(self, arrays: dict[str, np.ndarray], rows: int, k1: float = 1.5, b: float = 0.75,
                 epsilon: float = 0.25, avgdl: float = 0.0) -> None:
        self._terms = arrays["bm25.terms.npy"]
        self._offsets = arrays["bm25.term_offsets.npy"]
        self._idf = arrays["bm25.idf.npy"]
        self._df = arrays["bm25.df.npy"]
        self._indptr = arrays["bm25.indptr.npy"]
        self._indices = arrays["bm25.indices.npy"]
        self._weights = arrays["bm25.weights.npy"]
        self._tf = arrays["bm25.tf.npy"]
        self._lengths = arrays["bm25.lengths.npy"]
        self._order = arrays["bm25.order.npy"]
        self.rows = int(rows)
        self.k1, self.b, self.epsilon, self.avgdl = float(k1), float(b), float(epsilon), float(avgdl)
        # token -> column: the answer stage asks the idf of the same words thousands of times per
        # question, and each look-up is a binary search over the memory-mapped vocabulary
        self._columns: dict[str, int | None] = {}

    # -- building -------------------------------------------------------------------------
    @classmethod
    def build(cls, token_lists: Iterable[Sequence[str]], k1: float = 1.5, b: float = 0.75,
              epsilon: float = 0.25) -> "BM25":
        """Index token lists (row i = passage i)."""
        vocab: dict[str, int] = {}  # ids in order of first occurrence, as BM25Okapi's dicts
        ids: list[int] = []
        lengths: list[int] = []
        for row in token_lists:
            ids.extend(vocab.setdefault(t, len(vocab)) for t in row)
            lengths.append(len(row))
        return cls.from_ids(list(vocab), np.asarray(ids, dtype=np.int64),
                            np.asarray(lengths, dtype=np.int64), k1=k1, b=b, epsilon=epsilon)

    @classmethod
    def from_ids(cls, vocabulary: Sequence[str], token_ids: np.ndarray, lengths: np.ndarray,
                 k1: float = 1.5, b: float = 0.75, epsilon: float = 0.25) -> "BM25":
        """Index a corpus given as term ids: `token_ids` is every row's tokens concatenated,
        `lengths` the token count of each row; term ids index `vocabulary` (any order)."""
        n_rows = int(len(lengths))
        lengths = np.asarray(lengths, dtype=np.int64)
        token_ids = np.asarray(token_ids, dtype=np.int64)
        k1, b, epsilon = float(k1), float(b), float(epsilon)
        if token_ids.size == 0:  # nothing to score (BM25Okapi would divide by zero)
            return cls({**_empty_arrays(), "bm25.lengths.npy": lengths}, n_rows, k1, b, epsilon, 0.0)
        row_of = np.repeat(np.arange(n_rows, dtype=np.int64), lengths)
        # keep only terms that occur, renumbered in order of first occurrence (BM25Okapi's
        # dict order, which fixes the summation order of its average idf)
        used, first = np.unique(token_ids, return_index=True)
        by_first = used[np.argsort(first, kind="stable")]
        words = [vocabulary[i] for i in by_first.tolist()]
        encoded = [w.encode("utf-8") for w in words]
        # the stored order: terms sorted by their UTF-8 bytes (= code point order), for lookup
        sorted_order = sorted(range(len(words)), key=encoded.__getitem__)
        column = np.empty(len(words), dtype=np.int64)
        column[np.asarray(sorted_order, dtype=np.int64)] = np.arange(len(words))
        remap = np.full(int(token_ids.max()) + 1, -1, dtype=np.int64)
        remap[by_first] = column  # original id -> sorted column
        cols = remap[token_ids]
        # term frequencies: one entry per (term, row) pair, sorted by term then row = CSR order
        keys, tf = np.unique(cols * n_rows + row_of, return_counts=True)
        post_terms, post_rows = np.divmod(keys, n_rows)
        n_terms = len(words)
        df = np.bincount(post_terms, minlength=n_terms).astype(np.int64)
        indptr = np.zeros(n_terms + 1, dtype=np.int64)
        np.cumsum(df, out=indptr[1:])
        idf_first = okapi_idf([int(x) for x in df[column].tolist()], n_rows, epsilon)
        idf = np.empty(n_terms, dtype=np.float64)
        idf[column] = idf_first
        avgdl = int(lengths.sum()) / n_rows
        # BM25Okapi.get_scores's expression, element for element (same rounding)
        doc_len = lengths[post_rows]
        q_freq = tf.astype(np.int64)
        weights = idf[post_terms] * (q_freq * (k1 + 1) / (q_freq + k1 * (1 - b + b * doc_len / avgdl)))
        blob = b"".join(encoded[i] for i in sorted_order)
        offsets = np.zeros(n_terms + 1, dtype=np.int64)
        np.cumsum([len(encoded[i]) for i in sorted_order], out=offsets[1:])
        arrays = {
            "bm25.terms.npy": np.frombuffer(blob, dtype=np.uint8).copy(),
            "bm25.term_offsets.npy": offsets,
            "bm25.idf.npy": idf,
            "bm25.df.npy": df,
            "bm25.indptr.npy": indptr,
            "bm25.indices.npy": post_rows.astype(np.int32),
            "bm25.weights.npy": np.ascontiguousarray(weights, dtype=np.float64),
            "bm25.tf.npy": tf.astype(np.int32),
            "bm25.lengths.npy": lengths,
            "bm25.order.npy": column_rank(column),
        }
        return cls(arrays, n_rows, k1, b, epsilon, avgdl)

    @classmethod
    def from_settings(cls, token_lists: Iterable[Sequence[str]], settings) -> "BM25":
        return cls.build(token_lists, k1=settings.index.bm25_k1, b=settings.index.bm25_b)

    # -- lookups --------------------------------------------------------------------------
    @property
    def size(self) -> int:
        return self.rows

    @property
    def vocabulary_size(self) -> int:
        return int(len(self._idf))

    def term(self, column: int) -> str:
        return self._term_bytes(column).decode("utf-8")

    def _lower_bound(self, key: bytes) -> int:
        """First column whose term is >= key (binary search over the sorted vocabulary)."""
        lo, hi = 0, len(self._idf)
        terms, offsets = self._terms, self._offsets
        while lo < hi:
            mid = (lo + hi) // 2
            if bytes(terms[offsets[mid]:offsets[mid + 1]]) < key:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def _term_bytes(self, column: int) -> bytes:
        return bytes(self._terms[self._offsets[column]:self._offsets[column + 1]])

    COLUMN_CACHE = 200_000  # tokens; the cache is emptied beyond that (an index never changes once loaded)

    def column(self, token: str) -> int | None:
        """The term's row in the matrix, or None for a token the corpus never uses."""
        try:
            return self._columns[token]
        except KeyError:
            pass
        key = token.encode("utf-8")
        c = self._lower_bound(key)
        found = c if c < len(self._idf) and self._term_bytes(c) == key else None
        if len(self._columns) >= self.COLUMN_CACHE:
            self._columns.clear()
        self._columns[token] = found
        return found

    def idf(self, token: str) -> float:
        """Term weight of a token (0 for tokens the corpus never uses)."""
        c = self.column(token)
        return 0.0 if c is None else float(self._idf[c])

    def df(self, token: str) -> int:
        """Number of rows containing the token."""
        c = self.column(token)
        return 0 if c is None else int(self._df[c])

    def occurrences(self, token: str) -> int:
        """How often the token occurs in all rows (its collection frequency; 0 if never)."""
        c = self.column(token)
        return 0 if c is None else int(np.asarray(self._tf[int(self._indptr[c]):int(self._indptr[c + 1])]).sum())

    def has_prefix(self, prefix: str) -> bool:
        """Whether some term of the corpus starts with `prefix` (binary search, no scan)."""
        key = prefix.encode("utf-8")
        c = self._lower_bound(key)
        return c < len(self._idf) and self._term_bytes(c).startswith(key)

    def contains(self, token: str, rows: np.ndarray) -> np.ndarray:
        """Boolean per row: does it hold the token? Binary search in the token's ascending postings."""
        rows = np.asarray(rows, dtype=np.int64)
        c = self.column(token)
        postings = self._indices[int(self._indptr[c]):int(self._indptr[c + 1])] if c is not None else []
        if len(postings) == 0:
            return np.zeros(rows.shape, dtype=bool)
        return np.asarray(postings[np.minimum(np.searchsorted(postings, rows), len(postings) - 1)]) == rows

    def postings(self, token: str) -> np.ndarray:
        """The ascending rows that hold the token (empty for a token the corpus never uses)."""
        c = self.column(token)
        if c is None:
            return np.zeros(0, dtype=np.int64)
        return np.asarray(self._indices[int(self._indptr[c]):int(self._indptr[c + 1])])

    @cached_property
    def doc_freqs(self) -> dict[str, int]:
        """Token -> number of rows containing it (decoded on first use only)."""
        return {self.term(c): int(d) for c, d in enumerate(self._df.tolist())}

    @cached_property
    def matrix(self):
        """The terms x passages weights as a scipy CSR matrix (shares the mapped arrays)."""
        from scipy import sparse

        return sparse.csr_matrix((self._weights, self._indices, self._indptr),
                                 shape=(self.vocabulary_size, self.rows))

    # -- scoring --------------------------------------------------------------------------
    def _postings(self, query_tokens: Sequence[str], weights: Sequence[float] | None):
        if weights is not None and len(weights) != len(query_tokens):
            raise ValueError(f"{len(weights)} weights for {len(query_tokens)} query tokens")
        out = []
        for i, token in enumerate(query_tokens):
            w = 1.0 if weights is None else float(weights[i])
            if not w:
                continue
            c = self.column(token)
            if c is None:
                continue
            a, z = int(self._indptr[c]), int(self._indptr[c + 1])
            out.append((w, self._indices[a:z], self._weights[a:z]))
        return out

    def scores(self, query_tokens: Sequence[str], weights: Sequence[float] | None = None) -> np.ndarray:
        """BM25 score of every row; token i counts `weights[i]` times (default 1, duplicates add)."""
        total = np.zeros(self.rows)
        for w, rows, values in self._postings(query_tokens, weights):
            total[rows] += values if w == 1.0 else w * values
        return total

    def top(
        self, query_tokens: Sequence[str], n: int, allowed: np.ndarray | None = None,
        weights: Sequence[float] | None = None,
    ) -> list[tuple[int, float]]:
        """Best `n` rows with a positive score as (row, score), best first; ties by row.

        `allowed` is a boolean mask over rows (a --doc filter); rows outside it never appear.
        Only the postings of the query's terms are read.
        """
        if allowed is not None:
            allowed = np.asarray(allowed, dtype=bool)
            if allowed.shape != (self.rows,):
                raise ValueError(f"mask of shape {allowed.shape} for {self.rows} rows")
        postings = self._postings(query_tokens, weights)
        if n <= 0 or not postings:
            return []
        total = np.zeros(self.rows)
        for w, rows, values in postings:
            total[rows] += values if w == 1.0 else w * values
        if allowed is not None:
            total[~allowed] = 0.0
        candidates = np.flatnonzero(total > 0)  # one pass over a float array: cheaper than a union
        scores = total[candidates]
        if candidates.size > 4 * n:  # cut to the n best (ties at the cut kept) before sorting
            cut = np.partition(-scores, n - 1)[n - 1]
            keep = -scores <= cut
            candidates, scores = candidates[keep], scores[keep]
        order = np.lexsort((candidates, -scores))[:n]
        return [(int(candidates[i]), float(scores[i])) for i in order]

    # -- persistence ----------------------------------------------------------------------
    def params(self) -> dict[str, object]:
        return {
            "k1": self.k1, "b": self.b, "epsilon": self.epsilon,
            "tokenizer_version": TOKENIZER_VERSION, "rows": self.rows,
            "terms": self.vocabulary_size, "postings": int(len(self._weights)), "avgdl": self.avgdl,
        }

    def save(self, folder: str | Path) -> None:
        """Write the arrays and `bm25.params.json` into `folder` (each atomically)."""
        folder = Path(folder)
        arrays = {
            "bm25.terms.npy": self._terms, "bm25.term_offsets.npy": self._offsets,
            "bm25.idf.npy": self._idf, "bm25.df.npy": self._df, "bm25.indptr.npy": self._indptr,
            "bm25.indices.npy": self._indices, "bm25.weights.npy": self._weights,
            "bm25.tf.npy": self._tf, "bm25.lengths.npy": self._lengths, "bm25.order.npy": self._order,
        }
        for name, array in arrays.items():
            tmp = folder / f"{name}.tmp-{os.getpid()}"
            with open(tmp, "wb") as fh:
                np.save(fh, np.ascontiguousarray(array, dtype=ARRAYS[name][0]), allow_pickle=False)
            os.replace(tmp, folder / name)
        _write_json(folder / PARAMS_FILE, self.params())

    @classmethod
    def load(cls, folder: str | Path) -> "BM25":
        """Mirror of `save` (arrays memory-mapped); anything missing or inconsistent raises
        `IndexError_`."""
        folder = Path(folder)
        params = _read_json(folder / PARAMS_FILE)
        if not isinstance(params, dict):
            raise IndexError_(f"{folder / PARAMS_FILE} is corrupt: expected an object")
        values = {}
        for name in ("k1", "b", "epsilon", "avgdl", "rows", "terms", "postings"):
            value = params.get(name)
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise IndexError_(f"{folder / PARAMS_FILE} is corrupt: '{name}' is not a number")
            values[name] = value
        version = params.get("tokenizer_version")
        if version != TOKENIZER_VERSION:
            raise IndexError_(
                f"BM25 index was built with tokenizer {version!r}, this is {TOKENIZER_VERSION!r}: "
                "rebuild the index"
            )
        expected = {"terms": int(values["terms"]), "terms+1": int(values["terms"]) + 1,
                    "postings": int(values["postings"]), "rows": int(values["rows"])}
        arrays = {}
        for name, (dtype, length) in ARRAYS.items():  # memory-mapped, dtype and 1-D length checked
            arrays[name] = load_array(folder / name, dtype, (expected[length] if length else None,))
        offsets = arrays["bm25.term_offsets.npy"]
        if expected["terms"] and (offsets[-1] != len(arrays["bm25.terms.npy"])
                                  or arrays["bm25.indptr.npy"][-1] != expected["postings"]):
            raise IndexError_(f"{folder} is corrupt: BM25 arrays disagree with {PARAMS_FILE}")
        return cls(arrays, int(values["rows"]), float(values["k1"]), float(values["b"]),
                   float(values["epsilon"]), float(values["avgdl"]))


def column_rank(column: np.ndarray) -> np.ndarray:
    """`column[i]` is the stored (sorted) column of the i-th term by first occurrence; the
    result gives, per stored column, that first-occurrence rank."""
    rank = np.empty(len(column), dtype=np.int64)
    rank[column] = np.arange(len(column), dtype=np.int64)
    return rank


def _empty_arrays() -> dict[str, np.ndarray]:
    return {
        "bm25.terms.npy": np.zeros(0, np.uint8), "bm25.term_offsets.npy": np.zeros(1, np.int64),
        "bm25.idf.npy": np.zeros(0, np.float64), "bm25.df.npy": np.zeros(0, np.int64),
        "bm25.indptr.npy": np.zeros(1, np.int64), "bm25.indices.npy": np.zeros(0, np.int32),
        "bm25.weights.npy": np.zeros(0, np.float64), "bm25.tf.npy": np.zeros(0, np.int32),
        "bm25.lengths.npy": np.zeros(0, np.int64), "bm25.order.npy": np.zeros(0, np.int64),
    }


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
