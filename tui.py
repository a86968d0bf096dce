"""Terminal chat over the reviews: `python tui.py [--doc ID] [--mode hybrid|bm25|dense]`."""
from __future__ import annotations

import argparse
import asyncio
import sys
import tomllib
from pathlib import Path
from typing import NoReturn

from qa.errors import QAError
from qa.settings import Settings
from qa.app.tui import MODES, QAApp, session_screenshot


def known_doc_ids() -> list[str] | None:
    """Document ids from the corpus manifest (None if it cannot be read: the app will say)."""
    try:
        manifest = Settings.from_env().corpus_dir / "manifest.toml"
        with manifest.open("rb") as handle:
            return [str(entry["id"]) for entry in tomllib.load(handle).get("documents", [])]
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError):
        return None


class OneLineParser(argparse.ArgumentParser):
    """Bad arguments give one line on stderr and exit status 2, not the usage block."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message}\n")


def main(argv: list[str] | None = None) -> int:
    parser = OneLineParser(prog="tui.py", description=__doc__)
    parser.add_argument("--doc", action="append", metavar="ID",
                        help="only answer from this document (repeatable; ctrl+d in the app)")
    parser.add_argument("--mode", choices=MODES, default="hybrid",
                        help="retrieval mode (ctrl+r in the app)")
    parser.add_argument("--screenshot", metavar="FILE.svg", type=Path,
                        help="run headless, ask --question, save an SVG screenshot and exit")
    parser.add_argument("--question", default="Which sources were used for SLE?",
                        help="the question asked for --screenshot")
    args = parser.parse_args(argv)
    try:  # settings are validated once, at start, with the same one line as the CLI
        Settings.from_env()
    except QAError as exc:
        print(f"qa: {exc}", file=sys.stderr)
        return exc.exit_code
    known = known_doc_ids()
    unknown = [d for d in args.doc or [] if known is not None and d not in known]
    if unknown:
        print(f"tui.py: unknown document {', '.join(unknown)} "
              f"(known: {', '.join(known or [])})", file=sys.stderr)
        return 2
    app = QAApp(docs=args.doc, mode=args.mode)
    if args.screenshot is not None:
        saved, _ = asyncio.run(session_screenshot(app, args.question, args.screenshot))
        print(saved)
        return 0
    app.run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
