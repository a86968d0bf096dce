"""Where a sentence sits in an article, as a span-score prior: in a figure legend, or under a
heading whose words it does not say itself.

A figure legend says what a panel shows ("(B) Desiccation tolerance of WT, ΔcsrA mutant, ...",
"(A) PCA of RNA-seq at 10 time points ..."): it names every word of the experiment and so scores
like the sentence of the Results that states the finding in the article's running text. When
both are retrieved, the running text is the answer and the legend its illustration; a legend
still answers when nothing else does, so it loses a small amount (`span_legend_penalty`) rather
than being dropped. Only a legend sentence that keys the image's colours ("stained with DAPI (blue)",
"PARP1 (yellow) and UFL1 (red) colocalize", "shown in green", "red arrows": `keys_colours`, the
closed class of colour words) loses it, as does one not stating the value a question asks (in its unit
or a count: "(C) Identified clusters of genomic loci ..." for "how many main clusters ...?"): it
describes what a picture shows, which the running text states as a finding or a protocol. Any other
legend sentence is as often the one place stating what was asked (factors listed by effect, an
elution step, a normalisation) and keeps its score (evals/README.md, thirty-eighth session). Tables
are data, not captions: their rows and titles keep their scores.

A sentence's term coverage reads its section title with it (a finding under "Enforced Meis1
expression alters ..." may not repeat 'Meis1'), but every sentence of the section gets the
heading's words alike, so across passages they favour any sentence under a heading naming the
question's words over a sentence of another section naming them itself ("... caused by extensive
horizontal gene transfer" against a methods sentence under "Prediction of optimal growth
temperature"). `span_heading_discount` takes that share of the coverage without the heading's
words the sentence does not say itself (`Unit.heading`; the sentence before, under the same
heading, repeating them does not make them this sentence's).

A research article's Methods (`in_methods`) run from its Methods heading ("Materials and Methods",
"Methods", "Experimental procedures", "Method details") to the next heading of another part of the
article (Results, Discussion, References, back matter); its subsections ("Cell culture", "ChIP-seq")
are the sections the text pipeline records, the Methods heading itself, with no text of its own
before the first subsection, stands in the text between them. A Methods passage states a protocol
in the lab's own terms, so a question's everyday words for it are no sign of a near miss
(qa.answer.refusal, `missing_specific`).

The same part headings say which part of a research article (a document with a Results part) any
passage lies in (`article_part`). Its Discussion restates the findings its Results state, among
others' findings and speculation, in the question's words as often as the Results: for a yes/no or
comparison question the best sentence of another part within a margin of a Discussion sentence is
the first span (`finding_first`, `finding_first_margin`). A review's sections are topics, not parts.

The mirror of it: a question asking how an experiment was done (`qa.retrieval.protocol.asks_procedure`:
"How were the LNP size and polydispersity measured?", "What instrumentation and surgical route were used
...?") is answered by the Methods, which state the protocol once, while the Results, Discussion and
Introduction restate the experiment in the question's words ("LNP characterization using dynamic light
scattering ... measured LNP size as 70 to 76 nm"). When the best sentence for such a question lies in the
article's running text outside its Methods, the best Methods sentence of the same article within a margin
is the first span (`procedure_first`, `procedure_first_margin`). A legend or a table (no part) keeps its
place: it states the panel's protocol values itself.
"""
from __future__ import annotations

import re
from collections.abc import Callable

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


# The colour words (a closed class) and the marks a figure draws in them: a legend sentence keying a colour
# ("DAPI (blue)", "(red arrows)", "shown in green", "green fluorescence") describes what its image shows
_COLOUR = r"(?:red|green|blue|yellow|magenta|cyan|orange|purple|violet|pink|black|white|gr[ae]y|brown)"
_MARK = (r"(?:arrows?|arrowheads?|lines?|dots?|bars?|boxe?s?|circles?|stars?|asterisks?|triangles?|squares?|"
         r"curves?|traces?|signals?|fluorescence|staining|channels?|outlines?|regions?|areas?|shading)")
