"""Thirty-seventh session (evals/README.md, "The library's and the CLI's words"): each line in the
caller's own terms, the library's parameters (`k`, `doc_id`, `index_dir`) for `qa.ask`, `qa.retrieve`,
`qa.add` and the `Retriever`, the command line's options (`--k`, `--id`, `--index-dir`) for `qa` and the
chat it starts; an add lists each named folder once and its one-file check is `plan_add`'s; the
search path's check lives in the retrieval stage; the three modules over 400 lines split. On the real
corpus, index and PDFs, the CLI through a subprocess, the chat under Pilot."""
from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import qa
from conftest import CORPUS, PDF_DIR, ROOT, run_qa, started_app
from qa.errors import QAValueError
from qa.settings import Settings

SLE = "Which sources were used for SLE?"
DESICCATION = PDF_DIR / "10.1128_jb.00479-21.pdf"
FLY = PDF_DIR / "10.1101_2024.02.13.580051.pdf"
needs_pdfs = pytest.mark.skipif(not (DESICCATION.is_file() and FLY.is_file()),
                                reason=f"the real PDFs are not in {PDF_DIR}")


def test_k_out_of_range_names_the_parameter_in_the_library_and_the_option_on_the_command_line(index):
    """`qa ask --k 0` said 'k must be at least 1', the library's parameter; `qa.retrieve(k=0)` the same.
    Now the command line names its option and the library its parameter."""
    for call in (lambda: qa.retrieve(SLE, k=0), lambda: qa.ask(SLE, k=1001)):
        with pytest.raises(QAValueError) as raised:
            call()
        assert str(raised.value).startswith("k must be at ") and "--" not in str(raised.value)
        assert isinstance(raised.value, ValueError)
    for command, k, line in (("ask", "0", "qa: --k must be at least 1, got 0"),
                             ("search", "1001", "qa: --k must be at most 1000, got 1001")):
        done = run_qa(command, SLE, "--k", k)
        assert (done.returncode, done.stdout, done.stderr.strip()) == (2, "", line), done


def test_the_note_on_spans_left_out_says_k_in_the_library_and_raise_k_on_the_command_line(index):
    """`qa.ask(..., k=3)` told a Python caller to 'raise --k', an option it does not have."""
    answer = qa.ask(SLE, k=3)
    assert answer.more == 25 and "--k" not in answer.message
    assert f"The 3 strongest of 28 spans (+25 more; ask with k=28 to see them)." in answer.message.splitlines()
    cli = "The 3 strongest of 28 spans (+25 more; raise --k to see them)."
    text = run_qa("ask", SLE, "--k", "3")
    assert text.returncode == 0 and cli in text.stdout.splitlines() and "k=28" not in text.stdout, text.stderr
    as_json = json.loads(run_qa("ask", SLE, "--k", "3", "--json").stdout)
    assert cli in as_json["message"].splitlines()


def test_an_index_folder_that_cannot_be_built_names_index_dir_in_the_library_and_the_option_elsewhere(tmp_path):
    """A dangling link as the index folder: the library said 'give another one with --index-dir'. The
    command line and the chat it starts keep the option."""
    link = tmp_path / "index"
    link.symlink_to(tmp_path / "gone")
    settings = Settings(corpus_dir=CORPUS, index_dir=link)
    with pytest.raises(qa.QAError) as raised:
        qa.Retriever(settings).search(SLE)
    assert str(raised.value).endswith("create that folder, or give another one with index_dir (QA_INDEX_DIR)")
    assert "--" not in str(raised.value)
    done = run_qa("search", SLE, "--index-dir", str(link))
    assert done.returncode == 3 and done.stderr.strip().endswith("give another one with --index-dir (QA_INDEX_DIR)")

    async def chat() -> str:
        from qa.app.service import QAService

        async with started_app(QAService(settings)) as (app, pilot):
            return app.failure or ""

    assert asyncio.run(chat()).endswith("give another one with --index-dir (QA_INDEX_DIR)")
    assert not (tmp_path / "gone").exists()


@needs_pdfs
def test_an_add_with_a_document_id_lists_a_named_folder_once_and_plan_add_refuses_it(tmp_path, monkeypatch):
    """`qa.add(folder, doc_id=...)` listed the folder three times (the one-file check, the plan, the
    dry run's refusals), and `plan_add`'s own one-file guard, in the command's words ('--id needs
    exactly one file'), was never reached. Now the plan lists it once and its guard is the check."""
    import qa.ingest.add_paths as add_paths
    from qa.ingest.library import plan_add

    papers = tmp_path / "papers"
    papers.mkdir()
    for pdf in (DESICCATION, FLY):
        shutil.copy(pdf, papers / pdf.name)
    walked: list[str] = []
    real_walk = os.walk
    monkeypatch.setattr(add_paths.os, "walk", lambda top, *a, **k: (walked.append(str(top)), real_walk(top, *a, **k))[1])
    settings = Settings(corpus_dir=tmp_path / "lib", index_dir=tmp_path / "lib-index")
    for dry_run in (True, False):
        walked.clear()
        with pytest.raises(QAValueError, match=r"^doc_id needs exactly one file \(2 were given\)$"):
            qa.add(papers, doc_id="x", dry_run=dry_run, settings=settings)
        assert walked == [str(papers)]
    walked.clear()
    preview = qa.add([papers, papers / DESICCATION.name], dry_run=True, settings=settings)
    assert walked == [str(papers)]  # the repeated file found in the same listing
    assert preview.messages == [f"warning: {papers / DESICCATION.name} was given more than once; it is taken once"]
    assert not (tmp_path / "lib").exists()
    with pytest.raises(QAValueError, match=r"^title and year need exactly one file \(2 were given\)$"):
        plan_add([papers], tmp_path / "other", metadata={"title": "T", "year": 2020, "confirmed": True})


def test_the_search_path_check_is_the_retrieval_stages_own():
    """`qa.retrieval.retriever` imported `qa.answer.vague` for its check of a question no passage can
    match: a retrieval module reading the answer stage. The check is `qa.retrieval.searchable`, which
    the answer stage reads."""
    code = "import sys, qa.retrieval.retriever; print('qa.answer.vague' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.stdout.strip() == "False", done.stderr
    from qa.answer import vague
    from qa.retrieval import searchable

    assert vague.unsearchable_why is searchable.unsearchable_why


def test_the_settings_and_the_retriever_are_split_under_400_lines():
    """qa/settings.py (409 lines), qa/retrieval/retriever.py (411) and qa/answer/settings.py (399): each
    stage's settings group now sits in its own package, the second stage in its own module."""
    for path in ("qa/settings.py", "qa/retrieval/retriever.py", "qa/answer/settings.py"):
        assert len((ROOT / path).read_text(encoding="utf-8").splitlines()) <= 400, path
    from qa.index.fingerprints import build_code_files

    fingerprinted = {p.relative_to(ROOT / "qa").as_posix() for p in build_code_files()}
    assert {"ingest/settings.py", "index/settings.py"} <= fingerprinted
    assert not {"retrieval/settings.py", "answer/settings.py"} & fingerprinted  # tuning them never rebuilds
