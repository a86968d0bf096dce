"""The near-tie orderings of an answer's candidate units by where each sentence sits in its article
(qa.retrieval.section_role reads where: a figure legend, a research article's part or Methods). Order
and span scores only; the answer stage alone runs them (qa.answer.candidates, qa.answer.selection).

A figure legend says what a panel shows: it names every word of the experiment and so scores like
the sentence of the Results that states the finding in the article's running text. When both are
retrieved, the running text is the answer and the legend its illustration; a legend still answers
when nothing else does, so it loses a small amount (`span_legend_penalty`) rather than being dropped.
Only a legend sentence that keys the image's colours ("stained with DAPI (blue)", "PARP1 (yellow) and
UFL1 (red) colocalize", "shown in green", "red arrows": `keys_colours`, the closed class of colour
words) loses it, as does one not stating the value a question asks (in its unit or a count: "(C)
Identified clusters of genomic loci ..." for "how many main clusters ...?"): it describes what a
picture shows, which the running text states as a finding or a protocol. Any other legend sentence is
as often the one place stating what was asked (factors listed by effect, an elution step, a
normalisation) and keeps its score (evals/README.md, thirty-eighth session). Tables are data, not
captions: their rows and titles keep their scores.

A sentence's term coverage reads its section title with it (a finding under "Enforced Meis1
expression alters ..." may not repeat 'Meis1'), but every sentence of the section gets the
heading's words alike, so across passages they favour any sentence under a heading naming the
question's words over a sentence of another section naming them itself ("... caused by extensive
horizontal gene transfer" against a methods sentence under "Prediction of optimal growth
temperature"). `span_heading_discount` takes that share of the coverage without the heading's
words the sentence does not say itself (`coverages`, `Unit.heading`; the sentence before, under the
same heading, repeating them does not make them this sentence's).

A research article's Discussion restates the findings its Results state, among others' findings and
speculation, in the question's words as often as the Results: for a yes/no or comparison question the
best sentence of another part within a margin of a Discussion sentence is the first span
(`finding_first`, `finding_first_margin`).

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

from qa.retrieval.section_role import article_part, is_figure_legend

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


# the part of a research article that restates its findings among others' and its speculation
RESTATING_PARTS = frozenset({"discussion"})


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
