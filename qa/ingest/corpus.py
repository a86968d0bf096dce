"""Reading the corpus folder: the manifest and the raw texts, with one-line errors.

A bad document (missing, empty, binary, not UTF-8) must not stop the others from being
ingested, so per-document problems are returned as warnings, not raised.
"""
from __future__ import annotations

import codecs
import hashlib
import time
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


def load_manifest(corpus_dir: Path, allow_empty: bool = False) -> list[DocumentMeta]:
    """Parse `manifest.toml`; a missing or malformed manifest makes the corpus unusable, and so
    does one without documents, unless `allow_empty` (a new library `qa add` is filling)."""
    path = corpus_dir / MANIFEST_NAME
    if corpus_dir.exists() and not corpus_dir.is_dir():  # user trial 22: a file was "not found"
        raise CorpusError(f"the corpus folder is a file, not a folder: {corpus_dir}")
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
    if allow_empty and entries is None:
        return []
    if not isinstance(entries, list) or not entries:
        raise CorpusError(f"{path} has no [[documents]] entries")
    return manifest_metas(entries, corpus_dir)


def manifest_metas(entries: list, corpus_dir: Path) -> list[DocumentMeta]:
    """The validated entries of a manifest (read, or about to be written: `write_manifest`
    checks a manifest with this before it replaces the old one, so no command writes one
    that the next command refuses)."""
    path = corpus_dir / MANIFEST_NAME
    metas: list[DocumentMeta] = []
    seen: set[str] = set()
    files: dict[Path, str] = {}  # resolved file -> the id that uses it
    for i, entry in enumerate(entries, 1):
        try:
            meta = DocumentMeta(**entry)
        except ValidationError as exc:
            raise CorpusError(f"{path}: documents entry {i} is invalid: {first_error(exc)}") from None
        except TypeError as exc:
            raise CorpusError(f"{path}: documents entry {i} is invalid: {exc}") from None
        resolved = inside_corpus(corpus_dir, meta)
        if meta.id in seen:
            raise CorpusError(f"{path}: duplicate document id {meta.id!r}")
        if resolved in files:  # one text as two documents: every passage indexed twice, a removal
            raise CorpusError(  # of one moving the other's text away (robustness hunt)
                f"{path}: documents {files[resolved]!r} and {meta.id!r} both use the file {meta.file!r}; "
                "each document needs its own file")
        seen.add(meta.id)
        files[resolved] = meta.id
        metas.append(meta)
    return metas


def first_error(exc: ValidationError) -> str:
    """`citation_style: expected 'auto', 'numeric', ... (got 'bogus')` from a pydantic error."""
    err = exc.errors()[0]
    field_name = ".".join(str(p) for p in err.get("loc", ())) or "entry"
    message = err.get("msg", "invalid value").replace("Input should be", "expected")
    given = err.get("input")
    return f"{field_name}: {message}" + (f" (got {given!r})" if isinstance(given, (str, int, float)) else "")


def inside_corpus(corpus_dir: Path, meta: DocumentMeta) -> Path:
    """The entry's file, refused unless it resolves (symlinks followed) inside the corpus folder.

    A manifest is user input: `file = "../../etc/passwd"` or an absolute path must never make
    another file of the machine part of the index or of `qa passages`.
    """
    name = meta.file
    if not name.strip() or "\x00" in name or Path(name).is_absolute() or name.startswith("~"):
        raise CorpusError(f"{corpus_dir / MANIFEST_NAME}: document {meta.id!r}: file {name!r} must be a path "
                          "relative to the corpus folder")
    root = corpus_dir.resolve()
    path = (corpus_dir / name).resolve()
    if path == root or not path.is_relative_to(root):
        raise CorpusError(f"{corpus_dir / MANIFEST_NAME}: document {meta.id!r}: file {name!r} is outside the corpus "
                          "folder; refused")
    return path


# Byte-order marks of the Unicode encodings a text export may use; UTF-32 before UTF-16 (its
# little-endian mark starts with UTF-16's).
BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


# Windows-1252 is what the WHATWG Encoding Standard decodes unlabelled legacy Western text as
# (its "latin1" label included): a non-UTF-8 export of an English article is almost always it.
# charset-normalizer's own first guess on a mostly-ASCII text is unreliable (measured: Latin-1
# read as big5hkscs, cp1252 as cp775), so Windows-1252 is taken whenever it is among the
# readings it finds about as clean as the cleanest (mess within CHAOS_SLACK), or when its own
# reading is (the detector's mess ratio: it does not always try Windows-1252); otherwise its
# best guess is read (a text in another script); bytes that no encoding reads are refused.
LEGACY_DEFAULT = "cp1252"
CHAOS_SLACK = 0.02


