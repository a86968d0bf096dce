"""`qa remove` and `qa restore`: a removed document is moved aside, never deleted.

Its files and its manifest entry go to `<corpus>/.removed/<id>-<UTC time>/` (the files as they
were, under their path relative to the corpus folder, so a text kept in a subfolder goes back
there; the entry as `entry.toml`), so a removal can be taken back with `qa restore ID`. The
folder is hidden and is not a file of the corpus folder itself: the corpus reader and the
index's freshness check only look at the corpus folder's own files and the files the manifest
lists, so a moved file is never taken for a corpus document.

An `entry.toml` is a file a person can edit or damage: it is read with the manifest's own
checks, and a damaged one is one line naming it (robustness hunt: it was an internal error),
which only concerns the removal it belongs to.
"""
from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import tomlkit
from pydantic import ValidationError
from tomlkit.exceptions import TOMLKitError

from qa.errors import QAError
from qa.ingest.add_journal import MOVES, clear_move, note_move, read_move
from qa.ingest.corpus import MANIFEST_NAME, first_error
from qa.ingest.manifest_file import read_manifest_doc, replace_manifest, write_manifest
from qa.models import DocumentMeta

TRASH = ".removed"
ENTRY = "entry.toml"
STAMP = re.compile(r"(?P<id>.+)-(?P<stamp>\d{8}T\d{6}Z)(?:-(?P<n>\d+))?")


@dataclass
class Removed:
    """Where a removed document went: its folder under .removed and the files moved there
    (paths relative to the corpus folder)."""

    doc_id: str
    folder: Path
    files: list[str]
    before: bytes = b""  # the manifest as it was before the change (for `undo`)
    entry: bytes | None = None  # a restore: the entry.toml it used up


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


def _own_files(corpus_dir: Path, entry) -> list[str]:
    """The entry's file and source as paths relative to the corpus folder (as the manifest
    writes them, normalised; a symlink is moved as the link), those that exist inside it."""
    root = corpus_dir.resolve()
    out: list[str] = []
    for key in ("file", "source"):
        name = entry.get(key)
        if not name:
            continue
        rel = os.path.normpath(str(name))
        path = corpus_dir / rel
        if (os.path.isabs(rel) or rel.split(os.sep)[0] in ("..", TRASH)
                or not path.parent.resolve().is_relative_to(root)
                or not (path.is_file() or path.is_symlink()) or rel in out):
            continue
        out.append(rel)
    return out


def _move(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(source, target)  # same file system: a rename, nothing copied


def remove_document(corpus_dir: Path, doc_id: str) -> Removed:
    """Drop one entry from the manifest and move its files (and the entry) to .removed/.

    The entry is saved first, then the manifest is replaced, then the files are moved: at
    every step each file is in the corpus folder or in the trash folder, never nowhere. A step
    that fails (a full disk) takes the earlier ones back."""
    corpus_dir = Path(corpus_dir)
    doc = read_manifest_doc(corpus_dir)
    before = (corpus_dir / MANIFEST_NAME).read_bytes()
    entries = doc["documents"]
    index = next((i for i, e in enumerate(entries) if str(e["id"]) == doc_id), None)
    if index is None:
        raise QAError(f"unknown document {doc_id!r}; known: {', '.join(str(e['id']) for e in entries)}")
    if len(entries) == 1:
        raise QAError(f"{doc_id!r} is the only document; the corpus cannot be empty")
    entry = entries[index]
    files = _own_files(corpus_dir, entry)
    folder = _trash_folder(corpus_dir, doc_id)
    saved = tomlkit.document()
    saved.add(tomlkit.comment(f"Removed by `qa remove {doc_id}`; `qa restore {doc_id}` puts it back."))
    saved["position"] = index  # restored where it was: the manifest reads as before the removal
    saved["document"] = _table(entry)
    try:
        (folder / ENTRY).write_text(tomlkit.dumps(saved), encoding="utf-8")
        note_move(corpus_dir, "remove", doc_id, folder, files)  # a kill from here on is finished by the next command
        del entries[index]
        write_manifest(corpus_dir, doc)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)  # no half-written entry.toml left to restore
        _drop_empty_trash(corpus_dir)
        clear_move(corpus_dir)
        raise
    moved: list[str] = []
    try:
        for rel in files:
            _move(corpus_dir / rel, folder / rel)
            moved.append(rel)
    except BaseException:
        for rel in moved:
            _move(folder / rel, corpus_dir / rel)
        replace_manifest(corpus_dir, before)  # its exact old bytes
        shutil.rmtree(folder, ignore_errors=True)
        _drop_empty_trash(corpus_dir)
        clear_move(corpus_dir)
        raise
    clear_move(corpus_dir)
    return Removed(doc_id, folder, files, before)


