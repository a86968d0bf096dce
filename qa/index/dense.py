"""Dense passage search: exact FAISS `IndexFlatIP` while it is fast enough, HNSW above.

A flat scan is exact and costs ~0.07 ms per thousand passages per query on this machine
(`bench/growth.py`), so it stays below `dense_exact_max` passages; above it an
`IndexHNSWFlat` (inner product on normalised vectors = cosine) answers in about a millisecond
with recall@10 against exact search reported by the bench. Both are read with
`IO_FLAG_MMAP_IFC`, so the vectors are memory-mapped instead of copied into RAM at start-up.
A document filter (`allowed`) is always answered exactly: the flat vectors (the HNSW
index's own storage) are scanned with an `IDSelectorBatch`, which only computes the inner
products of the allowed rows.

File: `dense.faiss` (FAISS's own format; row i = passage i).
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

from qa.errors import IndexError_


def build_index(vectors: np.ndarray, exact_max: int, hnsw_m: int, ef_construction: int):
    """Flat inner-product index up to `exact_max` rows, HNSW above; vectors must be normalised."""
    import faiss

    vectors = np.ascontiguousarray(vectors, dtype="float32")
    d = int(vectors.shape[1])
    if len(vectors) <= exact_max:
        index = faiss.IndexFlatIP(d)
    else:
        index = faiss.IndexHNSWFlat(d, int(hnsw_m), faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = int(ef_construction)
    index.add(vectors)
    return index


def extend(previous: Path, new_vectors: np.ndarray, exact_max: int, hnsw_m: int):
    """The previous build's HNSW graph with the new rows added, or None when it cannot be reused.

    Rebuilding an HNSW graph of a million vectors takes many minutes; when a build only
    appends documents (the previous build's rows are the first rows of this one, with
    bit-identical vectors, as the embedding cache gives them), the old graph is read and only
    the new vectors are inserted. Anything else (a removal, an edit in the middle, another
    model or M) returns None and the caller builds from scratch.
    """
    import faiss

    if len(new_vectors) <= exact_max or not (previous / "dense.faiss").is_file():
        return None
    try:
        old = faiss.read_index(str(previous / "dense.faiss"))
    except RuntimeError:
        return None
    if not isinstance(old, faiss.IndexHNSWFlat) or old.hnsw.nb_neighbors(1) != int(hnsw_m) \
            or old.d != new_vectors.shape[1] or old.ntotal > len(new_vectors):
        return None
    if not np.array_equal(vectors(old), new_vectors[: old.ntotal]):
        return None
    old.add(np.ascontiguousarray(new_vectors[old.ntotal:], dtype="float32"))
    return old


def read_index(path: Path):
    """The saved index with its vectors memory-mapped (read-only)."""
    import faiss

    try:
        return faiss.read_index(str(path), faiss.IO_FLAG_MMAP_IFC | faiss.IO_FLAG_READ_ONLY)
    except RuntimeError as exc:
        raise IndexError_(f"{path} is corrupt: {str(exc).strip().splitlines()[-1]}") from None


def kind(index) -> str:
    import faiss

    return "hnsw" if isinstance(index, faiss.IndexHNSW) else "flat"


def flat_part(index):
    """The exact (flat) index holding the vectors: the index itself, or HNSW's storage."""
    import faiss

    if isinstance(index, faiss.IndexHNSW):
        return faiss.downcast_index(index.storage)
    return index


def vectors(index) -> np.ndarray:
    """All stored vectors as a (n, d) float32 array (a view of FAISS's memory, not a copy)."""
    import faiss

    flat = flat_part(index)
    n, d = flat.ntotal, flat.d
    if n == 0:
        return np.zeros((0, d), dtype=np.float32)
    return faiss.rev_swig_ptr(flat.get_xb(), n * d).reshape(n, d)


def search(index, vector: np.ndarray, k: int, allowed: np.ndarray | None = None,
           ef_search: int = 256) -> list[tuple[int, float]]:
    """Best `k` rows for one normalised query vector, as (row, cosine), best first."""
    import faiss

    if hasattr(index, "parts"):  # several segments (qa.index.segments.SegmentedDense)
        return index.search(vector, k, allowed, ef_search)

    query = np.ascontiguousarray(vector, dtype="float32").reshape(1, -1)
    n = index.ntotal
    if allowed is None:
        if n == 0:
            return []
        params = None
        if isinstance(index, faiss.IndexHNSW):
            params = faiss.SearchParametersHNSW(efSearch=max(int(ef_search), k))
        scores, rows = index.search(query, min(k, n), params=params)
    else:
        ids = np.flatnonzero(allowed).astype("int64")
        if ids.size == 0:
            return []
        params = faiss.SearchParameters(sel=faiss.IDSelectorBatch(ids))
        scores, rows = flat_part(index).search(query, min(k, int(ids.size)), params=params)
    return [(int(r), float(s)) for r, s in zip(rows[0], scores[0]) if r >= 0]


def recall_at(approximate, exact, queries: np.ndarray, k: int = 10, ef_search: int = 256) -> float:
    """Mean fraction of the exact top-k found by the approximate index (for the bench)."""
    found = 0
    for q in queries:
        truth = {r for r, _ in search(exact, q, k)}
        got = {r for r, _ in search(approximate, q, k, ef_search=ef_search)}
        found += len(truth & got)
    return found / (k * len(queries)) if len(queries) else 1.0
