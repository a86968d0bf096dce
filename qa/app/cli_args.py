"""Reading the command line's words before any command runs: argparse with one-line usage
errors, the argument types, and the global options given before the command.

Apart from qa.app.cli (the commands and their options) because none of it knows a command: it
rewrites or checks argv (`options_after_command`, `misplaced_option`) or reads one value
(`whole_number`, `folder`), the same for every command, before `main` dispatches.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


class Parser(argparse.ArgumentParser):
    """argparse, but usage errors are one line, and a command's words and options may come in any
    order (`qa ask GVHD --k 3 trials` asks "GVHD trials", as GNU getopt permutes `grep PATTERN -i
    FILE`): words after an option were refused as "unrecognized arguments" (user trial). Options
    still take their values first (`--k 3`), so nothing typed is read differently from before; a
    parser holding subcommands (the top level), and words after `--` (all words then, as ever),
    parse as argparse does: intermixing cannot take them."""

    _parsing = False  # parse_known_intermixed_args calls parse_known_args twice: those are plain

    def parse_known_args(self, args=None, namespace=None):  # type: ignore[override]
        import os

        if self._parsing or "_ARGCOMPLETE" in os.environ or "--" in (args or ()) or any(
                action.nargs in (argparse.PARSER, argparse.REMAINDER) for action in self._get_positional_actions()):
            return super().parse_known_args(args, namespace)
        self._parsing = True
        try:
            return super().parse_known_intermixed_args(args, namespace)
        finally:
            self._parsing = False

    def error(self, message: str) -> None:  # type: ignore[override]
        from qa.validate import normalise

        message = normalise(message)  # an undecodable argv byte is U+FFFD in any stream (sweep 28)
        sys.stderr.write(f"qa: {message} (see 'qa {self.prog.split()[-1]} --help')\n"
                         if " " in self.prog else f"qa: {message} (see 'qa --help')\n")
        raise SystemExit(2)


def parse_command_line(parser: Parser, argv: list[str]) -> argparse.Namespace:
    """`parser.parse_args(argv)`, but words no option takes are refused pointing at the help of the
    command they were given to ('qa show ID --brief': see 'qa show --help', which lists what `show`
    takes; docs audit 34), not at 'qa --help', which lists only the commands."""
    args, extra = parser.parse_known_args(argv)
    if extra:
        command = getattr(args, "command", None)
        helper = parser if command is None else Parser(prog=f"qa {command}")
        helper.error(f"unrecognized arguments: {' '.join(extra)}")
    return args


def whole_number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None


def non_negative(text: str) -> int:
    value = whole_number(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected 0 or more, got {value}")
    return value


class Spelled(argparse.Action):
    """Stores an option's value and the name it was given by (`--top` or `--k`) in
    `namespace.spelled`, so an error about the value names the option the user typed."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: object,
                 option_string: str | None = None) -> None:
        setattr(namespace, self.dest, values)
        namespace.spelled = {**getattr(namespace, "spelled", {}), self.dest: option_string}


def folder(text: str) -> Path:
    """A folder argument: an empty string is refused (it would silently mean '.')."""
    if not text.strip():
        raise argparse.ArgumentTypeError("expected a folder, got an empty path")
    return Path(text)


GLOBAL_OPTIONS = ("--model", "--index-dir", "--corpus-dir", "--color")  # each takes one value


def options_after_command(argv: list[str]) -> list[str]:
    """`qa --corpus-dir DIR add x.pdf` as `qa add --corpus-dir DIR x.pdf`: the global options
    (README) are also accepted before the command, where users put them (`git -C`, `docker`)."""
    moved: list[str] = []
    rest = list(argv)
    while rest and rest[0].split("=", 1)[0] in GLOBAL_OPTIONS:
        take = 1 if "=" in rest[0] else 2
        if len(rest) < take + 1:  # no command (or no value) after it: argparse says what is missing
            return argv
        moved += rest[:take]
        rest = rest[take:]
    return [rest[0], *moved, *rest[1:]] if moved else argv


def misplaced_option(parser: argparse.ArgumentParser, argv: list[str]) -> str:
    """The one-line error for a command's own option given before the command (`qa --k 2 ask ...`):
    argparse would name the option's value as an unknown command ("invalid choice: '2'"), not the
    option (docs audit 27, finding 4). Empty when the first word is no such option."""
    option = argv[0].split("=", 1)[0] if argv else ""
    if not option.startswith("-") or option in GLOBAL_OPTIONS or option in parser._option_string_actions:
        return ""
    commands = next(a.choices for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    command = next((word for word in argv[1:] if word in commands), "")
    if not command or option not in commands[command]._option_string_actions:
        return ""
    return (f"qa: {option} is an option of 'qa {command}': give it after the command "
            f"('qa {command} ... {option} ...'; see 'qa {command} --help')")
