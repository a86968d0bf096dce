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
from qa.ingest.references import link_citations, parse_references
from qa.settings import Settings

FIXED_STYLES = {"numeric", "author_year", "superscript", "none"}


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


def ingest_document(raw: RawDocument, min_words: int = 40, max_words: int = 200,
                    background: list[str] | None = None) -> tuple[Document, list[Passage]]:
    """`background`: the other articles' raw texts, used by the cleaner only as evidence of which
    words and word sequences exist (never copied); the index key covers every corpus file."""
    cleaned = clean(raw.text, background=background or ())
    text = cleaned.text
    style = raw.meta.citation_style
    if style not in FIXED_STYLES:
        style = detect_style(text)
    skip = list(cleaned.skip_spans)
    citations = find_citations(text, style=style, skip_spans=skip) if style != "none" else []
    references = parse_references(text, cleaned.references_span, raw.meta.id)
    citations = link_citations(citations, references)
    warnings: list[str] = []
    if not citations:
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
            background = [o.text for o in files.documents if o is not raw]
            doc, passages = ingest_document(
                raw, settings.ingest.passage_min_words, settings.ingest.passage_max_words, background
            )
        except Exception as exc:  # one broken article must not sink the corpus
            corpus.warnings.append(f"{raw.meta.id}: ingestion failed: {type(exc).__name__}: {exc}")
            continue
        corpus.documents.append(doc)
        corpus.passages.extend(passages)
        corpus.warnings.extend(doc.warnings)
    return corpus
