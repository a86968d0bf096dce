"""The interface leftovers of earlier sessions (forty-first session, helper h4), each found by a user trial or
a docs audit and left open; each test runs the real CLI (a subprocess), the library or the TUI (Pilot)."""
from __future__ import annotations

import json

from conftest import run_qa


def test_words_after_an_option_are_part_of_the_question() -> None:
    """`qa ask GVHD --k 3 trials` asks "GVHD trials" (it was "unrecognized arguments: trials"): a command's
    words and options may come in any order, as GNU tools read them; an option still takes its value."""
    done = run_qa("ask", "GVHD", "--k", "3", "trials", "--json")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["question"] == "GVHD trials"
    assert 0 < len(out["spans"]) <= 3
    # the same in `qa search`, a flag between the words; an option's value is still its own (`--top 2`)
    listed = run_qa("search", "--top", "2", "GVHD", "--json", "trials")
    assert listed.returncode == 0, listed.stderr
    assert json.loads(listed.stdout)["question"] == "GVHD trials"
    assert len(json.loads(listed.stdout)["hits"]) == 2
    # a word no option takes is still refused where no words are read
    assert run_qa("show", "abc", "def").stderr == "qa: unrecognized arguments: def (see 'qa show --help')\n"


def test_a_manifest_entry_naming_a_folder_says_it_is_a_folder(corpus_copy, tmp_path) -> None:
    """A manifest entry whose `file` is a folder was "file not found", as if nothing were there."""
    manifest = corpus_copy / "manifest.toml"
    name = "kim2013_clinical_applications_of_mscs.txt"
    (corpus_copy / "texts").mkdir()
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(f'file = "{name}"', 'file = "texts"'),
                        encoding="utf-8")
    done = run_qa("passages", "--doc", "figueroa2012", "--corpus-dir", str(corpus_copy))
    assert f"warning: kim2013: a folder, not a file: {corpus_copy / 'texts'}" in done.stderr.splitlines(), done.stderr
    assert "file not found" not in done.stderr


def test_a_pdf_path_that_is_a_folder_is_named_a_folder(tmp_path) -> None:
    import pytest

    from qa.errors import QAError
    from qa.ingest.pdf import read_pdf

    (tmp_path / "paper.pdf").mkdir()
    with pytest.raises(QAError, match=r"^a folder, not a file: .*paper\.pdf$"):
        read_pdf(tmp_path / "paper.pdf")
    with pytest.raises(QAError, match=r"^file not found: .*gone\.pdf$"):
        read_pdf(tmp_path / "gone.pdf")
