"""The first span of an answer joined with a neighbouring sentence of its passage.

A sentence is scored with its surroundings as context (the sentence before lends it topic
words), so the best sentence is not always whole on its own: it may set up a finding that the
next sentence states, or conclude from the sentence before it ("Therefore, the use of an
appropriate origin ... is important", after the sentence naming "CD146, a marker for
multipotency"). The first span is therefore extended by one neighbour (or, bridged, a little further):

- *forward* (`span_join_margin`): the next sentence when it opens as a continuation ("This",
  "These", ...) or scores within the margin of the span; for a question asking for several
  things or comparing two (`focus.asks_plural`, kind *comparison*), whose answer is often
  spread over two sentences, within `span_join_margin_several`;
- *bridged* (`span_bridge`), after a forward join or when no follower qualified: a sentence
  up to two further on when the sentences between cite nothing and score below it, and it
  scores within the margin of the span and cites nothing: a review introduces a study with its citation, gives a detail or two,
  then its finding ("A second trial ... (Sun et al., 2010). This time ... Cords for MSC culture
  ... Follow-up was only 8.25 months, ..."). The finding is shown with the sentence citing its
  study instead of after another study's span (putting the finding first, uncited, lost the
  citation: evals/README.md "Top span, sixth round");
- *backward* (`span_topic_share`), only when no follower was joined: the sentence before when
  the span covers at least that share of the question's (idf-weighted) terms only through it,
  and that sentence scores within `span_join_margin` of the span: what the span says is about
  the words of the sentence before, so that sentence is shown with it. Not when the span has
  the asked answer type (a new number, an enumeration: qa.answer.focus) and the sentence before
  lacks it: that sentence restates the question, and the span already states what is asked.
  A sentence before that cites nothing joins within the margin without the share
  (`join_uncited_before`): "This indicates that UFMylation-facilitated CHK1 activation does not
  occur in the early response ..." is shown before "In addition, we have previously reported
  that PAR binding to CHK1 promotes its activation ... (33)" when that one scores first; the
  answer cites as before.

- *referring back* (`refers_back_all`, `lead_in`; qa.answer.lead_in): a follower referring back to
  the span ("In this well known model ...", "To eliminate this possibility, ...", "The safety
  mechanism is ..." after "a safety system") joins whatever it scores, citing by its own score;
  a span that only announces what is asked (a *lead-in*: uncited, no number or name the question
  lacks) is shown with such a follower, citing, and nothing further, and a lead-in joined with a
  lead-in follower takes the sentence referring back to that one (`handed_over`);
- *both sides* (`join_prefer_before` 'both'): a span joined forward by score also takes the
  sentence before it when that one qualifies as above and scores higher than the follower
  ("Ninety-four percent of the patients had an initial response ..." before the sentence the
  question's words pick); a span joined with a follower continuing it ("This motif ...") has no
  follower's score to beat, and takes the sentence before when it owes it `span_topic_share` of the
  question (`join_topic_past_continuation`: "It is an IDP ... 27% positively charged ... residues"
  before "ABUW_2433 has 13 repeated AT-hook DNA binding motifs ... This motif ...");

- *panel title* (`join_panel_title`), before either: in a figure legend, a span whose sentence
  before is its panel's title ("(F) PARP1 UFMylation deficiency sensitized mice to MNU. The
  survival of mice ... after a single dose of ...") is shown with that title, which says which
  experiment the dose, count or statistic belongs to (user trial 11: two panels' doses read
  alike without their titles).

- *referred to* (`join_referred_before`), when no follower was joined: a span opening as a
  continuation ("These data indicate that ... are not sensitive to acute heat stress") is shown with
  the sentence before, which states what it concludes from ("While approximately 20% of wildtype
  animals die ..., only 10% of adr mutant animals die ..."), whatever that one scores, when that
  one cites nothing (a cited study referred to lends its citation instead);
- *across a passage cut* (`span_join_across`), when nothing else joined: a span ending its passage
  takes the next passage's first sentence when the two passages split one paragraph and that
  sentence qualifies as a follower would ("In one study, MSCs labeled with GFP were injected
  intravenously ... [23]." | "GFP-labeled MSCs were initially located in the lungs ...");
- *bare label*: a span that is a figure's or table's label alone ("Fig. 7.", cut off as a sentence)
  always takes the sentence after it (its legend's title), as a continuation would (`BARE_LABEL`).

Never across a paragraph break (`same_paragraph`): a new paragraph starts a new point.

A joined sentence cites, and takes an answer place, only when it scores within
`citation_margin` of the best span, as it would as a span of its own (qa.answer.units).
"""
from __future__ import annotations

