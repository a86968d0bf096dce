"""Robustness sweep 31: the bad inputs the sweep found answered badly, each through the documented
library calls, the real CLI in a subprocess, `qa eval` in-process (its question files are fixed
project files) and the chat through Pilot (evals/README.md, "Robustness sweep 31")."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import ROOT, run_qa, run_qa_here, started_app

QUESTION = "Which sources were used for SLE?"


@pytest.mark.parametrize("make, line", [
    (lambda qa: qa.Retriever("x"), "settings must be a qa.Settings or None, got str"),
    (lambda qa: qa.Retriever({"corpus_dir": "/tmp"}), "settings must be a qa.Settings or None, got dict"),
    (lambda qa: qa.Retriever({}), "settings must be a qa.Settings or None, got dict"),
    (lambda qa: qa.Retriever(index="x"), "index must be a loaded index (qa.index.load.Index) or None, got str"),
    (lambda qa: qa.Answerer(settings=1), "settings must be a qa.Settings or None, got int"),
    (lambda qa: qa.Answerer(retriever="x"), "retriever must be a qa.Retriever or None, got str"),
])
def test_the_library_constructors_refuse_another_type_in_one_line(make, line):
    """`Retriever("x")`, `Answerer(settings=1)` failed nine calls deep, at the first question, with
    `AttributeError: 'str' object has no attribute 'index_dir'`; `Retriever({})` was read as no
    settings at all. Now the constructor raises the README's one-line error, a TypeError too."""
    import qa

    with pytest.raises(qa.QAError) as caught:
        make(qa)
    assert isinstance(caught.value, TypeError)
    assert str(caught.value) == line


@pytest.mark.parametrize("values, line", [
    ({"corpus_dir": 123}, "invalid setting corpus_dir=123: Input is not a valid path for <class 'pathlib.Path'>"),
    ({"k": 5}, "unknown setting 'k' (help(qa.Settings) lists them)"),
    ({"convex_weight": 2}, "invalid setting convex_weight=2: expected less than or equal to 1"),
])
def test_settings_built_by_hand_are_one_line(values, line):
    """The README builds `Settings(corpus_dir=...)` by hand; a wrong value there was pydantic's
    ValidationError of four lines (with a URL). Now a `QAValueError` (a ValueError) of one line, as
    the environment's settings already were; good values still work."""
    import qa
    from qa.settings import Settings

    with pytest.raises(qa.QAError) as caught:
        Settings(**values)
    assert isinstance(caught.value, ValueError) and str(caught.value) == line
    assert Settings(fusion="rrf", corpus_dir="/tmp/x").retrieval.fusion == "rrf"


@pytest.mark.parametrize("args, line", [
    ((1, "2"), "doc_id must be text, got int"),
    (("kim2013", None), "key must be text, got NoneType"),
    (("kim2013", 24), "key must be text, got int"),
])
def test_reference_names_its_own_arguments(args, line):
    """`reference(1, 2)` said "docs must be a document id or a list of ids, got [1]" (an argument the
    call does not have) and `reference('kim2013', None)` returned None, "no entry"."""
    import qa

    with pytest.raises(qa.QAError) as caught:
        qa.Answerer().reference(*args)
    assert isinstance(caught.value, TypeError) and str(caught.value) == line


NUMBERS_ONLY = ("qa: the question is too vague to answer: its only words are numbers (no subject a passage "
                "could answer about). Please ask about a specific subject.")


@pytest.mark.parametrize("question", ["2010 2012", "1 2 3 4 5 6 7 8 9 10?", "12345 678 9"])
def test_a_question_of_numbers_only_is_too_vague(question):
    """'1 2 3 4 5 6 7 8 9 10?' was answered (exit 0) with a confident kim2013 quote, '2010 2012' with
    a figueroa2012 one: a passage holding the numbers, for a question naming no subject."""
    result = run_qa_here("ask", question)
    assert (result.returncode, result.stdout) == (1, ""), result
    assert result.stderr.strip() == NUMBERS_ONLY


def test_numbers_only_through_the_cli_the_library_and_as_a_follow_up():
    import qa

    result = run_qa("ask", "2010 2012")
    assert (result.returncode, result.stdout, result.stderr.strip()) == (1, "", NUMBERS_ONLY), result
    answer = qa.ask("1 2 3 4 5 6 7 8 9 10?")
    assert answer.too_vague and not answer.spans
    follow = qa.ask("2012?", previous=QUESTION)  # a follow-up may ask a year alone: still answered
    assert not follow.too_vague and follow.context == QUESTION


