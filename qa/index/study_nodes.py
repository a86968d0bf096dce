"""Segment-local inputs of the study registry, so that adding an article costs that article.

The registry (`qa.index.studies`) is decided over the citation *nodes* of every live document
(one per document and citation key: entry, citing sentences, topic vector, words) with an idf
of the answer units' words. A node depends on its own document only, and the idf is needed
only for the words the nodes carry. So every segment (and a full build, which is one segment)
keeps:

    studies.nodes.json     its documents, those with a reference list, and its nodes (with
                           their `StudyCitation`), in `make_nodes` order
    studies.vectors.npy    the nodes' topic vectors (float32, exactly as computed)
    studies.df.json        {"format": 2, "units": n, "terms": m}: its answer units' word counts,
    studies.df.terms.npy   stored as a sorted vocabulary (utf-8 blob + offsets, as the BM25
    studies.df.offsets.npy vocabulary) with counts and each word's first 8 bytes as a
    studies.df.counts.npy  big-endian integer (studies.df.prefix.npy): memory-mapped, the nodes'
                           words are found by one vectorised binary search (numpy searchsorted)

An add computes the new segment's nodes from the article it has just ingested and embedded,
then reads the other segments' nodes (cost: the library's citations, not its passages) and
looks up the nodes' words in each segment's counts (cost: the nodes' words x log vocabulary).
The merge decisions run over all nodes, so the registry is the one a full build computes.
Files are covered by the build manifest's size + xxh3 check like every index file; a file
that still fails to parse raises IndexError_ (a damaged build, rebuilt).
"""
from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path
from typing import Iterable

import numpy as np

from qa.errors import IndexError_
from qa.index.rowstore import load_array, save_array
from qa.index.study_identity import Node
from qa.models import Document, StudyCitation

NODES = "studies.nodes.json"
VECTORS = "studies.vectors.npy"
WORD_DF = "studies.df.json"
DF_ARRAYS = {"studies.df.terms.npy": "uint8", "studies.df.offsets.npy": "int64", "studies.df.counts.npy": "int64",
             "studies.df.prefix.npy": ">u8"}
FORMAT = 2


