"""Command-line conventions as a user meets them (real subprocess calls of `qa` on the real
index): --version, help, several-word and stdin questions, batches, width, colour, --brief,
`qa show`, versioned JSON with a schema, completion, and `qa eval` writing only on request."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, run_qa, run_qa_here, run_qa_once
from qa.models import Reference

pytestmark = pytest.mark.slow

SLE = "Which sources were used for SLE?"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def ok(result) -> str:
    assert result.returncode == 0, result.stderr[-500:]
    assert "Traceback" not in result.stderr
    return result.stdout


def test_version_and_help():
    assert re.fullmatch(r"qa \d+\.\d+\.\d+\n", ok(run_qa("--version")))
    plain = run_qa()
    assert plain.returncode == 0 and plain.stdout.startswith("usage: qa")
    for option in ("--model", "--index-dir", "--corpus-dir", "--color"):  # taken before any command too
        assert option in plain.stdout, option  # (docs audits 21 and 22: the top-level help named none)
    for command in ("ask", "search", "show", "schema", "completion", "eval", "studies", "study"):
        assert command in plain.stdout
        run = run_qa if command == "ask" else run_qa_here  # one through a real process, the rest in this one
        sub = ok(run(command, "--help"))
        examples = sub.split("examples:\n", 1)[1]  # a description and an example
        assert f"qa {command}" in examples, command
        description = sub.split("\n\n")[1]
        assert len(description.split()) >= 5, (command, description)
        if command == "ask":  # the index of another library is found beside it (docs audit 25)
            assert "'<corpus>-index' beside it" in " ".join(sub.split()), sub


def test_several_words_are_one_question_and_dash_reads_stdin():
    words = json.loads(ok(run_qa("ask", "GVHD", "trials", "--json")))
    assert words["schema"] == "qa/answer/v2" and words["question"] == "GVHD trials"
    piped = json.loads(ok(run_qa("ask", "-", "--json", input=SLE + "\n")))
    assert piped["question"] == SLE and piped["found"] is True
    searched = json.loads(ok(run_qa("search", "-", "--json", "--k", "2", input="GVHD trials\n")))
    assert searched["schema"] == "qa/search/v1" and len(searched["hits"]) == 2
    empty = run_qa("ask", "-", input="")
    assert empty.returncode != 0 and empty.stderr.startswith("qa: ") and "empty" in empty.stderr


def test_ask_file_gives_one_json_line_per_question_and_errors_as_objects(tmp_path: Path):
    questions = tmp_path / "questions.txt"
    questions.write_text(f"{SLE}\n\n{'why ' * 600}\n"
                         "What is the capital city of Australia?\n", encoding="utf-8")
    result = run_qa("ask", "--file", str(questions))
    assert result.returncode == 0 and "1 of the questions could not be asked" in result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["schema"] for d in lines] == ["qa/answer/v2", "qa/error/v1", "qa/answer/v2"]
    assert [d["line"] for d in lines] == [1, 3, 4]
    assert lines[0]["found"] is True and lines[2]["found"] is False
    assert "too long" in lines[1]["error"]
    stdin = run_qa("ask", "--file", "-", "--k", "3", input="GVHD trials\nlupus\n")
    assert [json.loads(x)["question"] for x in ok(stdin).splitlines()] == ["GVHD trials", "lupus"]
    missing = run_qa("ask", "--file", str(tmp_path / "nope.txt"))
    assert missing.returncode != 0 and missing.stderr.count("\n") == 1
    # user trial 22: --previous and an explicit --format text were silently ignored by a batch
    for flags, said in ((["--previous", "Were MSCs tried for GVHD?"], "--previous"), (["--format", "text"], "--format text")):
        refused = run_qa_here("ask", "--file", str(questions), *flags)
        assert refused.returncode == 2 and refused.stdout == "" and refused.stderr.count("\n") == 1
        assert said in refused.stderr
    assert run_qa_here("ask", "--file", "-", "--format", "json", input="GVHD trials\n").returncode == 0


def test_width_follows_the_terminal_and_colour_only_when_asked_or_on_a_terminal():
    narrow = ok(run_qa("ask", SLE, env={"COLUMNS": "60"}))
    wide = ok(run_qa("ask", SLE, env={"COLUMNS": "140"}))
    assert max(map(len, narrow.splitlines())) <= 60
    assert max(map(len, wide.splitlines())) > 100
    assert not ANSI.search(narrow)  # a pipe: no colour
    coloured = ok(run_qa("ask", SLE, "--color", "always", env={"NO_COLOR": "1"}))
    assert ANSI.search(coloured) and ANSI.sub("", coloured) == ok(run_qa_once("ask", SLE))
    assert not ANSI.search(ok(run_qa("ask", SLE, "--color", "never")))


def test_every_line_of_an_answer_with_also_printed_references_fits_a_narrow_terminal():
    """Its "Also printed in the quotes (not offered as this answer's sources)" heading is 65 columns:
    at COLUMNS=60 it was printed unwrapped (docs audit 27), so the width rule held for SLE only."""
    # a quote printing "[86]", which it does not offer (the Yang et al. trial's question printed one until its
    # distractor, another trial's "[100]" sentence, fell out: span_other_name_credit)
    ringden = "How many patients with GVHD were treated in the Ringden study?"
    narrow = ok(run_qa("ask", ringden, env={"COLUMNS": "60"}))
    assert "Also printed in the quotes" in narrow  # the block whose heading was too wide
    assert max(map(len, narrow.splitlines())) <= 60


def test_brief_is_one_line_per_span():
    dose = "How many human UC-MSCs were lupus mice treated with?"  # the review prints 1x106
    for question in (SLE, dose):
        full = json.loads(ok(run_qa_once("ask", question, "--json")))
        brief = ok(run_qa("ask", question, "--brief")).splitlines()
        assert len(brief) == len(full["spans"]) and "References" not in brief
        # each line is one span, numbered in turn (a sources answer's in its study table's order,
        # tests/app/test_cli_outputs.py); every span is printed once
        unmatched = list(full["spans"])
        for number, line in enumerate(brief, 1):
            # a superscript citation is shown bracketed ('syndrome.3' -> 'syndrome.[3]')
            unbracketed = line.replace("[", "").replace("]", "")
            span = next(s for s in unmatched  # lost exponents shown with their reading (display_text)
                        if " ".join((s["display_text"] or s["text"]).split()).replace("[", "").replace("]", "")
                        in unbracketed)
            assert line.startswith(f"{number}. {span['doc_id']}")
            unmatched.remove(span)
        assert not unmatched
    restored = [s for s in full["spans"] if s["display_text"]]
    assert restored, "the answer quotes a dose printed as 1x106"
    assert all(s["notes"] and "[printed '" in s["display_text"] for s in restored)


def test_show_prints_a_passage_with_its_neighbours(index):
    row = next(i for i in range(1, len(index.passages) - 1)
               if index.passages[i - 1].doc_id == index.passages[i].doc_id
               == index.passages[i + 1].doc_id)
    passage = index.passages[row]
    data = json.loads(ok(run_qa("show", passage.id, "-C", "1", "--json")))
    assert data["schema"] == "qa/show/v1" and data["passage"]["id"] == passage.id
    assert [p["id"] for p in data["before"]] == [index.passages[row - 1].id]
    assert [p["id"] for p in data["after"]] == [index.passages[row + 1].id]
    text = ok(run_qa("show", passage.id[:8], "-C", "1"))  # a unique prefix is enough
    first_words = " ".join(passage.text.split()[:5])
    assert f"▶ {passage.id} {passage.doc_id}" in text and first_words in " ".join(text.split())
    assert text.index(index.passages[row - 1].id) < text.index(passage.id)
    first = index.passages[0]  # at a document's start there is nothing before
    assert json.loads(ok(run_qa("show", first.id, "-C", "2", "--json")))["before"] == []
    bad = run_qa("show", "nosuchpassage")
    assert bad.returncode != 0 and bad.stderr.startswith("qa: ") and bad.stderr.count("\n") == 1


def test_json_is_versioned_and_citations_keep_the_library_fields(index):
    answer = json.loads(ok(run_qa_once("ask", SLE, "--json")))
    assert answer["schema"] == "qa/answer/v2"
    citation_fields = {"key", "label", "start", "end", "style", "reference"}
    cited = [c for s in answer["spans"] for c in s["citations"]]
    # and `carried` (forty-second session): null for a number printed in the quote, as all of these are
    assert cited and all(set(c) == citation_fields | {"carried"} and c["carried"] is None for c in cited)
    for s in answer["spans"]:
        text = index.document(s["doc_id"]).text
        for c in s["citations"]:
            assert s["start"] <= c["start"] < c["end"] <= s["end"]
            assert text[c["start"]:c["end"]] == c["label"]
    numbered = [r for r in answer["references"] if r["text"]]
    entry_fields = set(Reference.model_fields) - {"text"}  # every field of the library's entry
    assert numbered and all(entry_fields <= set(r) for r in numbered)
    assert all(isinstance(r["doi"], str) for r in answer["references"])
    assert any(r["year"] and r["authors"] for r in numbered)  # structured fields filled in
    passage = json.loads(ok(run_qa_once("passages", "--json")).splitlines()[0])
    assert passage["schema"] == "qa/passage/v1"
    reference = json.loads(ok(run_qa_once("refs", "kim2013", "--json")).splitlines()[0])
    assert reference["schema"] == "qa/reference/v1"


def test_answer_references_are_derived_from_the_reference_model():
    """Every field of `qa.models.Reference` (doi included) is in the answer's references, with
    the library's description; a field added to `Reference` appears without touching schema.py."""
    from qa.app.schema import ENTRY_FIELDS, ReferenceOut

    assert set(Reference.model_fields) <= set(ReferenceOut.model_fields)
    assert "doi" in ENTRY_FIELDS
    for name in ENTRY_FIELDS:
        assert ReferenceOut.model_fields[name].description == Reference.model_fields[name].description
    answer = json.loads(ok(run_qa_once("schema", "answer")))
    assert answer["properties"]["schema"]["const"] == "qa/answer/v2"
    assert "doi" in answer["$defs"]["ReferenceOut"]["properties"]


