"""The manifest as `qa add`, `remove` and `restore` write it: read for editing with tomlkit (its
comments stay), checked and replaced atomically, and made for a new library. Apart from
`qa.ingest.library` (what a file added must be) because removal and restore write it too, and
every write must leave a manifest the next command can read.
"""
from __future__ import annotations

import os
import tempfile
import tomllib
from pathlib import Path

import tomlkit

from qa.ingest.corpus import MANIFEST_NAME, load_manifest, manifest_metas


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_manifest(corpus_dir: Path, doc: tomlkit.TOMLDocument) -> None:
    """Replace manifest.toml atomically, once the new one passes the checks every command
    makes when it reads it (an entry restored from a damaged trash file, a duplicate file):
    a refused change leaves the old manifest, never one the next command cannot read."""
    text = tomlkit.dumps(doc)
    manifest_metas(tomllib.loads(text).get("documents") or [], corpus_dir)
    replace_manifest(corpus_dir, text.encode("utf-8"))


def replace_manifest(corpus_dir: Path, data: bytes) -> None:
    """Write manifest.toml as these bytes, atomically (also: put back the exact bytes an undone
    change started from, so the index sees the corpus it was built from)."""
    replace_file(corpus_dir / MANIFEST_NAME, data, prefix=".manifest-")


def replace_file(target: Path, data: bytes, prefix: str = ".") -> None:
    """Write `target` as these bytes, atomically: a temporary file in its folder, then a rename,
    so an interrupted or failed write (Ctrl-C, a full disk) leaves the old file whole."""
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=target.parent)
    try:  # mkstemp makes the file private (0600); the file keeps the mode it had
        os.chmod(tmp, target.stat().st_mode & 0o7777 if target.exists() else 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_manifest_doc(corpus_dir: Path, allow_empty: bool = False) -> tomlkit.TOMLDocument:
    load_manifest(corpus_dir, allow_empty)  # validates, with the usual one-line errors
    doc = tomlkit.parse((corpus_dir / MANIFEST_NAME).read_text(encoding="utf-8"))
    if "documents" not in doc:  # a new library's manifest, before its first document
        doc["documents"] = tomlkit.aot()
    return doc


NEW_MANIFEST = """# Corpus manifest: one [[documents]] table per article, written by `qa add`.
# Fields: id (short, unique, used by --doc), file (the text, relative to this folder), source
# (the PDF it was read from), title, authors, journal, year, doi, citation_style ("auto" lets
# ingestion detect it), confirmed (has a person checked the metadata?), note.
"""


def new_library(corpus_dir: Path) -> str:
    """Make `corpus_dir` a new, empty library when it does not exist or is an empty folder (the
    first `qa add` to a folder of one's own): 'folder' when it made the folder, 'manifest' when
    only the manifest, '' when neither. A folder holding anything else without a manifest is left
    alone: the add then stops with the usual one-line error."""
    corpus_dir = Path(corpus_dir)
    if corpus_dir.exists() and (not corpus_dir.is_dir() or any(corpus_dir.iterdir())):
        return ""
    made_folder = not corpus_dir.exists()
    corpus_dir.mkdir(parents=True, exist_ok=True)
    try:
        (corpus_dir / MANIFEST_NAME).write_text(NEW_MANIFEST, encoding="utf-8")
    except OSError:
        if made_folder:
            corpus_dir.rmdir()
        raise
    return "folder" if made_folder else "manifest"


def drop_new_library(corpus_dir: Path, made: str) -> None:
    """Take back what `new_library` made (`made`) when no document went into it (all or nothing)."""
    corpus_dir = Path(corpus_dir)
    (corpus_dir / MANIFEST_NAME).unlink(missing_ok=True)
    if made == "folder":
        try:
            corpus_dir.rmdir()  # only when nothing else is in it
        except OSError:
            pass
