"""`qa docs`: each document's detected citation style, citations and reference list at a glance.

A document whose style could not be detected is shown as 'unknown', so a user sees why it
carries no citations instead of finding out from empty answers.
"""
from __future__ import annotations

from pathlib import Path

from qa.models import Document
from qa.settings import Settings

STYLE_NAMES = {
    "numeric": "numbered [brackets]",
    "numeric_paren": "numbered (parentheses)",
    "superscript": "superscript numbers",
    "author_year": "author-year",
    "none": "none (fixed in the manifest)",
    "unknown": "unknown: too little evidence, no citations taken",
}


def document_summary(doc: Document) -> dict[str, object]:
    resolved = sum(1 for c in doc.citations if c.resolved)
    return {
        "id": doc.id,
        "citation_style": doc.citation_style,
        "style": STYLE_NAMES.get(doc.citation_style, doc.citation_style),
        "citations": len(doc.citations),
        "keys": len({c.key for c in doc.citations}),
        "resolved": resolved,
        "references": len(doc.references),
        "warnings": list(doc.warnings),
    }


def document_rows(settings: Settings, progress=None) -> list:
    """One `qa docs --json` row (`qa.app.schema.DocOut`) per manifest entry: its metadata and, once
    indexed, what ingestion found (citation style, citations, how many resolve, the reference list)."""
    from qa.app.schema import DocOut
    from qa.index.load import open_index
    from qa.ingest.corpus import load_manifest

    index = open_index(settings, progress=progress)
    ingested = {d.id: d for d in index.documents}
    rows = []
    for meta in load_manifest(Path(settings.corpus_dir)):
        doc = ingested.get(meta.id)
        row = {"id": meta.id, "title": meta.title, "authors": list(meta.authors), "journal": meta.journal,
               "year": meta.year, "doi": meta.doi, "file": meta.file, "source": meta.source,
               "confirmed": meta.confirmed, "indexed": doc is not None}
        row.update(document_summary(doc) if doc is not None else
                   {"citation_style": None, "style": "not indexed", "citations": None, "references": None,
                    "warnings": []})
        rows.append(DocOut(**row))
    return rows
