"""What every change of a user's library shares (an add, a remove, a restore: `qa.app.article_changes`,
`qa.app.article_moves`): the corpus lock, with what a killed change left tidied first; the index
brought up to date after it, and a background merge once segments pile up; a failure worded in one
line; a stop (Ctrl-C, SIGTERM) as `ArticlesInterrupted`, saying what stands.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from qa.errors import QAError
from qa.settings import Settings

Tell = Callable[[str], None]  # one line for the user as it happens ("warning: ...", "note: ...")


class ArticlesInterrupted(KeyboardInterrupt):
    """A stop (Ctrl-C, SIGTERM) during an add, remove or restore: `str()` is one line saying what
    stands (nothing added, or the change made and the index to be updated by its next use);
    `stop` is the stop itself (the command line's exit status is read from it)."""

    def __init__(self, message: str, stop: BaseException) -> None:
        super().__init__(message)
        self.message = message
        self.stop = stop


def failure(exc: BaseException, where: Path | None = None) -> str:
    """What went wrong, in one line: a QAError's own line, a full disk (of `where`, the folder
    being written), any other failed file operation as `<path>: <reason>` (a read-only folder, a
    file-size limit: the user's environment, not a bug), else an internal error."""
    from qa.errors import no_space

    full = no_space(exc, where)
    if full is not None:
        return str(full)
    if isinstance(exc, OSError) and exc.strerror:  # a copy names its target second
        return f"{exc.filename2 or exc.filename or where}: {exc.strerror}"
    return str(exc) if isinstance(exc, QAError) else f"internal error: {type(exc).__name__}: {exc}"


def corpus_changed(settings: Settings) -> None:
    """Loaded Retrievers of the library reload before their next question (docs audit 34)."""
    from qa.retrieval.retriever import note_change
    note_change(settings)


def updated_index(settings: Settings, progress=None):
    from qa.index.load import open_index
    corpus_changed(settings)  # whatever happens next, a loaded index of this library is out of date
    return open_index(settings, progress=progress)


def merge_if_due(settings: Settings, manifest: dict, tell: Tell) -> None:
    """After a change wrote a segment: start the background merge once enough have piled up."""
    from qa.index.background import needs_merge, start_merge
    from qa.index.segments import segment_count

    if needs_merge(settings, manifest):
        log = start_merge(settings)
        tell(f"merging {segment_count(manifest)} index segments in the background (log: {log})")


def _sweep(corpus: Path, tell: Tell) -> None:
    """Delete what an add killed before writing the manifest left in the corpus folder, and finish
    or take back a killed remove or restore (see qa.ingest.add_journal); a manifest that cannot be
    read leaves everything as it is."""
    from qa.ingest.add_journal import journal_present, listed_names, sweep_interrupted_add
    from qa.ingest.corpus import load_manifest
    from qa.ingest.removal import finish_interrupted_move

    if not journal_present(corpus):
        return
    try:
        metas = load_manifest(corpus, allow_empty=True)
    except QAError:
        return
    note = finish_interrupted_move(corpus, {meta.id for meta in metas})
    if note:
        tell(f"note: {note}")
    removed = sweep_interrupted_add(corpus, listed_names(name for meta in metas for name in (meta.file, meta.source)))
    if removed:
        tell(f"note: removed {', '.join(removed)} from {corpus}: an earlier qa add was killed before it "
             "finished, and no manifest entry uses these copies")


@contextmanager
def locked(settings: Settings, tell: Tell, sweep: bool = True) -> Iterator[None]:
    """The corpus folder's lock, held from reading the manifest to the index update (another add,
    remove or restore on the same corpus waits, saying so), with what a killed one left tidied."""
    from qa.ingest.library import corpus_lock

    corpus = Path(settings.corpus_dir)
    waiting = "qa: waiting for another qa add, remove or restore on this corpus to finish"
    with corpus_lock(corpus, lambda: tell(waiting)):
        if sweep:
            _sweep(corpus, tell)
        yield
