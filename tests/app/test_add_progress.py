"""Progress of an add (user trial 53): `qa.add` of two PDFs ran 39 s and showed nothing, and `qa add`
showed the index build's bar but nothing while it read the files, and no line saying what it did
in how long. Now the library call reports to a callback, `progress(fraction, message)` (the one the
index build takes; `progress=True` draws it on stderr as `qa add` does), each file before it is read
and then the index update's steps, and prints nothing without one. `qa add` on a terminal shows each
file as it is read and ends with a line of counts and time; a refusal stays the one line (the
reading's bar is erased; through a pipe it is not drawn at all)."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import CORPUS, PDF_DIR, run_on_terminal, run_qa

PDF = PDF_DIR / "10.1128_jb.00479-21.pdf"  # 12 pages: the quickest real article to read
REVIEW = CORPUS / "pmc3782548_mscs_in_allogeneic_hsct.txt"
NOT_A_PDF = "qa: notes.pdf is not a PDF (no %PDF header; it is plain text: name it .txt to add it as a text article)"


@pytest.fixture()
def papers(tmp_path: Path) -> list[Path]:
    """A real PDF and a text article, copied into a folder outside the repository."""
    if not PDF.is_file():
        pytest.skip(f"the real PDFs are not in {PDF_DIR}")
    folder = tmp_path / "papers"
    folder.mkdir()
    return [Path(shutil.copy(PDF, folder)), Path(shutil.copy(REVIEW, folder / "review.txt"))]


def test_the_library_call_reports_each_file_then_the_index_and_prints_nothing(papers, tmp_path, capfd):
    import qa
    from qa.settings import Settings

    events: list[tuple[float, str]] = []
    result = qa.add(papers, settings=Settings(corpus_dir=tmp_path / "lib"), progress=lambda f, m: events.append((f, m)))
    assert [a.id for a in result.added] == ["10.1128_jb.00479-21", "review"] and result.index_updated
    assert events[:3] == [(0.0, "reading 1/2: 10.1128_jb.00479-21.pdf"), (0.5, "reading 2/2: review.txt"),
                          (1.0, "read 2 files: 2 ready")], events[:4]
    index = events[3:]
    assert index and index[-1][0] == 1.0 and index[-1][1].startswith("index ready"), index
    assert all(0.0 <= f <= 1.0 for f, _ in events) and [f for f, _ in index] == sorted(f for f, _ in index)
    assert capfd.readouterr() == ("", "")  # a library call prints nothing, with a callback or without


def test_progress_true_draws_on_stderr_and_a_wrong_value_is_refused(papers, tmp_path, capfd):
    import qa
    from qa.settings import Settings

    lib = Settings(corpus_dir=tmp_path / "lib")
    with pytest.raises(qa.QAError, match="progress must be True, False, None or a callable"):
        qa.add(papers, settings=lib, progress="yes")
    plan = qa.add(papers[1:], settings=lib, dry_run=True, progress=True)
    assert [p.id for p in plan.would_add] == ["review"]
    out, err = capfd.readouterr()
    assert out == "" and "reading 1/1: review.txt" in err and "read 1 file: 1 ready" in err, err


def _on_a_terminal(*args: str) -> tuple[int, str, str]:
    """`qa ARGS` in a subprocess whose stderr is a terminal (a pseudo-terminal): its exit status,
    stdout, and stderr as written (bars and their erasing included)."""
    code, written, out = run_on_terminal(*args)
    return code, out, written


def _screen(written: str) -> list[str]:
    """The lines a terminal shows at the end: of each line, what follows its last erasing."""
    return [line.rsplit("\r\x1b[K", 1)[-1] for line in written.split("\r\n") if line.rsplit("\r\x1b[K", 1)[-1]]


def test_qa_add_shows_each_file_as_it_is_read_and_ends_with_counts_and_time(papers, tmp_path):
    code, out, err = _on_a_terminal("add", *map(str, papers), "--no-index", "--corpus-dir", str(tmp_path / "lib"))
    assert code == 0, err
    assert "[------------------------------]   0% reading 1/2: 10.1128_jb.00479-21.pdf" in err, err
    assert "[###############---------------]  50% reading 2/2: review.txt" in err, err
    # the bar is gone once the files are read: what stays on screen is the warnings and notes
    assert all(line.startswith(("warning: ", "note: ")) for line in _screen(err)), err
    lines = out.splitlines()
    assert [ln.split()[1] for ln in lines[:-1]] == ["10.1128_jb.00479-21:", "review:"], out
    assert re.fullmatch(r"2 new articles, 0 files skipped, index not updated; \d+\.\d s", lines[-1]), out


def test_a_refused_file_stays_one_line_on_a_terminal_and_elsewhere(tmp_path):
    (tmp_path / "notes.pdf").write_text("Ventilation settings\nPEEP 8, FiO2 0.4\n")
    review = shutil.copy(REVIEW, tmp_path / "review.txt")
    lib = str(tmp_path / "lib")
    for named in ([tmp_path / "notes.pdf"], [tmp_path / "notes.pdf", review]):  # a pipe: no reading bar
        piped = run_qa("add", *map(str, named), "--corpus-dir", lib)
        assert (piped.returncode, piped.stdout) == (2, ""), piped
        assert piped.stderr.splitlines()[0] == NOT_A_PDF and len(piped.stderr.splitlines()) == len(named), piped.stderr
    code, out, err = _on_a_terminal("add", str(tmp_path / "notes.pdf"), str(review), "--corpus-dir", lib)
    assert (code, out) == (2, "") and "reading 2/2: review.txt" in err, err
    assert _screen(err) == [NOT_A_PDF, "qa: nothing was added (the corpus is unchanged), though 1 other file was ready"]
    assert not (tmp_path / "lib").exists()


