"""Adding and removing a user's own articles: files copied into the corpus, manifest edited.

Everything is checked before anything is written: a file that cannot be read as an article
(missing, empty, binary, a PDF without text layer, encrypted, damaged, too long, not an
article) is refused with one line and leaves the corpus as it was. The manifest is edited
with tomlkit (its comments stay) and replaced atomically (temporary file + os.replace), and
a copied file never overwrites another. A PDF is kept next to the text extracted from it
(`<id>.pdf` and `<id>.txt`), so ingestion reads the text and is deterministic.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import tomlkit

from qa.ingest.corpus import decode_text  # one reading rule for added and listed texts

from qa.errors import QAError
from qa.ingest.corpus import MANIFEST_NAME, load_manifest, sha256_bytes
from qa.ingest.pdf import PdfError, read_pdf
from qa.ingest.pdf.metadata import DATED_YEAR, DOI, clean_doi

SAFE_ID = re.compile(r"[A-Za-z0-9._-]+")
ADDABLE = {".pdf", ".txt"}


class AddError(QAError):
    """One file cannot be added; the corpus is unchanged."""


@dataclass
class Prepared:
    """A file read and checked, ready to be copied into the corpus."""

    path: Path
    entry: dict
    text: str | None  # extracted text to write as <id>.txt (PDFs)
    pages: int = 0
    warnings: list[str] = field(default_factory=list)


def safe_id(stem: str, taken: set[str]) -> str:
    """The file stem if it is already a safe id, else a slug of it; made unique."""
    base = stem if SAFE_ID.fullmatch(stem) else re.sub(
        r"[^a-z0-9._-]+", "-", unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode().lower()
    ).strip("-._")
    base = base or "article"
    candidate, n = base, 2
    while candidate.lower() in {t.lower() for t in taken}:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def text_metadata(text: str) -> dict:
    """What a plain text says about itself near its start: a title line, DOI, year."""
    head = text[:6000]
    entry: dict = {}
    for line in head.splitlines():
        words = line.split()
        if 3 <= len(words) <= 40 and not DOI.search(line):
            entry["title"] = " ".join(words)
            break
    m = DOI.search(head)
    if m:
        entry["doi"] = clean_doi(m.group(1))
    years = [int(next(g for g in y.groups() if g)) for y in DATED_YEAR.finditer(head)]
    if years:
        entry["year"] = max(years)
    return entry


def prepare(path: Path, taken: set[str], known_hashes: dict[str, str], doc_id: str | None,
            max_pages: int) -> Prepared:
    """Read and check one file; raises AddError with one line."""
    if not path.exists():
        raise AddError(f"{path}: file not found")
    if not path.is_file():
        raise AddError(f"{path}: not a file")
    suffix = path.suffix.lower()
    if suffix not in ADDABLE:
        raise AddError(f"{path.name}: only .pdf and .txt files can be added")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise AddError(f"{path.name}: cannot read: {exc.strerror}") from None
    digest = sha256_bytes(data)
    if digest in known_hashes:
        raise AddError(f"{path.name} is already in the corpus as {known_hashes[digest]!r}")
    if doc_id is not None and not SAFE_ID.fullmatch(doc_id):
        raise AddError(f"invalid id {doc_id!r}: use letters, digits, '.', '_' or '-'")
    if doc_id is not None and doc_id.lower() in {t.lower() for t in taken}:
        raise AddError(f"id {doc_id!r} is already in the corpus")
    new_id = doc_id or safe_id(path.stem, taken)
    warnings: list[str] = []
    entry: dict = {"id": new_id}
    if suffix == ".pdf":
        try:
            pdf = read_pdf(path, max_pages=max_pages)
        except PdfError as exc:
            raise AddError(str(exc)) from None
        entry.update({"file": f"{new_id}.txt", "source": f"{new_id}.pdf", "title": pdf.title,
                      "authors": pdf.authors, "journal": pdf.journal, "doi": pdf.doi})
        if pdf.year:
            entry["year"] = pdf.year
        text, pages, warnings = pdf.text, pdf.pages, list(pdf.warnings)
    else:
        if not data.strip():
            raise AddError(f"{path.name} is empty")
        if b"\x00" in data[:65536]:
            raise AddError(f"{path.name} looks binary (NUL bytes), not text")
        decoded, warnings = decode_text(data, path.name)
        if len(decoded.split()) < 100:
            raise AddError(f"{path.name} does not look like an article: only {len(decoded.split())} words")
        entry.update({"file": f"{new_id}.txt", **text_metadata(decoded)})
        text, pages = (decoded if warnings else None), 0
    entry = {k: v for k, v in entry.items() if v not in ("", [], None)}
    entry.update({"citation_style": "auto", "confirmed": False,
                  "note": f"Added by `qa add` from {path.name}; metadata read from the article, not verified."})
    return Prepared(path=path, entry=entry, text=text, pages=pages, warnings=warnings)


def expand_paths(paths: list[Path]) -> list[Path]:
    """Files as given; a folder stands for the .pdf and .txt files in it (sorted)."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in ADDABLE))
        else:
            out.append(p)
    return out


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_manifest(corpus_dir: Path, doc: tomlkit.TOMLDocument) -> None:
    """Replace manifest.toml atomically."""
    target = corpus_dir / MANIFEST_NAME
    fd, tmp = tempfile.mkstemp(prefix=".manifest-", suffix=".tmp", dir=corpus_dir)
    try:  # mkstemp makes the file private (0600); the manifest keeps the mode it had
        os.chmod(tmp, target.stat().st_mode & 0o7777 if target.exists() else 0o666 & ~_umask())
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(tomlkit.dumps(doc))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_manifest_doc(corpus_dir: Path) -> tomlkit.TOMLDocument:
    load_manifest(corpus_dir)  # validates, with the usual one-line errors
    return tomlkit.parse((corpus_dir / MANIFEST_NAME).read_text(encoding="utf-8"))


