"""Reading an index of several segments as one: global rows, units, documents, dense search.

A build's manifest lists its segments in order (`"segments"`: folder, rows, answer units,
documents, removed documents). The first segment's files sit at the build root (a full build
or `qa index --optimize` writes exactly one, the schema-2 layout); each `qa add` appends a
segment folder `seg-<n>/` holding the same per-segment files for the new documents only.
Global row = segment's row offset + local row, global answer unit = unit offset + local unit,
so "row i of a vector index is line i of its passages file" holds per segment. Rows of removed
(or replaced) documents stay in their segment, tombstoned by the manifest: they are never
returned by a search and their statistics are excluded from BM25 (`qa.index.bm25_segments`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Sequence

import numpy as np

from qa.errors import IndexError_
from qa.index.rowstore import PassageStore, SentenceStore, checked_row
from qa.models import Passage


@dataclass
class SegmentInfo:
    """One segment as the manifest describes it."""

    folder: str  # "." for the build root, else "seg-<n>"
    rows: int
    units: int
    documents: list[str]
    deleted: list[str] = field(default_factory=list)

    @classmethod
    def parse(cls, raw: object) -> "SegmentInfo":
        if not isinstance(raw, dict):
            raise IndexError_("the manifest's segment entry is not an object")
        folder = raw.get("dir")
        if not isinstance(folder, str) or not (folder == "." or (folder.startswith("seg-") and "/" not in folder)):
            raise IndexError_(f"the manifest names an invalid segment folder {folder!r}")
        try:
            return cls(folder, int(raw["rows"]), int(raw["units"]), [str(d) for d in raw["documents"]],
                       [str(d) for d in raw.get("deleted", [])])
        except (KeyError, TypeError, ValueError):
            raise IndexError_(f"the manifest's entry for segment {folder} is incomplete") from None

    def to_json(self) -> dict[str, object]:
        return {"dir": self.folder, "rows": self.rows, "units": self.units, "documents": self.documents,
                "deleted": self.deleted}


def segment_count(manifest: dict) -> int:
    """Segments of a published build (a full build, which lists none, is one)."""
    return len(manifest.get("segments") or [0])


def segment_infos(manifest: dict) -> list[SegmentInfo]:
    """The manifest's segments; a manifest without the entry is one root segment (full build)."""
    raw = manifest.get("segments")
    if raw is None:
        counts = manifest.get("counts", {})
        return [SegmentInfo(".", int(counts.get("passages", 0)), int(counts.get("answer_units", 0)),
                            list(manifest.get("documents", [])))]
    if not isinstance(raw, list) or not raw:
        raise IndexError_("the manifest's segment list is empty or malformed")
    return [SegmentInfo.parse(r) for r in raw]


def _offsets(sizes: Sequence[int]) -> np.ndarray:
    out = np.zeros(len(sizes) + 1, dtype=np.int64)
    np.cumsum(sizes, out=out[1:])
    return out


class SegmentedPassages(Sequence[Passage]):
    """The passages of all segments as one sequence of global rows (PassageStore's interface)."""

    def __init__(self, stores: Sequence[PassageStore], live: np.ndarray | None) -> None:
        self.stores = list(stores)
        self.offsets = _offsets([len(s) for s in self.stores])
        self.live = live
        # global document numbers: segment i's numbers shifted by the documents before it (a
        # replaced document appears twice, its old entry tombstoned)
        self.doc_ids: list[str] = [d for s in self.stores for d in s.doc_ids]
        shifts = _offsets([len(s.doc_ids) for s in self.stores])
        self.doc_codes = np.concatenate([np.asarray(s.doc_codes, dtype=np.int32) + np.int32(shifts[i])
                                         for i, s in enumerate(self.stores)])

    def locate(self, row: int) -> tuple[int, int]:
        """(segment number, local row) of a global row."""
        seg = int(np.searchsorted(self.offsets, row, side="right")) - 1
        return seg, row - int(self.offsets[seg])

    def __len__(self) -> int:
        return int(self.offsets[-1])

    def __getitem__(self, row):  # type: ignore[override]
        if isinstance(row, slice):
            return [self[i] for i in range(*row.indices(len(self)))]
        seg, local = self.locate(checked_row(row, len(self)))
        return self.stores[seg][local]

    def __iter__(self) -> Iterator[Passage]:
        for store in self.stores:
            yield from store

    def is_live(self, row: int) -> bool:
        return self.live is None or bool(self.live[row])

    def row_of(self, passage_id: str) -> int | None:
        """The live row of a passage id (the newest segment first: a replaced document's new
        version shadows its tombstoned old one)."""
        for seg in range(len(self.stores) - 1, -1, -1):
            local = self.stores[seg].row_of(passage_id)
            if local is not None and self.is_live(local + int(self.offsets[seg])):
                return local + int(self.offsets[seg])
        return None

    def with_prefix(self, prefix: str, limit: int = 2) -> list[int]:
        out: list[int] = []
        for seg in range(len(self.stores) - 1, -1, -1):
            rows = self.stores[seg].with_prefix(prefix, limit + len(out) + 8)
            out.extend(r + int(self.offsets[seg]) for r in rows if self.is_live(r + int(self.offsets[seg])))
        return sorted(out)[:limit]

    def doc_of(self, row: int) -> str:
        return self.doc_ids[int(self.doc_codes[row])]

    def rows_of_doc(self, doc_id: str) -> np.ndarray:
        codes = [i for i, d in enumerate(self.doc_ids) if d == doc_id]
        rows = np.flatnonzero(np.isin(self.doc_codes, np.asarray(codes, dtype=np.int32)))
        return rows if self.live is None else rows[self.live[rows]]