def test_schema_command_prints_the_json_schema():
    everything = json.loads(ok(run_qa("schema")))
    assert set(everything["kinds"]) >= {"answer", "search", "passage", "reference", "show", "error"}
    answer = json.loads(ok(run_qa_once("schema", "answer")))
    assert answer["properties"]["schema"]["const"] == "qa/answer/v2"
    assert answer["properties"]["spans"]["description"]
    citation = answer["$defs"]["Citation"]["properties"]
    assert {"key", "label", "start", "end", "style", "reference"} <= set(citation)
    assert run_qa("schema", "nosuchkind").returncode == 2


def test_completion_script_and_completions():
    script = ok(run_qa("completion", "bash"))
    assert "register" in script.lower() or "complete" in script
    env = {"_ARGCOMPLETE": "1", "COMP_LINE": "qa ask --d", "COMP_POINT": "10",
           "_ARGCOMPLETE_STDOUT_FILENAME": "/dev/stdout", "_ARGCOMPLETE_IFS": "\n"}
    assert "--doc" in run_qa(env=env).stdout
    env.update(COMP_LINE="qa refs ", COMP_POINT="8")
    assert "kim2013" in run_qa(env=env).stdout


def test_eval_writes_results_only_with_write(monkeypatch, capsys):
    """The wiring of `qa eval` (in process; the evaluation itself is run by the eval gate)."""
    from qa.app import cli
    from qa.evaluation import evaluate, report

    class Report:
        def model_dump_json(self, indent=None):
            return "{}"

    written = []
    monkeypatch.setattr(evaluate, "run_suite", lambda split, set_name, settings: [Report()])
    monkeypatch.setattr(report, "format_report", lambda r: "report")
    monkeypatch.setattr(report, "write_results", lambda r: written.append(r))
    assert cli.main(["eval", "--split", "dev"]) == 0 and written == []
    assert cli.main(["eval", "--split", "dev", "--no-write"]) == 0 and written == []  # old flag
    assert cli.main(["eval", "--split", "dev", "--write"]) == 0 and len(written) == 1
    assert "--no-write" not in capsys.readouterr().out


