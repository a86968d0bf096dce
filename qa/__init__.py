"""qa: offline extractive question answering over the MSC review literature.

Library use::

    import qa
    hits = qa.retrieve("Which sources were used for SLE?", k=10)
    answer = qa.ask("Which sources were used for SLE?")
    added = qa.add("article.pdf")        # your own articles, as `qa add` (qa.remove, qa.restore)
    plan = qa.add("papers/", dry_run=True)  # what it would add (ids, passages, refusals); nothing changed
    rows = qa.documents()                # the library's documents, as `qa docs --json`
    found = qa.studies("cartilage")      # the studies the articles cite, as `qa studies --json` (qa.study(id))
    # bad arguments raise qa.QAError (one line saying what is wrong)

Heavy modules are imported lazily so that `import qa` (and the CLI) start fast.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:  # pragma: no cover
    from qa.answer.answerer import Answerer, ask
    from qa.models import Answer, Citation, Document, Hit, Passage, Reference, Span, Study
    from qa.retrieval.retriever import Retriever, retrieve
    from qa.errors import QAError
    from qa.settings import Settings
    from qa.app.articles import add, documents, remove, restore
    from qa.app.article_changes import AddedArticle, AddRefused, AddResult
    from qa.app.article_moves import MovedArticle
    from qa.app.library_change import ArticlesInterrupted
    from qa.app.add_preview import AddPreview, PlannedArticle
    from qa.app.library_studies import studies, study

_LAZY = {
    "retrieve": "qa.retrieval.retriever",
    "Retriever": "qa.retrieval.retriever",
    "ask": "qa.answer.answerer",
    "Answerer": "qa.answer.answerer",
    "Settings": "qa.settings",
    "Answer": "qa.models",
    "Citation": "qa.models",
    "Document": "qa.models",
    "Hit": "qa.models",
    "Passage": "qa.models",
    "Reference": "qa.models",
    "Span": "qa.models",
    "QAError": "qa.errors",
    "add": "qa.app.articles",
    "remove": "qa.app.articles",
    "restore": "qa.app.articles",
    "documents": "qa.app.articles",
    "studies": "qa.app.library_studies",
    "study": "qa.app.library_studies",
    "Study": "qa.models",
    "AddRefused": "qa.app.article_changes",
    "ArticlesInterrupted": "qa.app.library_change",
    "AddResult": "qa.app.article_changes",
    "AddedArticle": "qa.app.article_changes",
    "MovedArticle": "qa.app.article_moves",
    "AddPreview": "qa.app.add_preview",
    "PlannedArticle": "qa.app.add_preview",
}

__all__ = sorted(_LAZY) + ["__version__"]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'qa' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    """The lazily imported public names too, so `help(qa)`, `dir(qa)` and tab completion show
    them (user trial 8: `ask`, `retrieve` and `Retriever` were missing), and not this module's
    own imports (user trial 23: `Any`, `TYPE_CHECKING`, `annotations` were listed)."""
    return sorted(set(__all__) | {name for name in globals() if name.startswith("__") or name in
                                  ("answer", "app", "evaluation", "index", "ingest", "retrieval")})
