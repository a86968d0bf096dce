"""Adding and removing a user's own articles: files copied into the corpus, manifest edited.

Everything is checked before anything is written: a file that cannot be read as an article
(missing, empty, binary, a PDF without text layer, encrypted, damaged, too long, not an
article) is refused with one line and leaves the corpus as it was. The manifest is edited
with tomlkit (its comments stay) and replaced atomically (`qa/ingest/manifest_file.py`), and
a copied file never overwrites another. A PDF is kept next to the text extracted from it
(`<id>.pdf` and `<id>.txt`), so ingestion reads the text and is deterministic. Removing
(`qa/ingest/removal.py`) moves a document aside, it never deletes it.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import tomlkit

from qa.ingest.corpus import decode_with  # one reading rule for added and listed texts
from qa.ingest.add_journal import clear_pending, note_pending, pending_orphans
from qa.ingest.add_metadata import one_file_only
from qa.ingest.add_paths import ADDABLE, Candidate, expand_paths, gather, repeated_files  # noqa: F401 - re-exported
from qa.ingest.library_checks import CopyFinder, not_an_article
from qa.ingest.locking import exclusive_flock
from qa.ingest.manifest_file import (  # noqa: F401 - re-exported
    NEW_MANIFEST, drop_new_library, new_library, read_manifest_doc, replace_manifest, write_manifest,
)

from qa.errors import QAError
from qa.ingest.corpus import sha256_bytes
from qa.ingest.pdf import PdfError, read_pdf
from qa.ingest.pdf.metadata import DATED_YEAR, DOI, clean_doi

SAFE_ID = re.compile(r"[A-Za-z0-9._-]+")
# An id names the document's files (`<id>.pdf`, `<id>-2.pdf`) and its removal folder
# (`.removed/<id>-<UTC time>-<n>`), each one file name of at most 255 bytes (NAME_MAX): robustness
# sweep 32 added a PDF under a 251-character name, and it could then never be removed ("File name
# too long"), nor a second file of that name added. 100 leaves room for every suffix.
MAX_ID = 100
MAX_BYTES_PER_CHAR = 4  # UTF-32; UTF-8 and UTF-16 take at most 4 bytes a character too


class AddError(QAError):
    """One file cannot be added; the corpus is unchanged. `kind` groups the reasons in the
    one-line summary of files a folder add skipped."""

    def __init__(self, message: str, kind: str = "unreadable") -> None:
        super().__init__(message)
        self.kind = kind


@dataclass
class Prepared:
    """A file read and checked, ready to be copied into the corpus."""

    path: Path
    entry: dict
    text: str | None  # extracted text to write as <id>.txt (PDFs)
    pages: int = 0
    warnings: list[str] = field(default_factory=list)
    body: str = ""  # the text ingestion will read (for the copy check)
    margin_pages: int = 0  # pages whose rotated margin stamp was left out (a note, not a warning)


@contextmanager
def corpus_lock(corpus_dir: Path, waiting: Callable[[], None] = lambda: None) -> Iterator[None]:
    """Exclusive lock on a corpus folder for `qa add`, `remove` and `restore`, held from reading
    the manifest to the index update: two adds at once each read, changed and wrote the manifest,
    and one add was lost while both printed "added". A second command waits (`waiting` is told)."""
    try:  # the folder itself is locked, so no lock file ever appears among the user's files
        fd = os.open(Path(corpus_dir), os.O_RDONLY | os.O_DIRECTORY)
    except OSError as exc:
        raise QAError(f"the corpus folder {corpus_dir} cannot be opened: {exc.strerror}") from None
    with exclusive_flock(fd, waiting):
        yield


def safe_id(stem: str, taken: set[str]) -> str:
    """The file stem if it is already a safe id, else a slug of it; made unique."""
    base = stem if SAFE_ID.fullmatch(stem) else re.sub(
        r"[^a-z0-9._-]+", "-", unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode().lower()
    ).strip("-._")
    base = base[:MAX_ID].rstrip("-._") or "article"
    candidate, n = base, 2
    while candidate.lower() in {t.lower() for t in taken}:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def shown(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 (argv and the file system hand them over as
    lone surrogates) become U+FFFD, as a terminal shows them. Robustness hunt: a Latin-1 file
    name reached the manifest's note, and writing the manifest failed (an internal error)."""
    return os.fsencode(name).decode("utf-8", "replace")


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
            max_pages: int, max_file_mb: float | None = None) -> Prepared:
    """Read and check one file; raises AddError with one line. The size gate (`too_large`) is
    `plan_add`'s, run once before the file is hashed (robustness sweep 33: it ran here a second time)."""
    if not path.exists():
        if any(sign in path.name for sign in "*?["):  # sweep 31: a shell passes an unmatched pattern as typed
            raise AddError(f"{path}: no file matches this pattern (the shell passed it on as typed)")
        raise AddError(f"{path}: file not found")
    if not path.is_file():
        raise AddError(f"{path}: not a file")
    suffix = path.suffix.lower()
    if suffix not in ADDABLE:
        raise AddError(f"{path.name}: only .pdf and .txt files can be added", "not .pdf/.txt")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise AddError(f"{path.name}: cannot read: {exc.strerror}") from None
    if not data.strip():  # of any kind: an empty .pdf is empty, not "not a PDF" (user trial 25)
        raise AddError(f"{path.name} is empty", "empty")
    digest = sha256_bytes(data)
    if digest in known_hashes:
        raise AddError(f"{path.name} is already in the corpus as {known_hashes[digest]!r}", "already in the corpus")
    if doc_id is not None and not SAFE_ID.fullmatch(doc_id):
        raise AddError(f"invalid id {doc_id!r}: use letters, digits, '.', '_' or '-'")
    if doc_id is not None and len(doc_id) > MAX_ID:
        raise AddError(f"the id is too long ({len(doc_id)} characters; the limit is {MAX_ID})")
    if doc_id is not None and doc_id.lower() in {t.lower() for t in taken}:
        raise AddError(f"id {doc_id!r} is already in the corpus")
    new_id = doc_id or safe_id(path.stem, taken)
    warnings: list[str] = []
    margin_pages = 0
    entry: dict = {"id": new_id}
    if suffix == ".pdf":
        try:
            pdf = read_pdf(path, max_pages=max_pages)
        except PdfError as exc:
            raise AddError(str(exc), "not articles" if "look like an article" in str(exc) else "unreadable") from None
        entry.update({"file": f"{new_id}.txt", "source": f"{new_id}.pdf", "title": pdf.title,
                      "authors": pdf.authors, "journal": pdf.journal, "doi": pdf.doi})
        if pdf.year:
            entry["year"] = pdf.year
        text, pages, warnings, body = pdf.text, pdf.pages, list(pdf.warnings), pdf.text
        margin_pages = pdf.margin_pages
    else:
        try:
            decoded, warnings, encoding = decode_with(data, path.name)
        except QAError as exc:  # binary, or a BOM that lies: refused in one line
            raise AddError(str(exc)) from None
        if encoding in ("utf-16", "utf-32"):  # the corpus keeps UTF-8 (the note says what was read)
            warnings.append(f"{path.name}: read as {encoding.upper()} (byte-order mark)")
        warnings = [w + "; stored in the corpus as UTF-8" if "read as" in w else w for w in warnings]
        entry.update({"file": f"{new_id}.txt", **text_metadata(decoded)})
        text, pages, body = (decoded if warnings else None), 0, decoded
    size = len(body.encode("utf-8"))
    if max_file_mb is not None and size > max_file_mb * 1e6:  # the corpus reader would skip it
        raise AddError(f"{path.name}: its text is {size / 1e6:.3g} MB, above the {max_file_mb:g} MB limit "
                       "(QA_MAX_FILE_MB)", "too large")
    why = not_an_article(body)  # a PDF's text too (sweep 30: a PDF of a reference list alone was added)
    if why:
        raise AddError(f"{path.name} does not look like an article: {why}", "not articles")
    entry = {k: v for k, v in entry.items() if v not in ("", [], None)}
    entry.update({"citation_style": "auto", "confirmed": False,
                  "note": f"Added by `qa add` from {shown(path.name)}; metadata read from the article, not verified."})
    return Prepared(path=path, entry=entry, text=text, pages=pages, warnings=warnings,
                    body=body, margin_pages=margin_pages)


