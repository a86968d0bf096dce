# PYTHON_ARGCOMPLETE_OK
"""`qa` command line: index, passages, refs, search, ask, show, eval, schema, completion, tui.

Every failure a user can cause ends in one line on stderr (`qa: ...`) and a non-zero exit;
tracebacks are shown only with QA_DEBUG=1. Readable output follows the terminal's width and is
coloured on a terminal (`--color`, NO_COLOR); JSON output is versioned (`qa/app/schema.py`).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from qa.app.cli_support import (  # noqa: F401 - helpers shared by the commands
    HELP,
    OPTION_NAMES,
    Terminated,
    add_command,
    catch_stop_signals,
    quiet_pdfium_exit,
    stopped_by,
    check_flags,
    doc_completer,
    emit,
    interrupt_status,
    one_line,
    question_text,
    read_stdin,
    check_request,
    checked_retriever,
    settings_from,
    use_color, warn_unindexed,
    width,
    write_fitted,
)
from qa.app.ask_cmds import cmd_ask, cmd_search
from qa.app.cli_args import (  # noqa: F401 - re-exported: argv reading (qa.app.cli_args)
    GLOBAL_OPTIONS,
    Parser,
    Spelled,
    folder,
    misplaced_option,
    non_negative,
    options_after_command,
    parse_command_line,
    whole_number,
)
from qa.app.browse_cmds import cmd_completion, cmd_passages, cmd_refs, cmd_schema, cmd_show
from qa.app.cli_streams import closed_streams, fitted_stderr, safe_output
from qa.app.study_cmds import cmd_studies, cmd_study
from qa.errors import QAError, no_space


def make_parser() -> Parser:
    from qa import __version__

    common = Parser(add_help=False, allow_abbrev=False)
    common.add_argument("--model", help="embedding model: packaged default, a sentence-transformers name or a local path")
    common.add_argument("--index-dir", type=folder, help="index folder (default: ./index of the project; for "
                        "another --corpus-dir, '<corpus>-index' beside it)")  # as Settings finds it (docs audit 25)
    common.add_argument("--corpus-dir", type=folder, help="corpus folder (default: ./corpus of the project)")
    common.add_argument("--color", choices=["auto", "never", "always"], default="auto",
                        help="colour: auto (on a terminal unless NO_COLOR is set), never, always")
    parser = Parser(prog="qa", allow_abbrev=False, description="Extractive answers with reference numbers over the MSC reviews and the articles you add.",
                    epilog=f"Every command also takes {', '.join(GLOBAL_OPTIONS)} (before or after its name; "
                           "'qa COMMAND --help' describes them). Run 'qa COMMAND --help' for a command's description "
                           "and examples.")
    parser.add_argument("--version", action="version", version=f"qa {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    p = add_command(sub, "index", "build the index if missing, stale or corrupt", parents=[common])
    p.add_argument("--force", action="store_true", help="rebuild even if up to date")
    p.add_argument("--optimize", action="store_true",
                   help="merge the segments that 'qa add' / 'qa remove' wrote into one (a full build)")
    p.add_argument("--check", action="store_true", help="only report the index state (exit 1 unless ready)")
    p.add_argument("--verify", action="store_true", help="also hash every index file")

    p = add_command(sub, "passages", "ingest the corpus and list its passages", parents=[common])
    p.add_argument("--doc", action="append", help="only this document (repeatable)").completer = doc_completer
    p.add_argument("--json", action="store_true", help="one JSON object per passage per line")

    p = add_command(sub, "refs", "a document's parsed reference list", parents=[common])
    p.add_argument("doc_id").completer = doc_completer
    p.add_argument("--json", action="store_true", help="one JSON object per reference per line")

    for name, helptext in (("search", "rank passages for a question"), ("ask", "answer with verbatim spans and references")):
        p = add_command(sub, name, helptext, parents=[common], allow_abbrev=False)
        p.add_argument("question", nargs="*", help="the question: several words, or - to read stdin")
        p.add_argument("--k", "--top", dest="k", type=whole_number, default=10, action=Spelled,
                       help="how many ranked passages are listed (default 10)" if name == "search" else
                       "at most this many spans and study rows shown, and passages listed (default 10); "
                       "the answer itself is decided on a fixed depth, whatever --k")
        p.add_argument("--doc", action="append", help="only this document (repeatable)").completer = doc_completer
        p.add_argument("--json", action="store_true", help="machine-readable output")
        p.add_argument("--mode", default="hybrid", help="retrieval: hybrid (default), bm25 or dense")
        p.add_argument("--previous", default=None,
                       help="the earlier question of the conversation (context for a follow-up)")

        if name == "ask":
            p.add_argument("--brief", action="store_true", help="one line per span, no references")
            p.add_argument("--file", metavar="FILE", help="one question per line ('-': stdin); "
                           "prints one JSON object per line, or with --format bibtex|ris|csv|md one "
                           "bibliography of every line's studies")

    p = add_command(sub, "show", "a passage in its context", parents=[common])
    p.add_argument("passage_id", help="a passage id (or a unique prefix), as in search/ask output")
    p.add_argument("-C", "--context", type=non_negative, default=0, metavar="N",
                   help="also show N passages before and after it (same document)")
    p.add_argument("--json", action="store_true", help="machine-readable output")

    formats = ("text", "json", "bibtex", "ris", "csv", "md")
    sub.choices["ask"].add_argument("--spans", action="store_true", help="show the answer spans in full")
    for name in ("ask", "refs"):  # (ask: None is text, so an explicit '--format text' with --file is seen)
        sub.choices[name].add_argument("--format", choices=formats, default=None if name == "ask" else "text",
                                       help="text (default), json, or the cited studies as bibtex, ris, csv, md")
    p = add_command(sub, "studies", "list the studies the articles cite (one bibliography)", parents=[common])
    p.add_argument("query", nargs="?", help="words of the topic, title or author")
    p.add_argument("--author", help="an author's surname")
    p.add_argument("--year", type=whole_number, help="publication year")
    p.add_argument("--doc", help="only studies this article cites")
    p.add_argument("--top", "--k", dest="k", type=whole_number, default=None, action=Spelled,
                   help="at most this many studies, best match first (default: every study that matches)")
    p = add_command(sub, "study", "one study with every sentence that cites it", parents=[common])
    p.add_argument("study_id", metavar="ID", help="a study id as qa studies lists it (sun2010)")
    for name in ("studies", "study"):  # --json as on every other command: the same as --format json
        sub.choices[name].add_argument("--format", choices=formats, default="text",
                                       help="text (default), json, bibtex, ris, csv, md")
        sub.choices[name].add_argument("--json", action="store_true", help="the same as --format json")

    sub.add_parser("tui", help="the terminal chat (same as `python tui.py`; --doc ID, --mode M)",
                   add_help=False)

    p = add_command(sub, "eval", "score retrieval, answers and citations on the question set", parents=[common])
    p.add_argument("--split", default="test", choices=["dev", "test", "blind-dev", "blind-test", "all"],
                   help="question split (default test; blind-test is sealed: report only)")
    p.add_argument("--set", default="all", choices=["seeds", "pdfs", "all"],
                   help="question set: seeds (the reviews), pdfs (the ten PDF articles) or all")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--check", action="store_true", help="exit 1 if a metric is below evals/thresholds.json")
    p.add_argument("--write", action="store_true", help="write evals/results/<split>.json")
    p.add_argument("--no-write", action="store_true", help=argparse.SUPPRESS)  # the old default; a no-op

    # global options are accepted (and unused) here too: they may come before any command
    p = add_command(sub, "schema", "the JSON Schema of qa's JSON output", parents=[common])
    p.add_argument("kind", nargs="?", help="one kind: answer, search, passage, reference, show, "
                   "error, study, doc (default: all)")

    p = add_command(sub, "completion", "shell completion code", parents=[common])
    p.add_argument("shell", nargs="?", default="bash", choices=["bash", "zsh", "fish", "tcsh", "powershell"])

    from qa.app.library_cmds import add_parsers

    add_parsers(sub, common)  # add, docs, remove, restore
    return parser


def cmd_index(args: argparse.Namespace) -> int:
    from qa.index import store
    from qa.index.build import build
    from qa.index.load import open_index
    from qa.index.segments import segment_count
    from qa.app.progress import stderr_progress

    for action in ("force", "optimize"):  # docs audit 33: `--check --force` reported and silently built nothing
        if args.check and getattr(args, action):
            raise QAError(f"--check only reports the index state and --{action} builds; use one of them "
                          "(see 'qa index --help')")
    settings = settings_from(args)
    state = store.check(settings)
    if args.check:
        if state.ready:  # the checksums passed: the files must also load, as the next question reads them
            from qa.index.load import load

            try:
                load(state.build, state.manifest)
            except (QAError, OSError) as exc:
                state = store.IndexState("corrupt", str(exc), state.build)
        if state.ready and args.verify:
            problem = store.verify_files(state.build, state.manifest, full=True)
            if problem:
                state = store.IndexState("corrupt", problem, state.build)
        write_fitted(f"index {state.state}: {state.reason}\n")
        return 0 if state.ready else 1
    if args.force:
        with store.build_lock(Path(settings.index_dir), stderr_progress):
            build(settings, stderr_progress)
    elif args.optimize:
        with store.build_lock(Path(settings.index_dir), stderr_progress):
            state = store.check(settings)
            if not state.ready or segment_count(state.manifest) > 1 or any(
                    s.get("deleted") for s in state.manifest.get("segments") or []):
                build(settings, stderr_progress)  # every segment merged: the full-build layout
    index = open_index(settings, progress=stderr_progress)
    if args.verify:
        problem = store.verify_files(index.build, index.manifest, full=True)
        if problem:
            raise QAError(f"index verification failed: {problem}")
    counts = index.manifest["counts"]
    segments = segment_count(index.manifest)
    write_fitted(f"index ready: {counts['documents']} documents, {counts['passages']} passages "
                 + (f"in {segments} segments " if segments > 1 else "")
                 + f"({index.build.name}, model {index.manifest['model']['id']})\n")
    for warning in index.manifest.get("warnings", []):
        print(f"warning: {warning}", file=sys.stderr)
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from qa.evaluation.evaluate import run_suite
    from qa.evaluation.report import check_suite, format_report, load_thresholds, write_results

    settings = settings_from(args)
    reports = run_suite(split=args.split, set_name=args.set, settings=settings)
    if args.write:
        for report in reports:
            write_results(report)
    if args.json:
        print(json.dumps([r.model_dump(mode="json") for r in reports], indent=1))
    else:
        write_fitted("\n\n".join(format_report(r) for r in reports) + "\n")
    if args.check:
        failures = check_suite(reports, load_thresholds())
        for line in failures:
            print(f"qa eval: below threshold: {line}", file=sys.stderr)
        return 1 if failures else 0
    return 0


def cmd_library(args: argparse.Namespace) -> int:
    from qa.app.library_cmds import run

    return run(args.command, args, settings_from(args))


COMMANDS = {"index": cmd_index, "passages": cmd_passages, "refs": cmd_refs,
            "search": cmd_search, "ask": cmd_ask, "eval": cmd_eval, "show": cmd_show,
            "schema": cmd_schema, "completion": cmd_completion,
            "studies": cmd_studies, "study": cmd_study,
            "add": cmd_library, "docs": cmd_library, "remove": cmd_library, "restore": cmd_library}


def main(argv: list[str] | None = None) -> int:
    """The `qa` command: a one-line error and its exit status for every failure; Ctrl-C at any
    point after the imports (parsing included: robustness sweep 30) is "qa: interrupted", 130."""
    try:
        return _run(argv)
    except KeyboardInterrupt as exc:  # SIGTERM too (`Terminated`, robustness sweep 32): "terminated", 143
        print("qa: terminated" if isinstance(exc, Terminated) else "qa: interrupted", file=sys.stderr)
        return interrupt_status(exc)


def _run(argv: list[str] | None) -> int:
    closed_streams()
    safe_output()
    own_process = argv is None  # the command line itself, not a caller's main([...])
    argv = options_after_command(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["tui"]:
        from qa.app.tui_cli import main as tui_main

        return tui_main(argv[1:], prog="qa tui")
    with fitted_stderr():  # on a terminal, its lines fit it as stdout's do (not the chat's screen)
        return _command(argv, own_process)


def _command(argv: list[str], own_process: bool) -> int:
    if own_process:
        catch_stop_signals()
        quiet_pdfium_exit()
    parser = make_parser()
    if "_ARGCOMPLETE" in os.environ:  # the shell asks for completions: answer and exit
        import argcomplete

        argcomplete.autocomplete(parser)
    misplaced = misplaced_option(parser, argv)
    if misplaced:
        print(misplaced, file=sys.stderr)
        return 2
    args = parse_command_line(parser, argv)
    if not args.command:
        parser.print_help()
        return 0
    try:
        check_flags(args)
        return COMMANDS[args.command](args)
    except QAError as exc:  # in the options' names (as typed: `--top`) where it names the library's parameters
        print(f"qa: {one_line(exc.worded({**OPTION_NAMES, **getattr(args, 'spelled', {})}))}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: still one line, unless debugging; a full disk is no bug
        stop = stopped_by(exc)  # a SIGTERM a C library's call wrapped in its own error
        if stop is not None:
            print("qa: terminated" if isinstance(stop, Terminated) else "qa: interrupted", file=sys.stderr)
            return interrupt_status(stop)
        full = no_space(exc)
        if full is not None:
            print(f"qa: {one_line(str(full))}", file=sys.stderr)
            return full.exit_code
        if os.environ.get("QA_DEBUG"):
            raise
        print(f"qa: internal error: {type(exc).__name__}: {one_line(str(exc))} (set QA_DEBUG=1 for details)",
              file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
