"""Where a passage sits in an article: in a figure legend (`is_figure_legend`), in a research
article's Methods (`in_methods`) or in one of its parts (`article_part`). Retrieval reads the Methods
(qa.retrieval.second_stage, `rerank_methods_bonus`); the answer stage orders its spans by these
readings (qa.answer.span_order: legends demoted, a finding first outside the Discussion, a procedure
first in the Methods; qa.answer.named_part) and weighs a near miss by them (qa.answer.refusal_evidence).

A figure legend says what a panel shows ("(B) Desiccation tolerance of WT, ΔcsrA mutant, ...",
"(A) PCA of RNA-seq at 10 time points ..."): its section is a figure label, or it opens as a caption
that is not a table's. Tables are data, not captions.

A research article's Methods (`in_methods`) run from its Methods heading ("Materials and Methods",
"Methods", "Experimental procedures", "Method details") to the next heading of another part of the
article (Results, Discussion, References, back matter); its subsections ("Cell culture", "ChIP-seq")
are the sections the text pipeline records, the Methods heading itself, with no text of its own
before the first subsection, stands in the text between them. A Methods passage states a protocol
in the lab's own terms, so a question's everyday words for it are no sign of a near miss
(qa.answer.refusal, `missing_specific`).

The same part headings say which part of a research article (a document with a Results part) any
passage lies in (`article_part`). A review's sections are topics, not parts.
"""
from __future__ import annotations

import re

from qa.retrieval.priors import is_legend

# a figure's legend, by its section ("Fig. 6", "FIG 2", "Figure 1—figure supplement 2", "Extended
# Data Fig. 3") when the reader gave the caption its label as heading
FIGURE_SECTION = re.compile(
    r"^\s*(?:(?:Supplementary|Extended\s+Data)\s+)?(?:Fig(?:ure)?s?\.?|FIG(?:URE)?S?\.?|Scheme|SCHEME)\s*S?\d+", re.I)
# a caption opening with a table's label is a table's title, not a figure's legend
TABLE_CAPTION = re.compile(r"^\s*(?:(?:Supplementary|Extended\s+Data)\s+)?(?:Table|TABLE)\b")


def is_figure_legend(kind: str, section: str, text: str) -> bool:
    """Is a passage (part of) a figure's legend: its section is a figure label, or it opens as a
    caption that is not a table's?"""
    if kind != "text":
        return False
    if FIGURE_SECTION.match(section or ""):
        return True
    return is_legend(kind, text) and not TABLE_CAPTION.match(text)


# a heading naming an article's Methods, whole (numbered or not): "2. Materials and Methods", "METHODS",
# "Experimental procedures", "Method details", "EXPERIMENTAL MODEL AND SUBJECT DETAILS" (Cell Press)
METHODS_HEADING = re.compile(
    r"^(?:\d+(?:\.\d+)*\.?\s*)?(?:(?:materials?|patients|subjects)\s+and\s+methods|methods(?:\s+and\s+materials?)?"
    r"|(?:online|star\W*)\s*methods|method\s+details|experimental\s+(?:procedures|section|model\b.*))\s*$", re.I)
# a heading opening another part of an article (the closed class of its parts' names): the Methods end there
OTHER_PART = re.compile(
    r"^(?:\d+(?:\.\d+)*\.?\s*)?(?:abstract|summary|significance|introduction|background|results?|discussion"
    r"|conclusions?|references?(?:\s+and\s+notes)?|bibliography|acknowledge?ments?|funding|author|competing\s+interests?"
    r"|conflicts?\s+of\s+interests?|declarations?|supplement\w*|supporting\s+information|additional\s+information"
    r"|(?:data|code|resource|materials)(?:\s+and\s+\w+)?\s+availability|availability\s+of|reporting\s+summary"
    r"|abbreviations|ethics)\b", re.I)
HEADING_WORDS = 12  # a paragraph between two sections longer than this is text, not a heading


def _headings(text: str) -> list[str]:
    """The short paragraphs of a stretch of text between two sections: headings with no text of their own."""
    return [t.strip() for t in text.split("\n\n") if t.strip() and len(t.split()) <= HEADING_WORDS]


def methods_spans(document) -> tuple[tuple[int, int], ...]:
    """The (start, end) offsets of the sections of a document's Methods: each section after a Methods
    heading and before the heading of another part (`part_spans`); figure and table captions are neither."""
    return tuple((a, b) for a, b, part in part_spans(document) if part == "methods")


def in_methods(index, passage) -> bool:
    """Whether a passage lies in its article's Methods (`methods_spans`, read once per loaded index and
    document: kept on the index object, so a rebuilt index reads its documents again)."""
    cache = index.__dict__.setdefault("_methods_spans", {})
    spans = cache.get(passage.doc_id)
    if spans is None:
        spans = cache[passage.doc_id] = methods_spans(index.document(passage.doc_id))
    return any(a <= passage.start < b for a, b in spans)


def part_spans(document) -> tuple[tuple[int, int, str], ...]:
    """The (start, end, part) of each section of a document: the part ('methods', 'results', 'discussion',
    'introduction', ...) is the last part heading (`METHODS_HEADING`, `OTHER_PART`, its first word) at or
    before it; '' before any. Figure and table captions are no part."""
    out: list[tuple[int, int, str]] = []
    part, last = "", 0
    for section in sorted(document.sections, key=lambda s: s.start):
        if FIGURE_SECTION.match(section.title) or TABLE_CAPTION.match(section.title):
            last = max(last, section.end)
            continue
        for heading in [*_headings(document.text[last:section.start]), section.title]:
            if METHODS_HEADING.match(heading):
                part = "methods"
            elif OTHER_PART.match(heading):
                word = re.sub(r"^[\d.\s]+", "", heading).split()[0].lower()
                part = "results" if word == "result" else word
        out.append((section.start, section.end, part))
        last = max(last, section.end)
    return tuple(out)


def article_part(index, passage) -> str:
    """The part of a research article a passage lies in ('discussion', 'results', ...), '' in a document
    without a Results part (a review: its sections are topics, not the parts of a study), in a caption,
    or before any part heading (read once per loaded index and document, as `in_methods`)."""
    cache = index.__dict__.setdefault("_article_parts", {})
    spans = cache.get(passage.doc_id)
    if spans is None:
        spans = part_spans(index.document(passage.doc_id))
        if not any(part == "results" for _, _, part in spans):
            spans = ()
        cache[passage.doc_id] = spans
    return next((part for a, b, part in spans if a <= passage.start < b), "")


