"""Settings of the answer stage's joins: which sentences beside the first span are shown with it.

One stage group of `qa.answer.settings.AnswerSettings`, which inherits these fields: they stay flat
(`settings.answer.span_join_margin`, `QA_SPAN_JOIN_MARGIN`), kept in a module of their own so each
file holds one step's knobs (qa.answer.joins and qa.answer.lead_in read them).
"""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from qa.answer.citation_settings import STRICT


class JoinSettings(BaseModel):
    """Which sentences before or after the first span are shown with it (chosen on dev + blind-dev)."""

    model_config = STRICT
    span_join_margin: float = Field(
        default=0.15, ge=0.0, le=1.0,
        description="The first span is extended by the next sentence of its passage when that one scores "
        "within this margin of it: a sentence setting up a finding and the one stating it (0: only a sentence "
        "opening as a continuation, 'This', 'These', ...). Default = span_margin; chosen on dev + blind-dev.")
    span_join_margin_several: float = Field(
        default=0.25, ge=0.0, le=1.0,
        description="span_join_margin for a question asking for several things or comparing two (a list, a "
        "plural wh-head, kind comparison), whose answer is often spread over two sentences. Chosen on dev + "
        "blind-dev (0.20-0.35 measured the same; evals/README.md 'Span selection, fifth round').")
    span_topic_share: float = Field(
        default=0.2, ge=0.0, le=1.0,
        description="The first span, when no follower is joined, takes along the sentence before it when it "
        "covers at least this share of the question's idf-weighted terms only through that sentence (its topic: "
        "'Therefore, the use of ...' after the sentence naming what was asked), that sentence scores within "
        "span_join_margin of it and does not lack the asked answer type the span has (0: off). Chosen on "
        "dev + blind-dev (qa/answer/joins.py).")
    join_referred_before: bool = Field(
        default=True,
        description="The first span opening by referring to the sentence before ('These data indicate ...', "
        "joins.CONTINUATION) is shown with it, whatever it scores, when it cites nothing (qa/answer/joins.py).")
    join_referred_demonstrative: bool = Field(
        default=True,
        description="So is a first span with a demonstrative among its first words ('To address this issue, ...', "
        "'Of these, ...': qa.answer.lead_in.DEMONSTRATIVE): what it refers to is the sentence before. And a first "
        "span referring back takes that sentence even when a follower joined it too (qa.answer.joins.joined).")
    span_join_across: bool = Field(
        default=True,
        description="A first span ending its passage is joined with the next passage's first sentence when the two "
        "passages split one paragraph and that sentence qualifies as a follower would (qa/answer/joins.py).")
    span_bridge: int = Field(
        default=2, ge=0, le=3,
        description="The first span joined forward also takes a sentence up to this many after its follower when "
        "the sentences between only bridge to it (also when no follower joined: then one sentence between): it scores "
        "within the join margin of the span and above them, and "
        "none of them cites (a study introduced and cited, details, then its finding; qa/answer/joins.py; 0: off).")
    join_uncited_before: bool = Field(
        default=True,
        description="The first span, when no follower is joined, also takes the sentence before it when that one "
        "scores within span_join_margin, does not lack the span's answer type and cites nothing, though the span "
        "does not owe it span_topic_share of the question's terms (qa/answer/joins.py).")
    lead_in: bool = Field(
        default=True,
        description="A first span that only announces what is asked (uncited, no number or name the question lacks, "
        "not the asked shape: 'Recently, a safety system ... has been developed.') is shown with the next sentence "
        "when that one refers back to it ('The safety mechanism is ... [154]'), whatever that one scores, and "
        "cites it (qa.answer.lead_in). Dev and blind-dev unchanged; user trial 15's R7 answered.")
    refers_back_all: bool = Field(
        default=True,
        description="Any first span is joined with a next sentence referring back to it (a demonstrative in its first "
        "words, 'To eliminate this possibility, ...', or a definite noun phrase naming a word of the span: "
        "qa.answer.lead_in.refers_back), whatever that one scores; it cites by its own score (citation_margin). "
        "blind-dev-pdfs top span +1, nothing else moved (evals/README.md, seventeenth session).")
    join_prefer_before: Literal["off", "before", "both"] = Field(
        default="both",
        description="When the first span is joined forward by score and the sentence before it also qualifies "
        "(span_topic_share / join_uncited_before) and scores higher than the follower: 'both' shows the three "
        "sentences, 'before' the sentence before instead of the follower, 'off' the follower only. 'both': top span "
        "+1 on each of dev-seeds, blind-dev-seeds, blind-dev-pdfs; 'before' loses one PDF answer.")
    join_topic_past_continuation: bool = Field(
        default=True,
        description="A first span joined with a follower continuing it ('This motif ...', joins.CONTINUATION) also "
        "takes the sentence before it when the span covers at least span_topic_share of the question's terms only "
        "through that sentence and it qualifies as with_topic_before reads it (qa/answer/joins.py).")
    join_contrast: bool = Field(
        default=True,
        description="The first span is shown with the next sentence of its paragraph when that one opens with a "
        "contrast ('However', 'But', 'In contrast', ...): it qualifies what the span says. It cites only within "
        "`citation_margin`, as any joined sentence.")
    join_title_and_follower: bool = Field(
        default=True,
        description="A first span shown with its panel's title (join_panel_title) also takes the next sentence when "
        "that one qualifies as a follower would without the title (a continuation, a contrast, within "
        "span_join_margin): the legend's statistic or value after the panel's description (qa/answer/joins.py).")
    join_panel_title: bool = Field(
        default=True,
        description="In a figure legend, the first span is shown with the sentence before it when that one is its "
        "panel's title ('(F) ... sensitized mice to MNU.'): it says which experiment a dose or count belongs to.")
