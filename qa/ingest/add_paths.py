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


@dataclass
class Gathered:
    """The files an add's paths stand for, from one listing of each named folder."""

    files: list[Candidate]  # to check, each file once (`_once`)
    other: list[Path]  # files of other kinds found in folders
    repeated: list[Path]  # files given more than once (`repeated_files`)


def gather(paths: list[Path]) -> Gathered:
    """What `expand_paths` and `repeated_files` say, each named folder listed once (an add with a
    document id listed a named folder three times: its one-file check, its plan, its dry run's
    refusals)."""
    out: list[Candidate] = []
    other: list[Path] = []
    seen: dict[Path, Path] = {}
    repeated: list[Path] = []
    for p in paths:
        if not p.is_dir():
            found = [Candidate(p)]
        else:
            files: list[Path] = []
            for root, dirs, names in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                files.extend(Path(root) / f for f in names if not f.startswith("."))
            found = []
            for f in sorted(files):
                if f.suffix.lower() in ADDABLE:
                    found.append(Candidate(f, p))
                else:
                    other.append(f)
            found = _once(found)  # a folder's own files count once towards `repeated`
        for cand in found:
            key = _key(cand.path)
            if key in seen and seen[key] not in repeated:
                repeated.append(seen[key])
            seen.setdefault(key, cand.path)
        out.extend(found)
    return Gathered(_once(out), other, repeated)


def expand_paths(paths: list[Path]) -> tuple[list[Candidate], list[Path]]:
    """(the files to check, the files of other kinds found in folders). A folder stands for
    the .pdf and .txt files under it (sorted; hidden files and folders such as .git or a
    corpus's .removed are not looked into; unreadable subfolders are passed over). A file
    given twice (named twice, or named and inside a named folder) is checked once: see
    `repeated_files`."""
    gathered = gather(paths)
    return gathered.files, gathered.other


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
    return gather(list(map(Path, paths))).repeated
