"""Which files a `qa add` of paths and folders checks: the .pdf and .txt files named or found in
named folders, each file once."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ADDABLE = {".pdf", ".txt"}


@dataclass
class Candidate:
    """A file to add: named by the user (an error if refused) or found in a folder (skipped)."""

    path: Path
    folder: Path | None = None


def expand_paths(paths: list[Path]) -> tuple[list[Candidate], list[Path]]:
    """(the files to check, the files of other kinds found in folders). A folder stands for
    the .pdf and .txt files under it (sorted; hidden files and folders such as .git or a
    corpus's .removed are not looked into; unreadable subfolders are passed over). A file
    given twice (named twice, or named and inside a named folder) is checked once: see
    `repeated_files`."""
    out: list[Candidate] = []
    other: list[Path] = []
    for p in paths:
        if not p.is_dir():
            out.append(Candidate(p))
            continue
        found: list[Path] = []
        for root, dirs, files in os.walk(p):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            found.extend(Path(root) / f for f in files if not f.startswith("."))
        for f in sorted(found):
            if f.suffix.lower() in ADDABLE:
                out.append(Candidate(f, p))
            else:
                other.append(f)
    return _once(out), other


def _key(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop: its own name
        return path.absolute()


def _once(candidates: list[Candidate]) -> list[Candidate]:
    """Each file once, as the user named it if they did (a named file's refusal stops the add)."""
    first: dict[Path, Candidate] = {}
    for cand in candidates:
        key = _key(cand.path)
        if key not in first or (first[key].folder is not None and cand.folder is None):
            first[key] = cand
    return [c for c in candidates if first[_key(c.path)] is c]


def repeated_files(paths: list[Path]) -> list[Path]:
    """The files the user gave more than once (robustness hunt: `qa add a.txt a.txt` refused
    the second as 'already in the corpus' and said 'nothing was added, though 1 other file
    was ready'); they are added once, and the command says so."""
    seen: dict[Path, Path] = {}
    repeated: list[Path] = []
    for p in map(Path, paths):
        for f in ([p] if not p.is_dir() else [c.path for c in expand_paths([p])[0]]):
            key = _key(f)
            if key in seen and seen[key] not in repeated:
                repeated.append(seen[key])
            seen.setdefault(key, f)
    return repeated
