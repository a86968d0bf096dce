"""What an add would do, with nothing changed: `qa.add(..., dry_run=True)` and `qa add --dry-run`.

Every file is read and checked exactly as the add reads it (`plan_articles`, under the corpus lock,
so the ids are the ones the add would give), and each file that would be added is ingested in
memory as the index would ingest it (`qa.ingest.pipeline.ingest_document`), so the preview says how
many passages, which citation style and how many references the add would give it. Nothing is
written: no corpus file, no manifest, no index, no journal of a killed add swept.
"""
from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field

from qa.app.article_changes import library_started, plan_articles, repeated_warnings
from qa.app.library_change import ArticlesInterrupted, Tell, locked
from qa.app.cli_support import stopped_by
from qa.ingest.library import Prepared
from qa.settings import Settings


class PlannedArticle(BaseModel):
    """One file an add would put in the library, as the index would read it."""

    id: str = Field(description="The document id it would get.")
    path: str = Field(description="The file it would be read from.")
    title: str | None = Field(default=None, description="Title read from the article (or given).")
    year: int | None = Field(default=None, description="Publication year, when found.")
    doi: str | None = Field(default=None, description="DOI, when found.")
    pages: int = Field(default=0, description="Pages of a PDF (0 for a text file).")
    passages: int = Field(description="Passages the index would hold for it (0: see warnings).")
    citation_style: str | None = Field(default=None, description="The citation style ingestion would detect.")
    references: int | None = Field(default=None, description="Entries of its reference list ingestion would parse.")
    warnings: list[str] = Field(default_factory=list, description="What the add would warn of, one line each.")


class AddPreview(BaseModel):
    """What an add of these paths would do; nothing was changed. `refused` not empty means the add
    itself would add nothing (all or nothing: it raises `AddRefused` with these lines)."""

    would_add: list[PlannedArticle] = Field(default_factory=list, description="The files ready to add, in order.")
    refused: dict[str, str] = Field(default_factory=dict, description="Each named file that cannot be added and why.")
    skipped: dict[str, str] = Field(default_factory=dict, description="Each folder file that would be skipped and why.")
    messages: list[str] = Field(default_factory=list, description="Warnings about the paths given, one line each.")


def preview_articles(paths: list[Path], settings: Settings, *, doc_id: str | None = None,
                     metadata: dict | None = None, tell: Tell = lambda line: None, progress=None) -> AddPreview:
    """Read and check every file as `add_articles` would (a new library's folder is taken back
    after; `progress` told each file), then ingest each ready one in memory; a stop is `ArticlesInterrupted`."""
    with library_started(settings), locked(settings, tell, sweep=False):  # a dry run sweeps nothing
        plan = plan_articles(paths, settings, doc_id, metadata, progress)
    preview = AddPreview(refused=dict(plan.refused),
                         skipped={str(path): why for path, why in plan.reasons.items()},
                         messages=repeated_warnings(plan))
    try:
        preview.would_add = [_planned(item, settings) for item in plan.ready]
    except (KeyboardInterrupt, Exception) as exc:  # or SIGTERM; any other failure is the ingestion's own
        stop = stopped_by(exc)
        if stop is None:
            raise
        raise ArticlesInterrupted("interrupted; nothing was added (a dry run writes nothing)", stop) from exc
    return preview


def _planned(item: Prepared, settings: Settings) -> PlannedArticle:
    """The article as the index would ingest it (`qa.index.incremental` reads the same text)."""
    from qa.ingest.corpus import RawDocument, sha256_bytes
    from qa.ingest.pipeline import ingest_document
    from qa.models import DocumentMeta

    meta = DocumentMeta(**item.entry)
    planned = PlannedArticle(id=meta.id, path=str(item.path), title=meta.title or None, year=meta.year,
                             doi=meta.doi or None, pages=item.pages, passages=0, warnings=list(item.warnings))
    try:
        doc, passages = ingest_document(RawDocument(meta=meta, text=item.body, sha256=sha256_bytes(item.body.encode())),
                                        settings.ingest.passage_min_words, settings.ingest.passage_max_words)
    except Exception as exc:  # the index would leave it out with this warning
        if stopped_by(exc) is not None:
            raise
        planned.warnings.append(f"{meta.id}: ingestion failed: {type(exc).__name__}: {exc}")
        return planned
    planned.warnings.extend(doc.warnings)
    planned.passages, planned.citation_style, planned.references = len(passages), doc.citation_style, len(doc.references)
    return planned
