"""Progress on stderr for the command line: a bar on a terminal, plain lines otherwise."""
from __future__ import annotations

import sys


def stderr_progress(fraction: float, message: str) -> None:
    """A progress bar on stderr (plain lines when stderr is not a terminal)."""
    width = 30
    filled = int(round(width * max(0.0, min(1.0, fraction))))
    bar = "#" * filled + "-" * (width - filled)
    line = f"[{bar}] {int(fraction * 100):3d}% {message}"
    if sys.stderr.isatty():
        from qa.app.cli_streams import stream_width

        room = stream_width(sys.stderr)  # a bar longer than the terminal wraps, and its erasing misses a row
        if room is not None and len(line) >= room:
            line = line[:room - 2] + "…"
        end = "\n" if fraction >= 1.0 else ""
        sys.stderr.write("\r\033[K" + line + end)
    else:
        sys.stderr.write(line + "\n")
    sys.stderr.flush()


class AddProgress:
    """`qa add`'s progress (and `qa remove`'s, `qa restore`'s, whose first step is the move): the files
    as they are read (`qa.ingest.library.plan_add` tells each one before reading it, then 1.0 when
    all are read), then the index update's steps (`stderr_progress`).
    The reading's bar is drawn on a terminal only, and erased when the reading ends, so a refusal
    after it is the one line on screen; elsewhere (a pipe, a log) it writes nothing, and what a
    script reads of stderr stays the warnings and errors (the index update's steps are lines, as ever)."""

    def __init__(self) -> None:
        self.reading = True

    def __call__(self, fraction: float, message: str) -> None:
        if not self.reading:
            stderr_progress(fraction, message)
            return
        self.reading = fraction < 1.0
        if not sys.stderr.isatty():
            return
        if self.reading:
            stderr_progress(fraction, message)
        else:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()
