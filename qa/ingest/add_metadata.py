"""The metadata a user gives for the one file of a `qa add` (--title, --author, --year, ...)."""
from __future__ import annotations

from qa.errors import QAError


def given_metadata(title: str | None = None, authors: list[str] | None = None, year: int | None = None,
                   journal: str | None = None, doi: str | None = None) -> dict:
    """The manifest fields a user gives for one file (`qa add --title ... --author ... --year ...`):
    a text file carries no title page, and what is read from it (its first line of 3-40 words as
    the title, no authors) is a guess the user can replace. Given metadata counts as confirmed."""
    meta: dict = {}
    if title is not None:
        if not title.strip():
            raise QAError("--title is empty")
        meta["title"] = " ".join(title.split())
    if authors:
        if any(not a.strip() for a in authors):
            raise QAError("--author is empty")
        meta["authors"] = [" ".join(a.split()) for a in authors]
    if year is not None:
        if not 1500 <= year <= 2200:
            raise QAError(f"--year {year} is not a publication year")
        meta["year"] = year
    for key, value in (("journal", journal), ("doi", doi)):
        if value is not None and value.strip():
            meta[key] = value.strip()
    if meta:
        meta["confirmed"] = True
    return meta
