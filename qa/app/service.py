"""The answerer behind interactive front ends (the TUI): index state, build, ask, browse citations."""
from __future__ import annotations

import threading
from typing import Callable

from qa.index import store
from qa.answer.answerer import Answerer
from qa.errors import QAError
from qa.index.load import Index, open_index
from qa.models import Answer, IndexStatus, Passage
from qa.retrieval.retriever import Retriever
from qa.settings import Settings


class QAService:
    """Owns one loaded index; safe to call from a worker thread."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings.from_env()
        self._index: Index | None = None
        self._answerer: Answerer | None = None
        self._lock = threading.Lock()

    def status(self) -> IndexStatus:
        if self._index is not None:
            counts = self._index.manifest.get("counts", {})
            return IndexStatus(state="ready", documents=counts.get("documents", 0),
                               passages=counts.get("passages", 0), doc_ids=self._index.doc_ids)
        try:
            state = store.check(self.settings)
        except QAError as exc:  # a folder or pointer that cannot be read: nothing says it is corrupt
            return IndexStatus(state="unavailable", reason=str(exc))
        manifest = state.manifest or {}
        counts = manifest.get("counts", {})
        return IndexStatus(state=state.state, documents=counts.get("documents", 0),
                           passages=counts.get("passages", 0),
                           doc_ids=list(manifest.get("documents", [])), reason=state.reason)

    def ensure_index(self, progress: Callable[[float, str], None] = store.no_progress) -> None:
        with self._lock:
            if self._index is None:
                self._index = open_index(self.settings, progress=progress)
                self._answerer = Answerer(retriever=Retriever(self.settings, index=self._index))

    @property
    def answerer(self) -> Answerer:
        self.ensure_index()
        assert self._answerer is not None
        return self._answerer

    def ask(self, question: str, *, k: int = 10, docs: list[str] | None = None,
            mode: str = "hybrid", previous: str | None = None) -> Answer:
        """`previous`: the earlier question; the library reads a follow-up with it."""
        return self.answerer.ask(question, k=k, docs=docs, mode=mode, previous=previous)

    def study_entry(self, study_id: str) -> str | None:
        """The full reference entry of a study of the library's registry (None without one): the
        chat shows it for a key its own article lists no entry for (qa.app.tui_text)."""
        study = self.answerer.retriever.index.studies.find(study_id)
        return study.entry if study is not None else None

    def passages_citing(self, doc_id: str, key: str) -> list[Passage]:
        """Every passage of the same review that cites the same reference key."""
        index = self.answerer.retriever.index  # the live one, reloaded if a rebuild replaced it
        return [p for p in (index.passages[r] for r in index.rows_of_doc(doc_id))
                if p.doc_id == doc_id and any(c.key == key for c in p.citations)]
