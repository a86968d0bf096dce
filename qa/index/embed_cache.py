"""Reuse across builds: each document's embeddings, and the ONNX export of the model.

A rebuild after one document was added or changed must not re-embed the others. Every
document's vectors (its passages' index texts, then its answer units) are kept in
`index/.cache/embeddings/<key>.npy` (float32, plain .npy) with `<key>.json` (what they are,
and the sha256 of the .npy). The key is the sha256 of the *encoder key* and the exact texts
embedded, so any change of a text (cleaning, chunking, a new version of the article) is a
miss. The encoder key covers what shapes a vector besides the text: the model weights'
sha256, max_seq_length, the encoder precision (fp32/int8) and how answer units are embedded
(sentence/late), the source of the encoder, export and quantisation code, and the versions of
torch, sentence-transformers, onnx, onnxruntime and tokenizers. The verified ONNX export is
cached per user by `qa.index.export.cached_export` (`~/.cache/qa/encoder-*/`, or `QA_CACHE_DIR`:
`qa.index.export.export_cache`), so a build whose documents are all cached imports neither torch
nor sentence-transformers, and a second library or a rebuilt index never exports again. Each document's BM25 token lists
are kept too (`t<key>.tokens.json`, keyed by the tokenizer version and the texts, with the sha256
of the rows), since
tokenising is the other cost that grows with the corpus. A damaged entry (size or sha256
mismatch, unreadable) is ignored and recomputed; builds hold the index lock, and entries are
written to a temporary name and renamed, so readers never see half an entry. The cache only
saves time: a cache folder that cannot be written (its permissions, a full disk) never stops a
build; the build goes on without storing entries and says so once (`unwritable`).
"""
from __future__ import annotations

import hashlib
import json
import os
import uuid
from importlib import metadata
from pathlib import Path
from typing import Sequence

import numpy as np

from qa.index.store import file_sha256

CACHE = ".cache"  # = qa.index.build.CACHE_DIR
EMBEDDINGS = "embeddings"
FORMAT = 1
VERSIONED = ("torch", "sentence-transformers", "onnx", "onnxruntime", "tokenizers", "transformers")


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


def _rows_sha256(rows: object) -> str:
    """sha256 of token rows as canonical JSON."""
    return hashlib.sha256(json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode("utf-8")).hexdigest()


def encoder_key(weights_sha256: str, model_id: str, max_seq_length: int,
                precision: str = "fp32", unit_embedding: str = "sentence") -> str:
    """What, besides the text, determines an embedding (the encoder's precision and how answer
    units are embedded included: an int8 or late-chunked vector never serves another mode)."""
    from qa.index import encoder, export, quantize

    h = hashlib.sha256()
    blob = {"format": FORMAT, "weights": weights_sha256, "model": model_id,
            "max_seq_length": int(max_seq_length), "precision": precision, "unit_embedding": unit_embedding,
            "versions": {name: _version(name) for name in VERSIONED}}
    h.update(json.dumps(blob, sort_keys=True).encode())
    for module in (encoder, export, quantize):
        h.update(Path(module.__file__).read_bytes())
    return h.hexdigest()


def _load(folder: Path, key: str, rows: int, dimension: int | None) -> tuple[np.ndarray | None, dict]:
    """One entry's checked vectors and its description, (None, {}) when absent or damaged."""
    npy, meta = folder / f"{key}.npy", folder / f"{key}.json"
    try:
        info = json.loads(meta.read_text(encoding="utf-8"))
        if npy.stat().st_size != info["bytes"] or file_sha256(npy) != info["sha256"]:
            return None, {}
        vectors = np.load(npy, allow_pickle=False)
    except (OSError, ValueError, KeyError, TypeError):
        return None, {}
    if vectors.dtype != np.float32 or vectors.ndim != 2 or vectors.shape[0] != rows or (
            dimension is not None and vectors.shape[1] != dimension):
        return None, {}
    return vectors, info


