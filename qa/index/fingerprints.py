"""Fingerprints that tell whether an index still matches what it was built from: file hashes
(sha256, and xxh3-128 for the cheap check at every load), the build code, the model's files.

Kept apart from `store` (which owns the build folders and their atomic switch) so each
module has one concern; `store.check` combines these into the freshness verdict.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

import xxhash

from qa.errors import IndexError_


def _file_digest(path: Path, h) -> str:
    """Feed a file to a hash object in 1 MiB chunks (constant memory for any file size)."""
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def file_sha256(path: Path) -> str:
    return _file_digest(path, hashlib.sha256())


def file_xxh3(path: Path) -> str:
    """xxh3-128 of a file: catches any damage like sha256 does, at memory speed."""
    return _file_digest(path, xxhash.xxh3_128())


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


# What of a model folder shapes the embeddings besides its weights (checked by sha256 and
# fingerprint): tokenizer, vocabulary, configs, pooling. Larger files are other weight formats.
MODEL_FILE_MAX_BYTES = 20_000_000


def model_files(folder: Path) -> dict[str, str]:
    """xxh3 of every small file of a model folder (weights excluded), for the index key."""
    from qa.index.model_source import WEIGHT_FILES

    out: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if (path.is_file() and path.name not in WEIGHT_FILES and not rel.startswith(".")
                and "/." not in rel and path.stat().st_size <= MODEL_FILE_MAX_BYTES):
            out[rel] = file_xxh3(path)
    return out


def changed_model_file(folder: Path, recorded: dict[str, str]) -> str | None:
    """The first model file (tokenizer, vocabulary, config) that differs from the build's."""
    try:
        current = model_files(folder)
    except OSError:
        return "folder"
    for rel in sorted(set(current) | set(recorded)):
        if current.get(rel) != recorded.get(rel):
            return rel
    return None
