"""Robustness sweep 32: the bad inputs the sweep found handled badly, each through the real CLI in a
subprocess on a private library, or `qa eval` in-process where its input is a fixed project file
(evals/README.md, "Robustness sweep 32")."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import CORPUS, ROOT, run_qa, run_qa_here


REVIEWS = {"marrow": "kim2013_clinical_applications_of_mscs.txt", "adipose tissue": "pmc3782548_mscs_in_allogeneic_hsct.txt"}


def _article(seed: str) -> str:
    """The first 20,000 characters of one of the project's reviews: an article `qa add` takes."""
    return (CORPUS / REVIEWS[seed]).read_text(encoding="utf-8")[:20000]


def test_a_file_of_a_very_long_name_gets_an_id_its_files_can_carry(tmp_path: Path):
    """A 251-character file name became a 251-character id: the first add worked, then a second
    article of that name failed ("<id>-2.pdf: File name too long") and the document could never be
    removed (".removed/<id>-<time>: File name too long"): every name built from the id is one file
    name of at most 255 bytes. Now the id is cut to 100 characters, and both go through."""
    lib = tmp_path / "lib"
    name = "b" * 251 + ".txt"
    for seed in ("marrow", "adipose tissue"):
        folder = tmp_path / seed.replace(" ", "_")
        folder.mkdir()
        (folder / name).write_text(_article(seed), encoding="utf-8")
        result = run_qa("add", str(folder / name), "--no-index", "--corpus-dir", str(lib))
        assert result.returncode == 0, result.stderr
    doc_id = "b" * 100
    assert sorted(p.name for p in lib.iterdir()) == [f"{doc_id}-2.txt", f"{doc_id}.txt", "manifest.toml"]
    result = run_qa("remove", doc_id, "--no-index", "--corpus-dir", str(lib))
    assert result.returncode == 0, result.stderr
    result = run_qa("restore", doc_id, "--no-index", "--corpus-dir", str(lib))
    assert result.returncode == 0, result.stderr
    assert (lib / f"{doc_id}.txt").read_text(encoding="utf-8") == _article("marrow")


def test_an_id_given_too_long_is_one_line(tmp_path: Path):
    """`--id` of 101 characters is refused before anything is written (it would have failed at the
    copy or at a later removal); 100 is taken."""
    source = tmp_path / "a.txt"
    source.write_text(_article("marrow"), encoding="utf-8")
    lib = tmp_path / "lib"
    result = run_qa("add", str(source), "--id", "c" * 101, "--no-index", "--corpus-dir", str(lib))
    assert (result.returncode, result.stdout) == (2, ""), result
    assert result.stderr == "qa: the id is too long (101 characters; the limit is 100)\n"
    result = run_qa("add", str(source), "--id", "c" * 100, "--no-index", "--corpus-dir", str(lib))
    assert result.returncode == 0 and (lib / ("c" * 100 + ".txt")).is_file(), result.stderr


def _one_question_file(monkeypatch, tmp_path: Path, **change) -> None:
    from qa.evaluation import question_set

    lines = [json.loads(line) for line in (ROOT / "evals" / "questions.jsonl").read_text(encoding="utf-8").splitlines()]
    dev = [q for q in lines if q["split"] == "dev"]
    questions = tmp_path / "questions.jsonl"
    questions.write_text(json.dumps(dev[0]) + "\n" + json.dumps({**dev[1], **change}) + "\n", encoding="utf-8")
    monkeypatch.setattr(question_set, "QUESTION_FILES", ((questions, "seeds"),))


@pytest.mark.parametrize("change, why", [
    ({"question": ""}, "the question is empty"),
    ({"question": "   "}, "the question is empty"),
    ({"question": "GVHD " * 1000}, "the question is too long (4999 characters; the limit is 2000)"),
    ({"previous": "x" * 3000}, "previous (the earlier question): the question is too long (3000 characters; "
                               "the limit is 2000)"),
])
def test_qa_eval_names_the_question_qa_ask_would_refuse(monkeypatch, tmp_path, change, why):
    """An empty question in a question file stopped `qa eval` with "qa: the question is empty" when
    its turn came, naming no file, line or question. Now it is refused before anything is asked, in
    the line a malformed question line already had."""
    _one_question_file(monkeypatch, tmp_path, **change)
    result = run_qa_here("eval", "--split", "dev", "--set", "seeds")
    assert (result.returncode, result.stdout) == (2, ""), result
    qid = json.loads((tmp_path / "questions.jsonl").read_text().splitlines()[1])["id"]
    assert result.stderr == f"qa: {tmp_path / 'questions.jsonl'}, line 2 (question {qid!r}): {why}\n"


def test_qa_eval_refuses_an_empty_question_id(monkeypatch, tmp_path):
    """A question with an empty id was scored (and listed under '') as any other."""
    _one_question_file(monkeypatch, tmp_path, id="")
    result = run_qa_here("eval", "--split", "dev", "--set", "seeds")
    assert (result.returncode, result.stdout) == (2, ""), result
    assert result.stderr == f"qa: {tmp_path / 'questions.jsonl'}, line 2, is not a question: its id is empty\n"


