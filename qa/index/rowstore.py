"""Passages and answer units on disk, read lazily: start-up cost does not grow with the corpus.

Parsing every passage with pydantic at start-up cost time and memory linear in the corpus;
here a loaded index holds only memory-mapped arrays, and a passage is parsed when a query
returns it (`PassageStore[row]`, a small cache keeps the recent ones). Files (row = passage):

    passages.jsonl          one Passage per line (unchanged format)
    passages.offsets.npy    int64 (rows + 1): byte offset of line i; the last is the file size
    passages.doc.npy        int32 (rows): document number of the row (order of manifest "documents")
    passages.ids.npy        bytes (rows): passage ids, sorted
    passages.id_rows.npy    int64 (rows): the row of each sorted id (id -> row by binary search)
    sentences.indptr.npy    int64 (rows + 1): answer units of row r are indptr[r]:indptr[r + 1]
    sentences.starts.npy    int64 (units): unit start offset in the document's cleaned text
    sentences.ends.npy      int64 (units): unit end offset
    sentences.vectors.npy   float16 (units, dimension): unit embeddings, L2-normalised
"""
from __future__ import annotations

import os
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Iterator, Sequence

import numpy as np

from qa.errors import IndexError_
from qa.models import Passage

PASSAGES = "passages.jsonl"
PASSAGE_ARRAYS = ("passages.offsets.npy", "passages.doc.npy", "passages.ids.npy", "passages.id_rows.npy")
SENTENCE_ARRAYS = ("sentences.indptr.npy", "sentences.starts.npy", "sentences.ends.npy",
                   "sentences.vectors.npy")
FILES = (PASSAGES, *PASSAGE_ARRAYS, *SENTENCE_ARRAYS)
CACHE_SIZE = 4096


def save_array(path: Path, array: np.ndarray) -> None:
    with open(path, "wb") as fh:
        np.save(fh, array, allow_pickle=False)


def load_array(path: Path, dtype: str | None = None, shape: tuple | None = None) -> np.ndarray:
    """A memory-mapped `.npy`; a missing, malformed or misshapen file raises IndexError_."""
    try:
        array = np.load(path, mmap_mode="r", allow_pickle=False)
    except FileNotFoundError:
        raise IndexError_(f"{path} is missing") from None
    except (OSError, ValueError) as exc:
        raise IndexError_(f"{path} is corrupt: {type(exc).__name__}: {str(exc).splitlines()[0]}") from None
    if dtype is not None and (array.dtype.kind != "S" if dtype == "bytes" else array.dtype != np.dtype(dtype)):
        raise IndexError_(f"{path} is corrupt: dtype {array.dtype}, expected {dtype}")
    if shape is not None and any(want is not None and got != want for got, want in zip(array.shape, shape)):
        raise IndexError_(f"{path} is corrupt: shape {array.shape}, expected {shape}")
    if shape is not None and array.ndim != len(shape):
        raise IndexError_(f"{path} is corrupt: {array.ndim} dimensions, expected {len(shape)}")
    return array


def write_passages(folder: Path, passages: Sequence[Passage], doc_ids: Sequence[str]) -> None:
    """passages.jsonl and its offsets, document numbers and sorted id table."""
    number = {d: i for i, d in enumerate(doc_ids)}
    offsets = np.zeros(len(passages) + 1, dtype=np.int64)
    with open(folder / PASSAGES, "wb") as fh:
        for i, p in enumerate(passages):
            fh.write(p.model_dump_json().encode("utf-8") + b"\n")
            offsets[i + 1] = fh.tell()
    save_array(folder / "passages.offsets.npy", offsets)
    save_array(folder / "passages.doc.npy", np.array([number[p.doc_id] for p in passages], dtype=np.int32))
    ids = np.array([p.id.encode("utf-8") for p in passages], dtype=bytes)
    order = np.argsort(ids, kind="stable")
    save_array(folder / "passages.ids.npy", ids[order])
    save_array(folder / "passages.id_rows.npy", order.astype(np.int64))