def test_global_options_are_accepted_before_every_command(tmp_path):
    """Robustness hunt: `qa --index-dir DIR schema answer`, `... completion bash`, `qa --color
    never schema` and `qa --index-dir DIR tui` were refused ('unrecognized arguments'), though
    global options may come before any command."""
    where = ("--index-dir", str(ROOT / "index"), "--corpus-dir", str(ROOT / "corpus"))
    schema = run_qa(*where, "schema", "answer")
    assert schema.returncode == 0 and json.loads(schema.stdout)["title"], schema.stderr
    assert run_qa("--color", "never", "schema", "answer").returncode == 0
    completion = run_qa(*where, "completion", "bash")
    assert completion.returncode == 0 and "complete" in completion.stdout, completion.stderr
    unknown = run_qa(*where, "tui", "--doc", "nosuchdoc", timeout=60)  # parsed, then refused before any screen
    assert unknown.returncode == 2 and "unknown document nosuchdoc" in unknown.stderr, unknown.stderr


def test_the_chat_refuses_a_corpus_it_cannot_read_before_any_screen(tmp_path):
    """User trial 23: `tui.py --corpus-dir /tmp/nope --screenshot x.svg` exited 0 after a chat that
    advised a rebuild with `qa index`, which could not help; `qa ask` said it in one line."""
    import subprocess

    for corpus, message in ((tmp_path / "nope", f"corpus folder not found: {tmp_path / 'nope'}"),
                            (ROOT / "README.md", "the corpus folder is a file, not a folder")):
        shot = tmp_path / "x.svg"
        result = subprocess.run([sys.executable, str(ROOT / "tui.py"), "--corpus-dir", str(corpus),
                                 "--screenshot", str(shot)], capture_output=True, text=True, cwd=ROOT, timeout=120)
        assert result.returncode == 2 and result.stderr.startswith(f"tui.py: {message}"), result.stderr
        assert result.stderr.count("\n") == 1 and not shot.exists()


