"""Reading the corpus folder: the manifest and the raw texts, with one-line errors.

A bad document (missing, empty, binary, not UTF-8) must not stop the others from being
ingested, so per-document problems are returned as warnings, not raised.
"""
from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from qa.errors import CorpusError, QAError
from qa.models import DocumentMeta

MANIFEST_NAME = "manifest.toml"
SYNONYMS_NAME = "synonyms.toml"
TEXT_SUFFIXES = {".txt"}


class DocumentError(QAError):
    """One document cannot be read; the rest of the corpus is still usable."""


@dataclass
class RawDocument:
    meta: DocumentMeta
    text: str
    sha256: str
    warnings: list[str] = field(default_factory=list)


@dataclass
class CorpusFiles:
    documents: list[RawDocument] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_manifest(corpus_dir: Path) -> list[DocumentMeta]:
    """Parse `manifest.toml`; a missing or malformed manifest makes the corpus unusable."""
    path = corpus_dir / MANIFEST_NAME
    if not corpus_dir.is_dir():
        raise CorpusError(f"corpus folder not found: {corpus_dir}")
    if not path.is_file():
        raise CorpusError(f"corpus manifest not found: {path}")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise CorpusError(f"cannot read {path}: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise CorpusError(f"{path} is not valid TOML: {exc}") from None
    entries = data.get("documents")
    if not isinstance(entries, list) or not entries:
        raise CorpusError(f"{path} has no [[documents]] entries")
    metas: list[DocumentMeta] = []
    seen: set[str] = set()
    for i, entry in enumerate(entries, 1):
        try:
            meta = DocumentMeta(**entry)
        except (ValidationError, TypeError) as exc:
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise CorpusError(f"{path}: documents entry {i} is invalid: {first}") from None
        if meta.id in seen:
            raise CorpusError(f"{path}: duplicate document id {meta.id!r}")
        seen.add(meta.id)
        metas.append(meta)
    return metas


def read_raw(corpus_dir: Path, meta: DocumentMeta) -> RawDocument:
    """Read one document's text, refusing what cannot be a PDF text extraction."""
    path = corpus_dir / meta.file
    if not path.is_file():
        raise DocumentError(f"{meta.id}: file not found: {path}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"{meta.id}: cannot read {path}: {exc.strerror}") from None
    if not data.strip():
        raise DocumentError(f"{meta.id}: {path.name} is empty")
    if b"\x00" in data[:65536]:
        raise DocumentError(f"{meta.id}: {path.name} looks binary (NUL bytes), not text")
    warnings: list[str] = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:  # one bad byte must not cost the whole article
        text = data.decode("utf-8", errors="replace")
        warnings.append(f"{meta.id}: {path.name} has {text.count(chr(0xFFFD))} invalid UTF-8 byte(s) "
                        f"(first at byte {exc.start}); read as U+FFFD")
    return RawDocument(meta=meta, text=text.lstrip("\ufeff"), sha256=sha256_bytes(data), warnings=warnings)


def read_corpus(corpus_dir: Path) -> CorpusFiles:
    """All readable documents of the manifest, plus warnings for the rest."""
    corpus_dir = Path(corpus_dir)
    metas = load_manifest(corpus_dir)
    out = CorpusFiles()
    listed = {m.file for m in metas}
    for meta in metas:
        try:
            raw = read_raw(corpus_dir, meta)
            out.documents.append(raw)
            out.warnings.extend(raw.warnings)
        except DocumentError as exc:
            out.warnings.append(str(exc))
    for path in sorted(corpus_dir.iterdir()):
        if path.suffix in TEXT_SUFFIXES and path.name not in listed:
            out.warnings.append(f"{path.name} is not in {MANIFEST_NAME}; ignored")
    if not out.documents:
        raise CorpusError("no readable documents in the corpus: " + "; ".join(out.warnings))
    return out


def corpus_fingerprint(corpus_dir: Path) -> dict[str, str]:
    """sha256 of every file that shapes the index: manifest, texts, synonyms."""
    corpus_dir = Path(corpus_dir)
    prints: dict[str, str] = {}
    for path in sorted(corpus_dir.iterdir()):
        if path.is_file() and (path.suffix in TEXT_SUFFIXES or path.suffix == ".toml"):
            try:
                prints[path.name] = sha256_bytes(path.read_bytes())
            except OSError as exc:
                prints[path.name] = f"unreadable:{exc.strerror}"
    return prints
