"""The library calls for a user's own articles: `qa.add`, `qa.remove`, `qa.restore`, `qa.documents`.

They check their arguments (a wrong type or value is `qa.QAError`, also a `TypeError` or
`ValueError`, before anything is read) and run the same code as `qa add`, `qa remove`, `qa
restore` and `qa docs` (`qa.app.article_changes`): all or nothing, the manifest replaced
atomically, the index brought up to date (or the change taken back), one-line errors, and every
Retriever of this process on that library reloaded before its next question.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from os import PathLike
from pathlib import Path

from qa import validate
from qa.app.add_arguments import checked_metadata, named_paths
from qa.app.add_preview import AddPreview, preview_articles
from qa.app.article_changes import AddResult, add_articles
from qa.app.article_moves import MovedArticle, move_article
from qa.app.docs import document_rows
from qa.errors import QATypeError, QAValueError
from qa.settings import Settings

Progress = Callable[[float, str], None]  # (fraction done 0..1, what is being done), as qa.index.store's


def _settings(settings: object) -> Settings:
    validate.instance(settings, Settings, "settings", "a qa.Settings")
    return settings if isinstance(settings, Settings) else Settings.from_env()


def _paths(value: object) -> list[Path]:
    """One path or a list of them (files or folders)."""
    items = [value] if isinstance(value, (str, PathLike)) else value
    if not isinstance(items, (list, tuple)) or not all(isinstance(p, (str, PathLike)) for p in items):
        raise QATypeError(f"paths must be a file or folder path or a list of them, got {value!r}"[:200])
    if not items or any(not str(p).strip() for p in items):
        raise QAValueError("paths is empty; give at least one .pdf or .txt file or a folder of them")
    return named_paths(items)  # a missing folder, written as one, is named so


def add(paths: str | PathLike | Sequence[str | PathLike], *, doc_id: str | None = None, title: str | None = None,
        authors: Sequence[str] | str | None = None, year: int | None = None, journal: str | None = None,
        doi: str | None = None, update_index: bool = True, dry_run: bool = False,
        settings: Settings | None = None, progress: Progress | bool | None = None) -> AddResult | AddPreview:
    """Add .pdf/.txt articles (or the articles of folders) to the library, as `qa add` does, and
    bring its index up to date. All or nothing: a named file that cannot be added raises
    `AddRefused` (one line per file, nothing written); files of a folder that are not articles or
    copies are skipped (`result.skipped`). `settings` names the library (default: `QA_CORPUS_DIR`,
    else the project's corpus); `title`, `authors`, `year`, `journal`, `doi` describe one file.
    `dry_run=True` changes nothing and returns an `AddPreview`: each file that would be added with
    its document id and passage count, the named files refused and why (the add itself would then
    add nothing), the folder files skipped.
    `progress`: a call silent by default (a library prints nothing) reports its progress to
    `progress(fraction, message)`, the callback the index build takes: each file before it is read
    ('reading 2/4: a.pdf'), then the index update's steps; `progress=True` draws them on stderr as
    `qa add` does (as sentence-transformers' `show_progress_bar=True`)."""
    settings = _settings(settings)
    report = _progress(progress)
    files = _paths(paths)
    if doc_id is not None:
        doc_id = validate.text_argument(doc_id, "doc_id")
    update_index = _flag(update_index, "update_index")
    metadata = checked_metadata(title, authors, year, journal, doi)  # one file only: plan_add checks
    if _flag(dry_run, "dry_run"):
        return preview_articles(files, settings, doc_id=doc_id, metadata=metadata, progress=report)
    return add_articles(files, settings, doc_id=doc_id, metadata=metadata, update_index=update_index,
                        progress=report)


def remove(doc_id: str, *, update_index: bool = True, settings: Settings | None = None,
           progress: Progress | bool | None = None) -> MovedArticle:
    """Take a document out of the library, as `qa remove` does: its files and manifest entry are
    moved to <corpus>/.removed/ (never deleted; `qa.restore(doc_id)` puts them back) and the index
    is brought up to date. An unknown id raises `QAError` naming the known ones. `progress` as
    `qa.add`'s: the move ('removing ID', then what was moved), then the index update's steps."""
    settings, report = _settings(settings), _progress(progress)
    return move_article("remove", validate.text_argument(doc_id, "doc_id"), settings,
                        update_index=_flag(update_index, "update_index"), progress=report)


def restore(doc_id: str, *, update_index: bool = True, settings: Settings | None = None,
            progress: Progress | bool | None = None) -> MovedArticle:
    """Put the latest removal of a document back, as `qa restore` does, and update the index;
    `progress` as `qa.remove`'s."""
    settings, report = _settings(settings), _progress(progress)
    return move_article("restore", validate.text_argument(doc_id, "doc_id"), settings,
                        update_index=_flag(update_index, "update_index"), progress=report)


def documents(settings: Settings | None = None) -> list:
    """The library's documents as `qa docs --json` lists them (`qa.app.schema.DocOut`: id, title,
    authors, year, citation style, citations, references, whether indexed), building or updating
    the index first when it is missing or stale."""
    return document_rows(_settings(settings))


def _progress(value: object) -> Progress | None:
    """The callback a `progress` argument stands for: None or False none, True the stderr bar of
    `qa add` (`qa.app.progress.stderr_progress`), a callable itself."""
    if value is None or value is False:
        return None
    if value is True:
        from qa.app.progress import stderr_progress

        return stderr_progress
    if not callable(value):
        raise QATypeError(f"progress must be True, False, None or a callable (fraction, message), got {value!r}"[:200])
    return value


def _flag(value: object, name: str) -> bool:
    if not isinstance(value, bool):
        raise QATypeError(f"{name} must be True or False, got {value!r}")
    return value
