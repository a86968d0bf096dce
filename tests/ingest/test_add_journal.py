"""A `qa add` killed half-way leaves nothing behind (user trial 25): the copies an add makes are
journalled before they are written, and the next add, remove or restore deletes those no manifest
entry lists. Real CLI processes on a private copy of the corpus; the kill is a real SIGKILL."""
from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from conftest import ROOT, run_qa
from qa.ingest.add_journal import PENDING, note_pending, sweep_interrupted_add

pytestmark = pytest.mark.slow

ARTICLE = " ".join([
    "Bone marrow stromal cells from eleven donors were expanded in platelet lysate before infusion.",
    "Each preparation was tested for sterility, viability and surface markers before release.",
    "The release criteria were met in every case reported, and no infusion reaction was recorded.",
    "Patients with refractory graft-versus-host disease received two doses one week apart.",
    "Responses were graded at day twenty-eight by the treating physicians and an external panel.",
    "Complete responses were seen in six patients and partial responses in three of the others.",
    "Survival at one year was higher among the patients whose disease responded to the cells.",
    "The authors note that the trial was small and that a randomised study is still needed.",
    "Cells were given through a peripheral vein over thirty minutes under continuous monitoring.",
    "No ectopic tissue formation was found in the biopsies taken during the follow-up period.",
] * 2)

# SIGKILL this process right after the add's first file copy, before the manifest is written
KILL_AFTER_COPY = """
import os, runpy, shutil, signal, sys
sys.path.insert(0, os.getcwd())
real = shutil.copyfile
def copy_then_die(*a, **k):
    real(*a, **k)
    os.kill(os.getpid(), signal.SIGKILL)
shutil.copyfile = copy_then_die
sys.argv = ["qa", *sys.argv[1:]]
runpy.run_module("qa", run_name="__main__", alter_sys=True)
"""


def ids(corpus: Path) -> list[str]:
    return [d["id"] for d in tomllib.loads((corpus / "manifest.toml").read_text())["documents"]]


def test_an_add_killed_after_copying_leaves_no_orphan_and_the_next_add_keeps_the_id(corpus_copy: Path, tmp_path: Path):
    article = tmp_path / "stromal_trial.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    before = sorted(p.name for p in corpus_copy.iterdir())
    killed = subprocess.run([sys.executable, "-c", KILL_AFTER_COPY, "add", str(article), "--no-index",
                             "--corpus-dir", str(corpus_copy)], cwd=ROOT, capture_output=True, text=True,
                            timeout=300, env=dict(os.environ))
    assert killed.returncode == -9, killed.stderr
    assert (corpus_copy / "stromal_trial.txt").is_file() and (corpus_copy / PENDING).is_file()
    assert "stromal_trial" not in ids(corpus_copy)  # the manifest was never written
    dry = run_qa("add", str(article), "--dry-run", "--corpus-dir", str(corpus_copy))
    assert dry.returncode == 0 and (corpus_copy / PENDING).is_file()  # --dry-run writes (and sweeps) nothing
    # ... yet it previews the add: the orphan's name is freed by the sweep (docs audit 22: 'as stromal_trial-2')
    assert " as stromal_trial (" in dry.stdout and "stromal_trial-2" not in dry.stdout, dry.stdout
    assert "1 file would be added" in dry.stdout, dry.stdout  # one file, in the singular (docs audit 22)
    again = run_qa("add", str(article), "--no-index", "--corpus-dir", str(corpus_copy))
    assert again.returncode == 0, again.stderr
    assert "note: removed stromal_trial.txt" in again.stderr and "Traceback" not in again.stderr
    assert "added stromal_trial:" in again.stdout  # the same id, not stromal_trial-2
    assert sorted(p.name for p in corpus_copy.iterdir()) == sorted(before + ["stromal_trial.txt"])
    assert ids(corpus_copy)[-1] == "stromal_trial"


def test_the_sweep_keeps_listed_files_and_files_it_did_not_journal(tmp_path: Path):
    """A kill after the manifest was written leaves the journal naming listed files: they stay;
    a file the journal does not name (the user's own) is never touched."""
    for name in ("listed.txt", "orphan.pdf", "users_own.txt"):
        (tmp_path / name).write_text("x")
    note_pending(tmp_path, ["listed.txt", "orphan.pdf", "../outside.txt", ".hidden"])
    assert sweep_interrupted_add(tmp_path, listed={"listed.txt"}) == ["orphan.pdf"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["listed.txt", "users_own.txt"]
    assert sweep_interrupted_add(tmp_path, listed=set()) == []  # no journal: nothing to do
