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


def _own_library(settings, dest):
    """A private copy of the project's library: its corpus, and of its index the current build and caches."""
    import shutil
    from pathlib import Path

    source = Path(settings.index_dir)
    build = (source / "CURRENT").read_text(encoding="utf-8").strip()
    index_dir = Path(dest) / "lib-index"
    shutil.copytree(settings.corpus_dir, Path(dest) / "lib")
    shutil.copytree(source, index_dir, ignore=lambda folder, names: [
        n for n in names if Path(folder) == source and (n == "eval-corpora" or n.startswith("build-") and n != build)])
    return settings.replace(corpus_dir=Path(dest) / "lib", index_dir=index_dir)


def test_remove_and_restore_report_progress_as_an_add_does(settings, tmp_path, capfd) -> None:
    """`qa.remove` / `qa.restore` took no progress callback while `qa.add(progress=...)` did, and `qa remove`
    ended without `qa add`'s line of counts and time: now the same callback (the move, then the index
    update's steps), the same bar on a terminal and the same last line."""
    import re

    import pytest

    import qa
    from test_add_progress import _on_a_terminal, _screen

    lib = _own_library(settings, tmp_path)
    events: list[tuple[float, str]] = []
    moved = qa.remove("kim2013", settings=lib, progress=lambda f, m: events.append((f, m)))
    assert moved.index_updated
    assert events[0] == (0.0, "removing kim2013") and events[1][0] == 1.0, events
    assert events[1][1].startswith("removed kim2013: "), events
    index = events[2:]
    assert index and index[-1][0] == 1.0 and index[-1][1].startswith("index ready"), index
    assert capfd.readouterr() == ("", "")  # a library call prints nothing
    with pytest.raises(qa.QAError, match="progress must be True, False, None or a callable"):
        qa.restore("kim2013", settings=lib, progress="yes")
    flags = ["--corpus-dir", str(lib.corpus_dir), "--index-dir", str(lib.index_dir)]
    code, out, err = _on_a_terminal("restore", "kim2013", *flags)
    assert code == 0, err
    assert "[------------------------------]   0% restoring kim2013" in err, err
    assert "index ready" in err and not any("restoring" in line for line in _screen(err)), err
    lines = out.splitlines()
    assert lines[0].startswith("restored kim2013 (")
    assert re.fullmatch(r"1 article restored, index updated; \d+\.\d s", lines[-1]), out
    piped = run_qa("remove", "kim2013", "--no-index", *flags)
    assert piped.returncode == 0 and "removing" not in piped.stderr, piped
    assert re.fullmatch(r"1 article removed, index not updated; \d+\.\d s", piped.stdout.splitlines()[-1]), piped


def _on_a_terminal_stdout(*args: str, columns: int) -> str:
    """`qa ARGS`'s standard output when it is a terminal `columns` wide (a pseudo-terminal), escapes removed."""
    import re

    from conftest import run_on_terminal

    _, written, _ = run_on_terminal(*args, on_terminal=("stdout",), columns=columns, env={"NO_COLOR": "1"})
    return re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", written).replace("\r\n", "\n")


def test_every_line_fits_a_narrow_terminal() -> None:
    """At COLUMNS=60 a quote's header fitted but a passage's header (`qa show`) was 208 columns, a hit's 82,
    and `qa docs`, `qa studies`, `qa refs` printed rows of up to 206: every line a line of the answer was
    joined from parts, not wrapped. Now each line is fitted (`render.fitted`); piped, `qa docs` keeps one
    line a document."""
    from rich.cells import cell_len

    asked = run_qa("ask", "What did Le Blanc report about GVHD?", env={"COLUMNS": "60"})
    assert asked.returncode == 0, asked.stderr
    import re

    passage = re.search(r"passage ([0-9a-f]{10})", asked.stdout).group(1)
    outputs = {"ask": asked.stdout}
    for args in (("search", "umbilical", "cord", "MSCs", "in", "lupus", "--k", "5"), ("show", passage, "-C", "1")):
        done = run_qa(*args, env={"COLUMNS": "60"})
        assert done.returncode == 0, done.stderr
        outputs[args[0]] = done.stdout
    for args in (("docs",), ("studies", "GVHD"), ("refs", "kim2013")):
        outputs[args[0]] = _on_a_terminal_stdout(*args, columns=60)
    for name, out in outputs.items():
        assert len(out.splitlines()) > 2, (name, out)
        wide = [line for line in out.splitlines() if cell_len(line) > 60]
        assert wide == [], (name, wide[:3])
    piped = run_qa("docs")
    assert len(piped.stdout.splitlines()) == 3, piped.stdout  # one line a document for a script


