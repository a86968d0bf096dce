"""Settings of the answer stage's follow-ups: how a question read with the earlier one is answered.

One stage group of `qa.answer.settings.AnswerSettings`, which inherits these fields: they stay flat
(`settings.answer.followup_topic_ratio`, `QA_FOLLOWUP_TOPIC_RATIO`), kept in a module of their own
so each file holds one step's knobs (qa.answer.followup reads them).
"""
from __future__ import annotations

from pydantic import BaseModel, Field

from qa.answer.citation_settings import STRICT


class FollowupSettings(BaseModel):
    """How a follow-up's spans are scored and when it is refused as off topic (chosen on dev + blind-dev)."""

    model_config = STRICT
    followup_context_weight: float = Field(
        default=0.0, ge=0.0, le=1.0,
        description="Span scoring of a follow-up that names its own subject (no 'them', 'those', ...): weight "
        "of the earlier question's words in term coverage relative to its own words (0: its own words pick the "
        "sentence, the earlier question acts through the cosine and retrieval; 0.5 = expansion weight, before). "
        "Chosen on dev + blind-dev (evals/README.md, 'Top span, third round').")
    followup_own_dense_weight: float = Field(
        default=0.5, ge=0.0, le=1.0,
        description="Span scoring of a follow-up: share of the sentence cosine taken from the follow-up's own "
        "text rather than from it read with the earlier question (0: the joint text only, which favours the "
        "sentence that answered the earlier question). Chosen on dev + blind-dev for follow-ups naming their "
        "own subject (fourteenth session), then for every follow-up (twenty-first session).")
    followup_pointing_context_weight: float = Field(
        default=0.25, ge=0.0, le=1.0,
        description="Span scoring of a follow-up pointing back ('them', 'those patients', 'what dose was that?'): "
        "weight of the earlier question's words in a sentence's term coverage relative to its own words (they "
        "also weigh the passage: followup_setting_weight). 0.5 (the expansion weight) before; 0 loses 'What "
        "fraction of them responded at first?' (evals/README.md, twenty-first session).")
    followup_setting_weight: float = Field(
        default=0.25, ge=0.0, le=1.0,
        description="Span scoring of a follow-up: weight of the idf-weighted share of the earlier question's "
        "words (those the follow-up lacks) held by the sentence's passage and heading. The earlier question "
        "names where to look (its species, trial, experiment), the follow-up what to find there "
        "(qa.answer.followup.setting_coverage; 0: off). 0.2-0.3 gain and lose nothing on dev + blind-dev "
        "follow-ups, 0.35 loses one (evals/README.md, twenty-first session).")
    followup_after_weight: float = Field(
        default=0.05, ge=0.0, le=1.0,
        description="Span scoring of a follow-up: added to the sentences going on from the earlier question's answer "
        "(asked on its own): in its passage, those after its first sentence up to followup_after_reach past its first "
        "span (qa.answer.followup.goes_on_from_earlier; 0: off).")
    followup_row_first: bool = Field(
        default=True,
        description="A follow-up pointing back whose earlier question's first quote is a table row, asking a field "
        "that row has a cell for ('how many patients', 'which route'), quotes that row first "
        "(qa.answer.followup.earlier_row_first; user trial 51).")
    followup_refused_earlier_alone: bool = Field(
        default=True,
        description="A follow-up of an earlier question the library refuses is read on its own (too vague when it "
        "is elliptic), not with the refused question (qa.answer.followup.without_refused_earlier; user trial 43).")
    followup_changed_subject: bool = Field(
        default=True,
        description="A question read as a follow-up for its shortness only, not its wording (no 'and ...?', 'those', "
        "'what dose?'), that only adds an element ('any tumour risk?' after a cartilage question) and whose quotes "
        "name none of the words it adds is asked on its own instead, when that answer "
        "is found and a quote of it names them: the question changed the subject (qa.answer.followup."
        "changed_subject; user trial 56).")
    followup_after_reach: int = Field(
        default=1, ge=0, le=10,
        description="How many sentences past the earlier question's first span followup_after_weight reaches.")
    followup_topic_ratio: float = Field(
        default=0.55, ge=0.0, le=1.0,
        description="A follow-up ('and in children?') is refused when the passage of its best span is less "
        "close to the earlier question (best sentence cosine) than this fraction of the passages that answer "
        "the earlier question on their own: the new words were found, but off the conversation's topic "
        "(qa/answer/followup.py; 0: off). Between the lowest answerable blind-dev follow-up (0.73) and the "
        "highest caught off-topic one (0.41): evals/README.md, 'Follow-ups that leave the earlier topic'.")
    followup_value_margin: float = Field(
        default=0.25, ge=0.0, le=1.0,
        description="A follow-up that only adds an element ('and in children?') asks the earlier question's value "
        "(a rate, a temperature ...: focus.asked_value of the earlier wording) of it: the best sentence stating that "
        "value and naming the added element comes first when the best lacks either and it scores within this "
        "margin (qa.answer.followup.carried_value_first; 0: off; evals/README.md, thirty-fourth session).")
    followup_topic_depth: int = Field(
        default=10, ge=1, le=100,
        description="Passages the earlier question retrieves on its own to set the on-topic reference.")
