"""Adding a user's own articles: the one implementation behind `qa.add` (`qa.app.articles`) and `qa
add` (`qa.app.library_cmds`), so a script gets the same guarantees as the shell (a remove and a
restore are `qa.app.article_moves`, the lock and index update they share `qa.app.library_change`).

Every file is checked before anything is written (one that cannot be added raises `AddRefused`); the
manifest is replaced atomically; a failed index update takes the change back (`QAError` says in one
line how the corpus stands); Ctrl-C raises `ArticlesInterrupted`.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from pydantic import BaseModel, Field

from qa.app.cli_support import library_flags, stopped_by
from qa.app.library_change import (  # noqa: F401 - ArticlesInterrupted, Tell, locked: re-exported
    ArticlesInterrupted, Tell, corpus_changed, failure, locked, merge_if_due, updated_index)
from qa.errors import QAError
from qa.ingest.library import AddError, AddPlan, Prepared
from qa.settings import Settings


class AddedArticle(BaseModel):
    """One article an add put in the library, as `qa add` reports it."""

    id: str = Field(description="Its document id (`qa.ask(..., docs=[id])`, `qa.remove(id)`).")
    path: str = Field(description="The file it was read from.")
    title: str | None = Field(default=None, description="Title read from the article (or given).")
    year: int | None = Field(default=None, description="Publication year, when found.")
    doi: str | None = Field(default=None, description="DOI, when found.")
    pages: int = Field(default=0, description="Pages of a PDF (0 for a text file).")
    indexed: bool = Field(description="Whether the index holds it (False with update_index=False, or see warnings).")
    citation_style: str | None = Field(default=None, description="Detected citation style, once indexed.")
    references: int | None = Field(default=None, description="Entries of its parsed reference list, once indexed.")


class AddResult(BaseModel):
    """What an add did: the articles added (none when every file was skipped), the folder files
    skipped with the reason for each, and the lines `qa add` prints on stderr (warnings, notes)."""

    added: list[AddedArticle] = Field(default_factory=list, description="The articles added, in order.")
    skipped: dict[str, str] = Field(default_factory=dict, description="Each skipped file and why.")
    messages: list[str] = Field(default_factory=list, description="Warnings and notes, one line each.")
    index_updated: bool = Field(default=False, description="Whether the index was brought up to date.")


class AddRefused(AddError):
    """Files named in an add cannot be added, so nothing was (all or nothing): `errors` holds one
    line per refused file, `plan` what the add had read (files ready, folder files skipped)."""

    def __init__(self, plan: AddPlan) -> None:
        errors = plan.errors
        message = errors[0] if len(errors) == 1 else f"{len(errors)} files cannot be added: " + "; ".join(errors)
        super().__init__(f"{message}; nothing was added (the corpus is unchanged)", "refused")
        self.errors = list(errors)
        self.plan = plan


class AddDeclined(QAError):
    """The person asked before a large folder add said no: nothing was added."""

    exit_code = 1


NAMES_SHOWN = 5  # per reason in the summary of skipped files


def skipped_line(plan: AddPlan, hint: str = "") -> str:
    """One line: how many files a folder add skipped and why, with a few names per reason, and
    the caller's `hint` for more (the command line's "--dry-run gives each reason"; the library's
    `AddResult.skipped` holds each reason)."""
    parts = []
    for kind, paths in sorted(plan.skipped.items(), key=lambda kv: -len(kv[1])):
        names = ", ".join(p.name for p in paths[:NAMES_SHOWN]) + (f", +{len(paths) - NAMES_SHOWN} more"
                                                                  if len(paths) > NAMES_SHOWN else "")
        parts.append(f"{len(paths)} {kind} ({names})")
    n = plan.skipped_count
    return f"skipped {n} file{'' if n == 1 else 's'}: " + "; ".join(parts) + (f" ({hint})" if hint else "")


def plan_articles(paths: list[Path], settings: Settings, doc_id: str | None = None,
                  metadata: dict | None = None, progress=None) -> AddPlan:
    """Read and check every file (nothing written), telling `progress` each file; a stop while
    reading is `ArticlesInterrupted`."""
    from qa.index.embed_cache import CACHE
    from qa.ingest.library import plan_add

    _folders_readable(paths)
    try:
        return plan_add(paths, Path(settings.corpus_dir), doc_id=doc_id, max_pages=settings.ingest.pdf_max_pages,
                        sketch_cache=Path(settings.index_dir) / CACHE / "add-sketches",
                        max_file_mb=settings.ingest.max_file_mb, metadata=metadata, progress=progress)
    except (KeyboardInterrupt, Exception) as exc:  # or SIGTERM, also one a C library's call wrapped
        stop = stopped_by(exc)
        if stop is None:
            raise
        raise ArticlesInterrupted("interrupted while reading the files; nothing was added", stop) from exc


def _folders_readable(paths: list[Path]) -> None:
    """A folder the user named that cannot be listed is one line (robustness sweep 36: it was "no
    .pdf or .txt files to add", as if it held none); its unreadable subfolders are passed over."""
    import os

    for path in paths:
        if path.is_dir():
            try:
                os.scandir(path).close()
            except OSError as exc:
                raise AddError(f"{path}: the folder cannot be read: {exc.strerror}") from None


@contextmanager
def library_started(settings: Settings) -> Iterator[None]:
    """An add to a folder that does not exist or is empty starts a new library there (a manifest
    is written), taken back if no document went in (nothing added, or a dry run)."""
    from qa.ingest.corpus import load_manifest
    from qa.ingest.library import drop_new_library, new_library

    corpus = Path(settings.corpus_dir)
    created = new_library(corpus)
    try:
        yield
    finally:
        if created:
            try:
                load_manifest(corpus)
            except QAError:  # no document went in
                drop_new_library(corpus, created)


def add_articles(paths: list[Path], settings: Settings, *, doc_id: str | None = None, metadata: dict | None = None,
                 update_index: bool = True, tell: Tell = lambda line: None, progress=None,
                 confirm: Callable[[AddPlan], bool] | None = None, skipped_hint: str = "") -> AddResult:
    """The add itself (`qa.add` and `qa add`), under the corpus lock, in a new library when the
    folder is new (`library_started`); `confirm(plan)` may decline a large add (`AddDeclined`); `progress`
    is told each file read, then the index update's steps. Every line told is also in `messages`."""
    lines: list[str] = []

    def both(line: str) -> None:
        lines.append(line)
        tell(line)

    with library_started(settings), locked(settings, both):
        result = _add(paths, settings, doc_id, metadata, update_index, both, progress, confirm, skipped_hint)
    result.messages = lines
    return result


def repeated_warnings(plan: AddPlan) -> list[str]:
    """One warning line per file named more than once (an add, and its dry run, take it once)."""
    return [f"warning: {path} was given more than once; it is taken once" for path in plan.repeated]


def _add(paths: list[Path], settings: Settings, doc_id: str | None, metadata: dict | None, update_index: bool,
         tell: Tell, progress, confirm: Callable[[AddPlan], bool] | None, skipped_hint: str) -> AddResult:
    from qa.ingest.library import shown, write_added

    corpus = Path(settings.corpus_dir)
    plan = plan_articles(paths, settings, doc_id, metadata, progress)
    for line in repeated_warnings(plan):
        tell(line)
    if plan.errors:  # all or nothing: a file the user named was refused
        raise AddRefused(plan)
    result = AddResult(skipped={str(path): why for path, why in plan.reasons.items()})
    if plan.skipped:
        tell(skipped_line(plan, skipped_hint))
    if not plan.ready:
        return result
    if confirm is not None and not confirm(plan):
        raise AddDeclined("nothing was added")
    try:
        write_added(plan.ready, corpus)
    except KeyboardInterrupt as stop:  # or SIGTERM (cli_support.Terminated)
        raise ArticlesInterrupted("interrupted; nothing was added (the corpus is unchanged)", stop) from stop
    except OSError as exc:  # write_added took its copies back; a full disk is the likely cause
        raise QAError(f"{failure(exc, corpus)}; nothing was added (the corpus is unchanged)") from exc
    corpus_changed(settings)
    for item in plan.ready:
        for warning in item.warnings:
            tell(f"warning: {warning}")
    stamped = [shown(item.path.name) for item in plan.ready if item.margin_pages]
    if stamped:  # one line for all: nothing of the articles' text was lost (user trials 18, 19)
        tell(f"note: rotated margin text (a download stamp or the journal's sidebar) left out of "
             f"{len(stamped)} PDF{'s' if len(stamped) > 1 else ''}: {', '.join(stamped)}")
    if update_index:
        index = _index_add(plan.ready, settings, progress)
        merge_if_due(settings, index.manifest, tell)
        documents = {d.id: d for d in index.documents}
    else:
        documents = {}
    result.added = [_added(item, documents.get(item.entry["id"])) for item in plan.ready]
    result.index_updated = update_index
    return result


def _index_add(added: list[Prepared], settings: Settings, progress):
    """The index brought up to date after an add; an update that fails takes the add back."""
    from qa.ingest.library import undo_add

    ids = ", ".join(item.entry["id"] for item in added)
    try:
        return updated_index(settings, progress)
    except KeyboardInterrupt as stop:  # or SIGTERM (cli_support.Terminated)
        raise ArticlesInterrupted(
            f"interrupted while updating the index; {ids} {'is' if len(added) == 1 else 'are'} added to the corpus "
            "and the index will be brought up to date by the next command that uses it "
            f"(or run 'qa index{library_flags(settings)}')", stop) from stop
    except Exception as exc:  # all or nothing: an add whose index update failed is taken back
        what = failure(exc, Path(settings.index_dir))
        try:
            undo_add(added, Path(settings.corpus_dir))
        except Exception as second:  # e.g. the disk is still full: the add stands, say so
            raise QAError(f"{what}; the add could not be undone ({failure(second, Path(settings.corpus_dir))}): "
                          f"{ids} {'is' if len(added) == 1 else 'are'} in the corpus but not in the index "
                          f"(run 'qa index{library_flags(settings)}' once the problem is fixed)") from exc
        raise QAError(f"{what}; the add was undone (the corpus is unchanged)") from exc


def _added(item: Prepared, doc) -> AddedArticle:
    meta = doc.meta if doc is not None else None
    entry = item.entry
    return AddedArticle(id=entry["id"], path=str(item.path), pages=item.pages, indexed=doc is not None,
                        title=(meta.title if meta else entry.get("title")) or None,
                        year=meta.year if meta else entry.get("year"),
                        doi=(meta.doi if meta else entry.get("doi")) or None,
                        citation_style=doc.citation_style if doc is not None else None,
                        references=len(doc.references) if doc is not None else None)


