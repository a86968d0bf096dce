"""Robustness sweep 36 (evals/README.md): what it found wrong, each through the documented command
in a subprocess or the library, on the real index."""
from __future__ import annotations

from pathlib import Path

import pytest

import qa
from conftest import run_qa, run_qa_as_user
from qa.errors import TooVague

NO_WORDS = "the question is too vague to answer: it has no words (only signs)"
OTHER_SCRIPT = "the question cannot be searched: none of its words is written in Latin letters or digits"


@pytest.mark.parametrize("question, line", [("???", NO_WORDS), ("?!.,; 🧬", NO_WORDS),
                                            ("间充质干细胞治疗", OTHER_SCRIPT), ("Какие источники?", OTHER_SCRIPT)])
def test_search_refuses_a_question_no_passage_can_match_as_ask_does(question: str, line: str):
    """`qa search '???'` listed ten passages the dense model ranked for signs alone, exit 0, and
    `qa.retrieve` of a Chinese question returned ten hits with no word of caution (the CLI's caution
    is printed by the command, not the library); `qa ask` refuses both in one line, exit 1."""
    searched = run_qa("search", question, "--k", "3")
    asked = run_qa("ask", question)
    assert searched.returncode == asked.returncode == 1 and searched.stdout == "", searched.stdout
    lines = searched.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"qa: {line}"), searched.stderr
    assert searched.stderr == asked.stderr
    with pytest.raises(TooVague, match=line.replace("(", r"\(").replace(")", r"\)")):
        qa.retrieve(question)


def test_a_question_with_a_searchable_word_is_still_searched():
    """A question partly in another script keeps its Latin words searched (with the CLI's caution)."""
    assert qa.retrieve("GVHD の MSC 投与量は?", k=3)
    assert len(qa.retrieve("GVHD trials?!", k=3)) == 3


def test_a_named_folder_that_cannot_be_read_is_said_so(tmp_path: Path):
    """`qa add FOLDER` of a folder the user may not list said "no .pdf or .txt files to add", as
    if it held none; it now names the folder and why, exit 2, and nothing is made."""
    folder = tmp_path / "papers"
    folder.mkdir()
    (folder / "a.txt").write_text("Mesenchymal stromal cells were given to ten patients [1]. " * 30, encoding="utf-8")
    folder.chmod(0)
    try:
        for extra in ([], ["--dry-run"]):
            done = run_qa_as_user("add", str(folder), *extra, "--corpus-dir", str(tmp_path / "lib"))
            assert done.returncode == 2 and done.stdout == "", done
            assert done.stderr.strip() == f"qa: {folder}: the folder cannot be read: Permission denied", done.stderr
    finally:
        folder.chmod(0o755)
    assert not (tmp_path / "lib").exists()


def test_the_library_add_returns_its_lines_in_the_library_terms(tmp_path: Path):
    """`AddResult.messages` was always empty (the lines `qa add` prints went nowhere in the
    library), and the skipped-files line told a Python caller to use `--dry-run`."""
    from qa.settings import Settings

    article = tmp_path / "trial.txt"
    article.write_text("Mesenchymal stromal cells were given to ten patients with lupus [1]. " * 30, encoding="utf-8")
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "words.txt").write_text("\n".join(f"word{i}" for i in range(300)), encoding="utf-8")
    settings = Settings(corpus_dir=tmp_path / "lib", index_dir=tmp_path / "lib-index")
    result = qa.add([article, article, folder], update_index=False, settings=settings)
    assert [a.id for a in result.added] == ["trial"] and list(result.skipped) == [str(folder / "words.txt")]
    assert f"warning: {article} was given more than once; it is taken once" in result.messages
    skipped = [line for line in result.messages if line.startswith("skipped 1 file")]
    assert skipped == ["skipped 1 file: 1 not articles (words.txt)"], result.messages
    cli = run_qa("add", str(folder), "--no-index", "--corpus-dir", str(tmp_path / "lib"))
    assert "skipped 1 file: 1 not articles (words.txt) (--dry-run gives each reason)" in cli.stderr, cli.stderr
