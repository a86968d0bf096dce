"""A second reading of the reference list: the PDF's flat text, kept when it shows more evidence.

The layout reader is better for the body (superscripts, columns, captions), but a reference list
set in a shape it has not met (tiny type taken for figure lettering, an odd column layout) can
come out broken while PDFium's own flat text of the same pages still parses. Each reading is run
through the normal ingestion and judged by its own evidence: how many in-text citations resolve
to an entry, then how many entries were parsed. Only when the layout reading looks weak (few
entries, or many citations left unresolved) is the flat text ingested (the reader extracts it
for every PDF: PDFium's plain text costs a few percent of a layout read), and its list replaces
the layout's only when it resolves clearly more citations. Nothing here looks at what an article
says, so it holds for any journal.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

if TYPE_CHECKING:
    from qa.models import Document, Reference

WEAK_SHARE = 0.9  # the layout reading is trusted when this share of its citations resolve ...
MIN_ENTRIES = 5  # ... and it parsed at least this many entries
MARGIN = 0.2  # the flat reading must resolve this share more citations (and at least MIN_GAIN)
MIN_GAIN = 5


class Evidence(BaseModel):
    """What one reading of an article gives its reference list."""

    entries: int = Field(description="Reference entries parsed.")
    citations: int = Field(description="In-text citations detected.")
    resolved: int = Field(description="In-text citations linked to a parsed entry.")

    @property
    def weak(self) -> bool:
        return self.entries < MIN_ENTRIES or self.resolved < WEAK_SHARE * self.citations


def evidence(text: str) -> tuple[Evidence, "Document"]:
    """The article through the normal ingestion (style 'auto'): its reference evidence and Document."""
    from qa.ingest.corpus import RawDocument
    from qa.ingest.pipeline import ingest_document
    from qa.models import DocumentMeta

    raw = RawDocument(meta=DocumentMeta(id="reading", file="reading.txt"), text=text, sha256="")
    doc = ingest_document(raw)[0]
    return Evidence(entries=len(doc.references), citations=len(doc.citations),
                    resolved=sum(c.reference is not None for c in doc.citations)), doc


def _fold(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def splice(layout: str, references: "list[Reference]") -> str:
    """The layout text with the flat reading's entries as its reference list: every layout
    paragraph holding the opening of one of those entries is dropped (the layout's own, broken
    list), and the entries follow, one paragraph each, under a heading, where the first dropped
    paragraph stood (at the end when none was found)."""
    openings = {_fold(r.text)[:40] for r in references if len(_fold(r.text)) >= 40}
    paragraphs = layout.split("\n\n")
    kept: list[str] = []
    at: int | None = None
    for p in paragraphs:
        folded = _fold(p)
        if any(o in folded for o in openings):
            at = len(kept) if at is None else at
            continue
        kept.append(p)
    entries = [f"{r.number}. {r.text}" if r.number is not None else r.text for r in references]
    block = ["# References", *entries]
    at = len(kept) if at is None else at
    return "\n\n".join([*kept[:at], *block, *kept[at:]]).rstrip("\n") + "\n"


def choose_references(layout: str, flat: str | None) -> tuple[str, str | None]:
    """(text, note): the layout text, or the layout text carrying the flat reading's reference
    list when that reading resolves clearly more citations; note says which, for the report."""
    mine, _ = evidence(layout)
    if not mine.weak or not flat:
        return layout, None
    other, flat_doc = evidence(flat)
    need = max(mine.resolved + MIN_GAIN, (1 + MARGIN) * mine.resolved)
    if other.resolved < need or other.entries <= mine.entries:
        return layout, None
    spliced = splice(layout, flat_doc.references)
    result, _ = evidence(spliced)
    if result.resolved < need or result.entries <= mine.entries:
        return layout, None
    return spliced, (f"reference list read from the PDF's flat text ({result.entries} entries, "
                     f"{result.resolved} of {result.citations} citations resolved; the layout "
                     f"reading gave {mine.entries} entries, {mine.resolved} of {mine.citations} resolved)")