@dataclass
class AddPlan:
    """What an add does: the files ready to add, the named files refused (errors: then
    nothing is written), and the folder files skipped, by reason."""

    ready: list[Prepared] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    skipped: dict[str, list[Path]] = field(default_factory=dict)
    reasons: dict[Path, str] = field(default_factory=dict)
    refused: dict[str, str] = field(default_factory=dict)  # each named file refused -> its line (`errors`)
    repeated: list[Path] = field(default_factory=list)  # the files given more than once, taken once

    def skip(self, kind: str, path: Path, why: str = "") -> None:
        self.skipped.setdefault(kind, []).append(path)
        self.reasons[path] = why or kind

    @property
    def skipped_count(self) -> int:
        return sum(map(len, self.skipped.values()))


def known_hashes(corpus_dir: Path, entries: list) -> dict[str, str]:
    """sha256 of every document's file and source file -> its id."""
    out: dict[str, str] = {}
    for e in entries:
        for name in (e.get("file"), e.get("source")):
            path = corpus_dir / str(name) if name else None
            if path is not None and path.is_file():
                out[hashlib.sha256(path.read_bytes()).hexdigest()] = str(e["id"])
    return out


def plan_add(paths: list[Path], corpus_dir: Path, doc_id: str | None = None,
             max_pages: int = 200, sketch_cache: Path | None = None,
             max_file_mb: float | None = None, metadata: dict | None = None,
             progress: Callable[[float, str], None] | None = None) -> AddPlan:
    """Read and check every file; nothing is written. A named file that cannot be added is an
    error, a file found in a folder that cannot be added is skipped. `metadata` (`qa.ingest.add_metadata.given_metadata`)
    replaces what was read of the one file added; it and `doc_id` given for more than one file are an
    `ArgumentError` (`one_file_only`), raised before any file is read. `progress(fraction, message)`
    is told each file before it is read (a PDF takes seconds) and once when all are read."""
    corpus_dir = Path(corpus_dir)
    gathered = gather([Path(p) for p in paths])  # each named folder listed once
    files, other = gathered.files, gathered.other
    plan = AddPlan(repeated=gathered.repeated)
    for path in other:
        plan.skip("not .pdf/.txt", path)
    if not files:
        raise AddError("no .pdf or .txt files to add" + (f" ({len(other)} files of other kinds)" if other else ""))
    one_file_only(len(files), doc_id, metadata)  # an ArgumentError in the library's terms
    entries = read_manifest_doc(corpus_dir, allow_empty=True)["documents"]
    orphans = pending_orphans(corpus_dir, entries)  # a killed add's copies: the sweep frees their names
    taken = {str(e["id"]) for e in entries} | {p.stem for p in corpus_dir.iterdir() if p.name not in orphans}
    hashes = known_hashes(corpus_dir, entries)
    copies = CopyFinder.of_corpus(corpus_dir, entries, sketch_cache)
    pending: dict[str, Path] = {}  # sha256 -> the file of this add that has those bytes
    for k, cand in enumerate(files):
        if progress is not None:
            progress(k / len(files), f"reading {k + 1}/{len(files)}: {shown(cand.path.name)}")
        try:
            too_large(cand.path, cand.path.suffix.lower(), max_file_mb)  # before hashing it
            digest = _sha256_of(cand.path)
            if digest in pending:
                raise AddError(f"{cand.path.name} has the same bytes as {pending[digest]}, given earlier in this add",
                               "copies of a document")
            item = prepare(cand.path, taken, hashes, doc_id, max_pages, max_file_mb)
            if metadata:
                item.entry.update(metadata)
                item.entry["note"] = f"Added by `qa add` from {shown(cand.path.name)}; metadata given with the add."
            copy = copies.copy_of(item.body)
            if copy:
                raise AddError(f"{cand.path.name} repeats most of {copy[0]!r} ({copy[1]:.0%} of the smaller "
                               "text's 8-word sequences): a copy, version or part of it", "copies of a document")
        except AddError as exc:
            if cand.folder is None:
                plan.errors.append(str(exc))
                plan.refused[str(cand.path)] = str(exc)
            else:
                plan.skip(exc.kind, cand.path, str(exc))
            continue
        taken.add(item.entry["id"])
        if digest is not None:
            pending[digest] = cand.path
        copies.add(item.entry["id"], item.body)
        plan.ready.append(item)
    if progress is not None:
        progress(1.0, f"read {len(files)} file{'s' if len(files) != 1 else ''}: {len(plan.ready)} ready")
    return plan


