"""Robustness sweep 29: the bad inputs the sweep found answered badly, each through the real CLI in
a subprocess (a real corpus copy, the real index) or the chat through Pilot on the real index
(evals/README.md, "Robustness sweep 29")."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, run_qa, started_app


def _raw_pdf(objects: list[bytes]) -> bytes:
    """A well-formed PDF of the given objects (object 1 the catalog), with a correct xref table."""
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    return out + f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()


def _no_index_add(path: Path, corpus: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return run_qa("add", str(path), "--corpus-dir", str(corpus), "--index-dir", str(tmp_path / "index"),
                  "--no-index")


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_a_pdf_with_no_pages_or_a_page_pdfium_cannot_load_is_one_line(corpus_copy, tmp_path):
    """A zero-page PDF said "damaged or not a readable PDF (Success)" (PDFium's empty error); a PDF
    whose page object is broken was `qa: internal error: PdfiumError: Failed to load page.`, exit 1."""
    empty = tmp_path / "zero_pages.pdf"
    empty.write_bytes(_raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]))
    broken = tmp_path / "broken_page.pdf"  # its one page is an object of another type
    broken.write_bytes(_raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                                 b"<< /Type /Foo >>"]))
    before = _snapshot(corpus_copy)
    for path, line in ((empty, "qa: zero_pages.pdf has no pages"),
                       (broken, "qa: broken_page.pdf is damaged or not a readable PDF (page 1 cannot be read)")):
        result = _no_index_add(path, corpus_copy, tmp_path)
        assert (result.returncode, result.stdout, result.stderr) == (2, "", line + "\n"), result
    assert _snapshot(corpus_copy) == before


def test_a_web_page_or_an_archive_saved_as_pdf_is_named(corpus_copy, tmp_path):
    """A browser's saved HTML page or a ZIP under a .pdf name said only "no %PDF header"; now the
    refusal names what the file is, so the user knows what to fetch instead."""
    page = tmp_path / "article.pdf"
    page.write_text("<!DOCTYPE html>\n<html><head><title>Article</title></head><body>...</body></html>\n",
                    encoding="utf-8")
    archive = tmp_path / "bundle.pdf"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("article.txt", "text " * 50)
    text = tmp_path / "notes.pdf"
    text.write_text("hello, these are notes\n", encoding="utf-8")
    expected = {page: "qa: article.pdf is not a PDF (no %PDF header; it is an HTML page: a web page saved under "
                      "a .pdf name?)",
                archive: "qa: bundle.pdf is not a PDF (no %PDF header; it is a ZIP archive)",
                text: "qa: notes.pdf is not a PDF (no %PDF header; it is plain text: name it .txt to add it as a "
                      "text article)"}
    for path, line in expected.items():
        result = _no_index_add(path, corpus_copy, tmp_path)
        assert (result.returncode, result.stdout, result.stderr) == (2, "", line + "\n"), result


def test_a_pipe_or_a_device_named_pdf_or_txt_is_refused_not_read(corpus_copy, tmp_path):
    """`qa add fifo.txt` (a named pipe) hung for ever and `qa add zero.txt` (a symlink to /dev/zero)
    read until memory ran out: the duplicate check hashed every candidate before `prepare` said it
    was no file. Now each is "not a file" at once; in a folder they are skipped as unreadable."""
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    folder = tmp_path / "odd"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.pdf").symlink_to("/dev/zero")
    before = _snapshot(corpus_copy)
    for name in ("pipe.txt", "zero.pdf"):
        result = run_qa("add", str(folder / name), "--corpus-dir", str(corpus_copy), "--index-dir",
                        str(tmp_path / "index"), "--no-index", timeout=120)
        assert (result.returncode, result.stdout) == (2, ""), result
        assert result.stderr == f"qa: {folder / name}: not a file\n"
    result = run_qa("add", str(folder), "--corpus-dir", str(corpus_copy), "--index-dir", str(tmp_path / "index"),
                    "--no-index", timeout=120)
    assert result.returncode == 1, result
    assert result.stderr.splitlines() == ["skipped 2 files: 2 unreadable (pipe.txt, zero.pdf) (--dry-run gives each "
                                          "reason)", "qa: nothing to add"]
    assert _snapshot(corpus_copy) == before


def _unshare_tmpfs() -> list[str]:
    """`unshare -m` when this process may mount a tmpfs in a private mount namespace, else a skip."""
    unshare = shutil.which("unshare")
    if unshare is None or os.geteuid() != 0:
        pytest.skip("a private tmpfs needs root and unshare")
    probe = subprocess.run([unshare, "-m", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"],
                           capture_output=True)
    if probe.returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    return [unshare, "-m"]


def test_an_index_build_on_a_full_disk_is_one_line(tmp_path):
    """On a full disk the build's copy of the encoder (shutil.copytree) failed with a shutil.Error,
    which carries no errno: `qa: internal error: Error: [(...model.onnx', ... [Errno 28] No space
    left on device ...)]`, exit 1. Now the full-disk line, exit 3; no unfinished build is left."""
    prefix = _unshare_tmpfs()
    mount = tmp_path / "disk"
    mount.mkdir()
    index = mount / "index"
    script = (f'mount -t tmpfs -o size=3m tmpfs "{mount}" || exit 99; "{sys.executable}" -m qa ask '
              f'"Which sources were used for SLE?" --index-dir "{index}"; code=$?; ls -A "{index}"; exit $code')
    result = subprocess.run([*prefix, "sh", "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert result.returncode == 3, result
    assert result.stderr.strip().splitlines()[-1] == (
        f"qa: no space left on device: {index} (the index is as it was)"), result.stderr[-500:]
    assert set(result.stdout.split()) <= {".cache", ".lock"}, result.stdout  # no build, no .tmp-* folder
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr


def test_no_space_reads_a_copytree_error_as_a_full_disk(tmp_path, encoder_dir):
    """The same at the library level, with a real ENOSPC from the kernel (a destination file that is
    /dev/full): the encoder copy's shutil.Error is a full disk, any other copy error is not."""
    from qa.errors import no_space
    from qa.index.quantize import publish_entry

    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    out = tmp_path / "encoder"
    out.mkdir()
    (out / "model.onnx").symlink_to("/dev/full")
    with pytest.raises(shutil.Error) as caught:
        publish_entry(encoder_dir, out, "fp32")
    assert str(no_space(caught.value, tmp_path)) == f"no space left on device: {tmp_path}"
    other = shutil.Error([("a", "b", "[Errno 13] Permission denied: 'b'")])
    assert no_space(other) is None


def _spans(result: subprocess.CompletedProcess[str]) -> list[tuple[str, str]]:
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    return [(s["passage_id"], s["text"]) for s in answer["spans"]]


def test_joiners_inside_a_word_and_fullwidth_letters_are_read_as_typed():
    """A zero-width joiner inside 'GVHD' (pasted from a web page) split the word and the corpus "did
    not answer"; a question typed in fullwidth letters (an East Asian input method) was searched by
    BM25 alone and refused. Both are now the plain question, to the answer."""
    plain = _spans(run_qa("ask", "What dose of MSCs was used in GVHD trials?", "--json"))
    joined = _spans(run_qa("ask", "What dose of MSCs was used in G\u200dV\u200dH\u200dD trials?", "--json"))
    wide = _spans(run_qa("ask", "Ｗｈａｔ　ｄｏｓｅ ｏｆ ＭＳＣｓ ｗａｓ ｕｓｅｄ ｉｎ ＧＶＨＤ ｔｒｉａｌｓ？", "--json"))
    assert plain and joined == plain and wide == plain


def test_normalise_keeps_emoji_sequences_and_exponents():
    """What the two readings leave alone: an emoji sequence's joiners, a superscript exponent."""
    from qa.validate import normalise

    assert normalise("G\u200bV\u200dH\u200cD") == "GVHD"
    assert normalise("\U0001f468\u200d\U0001f469\u200d\U0001f467") == "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert normalise("１×１０⁶ ｃｅｌｌｓ／ｋｇ") == "1×10⁶ cells/kg"
    assert normalise("Crohn\u0301s") == "Crohn\u0301s"


def test_the_chat_reads_a_question_of_signs_after_an_answer_as_no_follow_up():
    """Pilot on the real index: '💉🤔' after an answered question printed "(taken as a follow-up of:
    ...)" and then "too vague: it has no words" (the CLI prints no follow-up line for it); a fullwidth
    question is echoed and answered as the plain one."""
    import asyncio

    from fake_service import ask
    from test_tui import SIZE, chat_text


    async def run() -> None:
        async with started_app(size=SIZE) as (app, pilot):
            await ask(app, pilot, "Were MSCs tried in lupus nephritis?")
            before = len(chat_text(app))
            await ask(app, pilot, "\U0001f489\U0001f914")
            text = chat_text(app)[before:]
            assert "taken as a follow-up" not in text, text
            assert "it has no words (only signs)" in text
            await ask(app, pilot, "and in children?")  # the topic is still the answered question
            assert "(taken as a follow-up of: Were MSCs tried in lupus nephritis?)" in chat_text(app)
            before = len(chat_text(app))
            await ask(app, pilot, "Ｗｈｉｃｈ ｓｏｕｒｃｅｓ ｗｅｒｅ ｕｓｅｄ ｆｏｒ ＳＬＥ？")
            text = chat_text(app)[before:]
            assert "❯ Which sources were used for SLE?" in text and "does not answer" not in text, text[:400]

    asyncio.run(run())


@pytest.mark.parametrize("line, problem", [
    ('{"id": "q900", "question": "What dose', "Invalid JSON: EOF while parsing a string at line 1 column 37"),
    ('{"id": "q900", "question": "What dose?"}', "split: Field required"),
    ('["q900", "What dose?"]', "Input should be an object"),
])
def test_qa_eval_on_a_hand_edited_question_file_names_the_bad_line(monkeypatch, tmp_path, line, problem):
    """`qa eval` over a question file with a malformed line (a question appended by hand) said
    `qa: internal error: ValidationError: 1 validation error for Question` and four more lines, exit 1.
    In-process (`main`, the CLI's own parser and error handling): the question files' paths are fixed."""
    from conftest import run_qa_here

    from qa.evaluation import question_set

    good = (ROOT / "evals" / "questions.jsonl").read_text(encoding="utf-8").splitlines()[0]
    questions = tmp_path / "questions.jsonl"
    questions.write_text(f"{good}\n\n{line}\n", encoding="utf-8")
    monkeypatch.setattr(question_set, "QUESTION_FILES", ((questions, "seeds"),))
    result = run_qa_here("eval", "--split", "dev", "--set", "seeds")
    assert (result.returncode, result.stdout) == (2, ""), result
    assert result.stderr == f"qa: {questions}, line 3, is not a question: {problem}\n"
