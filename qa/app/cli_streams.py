"""The command line's standard streams made safe before a command runs: a closed stdout or stderr
(`qa ask ... >&-`), and text that cannot be encoded (a surrogate-escaped byte of argv or a file name);
and stderr's lines fitted to a terminal's width, as stdout's readable lines are."""
from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Iterator

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


class _FittedLines:
    """A terminal's stream whose every complete line is fitted to `width` columns (`render.fitted`:
    wrapped at spaces, continued under its text), as `Lines` and `write_fitted` fit stdout's: an error
    or warning of 150 characters ran past a 60-column terminal and was folded mid-word. Text that draws
    itself (a progress bar's carriage return or erase sequence) is passed on as written, at once."""

    def __init__(self, stream, width: int) -> None:
        self._stream = stream
        self._width = width
        self._pending = ""

    def write(self, text: str) -> int:
        self._pending += text
        if "\n" in self._pending:
            *lines, self._pending = self._pending.split("\n")
            self._stream.write("".join(self._fit(line) + "\n" for line in lines))
        if "\r" in self._pending or "\x1b" in self._pending:
            self._stream.write(self._pending)
            self._pending = ""
        return len(text)

    def _fit(self, line: str) -> str:
        if len(line) <= self._width or "\r" in line or "\x1b" in line:
            return line
        from qa.app.render import fitted

        return fitted(line, self._width)

    def flush(self) -> None:
        if self._pending:
            self._stream.write(self._pending)
            self._pending = ""
        self._stream.flush()

    def __getattr__(self, name: str):  # isatty, fileno, encoding, ...: the stream's own
        return getattr(self._stream, name)


def stream_width(stream) -> int | None:
    """The width of the terminal `stream` writes to: COLUMNS when set, else the terminal's own size;
    None when it is no terminal or its size is unknown (0 columns: lines stay as written)."""
    from qa.app.render import MIN_WIDTH

    try:
        if not stream.isatty():
            return None
        columns = int(os.environ.get("COLUMNS", "").strip() or 0)
        if columns <= 0:
            columns = os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, ValueError, OSError):
        return None
    return max(MIN_WIDTH, columns) if columns > 0 else None


@contextlib.contextmanager
def fitted_stderr() -> Iterator[None]:
    """While a command runs, its stderr lines (errors, warnings, notes) fit the terminal (`stream_width`);
    through a pipe or into a file they stay one line each, for scripts and logs."""
    width = stream_width(sys.stderr)
    if width is None:
        yield
        return
    real = sys.stderr
    sys.stderr = _FittedLines(real, width)
    try:
        yield
    finally:
        try:
            sys.stderr.flush()
        finally:
            sys.stderr = real