import math
import re
from dataclasses import replace

from qa.answer.inherited import STUDY_NOUNS, SUBJECTS, SUMMARY
from qa.answer.lead_in import DEMONSTRATIVE, refers_back
from qa.answer.units import Unit, citations_in
from qa.settings import AnswerSettings

# A sentence opening with a connective of elaboration gives the particulars of the one before it
# ("... disrupted retinal morphology corresponding with the loss of the PRs. More specifically, there was a
# loss of PR inner/outer segments and ..."): the closed class of English's specifying connectives
ELABORATION = r"(?:More specifically|Specifically|More precisely|In particular|Namely|That is|In other words),"

# A sentence opening like this continues the one before it (its subject is there), so an
# answer sentence is extended by such a follower: "...reported a study (Connick et al., 2012).
# Patients improved on measures of visual function".
CONTINUATION = re.compile(
    r"^(?:This|These|They|Their|It|Its|Such|Both|None|(?:The )?(?i:" + SUBJECTS + r")|The (?:" + STUDY_NOUNS + r")s?"
    r"|The (?:authors|investigators|results|findings)|In (?:this|these|that) (?:" + STUDY_NOUNS + r")s?)\b"
    r"|^" + SUMMARY + r"|^" + ELABORATION)

# A sentence opening like this qualifies the one before it ("... MSCs could offer a novel therapeutic
# approach to treat RA. However, the role of MSCs in RA has not yet been reported in clinical
# trials."): shown with it, an answer does not say the opposite of what its article says.
CONTRAST = re.compile(r"^(?:However|But|Yet|Nevertheless|Nonetheless|In contrast|On the other hand|Conversely)\b")

# a panel's title in a figure legend opens with its label: "(F) ...", "(B and C) ...", "(D–F) ..."
PANEL_TITLE = re.compile(r"^\(?[A-Z](?:\s*(?:[,–-]|and)\s*[A-Z])*\)\s+\S")
LEGEND_SECTION = re.compile(r"^(?:Fig(?:ure)?s?\.?|FIG(?:URE)?|Extended Data Fig|Supplementary Fig)", re.I)

# a figure's or table's label alone ("Fig. 7.", "Figure S2", "Table 1:"), cut off as a sentence by the
# splitter, quotes nothing: it is shown with the sentence after it, its legend's title (docs audit 25)
BARE_LABEL = re.compile(r"^\s*(?:(?:Supplementary|Extended\s+Data)\s+)?(?:Fig(?:ure)?s?|FIG(?:URE)?S?|Table|TABLE)"
                        r"\.?\s*S?\d+[A-Za-z]?\s*[.:|]?\s*$")

Scores = dict[tuple[str, int], Unit]  # the scored units by (passage id, start offset)


def same_paragraph(p, end: int, start: int) -> bool:
    """Whether no paragraph break (a blank line of the cleaned text) lies between a sentence
    ending at `end` and the next starting at `start`: a span is never joined across one, since a
    new paragraph starts a new point (user trial 4: "... (Tyndall, 2011). More than 50 years ago
    Dr. Paul Klemperer ...")."""
    return "\n\n" not in p.text[end - p.start:start - p.start]