def write_sentences(folder: Path, n_rows: int, units: Sequence[tuple[int, int, int]],
                    vectors: np.ndarray) -> None:
    """Answer units (row, start, end), grouped by row in row order, and their vectors (float16)."""
    rows = np.array([u[0] for u in units], dtype=np.int64)
    if rows.size and np.any(np.diff(rows) < 0):
        raise ValueError("answer units must be in row order")
    indptr = np.zeros(n_rows + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=n_rows), out=indptr[1:])
    save_array(folder / "sentences.indptr.npy", indptr)
    save_array(folder / "sentences.starts.npy", np.array([u[1] for u in units], dtype=np.int64))
    save_array(folder / "sentences.ends.npy", np.array([u[2] for u in units], dtype=np.int64))
    save_array(folder / "sentences.vectors.npy", np.ascontiguousarray(vectors, dtype=np.float16))


def _id_bytes(passage_id: str) -> bytes:
    """A wanted id as the id table stores it (UTF-8). An id typed with bytes that are not UTF-8
    reaches Python as lone surrogates, which UTF-8 cannot encode (robustness sweep 33: `qa show`
    of such an id was "internal error"): they go back to their own bytes, which match no id."""
    return passage_id.encode("utf-8", "surrogateescape")


def checked_row(row, length: int) -> int:
    """A passage row as a sequence takes it (negative from the end), or IndexError."""
    row = int(row)
    if row < 0:
        row += length
    if not 0 <= row < length:
        raise IndexError(f"passage row {row} out of range")
    return row


class PassageStore(Sequence[Passage]):
    """`store[row]` parses line `row` of passages.jsonl on demand (recent ones cached)."""

    def __init__(self, folder: Path, doc_ids: Sequence[str]) -> None:
        self.folder = Path(folder)
        self.offsets = load_array(self.folder / "passages.offsets.npy", "int64")
        n = int(self.offsets.shape[0]) - 1
        if n < 0:
            raise IndexError_(f"{self.folder / 'passages.offsets.npy'} is corrupt: empty")
        self.doc_codes = load_array(self.folder / "passages.doc.npy", "int32", (n,))
        self._ids = load_array(self.folder / "passages.ids.npy", "bytes", (n,))
        self._id_rows = load_array(self.folder / "passages.id_rows.npy", "int64", (n,))
        self.doc_ids = list(doc_ids)
        path = self.folder / PASSAGES
        try:
            size = path.stat().st_size
        except OSError:
            raise IndexError_(f"{path} is missing") from None
        if size != int(self.offsets[-1]):
            raise IndexError_(f"{path} has {size} bytes, its offsets say {int(self.offsets[-1])}")
        if n and (int(self.doc_codes.max()) >= len(self.doc_ids) or int(self.doc_codes.min()) < 0):
            raise IndexError_(f"{self.folder / 'passages.doc.npy'} is corrupt: unknown document numbers")
        self._fd = os.open(path, os.O_RDONLY)
        self._cache: OrderedDict[int, Passage] = OrderedDict()
        self._lock = threading.Lock()

    def __del__(self) -> None:
        fd = getattr(self, "_fd", None)
        if fd is not None:
            try:
                os.close(fd)
            except OSError:
                pass

    def __len__(self) -> int:
        return int(self.offsets.shape[0]) - 1

    def __getitem__(self, row):  # type: ignore[override]
        if isinstance(row, slice):
            return [self[i] for i in range(*row.indices(len(self)))]
        row = checked_row(row, len(self))
        with self._lock:
            cached = self._cache.get(row)
            if cached is not None:
                self._cache.move_to_end(row)
                return cached
        start, end = int(self.offsets[row]), int(self.offsets[row + 1])
        raw = os.pread(self._fd, end - start, start)
        try:
            passage = Passage.model_validate_json(raw)
        except ValueError as exc:
            raise IndexError_(f"{self.folder / PASSAGES} line {row + 1} is corrupt: "
                              f"{str(exc).splitlines()[0]}") from None
        with self._lock:
            self._cache[row] = passage
            if len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
        return passage

    def __iter__(self) -> Iterator[Passage]:
        for row in range(len(self)):
            yield self[row]

    def row_of(self, passage_id: str) -> int | None:
        """The row of a passage id (binary search in the sorted id table), or None."""
        wanted = _id_bytes(passage_id)
        key = np.array(wanted, dtype=self._ids.dtype)
        i = int(np.searchsorted(self._ids, key))
        if i < len(self._ids) and self._ids[i] == wanted:
            return int(self._id_rows[i])
        return None

    def with_prefix(self, prefix: str, limit: int = 2) -> list[int]:
        """Rows whose id starts with `prefix` (at most `limit`): a binary search, no id scan."""
        key = _id_bytes(prefix)
        ids, rows = self._ids, self._id_rows
        out: list[int] = []
        for i in range(int(np.searchsorted(ids, key, side="left")), len(ids)):
            if not bytes(ids[i]).startswith(key) or len(out) >= limit:
                break
            out.append(int(rows[i]))
        return out

    def doc_of(self, row: int) -> str:
        return self.doc_ids[int(self.doc_codes[row])]

    def rows_of_doc(self, doc_id: str) -> np.ndarray:
        if doc_id not in self.doc_ids:
            return np.zeros(0, dtype=np.int64)
        return np.flatnonzero(self.doc_codes == self.doc_ids.index(doc_id))


