"""User-facing errors: the CLI prints `qa: <message>` and exits non-zero, never a traceback."""
from __future__ import annotations


class QAError(Exception):
    """An error caused by input or environment, explained in one line."""

    exit_code = 2


class CorpusError(QAError):
    """The corpus folder or its manifest cannot be used at all."""


class IndexError_(QAError):
    """The index cannot be built or read."""

    exit_code = 3
