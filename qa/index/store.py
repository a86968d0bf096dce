"""The on-disk index: a folder of plain, documented files, built atomically, never silently stale.

Layout (see index/README.md; row i is the same passage in every per-row file)::

    index/CURRENT                  name of the live build folder (replaced atomically)
    index/.lock                    held by a builder (flock); readers never wait for it
    index/.cache/                  embeddings per document and the ONNX export, reused by
                                   the next build (qa.index.embed_cache); not read by queries
    index/<build>/manifest.json    schema, versions, model, settings, corpus hashes, file hashes
    index/<build>/passages.jsonl   one Passage per line, read lazily by byte offset
    index/<build>/passages.*.npy   line offsets, document number per row, sorted ids -> rows
    index/<build>/sentences.*.npy  answer units per row (CSR) and their float16 vectors
    index/<build>/documents.json   ingested documents (cleaned text, references, glossary)
    index/<build>/glossary.json    abbreviation -> expansion per document
    index/<build>/dense.faiss      normalised embeddings: IndexFlatIP, or HNSW above a size
    index/<build>/bm25.*.npy       BM25Okapi weights as a terms x rows CSR matrix + vocabulary
    index/<build>/bm25.params.json k1, b, epsilon, tokenizer version, counts
    index/<build>/encoder/         ONNX export of the embedding model + tokenizer.json

Every array is a plain `.npy` loaded with `mmap_mode='r'` (never pickle). Load mirrors save:
`qa.index.build.write_arrays` writes what `qa.index.load.load` reads.

A build writes into a temporary folder, renames it into place and only then swaps CURRENT,
so a killed build leaves the previous index usable and readers never see half a build.
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from qa import __version__
from qa.ingest.corpus import corpus_fingerprint
from qa.errors import IndexError_, QAError
from qa.settings import Settings

SCHEMA_VERSION = 2
CURRENT = "CURRENT"
LOCK = ".lock"
MANIFEST = "manifest.json"
# Files whose sha256 is checked on every load, and any file up to HASH_ON_LOAD_MAX_BYTES (at
# the real corpus's size that is every file but the ONNX model); larger files are checked by
# size on load, and by sha256 with `qa index --verify`, so loading does not grow with the corpus.
HASHED_ON_LOAD = ("glossary.json", "bm25.params.json", "encoder/tokenizer.json", "encoder/encoder.json")
HASH_ON_LOAD_MAX_BYTES = 8 << 20

Progress = Callable[[float, str], None]


def no_progress(fraction: float, message: str) -> None:
    return None


@dataclass
class IndexState:
    """What `check` found: ready, missing, stale or corrupt, and why."""

    state: str
    reason: str
    build: Path | None = None
    manifest: dict | None = None

    @property
    def ready(self) -> bool:
        return self.state == "ready"


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def weights_fingerprint(path: str) -> dict[str, object]:
    """Cheap identity of a weights file, so its sha256 is recomputed only when it changed."""
    try:
        st = os.stat(path)
    except OSError:
        return {"path": path, "size": None, "mtime_ns": None}
    return {"path": path, "size": st.st_size, "mtime_ns": st.st_mtime_ns}


# What shapes a build's contents: every module of these packages and files, found by walking
# them, so an edited, added, moved or removed module can never leave an index that silently
# disagrees with the code (a fixed list of names would hash a moved file as missing).
BUILD_CODE = ("ingest", "index", "models.py", "settings.py", "errors.py")


def build_code_files() -> list[Path]:
    package = Path(__file__).resolve().parent.parent
    files: list[Path] = []
    for name in BUILD_CODE:
        path = package / name
        if path.is_dir():
            files.extend(sorted(path.rglob("*.py")))
        elif path.is_file():
            files.append(path)
        else:
            raise IndexError_(f"the qa package is incomplete: {path} is missing")
    return files


def code_fingerprint() -> str:
    h = hashlib.sha256()
    package = Path(__file__).resolve().parent.parent
    for path in build_code_files():
        h.update(path.relative_to(package).as_posix().encode() + b"\0")
        h.update(path.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


def index_key(settings: Settings, corpus: dict[str, str], weights_sha256: str) -> str:
    blob = json.dumps(
        {"schema": SCHEMA_VERSION, "qa": __version__, "settings": settings.index_settings(),
         "corpus": corpus, "weights": weights_sha256, "code": code_fingerprint()},
        sort_keys=True,
    )
    return hashlib.sha256(blob.encode()).hexdigest()


def current_build(index_dir: Path) -> Path | None:
    try:
        name = (index_dir / CURRENT).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise IndexError_(f"cannot read the index at {index_dir}: {exc.strerror}") from None
    if not name or "/" in name or name.startswith("."):
        return None
    return index_dir / name


def check(settings: Settings) -> IndexState:
    """Decide, cheaply, whether the persisted index can answer for this corpus and settings."""
    index_dir = Path(settings.index_dir)
    if index_dir.exists() and not index_dir.is_dir():
        raise IndexError_(f"the index path {index_dir} is not a folder")
    if index_dir.exists() and not os.access(index_dir, os.R_OK | os.X_OK):
        raise IndexError_(f"the index folder {index_dir} is not readable")
    build = current_build(index_dir)
    if build is None:
        return IndexState("missing", "no index has been built yet")
    try:
        manifest = json.loads((build / MANIFEST).read_text(encoding="utf-8"))
        if not isinstance(manifest, dict):
            raise ValueError("manifest is not an object")
    except FileNotFoundError:
        return IndexState("corrupt", f"{build.name}/{MANIFEST} is missing", build)
    except (OSError, ValueError) as exc:
        return IndexState("corrupt", f"{build.name}/{MANIFEST} is unreadable ({exc})", build)
    if manifest.get("schema_version") != SCHEMA_VERSION or manifest.get("qa_version") != __version__:
        return IndexState("stale", "built by another version of qa", build, manifest)
    if manifest.get("code") != code_fingerprint():
        return IndexState("stale", "the ingestion or indexing code changed", build, manifest)
    if manifest.get("settings") != json.loads(json.dumps(settings.index_settings())):
        return IndexState("stale", "index settings changed (model, chunking or BM25)", build, manifest)
    try:
        corpus = corpus_fingerprint(Path(settings.corpus_dir))
    except OSError as exc:
        raise QAError(f"cannot read the corpus folder {settings.corpus_dir}: {exc.strerror}") from None
    if manifest.get("corpus", {}).get("files") != corpus:
        return IndexState("stale", "the corpus changed", build, manifest)
    model = manifest.get("model", {})
    fp = model.get("weights_fingerprint")
    if fp and fp.get("path") and weights_fingerprint(fp["path"]) != fp:
        if fp.get("size") is None or not os.path.exists(fp["path"]):
            return IndexState("stale", "the embedding model's weights moved", build, manifest)
        if file_sha256(Path(fp["path"])) != model.get("weights_sha256"):
            return IndexState("stale", "the embedding model's weights changed", build, manifest)
    problem = verify_files(build, manifest, full=False)
    if problem:
        return IndexState("corrupt", problem, build, manifest)
    return IndexState("ready", "up to date", build, manifest)


def verify_files(build: Path, manifest: dict, full: bool) -> str | None:
    """Size of every file, sha256 of the small ones (of all with full=True)."""
    files = manifest.get("files")
    if not isinstance(files, dict) or not files:
        return f"{build.name}/{MANIFEST} lists no files"
    for rel, info in files.items():
        path = build / rel
        try:
            size = path.stat().st_size
        except OSError:
            return f"{build.name}/{rel} is missing"
        if size != info.get("size"):
            return f"{build.name}/{rel} is truncated or changed (size {size}, expected {info.get('size')})"
        hashed = full or rel in HASHED_ON_LOAD or size <= HASH_ON_LOAD_MAX_BYTES
        if hashed and file_sha256(path) != info.get("sha256"):
            return f"{build.name}/{rel} is corrupt (sha256 mismatch)"
    return None


@contextmanager
def build_lock(index_dir: Path, progress: Progress) -> Iterator[None]:
    """Exclusive lock for builders; a second builder waits, then finds the index fresh."""
    index_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(index_dir / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            progress(0.0, "waiting for another index build to finish")
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        try:
            fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)


def publish(index_dir: Path, tmp: Path, key: str) -> Path:
    """Rename the finished build into place, then swap CURRENT atomically."""
    final = index_dir / f"build-{key[:12]}-{time.time_ns():x}"
    os.rename(tmp, final)
    pointer = index_dir / f".{CURRENT}.{os.getpid()}"
    pointer.write_text(final.name + "\n", encoding="utf-8")
    with open(pointer, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(pointer, index_dir / CURRENT)
    return final


def collect_garbage(index_dir: Path, keep: Path, previous: Path | None) -> None:
    """Remove old builds and leftovers of killed builds (keeping the previous live one)."""
    for path in index_dir.iterdir():
        if path in (keep, previous) or not path.is_dir():
            continue
        if path.name.startswith("build-") or path.name.startswith(".tmp-"):
            shutil.rmtree(path, ignore_errors=True)


def describe_files(build: Path) -> dict[str, dict[str, object]]:
    out: dict[str, dict[str, object]] = {}
    for path in sorted(build.rglob("*")):
        if path.is_file() and path.name != MANIFEST:
            rel = path.relative_to(build).as_posix()
            out[rel] = {"size": path.stat().st_size, "sha256": file_sha256(path)}
    return out
