"""The data model shared by ingestion, the index, retrieval, answers and the interfaces.

Every object that crosses a module boundary or lands on disk is one of these pydantic
models, so the JSON a user sees (`qa passages --json`, `qa search --json`, `qa ask --json`)
is exactly the model's own serialisation.
"""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

CitationStyle = Literal["numeric", "author_year", "superscript", "none"]
PassageKind = Literal["text", "table_row", "table"]


class DocumentMeta(BaseModel):
    """One entry of `corpus/manifest.toml`: what is known about an article."""

    id: str = Field(description="Short unique id used by --doc, e.g. 'kim2013'.")
    file: str = Field(description="Text file name, relative to the corpus folder.")
    title: str = Field(default="", description="Article title (may be descriptive when unconfirmed).")
    authors: list[str] = Field(default_factory=list, description="Authors as 'Surname Initials'.")
    journal: str = Field(default="", description="Journal abbreviation.")
    year: int | None = Field(default=None, description="Publication year.")
    volume: str = Field(default="", description="Volume(issue).")
    pages: str = Field(default="", description="Page range.")
    doi: str = Field(default="", description="DOI, if known.")
    pmcid: str = Field(default="", description="PubMed Central id, if known.")
    citation_style: Literal["auto", "numeric", "author_year", "superscript", "none"] = Field(
        default="auto", description="'auto' (detected at ingestion) or a fixed CitationStyle."
    )
    confirmed: bool = Field(default=False, description="Whether title/authors are verified.")
    note: str = Field(default="", description="Free-text provenance note.")


class Reference(BaseModel):
    """One entry of a review's reference list."""

    doc_id: str = Field(description="Document whose reference list holds this entry.")
    key: str = Field(description="Citation key this entry answers to, e.g. '116'.")
    number: int | None = Field(default=None, description="Entry number in the list, if numbered.")
    text: str = Field(description="The full entry as printed, cleaned of page artifacts.")
    authors: list[str] = Field(default_factory=list, description="Author names as printed.")
    title: str = Field(default="", description="Article title.")
    journal: str = Field(default="", description="Journal abbreviation.")
    year: int | None = Field(default=None, description="Publication year.")
    volume: str = Field(default="", description="Volume (and issue/supplement).")
    pages: str = Field(default="", description="Pages or article number.")


class Citation(BaseModel):
    """One in-text citation of one key, at its place in the cleaned document text."""

    key: str = Field(description="Numeric '116' or author-year 'Sun 2010' (ASCII-folded surname).")
    label: str = Field(
        description="The citation as printed: '[84-92]', '(Sun et al., 2010)', '22-24'."
    )
    start: int = Field(description="Offset of the label in the cleaned document text.")
    end: int = Field(description="End offset (exclusive) of the label in the cleaned text.")
    style: CitationStyle = Field(description="How the citation is written.")
    reference: str | None = Field(
        default=None, description="Full reference entry text, or null when unresolved."
    )

    @property
    def resolved(self) -> bool:
        return self.reference is not None


class Section(BaseModel):
    """A heading and the span of cleaned text it governs."""

    title: str = Field(description="Heading text as printed (cleaned).")
    start: int = Field(description="Offset where the section's body starts.")
    end: int = Field(description="Offset where the section ends (exclusive).")


class TableSpan(BaseModel):
    """A table rendered into the cleaned text, one line per row with column names."""

    caption: str = Field(description="Caption as printed, e.g. 'Table 2. Clinical trials ...'.")
    start: int = Field(description="Start offset of the rendered table in the cleaned text.")
    end: int = Field(description="End offset (exclusive).")
    columns: list[str] = Field(default_factory=list, description="Column names, if known.")
    rows: list[tuple[int, int]] = Field(
        default_factory=list, description="(start, end) of each rendered row in the cleaned text."
    )


