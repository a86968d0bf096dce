"""Helpers of the `qa` command line: questions from words or stdin, per-command help with
examples, shell completion of document ids, terminal width and colour."""
from __future__ import annotations

import argparse
import os
import shlex
import sys
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from qa.errors import QAError

if TYPE_CHECKING:
    from qa.retrieval.retriever import Retriever

# The command line's name for each library parameter an error may name (`QAError.worded`): the
# library's errors speak its parameters ('k must be at least 1', 'doc_id needs exactly one file',
# 'give a writable one as index_dir'), and `qa` prints the same lines with its options.
OPTION_NAMES = {"k": "--k", "index_dir": "--index-dir", "corpus_dir": "--corpus-dir", "doc_id": "--id",
                "title": "--title", "authors": "--author", "year": "--year", "journal": "--journal", "doi": "--doi"}


def read_stdin() -> str:
    if sys.stdin is None or sys.stdin.closed:
        raise QAError("'-' reads the question from standard input, but there is none")
    try:
        return sys.stdin.read()
    except OSError as exc:  # a hung-up terminal, a non-blocking pipe (sweep 28: was "internal error")
        raise QAError(f"cannot read the question from standard input: {exc.strerror or exc}") from None


def question_text(words: list[str]) -> str:
    """Several words are one question (`qa ask GVHD trials`); `-` reads it from stdin."""
    from qa import validate

    if words == ["-"]:
        return validate.question(read_stdin())
    if not words:
        raise QAError("no question given (several words are one question; '-' reads stdin)")
    return validate.question(" ".join(words))  # normalised once: the question echoed is the one asked


# description and example of each subcommand (`qa COMMAND --help`)
HELP: dict[str, tuple[str, str]] = {
    "index": ("Build the index if it is missing, stale or corrupt (it is also built on first use).",
              "qa index --check\nqa index --force --verify"),
    "passages": ("Ingest the corpus and list its citation-aware passages.",
                 "qa passages --doc kim2013\nqa passages --json | head -1"),
    "refs": ("A document's parsed reference list.", "qa refs kim2013\nqa refs kim2013 --json"),
    "search": ("Rank passages for a question (several words are one question; '-' reads stdin).",
               "qa search umbilical cord MSCs in lupus --k 5\nqa search --mode bm25 GVHD --json"),
    "ask": ("Answer with verbatim spans, their citation labels and the full reference entries.\n"
            "Several words are one question; '-' reads the question from stdin; --file asks one\n"
            "question per line and prints one JSON object per line (JSON Lines).",
            'qa ask "Which sources were used for SLE?"\nqa ask GVHD trials --brief\n'
            'echo "How are MSCs delivered after a heart attack?" | qa ask -\n'
            "qa ask --file questions.txt > answers.jsonl"),
    "show": ("A passage in its context: N passages before and after it in the same document.",
             "qa show be3e6bc2ef3ed1ab -C 1\nqa show be3e6bc2 --json   # a unique prefix is enough"),
    "eval": ("Score retrieval, answers and citations on the question set; results are written\n"
             "to evals/results/<split>.json only with --write.",
             "qa eval --split dev\nqa eval --split test --check --write"),
    "schema": ("The JSON Schema of the JSON that qa prints (all kinds, or one).",
               "qa schema answer\nqa schema > qa-schema.json"),
    "add": ("Add .pdf and .txt articles (or the articles of a folder) to the corpus and update the\n"
            "index. All or nothing: a file you name that is not an article stops the whole add.",
            "qa add article.pdf notes/other.txt\nqa add ~/Downloads/papers --dry-run\n"
            "qa --corpus-dir ~/mylib add paper.pdf"),
    "docs": ("List the corpus documents: detected citation style, citations, reference list, metadata.",
             "qa docs\nqa docs --json"),
    "remove": ("Remove a document from the corpus: its files and manifest entry are moved to\n"
               "<corpus>/.removed/ (nothing is deleted); qa restore puts it back.",
               "qa remove kim2013\nqa remove kim2013 --no-index"),
    "restore": ("Put a removed document back (its latest removal) and update the index.",
                "qa restore kim2013"),
    "studies": ("The studies the articles cite, as one bibliography: the reviews' keys for one study\n"
                "merged, each with its full entry and the articles citing it. The query: topic, title or\n"
                "author words (a surname as the study ids write it, 'leblanc', finds it too).",
                "qa studies lupus --author Sun\nqa studies leblanc\nqa studies --doc kim2013 --format bibtex > kim.bib"),
    "study": ("One study (an id that qa studies lists): its entry, why the reviews' keys were merged,\n"
              "and every sentence of the corpus that cites it.",
              "qa study sun2010\nqa study sun2010 --format ris"),
    "completion": ("Shell completion code (argcomplete). Add the line to your shell's start-up file.",
                   'eval "$(qa completion bash)"      # in ~/.bashrc\n'
                   "qa completion zsh > ~/.zfunc/_qa"),
}