def with_continuation(index, st: AnswerSettings, u: Unit, scores: Scores | None = None,
                      several: bool = False) -> Unit:
    """The unit extended by the next sentence of its passage when that one continues it: it
    opens as a continuation does, or (`span_join_margin` > 0) it scores within that margin
    of the unit (`span_join_margin_several` for a question asking several things), as the
    sentence stating a result does after the one setting it up. A follower is not held back
    for lacking the asked answer type (qa.answer.focus) that the unit already has."""
    spans = index.sentence_spans(u.hit)
    p = u.hit.passage
    margin = max(st.span_join_margin, st.span_join_margin_several) if several else st.span_join_margin
    for (_, start, end), (_, nstart, nend) in zip(spans, spans[1:]):
        if start == u.start:
            if not same_paragraph(p, max(end, u.end), nstart):
                break
            follower = p.text[nstart - p.start:nend - p.start]
            continues = CONTINUATION.match(follower) is not None or BARE_LABEL.match(u.text) is not None
            contrast = st.join_contrast and CONTRAST.match(follower) is not None
            other = scores.get((p.id, nstart)) if scores else None
            # its score as if it had the unit's answer type (also what decides whether it cites)
            level = other.score + st.answer_type_weight * max(0.0, u.shape - other.shape) if other else -math.inf
            refers = not continues and scores is not None and (u.lead_in or st.refers_back_all) \
                and refers_back(follower, u.tokens)
            if refers and u.lead_in:  # it states what the lead-in announces: shown with it, citing, nothing further
                return replace(u, end=nend, text=p.text[u.start - p.start:nend - p.start],
                               citations=citations_in(p, u.start, nend), joined=None)
            # (one referring back joins whatever it scores, and cites by its own score: `citation_margin`)
            if continues or contrast or refers or (margin and level >= u.score - margin):
                end = bridged_end(st, u, spans, nend, level, scores, margin) if scores else nend
                cites = citations_in(p, u.start, end)
                joined = None if continues else (nstart, level)
                return replace(u, end=end, text=p.text[u.start - p.start:end - p.start], citations=cites,
                               joined=joined)
            # no follower qualifies: a finding after it may still be bridged to (the follower, uncited
            # and scoring below it, between)
            end = bridged_end(st, u, spans, u.end, -math.inf, scores, margin) if scores and margin else u.end
            if end != u.end:
                return replace(u, end=end, text=p.text[u.start - p.start:end - p.start],
                               citations=citations_in(p, u.start, end), joined=(nstart, level))
            break
    return u


def bridged_end(st: AnswerSettings, u: Unit, spans, nend: int, level: float, scores: Scores,
                margin: float) -> int:
    """The end of a sentence at most `span_bridge` sentences after `nend` (the end of a joined
    follower, or of the span when none qualified) when the sentences between only bridge to it: a
    study introduced with its citation, details, then its finding ("A second trial ... (Sun et
    al., 2010). This time 5 of 15 renal cases ... Cords for MSC culture were ... Follow-up was only
    8.25 months, ..."). That sentence must score within the margin of the span and above every
    sentence it is reached through (and the follower's `level`), and it and they cite nothing (the
    finding of the study the span cites); else `nend`."""
    p = u.hit.passage
    after = [(start, end) for _, start, end in spans if start >= nend]
    last, bar = nend, level
    for start, end in after[:st.span_bridge]:
        if not same_paragraph(p, last, start) or citations_in(p, start, end):
            return nend
        other = scores.get((p.id, start))
        if other is None:
            return nend
        further = other.score + st.answer_type_weight * max(0.0, u.shape - other.shape)
        if further > bar and further >= u.score - margin:
            return end
        last, bar = end, max(bar, further)
    return nend


def opens_referring(st: AnswerSettings, text: str) -> bool:
    """Whether a span opens by referring to the sentence before it: as a continuation does
    ('These data indicate ...'), or (`join_referred_demonstrative`) with a demonstrative among its
    first words ('To address this issue, ...'): without that sentence it does not say what it means."""
    return CONTINUATION.match(text) is not None or (
        st.join_referred_demonstrative and DEMONSTRATIVE.match(text) is not None)