def test_binary_bytes_on_stdin_are_one_line_and_exit_2():
    import random

    noise = bytes(random.Random(7).randrange(128, 256) for _ in range(300))
    result = subprocess.run([sys.executable, "-m", "qa", "ask", "-"], input=noise, capture_output=True, cwd=ROOT)
    assert result.returncode == 2 and result.stdout == b""
    assert result.stderr.decode().startswith("qa: the question is not readable text") and result.stderr.count(b"\n") == 1


def test_messages_say_what_is_wrong_in_words(tmp_path: Path):
    """User trial 22: '???' was called "a single word", a file given as --corpus-dir was "not
    found", and an unreadable --file showed Python's "[Errno 2] ..." text."""
    signs = run_qa_here("ask", "???")
    assert signs.returncode == 1 and "it has no words (only signs)" in signs.stderr
    a_file = tmp_path / "notes.txt"
    a_file.write_text("not a corpus", encoding="utf-8")
    wrong = run_qa_here("ask", "Were MSCs tried in MS?", "--corpus-dir", str(a_file))
    assert wrong.returncode != 0 and "is a file, not a folder" in wrong.stderr and wrong.stderr.count("\n") == 1
    missing = run_qa_here("ask", "--file", str(tmp_path / "nope.txt"))
    assert missing.returncode != 0 and missing.stderr.strip().endswith("No such file or directory")
    assert "Errno" not in missing.stderr
    (tmp_path / "latin1.txt").write_bytes("caf\xe9 MSCs?\n".encode("latin-1"))
    undecodable = run_qa_here("ask", "--file", str(tmp_path / "latin1.txt"))
    assert undecodable.returncode != 0 and "not UTF-8 text" in undecodable.stderr
