"""`qa ask --file`: a batch of questions, one JSON object per line (with structured references),
or with `--format bibtex|ris|csv|md` one bibliography of the studies every line's answer cites
(user trial 22: a coordinator building an evidence table ran one export per question)."""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from qa.app.cli_support import check_request, emit, read_stdin, settings_from, width  # noqa: F401
from qa.app.study_cmds import exported_studies
from qa.errors import QAError


def lowered(text: str) -> str:
    return text[:1].lower() + text[1:]


# A sentence ends at a stop before a capital: "e.g. 'what dose ...'" inside a message is no end.
_SENTENCE_END = re.compile(r"\.\s+(?=[A-Z])")


def first_sentence(message: str) -> str:
    """The reason a line exports nothing: the message's first sentence, without its stop."""
    return _SENTENCE_END.split(" ".join(message.split()), maxsplit=1)[0].rstrip(".")


def ask_file(args: argparse.Namespace) -> int:
    """One question per line; one JSON object per line out (an error object for a bad line), or
    one export of every line's studies, each study once, in the order the lines first cite it."""
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
    if not any(line.strip() for line in lines):  # sweep 28: an empty file printed nothing, exit 0
        where = "stdin" if args.file == "-" else f"the questions file {args.file}"
        raise QAError(f"{where} holds no question (one question per line)")
    check_request(args)
    retriever = Retriever(settings_from(args), progress=stderr_progress)
    answerer = Answerer(retriever=retriever)
    fmt = getattr(args, "format", None) or "json"
    failed = 0
    studies: dict[str, object] = {}  # a merged export: study id -> study, first cited first
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            answer = answerer.ask(line, k=args.k, docs=args.doc, mode=args.mode)
        except QAError as exc:
            failed += 1
            if fmt == "json":
                sys.stdout.write(ErrorOut(error=str(exc), line=number, question=line[:200]).to_json() + "\n")
            else:
                print(f"qa: line {number}: {exc}", file=sys.stderr)
            continue
        if fmt == "json":
            sys.stdout.write(answer_out(answer, answerer.reference, line=number).to_json() + "\n")
            sys.stdout.flush()
            continue
        cited = exported_studies(answer, answerer.index)
        for study in cited:
            studies.setdefault(study.id, study)
        if cited and answer.caution:  # the export cannot carry it (user trial 24)
            print(f"qa: line {number}: caution: {' '.join(answer.caution.split())}", file=sys.stderr)
        if not cited:
            why = "the answer cites no study" if answer.found else lowered(first_sentence(answer.message.split("\n")[0]))
            print(f"qa: line {number}: nothing to export ({why})", file=sys.stderr)
    if fmt != "json":
        from qa.app.bibliography import export

        sys.stdout.write(export(list(studies.values()), fmt))
        asked = sum(1 for line in lines if line.strip())
        print(f"qa: {len(studies)} studies from {asked} questions", file=sys.stderr)
    if failed:
        print(f"qa: {failed} of the questions could not be asked" +
              (" (see the error objects)" if fmt == "json" else ""), file=sys.stderr)
    return 0
