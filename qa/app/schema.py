"""The JSON the command line prints: one versioned shape per kind, built from pydantic models.

Every JSON object `qa` prints carries `"schema": "qa/<kind>/vN"`; streams (`qa passages`,
`qa refs`, `qa docs`, `qa ask --file`) print one such object per line (JSON Lines), the study
exports (`qa studies/study --json`) a JSON list of them; only the developer report `qa eval
--json` has none. Spans, passages and
citations are the library's own models (`qa.models`), so a citation inside a span has the same
fields as `qa.models.Citation` (key, label, offsets, style, reference), and `carried` (`SpanCitation`). `qa schema [KIND]`
prints the JSON Schema generated from these models. A change that removes or renames a field
bumps the version (`v2`); adding a field does not. `qa/answer/v2` (from v1): answer references
are derived from `qa.models.Reference` and so carry `doi` too; bumped deliberately, since the
reference shape now follows the library model rather than a hand-kept list of fields.
"""
from __future__ import annotations

import json
from typing import Callable, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model
from pydantic.fields import FieldInfo

from qa.app.exponents import find_lost_exponents
from qa.models import Answer, AnswerReference, Citation, DocumentMeta, Hit, Passage, Reference, Span, Study, StudyRow



class Versioned(BaseModel):
    """Base of every printed object: `schema` names its kind and version."""

    model_config = ConfigDict(populate_by_name=True)

    def to_dict(self) -> dict:
        """JSON-ready dict with `schema` first (the field order a reader sees)."""
        data = self.model_dump(mode="json", by_alias=True)
        return {"schema": data.pop("schema"), **data}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)


class DisplayNotes(BaseModel):
    """How the text is shown to a reader when it differs from the verbatim text."""

    display_text: str | None = Field(
        default=None, description="The text as displayed when it differs from `text` (e.g. a "
        "power of ten whose superscript was lost in the PDF, `1x106` shown as `1×10⁶`); "
        "null when identical. `text` and the offsets always stay verbatim.")
    notes: list[str] = Field(default_factory=list,
                             description="Why `display_text` differs, one note per change.")


class SpanCitation(Citation):
    """A citation of an answer span: the library's fields, and whether the quote prints it."""

    carried: Literal["before", "after"] | None = Field(
        default=None, description="Set when the quoted words do not print this citation: the quote takes it "
        "from the sentence before it ('before'; shown `[94]↑`) or after it ('after'; `[94]↓`), the study "
        "it goes on describing (the offsets lie outside the span's); null when the quote prints it.")


class SpanOut(DisplayNotes, Span):
    """An answer span (verbatim text, offsets, citations with the library's fields)."""

    citations: list[SpanCitation] = Field(
        default_factory=list, description="Citations it carries; `carried` marks one taken from the "
        "sentence before or after the quote rather than printed in it.")


class PassageOut(DisplayNotes, Passage):
    """A passage of the index (verbatim text, offsets, citations)."""


# The reference-list fields an answer reference adds: every field of `Reference` that
# `AnswerReference` lacks (number, authors, title, journal, year, volume, pages, doi, and any
# field `Reference` gains later), derived so that the two cannot drift apart again.
ENTRY_FIELDS = tuple(name for name in Reference.model_fields if name not in AnswerReference.model_fields)


def _optional(name: str) -> tuple[object, FieldInfo]:
    """A `Reference` field for `ReferenceOut`: as declared, or None-able when it is required
    (an unresolved reference has no entry to fill it from)."""
    info = Reference.model_fields[name]
    if not info.is_required():
        return info.annotation, info
    return info.annotation | None, Field(default=None, description=info.description)


ReferenceOut = create_model(
    "ReferenceOut", __base__=AnswerReference,
    __doc__="A reference cited by an answer, with every structured field of its reference-list "
            "entry (`qa.models.Reference`).",
    **{name: _optional(name) for name in ENTRY_FIELDS})