def test_the_project_question_files_still_load():
    """The checks pass on every non-sealed split of the project's own files."""
    from qa.evaluation.question_set import load_all

    for split in ("dev", "test", "blind-dev"):
        assert load_all(split)


def test_a_huge_text_is_refused_by_its_size_before_it_is_read(tmp_path: Path):
    """A 1 GB .txt was read, decoded and checked whole before the 50 MB limit was applied: 5 GB of
    memory and more than 5 minutes with nothing printed. Now its size refuses it at once (a sparse
    file here: reading it would still take the memory); a folder holding it skips it."""
    import time

    folder = tmp_path / "in"
    folder.mkdir()
    huge = folder / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(1_000_000_000)
    start = time.monotonic()
    result = run_qa("add", str(huge), "--no-index", "--corpus-dir", str(tmp_path / "lib"))
    assert (result.returncode, result.stdout) == (2, ""), result
    assert result.stderr == ("qa: huge.txt: the file is 1,000 MB, far above the 50 MB limit for an article's "
                             "text (QA_MAX_FILE_MB)\n")
    assert time.monotonic() - start < 30
    result = run_qa("add", str(folder), "--no-index", "--corpus-dir", str(tmp_path / "lib"))
    assert result.returncode == 1 and "1 too large (huge.txt)" in result.stderr, result.stderr


def _wait_for_sigterm_handler(pid: int, timeout: float = 120) -> None:
    """Until the process catches SIGTERM (its `SigCgt` mask in /proc): before `main` runs, Python is
    still importing and SIGTERM keeps its default action (the table says so)."""
    import time

    status = Path(f"/proc/{pid}/status")
    if not status.exists():
        pytest.skip("no /proc to see when qa catches SIGTERM")
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        caught = [line for line in status.read_text().splitlines() if line.startswith("SigCgt:")]
        if caught and int(caught[0].split()[1], 16) >> 14 & 1:
            return
        time.sleep(0.05)
    raise AssertionError("qa never caught SIGTERM")


def test_sigterm_is_one_line_and_143_and_adds_nothing(tmp_path: Path):
    """SIGTERM (`kill PID`) killed `qa add` at once and silently (-15); Ctrl-C already printed one
    line and tidied up. Now SIGTERM is read as Ctrl-C is: the same tidy-up, one line, status 143;
    the corpus is as it was and the next command finds nothing to mend."""
    import os
    import signal
    import subprocess
    import sys
    import time

    from conftest import PDF_DIR

    pdf = PDF_DIR / "10.7554_elife.91357.3.pdf"  # 30 pages: reading it takes several seconds
    if not pdf.is_file():
        pytest.skip("the shared PDFs are not here")
    lib = tmp_path / "lib"
    lib.mkdir()
    text = tmp_path / "a.txt"
    text.write_text(_article("marrow"), encoding="utf-8")
    assert run_qa("add", str(text), "--no-index", "--corpus-dir", str(lib)).returncode == 0
    manifest = (lib / "manifest.toml").read_bytes()
    process = subprocess.Popen([sys.executable, "-m", "qa", "add", str(pdf), "--no-index", "--corpus-dir", str(lib)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
                               env=dict(os.environ))
    _wait_for_sigterm_handler(process.pid)
    time.sleep(1)
    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=120)
    assert (process.returncode, out) == (143, ""), err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0] in ("qa: terminated", "qa: interrupted while reading the files; nothing "
                                            "was added"), err
    assert (lib / "manifest.toml").read_bytes() == manifest
    assert sorted(p.name for p in lib.iterdir()) == ["a.txt", "manifest.toml"]


def test_the_library_leaves_sigterm_alone():
    """Only the command line's own process turns SIGTERM into an exception: `main([...])` called by
    a program (and the library) keep their host's handler."""
    import signal

    before = signal.getsignal(signal.SIGTERM)
    run_qa_here("docs")
    assert signal.getsignal(signal.SIGTERM) is before


def test_a_sigterm_a_c_call_wrapped_is_still_a_stop(monkeypatch):
    """CI caught `qa add` of a PDF stopped by SIGTERM printing "qa: internal error: ArgumentError:
    argument 1: Terminated" (status 1): the handler's exception was raised while ctypes converted an
    argument for pdfium, and ctypes reports it as its own ArgumentError, dropping it. The stop is
    read from the signal received, so the command still says it was stopped and exits 143."""
    import ctypes
    import signal

    from qa.app import cli_support

    monkeypatch.setattr(cli_support, "_RECEIVED", [])

    class Converted:  # a C call's argument conversion, where the signal handler runs
        @classmethod
        def from_param(cls, value):
            cli_support._raise_stop(signal.SIGTERM, None)

    abs_ = ctypes.CDLL(None).abs
    abs_.argtypes = [Converted]
    with pytest.raises(ctypes.ArgumentError) as wrapped:
        abs_(1)
    stop = cli_support.stopped_by(wrapped.value)
    assert isinstance(stop, cli_support.Terminated) and cli_support.interrupt_status(stop) == 143
    assert cli_support.stopped_by(ValueError("a bug")) is stop  # once stopped, any failure is the stop
    monkeypatch.setattr(cli_support, "_RECEIVED", [])
    assert cli_support.stopped_by(ValueError("a bug")) is None  # no signal: a bug stays a bug
