"""The on-disk index: a folder of plain, documented files, built atomically, never silently stale.

Layout (see index/README.md; row i is the same passage in every per-row file)::

    index/CURRENT                  "<live build folder> <xxh3-128 of its manifest.json>" (atomic)
    index/.lock                    held by a builder (flock); readers never wait for it
    index/.cache/                  embeddings per document, reused by the next build
                                   (qa.index.embed_cache); not read by queries. The ONNX export
                                   is cached per user (~/.cache/qa, QA_CACHE_DIR)
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

An index may hold several segments (`qa add` / `qa remove` append one instead of rebuilding:
the new build hard-links the old one's files and adds `seg-<n>/`; see qa.index.incremental and
index/README.md). A build writes into a temporary folder, renames it into place and only then swaps CURRENT,
so a killed build leaves the previous index usable and readers never see half a build.

Integrity is a chain: CURRENT is one strictly formatted line carrying the checksum of the
manifest, and the manifest records the size, xxh3-128 and sha256 of every other file. Every
load checks the sizes and xxh3 of all files (cheap: see bench/verify_cost.py), so any damage,
even one flipped byte that keeps the size, is detected and the index rebuilt; `qa index
--verify` also checks the sha256.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Collection, Iterator

import xxhash

from qa import __version__
from qa.ingest.locking import exclusive_flock
from qa.index.fingerprints import changed_model_file, code_fingerprint, file_sha256, file_xxh3, weights_fingerprint
from qa.ingest.corpus import corpus_fingerprint, load_manifest
from qa.errors import IndexError_, QAError, literal, no_space
from qa.settings import Settings

SCHEMA_VERSION = 2
CURRENT = "CURRENT"
LOCK = ".lock"
MANIFEST = "manifest.json"
# Every file's xxh3-128 is checked on every load (xxh3 runs at several GB/s: the whole index of
# the real corpus in well under 0.1 s), except files above HASH_ON_LOAD_MAX_BYTES, which are
# checked by size on load so start-up does not grow with a very large corpus, and by sha256 too
# with `qa index --verify`.
HASH_ON_LOAD_MAX_BYTES = 256 << 20
# The only shape CURRENT may have: a build folder name (no path, not hidden) and the manifest's
# xxh3-128, one line. Anything else, even one changed byte, is damage.
CURRENT_LINE = re.compile(r"([A-Za-z0-9][A-Za-z0-9._-]{0,200}) ([0-9a-f]{32})\n")

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


def index_key(settings: Settings, corpus: dict[str, str], weights_sha256: str,
              model_files: dict[str, str] | None = None) -> str:
    blob = json.dumps(
        {"schema": SCHEMA_VERSION, "qa": __version__, "settings": settings.index_settings(),
         "corpus": corpus, "weights": weights_sha256, "code": code_fingerprint(),
         "model_files": model_files or {}},
        sort_keys=True,
    )
    return hashlib.sha256(blob.encode()).hexdigest()


def read_current(index_dir: Path) -> tuple[Path | None, str | None, str | None]:
    """(live build folder, its manifest's xxh3, problem): CURRENT parsed strictly.

    No CURRENT is (None, None, None): nothing built yet. A damaged CURRENT (undecodable,
    malformed, naming a folder that does not exist) is a problem, reported in one line; the
    rebuild that follows replaces it.
    """
    try:
        data = (index_dir / CURRENT).read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        return None, None, None
    except IsADirectoryError:
        return None, None, f"{CURRENT} is a folder, not the build pointer"
    except OSError as exc:
        # named: the folder may be fine and only the pointer unreadable (user trial 25); not
        # "corrupt" either: it is not rebuilt over, since the permission that is missing is the user's
        raise IndexError_(f"cannot read {index_dir / CURRENT} (the index's build pointer): {exc.strerror}") from None
    try:
        text = data.decode("ascii")
    except UnicodeDecodeError:
        return None, None, f"{CURRENT} is damaged (not a build name: undecodable bytes)"
    match = CURRENT_LINE.fullmatch(text)
    if match is None:
        return None, None, f"{CURRENT} is damaged (expected '<build> <checksum>', found {text[:60]!r})"
    build = index_dir / match.group(1)
    if not build.is_dir():
        return None, None, f"{CURRENT} points to {match.group(1)}, which does not exist"
    return build, match.group(2), None


def current_build(index_dir: Path) -> Path | None:
    return read_current(index_dir)[0]


def read_manifest(build: Path, digest: str | None) -> tuple[dict | None, str | None]:
    """The build's manifest, checked against the checksum CURRENT holds: (manifest, problem)."""
    try:
        raw = (build / MANIFEST).read_bytes()
    except FileNotFoundError:
        return None, f"{build.name}/{MANIFEST} is missing"
    except OSError as exc:
        return None, f"{build.name}/{MANIFEST} is unreadable ({exc.strerror})"
    if digest is not None and xxhash.xxh3_128_hexdigest(raw) != digest:
        return None, f"{build.name}/{MANIFEST} is corrupt (checksum mismatch with {CURRENT})"
    try:
        manifest = json.loads(raw.decode("utf-8"))
        if not isinstance(manifest, dict):
            raise ValueError("manifest is not an object")
    except ValueError as exc:
        return None, f"{build.name}/{MANIFEST} is unreadable ({str(exc)[:80]})"
    return manifest, None


def check(settings: Settings) -> IndexState:
    """Decide, cheaply, whether the persisted index can answer for this corpus and settings."""
    index_dir = Path(settings.index_dir)
    try:  # the tokenizer and ONNX runtime take paths as UTF-8 text (robustness hunt: a Latin-1
        os.path.abspath(index_dir).encode("utf-8")  # folder name failed as "while processing 'path'")
    except UnicodeEncodeError:
        raise IndexError_.named(f"the index folder {literal(index_dir)} has a name that is not UTF-8 text, which the "
                                "model libraries cannot open; use another folder ({0})", "index_dir") from None
    if index_dir.exists() and not index_dir.is_dir():
        raise IndexError_(f"the index path {index_dir} is not a folder")
    if index_dir.exists() and not os.access(index_dir, os.R_OK | os.X_OK):
        raise IndexError_(f"the index folder {index_dir} is not readable")
    build, digest, problem = read_current(index_dir)
    if problem is not None:
        return IndexState("corrupt", problem)
    if build is None:
        return IndexState("missing", "no index has been built yet")
    manifest, problem = read_manifest(build, digest)
    if manifest is None:
        return IndexState("corrupt", problem or "unreadable manifest", build)
    try:
        return _check_manifest(settings, build, manifest)
    except QAError:
        raise
    except (AttributeError, TypeError, KeyError, ValueError) as exc:
        # a field of the wrong JSON type (robustness sweep 30: `"model": [1]` was "internal error" on
        # every command, never rebuilt): the manifest cannot be trusted, so the build is corrupt
        return IndexState("corrupt", f"{build.name}/{MANIFEST} is malformed ({type(exc).__name__}: {exc})", build)


def _check_manifest(settings: Settings, build: Path, manifest: dict) -> IndexState:
    """`check` past the manifest's checksum: version, code, settings, corpus, model, files."""
    if manifest.get("schema_version") != SCHEMA_VERSION or manifest.get("qa_version") != __version__:
        return IndexState("stale", "built by another version of qa", build, manifest)
    if manifest.get("code") != code_fingerprint():
        return IndexState("stale", "the ingestion or indexing code changed", build, manifest)
    if manifest.get("settings") != json.loads(json.dumps(settings.index_settings())):
        return IndexState("stale", "index settings changed (model, chunking or BM25)", build, manifest)
    try:
        corpus = corpus_fingerprint(Path(settings.corpus_dir), manifest.get("corpus"))
    except OSError as exc:
        raise QAError(f"cannot read the corpus folder {settings.corpus_dir}: {exc.strerror}") from None
    if manifest.get("corpus", {}).get("files") != corpus:
        return IndexState("stale", _corpus_change(settings, manifest), build, manifest)
    return check_model_and_files(build, manifest)


CORPUS_CHANGED = "the corpus changed"  # the reason an update may add a segment (qa.index.incremental.plan)


def _corpus_change(settings: Settings, manifest: dict) -> str:
    """Why the corpus no longer matches the build, naming the build's corpus folder when this index
    folder is that other, existing library's own (the one it uses by default): updating it for this
    library replaces that one's index (docs audit 34: one library's `--index-dir` given with
    another's `--corpus-dir` was rebuilt without a word). A library copied with its index is not
    named: its index folder is not the original's."""
    built_from = manifest.get("corpus", {}).get("dir")
    if isinstance(built_from, str) and os.path.isdir(built_from) and \
            os.path.realpath(built_from) != os.path.realpath(settings.corpus_dir) and \
            os.path.realpath(Settings(corpus_dir=built_from).index_dir) == os.path.realpath(settings.index_dir):
        return (f"{CORPUS_CHANGED}: this index folder is the one of another corpus folder, {built_from} "
                "(give each library its own --index-dir)")
    return CORPUS_CHANGED


def check_model_and_files(build: Path, manifest: dict) -> IndexState:
    """The last checks of `check`: the model's weights and files, then every index file."""
    model = manifest.get("model", {})
    fp = model.get("weights_fingerprint")
    if fp and fp.get("path") and weights_fingerprint(fp["path"]) != fp:
        if fp.get("size") is None or not os.path.exists(fp["path"]):
            return IndexState("stale", "the embedding model's weights moved", build, manifest)
        if file_sha256(Path(fp["path"])) != model.get("weights_sha256"):
            return IndexState("stale", "the embedding model's weights changed", build, manifest)
    if model.get("path") and model.get("files") is not None:
        changed = changed_model_file(Path(model["path"]), model["files"])
        if changed:
            return IndexState("stale", f"the embedding model's {changed} changed", build, manifest)
    problem = verify_files(build, manifest, full=False)
    if problem:
        return IndexState("corrupt", problem, build, manifest)
    return IndexState("ready", "up to date", build, manifest)


def verify_files(build: Path, manifest: dict, full: bool) -> str | None:
    """Size and xxh3 of every file the manifest lists (and sha256 with full=True)."""
    files = manifest.get("files")
    if not isinstance(files, dict) or not files:
        return f"{build.name}/{MANIFEST} lists no files"
    for rel, info in files.items():
        path = build / rel
        if not isinstance(info, dict):
            return f"{build.name}/{MANIFEST} is malformed (the entry of {rel} is not an object)"
        try:
            size = path.stat().st_size
        except OSError:
            return f"{build.name}/{rel} is missing"
        if size != info.get("size"):
            return f"{build.name}/{rel} is truncated or changed (size {size}, expected {info.get('size')})"
        try:
            if (full or size <= HASH_ON_LOAD_MAX_BYTES) and file_xxh3(path) != info.get("xxh3"):
                return f"{build.name}/{rel} is corrupt (checksum mismatch)"
            if full and file_sha256(path) != info.get("sha256"):
                return f"{build.name}/{rel} is corrupt (sha256 mismatch)"
        except OSError as exc:  # a file that cannot be read is as unusable as a damaged one
            return f"{build.name}/{rel} is unreadable ({exc.strerror})"
    return None


def buildable(settings: Settings) -> Path:
    """The index folder of a build about to start, created if needed, once the corpus it would
    be built from is known to exist (a mistyped --corpus-dir is one line, and leaves no empty
    index folder beside it)."""
    load_manifest(Path(settings.corpus_dir))
    return writable_index_dir(Path(settings.index_dir))


def writable_index_dir(index_dir: Path) -> Path:
    """The index folder, created if needed; one line if it cannot hold a build."""
    if str(index_dir).strip() in ("", "."):
        raise IndexError_("the index folder must be named (got an empty path)")
    if index_dir.is_symlink() and not index_dir.exists():  # sweep 31: was "is not a folder; make it writable"
        error = IndexError_(f"the index path {index_dir} is a symbolic link to {os.readlink(index_dir)}, "
                            "which does not exist")
        error.advice = "create that folder, or give another one with {0} (QA_INDEX_DIR)"  # cannot_rebuild's template
        raise error
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise IndexError_(f"the index path {index_dir} is not a folder") from None
    except OSError as exc:
        raise IndexError_(f"cannot create the index folder {index_dir}: {exc.strerror}") from None
    if not index_dir.is_dir():
        raise IndexError_(f"the index path {index_dir} is not a folder")
    if not os.access(index_dir, os.W_OK | os.X_OK):
        raise IndexError_(f"the index folder {index_dir} is not writable")
    return index_dir


@contextmanager
def build_lock(index_dir: Path, progress: Progress) -> Iterator[None]:
    """Exclusive lock for builders; a second builder waits, then finds the index fresh."""
    writable_index_dir(index_dir)
    try:
        fd = os.open(index_dir / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise IndexError_(f"the index folder {index_dir} is not writable: {exc.strerror}") from None
    with exclusive_flock(fd, lambda: progress(0.0, "waiting for another index build to finish")):
        yield


@contextmanager
def build_folder(index_dir: Path) -> Iterator[Path]:
    """A private folder a new build is written into, removed when anything fails before it is
    published (publishing renames it away, so a published build is never touched)."""
    import uuid

    tmp = index_dir / f".tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    try:
        tmp.mkdir(parents=True)
    except OSError as exc:
        raise QAError(f"cannot write the index folder {index_dir}: {exc.strerror}") from None
    try:
        yield tmp
    except BaseException as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        full = no_space(exc, index_dir)  # the live build is untouched: CURRENT still names it
        if full is not None:
            raise IndexError_(f"{full} (the index is as it was)") from None
        raise


def publish_build(index_dir: Path, tmp: Path, manifest: dict, progress: Progress) -> tuple[Path, Path | None]:
    """Write the manifest last (a folder without one is never a build), then publish.
    Returns the published build and the one it replaced (for `collect_garbage`)."""
    (tmp / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    progress(0.97, "publishing the new index")
    previous = current_build(index_dir)
    return publish(index_dir, tmp, manifest["key"]), previous


def publish(index_dir: Path, tmp: Path, key: str) -> Path:
    """Rename the finished build into place, then swap CURRENT atomically."""
    final = index_dir / f"build-{key[:12]}-{time.time_ns():x}"
    os.rename(tmp, final)
    pointer = index_dir / f".{CURRENT}.{os.getpid()}"
    try:
        digest = file_xxh3(final / MANIFEST)
        pointer.write_text(f"{final.name} {digest}\n", encoding="ascii")
        with open(pointer, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(pointer, index_dir / CURRENT)
    except BaseException:  # CURRENT still names the old build: the unpublished one goes (a full disk)
        pointer.unlink(missing_ok=True)
        shutil.rmtree(final, ignore_errors=True)
        raise
    return final


def collect_garbage(index_dir: Path, keep: Path, previous: Path | None) -> None:
    """Remove old builds and leftovers of killed builds (keeping the previous live one): their
    folders, and the `.CURRENT.<pid>` pointer a build killed while publishing left (builders
    hold the build lock, so no other publish is under way)."""
    for path in index_dir.iterdir():
        if path in (keep, previous):
            continue
        if not path.is_dir():
            if path.name.startswith(f".{CURRENT}."):
                path.unlink(missing_ok=True)
            continue
        if path.name.startswith("build-") or path.name.startswith(".tmp-"):
            shutil.rmtree(path, ignore_errors=True)


def describe_files(build: Path, known: Collection[str] = ()) -> dict[str, dict[str, object]]:
    """Size, xxh3 and sha256 of every file of a build but its manifest, except the `known`
    ones (files a segment add carried over, whose entries it already has)."""
    out: dict[str, dict[str, object]] = {}
    for path in sorted(build.rglob("*")):
        if path.is_file() and path.name != MANIFEST:
            rel = path.relative_to(build).as_posix()
            if rel not in known:
                out[rel] = {"size": path.stat().st_size, "xxh3": file_xxh3(path), "sha256": file_sha256(path)}
    return out