class AnswerOut(Versioned):
    """`qa ask --json` (and each line of `qa ask --file`): one answer."""

    schema_: Literal["qa/answer/v2"] = Field("qa/answer/v2", alias="schema",
                                             description="Kind and version of this object.")
    question: str = Field(description="The question as asked.")
    found: bool = Field(description="False when the corpus does not answer the question.")
    kind: str = Field(description="Recognised question type (sources, table, number, ...).")
    message: str = Field(default="", description="Plain statement, e.g. when not found.")
    spans: list[SpanOut] = Field(default_factory=list, description="Answer spans, best first.")
    references: list[ReferenceOut] = Field(
        default_factory=list, description="References cited by the spans, grouped by review.")
    other_references: list[ReferenceOut] = Field(
        default_factory=list,
        description="Entries of the numbers printed in the quoted text that no span offers as a source "
        "(`spans[].also_cited`): for looking each up; not the answer's sources.")
    passages: list[Hit] = Field(default_factory=list,
                                description="The retrieved evidence (nearest passages when "
                                "not found: these are not an answer).")
    line: int | None = Field(default=None, description="Line of the questions file (ask --file).")
    more: int = Field(default=0, description="Spans left out by the --k bound (shown as '+N more').")
    context: str = Field(default="", description="The earlier question a follow-up was read with.")
    confidence: float | None = Field(
        default=None, description="Calibrated probability that the corpus answers the question.")
    too_vague: bool = Field(
        default=False, description="Refused before retrieval as too vague (a single word, nonsense, a "
        "follow-up with no earlier question); `qa ask` exits 1.")
    caution: str = Field(
        default="", description="A weak-match warning (also a line of `message`); '' when the match is not weak.")
    documents: list[DocumentMeta] = Field(
        default_factory=list, description="The documents the spans come from, as in the manifest.")
    studies: list[StudyRow] = Field(
        default_factory=list, description="Sources answers: the cited studies, best supported first.")


class SearchOut(Versioned):
    """`qa search --json`: the ranked passages for a question."""

    schema_: Literal["qa/search/v1"] = Field("qa/search/v1", alias="schema",
                                             description="Kind and version of this object.")
    question: str = Field(description="The question as asked.")
    hits: list[Hit] = Field(default_factory=list, description="Ranked passages, best first.")


class PassageLine(Versioned, PassageOut):
    """`qa passages --json`: one passage per line."""

    schema_: Literal["qa/passage/v1"] = Field("qa/passage/v1", alias="schema",
                                              description="Kind and version of this object.")


class ReferenceLine(Versioned, Reference):
    """`qa refs DOC --json`: one reference-list entry per line."""

    schema_: Literal["qa/reference/v1"] = Field("qa/reference/v1", alias="schema",
                                                description="Kind and version of this object.")


class ShowOut(Versioned):
    """`qa show PASSAGE_ID [-C N] --json`: a passage with its neighbours in the document."""

    schema_: Literal["qa/show/v1"] = Field("qa/show/v1", alias="schema",
                                           description="Kind and version of this object.")
    passage: PassageOut = Field(description="The passage asked for.")
    before: list[PassageOut] = Field(default_factory=list,
                                     description="Up to N preceding passages, in reading order.")
    after: list[PassageOut] = Field(default_factory=list,
                                    description="Up to N following passages, in reading order.")


class ErrorOut(Versioned):
    """A failure reported as data (a bad line of `qa ask --file`)."""

    schema_: Literal["qa/error/v1"] = Field("qa/error/v1", alias="schema",
                                            description="Kind and version of this object.")
    error: str = Field(description="What went wrong, in one line.")
    line: int | None = Field(default=None, description="Line of the questions file, if any.")
    question: str | None = Field(default=None, description="The offending question, if any.")


class StudyOut(Versioned, Study):
    """`qa studies --json` / `qa study --json` (and `--format json` of ask and refs): one study
    of the bibliography; the export is a JSON list of these."""

    schema_: Literal["qa/study/v1"] = Field("qa/study/v1", alias="schema",
                                            description="Kind and version of this object.")
    authors_et_al: bool = Field(default=False, description="True when the study's print (its entry, "
                                "or without one its citation label) stops the author list with 'et al.': "
                                "`authors` are then only the first ones.")