CARRIED = "What percent of patients had an initial response to Prochymal?"  # my own wording


def test_a_carried_over_citation_is_marked_in_the_chat_the_cli_and_the_copy() -> None:
    """kim2013's "Ninety-four percent of the patients had an initial response ..." prints no number; the
    quote takes [94] from the sentence before it (qa.answer.inherited). The TUI, the CLI and the copied text
    showed [94] as if the quote printed it; now each marks it '[94]↑' (README, "An answer, and how to read it")."""
    import asyncio

    from conftest import chat_text, last_answer, shown, started_app, typed_and_answered

    brief = run_qa("ask", CARRIED, "--brief", "--k", "3")
    assert brief.returncode == 0, brief.stderr
    first = next(line for line in brief.stdout.splitlines() if line.startswith("1. "))
    assert first.startswith("1. kim2013 [94]↑") and "Ninety-four percent" in first, brief.stdout
    full = run_qa("ask", CARRIED, "--k", "3").stdout
    assert "cites [94]↑" in full and "[94]↑" not in full.split("References")[-1], full

    async def run() -> None:
        async with started_app(size=(160, 50)) as (app, pilot):
            await typed_and_answered(app, pilot, CARRIED, timeout=600)
            span = last_answer(app).spans[0]
            assert span.text.startswith("Ninety-four percent") and "[94]" not in span.text
            assert "[94]↑" in chat_text(app)
            references = shown(app, "#references")
            assert "[94]↑  cited in kim2013, in the sentence before this quote (carried over)" in references
            await pilot.press("ctrl+y")
            assert "\n  [94]↑ " in app.clipboard, app.clipboard

    asyncio.run(run())


def test_qa_studies_lists_the_matches_near_the_best_and_top_bounds_them() -> None:
    """`qa studies "Crohn's disease"` listed 77 studies, 57 of them holding only 'disease' (a study holding
    half the query's words matched): now those scoring below `studies_relative_floor` of the best are left
    out, as an answer leaves out spans far below its best, and `--top N` bounds the list."""
    def listed(*args: str, env: dict[str, str] | None = None) -> list[dict]:
        done = run_qa("studies", *args, "--json", env=env)
        assert done.returncode == 0, done.stderr
        out = json.loads(done.stdout)
        return out if isinstance(out, list) else out.get("studies", out)

    studies = listed("Crohn's disease")
    assert 0 < len(studies) <= 25 and "Crohn" in studies[0]["title"], [s["id"] for s in studies]
    everything = listed("Crohn's disease", env={"QA_STUDIES_RELATIVE_FLOOR": "0"})
    assert len(everything) > 2 * len(studies)  # the weak matches, as before
    assert [s["id"] for s in everything[:len(studies)]] == [s["id"] for s in studies]  # the best, in order
    top = run_qa("studies", "Crohn's disease", "--top", "3")
    assert top.returncode == 0, top.stderr
    assert top.stdout.splitlines()[-1] == f"+{len(studies) - 3} more studies (raise --top to see them)"
    assert [line.split()[0] for line in top.stdout.splitlines() if line[:1].isalnum()][:3] == \
        [s["id"] for s in studies[:3]]
    zero = run_qa("studies", "GVHD", "--k", "0")
    assert (zero.returncode, zero.stderr) == (2, "qa: --k must be at least 1, got 0\n"), zero
