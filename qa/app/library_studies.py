"""The library calls for the one bibliography: `qa.studies` and `qa.study`, as `qa studies --json`
and `qa study --json`.

User trial 56: a surgeon scripting a grant's reference list found `qa studies cartilage` on the
command line and nothing in `import qa` (`qa.studies` was an AttributeError), so a script had to run
the CLI and parse its JSON. These run the same search (`qa.index.studies.StudyRegistry`) on the library
`qa.ask` reads (the `QA_*` environment, its loaded index reused), or on the one `settings` names; bad
arguments are `qa.QAError` (also `TypeError` / `ValueError`) before the index is opened.
"""
from __future__ import annotations

from qa import validate
from qa.errors import QATypeError, QAValueError
from qa.models import Study
from qa.settings import Settings


def _library(settings: Settings | None):
    """The index of `settings`' library and those settings, else the index `qa.ask` uses (loaded once
    per library) with its retriever's settings."""
    if settings is None:
        from qa.retrieval.retriever import default_retriever

        retriever = default_retriever()
        return retriever.index, retriever.settings
    from qa.index.load import open_index

    return open_index(settings), settings


def matching_studies(index, settings: Settings, query: str | None, author: str | None, year: int | None,
                     doc: str | None) -> list[Study]:
    """The one search behind `qa.studies` and `qa studies`: a `doc` checked against the library's ids, weak
    matches of a query left out below `studies_relative_floor` of the best, so the library and the command
    list the same studies."""
    if doc is not None:
        validate.docs([doc], index.doc_ids)
    return index.studies.search(query, author=author, year=year, doc=doc,
                                relative_floor=settings.index.studies_relative_floor)


def _text_or_none(value: object, name: str) -> str | None:
    if value is not None and not isinstance(value, str):
        raise QATypeError(f"{name} must be text or None, got {type(value).__name__}")
    return value


def studies(query: str | None = None, *, author: str | None = None, year: int | None = None,
            doc: str | None = None, settings: Settings | None = None) -> list[Study]:
    """The studies the library's articles cite that match every filter, as `qa studies --json`
    lists them: `query` ranks by the share of its words a study's title, authors, journal and citing
    sentences hold (None: every study), less those scoring under `studies_relative_floor` of the best;
    `author` a surname ('Wakitani'), `year`, `doc` a document id
    (only the studies it cites). Each `Study` has its full entry, when the article prints one, and
    `cited_by`: which article cites it under which key."""
    _text_or_none(query, "query")
    if _text_or_none(author, "author") is not None:
        from qa.index.study_identity import surname_key

        if not surname_key(author):  # '' or '!!!' would match every study without an author
            raise QAValueError(f"author needs a surname with letters, got {author!r}")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        raise QATypeError(f"year must be a whole number or None, got {year!r}"[:200])
    _text_or_none(doc, "doc")
    validate.instance(settings, Settings, "settings", "a qa.Settings")
    index, settings = _library(settings)
    return matching_studies(index, settings, query, author, year, doc)


def study(study_id: str, *, settings: Settings | None = None) -> Study:
    """One study by its id (as `qa.studies` and `qa studies` list it: 'wakitani2002'), as `qa study
    --json`; an unknown id is `qa.QAError` naming the nearest ids."""
    validate.text_argument(study_id, "study_id")
    validate.instance(settings, Settings, "settings", "a qa.Settings")
    return _library(settings)[0].studies.get(study_id, "qa.studies()")