_KEYS_COLOUR = re.compile(r"\([^()]*\b" + _COLOUR + r"\b[^()]*\)|\bin\s+(?:(?:light|dark|bright)\s+)?" + _COLOUR
                          + r"\b|\b" + _COLOUR + r"\s+(?:(?:dashed|dotted|solid)\s+)?" + _MARK + r"\b", re.I)


def keys_colours(text: str) -> bool:
    """Whether a sentence keys a picture's colours to what they show (`_KEYS_COLOUR`)."""
    return bool(_KEYS_COLOUR.search(text))


def demote_legends(units: list, penalty: float, keep: Callable[[str], bool] | None = None,
                   asked: Callable[[str], bool] | None = None) -> list:
    """The units best first after a figure legend's sentences keying the image's colours (`keys_colours`)
    or, for a question asking a value, not stating it (`asked`: "(C) Identified clusters of genomic loci
    ..." for "how many main clusters ...?") lose `penalty` (their scores are lowered in place, so joins and
    citation margins read the same order), but those `keep` holds (a legend stating the protocol's value
    the question asks: `span_legend_keeps_measure`). Applied in span selection, after the refusal model
    has read the scores it was fitted on."""
    if not penalty:
        return units
    for u in units:
        p = u.hit.passage
        if (is_figure_legend(p.kind, p.section, p.text)
                and (keys_colours(u.text) or (asked is not None and not asked(u.text)))
                and not (keep is not None and keep(u.text))):
            u.score -= penalty
    return sorted(units, key=lambda u: -u.score)


def coverages(cover: Callable[[set[str]], float], unit, share: float) -> tuple[float, float]:
    """A unit's term coverage read with its section title (`cover` of its context), and the score's
    lexical part: that coverage with `share` of it taken without the title's words the sentence does
    not say itself (`Unit.heading`)."""
    full = cover(unit.context)
    if not share or not unit.heading:
        return full, full
    return full, (1.0 - share) * full + share * cover(unit.context - unit.heading)


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


# the part of a research article that restates its findings among others' and its speculation
RESTATING_PARTS = frozenset({"discussion"})


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


def finding_first(index, units: list, margin: float, restating: frozenset[str] = RESTATING_PARTS) -> list:
    """The units (best first) with the best sentence of another part of the same article (its Results,
    Introduction, Methods; not a caption, not another document) moved first when the best one lies in the
    article's Discussion (`restating`) and that one scores within `margin` of it; the rest keep their order
    and scores, so the Discussion sentence still answers as a further span within the margins."""
    return _moved_first(index, units, margin, restating, lambda part: part not in restating | {""})


def _moved_first(index, units: list, margin: float, restating: frozenset[str], takes: Callable[[str], bool]) -> list:
    """`units` with the best unit of the same article whose part `takes` moved first when the best unit lies
    in one of the parts `restating` and that one scores within `margin` of it (`finding_first`,
    `procedure_first`: the same move, toward another part of the article)."""
    if not units or margin <= 0 or article_part(index, units[0].hit.passage) not in restating:
        return units
    doc = units[0].hit.passage.doc_id
    near = next((u for u in units[1:] if u.score >= units[0].score - margin and u.hit.passage.doc_id == doc
                 and takes(article_part(index, u.hit.passage))), None)
    return units if near is None else [near, *(u for u in units if u is not near)]


# the parts of a research article's running text that restate an experiment rather than state its protocol
RUNNING_TEXT = frozenset({"results", "discussion", "introduction", "abstract"})


def procedure_first(index, units: list, margin: float, restating: frozenset[str] = RUNNING_TEXT) -> list:
    """The units (best first) with the best Methods sentence of the same article moved first when the best
    one lies in its running text outside the Methods (`restating`: not a caption, a table or a review) and
    that one scores within `margin` of it; order only, the rest keep their order and scores. For a question
    asking how an experiment was done (the caller decides)."""
    return _moved_first(index, units, margin, restating, lambda part: part == "methods")
