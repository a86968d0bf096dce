"""Removing a document from a user's library and restoring it (`qa.remove`, `qa.restore`, `qa
remove`, `qa restore`): the files and manifest entry moved to <corpus>/.removed/ and back, under the
corpus lock, then the index brought up to date, or the move taken back when it cannot be.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, Field

from qa.app.cli_support import library_flags
from qa.app.library_change import (ArticlesInterrupted, Tell, corpus_changed, failure, locked, merge_if_due,
                                   updated_index)
from qa.errors import QAError
from qa.settings import Settings


class MovedArticle(BaseModel):
    """A document removed from the library (or restored): where its files and entry went."""

    id: str = Field(description="The document id.")
    folder: str = Field(description="Its folder under <corpus>/.removed/ (restore: the folder it came from).")
    files: list[str] = Field(default_factory=list, description="Its files, relative to the corpus folder.")
    index_updated: bool = Field(default=False, description="Whether the index was brought up to date.")
    messages: list[str] = Field(default_factory=list, description="Notes, one line each.")


def _index_after(settings: Settings, change: str, undo: Callable[[], None], undone: str, tell: Tell, progress) -> None:
    """Bring the index up to date after a remove or restore, all or nothing like an add: if the
    update fails the corpus change is taken back (`undo`), and the error says which state the
    corpus is in, so no success is ever reported for a change the index missed. An interrupted
    update keeps the change (the next command that uses the index updates it)."""
    try:
        index = updated_index(settings, progress)
    except KeyboardInterrupt as stop:  # or SIGTERM (cli_support.Terminated)
        raise ArticlesInterrupted(f"interrupted while updating the index; {change} stands and the index will be "
                                  "brought up to date by the next command that uses it "
                                  f"(or run 'qa index{library_flags(settings)}')", stop) from stop
    except Exception as exc:
        why = failure(exc, Path(settings.index_dir))
        try:
            undo()
        except Exception as second:  # the change stays: say so, and that the index is behind
            raise QAError(f"{why}; {change} could not be undone ({failure(second, Path(settings.corpus_dir))}), "
                          "so it stands and the index is not up to date "
                          f"(run 'qa index{library_flags(settings)}' once the problem is fixed)") from exc
        raise QAError(f"{why}; {undone}: the corpus and the index are as before") from exc
    merge_if_due(settings, index.manifest, tell)


def move_article(kind: str, doc_id: str, settings: Settings, *, update_index: bool = True,
                 tell: Tell = lambda line: None, progress=None) -> MovedArticle:
    """A remove or a restore (`kind`), under the corpus lock: the step (which takes its moves back
    when a file operation fails, a full disk: then nothing was done), then, unless
    `update_index` is False, the index brought up to date, the step undone when it cannot be.
    `progress(fraction, message)` is told as an add tells it (`article_changes.add_articles`): the
    step (0.0 'removing ID', then 1.0 with what was moved, or that nothing was), then the index
    update's steps."""
    from qa.ingest.removal import remove_document, restore_document, undo

    corpus = Path(settings.corpus_dir)
    step, done = (remove_document, "removed") if kind == "remove" else (restore_document, "restored")
    change = f"the {'removal' if kind == 'remove' else 'restore'} of {doc_id}"
    undone = (f"the removal was undone ({doc_id} is back in the corpus)" if kind == "remove" else
              f"the restore was undone ({doc_id} is in {corpus / '.removed'} again)")
    lines: list[str] = []

    def both(line: str) -> None:
        lines.append(line)
        tell(line)

    tell_step = progress or (lambda fraction, message: None)
    with locked(settings, both):
        tell_step(0.0, f"{kind[:-1]}ing {doc_id}")
        try:
            record = step(corpus, doc_id)
        except BaseException as exc:  # the step's own line ends (a terminal's bar is erased)
            tell_step(1.0, f"nothing was {done}")
            if isinstance(exc, OSError):
                raise QAError(f"{failure(exc, corpus)}; nothing was {done} (the corpus is unchanged)") from exc
            raise
        n = len(record.files)
        tell_step(1.0, f"{done} {doc_id}: {n} file{'' if n == 1 else 's'} moved")
        corpus_changed(settings)
        if update_index:
            _index_after(settings, change, lambda: undo(corpus, record), undone, both, progress)
    return MovedArticle(id=doc_id, folder=str(record.folder), files=list(record.files),
                        index_updated=update_index, messages=lines)
