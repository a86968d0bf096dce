"""qa.validate: the input checks shared by CLI, library and TUI, one clear QAError each."""
from __future__ import annotations

import pytest

from qa import validate
from qa.errors import QAError

KNOWN = ["kim2013", "figueroa2012", "pmc3782548"]


@pytest.mark.parametrize("raw,clean", [
    ("Which sources were used for SLE?", "Which sources were used for SLE?"),
    ("  padded question \n", "padded question"),
    ("line one\nline two\tand a tab\r\n", "line one line two and a tab"),
    ("Crohn´s disease — MSCs (≥10⁶ cells/kg)?", "Crohn´s disease — MSCs (≥10⁶ cells/kg)?"),
    ("family 👨\u200d👩\u200d👧 emoji", "family 👨\u200d👩\u200d👧 emoji"),  # ZWJ is allowed
    ("x" * validate.MAX_QUESTION_CHARS, "x" * validate.MAX_QUESTION_CHARS),
])
def test_question_accepts_and_normalises(raw: str, clean: str):
    assert validate.question(raw) == clean


@pytest.mark.parametrize("raw,phrase", [
    ("", "empty"),
    ("   \t\n\r  ", "empty"),
    ("x" * (validate.MAX_QUESTION_CHARS + 1), "too long"),
    ("a" * 100_000, "100000 characters"),
    (None, "text"),
    (123, "text"),
    (b"bytes", "text"),
])
def test_question_refuses(raw: object, phrase: str):
    with pytest.raises(QAError, match="question") as info:
        validate.question(raw)
    assert phrase in str(info.value)
    assert "\n" not in str(info.value)


def test_question_length_is_counted_after_trimming():
    padded = " " * 50 + "x" * validate.MAX_QUESTION_CHARS + " " * 50
    assert len(validate.question(padded)) == validate.MAX_QUESTION_CHARS


@pytest.mark.parametrize("value", [1, 10, validate.MAX_K])
def test_k_accepts(value: int):
    assert validate.k(value) == value


@pytest.mark.parametrize("value,phrase", [
    (0, "at least 1"), (-1, "at least 1"), (validate.MAX_K + 1, "at most"),
    (True, "whole number"), (False, "whole number"), (2.0, "whole number"), ("5", "whole number"),
    (None, "whole number"),
])
def test_k_refuses(value: object, phrase: str):
    with pytest.raises(QAError, match=phrase):
        validate.k(value)


@pytest.mark.parametrize("value", validate.MODES)
def test_mode_accepts(value: str):
    assert validate.mode(value) == value


@pytest.mark.parametrize("value", ["HYBRID", "sparse", "", None, 1])
def test_mode_refuses_and_lists_the_modes(value: object):
    with pytest.raises(QAError) as info:
        validate.mode(value)
    assert "unknown mode" in str(info.value)
    for mode in validate.MODES:
        assert mode in str(info.value)


def test_docs():
    assert validate.docs(None, KNOWN) is None
    with pytest.raises(QAError, match="docs is empty"):  # user trial 8: not silently 'all documents'
        validate.docs([], KNOWN)
    assert validate.docs("kim2013", KNOWN) == ["kim2013"]
    assert validate.docs(["pmc3782548", "kim2013"], KNOWN) == ["pmc3782548", "kim2013"]
    with pytest.raises(QAError) as info:
        validate.docs(["kim2013", "kim2014"], KNOWN)
    assert "'kim2014'" in str(info.value)
    assert all(d in str(info.value) for d in KNOWN)
    with pytest.raises(QAError, match="unknown document"):
        validate.docs("KIM2013", KNOWN)  # ids are exact


def test_errors_are_user_errors_with_an_exit_code():
    with pytest.raises(QAError) as info:
        validate.k(0)
    assert info.value.exit_code == 2


@pytest.mark.parametrize("raw,clean", [
    ("bell\x07 here", "bell here"), ("nul\x00 here", "nul here"), ("\x1b[2Jclear screen", "clear screen"),
    ("What is GVHD\x1b[31m?", "What is GVHD?"), ("\x1b[1;32mgreen\x1b[0m light", "green light"),
    ("a \x1b]8;;http://x\x07link\x1b]8;;\x07 b", "a link b"), ("csi\x9b2J c1", "csi c1"),
    ("plain [31m brackets", "plain [31m brackets"),
    ("\x1bWhich sources?", "Which sources?"),  # a stray Esc before a capital (hypothesis, 17th session)
    ("delete\x7f", "delete"), ("right-to-left\u202eoverride", "right-to-leftoverride"),
    ("zero\u200bwidth space", "zerowidth space"),
])
def test_control_and_format_characters_are_removed(raw: str, clean: str):
    """Issue 15: questions are normalised before the tokenizer, not refused; a terminal escape
    sequence goes whole (user trial 4: 'GVHD\\x1b[31m?' was searched as 'GVHD[31m?')."""
    assert validate.question(raw) == clean


def test_a_question_mostly_of_undecodable_bytes_is_refused():
    """User trial 10: 300 random bytes on stdin were echoed as a question of replacement
    characters and answered with exit 0. One damaged byte in a real question is kept."""
    binary = bytes(range(128, 256)).decode("utf-8", "surrogateescape") + " GVHD"
    with pytest.raises(QAError, match="not readable text"):
        validate.question(binary)
    damaged = "Which sources were used for SLE" + b"\xff".decode("utf-8", "surrogateescape") + "?"
    assert validate.question(damaged) == "Which sources were used for SLE\ufffd?"