class SegmentedVectors:
    """Answer-unit vectors of all segments, indexed by global unit number."""

    def __init__(self, parts: Sequence[np.ndarray]) -> None:
        self.parts = list(parts)
        self.offsets = _offsets([len(p) for p in self.parts])
        self.shape = (int(self.offsets[-1]), int(self.parts[0].shape[1]))
        self.dtype = self.parts[0].dtype

    def __len__(self) -> int:
        return self.shape[0]

    def __getitem__(self, units):
        if isinstance(units, (int, np.integer)):
            seg = int(np.searchsorted(self.offsets, int(units), side="right")) - 1
            return self.parts[seg][int(units) - int(self.offsets[seg])]
        units = np.asarray(units, dtype=np.int64).reshape(-1)
        out = np.empty((len(units), self.shape[1]), dtype=self.dtype)
        segs = np.searchsorted(self.offsets, units, side="right") - 1
        for seg in np.unique(segs).tolist():
            pick = segs == seg
            out[pick] = self.parts[seg][units[pick] - int(self.offsets[seg])]
        return out

    def __array__(self, dtype=None, copy=None):
        out = np.concatenate([np.asarray(p) for p in self.parts])
        return out if dtype is None else out.astype(dtype)


class SegmentedSentences:
    """Answer units per global row (SentenceStore's interface) with global unit numbers."""

    def __init__(self, stores: Sequence[SentenceStore], row_offsets: np.ndarray) -> None:
        self.stores = list(stores)
        self.row_offsets = row_offsets
        self.unit_offsets = _offsets([int(s.indptr[-1]) for s in self.stores])
        self.vectors = SegmentedVectors([s.vectors for s in self.stores])
        self.indptr = np.concatenate([np.asarray(s.indptr[:-1]) + self.unit_offsets[i]
                                      for i, s in enumerate(self.stores)] + [self.unit_offsets[-1:]])

    def spans(self, row: int) -> list[tuple[int, int, int]]:
        seg = int(np.searchsorted(self.row_offsets, row, side="right")) - 1
        shift = int(self.unit_offsets[seg])
        return [(u + shift, s, e) for u, s, e in self.stores[seg].spans(row - int(self.row_offsets[seg]))]


class SegmentedDense:
    """Dense search over every segment's FAISS index, merged by score (rows made global).

    Rows of removed documents are excluded with the same exact selector a --doc filter uses.
    """

    def __init__(self, parts: Sequence[object], offsets: np.ndarray, live: np.ndarray | None) -> None:
        self.parts = list(parts)
        self.offsets = offsets
        self.live = live
        self.d = int(self.parts[0].d)
        self.ntotal = int(sum(p.ntotal for p in self.parts))

    def search(self, vector: np.ndarray, k: int, allowed: np.ndarray | None, ef_search: int):
        from qa.index import dense

        if self.live is not None:
            allowed = self.live if allowed is None else (allowed & self.live)
        found: list[tuple[int, float]] = []
        for seg, part in enumerate(self.parts):
            a, z = int(self.offsets[seg]), int(self.offsets[seg + 1])
            local = None if allowed is None else allowed[a:z]
            if local is not None and local.all():
                local = None
            found.extend((r + a, s) for r, s in dense.search(part, vector, k, local, ef_search))
        # equal scores (duplicate passages) higher row first, as FAISS mostly outputs them;
        # which of exactly tied rows a single FAISS index keeps at the cut depends on its heap
        found.sort(key=lambda x: (-x[1], -x[0]))
        return found[:k]


def live_mask(infos: Sequence[SegmentInfo], stores: Sequence[PassageStore]) -> np.ndarray | None:
    """Boolean mask over global rows, False for rows of removed documents (None: none removed)."""
    if not any(info.deleted for info in infos):
        return None
    masks = []
    for info, store in zip(infos, stores):
        gone = [i for i, d in enumerate(store.doc_ids) if d in set(info.deleted)]
        masks.append(~np.isin(np.asarray(store.doc_codes), np.asarray(gone, dtype=np.int32)))
    return np.concatenate(masks)


def folder_of(build: Path, info: SegmentInfo) -> Path:
    return build if info.folder == "." else build / info.folder