def _drop_empty_trash(corpus_dir: Path) -> None:
    trash = Path(corpus_dir) / TRASH
    if trash.is_dir() and not any(trash.iterdir()):
        trash.rmdir()  # no removed documents left: no trash folder either


def _order(folder: Path) -> tuple[str, int]:
    m = STAMP.fullmatch(folder.name)
    return (m["stamp"], int(m["n"] or 1)) if m else ("", 0)


def removed_versions(corpus_dir: Path, doc_id: str) -> list[Path]:
    """The trash folders holding `doc_id`, oldest first: found by their names, not read, so a
    damaged entry of another document (whose id `doc_id` may begin) does not matter here."""
    trash = Path(corpus_dir) / TRASH
    if not trash.is_dir():
        return []
    return sorted((f for f in trash.iterdir() if f.is_dir() and (f / ENTRY).is_file()
                   and (m := STAMP.fullmatch(f.name)) and m["id"] == doc_id), key=_order)


def removed_ids(corpus_dir: Path) -> list[str]:
    """The ids that have a removal to restore (by folder name)."""
    trash = Path(corpus_dir) / TRASH
    if not trash.is_dir():
        return []
    return sorted({m["id"] for f in trash.iterdir()
                   if f.is_dir() and (f / ENTRY).is_file() and (m := STAMP.fullmatch(f.name))})


def read_entry(folder: Path, doc_id: str, earlier: bool = False) -> tuple[dict, int | None]:
    """(the saved manifest entry, its position) of one removal, checked as the manifest's
    entries are; anything else is a QAError naming the file (`earlier`: another removal of
    the same id is kept, which moving this one's folder away would restore)."""
    path = folder / ENTRY

    def damaged(why: str) -> QAError:
        return QAError(f"{path} is damaged ({why}); fix that file" + (
            f", or move its folder out of {folder.parent} to restore the removal of {doc_id!r} before it"
            if earlier else ""))

    try:
        saved = tomlkit.parse(path.read_text(encoding="utf-8")).unwrap()
    except OSError as exc:
        raise QAError(f"cannot read {path}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise damaged("not UTF-8 text") from None
    except (TOMLKitError, ValueError) as exc:
        raise damaged(f"not valid TOML: {str(exc)[:80]}") from None
    entry = saved.get("document")
    if not isinstance(entry, Mapping):
        raise damaged("no [document] table")
    try:
        meta = DocumentMeta(**entry)
    except ValidationError as exc:
        raise damaged(first_error(exc)) from None
    except TypeError as exc:
        raise damaged(str(exc)) from None
    if meta.id != doc_id:
        raise damaged(f"it holds document {meta.id!r}, not {doc_id!r}")
    position = saved.get("position")
    if position is not None and (isinstance(position, bool) or not isinstance(position, int) or position < 0):
        raise damaged(f"position must be a whole number, got {position!r}")
    return dict(entry), position


def restore_document(corpus_dir: Path, doc_id: str) -> Removed:
    """Put the latest removal of `doc_id` back: its files where they were in the corpus folder,
    its entry into the manifest where it was. Refused if the id or a file name is taken meanwhile."""
    corpus_dir = Path(corpus_dir)
    versions = removed_versions(corpus_dir, doc_id)
    if not versions:
        others = removed_ids(corpus_dir)
        raise QAError(f"no removed document {doc_id!r} in {corpus_dir / TRASH}"
                      + (f"; removed: {', '.join(others)}" if others else ""))
    folder = versions[-1]
    entry, position = read_entry(folder, doc_id, earlier=len(versions) > 1)
    doc = read_manifest_doc(corpus_dir)
    before, saved = (corpus_dir / MANIFEST_NAME).read_bytes(), (folder / ENTRY).read_bytes()
    entries = doc["documents"]
    if any(str(e["id"]).lower() == doc_id.lower() for e in entries):
        raise QAError(f"{doc_id!r} is in the corpus again; remove it first or restore by hand from {folder}")
    files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")
                   if (p.is_file() or p.is_symlink()) and p != folder / ENTRY)
    taken = [rel for rel in files if os.path.lexists(corpus_dir / rel)]
    if taken:
        raise QAError(f"{', '.join(taken)} already in the corpus folder; move it away to restore {doc_id!r}")
    moved: list[str] = []
    try:
        note_move(corpus_dir, "restore", doc_id, folder, files)  # a kill from here on is finished by the next command
        for rel in files:
            _move(folder / rel, corpus_dir / rel)
            moved.append(rel)
        entries.insert(len(entries) if position is None else min(position, len(entries)), _table(entry))
        write_manifest(corpus_dir, doc)
    except BaseException:
        for rel in moved:
            _move(corpus_dir / rel, folder / rel)
        clear_move(corpus_dir)
        raise
    _clear(corpus_dir, folder)
    clear_move(corpus_dir)
    return Removed(doc_id, folder, files, before, saved)


