"""Robustness sweep 28: the three bad inputs the sweep found answered badly, each through the real
CLI in a subprocess on a real index in a temporary folder (evals/README.md, "Robustness sweep 28")."""
from __future__ import annotations

import shutil
from pathlib import Path

from conftest import ROOT, ask_with_mode, run_qa, seed_embeddings, started_app


def _without(corpus: Path, doc_id: str) -> None:
    """Drop one document from a corpus copy's manifest (and its file): a library lacking it."""
    manifest = corpus / "manifest.toml"
    blocks = manifest.read_text(encoding="utf-8").split("[[documents]]")
    kept = [b for b in blocks[1:] if f'id = "{doc_id}"' not in b]
    assert len(kept) == len(blocks) - 2
    manifest.write_text("[[documents]]".join([blocks[0], *kept]), encoding="utf-8")
    for path in corpus.glob(f"{doc_id}*.txt"):
        path.unlink()


def test_eval_on_a_library_lacking_the_questions_documents_is_refused(corpus_copy, tmp_path):
    """`qa eval --corpus-dir OTHER` scored every seeds question 0 and exited 0 (with --write it
    would have replaced the results by those zeros): now one line naming the missing documents,
    exit 2, no report."""
    _without(corpus_copy, "pmc3782548")
    index_dir = tmp_path / "index"
    seed_embeddings(index_dir)
    result = run_qa("eval", "--split", "dev", "--set", "seeds", "--corpus-dir", str(corpus_copy),
                    "--index-dir", str(index_dir))
    assert result.returncode == 2 and result.stdout == "", result
    last = result.stderr.strip().splitlines()[-1]
    assert "Traceback" not in result.stderr
    assert last == (f"qa: the seeds questions are about documents the library at {corpus_copy} does not hold "
                    "(pmc3782548), so their scores would mean nothing; evaluate the project's corpus "
                    "(without --corpus-dir or QA_CORPUS_DIR)")


def test_a_questions_file_with_no_question_is_refused(tmp_path):
    """`qa ask --file` of an empty or blank-lines file printed nothing and exited 0."""
    blank = tmp_path / "questions.txt"
    blank.write_text("\n   \n\n", encoding="utf-8")
    result = run_qa("ask", "--file", str(blank))
    assert result.returncode == 2 and result.stdout == "", result
    assert result.stderr.strip() == f"qa: the questions file {blank} holds no question (one question per line)"
    piped = run_qa("ask", "--file", "-", "--format", "bibtex", input="")
    assert piped.returncode == 2 and piped.stdout == "", piped
    assert piped.stderr.strip() == "qa: stdin holds no question (one question per line)"


def test_no_index_in_a_read_only_folder_says_there_is_none(tmp_path):
    """A library with no index yet and a read-only index folder said only "the index folder ...
    is not writable"; now it says why a build was needed, as a stale or corrupt index does."""
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    index_dir = tmp_path / "index"
    index_dir.mkdir()
    result = ask_with_mode(index_dir, 0o555, corpus, index_dir)
    assert result.returncode == 3 and result.stdout == "", result
    assert result.stderr.strip() == (
        f"qa: the index is missing (no index has been built yet) and cannot be built there: the index folder "
        f"{index_dir} is not writable; make the folder writable, or give a writable one with --index-dir "
        "(QA_INDEX_DIR)")
    assert list(index_dir.iterdir()) == []


def test_a_question_of_signs_only_is_too_vague_after_an_earlier_question_too():
    """'?!.,;' with --previous re-answered the earlier question as its follow-up (exit 0)."""
    result = run_qa("ask", "?!.,;", "--previous", "Which sources were used for SLE?")
    assert result.returncode == 1 and result.stdout == "", result
    assert result.stderr.strip() == ("qa: the question is too vague to answer: it has no words (only signs). "
                                     "Please ask about a specific subject.")


def test_the_chat_takes_no_refused_question_as_topic_and_echoes_no_control_codes():
    """Pilot on the real index: after 'lupus' (too vague), '?!.,;' was "taken as a follow-up of: lupus"
    and answered; a pasted escape sequence was echoed raw into the chat."""
    import asyncio

    from fake_service import ask
    from test_tui import SIZE, chat_text


    async def run() -> None:
        async with started_app(size=SIZE) as (app, pilot):
            await ask(app, pilot, "lupus")
            await ask(app, pilot, "?!.,;")
            text = chat_text(app)
            assert "taken as a follow-up" not in text, text[-600:]
            assert "it has no words (only signs)" in text
            await ask(app, pilot, "what dose\x01 of MSCs\x1b[31m in GVHD trials?")
            text = chat_text(app)
            assert "❯ what dose of MSCs in GVHD trials?" in text
            assert "\x1b" not in text and "\x01" not in text

    asyncio.run(run())


def test_an_undecodable_argument_is_named_printably_in_the_usage_line():
    """Found by tests/app/test_cli_fuzz.py: argparse's message carried the raw surrogate of an
    undecodable argv byte into a captured stream (a real terminal got '?'); now U+FFFD everywhere."""
    from conftest import run_qa_here

    here = run_qa_here("search", "-\udc80")
    assert (here.returncode, here.stdout) == (2, "")
    assert here.stderr == "qa: unrecognized arguments: -\ufffd (see 'qa search --help')\n"
    real = run_qa("search", "-\udc80")  # the byte 0x80 on the real command line
    assert real.returncode == 2 and real.stderr == here.stderr, real


def test_standard_input_that_cannot_be_read_is_one_line(monkeypatch, capsys):
    """Found by tests/app/test_cli_fuzz.py: `qa search -` whose stdin raises OSError (a hung-up
    terminal: EIO) said "internal error: OSError: ..."."""
    import io

    from qa.app.cli import main

    class HungUp(io.StringIO):
        def read(self, *args):
            raise OSError(5, "Input/output error")

    monkeypatch.setattr("sys.stdin", HungUp())
    assert main(["search", "-"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "qa: cannot read the question from standard input: Input/output error\n"
