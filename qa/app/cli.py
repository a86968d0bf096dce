"""`qa` command line: index, passages, refs, search, ask, eval.

Every failure a user can cause ends in one line on stderr (`qa: ...`) and a non-zero exit;
tracebacks are shown only with QA_DEBUG=1.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from qa.errors import QAError


class Parser(argparse.ArgumentParser):
    """argparse, but usage errors are one line."""

    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(f"qa: {message} (see 'qa {self.prog.split()[-1]} --help')\n"
                         if " " in self.prog else f"qa: {message} (see 'qa --help')\n")
        raise SystemExit(2)


def whole_number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None


def folder(text: str) -> Path:
    """A folder argument: an empty string is refused (it would silently mean '.')."""
    if not text.strip():
        raise argparse.ArgumentTypeError("expected a folder, got an empty path")
    return Path(text)


def make_parser() -> Parser:
    common = Parser(add_help=False, allow_abbrev=False)
    common.add_argument("--model", help="embedding model: packaged default, a sentence-transformers name or a local path")
    common.add_argument("--index-dir", type=folder, help="index folder (default: ./index of the project)")
    common.add_argument("--corpus-dir", type=folder, help="corpus folder (default: ./corpus of the project)")
    parser = Parser(prog="qa", allow_abbrev=False, description="Extractive answers with reference numbers over the MSC reviews.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    p = sub.add_parser("index", parents=[common], help="build the index if missing, stale or corrupt")
    p.add_argument("--force", action="store_true", help="rebuild even if up to date")
    p.add_argument("--check", action="store_true", help="only report the index state (exit 1 unless ready)")
    p.add_argument("--verify", action="store_true", help="also hash every index file")

    p = sub.add_parser("passages", parents=[common], help="ingest the corpus and list its passages")
    p.add_argument("--doc", action="append", help="only this document (repeatable)")
    p.add_argument("--json", action="store_true", help="one JSON object per passage per line")

    p = sub.add_parser("refs", parents=[common], help="a document's parsed reference list")
    p.add_argument("doc_id")
    p.add_argument("--json", action="store_true", help="one JSON object per reference per line")

    for name, helptext in (("search", "rank passages for a question"), ("ask", "answer with verbatim spans and references")):
        p = sub.add_parser(name, parents=[common], help=helptext, allow_abbrev=False)
        p.add_argument("question")
        p.add_argument("--k", type=whole_number, default=10, help="passages to retrieve (default 10)")
        p.add_argument("--doc", action="append", help="only this document (repeatable)")
        p.add_argument("--json", action="store_true", help="machine-readable output")
        p.add_argument("--mode", default="hybrid", help="retrieval: hybrid (default), bm25 or dense")

    p = sub.add_parser("eval", parents=[common], help="score retrieval, answers and citations on the question set")
    p.add_argument("--split", default="test", choices=["dev", "test", "all"], help="question split (default test)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--check", action="store_true", help="exit 1 if a metric is below evals/thresholds.json")
    p.add_argument("--no-write", action="store_true", help="do not write evals/results/<split>.json")
    return parser


def settings_from(args: argparse.Namespace):
    from qa.settings import Settings

    return Settings.from_env(model=args.model, index_dir=args.index_dir, corpus_dir=args.corpus_dir)


def cmd_index(args: argparse.Namespace) -> int:
    from qa.index import store
    from qa.index.build import build
    from qa.index.load import open_index
    from qa.app.progress import stderr_progress

    settings = settings_from(args)
    state = store.check(settings)
    if args.check:
        if state.ready and args.verify:
            problem = store.verify_files(state.build, state.manifest, full=True)
            if problem:
                state = store.IndexState("corrupt", problem, state.build)
        print(f"index {state.state}: {state.reason}")
        return 0 if state.ready else 1
    if args.force:
        with store.build_lock(Path(settings.index_dir), stderr_progress):
            build(settings, stderr_progress)
    index = open_index(settings, progress=stderr_progress)
    if args.verify:
        problem = store.verify_files(index.build, index.manifest, full=True)
        if problem:
            raise QAError(f"index verification failed: {problem}")
    counts = index.manifest["counts"]
    print(f"index ready: {counts['documents']} documents, {counts['passages']} passages "
          f"({index.build.name}, model {index.manifest['model']['id']})")
    for warning in index.manifest.get("warnings", []):
        print(f"warning: {warning}", file=sys.stderr)
    return 0


def cmd_passages(args: argparse.Namespace) -> int:
    from qa import validate
    from qa.ingest.pipeline import ingest_corpus
    from qa.app.render import passage_json, passage_text

    corpus = ingest_corpus(settings_from(args))
    for warning in corpus.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    docs = validate.docs(args.doc, [d.id for d in corpus.documents])
    out = sys.stdout
    for p in corpus.passages:
        if docs and p.doc_id not in docs:
            continue
        out.write((json.dumps(passage_json(p), ensure_ascii=False) if args.json else passage_text(p)) + "\n")
    return 0


def cmd_refs(args: argparse.Namespace) -> int:
    from qa.ingest.corpus import read_corpus
    from qa.ingest.pipeline import ingest_document

    settings = settings_from(args)
    files = read_corpus(Path(settings.corpus_dir), settings.ingest.max_file_mb)
    raw = next((d for d in files.documents if d.meta.id == args.doc_id), None)
    if raw is None:
        known = ", ".join(d.meta.id for d in files.documents)
        raise QAError(f"unknown document {args.doc_id!r}; known: {known}")
    background = [d.text for d in files.documents if d is not raw]
    doc, _ = ingest_document(raw, settings.ingest.passage_min_words, settings.ingest.passage_max_words, background)
    if not doc.references:
        print(f"{doc.id}: no reference list in the text (citations stay unresolved keys)", file=sys.stderr)
    for ref in doc.references:
        print(ref.model_dump_json() if args.json else f"[{ref.key}] {ref.text}")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from qa.app.render import hits_json, hits_text
    from qa.retrieve.retriever import Retriever

    from qa.app.progress import stderr_progress

    from qa import validate

    question = validate.question(args.question)  # the question as searched is the one echoed
    retriever = Retriever(settings_from(args), progress=stderr_progress)
    hits = retriever.search(question, k=args.k, mode=args.mode, docs=args.doc)
    if args.json:
        print(json.dumps(hits_json(question, hits), ensure_ascii=False))
    else:
        print(hits_text(question, hits))
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    from qa.answer.answerer import Answerer
    from qa.app.render import answer_json, answer_text

    from qa.app.progress import stderr_progress
    from qa.retrieve.retriever import Retriever

    retriever = Retriever(settings_from(args), progress=stderr_progress)
    answer = Answerer(retriever=retriever).ask(args.question, k=args.k, docs=args.doc,
                                                          mode=args.mode)
    if args.json:
        print(json.dumps(answer_json(answer), ensure_ascii=False))
    else:
        print(answer_text(answer))
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from qa.evaluation.evaluate import check_thresholds, format_report, load_thresholds, run_eval, write_results

    os.environ.setdefault("QA_EVAL", "1")
    settings = settings_from(args)
    report = run_eval(split=args.split, settings=settings)
    if not args.no_write:
        write_results(report)
    print(report.model_dump_json(indent=1) if args.json else format_report(report))
    if args.check:
        failures = check_thresholds(report, load_thresholds())
        for line in failures:
            print(f"qa eval: below threshold: {line}", file=sys.stderr)
        return 1 if failures else 0
    return 0


COMMANDS = {"index": cmd_index, "passages": cmd_passages, "refs": cmd_refs,
            "search": cmd_search, "ask": cmd_ask, "eval": cmd_eval}


def safe_output() -> None:
    """Whatever slips through (a surrogate-escaped byte from argv or a file name) is written
    as a replacement character: stdout and stderr stay valid text, so --json stays JSON."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):  # not a text file (captured, closed)
            pass


def main(argv: list[str] | None = None) -> int:
    safe_output()
    parser = make_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    try:
        return COMMANDS[args.command](args)
    except QAError as exc:
        print(f"qa: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("qa: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: still one line, unless debugging
        if os.environ.get("QA_DEBUG"):
            raise
        print(f"qa: internal error: {type(exc).__name__}: {exc} (set QA_DEBUG=1 for details)", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