def legacy_encoding(data: bytes) -> str | None:
    """The encoding of a text that is neither UTF-8 nor marked by a BOM, or None (binary)."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # no detector: Windows-1252 if it reads the bytes at all
        try:
            data.decode(LEGACY_DEFAULT)
            return LEGACY_DEFAULT
        except UnicodeDecodeError:
            return None
    matches = list(from_bytes(data))
    if not matches:
        return None
    least = min(m.chaos for m in matches)
    if any(LEGACY_DEFAULT in m.could_be_from_charset for m in matches if m.chaos <= least + CHAOS_SLACK):
        return LEGACY_DEFAULT
    # the detector may not try Windows-1252 at all (a Latin-1 "Crohn´s ... naïve" came back as
    # big5 or iso8859_10): its reading is then measured by the detector's own mess ratio
    from charset_normalizer.md import mess_ratio

    try:
        if mess_ratio(data.decode(LEGACY_DEFAULT)) <= least + CHAOS_SLACK:
            return LEGACY_DEFAULT
    except UnicodeDecodeError:
        pass
    return matches[0].encoding


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a few damaged bytes (an extraction glitch), not a legacy 8-bit text: its valid
    multi-byte sequences are at least as many as its invalid bytes (a legacy text has
    practically none: its accented letters are single bytes that are invalid UTF-8)."""
    valid = sum(1 for ch in data.decode("utf-8", "ignore") if ord(ch) > 127)
    invalid = data.decode("utf-8", "replace").count("\ufffd") - data.decode("utf-8", "ignore").count("\ufffd")
    return valid > 0 and valid >= invalid


def decode_text(data: bytes, label: str) -> tuple[str, list[str]]:
    """(text, warnings) of a file's bytes: see `decode_with`."""
    text, warnings, _ = decode_with(data, label)
    return text, warnings


def decode_with(data: bytes, label: str) -> tuple[str, list[str], str]:
    """(text, warnings, encoding read). UTF-8; UTF-16/32 announced by a byte-order mark; UTF-8
    with a few invalid bytes (replaced, with a warning: an extraction must not lose the article
    for them); else a legacy encoding (`legacy_encoding`), named in a warning (a guess). Binary
    is a one-line error."""
    bom = next(((mark, enc) for mark, enc in BOMS if data.startswith(mark)), None)
    if bom is None and b"\x00" in data[:65536]:
        raise DocumentError(f"{label} looks binary (NUL bytes), not text (UTF-16 without a byte-order mark? "
                            "save it as UTF-8)")
    warnings: list[str] = []
    try:
        encoding = bom[1] if bom else "utf-8"
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        if bom is not None:
            raise DocumentError(f"{label} is not valid {bom[1]} (byte {exc.start}); convert it to UTF-8") from None
        legacy = None if _mostly_utf8(data) else legacy_encoding(data)
        if legacy is not None:
            encoding, text = legacy, data.decode(legacy, errors="replace")
            warnings.append(f"{label}: not UTF-8; read as {legacy} (charset-normalizer)")
        elif not _mostly_utf8(data):
            raise DocumentError(f"{label} is not text: not UTF-8, and no encoding reads it (binary?)")
        else:
            text = data.decode("utf-8", errors="replace")
            bad = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
            warnings.append(f"{label} is not valid UTF-8 ({bad} invalid UTF-8 sequence(s), first at byte "
                            f"{exc.start}); read with replacement characters")
    if "\x00" in text:
        raise DocumentError(f"{label} contains NUL characters; it is not a text export")
    return text.lstrip("\ufeff"), warnings, encoding


