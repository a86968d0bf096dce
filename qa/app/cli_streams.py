"""The command line's standard streams made safe before a command runs: a closed stdout or stderr
(`qa ask ... >&-`), and text that cannot be encoded (a surrogate-escaped byte of argv or a file name)."""
from __future__ import annotations

import io
import os
import sys

from qa.errors import QAError


def safe_output() -> None:
    """Whatever slips through (a surrogate-escaped byte from argv or a file name) is written
    as a replacement character: stdout and stderr stay valid text, so --json stays JSON."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):  # not a text file (captured, closed)
            pass


class _ClosedOutput(io.TextIOBase):
    """Standard output closed by the caller (`qa ask ... >&-`): Python leaves `sys.stdout` None,
    which was an internal error in the middle of a command (robustness sweep 30). Writing now
    fails as one line, as GNU tools say "write error"; a command that prints nothing runs."""

    def isatty(self) -> bool:
        return False

    def write(self, text: str) -> int:
        raise QAError("standard output is closed, so nothing can be printed (redirect it to a file or "
                      "/dev/null instead)")


def closed_streams() -> None:
    """A closed stderr discards, a closed stdout refuses to print (a closed stdin stays None: the
    commands that read it say "there is none")."""
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")
    if sys.stdout is None:
        sys.stdout = _ClosedOutput()
