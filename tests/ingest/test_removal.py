"""A `qa remove` or `qa restore` killed half-way is finished or taken back by the next command
(user trial 25: a removal killed after its manifest write left the article's files unlisted in the
corpus folder, silently, and adding the same file again gave it the id `<id>-2`). Real CLI
processes on a private copy of the corpus; the kills are real SIGKILLs at a chosen call."""
from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from conftest import ROOT, run_qa
from qa.ingest.add_journal import MOVES, note_move
from qa.ingest.removal import TRASH, finish_interrupted_move

pytestmark = pytest.mark.slow

DOC, TEXT = "pmc3782548", "pmc3782548_mscs_in_allogeneic_hsct.txt"

# SIGKILL this process at a chosen call of qa.ingest.removal (QA_KILL_AT = "<function>:<before|after>")
KILL_AT = """
import os, runpy, signal, sys
sys.path.insert(0, os.getcwd())
import qa.ingest.removal as removal
name, when = os.environ["QA_KILL_AT"].split(":")
real = getattr(removal, name)
def dying(*a, **k):
    if when == "before":
        os.kill(os.getpid(), signal.SIGKILL)
    out = real(*a, **k)
    os.kill(os.getpid(), signal.SIGKILL)
setattr(removal, name, dying)
sys.argv = ["qa", *sys.argv[1:]]
runpy.run_module("qa", run_name="__main__", alter_sys=True)
"""


def killed(corpus: Path, at: str, *args: str) -> None:
    run = subprocess.run([sys.executable, "-c", KILL_AT, *args, "--no-index", "--corpus-dir", str(corpus)],
                         cwd=ROOT, capture_output=True, text=True, timeout=300, env={**os.environ, "QA_KILL_AT": at})
    assert run.returncode == -9, run.stderr
    assert (corpus / MOVES).is_file()


def ids(corpus: Path) -> list[str]:
    return [d["id"] for d in tomllib.loads((corpus / "manifest.toml").read_text())["documents"]]


def tree(corpus: Path) -> tuple[list[str], dict[str, bytes]]:
    """The manifest's ids in order and every other file (a remove and restore may reformat the
    manifest's TOML, not change what it lists)."""
    return ids(corpus), {p.relative_to(corpus).as_posix(): p.read_bytes() for p in sorted(corpus.rglob("*"))
                         if p.is_file() and p.name != "manifest.toml"}


def test_a_remove_killed_after_the_manifest_is_finished_and_the_file_comes_back_under_its_id(
        corpus_copy: Path, tmp_path: Path):
    outside = tmp_path / TEXT
    outside.write_bytes((corpus_copy / TEXT).read_bytes())
    killed(corpus_copy, "write_manifest:after", "remove", DOC)
    assert DOC not in ids(corpus_copy) and (corpus_copy / TEXT).is_file()  # unlisted, left behind
    again = run_qa("add", str(outside), "--no-index", "--corpus-dir", str(corpus_copy))
    assert again.returncode == 0, again.stderr
    assert f"note: finished the removal of {DOC}: an earlier qa remove was killed" in again.stderr, again.stderr
    stem = Path(TEXT).stem
    assert f"added {stem}:" in again.stdout, again.stdout  # its own id, not '<id>-2'
    assert not (corpus_copy / MOVES).exists()
    (removed,) = (corpus_copy / TRASH).iterdir()
    assert sorted(p.name for p in removed.iterdir()) == ["entry.toml", TEXT]


def test_a_remove_killed_before_the_manifest_is_taken_back(corpus_copy: Path):
    before = tree(corpus_copy)
    killed(corpus_copy, "write_manifest:before", "remove", DOC)
    assert (corpus_copy / TRASH).is_dir()  # its entry.toml was saved
    again = run_qa("remove", "kim2013", "--no-index", "--corpus-dir", str(corpus_copy))
    assert again.returncode == 0, again.stderr
    assert f"note: took back an unfinished qa remove of {DOC}" in again.stderr, again.stderr
    assert DOC in ids(corpus_copy) and "kim2013" not in ids(corpus_copy)
    assert [p.name.split("-")[0] for p in (corpus_copy / TRASH).iterdir()] == ["kim2013"]  # only the new removal
    restored = run_qa("restore", "kim2013", "--no-index", "--corpus-dir", str(corpus_copy))
    assert restored.returncode == 0 and tree(corpus_copy) == before, restored.stderr


@pytest.mark.parametrize("at, done", [("_move:after", False), ("write_manifest:after", True)])
def test_a_restore_killed_half_way_is_finished_or_taken_back(corpus_copy: Path, at: str, done: bool):
    before = tree(corpus_copy)
    assert run_qa("remove", DOC, "--no-index", "--corpus-dir", str(corpus_copy)).returncode == 0
    killed(corpus_copy, at, "restore", DOC)
    nxt = run_qa("restore", DOC, "--no-index", "--corpus-dir", str(corpus_copy))
    if done:  # the manifest lists it again: the next command tidies .removed, and restoring again is refused
        assert f"note: finished the restore of {DOC}" in nxt.stderr and nxt.returncode != 0, nxt.stderr
    else:  # killed before the manifest: the moved file goes back, and the restore asked again works
        assert f"note: took back an unfinished qa restore of {DOC}" in nxt.stderr and nxt.returncode == 0, nxt.stderr
    assert tree(corpus_copy) == before and not (corpus_copy / TRASH).exists()


def test_a_journal_never_moves_a_file_outside_the_corpus_folder_or_onto_another(tmp_path: Path):
    """A hand-edited journal naming paths outside the corpus (or outside .removed) is dropped; a
    file is never moved onto one that exists."""
    folder = tmp_path / TRASH / "doc-20260101T000000Z"
    folder.mkdir(parents=True)
    (tmp_path / "doc.txt").write_text("left")
    (folder / "doc.txt").write_text("there already")
    note_move(tmp_path, "remove", "doc", folder, ["doc.txt", "../outside.txt"])
    assert "finished the removal of doc" in finish_interrupted_move(tmp_path, set())
    assert (tmp_path / "doc.txt").read_text() == "left" and (folder / "doc.txt").read_text() == "there already"
    (tmp_path / MOVES).write_text('{"command": "remove", "id": "doc", "folder": "../elsewhere", "files": ["doc.txt"]}')
    assert finish_interrupted_move(tmp_path, set()) == "" and not (tmp_path / MOVES).exists()
    assert (tmp_path / "doc.txt").is_file()
