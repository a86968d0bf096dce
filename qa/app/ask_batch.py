"""`qa ask --file`: a batch of questions, one JSON object per line (with structured references)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from qa.app.cli_support import check_request, emit, read_stdin, settings_from, width  # noqa: F401
from qa.errors import QAError


def ask_file(args: argparse.Namespace) -> int:
    """One question per line; one JSON object per line out (an error object for a bad line)."""
    from qa.answer.answerer import Answerer
    from qa.app.progress import stderr_progress
    from qa.app.schema import ErrorOut, answer_out
    from qa.retrieval.retriever import Retriever

    if args.file == "-":
        lines = read_stdin().splitlines()
    else:
        try:
            lines = Path(args.file).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            why = exc.strerror if isinstance(exc, OSError) and exc.strerror else "not UTF-8 text"
            raise QAError(f"cannot read questions file {args.file}: {why}") from None
    check_request(args)
    retriever = Retriever(settings_from(args), progress=stderr_progress)
    answerer = Answerer(retriever=retriever)
    failed = 0
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            answer = answerer.ask(line, k=args.k, docs=args.doc, mode=args.mode)
            out = answer_out(answer, answerer.reference, line=number)
        except QAError as exc:
            failed += 1
            out = ErrorOut(error=str(exc), line=number, question=line[:200])
        sys.stdout.write(out.to_json() + "\n")
        sys.stdout.flush()
    if failed:
        print(f"qa: {failed} of the questions could not be asked (see the error objects)",
              file=sys.stderr)
    return 0
