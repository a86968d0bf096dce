"""The argument parser and commands under generated argv, in process (`main(argv)`), plus a
handful of real subprocess cases for what only a process shows (bytes on argv, the
environment, exit codes): success with valid output, or one `qa: ...` line and a non-zero
exit; never a traceback, never an internal error, never invalid JSON or invalid UTF-8."""
from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import ROOT
from qa.app.cli import main

pytestmark = pytest.mark.slow

TEXT = st.text(st.characters(min_codepoint=0, max_codepoint=0x10FFFF, blacklist_characters="\x00"), max_size=30)
ESCAPED = st.binary(max_size=30).filter(lambda b: b"\x00" not in b).map(lambda b: b.decode("utf-8", "surrogateescape"))
VALUE = st.one_of(TEXT, ESCAPED, st.sampled_from(["", "0", "-1", "5", "1e3", "hybrid", "bm25", "dense", "kim2013",
                                                  "nosuch", "--json", "-"]))
QUESTION = st.one_of(st.sampled_from(["Which sources were used for SLE?", "What is GVHD?", "MSC"]), TEXT, ESCAPED)
OPTION = st.one_of(
    st.tuples(st.just("--k"), VALUE), st.tuples(st.just("--mode"), VALUE), st.tuples(st.just("--doc"), VALUE),
    st.tuples(st.just("--json")), st.tuples(st.sampled_from(["--kk", "-x", "--force", "--split"])),
)


def run_main(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse: usage errors and --help
            code = exc.code if isinstance(exc.code, int) else 1
    return code, out.getvalue(), err.getvalue()


def assert_clean(argv: list[str], code: int, out: str, err: str) -> None:
    out.encode("utf-8"), err.encode("utf-8")  # strict: nothing unprintable slipped through
    assert "Traceback" not in err and "internal error" not in err, (argv, err)
    if code == 0:
        assert out.strip(), argv
        if "--json" in argv and argv[0] in ("search", "ask"):
            json.loads(out)
    else:
        lines = [line for line in err.splitlines() if line.strip()]
        assert len(lines) == 1 and lines[0].startswith("qa: "), (argv, err)
        assert out == "", (argv, out)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(command=st.sampled_from(["search", "ask"]), question=QUESTION, options=st.lists(OPTION, max_size=3))
def test_search_and_ask_arguments(index, command, question, options):
    argv = [command, question, *[part for option in options for part in option]]
    assert_clean(argv, *run_main(argv))


@settings(max_examples=25, deadline=None)
@given(argv=st.lists(VALUE, max_size=4))
def test_any_argv(index, argv):
    if argv and argv[0] in ("eval", "passages", "refs", "index"):  # slow commands: covered elsewhere
        argv = ["--bogus", *argv]
    code, out, err = run_main(argv)
    if code == 0 or (not argv and code == 2):  # no command prints the help
        out.encode("utf-8")
        return
    assert_clean(argv, code, out, err)


def run_bytes(*args: bytes | str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    argv = [a if isinstance(a, bytes) else a.encode() for a in args]
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable.encode(), b"-m", b"qa", *argv], capture_output=True, env=full_env,
                          cwd=ROOT, timeout=600)


def one_line(result: subprocess.CompletedProcess[bytes], *phrases: str) -> str:
    assert result.returncode != 0 and result.stdout == b""
    lines = result.stderr.decode("utf-8").strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("qa: "), lines
    for phrase in phrases:
        assert phrase in lines[0], lines[0]
    return lines[0]


@pytest.mark.parametrize("command", ["search", "ask"])
def test_invalid_utf8_question_gives_valid_json(index, command):
    result = run_bytes(command, b"Which sources were used for SLE\xff\xfe?", "--json", "--k", "3")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout.decode("utf-8"))  # strict UTF-8, then JSON
    assert data["question"] == "Which sources were used for SLE\ufffd\ufffd?"


@pytest.mark.parametrize("env,phrase", [({"QA_FUSION": "foo"}, "QA_FUSION='foo'"),
                                        ({"QA_MAX_FILE_MB": "0"}, "QA_MAX_FILE_MB"),
                                        ({"QA_CONVEX_WEIGHT": "nan"}, "QA_CONVEX_WEIGHT")])
def test_invalid_setting_is_one_line_exit_2(env, phrase, tmp_path):
    result = run_bytes("search", "SLE", "--index-dir", str(tmp_path / "idx"), env=env)
    assert result.returncode == 2
    one_line(result, "invalid setting", phrase)
    tui = subprocess.run([sys.executable, "tui.py"], capture_output=True, text=True, cwd=ROOT, timeout=120,
                         env={**os.environ, **env})
    assert tui.returncode == 2 and tui.stderr.strip().startswith("tui.py: invalid setting"), tui.stderr
    assert len(tui.stderr.strip().splitlines()) == 1


def test_empty_index_dir_is_refused_before_anything(tmp_path):
    result = subprocess.run([sys.executable, "-m", "qa", "index", "--index-dir", ""], capture_output=True,
                            cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
    assert result.returncode == 2
    one_line(result, "--index-dir", "empty")
    assert list(tmp_path.iterdir()) == []  # nothing built in the current folder


def test_unwritable_index_dir_is_one_line(tmp_path):
    result = run_bytes("search", "SLE", "--index-dir", "/proc/self")
    one_line(result, "/proc/self", "not writable")


def test_bad_encode_workers_fails_before_ingesting(tmp_path):
    result = run_bytes("index", "--index-dir", str(tmp_path / "idx"), env={"QA_ENCODE_WORKERS": "many"})
    one_line(result, "QA_ENCODE_WORKERS must be a positive integer", "'many'")
    assert "reading and cleaning" not in result.stderr.decode()
    assert not (tmp_path / "idx" / "CURRENT").exists()


def test_missing_model_fails_before_ingesting(tmp_path):
    for model in ("/nonexistent/model", "no-such-org/no-such-model"):
        result = run_bytes("index", "--model", model, "--index-dir", str(tmp_path / "idx"),
                           env={"HF_HUB_OFFLINE": "1"})
        line = one_line(result, model)
        assert "reading and cleaning" not in result.stderr.decode()
        assert "model" in line
