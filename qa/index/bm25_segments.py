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
from qa.index.bm25 import BM25, _empty_arrays
from qa.index.bm25_idf import okapi_idf_array
from qa.index.rowstore import load_array, save_array

FOLDER = "global"
STATS = "bm25.stats.json"
VOCABULARY = {"bm25.terms.npy": "uint8", "bm25.term_offsets.npy": "int64", "bm25.idf.npy": "float64",
              "bm25.df.npy": "int64"}


def _prefixes(blob: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """Each term's first 8 bytes, zero-padded, as big-endian integers: ordered as the terms
    (sorted by bytes, no NUL byte in a token), so a binary search on them narrows a lookup."""
    starts, lengths = offsets[:-1], np.diff(offsets)
    if not len(starts):
        return np.zeros(0, dtype=">u8")
    at = starts[:, None] + np.arange(8)
    inside = np.arange(8) < lengths[:, None]
    grid = np.where(inside, np.asarray(blob)[np.minimum(at, max(len(blob) - 1, 0))] if len(blob) else 0, 0)
    return np.ascontiguousarray(grid.astype(np.uint8)).view(">u8").ravel()


class _Vocabulary:
    """The union of the segments' vocabularies so far, sorted by bytes, with each term's df
    and its first-occurrence position (over the segments in order, then each segment's own
    first-occurrence order): built with array operations, so its cost per segment is a few
    passes over the arrays plus Python work for the terms a later segment brings."""

    def __init__(self, blob: np.ndarray, offsets: np.ndarray, df: np.ndarray, first: np.ndarray) -> None:
        self.blob, self.offsets, self.df, self.first = blob, offsets, df, first
        self.prefix = _prefixes(blob, offsets)

    def term(self, i: int) -> bytes:
        return bytes(self.blob[self.offsets[i]:self.offsets[i + 1]])

    def add(self, blob: np.ndarray, offsets: np.ndarray, df: np.ndarray, rank: np.ndarray) -> None:
        """Add a segment's terms (sorted by bytes; `rank`: their first-occurrence order)."""
        n_old = len(self.df)
        keys = _prefixes(blob, offsets)
        lo = np.searchsorted(self.prefix, keys, side="left").tolist()
        hi = np.searchsorted(self.prefix, keys, side="right").tolist()
        found = np.full(len(df), -1, dtype=np.int64)
        insert = np.zeros(len(df), dtype=np.int64)
        starts, ends = np.asarray(offsets[:-1]).tolist(), np.asarray(offsets[1:]).tolist()
        raw = bytes(np.asarray(blob))
        for i, (a, z) in enumerate(zip(lo, hi)):
            word, at = raw[starts[i]:ends[i]], a
            while at < z and self.term(at) < word:
                at += 1
            if at < z and self.term(at) == word:
                found[i] = at
            insert[i] = at
        old = found >= 0
        np.add.at(self.df, found[old], df[old])
        new = np.flatnonzero(~old)
        if not len(new):
            return
        first_new = np.empty(len(new), dtype=np.int64)
        first_new[np.argsort(rank[new], kind="stable")] = np.arange(n_old, n_old + len(new))
        points = insert[new]  # sorted, as the segment's terms are
        old_pos = np.arange(n_old) + np.searchsorted(points, np.arange(n_old), side="right")
        new_pos = points + np.arange(len(new))
        total = n_old + len(new)
        lengths = np.empty(total, dtype=np.int64)
        lengths[old_pos] = np.diff(self.offsets)
        lengths[new_pos] = (np.asarray(offsets[1:]) - np.asarray(offsets[:-1]))[new]
        pieces, cut = [], 0
        for k, p in enumerate(points.tolist()):
            pieces.append(np.asarray(self.blob[self.offsets[cut]:self.offsets[p]]))
            pieces.append(np.frombuffer(raw[starts[new[k]]:ends[new[k]]], dtype=np.uint8))
            cut = p
        pieces.append(np.asarray(self.blob[self.offsets[cut]:]))
        merged_df = np.empty(total, dtype=np.int64)
        merged_df[old_pos], merged_df[new_pos] = self.df, df[new]
        merged_first = np.empty(total, dtype=np.int64)
        merged_first[old_pos], merged_first[new_pos] = self.first, first_new
        offsets_out = np.zeros(total + 1, dtype=np.int64)
        np.cumsum(lengths, out=offsets_out[1:])
        self.__init__(np.concatenate(pieces), offsets_out, merged_df, merged_first)


def global_stats(parts: Sequence[BM25], deleted: Sequence[np.ndarray | None], k1: float, b: float,
                 epsilon: float = 0.25) -> tuple[dict[str, np.ndarray], dict[str, object]]:
    """The vocabulary arrays and statistics of the live rows of all segments.

    `deleted[i]` is a boolean mask over segment i's rows (None: nothing removed). Cost: array
    passes over every segment's vocabulary (the idf of every term changes with N), Python work
    only for the terms of segments after the first, plus the postings of segments that have
    removed rows. The df order is BM25Okapi's dict order: first occurrence over the segments
    in order.
    """
    rows = live = total = 0
    vocabulary: _Vocabulary | None = None
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
        keep = np.flatnonzero(counts > 0)
        offsets = np.asarray(part._offsets, dtype=np.int64)
        blob = np.asarray(part._terms, dtype=np.uint8)
        if len(keep) < len(counts):  # terms of removed rows only: out of the vocabulary
            lengths_k = offsets[keep + 1] - offsets[keep]
            new_offsets = np.zeros(len(keep) + 1, dtype=np.int64)
            np.cumsum(lengths_k, out=new_offsets[1:])
            take = np.repeat(offsets[keep] - new_offsets[:-1], lengths_k) + np.arange(int(new_offsets[-1]))
            blob, offsets = blob[take], new_offsets
        rank = np.asarray(part._order, dtype=np.int64)[keep]
        if vocabulary is None:
            first = np.empty(len(keep), dtype=np.int64)
            first[np.argsort(rank, kind="stable")] = np.arange(len(keep))
            vocabulary = _Vocabulary(np.array(blob), offsets, counts[keep].copy(), first)
        else:
            vocabulary.add(blob, offsets, counts[keep], rank)
    stats = {"rows": rows, "live_rows": live, "total_length": total, "avgdl": total / live if live else 0.0,
             "k1": float(k1), "b": float(b), "epsilon": float(epsilon), "tokenizer_version": TOKENIZER_VERSION}
    if vocabulary is None or not len(vocabulary.df):
        empty = _empty_arrays()
        return {name: empty[name] for name in VOCABULARY}, stats
    by_first = np.empty(len(vocabulary.df), dtype=np.int64)
    by_first[vocabulary.first] = np.arange(len(vocabulary.df))
    idf_first = okapi_idf_array(vocabulary.df[by_first], live, float(epsilon))
    arrays = {
        "bm25.terms.npy": vocabulary.blob, "bm25.term_offsets.npy": vocabulary.offsets,
        "bm25.idf.npy": idf_first[vocabulary.first], "bm25.df.npy": vocabulary.df,
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
