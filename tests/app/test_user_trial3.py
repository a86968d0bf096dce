"""Interface defects found in the third user trial (docs/user-trial-3.md), as a user meets them
through the real CLI (subprocess): --k bounds the study table of a sources answer, an unknown
--doc is refused whatever the question, and the global options work before the command."""
from __future__ import annotations

import re

import pytest

from conftest import ROOT, run_qa, run_qa_once

pytestmark = pytest.mark.slow

SLE = "Which sources were used for SLE?"


def study_rows(out: str) -> list[str]:
    table = out.split("\nStudies (", 1)[1].split("\nArticles quoted", 1)[0]
    return re.findall(r"(?m)^ ?\d+\. \S.* — cited by ", table)


def test_k_bounds_the_study_table_of_a_sources_answer():
    few = run_qa_once("ask", SLE, "--k", "2", "--color", "never")
    assert few.returncode == 0, few.stderr
    total = int(re.search(r"\nStudies \((\d+), best supported first\)", few.stdout).group(1))
    assert total > 2  # the answer finds many studies ...
    assert len(study_rows(few.stdout)) == 2  # ... and shows the 2 asked for
    assert re.search(rf"\.\.\. {total - 2} more studies \(raise --k", few.stdout)
    wide = run_qa("ask", SLE, "--k", "50", "--color", "never")
    assert len(study_rows(wide.stdout)) == int(re.search(r"\nStudies \((\d+),", wide.stdout).group(1))
    assert "more studies" not in wide.stdout


@pytest.mark.parametrize("question", ["msc", "What is the capital city of Australia?"])
def test_unknown_doc_is_refused_even_when_the_question_is_not_answered(question: str):
    result = run_qa("ask", question, "--doc", "no-such-review")
    assert result.returncode == 2, result.stdout[:200]
    assert result.stdout == "" and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("qa: unknown document 'no-such-review'"), lines


@pytest.mark.parametrize("before", [
    ["--corpus-dir", str(ROOT / "corpus"), "--index-dir", str(ROOT / "index")],
    [f"--corpus-dir={ROOT / 'corpus'}", "--color", "never"],
])
def test_global_options_before_the_command(before: list[str]):
    result = run_qa(*before, "docs")
    assert result.returncode == 0, result.stderr
    assert re.search(r"(?m)^kim2013: ", result.stdout)


def test_a_global_option_without_command_is_still_one_line():
    result = run_qa("--corpus-dir", str(ROOT / "corpus"))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("command", ["ask", "search"])
def test_readable_output_prints_a_passage_id_that_qa_show_opens(command: str):
    """`qa show` needs a passage id; the readable output of ask and search must print one."""
    question = "How many patients with multiple sclerosis received intrathecal MSCs?"
    result = run_qa(command, question, "--k", "3", "--color", "never")
    assert result.returncode == 0, result.stderr
    ids = re.findall(r"\bpassage ([0-9a-f]{6,})\b", result.stdout)
    assert ids, result.stdout[:500]
    shown = run_qa("show", ids[0], "--color", "never")
    assert shown.returncode == 0, shown.stderr
    head = shown.stdout.split("\n", 1)[0]
    assert head.startswith("▶ ") and head.split()[1].startswith(ids[0])
    if command == "ask":  # the first quote is in the passage shown
        quote = result.stdout.split(f"passage {ids[0]}", 1)[1].split("\n")[1].split()[:6]
        assert " ".join(quote) in " ".join(shown.stdout.split())


def test_top_is_k_and_another_corpus_gets_its_own_index(tmp_path):
    """`--top N` is `--k N` (issue 11 names both); a corpus folder other than the project's,
    given without --index-dir, is indexed beside it and never over the project's index/."""
    import shutil

    top = run_qa("ask", "Which sources were used for SLE?", "--top", "2", "--color", "never")
    k = run_qa_once("ask", "Which sources were used for SLE?", "--k", "2", "--color", "never")
    assert top.returncode == 0 and top.stdout == k.stdout
    from qa.index.embed_cache import CACHE

    mine = tmp_path / "mylib"
    shutil.copytree(ROOT / "corpus", mine)
    # the reviews' cached embeddings, where the index beside the copy will be (its build reuses them)
    shutil.copytree(ROOT / "index" / CACHE, tmp_path / "mylib-index" / CACHE)
    before = (ROOT / "index" / "CURRENT").read_text()
    docs = run_qa("docs", "--json", "--corpus-dir", str(mine))
    assert docs.returncode == 0, docs.stderr
    searched = run_qa("search", "MSC dose in GVHD", "--corpus-dir", str(mine), "--json")
    assert searched.returncode == 0, searched.stderr
    assert (tmp_path / "mylib-index" / "CURRENT").is_file()
    assert (ROOT / "index" / "CURRENT").read_text() == before


def test_qa_add_keeps_the_manifest_mode(tmp_path):
    import os
    import shutil

    mine = tmp_path / "lib"
    shutil.copytree(ROOT / "corpus", mine)
    os.chmod(mine / "manifest.toml", 0o644)
    text = tmp_path / "note.txt"
    text.write_text("Mesenchymal stromal cells were given intravenously to ten patients. " * 20, encoding="utf-8")
    added = run_qa("add", str(text), "--no-index", "--corpus-dir", str(mine))
    assert added.returncode == 0, added.stderr
    assert (mine / "manifest.toml").stat().st_mode & 0o777 == 0o644


def test_no_study_match_is_said_once():
    text = run_qa("studies", "zzzyyyxxx")
    assert text.returncode == 0
    assert (text.stdout + text.stderr).count("no stud") == 1, (text.stdout, text.stderr)
    as_json = run_qa("studies", "zzzyyyxxx", "--format", "json")
    assert as_json.stdout.strip() in ("", "[]") and "no study matches" in as_json.stderr


def test_a_mistyped_corpus_folder_is_one_line_and_leaves_no_index_folder(tmp_path):
    missing = tmp_path / "no-such-corpus"
    for args in (("ask", "MSC dose in GVHD"), ("index",)):
        result = run_qa(*args, "--corpus-dir", str(missing))
        assert result.returncode != 0 and "Traceback" not in result.stderr
        assert result.stderr.strip().splitlines()[-1] == f"qa: corpus folder not found: {missing}"
        assert not (tmp_path / "no-such-corpus-index").exists()
