"""The ingestion pipeline: raw text -> cleaned Document -> citation-aware Passages.

Order matters: citations are found on the cleaned text (so offsets are stable), references
are linked before passages are cut (so every passage carries resolved citations).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from qa.ingest.citations import detect_style, find_citations
from qa.ingest.clean.cleaner import clean
from qa.ingest.corpus import RawDocument, read_corpus
from qa.ingest.glossary import mine_glossary
from qa.models import Document, Passage
from qa.ingest.passages import make_passages
from qa.ingest.references import link_citations, listed_works, parse_references
from qa.ingest.refparse import first_surname
from qa.settings import Settings

FIXED_STYLES = {"numeric", "numeric_paren", "author_year", "superscript", "none"}


@dataclass
class Corpus:
    documents: list[Document] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def document(self, doc_id: str) -> Document:
        for doc in self.documents:
            if doc.id == doc_id:
                return doc
        raise KeyError(doc_id)


def ingest_document(raw: RawDocument, min_words: int = 40, max_words: int = 200
                    ) -> tuple[Document, list[Passage]]:
    """One document from its own text alone (plus the model's fixed word list): adding or
    removing another article never changes it, and its cost is linear in its own size."""
    cleaned = clean(raw.text, raw.meta.reading_order)
    text = cleaned.text
    skip = list(cleaned.skip_spans)
    references = parse_references(text, cleaned.references_span, raw.meta.id, one_per_line=True)
    numbers = [r.number for r in references if r.number is not None]
    limit = max(numbers) if numbers else None  # numbers above the list's size are no citations
    surnames = [first_surname(r.authors[0]) for r in references if r.authors]
    style = raw.meta.citation_style
    if style not in FIXED_STYLES:
        style = detect_style(text, skip, limit)
    citations = (find_citations(text, style=style, skip_spans=skip, limit=limit, surnames=surnames,
                                works=listed_works(references))
                 if style not in ("none", "unknown") else [])
    citations = link_citations(citations, references)
    warnings: list[str] = []
    if style == "unknown":
        warnings.append(f"{raw.meta.id}: no in-text citations found (citation style unknown: too little evidence)")
    elif not citations:
        warnings.append(f"{raw.meta.id}: no in-text citations found")
    doc = Document(
        meta=raw.meta,
        sha256=raw.sha256,
        text=text,
        raw_map=cleaned.raw_map,
        citation_style=style,
        sections=cleaned.sections,
        tables=cleaned.tables,
        references_span=cleaned.references_span,
        skip_spans=skip,
        citations=citations,
        references=references,
        glossary=mine_glossary(text),
        warnings=warnings,
    )
    return doc, make_passages(doc, min_words=min_words, max_words=max_words)


def ingest_corpus(settings: Settings | None = None, corpus_dir: Path | None = None) -> Corpus:
    """Ingest every readable document; problems with one document become warnings."""
    settings = settings or Settings.from_env()
    files = read_corpus(Path(corpus_dir or settings.corpus_dir), settings.ingest.max_file_mb)
    corpus = Corpus(warnings=list(files.warnings))
    for raw in files.documents:
        try:
            doc, passages = ingest_document(
                raw, settings.ingest.passage_min_words, settings.ingest.passage_max_words
            )
        except Exception as exc:  # one broken article must not sink the corpus
            corpus.warnings.append(f"{raw.meta.id}: ingestion failed: {type(exc).__name__}: {exc}")
            continue
        corpus.documents.append(doc)
        corpus.passages.extend(passages)
        corpus.warnings.extend(doc.warnings)
    return corpus
