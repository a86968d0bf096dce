"""Settings of the answer stage's sources answers: which cited sentences a sources question keeps.

One stage group of `qa.answer.settings.AnswerSettings`, which inherits these fields: they stay flat
(`settings.answer.sources_depth`, `QA_SOURCES_DEPTH`), kept in a module of their own so each file
holds one step's knobs (qa.answer.sources, qa.answer.rewording and qa.answer.studies read them).
"""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from qa.answer.citation_settings import STRICT


class SourcesSettings(BaseModel):
    """How a sources question's answer gathers its cited sentences (chosen on dev + blind-dev)."""

    model_config = STRICT
    sources_other_review_floor: float = Field(
        default=0.0, ge=0.0, le=1.0,
        description="A sources answer keeps a cited sentence of a review other than the best span's only "
        "when it scores at least this fraction of the best span (0: the same floor as the best review's).")
    sources_followup_setting_share: float = Field(
        default=0.5, ge=0.0, le=1.0,
        description="A follow-up's sources answer keeps a cited sentence only when its passage holds at least this "
        "share of the earlier question's words (idf-weighted, qa.answer.followup.setting_coverage) that the best "
        "span's passage holds, unless it scores as the best does: 'refs for the interleukin ones?' after a "
        "question on anticancer genes asks for those studies, not every interleukin sentence (0: off).")
    sources_strong_fraction: float = Field(
        default=0.95, ge=0.0, le=1.01,
        description="A cited sentence scoring at least this fraction of the best span joins a sources answer "
        "even when it does not name the question's concepts (its section or the sentence before may; 1.01: never).")
    sources_depth: int = Field(
        default=30, ge=1, le=1000, description="Passages a sources question's answer is chosen from (in place "
        "of `answer_depth`): its studies are spread over more passages."
    )
    sources_wordings: int = Field(
        default=3, ge=0, le=20,
        description="A sources question about one subject is also searched in up to this many other names of "
        "it that the library uses more (glossaries' and synonyms' counterparts: 'lupus' -> 'SLE'), each as a "
        "question of its own on the question's score scale; a sentence keeps its best score over the wordings, "
        "so a study written up under one name is found under the other (0: off; qa/answer/rewording.py).")
    sources_relative_floor: float = Field(
        default=0.85, ge=0.0, le=1.0,
        description="A sources answer keeps cited sentences scoring at least this fraction of the best "
        "span (questions of three or more concepts: a finding's studies).",
    )
    sources_citation_floor: float = Field(
        default=0.88, ge=0.0, le=1.0,
        description="A sources answer about a finding (three or more concepts) shows its sentences down to "
        "sources_relative_floor of the best, but one below this fraction of the best is shown as context, its "
        "studies not offered as the answer's, unless it names one of the rarer half of the question's words "
        "that no citing sentence above it names (it states a part of the finding they leave out; on no dev, "
        "blind-dev or test question, only user trial 6) or is a table row (0: every shown sentence cites). "
        "Most of a sources answer's false keys came from such sentences (another finding or review beside the "
        "asked one). Chosen on dev + blind-dev seeds: 0.88 gains on both (citation "
        "P 0.752 -> 0.776 / 0.717 -> 0.730, recall unchanged); 0.85-0.87 only dev or nothing, 0.89-1.0 cost dev "
        "recall 0.924 -> 0.908 (evals/README.md, eighteenth session).")
    sources_specific_concept: bool = Field(
        default=True,
        description="In a sources answer about a finding (three or more concepts), a sentence citing a number of its "
        "own, below sources_strong_fraction of the best, that writes in no form the most specific question concept "
        "the best citing sentence writes as asked (qa.answer.sources.most_specific) is shown as context, its "
        "studies not offered: it states a neighbouring finding ('Proposed silencing mechanisms (Feldman et al., "
        "2006; ...) include DNA methylation ...' beside '... are self-perpetuating (Hansen et al., 2008; ...)'). "
        "Blind-dev-pdfs citation P 0.771 -> 0.780, nothing else moved (evals/README.md, twenty-ninth session).")
    sources_one_study: Literal["off", "span", "group"] = Field(
        default="group",
        description="A sources question asking for one study in the singular ('What study is cited for ...?', "
        "'which ref is that?': qa.retrieval.question.asks_one_source) offers the citations of its best citing span "
        "only ('span'; also only the citation group of the clause naming most of what is asked: 'group'); the "
        "other spans stay shown as context. When the best span by score names less of the question than another "
        "citing span, both cite. 'off': every span cites. Measured (citation P, recall unchanged everywhere): "
        "blind-dev seeds 0.647 -> 0.702 (through b4 0.739 -> 0.748), blind-dev pdfs 0.819 -> 0.837 (b4 0.910 -> "
        "0.918); 'span' 0.695 / 0.825; dev and test seeds unchanged (evals/README.md, twentieth session).")
    sources_subject_floor: float = Field(
        default=0.4, ge=0.0, le=1.0,
        description="The same fraction for a sources question of one or two concepts ('sources used "
        "for SLE?'), which asks for a subject's literature rather than one finding's studies.",
    )
    max_sources_spans: int = Field(default=30, ge=1, le=1000, description="Most spans in a sources answer.")
    sources_reach_citation: int = Field(
        default=2, ge=0, le=5,
        description="A sources answer with no cited sentence on its topic quotes its best sentence up to the "
        "sentence at most this many after it (same paragraph, none between citing) that cites: a finding "
        "described over a few sentences is cited once at its end (user trial 18; 0: off).")
    sources_uncited_joins: bool = Field(
        default=True,
        description="A sources answer that reaches no citing sentence shows its best sentence joined as any first "
        "span is (qa.answer.joins: a contrast or continuation after it), not cut off alone (user trial 42).")
