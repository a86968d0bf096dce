"""Command line of the terminal chat: `python tui.py` or `qa tui` [--doc ID] [--mode hybrid|bm25|dense]
[--question TEXT] (asked first, as if typed) [--screenshot FILE.svg] (headless: no terminal needed)."""
from __future__ import annotations

import argparse
import asyncio
import re
import sys
from pathlib import Path
from typing import NoReturn

from qa.errors import QAError
from qa.ingest.corpus import load_manifest
from qa.settings import Settings
from qa.app.tui import MODES, QAApp
from qa.app.tui_session import session_screenshot

SCREENSHOT_QUESTION = "Which sources were used for SLE?"


class OneLineParser(argparse.ArgumentParser):
    """Bad arguments give one line on stderr and exit status 2, not the usage block."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message}\n")


def screen_size(text: str) -> tuple[int, int]:
    """'100x40' -> (100, 40); a bad value is argparse's one-line error (user trial 21: COLUMNS was
    ignored and there was no other way to picture a narrower screen)."""
    match = re.fullmatch(r"\s*(\d{2,3})\s*[x×]\s*(\d{2,3})\s*", text)
    if not match or not (40 <= int(match.group(1)) <= 400 and 12 <= int(match.group(2)) <= 200):
        raise argparse.ArgumentTypeError(f"expected COLSxROWS such as 100x40 (40-400 x 12-200), not {text!r}")
    return int(match.group(1)), int(match.group(2))


def main(argv: list[str] | None = None, prog: str = "tui.py") -> int:
    parser = OneLineParser(prog=prog, description=__doc__,
                           formatter_class=argparse.RawDescriptionHelpFormatter,
                           epilog=f"examples:\n  {prog}\n  {prog} --doc kim2013 --mode bm25\n"
                                  f"  {prog} --question 'Were MSCs used in multiple sclerosis?'\n"
                                  f"  {prog} --screenshot docs/tui.svg --question 'Which sources "
                                  "were used for SLE?'\n\nkeys: see docs/cli.md (typing always goes "
                                  "to the question box; tab: answers, ↑↓ quotes, ←→ citations, enter: "
                                  "citing passages, ctrl+y: copy, ctrl+o: copy all, ctrl+e: evidence, F2: screenshot, "
                                  "ctrl+q: quit)")
    parser.add_argument("--doc", action="append", metavar="ID",
                        help="only answer from this document (repeatable; ctrl+d in the app)")
    parser.add_argument("--mode", choices=MODES, default="hybrid",
                        help="retrieval mode (ctrl+r in the app)")
    parser.add_argument("--screenshot", metavar="FILE.svg", type=Path,
                        help="run headless, ask --question, save an SVG screenshot and exit")
    parser.add_argument("--size", metavar="COLSxROWS", type=screen_size, default=(160, 50),
                        help="with --screenshot, the terminal size pictured (default 160x50; "
                             "below 100 columns the chat has one column)")
    parser.add_argument("--question", metavar="TEXT",
                        help="ask TEXT first, as if typed, once the index is ready; with "
                             "--screenshot, the question pictured (default there: "
                             f"{SCREENSHOT_QUESTION!r})")
    # the command line's global options, so `qa --index-dir DIR tui` and `tui.py --corpus-dir DIR` work
    parser.add_argument("--model", help="embedding model (as for qa)")
    parser.add_argument("--index-dir", type=Path, help="index folder (as for qa)")
    parser.add_argument("--corpus-dir", type=Path, help="corpus folder (as for qa)")
    parser.add_argument("--color", choices=["auto", "never", "always"], help=argparse.SUPPRESS)  # accepted, unused
    args = parser.parse_args(argv)
    try:  # invalid QA_* settings or options: one line before any screen is drawn
        settings = Settings.from_env(model=args.model, index_dir=args.index_dir, corpus_dir=args.corpus_dir)
    except QAError as error:
        print(f"{parser.prog}: {error}", file=sys.stderr)
        return 2
    try:  # a corpus that cannot be read is bad input too (user trial 23: a mistyped --corpus-dir
        # started the chat, which then advised a rebuild that could not help)
        known = [meta.id for meta in load_manifest(settings.corpus_dir)]
    except QAError as error:
        print(f"{parser.prog}: {error}", file=sys.stderr)
        return 2
    unknown = [d for d in args.doc or [] if d not in known]
    if unknown:
        print(f"{parser.prog}: unknown document {', '.join(unknown)} "
              f"(known: {', '.join(known)})", file=sys.stderr)
        return 2
    service = None
    if any(v is not None for v in (args.model, args.index_dir, args.corpus_dir)):
        from qa.app.service import QAService  # else the app makes its own, off the start-up path

        service = QAService(settings)
    if args.screenshot is not None:
        if args.screenshot.is_dir():  # docs audit 33: a folder given for the file was a traceback
            print(f"{parser.prog}: --screenshot {args.screenshot} is a folder; give a file name "
                  "such as chat.svg", file=sys.stderr)
            return 2
        folder = next((p for p in args.screenshot.parents if p.exists()), None)
        if folder is not None and not folder.is_dir():
            print(f"{parser.prog}: cannot write the screenshot {args.screenshot}: {folder} is a file, "
                  "not a folder", file=sys.stderr)
            return 2
        app = QAApp(answerer=service, docs=args.doc, mode=args.mode)
        try:
            saved, _ = asyncio.run(session_screenshot(app, args.question or SCREENSHOT_QUESTION,
                                                      args.screenshot, size=args.size))
        except OSError as exc:  # a folder that cannot be made or written: the user's path, not a bug
            if exc.filename is None or Path(exc.filename) not in (args.screenshot, args.screenshot.parent):
                raise
            print(f"{parser.prog}: cannot write the screenshot {args.screenshot}: "
                  f"{exc.strerror or exc}", file=sys.stderr)
            return 2
        print(saved)
        return 0
    if not (sys.stdin is not None and sys.stdin.isatty() and sys.stdout.isatty()):  # a job or a pipe: no screen to take over
        print(f"{parser.prog}: the chat needs a terminal (use --screenshot FILE.svg to run "
              "headless)", file=sys.stderr)
        return 2
    QAApp(answerer=service, docs=args.doc, mode=args.mode, question=args.question).run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
