"""`qa remove` and `qa restore`: a removed document is moved aside, never deleted.

Its files and its manifest entry go to `<corpus>/.removed/<id>-<UTC time>/` (the files as they
were, the entry as `entry.toml`), so a removal can be taken back with `qa restore ID`. The
folder is hidden and is not a file of the corpus folder itself: the corpus reader and the
index's freshness check only look at the corpus folder's own files and the files the manifest
lists, so a moved file is never taken for a corpus document.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

import tomlkit

from qa.errors import QAError
from qa.ingest.library import read_manifest_doc, write_manifest

TRASH = ".removed"
ENTRY = "entry.toml"


@dataclass
class Removed:
    """Where a removed document went: its folder under .removed and the files moved there."""

    doc_id: str
    folder: Path
    files: list[str]


def _table(entry) -> tomlkit.items.Table:
    """A manifest entry as a table of its own (it is saved as [document], listed as [[documents]])."""
    table = tomlkit.table()
    for key, value in entry.items():
        table[key] = value
    return table


def _trash_folder(corpus_dir: Path, doc_id: str) -> Path:
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    base = corpus_dir / TRASH / f"{doc_id}-{stamp}"
    folder, n = base, 2
    while folder.exists():
        folder, n = base.with_name(f"{base.name}-{n}"), n + 1
    folder.mkdir(parents=True)
    return folder


def remove_document(corpus_dir: Path, doc_id: str) -> Removed:
    """Drop one entry from the manifest and move its files (and the entry) to .removed/.

    The entry is saved first, then the manifest is replaced, then the files are moved: at
    every step each file is in the corpus folder or in the trash folder, never nowhere."""
    corpus_dir = Path(corpus_dir)
    doc = read_manifest_doc(corpus_dir)
    entries = doc["documents"]
    index = next((i for i, e in enumerate(entries) if str(e["id"]) == doc_id), None)
    if index is None:
        raise QAError(f"unknown document {doc_id!r}; known: {', '.join(str(e['id']) for e in entries)}")
    if len(entries) == 1:
        raise QAError(f"{doc_id!r} is the only document; the corpus cannot be empty")
    entry = entries[index]
    root = corpus_dir.resolve()
    files = [corpus_dir / str(entry[k]) for k in ("file", "source") if entry.get(k)]
    files = [p for p in files if p.resolve().parent == root and p.is_file()]
    folder = _trash_folder(corpus_dir, doc_id)
    saved = tomlkit.document()
    saved.add(tomlkit.comment(f"Removed by `qa remove {doc_id}`; `qa restore {doc_id}` puts it back."))
    saved["position"] = index  # restored where it was: the manifest reads as before the removal
    saved["document"] = _table(entry)
    (folder / ENTRY).write_text(tomlkit.dumps(saved), encoding="utf-8")
    del entries[index]
    write_manifest(corpus_dir, doc)
    for path in files:
        os.replace(path, folder / path.name)  # same file system: a rename, nothing copied
    return Removed(doc_id, folder, [p.name for p in files])


def removed_versions(corpus_dir: Path, doc_id: str) -> list[Path]:
    """The trash folders holding `doc_id`, oldest first."""
    trash = Path(corpus_dir) / TRASH
    if not trash.is_dir():
        return []
    return sorted(f for f in trash.iterdir() if f.is_dir() and (f / ENTRY).is_file()
                  and f.name.startswith(f"{doc_id}-")
                  and str(tomlkit.parse((f / ENTRY).read_text(encoding="utf-8"))["document"]["id"]) == doc_id)


def restore_document(corpus_dir: Path, doc_id: str) -> Removed:
    """Put the latest removal of `doc_id` back: its files into the corpus folder, its entry
    into the manifest where it was. Refused if the id or a file name is taken meanwhile."""
    corpus_dir = Path(corpus_dir)
    versions = removed_versions(corpus_dir, doc_id)
    if not versions:
        raise QAError(f"no removed document {doc_id!r} in {corpus_dir / TRASH}")
    folder = versions[-1]
    saved = tomlkit.parse((folder / ENTRY).read_text(encoding="utf-8"))
    entry, position = saved["document"], int(saved.get("position", 1 << 30))
    doc = read_manifest_doc(corpus_dir)
    entries = doc["documents"]
    if any(str(e["id"]).lower() == doc_id.lower() for e in entries):
        raise QAError(f"{doc_id!r} is in the corpus again; remove it first or restore by hand from {folder}")
    files = [p for p in sorted(folder.iterdir()) if p.name != ENTRY]
    taken = [p.name for p in files if (corpus_dir / p.name).exists()]
    if taken:
        raise QAError(f"{', '.join(taken)} already in the corpus folder; move it away to restore {doc_id!r}")
    moved: list[Path] = []
    try:
        for path in files:
            os.replace(path, corpus_dir / path.name)
            moved.append(path)
        entries.insert(min(position, len(entries)), _table(entry))
        write_manifest(corpus_dir, doc)
    except BaseException:
        for path in moved:
            os.replace(corpus_dir / path.name, path)
        raise
    (folder / ENTRY).unlink()
    folder.rmdir()
    if not any(folder.parent.iterdir()):
        folder.parent.rmdir()  # no removed documents left: no trash folder either
    return Removed(doc_id, folder, [p.name for p in files])