def with_topic_before(index, st: AnswerSettings, u: Unit, scores: Scores) -> Unit:
    """The unit extended by the sentence before it in its passage when it covers at least
    `span_topic_share` of the question's terms only through that sentence, or
    (`join_uncited_before`) that sentence cites nothing; either way that sentence scores within
    `span_join_margin` of it and does not lack an answer type the unit has (see the module
    docstring)."""
    if st.span_topic_share <= 0 or (u.borrowed < st.span_topic_share and not st.join_uncited_before):
        return u
    spans = index.sentence_spans(u.hit)
    p = u.hit.passage
    for (_, pstart, pend), (_, start, _) in zip(spans, spans[1:]):
        if start == u.start:
            other = scores.get((p.id, pstart))
            if not same_paragraph(p, pend, start):
                return u
            # a span opening by referring to the sentence before ("These data indicate ...") is read with it,
            # when that one cites nothing (a cited study referred to lends its citation instead:
            # references.inherited_citations)
            referred = st.join_referred_before and other is not None and opens_referring(st, u.text) \
                and not citations_in(p, pstart, pend)
            # a sentence before lacking the asked answer type (qa.answer.focus) the span has restates
            # the question: the span already states what is asked
            if referred:
                pass
            elif other is None or other.score < u.score - st.span_join_margin or other.shape < u.shape:
                return u
            # not the span's topic: it joins only when it cites nothing (the answer cites as before)
            elif u.borrowed < st.span_topic_share and citations_in(p, pstart, pend):
                return u
            cites = citations_in(p, pstart, u.end)
            return replace(u, start=pstart, text=p.text[pstart - p.start:u.end - p.start], citations=cites,
                           before=(pend, other.score))
    return u


def with_panel_title(index, st: AnswerSettings, u: Unit, scores: Scores) -> Unit:
    """The unit of a figure legend extended by the sentence before it when that sentence is its
    panel's title (`PANEL_TITLE`) and the unit is not a title itself."""
    p = u.hit.passage
    if not st.join_panel_title or not LEGEND_SECTION.match(p.section) or PANEL_TITLE.match(u.text):
        return u
    spans = index.sentence_spans(u.hit)
    for (_, pstart, pend), (_, start, _) in zip(spans, spans[1:]):
        if start == u.start:
            title = p.text[pstart - p.start:pend - p.start]
            if not PANEL_TITLE.match(title) or not same_paragraph(p, pend, start):
                return u
            other = scores.get((p.id, pstart))
            cites = citations_in(p, pstart, u.end)
            return replace(u, start=pstart, text=p.text[pstart - p.start:u.end - p.start], citations=cites,
                           before=(pend, other.score if other else -math.inf))
    return u


def handed_over(index, span: Unit, scores: Scores) -> Unit:
    """A lead-in span joined forward whose joined sentence is a lead-in too (qa.answer.lead_in: "The
    lack of safety mechanisms ... Recently, a safety system ... has been developed.") extended by the
    next sentence when that one refers back to it ("The safety mechanism is ... [154]"), citing: it
    states what the two announce."""
    if span.joined is None:
        return span
    p = span.hit.passage
    spans = index.sentence_spans(span.hit)
    for (_, start, end), (_, nstart, nend) in zip(spans, spans[1:]):
        if end == span.end:
            last = scores.get((p.id, start))
            if last is None or not last.lead_in or not same_paragraph(p, end, nstart) or \
                    not refers_back(p.text[nstart - p.start:nend - p.start], last.tokens):
                return span
            return replace(span, end=nend, text=p.text[span.start - p.start:nend - p.start],
                           citations=citations_in(p, span.start, nend), joined=None)
    return span


def next_passage_follower(index, u: Unit, scores: Scores) -> Unit | None:
    """The scored first sentence of the next passage of u's document when u ends its passage and the
    two passages split one paragraph (no paragraph break between): passages are cut by length, so
    a study introduced at a passage's end may state its finding at the next one's start."""
    p = u.hit.passage
    if u.end < p.end - 1 or not hasattr(index, "document"):
        return None
    after = [o for o in scores.values() if o.hit.passage.doc_id == p.doc_id and o.hit.passage.id != p.id
             and o.start >= u.end and o.hit.passage.kind != "table_row"]
    nearest = min(after, key=lambda o: o.start, default=None)
    if nearest is None or nearest.start != nearest.hit.passage.start:
        return None
    gap = index.document(p.doc_id).text[u.end:nearest.start]
    return nearest if gap.strip() == "" and "\n\n" not in gap else None


