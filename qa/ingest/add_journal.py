"""What an unfinished `qa add`, `remove` or `restore` was doing in the corpus folder, so a killed
command leaves nothing behind.

`write_added` copies each article (and its extracted text) into the corpus folder, then replaces
the manifest. An add killed between the two (kill -9, a power cut; Ctrl-C and errors already take
their copies back) left copies no manifest entry names: they stayed in the folder for good, and
adding the same PDF again gave it another id (`<id>-2`), since its name was taken. Before each
file is created its name goes into `.qa-add-pending.json`; the journal is removed once the
manifest is written or the copies are taken back. The next command that takes the corpus lock
(`qa add`, `remove`, `restore`) finds a journal left by a dead add and deletes the files it names
that the manifest does not list (it never names a file that existed before the add: a name is
written only after checking that it is free, under the lock).

`qa remove` and `qa restore` move a document's files between the corpus folder and its
`.removed/` folder on either side of the manifest write; killed between the two (user trial 25:
a removal killed after the manifest write left the article's files unlisted in the corpus folder,
and re-adding the PDF gave it the id `<id>-2`), they leave `.qa-move-pending.json` (the command,
the id, the `.removed/` folder and the files), which the next command finishes or takes back
(qa.ingest.removal.finish_interrupted_move).
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

PENDING = ".qa-add-pending.json"
MOVES = ".qa-move-pending.json"


def note_pending(corpus_dir: Path, names: list[str]) -> None:
    """Record (atomically) the corpus files the running add is about to create. A failure names
    the corpus folder (the folder is what cannot be written, not this hidden file)."""
    _write(corpus_dir, PENDING, names)


def note_move(corpus_dir: Path, command: str, doc_id: str, folder: Path, files: list[str]) -> None:
    """Record (atomically) the move a `remove` or `restore` (`command`) is about to make: the
    document's files (relative to the corpus folder) to or from its `.removed/` folder."""
    rel = Path(folder).relative_to(corpus_dir).as_posix()
    _write(corpus_dir, MOVES, {"command": command, "id": doc_id, "folder": rel, "files": files})


def read_move(corpus_dir: Path) -> dict | None:
    """The journalled move, or None (none, or one that cannot be read now; a malformed one is
    dropped, as nothing can be finished from it)."""
    path = Path(corpus_dir) / MOVES
    try:
        move = json.loads(path.read_text(encoding="utf-8"))
    except OSError:
        return None
    except ValueError:
        move = None
    ok = (isinstance(move, dict) and move.get("command") in ("remove", "restore")
          and all(isinstance(move.get(k), str) and move.get(k) for k in ("id", "folder"))
          and isinstance(move.get("files"), list) and all(isinstance(f, str) for f in move["files"]))
    if not ok:
        path.unlink(missing_ok=True)
        return None
    return move


def clear_move(corpus_dir: Path) -> None:
    Path(corpus_dir, MOVES).unlink(missing_ok=True)


def _write(corpus_dir: Path, name: str, payload) -> None:
    target = Path(corpus_dir) / name
    tmp = target.with_name(f"{name}.{os.getpid()}")
    try:
        tmp.write_text(json.dumps(payload), encoding="utf-8")
        os.replace(tmp, target)
    except OSError as exc:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        raise OSError(exc.errno, exc.strerror, str(corpus_dir)) from exc


def journal_present(corpus_dir: Path) -> bool:
    """Whether an add, remove or restore left a journal (or one killed while being written): only
    then has the next command anything to finish or sweep."""
    return any(any(Path(corpus_dir).glob(f"{name}*")) for name in (PENDING, MOVES))


def clear_pending(corpus_dir: Path) -> None:
    Path(corpus_dir, PENDING).unlink(missing_ok=True)


def sweep_interrupted_add(corpus_dir: Path, listed: set[str]) -> list[str]:
    """Delete the files a killed add created that no manifest entry lists (`listed`: every entry's
    file and source); returns their names. Called under the corpus lock, so no add is running."""
    corpus_dir = Path(corpus_dir)
    journal = corpus_dir / PENDING
    for stale in corpus_dir.glob(f"{PENDING}.*"):  # a journal killed while being written
        stale.unlink(missing_ok=True)
    if not journal.is_file():
        return []
    removed = _orphans(corpus_dir, listed)
    for name in removed:
        (corpus_dir / name).unlink()
    journal.unlink(missing_ok=True)
    return removed


def _orphans(corpus_dir: Path, listed: set[str]) -> list[str]:
    """The files the journal names that no manifest entry lists: plain names of this folder only,
    as write_added records them."""
    try:
        names = json.loads((corpus_dir / PENDING).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [name for name in (names if isinstance(names, list) else [])
            if isinstance(name, str) and name and name not in listed and "/" not in name
            and not name.startswith(".") and (corpus_dir / name).is_file() and not (corpus_dir / name).is_symlink()]


def listed_names(names: Iterable[str | None]) -> set[str]:
    """The file names the manifest lists (each entry's file and source), normalised as the sweep
    compares them; empty and missing names are skipped."""
    return {os.path.normpath(str(name)) for name in names if name}


def pending_orphans(corpus_dir: Path, entries: list[dict]) -> set[str]:
    """What the next add's sweep will delete (`entries`: the manifest's). `qa add --dry-run` sweeps
    nothing, yet must not count these names as taken: the add it previews keeps the file's id."""
    listed = listed_names(e.get(k) for e in entries for k in ("file", "source"))
    return set(_orphans(Path(corpus_dir), listed))
