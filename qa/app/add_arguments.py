"""The arguments of an add checked in the caller's own words: the library's parameter names
(`doc_id`, `title`, `authors`, `year`, ...) for `qa.add`, the command line's options (`--id`,
`--title`, `--author`, `--year`, ...) for `qa add`.

A library error used to name the command's options (`qa.add([a, b], doc_id="x")` raised "--id
needs exactly one file"): a Python user has no `--id`. Each message is written once as a template
over parameter names; `str()` of the error fills in the parameters, and the command line, which
catches it, fills in its options (`ArgumentError.worded`). These checks run before any file is
read or folder made; `qa.ingest.library.plan_add` keeps its own guards for direct callers.
"""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from qa.errors import QATypeError, QAValueError

METADATA = ("title", "authors", "year", "journal", "doi")  # the one-file parameters besides doc_id
FIRST_YEAR, LAST_YEAR = 1500, 2200  # a publication year (given_metadata's range)


class ArgumentError(QAValueError):
    """A bad argument value, in one line naming the parameters (`.parameters`); `worded(names)`
    is the same line with other names for them (the command line's options)."""

    def __init__(self, template: str, *parameters: str) -> None:
        self.template = template
        self.parameters = parameters
        super().__init__(self.worded({}))

    def worded(self, names: Mapping[str, str]) -> str:
        """The line with each parameter called as `names` says (unnamed ones keep their own name)."""
        return self.template.format(*(names.get(p, p) for p in self.parameters))


def _and(count: int) -> str:
    """'{0}', '{0} and {1}', '{0}, {1} and {2}': placeholders for `count` parameter names."""
    marks = [f"{{{i}}}" for i in range(count)]
    return marks[0] if count == 1 else ", ".join(marks[:-1]) + " and " + marks[-1]


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
    if title is not None and not title.strip():
        raise ArgumentError("{0} is empty", "title")
    if authors and any(not a.strip() for a in authors):
        raise ArgumentError("{0} holds an empty name", "authors")
    if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
        raise ArgumentError(f"{{0}} {year} is not a publication year ({FIRST_YEAR}-{LAST_YEAR})", "year")
    return given_metadata(title, list(authors) if authors else None, year, journal, doi)


def one_file_only(paths: list[Path], doc_id: str | None, metadata: Mapping[str, object]) -> None:
    """`doc_id` and the metadata describe one file: refused (`ArgumentError`) when the paths
    stand for more than one (a folder counts its .pdf and .txt files)."""
    from qa.ingest.add_paths import expand_paths

    given = (["doc_id"] if doc_id is not None else []) + [name for name in METADATA if name in metadata]
    if not given:
        return
    files = expand_paths(list(paths))[0]
    if len(files) > 1:
        verb = "needs" if len(given) == 1 else "need"
        raise ArgumentError(f"{_and(len(given))} {verb} exactly one file ({len(files)} were given)", *given)