def _clear(corpus_dir: Path, folder: Path) -> None:
    """Delete a trash folder whose files were moved out: its entry.toml and emptied subfolders
    (rmdir, never a recursive delete: a file left in it stays, with its folder)."""
    (folder / ENTRY).unlink(missing_ok=True)
    for sub in sorted((p for p in folder.rglob("*") if p.is_dir()), key=lambda p: -len(p.parts)):
        sub.rmdir()  # the emptied subfolders of files kept in corpus subfolders
    folder.rmdir()
    _drop_empty_trash(corpus_dir)


def undo(corpus_dir: Path, change: Removed) -> None:
    """Take a removal or a restore back (its index update failed): the files go where they
    were, the manifest gets its exact old bytes (so the index built from it is current again)
    and the trash folder is as it was."""
    corpus_dir = Path(corpus_dir)
    if change.entry is None:  # a removal
        for rel in change.files:
            _move(change.folder / rel, corpus_dir / rel)
        replace_manifest(corpus_dir, change.before)
        _clear(corpus_dir, change.folder)
        return
    change.folder.mkdir(parents=True, exist_ok=True)
    (change.folder / ENTRY).write_bytes(change.entry)
    for rel in change.files:
        _move(corpus_dir / rel, change.folder / rel)
    replace_manifest(corpus_dir, change.before)


def finish_interrupted_move(corpus_dir: Path, listed_ids: set[str]) -> str:
    """Finish or take back a `remove`/`restore` killed between moving its files and writing the
    manifest (qa.ingest.add_journal.note_move); the manifest decides which (`listed_ids`: its ids).
    Returns a note saying what was done ('' when nothing was pending). Called under the corpus lock,
    so no remove or restore is running; only the journal's own files are moved, and a file is never
    moved onto one that exists."""
    corpus_dir = Path(corpus_dir)
    for stale in corpus_dir.glob(f"{MOVES}.*"):  # a journal killed while being written
        stale.unlink(missing_ok=True)
    move = read_move(corpus_dir)
    if move is None:
        return ""
    doc_id, folder = move["id"], corpus_dir / move["folder"]
    files = [rel for rel in move["files"] if _plain(rel)]
    if not _plain(move["folder"]) or Path(move["folder"]).parts[0] != TRASH:
        clear_move(corpus_dir)
        return ""
    listed = doc_id in listed_ids

    def put(rels: list[str], source: Path, target: Path) -> None:
        for rel in rels:
            if os.path.lexists(source / rel) and not os.path.lexists(target / rel):
                _move(source / rel, target / rel)

    if move["command"] == "remove" and not listed:  # the manifest was written: move what is left
        put(files, corpus_dir, folder)
        note = (f"finished the removal of {doc_id}: an earlier qa remove was killed before it moved the "
                f"document's files to {folder} (qa restore {doc_id} puts it back)")
    elif move["command"] == "remove":  # killed before the manifest changed: the document stays
        put(files, folder, corpus_dir)
        _tidy(corpus_dir, folder)
        note = f"took back an unfinished qa remove of {doc_id} (killed before it changed the manifest); it is in the corpus"
    elif listed:  # a restore whose manifest was written: only its emptied .removed folder is left
        _tidy(corpus_dir, folder)
        note = f"finished the restore of {doc_id} (an earlier qa restore was killed before it tidied {TRASH})"
    else:  # a restore killed before the manifest: its files go back to the removal
        put(files, corpus_dir, folder)
        note = (f"took back an unfinished qa restore of {doc_id} (killed before it changed the manifest); "
                f"qa restore {doc_id} puts it back")
    clear_move(corpus_dir)
    return note


def _tidy(corpus_dir: Path, folder: Path) -> None:
    """`_clear` a .removed folder if it is there; one still holding a file stays as it is."""
    if folder.is_dir():
        try:
            _clear(corpus_dir, folder)
        except OSError:
            pass


def _plain(rel: str) -> bool:
    """A path relative to the corpus folder that stays inside it."""
    path = os.path.normpath(rel)
    return bool(rel) and not os.path.isabs(path) and path.split(os.sep)[0] != ".."