class Document(BaseModel):
    """An ingested review: cleaned text plus everything mined from it."""

    meta: DocumentMeta = Field(description="Manifest entry.")
    sha256: str = Field(description="sha256 of the raw file, for staleness checks.")
    text: str = Field(description="Cleaned text; all offsets in this project point into it.")
    raw_map: list[tuple[int, int]] = Field(
        default_factory=list,
        description="Anchor pairs (clean_offset, raw_offset), ascending by clean offset.",
    )
    citation_style: CitationStyle = Field(description="Detected in-text citation style.")
    sections: list[Section] = Field(default_factory=list, description="Detected sections.")
    tables: list[TableSpan] = Field(default_factory=list, description="Tables found in the text.")
    references_span: tuple[int, int] | None = Field(
        default=None, description="Where the reference list sits in the cleaned text."
    )
    skip_spans: list[tuple[int, int]] = Field(
        default_factory=list,
        description="Cleaned-text spans that are not body text (reference list, abbreviation "
        "list, keywords, figure captions): never made into passages.",
    )
    citations: list[Citation] = Field(default_factory=list, description="All in-text citations.")
    references: list[Reference] = Field(default_factory=list, description="Parsed reference list.")
    glossary: dict[str, str] = Field(
        default_factory=dict, description="Abbreviation -> expansion mined from the text."
    )
    warnings: list[str] = Field(default_factory=list, description="Ingestion warnings.")

    @property
    def id(self) -> str:
        return self.meta.id


class Passage(BaseModel):
    """A retrievable unit: a few sentences, a table row, or a whole small table."""

    id: str = Field(description="Stable content hash (doc id + offsets + text).")
    doc_id: str = Field(description="Document id.")
    section: str = Field(description="Section heading the passage sits under.")
    kind: PassageKind = Field(default="text", description="text, table_row or table.")
    text: str = Field(description="Exactly document.text[start:end].")
    start: int = Field(description="Start offset in the cleaned document text.")
    end: int = Field(description="End offset (exclusive) in the cleaned document text.")
    citations: list[Citation] = Field(default_factory=list, description="Citations inside it.")


class Hit(BaseModel):
    """A retrieved passage with the evidence of why it ranked where it did."""

    passage: Passage = Field(description="The retrieved passage.")
    rank: int = Field(description="1-based rank in the fused list.")
    score: float = Field(description="Fused score (higher is better).")
    bm25_rank: int | None = Field(default=None, description="Rank under BM25, if retrieved.")
    bm25_score: float | None = Field(default=None, description="Raw BM25 score.")
    dense_rank: int | None = Field(default=None, description="Rank under dense retrieval.")
    dense_score: float | None = Field(default=None, description="Cosine similarity.")


class Span(BaseModel):
    """A verbatim piece of a document offered as (part of) an answer."""

    text: str = Field(description="Exactly the document text between start and end.")
    doc_id: str = Field(description="Document id.")
    passage_id: str = Field(description="Passage the span was taken from.")
    start: int = Field(description="Start offset in the cleaned document text.")
    end: int = Field(description="End offset (exclusive).")
    score: float = Field(description="Relevance of the span to the question.")
    citations: list[Citation] = Field(default_factory=list, description="Citations it carries.")


class AnswerReference(BaseModel):
    """A reference cited by the answer, with its full entry where the review has a list."""

    doc_id: str = Field(description="Document whose reference list (or text) it belongs to.")
    key: str = Field(description="Citation key.")
    label: str = Field(description="Label as printed in the first supporting span.")
    text: str | None = Field(default=None, description="Full entry, or null if not in a list.")
    support: int = Field(default=1, description="How many answer spans cite it.")


class Answer(BaseModel):
    """The extractive answer to one question."""

    question: str = Field(description="The question as asked.")
    found: bool = Field(description="False when the corpus does not answer the question.")
    kind: str = Field(description="Recognised question type.")
    spans: list[Span] = Field(default_factory=list, description="Answer spans, best first.")
    references: list[AnswerReference] = Field(
        default_factory=list, description="References cited by the spans, grouped by review."
    )
    passages: list[Hit] = Field(default_factory=list, description="The retrieved evidence.")
    message: str = Field(default="", description="Plain statement, e.g. when not found.")