class RowDocs(Sequence[str]):
    """Row -> document id, backed by the int32 document numbers (no per-row strings)."""

    def __init__(self, store: PassageStore) -> None:
        self.store = store
        self.codes = store.doc_codes

    def __len__(self) -> int:
        return len(self.store)

    def __getitem__(self, row):  # type: ignore[override]
        if isinstance(row, slice):
            return [self.store.doc_of(i) for i in range(*row.indices(len(self)))]
        return self.store.doc_of(row)


class RowsById:
    """passage id -> row, as a read-only mapping (what `Index.rows` used to be as a dict)."""

    def __init__(self, store: PassageStore) -> None:
        self.store = store

    def __getitem__(self, passage_id: str) -> int:
        row = self.store.row_of(passage_id)
        if row is None:
            raise KeyError(passage_id)
        return row

    def get(self, passage_id: str, default=None):
        row = self.store.row_of(passage_id)
        return default if row is None else row

    def __contains__(self, passage_id: object) -> bool:
        return isinstance(passage_id, str) and self.store.row_of(passage_id) is not None

    def __len__(self) -> int:
        return len(self.store)

    def with_prefix(self, prefix: str, limit: int = 2) -> list[int]:
        """Rows whose id starts with `prefix` (at most `limit`): a binary search, no id scan."""
        return self.store.with_prefix(prefix, limit)


class SentenceStore:
    """Answer units per passage row and their float16 vectors, memory-mapped."""

    def __init__(self, folder: Path, n_rows: int, dimension: int) -> None:
        folder = Path(folder)
        self.indptr = load_array(folder / "sentences.indptr.npy", "int64", (n_rows + 1,))
        units = int(self.indptr[-1]) if n_rows >= 0 else 0
        self.starts = load_array(folder / "sentences.starts.npy", "int64", (units,))
        self.ends = load_array(folder / "sentences.ends.npy", "int64", (units,))
        self.vectors = load_array(folder / "sentences.vectors.npy", "float16", (units, dimension))

    def spans(self, row: int) -> list[tuple[int, int, int]]:
        """(unit number, start, end) of every answer unit of a passage row."""
        a, z = int(self.indptr[row]), int(self.indptr[row + 1])
        return [(u, int(s), int(e)) for u, s, e in zip(range(a, z), self.starts[a:z], self.ends[a:z])]