def _sha256_of(path: Path) -> str | None:
    try:  # a pipe or a device (/dev/zero) is never read (it would block or never end): `prepare` says why
        if not path.is_file():
            return None
        with path.open("rb") as handle:  # streamed: a huge file is not held in memory for its hash
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


def too_large(path: Path, suffix: str, max_file_mb: float | None) -> None:
    """Refuse a .txt whose size alone puts its text past the limit, before reading it: robustness
    sweep 32 added a 1 GB text, which was read, decoded and checked whole (5 GB of memory, still
    running after 5 minutes, no line printed) before the 50 MB limit was ever applied. Any encoding
    the reader takes (UTF-8, UTF-16, UTF-32, a legacy code page) stores a character in at most 4
    bytes, so a file over 4 times the limit holds more than the limit of UTF-8 text."""
    if suffix != ".txt" or max_file_mb is None:
        return
    try:
        size = path.stat().st_size
    except OSError:
        return  # the read below says why
    if size > MAX_BYTES_PER_CHAR * max_file_mb * 1e6:
        raise AddError(f"{path.name}: the file is {size / 1e6:,.0f} MB, far above the {max_file_mb:g} MB limit "
                       "for an article's text (QA_MAX_FILE_MB)", "too large")


def write_added(ready: list[Prepared], corpus_dir: Path) -> None:
    """Copy the checked files into the corpus and write their manifest entries, all or none."""
    corpus_dir = Path(corpus_dir)
    doc = read_manifest_doc(corpus_dir, allow_empty=True)
    entries = doc["documents"]
    written: list[Path] = []

    def creating(path: Path) -> None:  # before the write: a write that fails half-way is taken back,
        written.append(path)           # and one a kill -9 cut is swept by the next add (add_journal)
        note_pending(corpus_dir, [p.name for p in written])

    try:
        for item in ready:
            source = item.entry.get("source") or item.entry["file"]
            dest = corpus_dir / source
            if dest.exists():
                raise AddError(f"{dest.name} already exists in the corpus folder")
            creating(dest)
            shutil.copyfile(item.path, dest)
            if item.text is not None:
                text_path = corpus_dir / item.entry["file"]
                if text_path.exists() and text_path != dest:
                    raise AddError(f"{text_path.name} already exists in the corpus folder")
                creating(text_path)
                text_path.write_text(item.text, encoding="utf-8")
            table = tomlkit.table()
            for key, value in item.entry.items():
                table[key] = value
            entries.append(table)
        write_manifest(corpus_dir, doc)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        clear_pending(corpus_dir)
        raise
    clear_pending(corpus_dir)


def add_files(paths: list[Path], corpus_dir: Path, doc_id: str | None = None,
              max_pages: int = 200) -> AddPlan:
    """Check every file, then add the good ones only if no named file was refused."""
    plan = plan_add(paths, corpus_dir, doc_id, max_pages)
    if plan.ready and not plan.errors:
        write_added(plan.ready, corpus_dir)
    return plan


def undo_add(ready: list[Prepared], corpus_dir: Path) -> None:
    """Take an add back (its index update failed): its entries and the copies it made go.
    The user's own files were never moved, so nothing of theirs is lost."""
    corpus_dir = Path(corpus_dir)
    ids = {item.entry["id"] for item in ready}
    doc = read_manifest_doc(corpus_dir)
    entries = doc["documents"]
    for i in reversed(range(len(entries))):
        if str(entries[i]["id"]) in ids:
            del entries[i]
    write_manifest(corpus_dir, doc)
    for item in ready:
        for key in ("file", "source"):
            if item.entry.get(key):
                (corpus_dir / item.entry[key]).unlink(missing_ok=True)
