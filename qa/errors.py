"""User-facing errors: the CLI prints `qa: <message>` and exits non-zero, never a traceback."""
from __future__ import annotations

import errno


class QAError(Exception):
    """An error caused by input or environment, explained in one line."""

    exit_code = 2


class QAValueError(QAError, ValueError):
    """A library argument with a bad value (k=0, an unknown document id, an empty question):
    `except ValueError` catches it, as it would from any Python library."""


class QATypeError(QAError, TypeError):
    """A library argument of the wrong type (k='5', previous=123): `except TypeError` catches it."""


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