def add_command(sub, name: str, helptext: str, **kwargs) -> argparse.ArgumentParser:
    """One subcommand with its description and examples in `qa NAME --help`."""
    description, examples = HELP.get(name, (helptext, ""))
    return sub.add_parser(name, help=helptext, description=description,
                          epilog=("examples:\n" + "\n".join("  " + e for e in examples.splitlines()))
                          if examples else None,
                          formatter_class=argparse.RawDescriptionHelpFormatter, **kwargs)


def doc_completer(**_: object) -> list[str]:
    """Document ids for shell completion (from the corpus manifest; cheap)."""
    try:
        from qa.ingest.corpus import load_manifest
        from qa.settings import Settings

        return [meta.id for meta in load_manifest(Settings.from_env().corpus_dir)]
    except Exception:  # noqa: BLE001 - completion must never fail loudly
        return []


def use_color(choice: str) -> bool:
    """--color always/never win; auto: colour on a terminal unless NO_COLOR is set or TERM=dumb."""
    if choice != "auto":
        return choice == "always"
    return (sys.stdout.isatty() and not os.environ.get("NO_COLOR")
            and os.environ.get("TERM") != "dumb")


def emit(text, args: argparse.Namespace) -> None:
    """Print a rendered `rich.text.Text`: styled on a colour terminal, plain text otherwise."""
    if use_color(getattr(args, "color", "auto")):
        from rich.console import Console

        Console(force_terminal=True, no_color=False, soft_wrap=True, highlight=False,
                emoji=False, markup=False).print(text, end="")
    else:
        sys.stdout.write(text.plain)
    sys.stdout.flush()


def write_fitted(text: str) -> None:
    """Write readable text of one record a line (`qa docs`, `qa refs`, `qa studies`, `qa study`, `qa
    index`): on a terminal each line is fitted to its width (`render.fitted`), as an answer's lines
    are; piped, one line a record, for scripts."""
    if sys.stdout.isatty():
        from qa.app.render import fitted

        text = "\n".join(fitted(line, width()) for line in text.split("\n"))
    sys.stdout.write(text)


def width() -> int:
    from qa.app.render import terminal_width

    return terminal_width()


def settings_from(args: argparse.Namespace):
    from qa.settings import Settings

    return Settings.from_env(model=args.model, index_dir=args.index_dir, corpus_dir=args.corpus_dir)


def check_request(args: argparse.Namespace) -> None:
    """Bad --mode / --k are refused before any index is opened (or built)."""
    from qa import validate

    validate.mode(args.mode)
    validate.k(args.k)


def checked_retriever(args: argparse.Namespace) -> Retriever:
    """`qa search` and `qa ask`'s retriever: --mode / --k checked before the library the flags name is
    opened (or built, progress on stderr), and a line on stderr when the index lacks some of its documents."""
    from qa.app.progress import stderr_progress
    from qa.retrieval.retriever import Retriever

    check_request(args)
    built: list[str] = []

    def progress(fraction: float, message: str) -> None:
        built.append(message)
        stderr_progress(fraction, message)

    retriever = Retriever(settings_from(args), progress=progress)
    missing = warn_unindexed(retriever.index, retriever.settings)
    if built:  # this command (re)built the index: its other warnings (a file read with replacement
        # characters or in a legacy encoding) are printed once, as `qa index` prints them (docs audit 33)
        for warning in retriever.index.manifest.get("warnings", []):
            if warning not in missing:
                print(f"warning: {warning}", file=sys.stderr)
    return retriever


def check_flags(args: argparse.Namespace) -> None:
    """Output flags that ask for two different outputs are refused, not silently ranked: the
    user sees at once that one of them would have been ignored. `--json` with `--format json`
    ask for the same output and are accepted; `--file` prints JSON Lines, so only `--json` or
    `--format json` go with it, or an export format (one bibliography of every line's studies)."""
    fmt = getattr(args, "format", "text") or "text"
    modes: dict[str, str] = {}  # output asked for -> the flag that asked for it
    if getattr(args, "file", None) is not None and getattr(args, "format", None) == "text":
        modes["text"] = "--format text"  # --file prints JSON Lines: asked for text, it is refused
    if getattr(args, "json", False):
        modes["json"] = "--json"
    if fmt != "text":
        modes.setdefault("json" if fmt == "json" else "export", f"--format {fmt}")
    for flag in ("brief", "spans"):
        if getattr(args, flag, False):
            modes[flag] = f"--{flag}"
    if getattr(args, "file", None) is not None:
        modes.pop("json", None)  # --file is JSON output already,
        modes.pop("export", None)  # or one merged bibliography of every line's studies
        modes["file"] = "--file"
    if len(modes) > 1:
        first, second = list(modes.values())[:2]
        raise QAError(f"{first} and {second} ask for different outputs; use one of them "
                      f"(see 'qa {args.command} --help')")


