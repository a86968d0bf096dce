"""The interface leftovers of the last sessions (forty-second session, helper h4), each found by a user trial
or a review and left open; each test runs the real CLI (a subprocess, on a pseudo-terminal where the
terminal matters), the library or the TUI (Pilot)."""
from __future__ import annotations

import re
import shutil

import pytest

from conftest import CORPUS, run_on_terminal, run_qa

REVIEW = CORPUS / "pmc3782548_mscs_in_allogeneic_hsct.txt"


def test_a_missing_folder_is_named_a_folder(tmp_path) -> None:
    """`qa add missing_folder/` said "missing_folder: file not found": `Path` had dropped the '/' the user
    typed. A name written as a folder that does not exist is now that folder, one line, exit 2, nothing
    written; the library call says the same. A missing file is still "file not found"."""
    import qa
    from qa.errors import QAError

    lib = tmp_path / "lib"
    done = run_qa("add", "missing_folder/", "--corpus-dir", str(lib))
    assert (done.returncode, done.stdout, done.stderr) == (2, "", "qa: missing_folder/: folder not found\n"), done
    dry = run_qa("add", f"{tmp_path}/gone/", "--dry-run", "--corpus-dir", str(lib))
    assert (dry.returncode, dry.stderr) == (2, f"qa: {tmp_path}/gone/: folder not found\n"), dry
    assert not lib.exists()
    with pytest.raises(QAError, match=r"^missing_folder/: folder not found$"):
        qa.add("missing_folder/", settings=qa.Settings(corpus_dir=lib, index_dir=tmp_path / "lib-index"))
    assert not lib.exists()
    missing = run_qa("add", "gone.pdf", "--corpus-dir", str(lib))
    assert (missing.returncode, missing.stderr) == (2, "qa: gone.pdf: file not found\n"), missing


def _on_a_terminal(*args: str, columns: int) -> tuple[int, list[str]]:
    """`qa ARGS` with stdout and stderr on one pseudo-terminal `columns` wide: its exit status and the
    lines written (escapes removed, the progress bar's erased text dropped)."""
    code, written, _ = run_on_terminal(*args, on_terminal=("stdout", "stderr"), columns=columns, env={"NO_COLOR": "1"})
    lines = [line.rsplit("\r", 1)[-1] for line in written.split("\r\n")]
    return code, [re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", line) for line in lines if line]


def test_every_line_on_stderr_and_stdout_fits_a_narrow_terminal(tmp_path) -> None:
    """Stdout's readable lines were fitted to COLUMNS (`render.Lines`, forty-first session) while an error,
    a warning or `qa add`'s own lines ran past it: "qa: <path>: folder not found" of 90 columns at 50. On
    a terminal every line now fits (`cli_streams.fitted_stderr`, `write_fitted`); piped, an error stays one
    line for scripts."""
    from rich.cells import cell_len

    deep = tmp_path / "a_folder_with_a_long_name_for_a_narrow_terminal"
    code, lines = _on_a_terminal("add", f"{deep}/", "--corpus-dir", str(tmp_path / "lib"), columns=50)
    assert code == 2 and len(lines) >= 2 and " ".join(line.strip() for line in lines).endswith("folder not found"), lines
    assert [line for line in lines if cell_len(line) > 50] == [], lines
    review = shutil.copy(REVIEW, tmp_path / "a_review_of_mesenchymal_stromal_cells_in_transplants.txt")
    code, lines = _on_a_terminal("add", str(review), "--dry-run", "--corpus-dir", str(tmp_path / "lib"), columns=50)
    assert code == 0 and any(line.startswith("would add ") for line in lines), lines
    assert [line for line in lines if cell_len(line) > 50] == [], lines
    piped = run_qa("add", f"{deep}/", "--corpus-dir", str(tmp_path / "lib"), env={"COLUMNS": "50"})
    assert piped.stderr == f"qa: {deep}/: folder not found\n", piped.stderr


CARRIED = "What percent of patients had an initial response to Prochymal?"  # as the forty-first session's test


def test_a_carried_over_citation_is_flagged_in_the_json() -> None:
    """The CLI and the TUI mark kim2013's [94] '[94]↑' (the quote "Ninety-four percent of the patients had an
    initial response ..." takes it from the sentence before it), but `qa ask --json` gave no sign of it: a
    span citation now says `carried` ('before' / 'after', null when printed in the quote), as its offsets
    do, and `qa schema answer` documents the field."""
    import json

    done = run_qa("ask", CARRIED, "--k", "3", "--json")
    assert done.returncode == 0, done.stderr
    spans = json.loads(done.stdout)["spans"]
    first = spans[0]
    assert first["text"].startswith("Ninety-four percent"), first
    assert {c["label"]: c["carried"] for c in first["citations"]}["[94]"] == "before", first["citations"]
    for span in spans:  # the flag is what the offsets say, for every citation of every span
        for c in span["citations"]:
            side = None if span["start"] <= c["start"] < span["end"] else "before" if c["start"] < span["start"] \
                else "after"
            assert c["carried"] == side, (span["text"][:60], c)
    assert any(c["carried"] is None for span in spans for c in span["citations"]), spans
    schema = json.loads(run_qa("schema", "answer").stdout)
    assert "sentence before" in schema["$defs"]["SpanCitation"]["properties"]["carried"]["description"]


CARTILAGE = "MSC cartilage repair trials refs?"  # user trial 56's conversation (docs/user-trial-56.md)
TUMOUR = "any tumour risk?"


def test_the_chat_says_a_short_question_was_read_on_its_own() -> None:
    """After "MSC cartilage repair trials refs?", "any tumour risk?" is asked on its own (user trial 56) and the
    CLI says so ("Read on its own, not as a follow-up of: ..."); the chat showed the answer without that line,
    as if it followed nothing. It now shows the line above the answer, where a follow-up's "(taken as a
    follow-up of: ...)" stands."""
    from conftest import chat_text, last_answer, started_app, typed_and_answered
    from textual.widgets import Static

    async def run() -> None:
        async with started_app(size=(160, 50)) as (app, pilot):
            await typed_and_answered(app, pilot, CARTILAGE, timeout=600)
            await typed_and_answered(app, pilot, TUMOUR, timeout=600)
            answer = last_answer(app)
            assert answer.found and not answer.context, answer.message
            note = f"Read on its own, not as a follow-up of: {CARTILAGE}"
            assert note in answer.message
            readings = [str(w.content) for w in app.query(".reading").results(Static)]
            assert len(readings) == 1 and readings[0].startswith(note), readings
            text = chat_text(app)
            assert text.index(note) < text.index(answer.spans[0].text[:40]), text

    import asyncio

    asyncio.run(run())