class EmbeddingCache:
    """Per-document embeddings keyed by content, in `<index_dir>/cache/`; `also` are other index
    folders whose caches are read (never written or pruned) on a miss: a library made from a copy
    of the project's corpus reuses the project index's vectors of the same texts (user trial 23:
    `qa add` of four PDFs to such a copy embedded the three reviews again, 1 min 47 s). Entries
    are content-keyed (encoder key + texts), so another cache can only give the same vectors."""

    def __init__(self, index_dir: Path, encoder_key: str, also: Sequence[Path] = ()) -> None:
        self.root = Path(index_dir) / CACHE
        self.folder = self.root / EMBEDDINGS
        self.encoder_key = encoder_key
        self.used: set[str] = set()
        self.unwritable = ""  # why entries could not be stored (the build says it once), "" when they were
        self.others = [Path(d) / CACHE / EMBEDDINGS for d in also
                       if Path(d).resolve() != Path(index_dir).resolve()]

    def key(self, texts: Sequence[str]) -> str:
        h = hashlib.sha256(self.encoder_key.encode())
        h.update(str(len(texts)).encode())
        for t in texts:
            h.update(b"\0" + t.encode("utf-8"))
        return h.hexdigest()

    def get(self, key: str, rows: int, dimension: int | None) -> np.ndarray | None:
        """The cached (rows, dimension) vectors, or None when absent or damaged (here and in the
        other caches; one found there is copied here)."""
        vectors, _ = _load(self.folder, key, rows, dimension)
        if vectors is None:
            for folder in self.others:
                vectors, info = _load(folder, key, rows, dimension)
                if vectors is not None:
                    self.put(key, vectors, str(info.get("doc_id", "")))
                    break
        if vectors is not None:
            self.used.add(key)
        return vectors

    def _stored(self, write) -> None:
        """Run one cache write; an OSError (an unwritable folder, a full disk) is remembered in
        `unwritable` instead of failing the build, and the temporary files it made are removed."""
        try:
            write()
        except OSError as exc:
            self.unwritable = self.unwritable or f"{self.folder}: {exc.strerror or exc}"
            try:
                for path in self.folder.glob(f"*.tmp-{os.getpid()}-*"):
                    path.unlink(missing_ok=True)
            except OSError:
                pass

    def put(self, key: str, vectors: np.ndarray, doc_id: str) -> None:
        self.used.add(key)
        self._stored(lambda: self._put(key, vectors, doc_id))

    def _put(self, key: str, vectors: np.ndarray, doc_id: str) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        tag = f".tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        npy = self.folder / f"{key}.npy"
        with open(npy.with_name(npy.name + tag), "wb") as fh:
            np.save(fh, np.ascontiguousarray(vectors, dtype=np.float32), allow_pickle=False)
        os.replace(npy.with_name(npy.name + tag), npy)
        info = {"format": FORMAT, "doc_id": doc_id, "rows": int(vectors.shape[0]),
                "dimension": int(vectors.shape[1]), "bytes": npy.stat().st_size, "sha256": file_sha256(npy),
                "encoder_key": self.encoder_key}
        meta = self.folder / f"{key}.json"
        meta.with_name(meta.name + tag).write_text(json.dumps(info), encoding="utf-8")
        os.replace(meta.with_name(meta.name + tag), meta)

    def prune(self) -> None:
        """Drop entries the last build did not use (old versions of changed documents)."""
        def drop() -> None:
            if not self.folder.is_dir():
                return
            for path in self.folder.iterdir():
                if path.name.split(".")[0] not in self.used or ".tmp-" in path.name:
                    path.unlink(missing_ok=True)

        self._stored(drop)

    # -- BM25 tokens (they do not depend on the model) -------------------------------------
    def tokens(self, texts: Sequence[str], tokenize, version: str) -> list[list[str]]:
        """Token lists of a document's texts, from `<key>.tokens.json` or computed and stored."""
        h = hashlib.sha256(f"tokens\0{version}\0{len(texts)}".encode())
        for t in texts:
            h.update(b"\0" + t.encode("utf-8"))
        key = "t" + h.hexdigest()
        path = self.folder / f"{key}.tokens.json"
        try:
            # {"sha256": of the rows' JSON, "rows": [...]}: a damaged entry that still parses (a
            # token changed) is caught like a damaged vector file, and computed again
            stored = json.loads(path.read_text(encoding="utf-8"))
            rows = stored["rows"]
            if (stored["sha256"] == _rows_sha256(rows) and isinstance(rows, list) and len(rows) == len(texts)
                    and all(isinstance(r, list) and all(isinstance(t, str) for t in r) for r in rows)):
                self.used.add(key)
                return rows
        except (OSError, ValueError, TypeError, KeyError):
            pass
        rows = [tokenize(t) for t in texts]

        def store() -> None:
            self.folder.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(path.name + f".tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}")
            tmp.write_text(json.dumps({"sha256": _rows_sha256(rows), "rows": rows}, ensure_ascii=False),
                           encoding="utf-8")
            os.replace(tmp, path)

        self._stored(store)
        self.used.add(key)
        return rows
