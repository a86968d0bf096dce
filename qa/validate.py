"""Checks on user input shared by the CLI, the library and the TUI: one clear line per problem."""
from __future__ import annotations

import re
import unicodedata

from qa.errors import ArgumentError, QAError, QATypeError, QAValueError

MAX_QUESTION_CHARS = 2000
MAX_K = 1000
MODES = ("hybrid", "bm25", "dense")


# Line and paragraph separators become spaces; every other control (Cc), format (Cf: bidi
# overrides, zero-width spaces, BOMs) and surrogate (Cs) character is removed. The zero-width
# joiner stays between other signs (it is part of emoji sequences), but not beside a letter or
# digit of the Latin script the index holds, where it only hides a break in a word ('GV<ZWJ>HD').
_SPACES = frozenset("\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029\u3000")
_ZWJ = "\u200d"
_ZWJ_IN_WORD = re.compile(r"\u200d+(?=[0-9A-Za-z\u00c0-\u024f])|(?<=[0-9A-Za-z\u00c0-\u024f])\u200d+")
# The fullwidth forms of ASCII (U+FF01-FF5E), typed by an East Asian input method, are the same
# letters, digits and signs: read as ASCII, as the index reads them, so the question's kind, the
# refusal and the embedding see 'GVHD', not signs no model knows. (Not NFKC: that would also turn
# a superscript exponent, 10⁶, into 106.)
_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
# Terminal escape sequences (ECMA-48) are removed whole, not just their ESC byte, so a pasted
# "GVHD\x1b[31m?" is "GVHD?", not "GVHD[31m?": OSC strings (title, hyperlink) up to BEL or ST,
# CSI sequences (ESC [ or the C1 byte 0x9B, parameters, intermediates, final byte), and the
# two-byte escapes that are not a letter: after a stray Esc key, "\x1bWhich ..." keeps its W (the
# letter escapes, ESC A-Z, are cursor and reset codes nobody pastes into a question).
_ESCAPES = re.compile(r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]|\x1b[@\\-_]")


def normalise(text: str) -> str:
    """Text the tokenizer and every output can take: invalid bytes replaced, nothing hidden.

    Invalid UTF-8 reaches Python as lone surrogates (argv and stdin use surrogateescape);
    those become U+FFFD like any decoder would make them; other lone surrogates, control and
    format characters are dropped, so what is searched is exactly what a terminal shows.
    """
    try:
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # lone surrogates that are not escaped bytes: dropped below
        pass
    text = _ESCAPES.sub("", text).translate(_FULLWIDTH)
    if _ZWJ in text:
        text = _ZWJ_IN_WORD.sub("", text)
    return "".join(
        " " if c in _SPACES else c
        for c in text
        if c in _SPACES or c == _ZWJ or unicodedata.category(c) not in ("Cc", "Cf", "Cs")
    )


UNREADABLE_SHARE = 4  # a question more than a quarter of whose characters are undecodable bytes is refused


def question(text: object) -> str:
    """A usable question: text, normalised (see `normalise`), non-empty and not huge."""
    if not isinstance(text, str):
        raise QATypeError(f"the question must be text, got {type(text).__name__}")
    if len(text) > 4 * MAX_QUESTION_CHARS:  # refuse before spending time on a huge string
        raise QAValueError(
            f"the question is too long ({len(text)} characters; the limit is {MAX_QUESTION_CHARS})"
        )
    text = " ".join(normalise(text).split())
    if not text:
        raise QAValueError("the question is empty")
    if len(text) > MAX_QUESTION_CHARS:
        raise QAValueError(
            f"the question is too long ({len(text)} characters; the limit is {MAX_QUESTION_CHARS})"
        )
    unreadable = text.count("\ufffd")
    if unreadable * UNREADABLE_SHARE > len(text.replace(" ", "")):
        # binary bytes ('head -c 300 /dev/urandom | qa ask -'), not a question with one damaged byte
        raise QAValueError(f"the question is not readable text: {unreadable} of its {len(text)} characters "
                           "are bytes that are not UTF-8")
    return text


def k(value: object) -> int:
    """How many passages or quotes to return. A bad value names the parameter `k` (`ArgumentError`):
    the command line prints the same line naming its option `--k` (robustness sweep 36)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise QATypeError(f"k must be a whole number, got {value!r}")
    if value < 1:
        raise ArgumentError.named(f"{{0}} must be at least 1, got {value}", "k")
    if value > MAX_K:
        raise ArgumentError.named(f"{{0}} must be at most {MAX_K}, got {value}", "k")
    return value


def mode(value: object) -> str:
    if not isinstance(value, str) or value not in MODES:
        error = QAValueError if isinstance(value, str) else QATypeError
        raise error(f"unknown mode {value!r}; choose one of: {', '.join(MODES)}")
    return str(value)


def previous(value: object) -> str | None:
    """The earlier question of a conversation: None (or blank) for none, else a question."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise QATypeError(f"previous (the earlier question) must be text or None, got {type(value).__name__}")
    if not value.strip():
        return None
    try:
        return question(value)
    except QAError as exc:
        raise QAValueError(f"previous (the earlier question): {exc}") from None


def doc_ids(value: object) -> list[str] | None:
    """The shape of a `docs` argument, checked before any index is open: None means all
    documents; an empty list is refused rather than read as 'all' (user trial 8: a filter
    that selected nothing searched everything)."""
    if value is None:
        return None
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple, set, frozenset)) or not all(isinstance(v, str) for v in value):
        raise QATypeError(f"docs must be a document id or a list of ids, got {value!r}"[:200])
    if not value:
        raise QAValueError("docs is empty; give None for all documents, or at least one document id")
    return list(value)


def docs(value: object, known: list[str]) -> list[str] | None:
    """None means all documents; unknown ids are an error listing the known ones."""
    ids = doc_ids(value)
    if ids is None:
        return None
    unknown = [d for d in ids if d not in known]
    if unknown:
        raise QAValueError(f"unknown document {unknown[0]!r}; known: {', '.join(known)}")
    return ids


def instance(value: object, kind: type, name: str, what: str) -> None:
    """A constructor argument of the documented type or None (robustness sweep 31: `Retriever("x")`,
    `Answerer(settings=1)` failed nine calls deep with `AttributeError: 'str' object has no attribute
    'index_dir'`, and `Retriever({})` was read as no settings at all)."""
    if value is not None and not isinstance(value, kind):
        raise QATypeError(f"{name} must be {what} or None, got {type(value).__name__}")


def text_argument(value: object, name: str) -> str:
    """A short text argument (a document id, a reference key): `reference(1, 2)` said 'docs must be
    ...', naming an argument the call does not have, and `reference('kim2013', None)` was None."""
    if not isinstance(value, str):
        raise QATypeError(f"{name} must be text, got {type(value).__name__}")
    return value


def file_problem(path) -> str:
    """Why a path named where a file is expected (a manifest entry's `file`, a PDF to read) is none:
    "file not found", or what it is instead (a folder was "file not found", as if it were missing:
    user trial), so the user fixes the right thing. Empty for a regular file."""
    from pathlib import Path

    path = Path(path)
    if path.is_file():
        return ""
    if path.is_dir():
        return "a folder, not a file"
    if path.exists():
        return "not a regular file (a pipe, a socket or a device)"
    return "file not found"
