"""The metadata a user gives for the one file of an add (`qa.add(title=..., authors=..., year=...)`,
`qa add --title ... --author ... --year ...`), and the check that it, or a document id, is given
for one file only.

A bad value is an `ArgumentError` naming the library's parameters (`title`, `authors`, `year`,
`doc_id`); `qa add`, which catches it, prints the same line with its options (`QAError.worded`).
"""
from __future__ import annotations

from collections.abc import Mapping

from qa.errors import ArgumentError, listing

METADATA = ("title", "authors", "year", "journal", "doi")  # the one-file parameters besides doc_id
FIRST_YEAR, LAST_YEAR = 1500, 2200  # a publication year


def given_metadata(title: str | None = None, authors: list[str] | None = None, year: int | None = None,
                   journal: str | None = None, doi: str | None = None) -> dict:
    """The manifest fields a user gives for one file: a text file carries no title page, and what
    is read from it (its first line of 3-40 words as the title, no authors) is a guess the user can
    replace. Given metadata counts as confirmed."""
    meta: dict = {}
    if title is not None:
        if not title.strip():
            raise ArgumentError.named("{0} is empty", "title")
        meta["title"] = " ".join(title.split())
    if authors:
        if any(not a.strip() for a in authors):
            raise ArgumentError.named("{0} holds an empty name", "authors")
        meta["authors"] = [" ".join(a.split()) for a in authors]
    if year is not None:
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ArgumentError.named(f"{{0}} {year} is not a publication year ({FIRST_YEAR}-{LAST_YEAR})", "year")
        meta["year"] = year
    for key, value in (("journal", journal), ("doi", doi)):
        if value is not None and value.strip():
            meta[key] = value.strip()
    if meta:
        meta["confirmed"] = True
    return meta


def one_file_only(files: int, doc_id: str | None, metadata: Mapping[str, object] | None) -> None:
    """`doc_id` and the metadata describe one file: refused (`ArgumentError`, naming those given)
    when the paths of an add stand for `files` files, more than one (a folder counts its .pdf and
    .txt files)."""
    given = (["doc_id"] if doc_id is not None else []) + [name for name in METADATA if name in (metadata or {})]
    if given and files > 1:
        verb = "needs" if len(given) == 1 else "need"
        raise ArgumentError.named(f"{listing(len(given))} {verb} exactly one file ({files} were given)", *given)