def across_passages(index, st: AnswerSettings, u: Unit, scores: Scores, several: bool) -> Unit:
    """u joined with the first sentence of the next passage (`next_passage_follower`) when that one
    continues it, refers back to it, or scores within the join margin, as `with_continuation` joins
    a follower of the same passage (`span_join_across`)."""
    follower = next_passage_follower(index, u, scores) if st.span_join_across else None
    if follower is None:
        return u
    margin = max(st.span_join_margin, st.span_join_margin_several) if several else st.span_join_margin
    level = follower.score + st.answer_type_weight * max(0.0, u.shape - follower.shape)
    if CONTINUATION.match(follower.text) or BARE_LABEL.match(u.text) or refers_back(follower.text, u.tokens) or \
            level >= u.score - margin:
        text = index.document(u.hit.passage.doc_id).text[u.start:follower.end]
        return replace(u, end=follower.end, text=text, citations=u.citations + follower.citations,
                       joined=(follower.start, level))
    return u


def joined(index, st: AnswerSettings, u: Unit, scores: Scores, several: bool) -> Unit:
    """The first span: with its panel's title in a figure legend (and a follower qualifying:
    `join_title_and_follower`), else joined forward when a follower qualifies (bridged to a finding
    after it), else backward."""
    titled = with_panel_title(index, st, u, scores)
    if titled is not u:
        # ... and with a follower qualifying as it would without the title (the legend's statistic after
        # the panel's description: "(B) Bar chart of the % chromosomal abnormalities. Two-way ANOVA ...")
        follower = with_continuation(index, st, u, scores, several) if st.join_title_and_follower else u
        if follower is u:
            return titled
        p = u.hit.passage
        return replace(follower, start=titled.start, text=p.text[titled.start - p.start:follower.end - p.start],
                       citations=citations_in(p, titled.start, follower.end), before=titled.before)
    extended = with_continuation(index, st, u, scores, several)
    extended = handed_over(index, extended, scores) if u.lead_in else extended
    if extended is u:
        before = with_topic_before(index, st, u, scores)
        return across_passages(index, st, u, scores, several) if before is u else before
    if st.join_prefer_before != "off" and (extended.joined is not None or st.join_topic_past_continuation):
        before = with_topic_before(index, st, u, scores)
        # a follower continuing the span ("This motif ...") has no score to beat: the sentence before
        # joins too when the span covers the question through it (its topic, `span_topic_share`)
        beats = before.before is not None and (before.before[1] > extended.joined[1] if extended.joined is not None
                                               else u.borrowed >= st.span_topic_share)
        # a span opening with a demonstrative ("To address this issue, ...") is read with what it refers to,
        # whatever follows it (one opening as a continuation, "It has 13 ...", still owes it `span_topic_share`)
        referred = st.join_referred_before and st.join_referred_demonstrative \
            and DEMONSTRATIVE.match(u.text) is not None and not citations_in(u.hit.passage, before.start, u.start)
        if before is not u and (beats or referred):
            if st.join_prefer_before == "before":
                return before
            p = u.hit.passage
            return replace(extended, start=before.start, text=p.text[before.start - p.start:extended.end - p.start],
                           citations=citations_in(p, before.start, extended.end), before=before.before)
    return extended


def to_citing_sentence(index, u: Unit, reach: int) -> Unit:
    """An uncited sentence extended to the sentence at most `reach` after it, in its paragraph,
    that cites, the sentences between citing nothing: a review introduces a finding over a few
    sentences and cites once at the end ("Other studies showed that Dox is transformed ... .
    Raoultella planticola is considered a potent Dox inactivator. Under anaerobic conditions ...
    [23]."). Used when a sources answer has no cited sentence: its quote then shows the citation
    (offered by the rule for a study described over two sentences, qa.answer.references)."""
    if u.citations or reach <= 0:
        return u
    p = u.hit.passage
    spans = index.sentence_spans(u.hit)
    after = [(start, end) for _, start, end in spans if start >= u.end]
    last = u.end
    for start, end in after[:reach]:
        if not same_paragraph(p, last, start):
            return u
        cites = citations_in(p, u.start, end)
        if cites:
            return replace(u, end=end, text=p.text[u.start - p.start:end - p.start], citations=cites,
                           joined=(after[0][0], -math.inf))
        last = end
    return u
