"""The data model shared by ingestion, the index, retrieval, answers and the interfaces.

Every object that crosses a module boundary or lands on disk is one of these pydantic
models, so the JSON a user sees (`qa passages --json`, `qa search --json`, `qa ask --json`)
is exactly the model's own serialisation.
"""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

# every settings group's validation (qa.ingest.settings, qa.index.settings, qa.retrieval.settings,
# qa.answer.settings): unknown names, NaN/inf and out-of-bounds assignments are errors
STRICT_SETTINGS = ConfigDict(extra="forbid", allow_inf_nan=False, validate_assignment=True, frozen=False)

CitationStyle = Literal["numeric", "author_year", "superscript", "none", "numeric_paren", "unknown"]
"""numeric: [1-3]; numeric_paren: (1-3); superscript: glued or raised numbers; author_year:
(Sun et al., 2010); none: fixed in the manifest as carrying no citations; unknown: detection
found too little evidence to tell (shown by `qa docs`, never silently citation-free)."""
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
    source: str = Field(default="", description="Original file (e.g. the PDF) the text was extracted from, relative to the corpus folder.")
    reading_order: Literal["auto", "layout", "repair"] = Field(
        default="auto", description="'layout': the text is already in reading order (qa's PDF layout reader wrote it), "
        "so blocks are never moved; 'repair': plain extracted text whose multi-column order is repaired; "
        "'auto': layout when the text has the layout reader's '# ' heading lines.")


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
    doi: str = Field(default="", description="DOI as printed in the entry, if any.")


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
    section: str = Field(default="", description="Section heading of that passage ('Fig. 6' for a figure "
                         "legend), so a reader sees where in the article the quote stands.")
    start: int = Field(description="Start offset in the cleaned document text.")
    end: int = Field(description="End offset (exclusive).")
    score: float = Field(description="Relevance of the span to the question.")
    citations: list[Citation] = Field(default_factory=list, description="Citations it carries.")
    also_cited: list[Citation] = Field(
        default_factory=list,
        description="Citations printed in the span's text that it does not offer as the answer's sources "
        "(they back another item or clause of the sentence, another study than the one asked about, or "
        "the span is shown as context): listed so that every number a reader sees can be looked up.")


NOT_FOUND_MESSAGE = "The corpus does not answer this question."


def key_order(key: str) -> tuple[int, int, str]:
    """Numeric keys in number order, then author-year keys alphabetically."""
    return (0, int(key), "") if key.isdigit() else (1, 0, key)


class AnswerReference(BaseModel):
    """A reference cited by the answer, with its full entry where the review has a list."""

    doc_id: str = Field(description="Document whose reference list (or text) it belongs to.")
    key: str = Field(description="Citation key.")
    label: str = Field(description="The entry's label: '[8]' for a numbered citation (also one printed in a "
                       "group, '(8–10)'), the author-year label as printed in the first supporting span.")
    text: str | None = Field(default=None, description="Full entry, or null if not in a list.")
    support: int = Field(default=1, description="How many answer spans cite it.")
    study: str = Field(default="", description="Id of the study it resolves to (`qa study ID`).")
    reason: str = Field(default="", description="Why there is no entry text, in plain words.")


class Answer(BaseModel):
    """The extractive answer to one question."""

    question: str = Field(description="The question as asked.")
    found: bool = Field(description="False when the corpus does not answer the question.")
    kind: str = Field(description="Recognised question type.")
    spans: list[Span] = Field(default_factory=list, description="Answer spans, best first.")
    references: list[AnswerReference] = Field(
        default_factory=list, description="References cited by the spans shown, grouped by review (they follow "
        "`k`; a sources answer's `studies` lists every study found, whatever `k`)."
    )
    other_references: list[AnswerReference] = Field(
        default_factory=list,
        description="Full entries of the spans' `also_cited` keys that no span cites: numbers printed in the "
        "quoted text, so a reader can look each up; not offered as the answer's sources.")
    passages: list[Hit] = Field(default_factory=list, description="The retrieved evidence.")
    message: str = Field(default="", description="Plain statement, e.g. when not found.")
    more: int = Field(default=0, description="Spans left out by the --k bound (shown as '+N more').")
    context: str = Field(default="", description="The earlier question a follow-up was read with.")
    confidence: float | None = Field(
        default=None, description="Calibrated probability that the corpus answers the question."
    )
    too_vague: bool = Field(
        default=False, description="Refused before retrieval as too vague to answer (a single word, "
        "nonsense, a follow-up with no earlier question); `qa ask` then exits 1. A question whose "
        "real words no article uses is an answer (False).")
    caution: str = Field(
        default="", description="A weak-match warning (also a line of `message`): the confidence lies where "
        "many evaluation questions had no answer in the articles; '' otherwise.")
    documents: list[DocumentMeta] = Field(
        default_factory=list, description="The reviews the spans come from, as in the manifest."
    )
    studies: list["StudyRow"] = Field(
        default_factory=list, description="Sources answers: the cited studies, best supported first."
    )


