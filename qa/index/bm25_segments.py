"""BM25Okapi over an index of several segments, with the statistics of the whole corpus.

Each segment keeps its own inverted index (`qa.index.bm25`), whose precomputed weights use
the segment's own N, avgdl and idf: right for a single-segment index (the fast path), wrong
as soon as a second segment or a removed document changes the corpus. So an index of several
segments also holds the *global* term statistics (`global/`, rewritten on every add or
removal: its cost grows with the vocabulary, not the corpus), and a query computes its terms'
weights from each segment's stored term frequencies and row lengths, the way Lucene does:

    weight = idf_global(t) * tf * (k1 + 1) / (tf + k1 * (1 - b + b * dl / avgdl_global))

with the same floating-point expression as `BM25.from_ids`, so the scores are the ones a
full rebuild (and rank-bm25's BM25Okapi over all live rows) gives. Global N and avgdl count
live rows only (rows of removed documents are tombstoned, not rewritten); df counts live rows;
the idf list is summed for the average-idf floor in BM25Okapi's dict order (first occurrence
over the segments in order), which is exactly rank-bm25's order when nothing was removed.

Files of `global/` (the format of the BM25 vocabulary arrays, see `qa.index.bm25`):

    global/bm25.terms.npy, global/bm25.term_offsets.npy   the vocabulary of the live rows
    global/bm25.idf.npy (float64), global/bm25.df.npy (int64)
    global/bm25.stats.json   rows (all), live_rows, total_length, avgdl, k1, b, epsilon, tokenizer
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Sequence

import numpy as np

from qa.errors import IndexError_
from qa.index.analyzer import TOKENIZER_VERSION
from qa.index.bm25 import BM25, _empty_arrays, okapi_idf
from qa.index.rowstore import load_array, save_array

FOLDER = "global"
STATS = "bm25.stats.json"
VOCABULARY = {"bm25.terms.npy": "uint8", "bm25.term_offsets.npy": "int64", "bm25.idf.npy": "float64",
              "bm25.df.npy": "int64"}


def _terms(part: BM25) -> list[str]:
    blob, offsets = bytes(np.asarray(part._terms)), np.asarray(part._offsets).tolist()
    return [blob[a:z].decode("utf-8") for a, z in zip(offsets[:-1], offsets[1:])]


def global_stats(parts: Sequence[BM25], deleted: Sequence[np.ndarray | None], k1: float, b: float,
                 epsilon: float = 0.25) -> tuple[dict[str, np.ndarray], dict[str, object]]:
    """The vocabulary arrays and statistics of the live rows of all segments.

    `deleted[i]` is a boolean mask over segment i's rows (None: nothing removed). Cost: every
    segment's vocabulary once, plus the postings of segments that have removed rows.
    """
    df: dict[str, int] = {}  # insertion order = first occurrence over the segments in order
    rows = live = total = 0
    for part, gone in zip(parts, deleted):
        counts = np.asarray(part._df, dtype=np.int64)
        lengths = np.asarray(part._lengths, dtype=np.int64)
        rows += part.rows
        if gone is not None and gone.any():
            indptr = np.asarray(part._indptr)
            term_of = np.repeat(np.arange(len(counts)), np.diff(indptr))
            counts = counts - np.bincount(term_of[gone[np.asarray(part._indices)]], minlength=len(counts))
            lengths = lengths[~gone]
        live += int(lengths.size)
        total += int(lengths.sum())
        words = _terms(part)
        for column in np.argsort(np.asarray(part._order), kind="stable").tolist():
            c = int(counts[column])
            if c:
                df[words[column]] = df.get(words[column], 0) + c
    stats = {"rows": rows, "live_rows": live, "total_length": total, "avgdl": total / live if live else 0.0,
             "k1": float(k1), "b": float(b), "epsilon": float(epsilon), "tokenizer_version": TOKENIZER_VERSION}
    if not df:
        empty = _empty_arrays()
        return {name: empty[name] for name in VOCABULARY}, stats
    words = list(df)
    idf_first = okapi_idf(list(df.values()), live, float(epsilon))
    encoded = [w.encode("utf-8") for w in words]
    order = sorted(range(len(words)), key=encoded.__getitem__)
    offsets = np.zeros(len(words) + 1, dtype=np.int64)
    np.cumsum([len(encoded[i]) for i in order], out=offsets[1:])
    arrays = {
        "bm25.terms.npy": np.frombuffer(b"".join(encoded[i] for i in order), dtype=np.uint8).copy(),
        "bm25.term_offsets.npy": offsets,
        "bm25.idf.npy": np.array([idf_first[i] for i in order], dtype=np.float64),
        "bm25.df.npy": np.array([df[words[i]] for i in order], dtype=np.int64),
    }
    return arrays, stats


def save_stats(folder: Path, arrays: dict[str, np.ndarray], stats: dict[str, object]) -> None:
    folder = Path(folder) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for name, dtype in VOCABULARY.items():
        save_array(folder / name, np.ascontiguousarray(arrays[name], dtype=dtype))
    (folder / STATS).write_text(json.dumps(stats, separators=(",", ":")), encoding="utf-8")


class SegmentedBM25(BM25):
    """BM25 lookups (idf, df, prefixes) over the global vocabulary; scores from the segments'
    term frequencies with the global statistics. Rows are global (segment offset + local row);
    rows of removed documents never score."""

    def __init__(self, folder: Path, parts: Sequence[BM25], offsets: Sequence[int], live: np.ndarray | None):
        folder = Path(folder) / FOLDER
        try:
            stats = json.loads((folder / STATS).read_text(encoding="utf-8"))
            numbers = {k: float(stats[k]) for k in ("rows", "live_rows", "avgdl", "k1", "b", "epsilon")}
        except FileNotFoundError:
            raise IndexError_(f"{folder / STATS} is missing") from None
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise IndexError_(f"{folder / STATS} is corrupt: {type(exc).__name__}") from None
        if stats.get("tokenizer_version") != TOKENIZER_VERSION:
            raise IndexError_(f"{folder / STATS} was written with another tokenizer: rebuild the index")
        arrays = dict(_empty_arrays())
        for name, dtype in VOCABULARY.items():
            arrays[name] = load_array(folder / name, dtype)
        n_terms = len(arrays["bm25.idf.npy"])
        if len(arrays["bm25.df.npy"]) != n_terms or len(arrays["bm25.term_offsets.npy"]) != n_terms + 1:
            raise IndexError_(f"{folder} is corrupt: vocabulary arrays disagree")
        arrays["bm25.indptr.npy"] = np.zeros(n_terms + 1, dtype=np.int64)
        arrays["bm25.order.npy"] = np.zeros(n_terms, dtype=np.int64)
        super().__init__(arrays, int(numbers["rows"]), numbers["k1"], numbers["b"], numbers["epsilon"],
                         numbers["avgdl"])
        self.parts, self.offsets, self.live = list(parts), [int(o) for o in offsets], live
        self.live_rows = int(numbers["live_rows"])
        self._norms: dict[int, np.ndarray] = {}
        if sum(p.rows for p in self.parts) != self.rows:
            raise IndexError_(f"{folder / STATS} is corrupt: {self.rows} rows, the segments hold "
                              f"{sum(p.rows for p in self.parts)}")

    @property
    def size(self) -> int:
        """N of BM25Okapi: the live rows (rows of removed documents do not count)."""
        return self.live_rows

    @property
    def matrix(self):  # type: ignore[override]
        raise NotImplementedError("a segmented index has no single weight matrix (run 'qa index --optimize')")

    def _norm(self, i: int) -> np.ndarray:
        """k1 * (1 - b + b * dl / avgdl) for every row of segment i, computed on first use
        (the same operations per element as in the weight expression, so the same values)."""
        norm = self._norms.get(i)
        if norm is None:
            doc_len = np.asarray(self.parts[i]._lengths)
            norm = self._norms[i] = self.k1 * (1 - self.b + self.b * doc_len / self.avgdl)
        return norm

    def contains(self, token: str, rows: np.ndarray) -> np.ndarray:
        """Boolean per global row: does the (live) row hold the token? Each segment's
        postings are searched for the rows that fall in it."""
        rows = np.asarray(rows, dtype=np.int64)
        out = np.zeros(rows.shape, dtype=bool)
        if self.column(token) is None:
            return out
        for part, offset in zip(self.parts, self.offsets):
            inside = (rows >= offset) & (rows < offset + part.rows)
            if inside.any():
                out[inside] = part.contains(token, rows[inside] - offset)
        return out if self.live is None else out & np.asarray(self.live[rows])

    def _postings(self, query_tokens: Sequence[str], weights: Sequence[float] | None):
        """(query weight, global rows, BM25 weights) per query token and segment."""
        if weights is not None and len(weights) != len(query_tokens):
            raise ValueError(f"{len(weights)} weights for {len(query_tokens)} query tokens")
        k1 = self.k1
        out = []
        for i, token in enumerate(query_tokens):
            w = 1.0 if weights is None else float(weights[i])
            c = self.column(token) if w else None
            if c is None:
                continue
            idf = self._idf[c]
            for seg, (part, offset) in enumerate(zip(self.parts, self.offsets)):
                pc = part.column(token)
                if pc is None:
                    continue
                a, z = int(part._indptr[pc]), int(part._indptr[pc + 1])
                rows = np.asarray(part._indices[a:z])
                q_freq = part._tf[a:z].astype(np.int64)
                # BM25.from_ids's expression, element for element (same rounding)
                values = idf * (q_freq * (k1 + 1) / (q_freq + self._norm(seg)[rows]))
                if self.live is not None:
                    values = np.where(self.live[rows + offset], values, 0.0)
                out.append((w, rows + offset, values))
        return out