def library_flags(settings) -> str:
    """The options that name this library (corpus, index, model), as a printed command needs
    them: a hint copied from the output then acts on the same corpus and index (user trial 8:
    `qa restore ID --corpus-dir C` without the `--index-dir` in use built a new index beside C
    and left the one in use stale). Environment settings are spelled out too."""
    from qa.settings import Settings

    default = Settings()
    derived = Settings(corpus_dir=settings.corpus_dir)  # where the index goes without --index-dir
    flags = []
    if Path(settings.corpus_dir).resolve() != Path(default.corpus_dir).resolve():
        flags.append(f"--corpus-dir {shlex.quote(str(settings.corpus_dir))}")
    if Path(settings.index_dir).resolve() != Path(derived.index_dir).resolve():
        flags.append(f"--index-dir {shlex.quote(str(settings.index_dir))}")
    if settings.index.model != default.index.model:
        flags.append(f"--model {shlex.quote(str(settings.index.model))}")
    return "".join(" " + f for f in flags)


def warn_unindexed(index, settings=None) -> list[str]:
    """One stderr line when documents the corpus lists are not in the index (file missing,
    unreadable, too large): a query answered from part of the library says so every time,
    not only in the build's progress (robustness hunt). Returns the warnings it named."""
    indexed = set(index.doc_ids)
    missing = [w for w in index.manifest.get("warnings", [])
               if ": " in w and w.split(": ", 1)[0] not in indexed and not w.split(": ", 1)[0].endswith(".txt")]
    if missing:
        print(f"warning: {len(missing)} document{'s' if len(missing) > 1 else ''} of the corpus "
              f"{'are' if len(missing) > 1 else 'is'} not in the index and not searched: "
              + "; ".join(missing[:3]) + (" ..." if len(missing) > 3 else "")
              + f" (qa docs{library_flags(settings) if settings is not None else ''})", file=sys.stderr)
    return missing


class Terminated(KeyboardInterrupt):
    """SIGTERM (`kill PID`, a service manager or `timeout` stopping qa), read as Ctrl-C is: the same
    tidy-up runs (an add takes its copies back) and one line is printed. Robustness sweep 32: the
    process died at once, silently (-15)."""


_RECEIVED: list[KeyboardInterrupt] = []  # the stop signals this process received (SIGTERM, Ctrl-C)


def _raise_stop(signum: int, _frame) -> None:
    """The handler of both stop signals: SIGTERM raised as `Terminated`, Ctrl-C as Python's own handler
    raises it (KeyboardInterrupt), each remembered for `stopped_by` (robustness sweep 33: a Ctrl-C while
    pdfium read a PDF in `qa add` came out as ctypes' ArgumentError, "internal error", status 1)."""
    import signal

    stop = Terminated() if signum == signal.SIGTERM else KeyboardInterrupt()
    _RECEIVED.append(stop)
    raise stop


def stopped_by(exc: BaseException) -> KeyboardInterrupt | None:
    """The stop behind `exc`: itself or one in its chain, or a SIGTERM or Ctrl-C received while a C
    library converted its arguments, where ctypes reports the exception raised in the handler as
    `ArgumentError: argument 1: Terminated` (or `KeyboardInterrupt`) and drops it (a `qa add` of a
    PDF stopped while pdfium read it was "internal error", status 1). None for a failure no signal
    caused."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, KeyboardInterrupt):
            return seen
        seen = seen.__cause__ or seen.__context__
    return _RECEIVED[-1] if _RECEIVED else None


def catch_stop_signals() -> None:
    """For the command line's own process (never for the library, whose host owns its signals):
    turn SIGTERM into `Terminated` when nothing else handles it, and remember a Ctrl-C when
    Python's default handler has it (an ignored SIGINT stays ignored)."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return
    if signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
        signal.signal(signal.SIGTERM, _raise_stop)
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, _raise_stop)


def quiet_pdfium_exit() -> None:
    """For the command line's own process: a stop that lands while pdfium holds a page can leave the
    page open, and at exit pypdfium2 closes it and writes "The following object was still open and
    will be closed now: <PdfPage ...>" to stderr, a second line after "qa: interrupted ..." (seen in a
    full test run). pypdfium2's own setting for those exit notes is raised above warnings."""
    import logging

    import pypdfium2_cfg

    pypdfium2_cfg.DEBUG_AUTOCLOSE.value = max(pypdfium2_cfg.DEBUG_AUTOCLOSE.value, logging.ERROR)


def interrupt_status(exc: BaseException) -> int:
    """The shell's status for a command stopped by a signal: 143 for SIGTERM, 130 for Ctrl-C."""
    return 143 if isinstance(exc, Terminated) else 130


def one_line(text: str) -> str:
    """`text` as one line of stderr: a line break or other control character in it (a file name
    holding a newline, a setting's value) is written as its escape (`\\n`), so an error or a note
    stays one line, as every error promises (docs audit 34)."""
    return "".join(c.encode("unicode_escape").decode("ascii") if unicodedata.category(c) in ("Cc", "Zl", "Zp")
                   else c for c in text)