def read_raw(corpus_dir: Path, meta: DocumentMeta, max_file_mb: float | None = None) -> RawDocument:
    """Read one document's text, refusing what cannot be a PDF text extraction."""
    from qa.validate import file_problem

    path = inside_corpus(corpus_dir, meta)
    problem = file_problem(path)
    if problem:  # a folder named as the file is said to be one, not "not found"
        raise DocumentError(f"{meta.id}: {problem}: {corpus_dir / meta.file}")
    try:
        size = path.stat().st_size
        if max_file_mb is not None and size > max_file_mb * 1e6:
            raise DocumentError(
                f"{meta.id}: {path.name} is {size / 1e6:.3g} MB, above the {max_file_mb:g} MB limit "
                "(raise QA_MAX_FILE_MB to ingest it)"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"{meta.id}: cannot read {path}: {exc.strerror}") from None
    text, warnings = decode_text(data, f"{meta.id}: {path.name}")
    if not text.strip():
        raise DocumentError(f"{meta.id}: {path.name} is empty")
    return RawDocument(meta=meta, text=text, sha256=sha256_bytes(data), warnings=warnings)


def read_corpus(corpus_dir: Path, max_file_mb: float | None = None) -> CorpusFiles:
    """All readable documents of the manifest, plus warnings for the rest."""
    corpus_dir = Path(corpus_dir)
    metas = load_manifest(corpus_dir)
    out = CorpusFiles()
    listed = {m.file for m in metas}
    for meta in metas:
        try:
            raw = read_raw(corpus_dir, meta, max_file_mb)
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


# A file whose size, times and inode are those recorded when it was hashed keeps its recorded
# hash, as git's index does, so a freshness check does not read the whole library. A file
# modified within this margin of being hashed could share its mtime with a later write
# ("racily clean" in git's terms), so it is always read again.
RACY_NS = 2_000_000_000


def file_stat(path: Path) -> list[int]:
    """(size, mtime_ns, ctime_ns, inode): any write, replacement or rename changes one of them."""
    st = path.stat()
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


def corpus_files(corpus_dir: Path, known: dict | None = None) -> tuple[dict[str, Path], list[str]]:
    """Every file that shapes the index: manifest, texts, synonyms (and listed texts in
    subfolders, so editing one of those makes the index stale too), and the files the
    manifest lists. While the manifest is the one `known` recorded, its list is the recorded
    one: a library's manifest is not parsed again at every check."""
    corpus_dir = Path(corpus_dir)
    paths = {path.name: path for path in corpus_dir.iterdir()
             if path.is_file() and (path.suffix in TEXT_SUFFIXES or path.suffix == ".toml")}
    listed = (known or {}).get("listed")
    if not (isinstance(listed, list) and MANIFEST_NAME in paths
            and _untouched(MANIFEST_NAME, paths[MANIFEST_NAME], known)):
        try:
            listed = [meta.file for meta in load_manifest(corpus_dir)]
        except CorpusError:
            listed = []  # a broken manifest is reported by ingestion; its own hash is here
    for name in listed:
        paths.setdefault(name, corpus_dir / name)
    return paths, listed


def _untouched(name: str, path: Path, known: dict | None, stat: list[int] | None = None) -> bool:
    """`path` is as `known` recorded it and was not racily fresh then (see RACY_NS)."""
    if not known or name not in (known.get("files") or {}):
        return False
    try:
        stat = stat or file_stat(path)
    except OSError:
        return False
    at = known.get("stated_ns")
    return (known.get("stats") or {}).get(name) == stat and isinstance(at, int) and stat[1] + RACY_NS < at


def corpus_record(corpus_dir: Path, known: dict | None = None) -> dict:
    """The corpus as an index manifest records it: {"files": name -> sha256, "stats": name ->
    file_stat, "stated_ns": when the stats were taken, "listed": the manifest's files}. With `known` (an earlier record), a
    file whose stat is unchanged and was not racily fresh then keeps its known hash."""
    stated_ns = time.time_ns()
    prints: dict[str, str] = {}
    stats: dict[str, list[int]] = {}
    paths, listed = corpus_files(corpus_dir, known)
    for name, path in sorted(paths.items()):
        try:
            stat = file_stat(path)
        except OSError as exc:
            prints[name] = f"unreadable:{exc.strerror}"
            continue
        if _untouched(name, path, known, stat):
            prints[name] = known["files"][name]
        else:
            try:
                prints[name] = sha256_bytes(path.read_bytes())
            except OSError as exc:
                prints[name] = f"unreadable:{exc.strerror}"
                continue
        stats[name] = stat
    return {"files": prints, "stats": stats, "stated_ns": stated_ns, "listed": listed}


def corpus_fingerprint(corpus_dir: Path, known: dict | None = None) -> dict[str, str]:
    """sha256 of every file that shapes the index (see `corpus_record`)."""
    return corpus_record(corpus_dir, known)["files"]