def save_nodes(folder: Path, documents: list[Document], nodes: list[Node],
               cites: dict[tuple[str, str], StudyCitation]) -> None:
    """The segment's nodes (see the module doc); vectors by position in `studies.vectors.npy`."""
    vectors = [n.vector for n in nodes if n.vector is not None]
    records, at = [], 0
    for n in nodes:
        records.append({
            "doc": n.doc_id, "key": n.key, "label": n.label, "entry": n.entry, "surname": n.surname,
            "year": n.year, "sentences": [list(s) for s in n.sentences], "tokens": sorted(n.tokens),
            "mentions": sorted(n.mentions), "own": sorted(n.own_mentions), "sole": n.sole,
            "vector": at if n.vector is not None else None,
            "cite": cites[n.ref].model_dump(mode="json"),
        })
        at += n.vector is not None
    body = {"format": FORMAT, "documents": [d.id for d in documents],
            "references": [d.id for d in documents if d.references], "nodes": records}
    (Path(folder) / NODES).write_text(json.dumps(body, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    dim = vectors[0].shape[0] if vectors else 0
    stacked = np.stack(vectors) if vectors else np.zeros((0, dim))
    save_array(Path(folder) / VECTORS, np.ascontiguousarray(stacked, dtype=np.float32))


class SegmentNodes:
    """What one segment contributes to the registry: live nodes, citations, document ids."""

    def __init__(self, folder: Path, removed: Iterable[str] = ()) -> None:
        path = Path(folder) / NODES
        gone = set(removed)
        try:
            body = json.loads(path.read_text(encoding="utf-8"))
            if body.get("format") != FORMAT:
                raise ValueError(f"format {body.get('format')!r}")
            vectors = load_array(Path(folder) / VECTORS, "float32")
            self.documents = [d for d in body["documents"] if d not in gone]
            self.references = {d for d in body["references"] if d not in gone}
            self.nodes: list[Node] = []
            self.cites: dict[tuple[str, str], StudyCitation] = {}
            for r in body["nodes"]:
                if r["doc"] in gone:
                    continue
                node = Node(r["doc"], r["key"], r["label"], r["entry"], r["surname"], r["year"],
                            [tuple(s) for s in r["sentences"]],
                            None if r["vector"] is None else np.array(vectors[r["vector"]]),
                            mentions=set(r["mentions"]), own_mentions=set(r["own"]),
                            tokens=set(r["tokens"]), sole=bool(r["sole"]))
                self.nodes.append(node)
                self.cites[node.ref] = StudyCitation.model_validate(r["cite"])
        except IndexError_:
            raise
        except FileNotFoundError:
            raise IndexError_(f"{path} is missing") from None
        except Exception as exc:  # a damaged file means a damaged build
            raise IndexError_(f"{path} is corrupt: {type(exc).__name__}: {str(exc).splitlines()[0]}") from None


def save_word_df(folder: Path, df: dict[str, int], units: int) -> None:
    """The segment's answer-unit word counts (`studies.word_df`) as a sorted vocabulary: the
    registry's idf of an index of several segments is their sum, looked up word by word."""
    encoded = sorted((t.encode("utf-8"), int(c)) for t, c in df.items())
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum([len(t) for t, _ in encoded], out=offsets[1:])
    folder = Path(folder)
    save_array(folder / "studies.df.terms.npy", np.frombuffer(b"".join(t for t, _ in encoded), dtype=np.uint8))
    save_array(folder / "studies.df.offsets.npy", offsets)
    save_array(folder / "studies.df.counts.npy", np.array([c for _, c in encoded], dtype=np.int64))
    save_array(folder / "studies.df.prefix.npy", prefixes([t for t, _ in encoded]))
    (folder / WORD_DF).write_text(json.dumps({"format": FORMAT, "units": units, "terms": len(encoded)}),
                                  encoding="utf-8")


def prefixes(words: list[bytes]) -> np.ndarray:
    """The first 8 bytes of each word (zero-padded) as big-endian integers: ordered as the words
    are (no word holds a NUL byte), so a binary search on them finds a word's run of equals."""
    return np.frombuffer(b"".join(w[:8].ljust(8, b"\0") for w in words), dtype=">u8").copy()


class WordCounts:
    """One segment's stored word counts, searched without reading the whole vocabulary."""

    def __init__(self, folder: Path) -> None:
        path = Path(folder) / WORD_DF
        try:
            meta = json.loads(path.read_text(encoding="utf-8"))
            if meta.get("format") != FORMAT:
                raise ValueError(f"format {meta.get('format')!r}")
            self.units, terms = int(meta["units"]), int(meta["terms"])
        except FileNotFoundError:
            raise IndexError_(f"{path} is missing") from None
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise IndexError_(f"{path} is corrupt: {type(exc).__name__}") from None
        self._terms = load_array(Path(folder) / "studies.df.terms.npy", "uint8")
        self._offsets = load_array(Path(folder) / "studies.df.offsets.npy", "int64", (terms + 1,))
        self._counts = load_array(Path(folder) / "studies.df.counts.npy", "int64", (terms,))
        if terms and int(self._offsets[-1]) != len(self._terms):
            raise IndexError_(f"{folder} word counts are corrupt: the vocabulary arrays disagree")
        self._prefix = load_array(Path(folder) / "studies.df.prefix.npy", ">u8", (terms,))

    def counts(self, words: list[str]) -> np.ndarray:
        """Each word's count (0 when the segment never uses it)."""
        encoded = [w.encode("utf-8") for w in words]
        keys = prefixes(encoded)
        lo = np.searchsorted(self._prefix, keys, side="left").tolist()
        hi = np.searchsorted(self._prefix, keys, side="right").tolist()
        out = np.zeros(len(words), dtype=np.int64)
        for i, (a, z) in enumerate(zip(lo, hi)):
            for j in range(a, z):  # the words sharing the first 8 bytes (a few at most)
                if bytes(self._terms[self._offsets[j]:self._offsets[j + 1]]) == encoded[i]:
                    out[i] = self._counts[j]
                    break
        return out


def idf_of(words: list[str], counts: list[WordCounts], removed: Counter[str], removed_units: int) -> dict[str, float]:
    """`studies.idf_from_df` of the summed counts, minus removed documents' units, for `words`
    only (the same expression per word, so the same values as over the whole vocabulary)."""
    n = sum(c.units for c in counts) - removed_units
    total = np.zeros(len(words), dtype=np.int64)
    for c in counts:
        total += c.counts(words)
    out = {}
    for t, f in zip(words, total.tolist()):
        f -= removed.get(t, 0)
        if f > 0:
            out[t] = math.log((n + 1) / (f + 0.5))
    return out
