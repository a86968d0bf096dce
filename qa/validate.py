"""Checks on user input shared by the CLI, the library and the TUI: one clear line per problem."""
from __future__ import annotations

import unicodedata

from qa.errors import QAError

MAX_QUESTION_CHARS = 2000
MAX_K = 1000
MODES = ("hybrid", "bm25", "dense")


def question(text: object) -> str:
    """A usable question: non-empty, not huge, no control characters (tabs/newlines -> spaces)."""
    if not isinstance(text, str):
        raise QAError("the question must be text")
    text = text.replace("\t", " ").replace("\r", " ").replace("\n", " ").strip()
    if not text:
        raise QAError("the question is empty")
    if len(text) > MAX_QUESTION_CHARS:
        raise QAError(
            f"the question is too long ({len(text)} characters; the limit is {MAX_QUESTION_CHARS})"
        )
    bad = [c for c in text if unicodedata.category(c) in ("Cc", "Cf") and c not in "\u200d"]
    if bad:
        raise QAError(f"the question contains control characters (e.g. U+{ord(bad[0]):04X})")
    return text


def k(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise QAError(f"k must be a whole number, got {value!r}")
    if value < 1:
        raise QAError(f"k must be at least 1, got {value}")
    if value > MAX_K:
        raise QAError(f"k must be at most {MAX_K}, got {value}")
    return value


def mode(value: object) -> str:
    if value not in MODES:
        raise QAError(f"unknown mode {value!r}; choose one of: {', '.join(MODES)}")
    return str(value)


def docs(value: object, known: list[str]) -> list[str] | None:
    """None means all documents; unknown ids are an error listing the known ones."""
    if value is None:
        return None
    if isinstance(value, str):
        value = [value]
    ids = [str(v) for v in value]  # type: ignore[union-attr]
    if not ids:
        return None
    unknown = [d for d in ids if d not in known]
    if unknown:
        raise QAError(f"unknown document {unknown[0]!r}; known: {', '.join(known)}")
    return ids
