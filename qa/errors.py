"""User-facing errors: the CLI prints `qa: <message>` and exits non-zero, never a traceback."""
from __future__ import annotations

import errno
from collections.abc import Mapping
from typing import Self


class QAError(Exception):
    """An error caused by input or environment, explained in one line.

    Its line speaks the library's terms (`k`, `doc_id`, `index_dir`); one that names parameters
    (`ArgumentError`, `named`) also holds them apart, so the command line can print the same line
    with its options (`worded`: '--k', '--id', '--index-dir') where it catches the error."""

    exit_code = 2
    template: str | None = None  # the line with a '{0}', '{1}' ... for each parameter it names
    parameters: tuple[str, ...] = ()

    @classmethod
    def named(cls, template: str, *parameters: str) -> Self:
        """The error whose line is `template` with `parameters` (the library's names) in its
        places; any other text in it must be passed through `literal` first. The one way an error
        that names parameters is made (`ArgumentError.named(...)` too)."""
        error = cls(template.format(*parameters))
        error.template, error.parameters = template, parameters
        return error

    def worded(self, names: Mapping[str, str]) -> str:
        """The line with each parameter it names called as `names` says (the command line's
        options); the parameters `names` lacks, and an error naming none, as `str()`."""
        if self.template is None:
            return str(self)
        return self.template.format(*(names.get(p, p) for p in self.parameters))


def literal(text: object) -> str:
    """Text put into a `QAError.named` template as it is (its braces are not places)."""
    return str(text).replace("{", "{{").replace("}", "}}")


class QAValueError(QAError, ValueError):
    """A library argument with a bad value (k=0, an unknown document id, an empty question):
    `except ValueError` catches it, as it would from any Python library."""


class QATypeError(QAError, TypeError):
    """A library argument of the wrong type (k='5', previous=123): `except TypeError` catches it."""


class ArgumentError(QAValueError):
    """A bad argument value, in one line naming the parameters (made with `named`): `str()` says
    'doc_id needs exactly one file', `worded(names)` the same with the command line's options
    ('--id needs exactly one file'). A library caller has no `--id`, a command-line user no `doc_id`."""


def listing(count: int) -> str:
    """'{0}', '{0} and {1}', '{0}, {1} and {2}': the places of `count` parameter names in a template."""
    marks = [f"{{{i}}}" for i in range(count)]
    return marks[0] if count == 1 else ", ".join(marks[:-1]) + " and " + marks[-1]


class TooVague(QAError):
    """A question too vague to answer (a single word, nonsense, a follow-up with nothing before
    it): bad input, told in one line, exit 1; a refusal ("the corpus does not answer") is an
    answer and exits 0."""

    exit_code = 1


class CorpusError(QAError):
    """The corpus folder or its manifest cannot be used at all."""


class IndexError_(QAError):
    """The index cannot be built or read."""

    exit_code = 3


DISK_FULL = (errno.ENOSPC, errno.EDQUOT)


def no_space(exc: BaseException, where: object = None) -> QAError | None:
    """A full disk (or quota) as one line naming the path, else None: a write that fails for
    want of space is the user's environment, not a bug, and must not read as an internal error.
    `where` is the folder being written, named first: a failed write() has no file name, and
    shutil's copy names its source file, whose disk is not the full one."""
    if not isinstance(exc, OSError) or (exc.errno not in DISK_FULL and not _copy_ran_out(exc)):
        return None
    path = where if where is not None else exc.filename
    return QAError("no space left on device" + (f": {path}" if path is not None else ""))


def _copy_ran_out(exc: OSError) -> bool:
    """shutil.copytree gathers its failures into one shutil.Error without an errno, each failure
    as (source, destination, message): a full disk there shows only in the messages."""
    import shutil

    if not isinstance(exc, shutil.Error) or not exc.args or not isinstance(exc.args[0], list):
        return False
    codes = tuple(f"[Errno {code}]" for code in DISK_FULL)
    return any(isinstance(item, tuple) and any(c in str(item[-1]) for c in codes) for item in exc.args[0])
