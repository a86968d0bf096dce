"""Robustness sweep 30: the bad inputs the sweep found answered badly, each through the real CLI in
a subprocess on a copy of the real index, or in-process where the input is a fixed project file
(evals/README.md, "Robustness sweep 30")."""
from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import xxhash

from conftest import ROOT, run_qa, run_qa_here, started_app
from test_robustness_sweep29 import _raw_pdf  # the same well-formed PDF writer (xref table)

QUESTION = "Which sources were used for SLE?"


@pytest.fixture()
def index_copy(index, tmp_path: Path) -> Path:
    """A private copy of the real live build (and the embedding cache, so a rebuild is quick)."""
    dest = tmp_path / "index"
    dest.mkdir()
    shutil.copytree(index.build, dest / index.build.name)
    shutil.copy(index.build.parent / "CURRENT", dest / "CURRENT")
    if (index.build.parent / ".cache").is_dir():
        shutil.copytree(index.build.parent / ".cache", dest / ".cache")
    return dest


def _resign(index_dir: Path, edit) -> None:
    """Apply `edit(build, manifest)` and sign the result as a builder would (every file's size and
    hashes, the manifest's checksum in CURRENT): only the loader's own checks can then object."""
    build = index_dir / (index_dir / "CURRENT").read_text().split()[0]
    manifest = json.loads((build / "manifest.json").read_text())
    files = dict(manifest["files"])
    edit(build, manifest)
    for rel, info in files.items():
        if isinstance(manifest.get("files"), dict) and isinstance(manifest["files"].get(rel), dict):
            raw = (build / rel).read_bytes()
            manifest["files"][rel] = {"size": len(raw), "xxh3": xxhash.xxh3_128_hexdigest(raw),
                                      "sha256": hashlib.sha256(raw).hexdigest()}
    raw = json.dumps(manifest).encode()
    (build / "manifest.json").write_bytes(raw)
    (index_dir / "CURRENT").write_text(f"{build.name} {xxhash.xxh3_128_hexdigest(raw)}\n")


def _check(index_dir: Path) -> subprocess.CompletedProcess[str]:
    return run_qa("index", "--check", "--index-dir", str(index_dir))


@pytest.mark.parametrize("edit, problem", [
    (lambda b, m: m.update(model=[1]), "manifest.json is malformed (AttributeError"),
    (lambda b, m: m["model"].update(weights_fingerprint="x"), "manifest.json is malformed (AttributeError"),
    (lambda b, m: m["files"].update({"bm25.df.npy": "x"}), "is malformed (the entry of bm25.df.npy is not an object)"),
    (lambda b, m: m.update(corpus="x"), "manifest.json is malformed (AttributeError"),
    (lambda b, m: m.update(counts="x"), "the manifest is malformed (AttributeError"),
])
def test_a_manifest_field_of_another_json_type_is_a_corrupt_index(index_copy, edit, problem):
    """A manifest field of another JSON type (a list for the model, a string for a file's entry or
    the counts) was `qa: internal error: AttributeError: ...` on every command, `qa index --check`
    included, and so never rebuilt. Now it is a corrupt index, reported by --check."""
    _resign(index_copy, edit)
    result = _check(index_copy)
    assert result.returncode == 1 and result.stderr == "", result
    assert result.stdout.startswith("index corrupt: ") and problem in result.stdout, result.stdout


def test_a_malformed_manifest_is_rebuilt_by_the_next_question(index_copy):
    _resign(index_copy, lambda b, m: m.update(model=[1]))
    result = run_qa("ask", QUESTION, "--brief", "--k", "1", "--index-dir", str(index_copy))
    assert result.returncode == 0, result.stderr
    assert "index is corrupt (" in result.stderr and "manifest.json is malformed" in result.stderr
    assert result.stdout.startswith("1. "), result.stdout[:200]
    assert _check(index_copy).stdout.startswith("index ready"), "the rebuilt index is not up to date"


def _faiss_of_width(build: Path, width: int) -> None:
    import faiss
    import numpy as np

    rows = faiss.read_index(str(build / "dense.faiss")).ntotal
    other = faiss.IndexFlatIP(width)
    other.add(np.random.default_rng(0).random((rows, width), dtype="float32"))
    faiss.write_index(other, str(build / "dense.faiss"))


@pytest.mark.parametrize("edit, problem", [
    (lambda b, m: (b / "glossary.json").write_text("5"), "glossary.json does not match its documents"),
    (lambda b, m: (b / "glossary.json").write_text("[]"), "glossary.json does not match its documents"),
    (lambda b, m: _faiss_of_width(b, 128), "dense.faiss holds vectors of 128 dimensions, the model 384"),
    (lambda b, m: m["counts"].update(passages=m["counts"]["passages"] + 1), "passages,"),
])
def test_index_check_loads_what_the_next_question_will_load(index_copy, edit, problem):
    """`qa index --check` said "index ready: up to date" for a build whose files pass their checksums
    but do not load (a count that disagrees with the FAISS rows), which the next question then found
    corrupt; a glossary of another type or a FAISS file of another width was an internal error
    (TypeError, AssertionError) mid-answer. --check now loads the build, and the load checks both."""
    _resign(index_copy, edit)
    result = _check(index_copy)
    assert result.returncode == 1 and result.stdout.startswith("index corrupt: "), result
    assert problem in result.stdout, result.stdout


