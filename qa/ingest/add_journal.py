"""What an unfinished `qa add` wrote into the corpus folder, so a killed add leaves nothing behind.

`write_added` copies each article (and its extracted text) into the corpus folder, then replaces
the manifest. An add killed between the two (kill -9, a power cut; Ctrl-C and errors already take
their copies back) left copies no manifest entry names: they stayed in the folder for good, and
adding the same PDF again gave it another id (`<id>-2`), since its name was taken. Before each
file is created its name goes into `.qa-add-pending.json`; the journal is removed once the
manifest is written or the copies are taken back. The next command that takes the corpus lock
(`qa add`, `remove`, `restore`) finds a journal left by a dead add and deletes the files it names
that the manifest does not list (it never names a file that existed before the add: a name is
written only after checking that it is free, under the lock).
"""
from __future__ import annotations

import json
import os
from pathlib import Path

PENDING = ".qa-add-pending.json"


def note_pending(corpus_dir: Path, names: list[str]) -> None:
    """Record (atomically) the corpus files the running add is about to create. A failure names
    the corpus folder (the folder is what cannot be written, not this hidden file)."""
    target = Path(corpus_dir) / PENDING
    tmp = target.with_name(f"{PENDING}.{os.getpid()}")
    try:
        tmp.write_text(json.dumps(names), encoding="utf-8")
        os.replace(tmp, target)
    except OSError as exc:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        raise OSError(exc.errno, exc.strerror, str(corpus_dir)) from exc


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


def pending_orphans(corpus_dir: Path, entries: list[dict]) -> set[str]:
    """What the next add's sweep will delete (`entries`: the manifest's). `qa add --dry-run` sweeps
    nothing, yet must not count these names as taken: the add it previews keeps the file's id."""
    listed = {os.path.normpath(str(e[k])) for e in entries for k in ("file", "source") if e.get(k)}
    return set(_orphans(Path(corpus_dir), listed))