class DocOut(Versioned):
    """`qa docs --json`: one corpus document per line, its manifest entry and what ingestion found."""

    schema_: Literal["qa/doc/v1"] = Field("qa/doc/v1", alias="schema", description="Kind and version of this object.")
    id: str = Field(description="Document id.")
    title: str | None = Field(default=None, description="Title (manifest).")
    authors: list[str] = Field(default_factory=list, description="Authors as 'Surname Initials' (manifest).")
    journal: str | None = Field(default=None, description="Journal (manifest).")
    year: int | None = Field(default=None, description="Year (manifest).")
    doi: str | None = Field(default=None, description="DOI (manifest).")
    file: str = Field(description="The file in the corpus folder.")
    source: str | None = Field(default=None, description="Where the file came from (manifest).")
    confirmed: bool = Field(default=False, description="Whether the metadata were confirmed by a person.")
    indexed: bool = Field(description="False when the document is listed but not in the index (see warnings).")
    citation_style: str | None = Field(default=None, description="Detected citation style; null if not indexed.")
    style: str = Field(description="The citation style in words.")
    citations: int | None = Field(default=None, description="Citations found in the text.")
    keys: int | None = Field(default=None, description="Distinct citation keys.")
    resolved: int | None = Field(default=None, description="Citations resolved to a reference-list entry.")
    references: int | None = Field(default=None, description="Entries of the parsed reference list.")
    warnings: list[str] = Field(default_factory=list, description="Ingestion warnings.")


SCHEMAS: dict[str, type[BaseModel]] = {
    "answer": AnswerOut, "search": SearchOut, "passage": PassageLine, "reference": ReferenceLine,
    "show": ShowOut, "error": ErrorOut, "study": StudyOut, "doc": DocOut,
}


def json_schema(kind: str) -> dict:
    """The JSON Schema of one printed kind (as `qa schema KIND` prints it)."""
    return SCHEMAS[kind].model_json_schema(by_alias=True, mode="serialization")


def display_notes(text: str, offset: int) -> dict:
    """`display_text` and `notes` for a verbatim text starting at document offset `offset`."""
    restored = find_lost_exponents(text, offset)
    if not restored:
        return {}
    from qa.app.exponents import display_text

    return {"display_text": display_text(text), "notes": [r.note for r in restored]}


def passage_out(p: Passage) -> PassageOut:
    return PassageOut(**p.model_dump(), **display_notes(p.text, p.start))


def passage_line(p: Passage) -> PassageLine:
    return PassageLine(**p.model_dump(), **display_notes(p.text, p.start))


def answer_out(answer: Answer, lookup: Callable[[str, str], Reference | None] | None = None,
               line: int | None = None) -> AnswerOut:
    """The printed answer; `lookup(doc_id, key)` adds the reference list's structured fields."""
    def out(refs: list) -> list[ReferenceOut]:
        rows = []
        for r in refs:
            entry = lookup(r.doc_id, r.key) if lookup is not None else None
            extra = entry.model_dump(include=set(ENTRY_FIELDS)) if entry is not None else {}
            rows.append(ReferenceOut(**r.model_dump(), **extra))
        return rows

    from qa.app.render import cli_message

    from qa.app.labels import carried_from

    spans = [SpanOut(**{**s.model_dump(), "citations": [SpanCitation(**c.model_dump(), carried=carried_from(c, s))
                                                         for c in s.citations]}, **display_notes(s.text, s.start))
             for s in answer.spans]
    return AnswerOut(question=answer.question, found=answer.found, kind=answer.kind,
                     message=cli_message(answer), spans=spans, references=out(answer.references),
                     other_references=out(answer.other_references),
                     passages=answer.passages, line=line, more=answer.more, context=answer.context,
                     confidence=answer.confidence, too_vague=answer.too_vague, caution=answer.caution, documents=answer.documents,
                     studies=answer.studies)