@pytest.mark.parametrize("content", ["[1, 2]", "{}"])
def test_a_documents_file_of_another_shape_is_one_line_naming_the_mend(index_copy, content):
    """documents.json is read on first use, after the load: a list of numbers was `qa: internal error:
    ValidationError: 1 validation error for Document` and two more lines; an object was "unknown
    document 'kim2013'", blaming the question. Now one line, exit 3, naming the rebuild."""
    _resign(index_copy, lambda b, m: (b / "documents.json").write_text(content))
    result = run_qa("ask", QUESTION, "--index-dir", str(index_copy))
    assert (result.returncode, result.stdout) == (3, ""), result
    assert result.stderr.startswith("qa: index build build-") and result.stderr.count("\n") == 1, result.stderr
    assert "is corrupt: documents.json holds " in result.stderr
    assert result.stderr.endswith("rebuild it with 'qa index --force'\n")


def test_closed_standard_streams_are_one_line():
    """`qa ask ... >&-` was `qa: internal error: AttributeError: 'NoneType' object has no attribute
    'isatty'`; `qa tui <&-` a traceback. A closed stdout now refuses to print in one line; a closed
    stdin is a missing terminal for the chat."""
    python = f"{sys.executable} -m qa"
    result = subprocess.run(["bash", "-c", f"{python} ask '{QUESTION}' --k 1 >&-"], capture_output=True,
                            text=True, cwd=ROOT, timeout=600)
    assert result.returncode == 2, result
    assert result.stderr.splitlines()[-1] == ("qa: standard output is closed, so nothing can be printed "
                                              "(redirect it to a file or /dev/null instead)"), result.stderr
    assert "Traceback" not in result.stderr
    chat = subprocess.run(["bash", "-c", f"{python} tui <&-"], capture_output=True, text=True, cwd=ROOT,
                          timeout=600)
    assert (chat.returncode, chat.stderr) == (
        2, "qa tui: the chat needs a terminal (use --screenshot FILE.svg to run headless)\n"), chat
    question = subprocess.run(["bash", "-c", f"{python} ask - <&-"], capture_output=True, text=True,
                              cwd=ROOT, timeout=600)
    assert (question.returncode, question.stderr) == (
        2, "qa: '-' reads the question from standard input, but there is none\n"), question


def test_ctrl_c_while_the_arguments_are_parsed_is_one_line(monkeypatch):
    """Ctrl-C before a command started (Python importing the CLI, argparse) was a traceback and exit 1;
    the handler only wrapped the command itself."""
    from qa.app import cli

    def interrupted(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "make_parser", interrupted)
    result = run_qa_here("ask", QUESTION)
    assert (result.returncode, result.stdout, result.stderr) == (130, "", "qa: interrupted\n")


@pytest.mark.parametrize("text", ["", "\n\n"])
def test_qa_eval_with_no_question_is_refused(monkeypatch, tmp_path, text):
    """An empty question file (or a split it holds none of) was exit 0 with an empty report, which
    `--write` would have written over evals/results/<split>-<set>.json."""
    from qa.evaluation import question_set

    questions = tmp_path / "questions.jsonl"
    questions.write_text(text, encoding="utf-8")
    monkeypatch.setattr(question_set, "QUESTION_FILES", ((questions, "seeds"),))
    result = run_qa_here("eval", "--split", "dev", "--set", "seeds")
    assert (result.returncode, result.stdout) == (2, ""), result
    assert result.stderr == ("qa: no question of split 'dev' and set 'seeds' in the question files; "
                             "nothing to evaluate\n")


def test_qa_eval_refuses_a_repeated_question_id(monkeypatch, tmp_path):
    """Two questions with one id were both scored, then merged by id in every per-question report."""
    from qa.evaluation import question_set

    good = [line for line in (ROOT / "evals" / "questions.jsonl").read_text(encoding="utf-8").splitlines()
            if json.loads(line)["split"] == "dev"][0]
    questions = tmp_path / "questions.jsonl"
    questions.write_text(f"{good}\n{good}\n", encoding="utf-8")
    monkeypatch.setattr(question_set, "QUESTION_FILES", ((questions, "seeds"),))
    result = run_qa_here("eval", "--split", "dev", "--set", "seeds")
    assert (result.returncode, result.stdout) == (2, ""), result
    qid = json.loads(good)["id"]
    assert result.stderr == (f"qa: the question id '{qid}' is used twice in the question files; each "
                             "question needs its own id\n")


