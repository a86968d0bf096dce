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
        end = "\n" if fraction >= 1.0 else ""
        sys.stderr.write("\r\033[K" + line + end)
    else:
        sys.stderr.write(line + "\n")
    sys.stderr.flush()