def known_hashes(corpus_dir: Path, entries: list) -> dict[str, str]:
    """sha256 of every document's file and source file -> its id."""
    out: dict[str, str] = {}
    for e in entries:
        for name in (e.get("file"), e.get("source")):
            path = corpus_dir / str(name) if name else None
            if path is not None and path.is_file():
                out[hashlib.sha256(path.read_bytes()).hexdigest()] = str(e["id"])
    return out


def add_files(paths: list[Path], corpus_dir: Path, doc_id: str | None = None,
              max_pages: int = 200) -> tuple[list[Prepared], list[str]]:
    """Add every readable file; returns (added, one error line per refused file)."""
    corpus_dir = Path(corpus_dir)
    files = expand_paths([Path(p) for p in paths])
    if not files:
        raise AddError("no .pdf or .txt files to add")
    if doc_id is not None and len(files) != 1:
        raise AddError("--id needs exactly one file")
    doc = read_manifest_doc(corpus_dir)
    entries = doc["documents"]
    taken = {str(e["id"]) for e in entries} | {p.stem for p in corpus_dir.iterdir()}
    hashes = known_hashes(corpus_dir, entries)
    ready: list[Prepared] = []
    errors: list[str] = []
    for path in files:
        try:
            item = prepare(path, taken, hashes, doc_id, max_pages)
        except AddError as exc:
            errors.append(str(exc))
            continue
        taken.add(item.entry["id"])
        hashes[sha256_bytes(path.read_bytes())] = item.entry["id"]
        ready.append(item)
    if not ready:
        return [], errors
    written: list[Path] = []
    try:
        for item in ready:
            source = item.entry.get("source") or item.entry["file"]
            dest = corpus_dir / source
            if dest.exists():
                raise AddError(f"{dest.name} already exists in the corpus folder")
            shutil.copyfile(item.path, dest)
            written.append(dest)
            if item.text is not None:
                text_path = corpus_dir / item.entry["file"]
                if text_path.exists() and text_path != dest:
                    raise AddError(f"{text_path.name} already exists in the corpus folder")
                text_path.write_text(item.text, encoding="utf-8")
                written.append(text_path)
            table = tomlkit.table()
            for key, value in item.entry.items():
                table[key] = value
            entries.append(table)
        write_manifest(corpus_dir, doc)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return ready, errors


def remove_document(corpus_dir: Path, doc_id: str) -> list[str]:
    """Drop one entry from the manifest and delete its files in the corpus folder."""
    corpus_dir = Path(corpus_dir)
    doc = read_manifest_doc(corpus_dir)
    entries = doc["documents"]
    index = next((i for i, e in enumerate(entries) if str(e["id"]) == doc_id), None)
    if index is None:
        raise QAError(f"unknown document {doc_id!r}; known: {', '.join(str(e['id']) for e in entries)}")
    if len(entries) == 1:
        raise QAError(f"{doc_id!r} is the only document; the corpus cannot be empty")
    entry = entries[index]
    files = [corpus_dir / str(entry[k]) for k in ("file", "source") if entry.get(k)]
    del entries[index]
    write_manifest(corpus_dir, doc)
    removed = []
    root = corpus_dir.resolve()
    for path in files:
        if path.resolve().parent == root and path.is_file():
            path.unlink()
            removed.append(path.name)
    return removed