def test_writing_the_results_is_atomic(monkeypatch, tmp_path):
    """`qa eval --write` truncated evals/results/<split>-<set>.json and then wrote it: Ctrl-C or a full
    disk in between left a cut file. Now a temporary file is renamed over it; interrupted at the
    rename, the old file is whole and no temporary file is left."""
    import os

    from qa.evaluation.evaluate import EvalReport
    from qa.evaluation.report import write_results

    target = tmp_path / "dev-seeds.json"
    target.write_text('{"old": true}\n', encoding="utf-8")
    report = EvalReport.model_validate_json((ROOT / "evals" / "results" / "dev-seeds.json").read_text())

    def interrupted(*_args):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_results(report, target)
    assert target.read_text(encoding="utf-8") == '{"old": true}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dev-seeds.json"]
    monkeypatch.undo()
    write_results(report, target)
    assert EvalReport.model_validate_json(target.read_text(encoding="utf-8")) == report
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dev-seeds.json"]


def _text_pdf(pages: list[list[str]]) -> bytes:
    """A PDF whose pages hold these lines in Helvetica (a real text layer PDFium reads)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for lines in pages:
        body = "BT /F1 10 Tf 12 TL 50 780 Td\n" + "\n".join(
            "(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") Tj T*" for line in lines)
        stream = (body + "\nET").encode()
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R "
                       f">> >> /Contents {len(objects)} 0 R >>".encode())
        kids.append(len(objects))
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>".encode()
    return _raw_pdf(objects)


def test_a_pdf_of_a_reference_list_alone_is_not_an_article(corpus_copy, tmp_path):
    """`qa add` of a PDF holding only a reference list added it, titled after its 44th entry: the
    running-text check ("does not look like an article") was made of a .txt file only."""
    entries = ["References"] + [f"{i}. Author{i} A, Other B. Title of paper number {i} on stromal cells. "
                                f"J Cell Biol {2000 + i % 20};{i}:{i * 3}-{i * 3 + 9}." for i in range(1, 300)]
    lines = [part for entry in entries for part in (entry[:95], entry[95:]) if part]
    path = tmp_path / "references.pdf"
    path.write_bytes(_text_pdf([lines[i:i + 55] for i in range(0, len(lines), 55)]))
    before = sorted((p.name, p.read_bytes()) for p in corpus_copy.iterdir() if p.is_file())
    result = run_qa("add", str(path), "--corpus-dir", str(corpus_copy), "--index-dir", str(tmp_path / "index"),
                    "--no-index")
    assert (result.returncode, result.stdout) == (2, ""), result
    assert result.stderr.startswith("qa: references.pdf does not look like an article: only "), result.stderr
    assert result.stderr.endswith("words are running text (a log, list or table?)\n"), result.stderr
    assert sorted((p.name, p.read_bytes()) for p in corpus_copy.iterdir() if p.is_file()) == before


def test_the_chat_queues_questions_in_order_through_a_tiny_terminal():
    """Pilot on the real index: three questions sent while the first is answered, the terminal shrunk
    to 1x1 and 3x2 meanwhile and a question asked at 10x4: each is answered in turn (the third read as a
    follow-up of the second), nothing raises, and the chat reads whole at the usual size again."""
    import asyncio

    from test_tui import SIZE, chat_text

    from fake_service import settled
    from qa.app.tui_widgets import Chat, HistoryInput

    async def run() -> None:
        async with started_app(size=SIZE) as (app, pilot):
            field = app.query_one("#question", HistoryInput)
            await pilot.click("#question")
            for question in (QUESTION, "What dose of MSCs was used in GVHD trials?", "and in children?"):
                field.value = question
                await pilot.press("enter")
            for width, height in ((20, 5), (1, 1), (3, 2)):
                await pilot.resize_terminal(width, height)
                await pilot.pause(0.2)
            # all three reached the chat (a press may return before the app took its question)
            await settled(pilot, reached=lambda: sum(line.startswith("❯ ") for line in chat_text(app).splitlines()) >= 3)
            await pilot.resize_terminal(10, 4)
            field.value = "Were MSCs tried in lupus nephritis?"
            shown = len(app.query_one(Chat).children)
            await pilot.press("enter")
            await settled(pilot, reached=lambda: len(app.query_one(Chat).children) > shown)
            await pilot.resize_terminal(*SIZE)
            await pilot.pause(0.3)
            asked = [line for line in chat_text(app).splitlines() if line.startswith("❯ ")]
            assert asked == [f"❯ {QUESTION}", "❯ What dose of MSCs was used in GVHD trials?", "❯ and in children?",
                             "❯ Were MSCs tried in lupus nephritis?"], asked
            assert "(taken as a follow-up of: What dose of MSCs was used in GVHD trials?)" in chat_text(app)

    asyncio.run(run())
