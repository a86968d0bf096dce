"""The arguments of an add checked in the caller's own words: the library's parameter names
(`doc_id`, `title`, `authors`, `year`, ...) for `qa.add`, the command line's options (`--id`,
`--title`, `--author`, `--year`, ...) for `qa add`.

A library error used to name the command's options (`qa.add([a, b], doc_id="x")` raised "--id
needs exactly one file"): a Python user has no `--id`. The values are checked where the add reads
them (`qa.ingest.add_metadata`: `given_metadata`, and `one_file_only` in `plan_add`), each message
written once as a template over parameter names (`qa.errors.ArgumentError`); `str()` of the error
fills in the parameters, and the command line, which catches it, its options (`QAError.worded`,
`qa.app.cli_support.OPTION_NAMES`). Here, before any file is read or folder made: the types, and the
paths as they were written (`named_paths`).
"""
from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from qa.errors import ArgumentError, QATypeError  # noqa: F401 (ArgumentError re-exported)


def named_paths(items: Sequence[str | os.PathLike]) -> list[Path]:
    """The files and folders an add names, as paths (`~` expanded). A name written as a folder (ending
    in a path separator) that does not exist is refused as the folder it names, one line, before
    anything is read: `Path` drops the trailing separator, so the add called it "file not found"."""
    from qa.ingest.library import AddError

    separators = tuple(s for s in (os.sep, os.altsep) if s)
    paths = []
    for item in items:
        written = os.fspath(item)
        path = Path(written).expanduser()
        if isinstance(written, str) and written.endswith(separators) and not path.exists():
            raise AddError(f"{written}: folder not found", "not found")
        paths.append(path)
    return paths


def checked_metadata(title: object = None, authors: object = None, year: object = None,
                     journal: object = None, doi: object = None) -> dict:
    """The manifest fields given for the one file of an add (`given_metadata`), types and values
    checked: a wrong type is `QATypeError`, a bad value `ArgumentError`."""
    from qa.ingest.add_metadata import given_metadata

    for name, value in (("title", title), ("journal", journal), ("doi", doi)):
        if value is not None and not isinstance(value, str):
            raise QATypeError(f"{name} must be text or None, got {type(value).__name__}")
    if isinstance(authors, str):
        authors = [authors]
    if authors is not None and (not isinstance(authors, (list, tuple)) or not all(isinstance(a, str) for a in authors)):
        raise QATypeError(f"authors must be a list of names ('Surname Initials'), got {authors!r}"[:200])
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        raise QATypeError(f"year must be a whole number or None, got {year!r}")
    return given_metadata(title, list(authors) if authors else None, year, journal, doi)