def test_the_chat_refuses_numbers_only():
    import asyncio

    from fake_service import ask
    from test_tui import SIZE, chat_text


    async def run() -> None:
        async with started_app(size=SIZE) as (app, pilot):
            await ask(app, pilot, "2010 2012")
            text = chat_text(app)
            assert "its only words are numbers" in text, text[-600:]

    asyncio.run(run())


def test_an_index_folder_that_is_a_dangling_symbolic_link_is_named_as_one(tmp_path):
    """`--index-dir` a symbolic link to a folder that is gone said "the index path ... is not a
    folder; make the folder writable": neither true nor what to do. Nothing is created."""
    link = tmp_path / "index"
    link.symlink_to(tmp_path / "gone")
    for args in (("ask", QUESTION), ("index",)):
        result = run_qa(*args, "--index-dir", str(link))
        assert (result.returncode, result.stdout) == (3, ""), result
        assert result.stderr.strip() == (
            f"qa: the index is missing (no index has been built yet) and cannot be built there: the index path "
            f"{link} is a symbolic link to {tmp_path / 'gone'}, which does not exist; create that folder, or "
            "give another one with --index-dir (QA_INDEX_DIR)")
    assert not (tmp_path / "gone").exists() and sorted(os.listdir(tmp_path)) == ["index"]


def test_an_index_folder_that_is_a_symbolic_link_is_built_through_it(tmp_path, corpus_copy):
    """A symbolic link to a real folder holds the build as the folder would (the build is renamed
    into place inside the link's target, so it stays atomic)."""
    from conftest import seed_embeddings

    target = tmp_path / "real-index"
    seed_embeddings(target)
    link = tmp_path / "index"
    link.symlink_to(target)
    result = run_qa("index", "--corpus-dir", str(corpus_copy), "--index-dir", str(link))
    assert result.returncode == 0, result.stderr
    assert (target / "CURRENT").is_file() and link.is_symlink()
    check = run_qa("index", "--check", "--corpus-dir", str(corpus_copy), "--index-dir", str(link))
    assert check.stdout.startswith("index ready"), check


def test_add_of_a_pattern_that_matched_nothing_says_so(tmp_path):
    """`qa add 'papers/*.pdf'` (a pattern the shell matched to no file, passed on as typed) said
    "file not found", as if a file of that name were expected. Nothing is written."""
    library = tmp_path / "lib"
    result = run_qa_here("add", str(tmp_path / "papers" / "*.pdf"), "--corpus-dir", str(library), "--yes")
    assert (result.returncode, result.stdout) == (2, ""), result
    assert result.stderr.strip() == (f"qa: {tmp_path / 'papers' / '*.pdf'}: no file matches this pattern "
                                     "(the shell passed it on as typed)")
    assert not library.exists()
    plain = run_qa_here("add", str(tmp_path / "paper.pdf"), "--corpus-dir", str(library), "--yes")
    assert plain.stderr.strip() == f"qa: {tmp_path / 'paper.pdf'}: file not found"


def test_qa_eval_names_the_question_whose_document_the_corpus_lacks(monkeypatch, tmp_path):
    """A question file naming a document the project's own corpus does not hold was told "evaluate
    the project's corpus (without --corpus-dir or QA_CORPUS_DIR)", which was what it did, and named
    no question. Now the question and what to correct."""
    from qa.evaluation import question_set

    dev = [line for line in (ROOT / "evals" / "questions.jsonl").read_text(encoding="utf-8").splitlines()
           if json.loads(line)["split"] == "dev"][:2]
    wrong = json.loads(dev[1]) | {"id": "zz1", "docs": ["nosuch2020"]}
    questions = tmp_path / "questions.jsonl"
    questions.write_text(f"{dev[0]}\n{json.dumps(wrong)}\n", encoding="utf-8")
    monkeypatch.setattr(question_set, "QUESTION_FILES", ((questions, "seeds"),))
    result = run_qa_here("eval", "--split", "dev", "--set", "seeds")
    assert (result.returncode, result.stdout) == (2, ""), result
    assert result.stderr.strip().splitlines()[-1] == (
        f"qa: question zz1 of the seeds set names documents the corpus at {ROOT / 'corpus'} does not hold "
        "(nosuch2020); correct its 'docs' in the question file, or bring a removed document back with "
        "'qa restore'")