class IndexStatus(BaseModel):
    """What a front end shows about the index before and after loading it."""

    state: str = Field(description="ready, missing, stale, corrupt (rebuilt on loading) or unavailable (the "
                       "index cannot be read or used: a permission, a path that is not a folder; not rebuilt).")
    documents: int = Field(default=0, description="Documents in the built index.")
    passages: int = Field(default=0, description="Passages in the built index.")
    doc_ids: list[str] = Field(default_factory=list, description="Document ids in the index.")
    reason: str = Field(default="", description="Why the index is not ready, in plain words.")


class StudySentence(BaseModel):
    """A sentence of a review that cites a study (verbatim, with its offsets)."""

    doc_id: str = Field(description="Document the sentence is in.")
    start: int = Field(description="Start offset in the cleaned document text.")
    end: int = Field(description="End offset (exclusive).")
    text: str = Field(description="The sentence as in the cleaned text.")


class StudyCitation(BaseModel):
    """How one review cites a study: its key, the label as printed, its entry if it has a list."""

    doc_id: str = Field(description="Citing document.")
    key: str = Field(description="Citation key in that document ('116', 'Sun 2010', '25').")
    label: str = Field(description="Label as first printed: '[116]', '(Liang et al., 2010)'.")
    reference: str | None = Field(default=None, description="Full entry text in its list, or null.")
    count: int = Field(default=0, description="How many times the document cites it.")
    sentences: list[StudySentence] = Field(default_factory=list, description="Citing sentences.")
    facts: dict[str, str] = Field(
        default_factory=dict, description="Cells of a trial-table row citing it (column -> value)."
    )


class StudyMerge(BaseModel):
    """Why two reviews' keys were taken for the same study."""

    a: str = Field(description="'doc_id:key' of one side.")
    b: str = Field(description="'doc_id:key' of the other side.")
    evidence: str = Field(description="The evidence in plain words.")
    confidence: float = Field(description="0-1; 1 for an equal DOI.")


class Study(BaseModel):
    """One study, whichever review cites it: the registry's unit (`studies.jsonl`)."""

    id: str = Field(description="Stable readable id, e.g. 'liang2010' or 'pmc3782548-25'.")
    first_author: str = Field(default="", description="First author's surname, '' if unknown.")
    authors: list[str] = Field(default_factory=list, description="Authors as printed in an entry.")
    year: int | None = Field(default=None, description="Publication year, if known.")
    title: str = Field(default="", description="Title from a reference entry.")
    journal: str = Field(default="", description="Journal abbreviation from an entry.")
    volume: str = Field(default="", description="Volume (issue).")
    pages: str = Field(default="", description="Pages or article number.")
    doi: str = Field(default="", description="DOI, when an entry prints one.")
    entry: str | None = Field(default=None, description="A full reference entry, or null.")
    resolved: str = Field(
        description="'entry' (full reference entry), 'author_year' (surname and year only) or "
        "'unresolved' (a bare number without a list)."
    )
    reason: str = Field(default="", description="Why there is no full entry, in plain words.")
    cited_by: list[StudyCitation] = Field(default_factory=list, description="The reviews citing it.")
    merges: list[StudyMerge] = Field(default_factory=list, description="Cross-review evidence.")


class StudyRow(BaseModel):
    """One row of a sources answer: a study, who cites it, and the answer's support for it."""

    study: Study = Field(description="The study (from the registry).")
    citations: list[str] = Field(
        default_factory=list, description="'kim2013 [116]', 'figueroa2012 (Liang et al., 2010)'."
    )
    support: float = Field(default=0.0, description="How strongly the answer's spans back it.")
    spans: list[int] = Field(default_factory=list, description="Indexes of the supporting spans.")
    sentence: str = Field(default="", description="The best supporting sentence (verbatim).")
    cited_at: int = Field(
        default=-1, description="Offset in `sentence` just after this study's citation label (-1: not in "
        "it): a shortened sentence is shown up to its citation, where the study's own claim stands.")
    facts: dict[str, str] = Field(default_factory=dict, description="Trial-table facts, if any.")


Answer.model_rebuild()
